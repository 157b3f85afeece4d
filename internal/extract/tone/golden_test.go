package tone

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/event"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the samples")

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
	for _, path := range sampleFiles(t) {
		name := sampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := loadDoc(t, path)
			if err := s.Process(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			checkTone(t, doc.Event.Tone)
			got, err := json.MarshalIndent(golden{Tone: doc.Event.Tone, WithoutNegation: plain.Score(doc)}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			file := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("no golden file %s: run go test ./internal/extract/tone -run TestGolden -update", file)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output on %s differs from %s (run with -update to accept):\n%s", path, file, firstDiff(string(got), string(want)))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ: got " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}
