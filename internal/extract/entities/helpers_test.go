package entities

import (
	"strings"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

func newStage(t testing.TB, opts ...Option) *Entities {
	t.Helper()
	s, err := New(extracttest.Gazetteer(t), opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// wireDoc builds Text and Paragraphs from wire text the way the decode
// stage does: the first line is the headline, the second the standfirst,
// then body lines up to a line "-"; everything after it is related
// stories, not text.
func wireDoc(raw string) (string, []event.Paragraph) {
	var parts []string
	for line := range strings.SplitSeq(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "-" {
			break
		}
		if line != "" {
			parts = append(parts, strings.Join(strings.Fields(line), " "))
		}
	}
	return buildDoc(parts...)
}

// buildDoc is [extracttest.Doc] as the Text and Paragraphs that the
// stage's Extract takes.
func buildDoc(parts ...string) (string, []event.Paragraph) {
	ev := extracttest.Doc(parts...).Event
	return ev.Text, ev.Paragraphs
}
