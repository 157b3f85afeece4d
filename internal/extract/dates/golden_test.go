package dates

import (
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// goldenIngest is the ingest time given to samples without a publication
// time: the wire-text samples are set in late 2025.
var goldenIngest = time.Date(2025, time.December, 4, 15, 0, 0, 0, time.UTC)

// golden is what a golden file holds: the anchor and the mentions.
type golden struct {
	Anchor Anchor              `json:"anchor"`
	Dates  []event.DateMention `json:"dates"`
}

// TestGolden runs the decode stage and then this one on each project
// sample and compares the mentions with testdata/<sample>.golden.json.
// Run go test ./internal/extract/dates -run TestGolden -update to accept
// a change, and review the diff.
func TestGolden(t *testing.T) {
	d := newStage(t)
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, path, goldenIngest)
			extracttest.Run(t, doc, d)
			checkMentions(t, doc.Event.Text, doc.Event.Dates)
			extracttest.Golden(t, extracttest.GoldenPath(name), golden{Anchor: AnchorOf(doc), Dates: doc.Event.Dates})
		})
	}
}
