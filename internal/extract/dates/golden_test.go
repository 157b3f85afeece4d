package dates

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
	"time"

	"github.com/wirestream/wirestream/event"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the samples")

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
	entries, err := os.ReadDir(samplesDir)
	if err != nil {
		t.Fatalf("read samples: %v", err)
	}
	d := newStage(t)
	n := 0
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".txt", ".json", ".html":
		default:
			continue // README.md
		}
		n++
		name := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, filepath.Join(samplesDir, e.Name()), goldenIngest)
			if err := d.Process(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			checkMentions(t, doc.Event.Text, doc.Event.Dates)
			got, err := json.MarshalIndent(golden{Anchor: AnchorOf(doc), Dates: doc.Event.Dates}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("no golden file %s: run go test ./internal/extract/dates -run TestGolden -update", path)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("dates of %s differ from %s (run with -update to accept):\n%s", name, path, firstDiff(string(got), string(want)))
			}
		})
	}
	if n == 0 {
		t.Fatalf("no samples in %s", samplesDir)
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
