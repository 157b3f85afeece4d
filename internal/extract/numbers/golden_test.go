package numbers

import (
	"testing"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// TestGolden runs decode, entities and numbers on every sample of
// samples/ and compares the quantities with testdata/<sample>.golden.json.
// Run go test ./internal/extract/numbers -run TestGolden -update to
// accept a change, and review the diff.
func TestGolden(t *testing.T) {
	n := New()
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, path)
			extracttest.Run(t, doc, n)
			checkQuantities(t, doc.Event.Text, doc.Event.Numbers)
			extracttest.Golden(t, extracttest.GoldenPath(name), doc.Event.Numbers)
		})
	}
}
