package summary

import (
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// golden is what a golden file holds: both methods' summaries of one
// sample.
type golden struct {
	Lead     *event.Summary `json:"lead"`
	TextRank *event.Summary `json:"textrank"`
}

// TestGolden runs decode and this stage on each sample of
// ../../../samples and compares the result with testdata/<name>.golden.json.
// Run go test ./internal/extract/summary -run TestGolden -update to
// accept a change, and review the diff.
func TestGolden(t *testing.T) {
	lead := newSummarizer(t)
	tr := newSummarizer(t, WithMethod(MethodTextRank))
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := loadDoc(t, path)
			extracttest.Run(t, doc, lead)
			g := golden{Lead: doc.Event.Summary, TextRank: tr.Summarize(doc)}
			checkSummary(t, doc.Event.Text, g.Lead, DefaultSentences)
			checkSummary(t, doc.Event.Text, g.TextRank, DefaultSentences)
			extracttest.Golden(t, extracttest.GoldenPath(name), g)
		})
	}
}
