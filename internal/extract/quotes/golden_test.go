package quotes

import (
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// goldenQuote is what the golden files hold for one quotation: the event
// field, and the text of the speaker span so that a reviewer can check
// the offsets.
type goldenQuote struct {
	event.Quote
	SpeakerText string `json:"speaker_text,omitempty"`
}

// TestGolden runs decode, entities and quotes on every sample of
// samples/ and compares the quotations with testdata/<sample>.golden.json.
// Run go test ./internal/extract/quotes -run TestGolden -update to accept
// a change, and review the diff.
func TestGolden(t *testing.T) {
	q := New()
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, path)
			extracttest.Run(t, doc, q)
			ev := doc.Event
			checkQuotes(t, ev.Text, ev.Entities, ev.Quotes)
			gq := make([]goldenQuote, 0, len(ev.Quotes))
			for _, qt := range ev.Quotes {
				gq = append(gq, goldenQuote{Quote: qt, SpeakerText: speakerText(ev.Text, qt)})
			}
			extracttest.Golden(t, extracttest.GoldenPath(name), gq)
		})
	}
}
