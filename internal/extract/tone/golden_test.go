package tone

import (
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// golden is what a golden file holds: the stage's tone of one sample,
// with and without negation handling, so that the effect of negation is
// visible in review.
type golden struct {
	Tone            *event.Tone `json:"tone"`
	WithoutNegation *event.Tone `json:"without_negation"`
}

// TestGolden runs decode, entities and this stage on each sample of
// ../../../samples and compares the result with testdata/<name>.golden.json.
// Run go test ./internal/extract/tone -run TestGolden -update to accept a
// change, and review the diff.
func TestGolden(t *testing.T) {
	s := newScorer(t)
	plain := newScorer(t, WithNegationWindow(0))
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := loadDoc(t, path)
			extracttest.Run(t, doc, s)
			checkTone(t, doc.Event.Tone)
			extracttest.Golden(t, extracttest.GoldenPath(name), golden{Tone: doc.Event.Tone, WithoutNegation: plain.Score(doc)})
		})
	}
}
