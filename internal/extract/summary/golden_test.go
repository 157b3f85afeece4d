package summary

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
	for _, path := range sampleFiles(t) {
		name := sampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := loadDoc(t, path)
			if err := lead.Process(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			g := golden{Lead: doc.Event.Summary, TextRank: tr.Summarize(doc)}
			checkSummary(t, doc.Event.Text, g.Lead, DefaultSentences)
			checkSummary(t, doc.Event.Text, g.TextRank, DefaultSentences)
			got, err := json.MarshalIndent(g, "", "  ")
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
				t.Fatalf("no golden file %s: run go test ./internal/extract/summary -run TestGolden -update", file)
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
