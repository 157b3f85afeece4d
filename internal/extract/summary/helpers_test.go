package summary

import (
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

func newSummarizer(tb testing.TB, opts ...Option) *Summarizer {
	tb.Helper()
	s, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}

// loadDoc runs the decode stage, the only one before this stage that it
// reads, on the payload in path.
func loadDoc(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	return extracttest.Load(tb, path, extracttest.Must(tb)(decode.New()))
}

// sentenceTexts returns the text of each summary sentence.
func sentenceTexts(text string, sum *event.Summary) []string {
	if sum == nil {
		return nil
	}
	out := make([]string, len(sum.Sentences))
	for i, sp := range sum.Sentences {
		out[i] = text[sp.Start:sp.End]
	}
	return out
}
