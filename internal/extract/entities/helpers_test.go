package entities

import (
	"strings"
	"sync"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

// testGazetteer loads the gazetteer once for all tests of the package.
func testGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	gazOnce.Do(func() { gaz, gazErr = gazetteer.Load() })
	if gazErr != nil {
		t.Fatalf("load gazetteer: %v", gazErr)
	}
	return gaz
}

func newStage(t testing.TB, opts ...Option) *Entities {
	t.Helper()
	s, err := New(testGazetteer(t), opts...)
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

// buildDoc joins a headline, a standfirst and body paragraphs into Text
// with their Paragraphs. Empty parts are skipped, as decode does.
func buildDoc(parts ...string) (string, []event.Paragraph) {
	var b strings.Builder
	var paras []event.Paragraph
	for i, p := range parts {
		if p == "" {
			continue
		}
		kind := event.ParagraphBody
		switch i {
		case 0:
			kind = event.ParagraphHeadline
		case 1:
			kind = event.ParagraphStandfirst
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		paras = append(paras, event.Paragraph{Kind: kind, Start: start, End: b.Len()})
	}
	return b.String(), paras
}
