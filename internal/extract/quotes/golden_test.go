package quotes

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
	for _, path := range sampleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, path)
			if err := q.Process(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			ev := doc.Event
			checkQuotes(t, ev.Text, ev.Entities, ev.Quotes)
			gq := make([]goldenQuote, 0, len(ev.Quotes))
			for _, qt := range ev.Quotes {
				gq = append(gq, goldenQuote{Quote: qt, SpeakerText: speakerText(ev.Text, qt)})
			}
			got, err := json.MarshalIndent(gq, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("no golden file %s: run go test ./internal/extract/quotes -run TestGolden -update", golden)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("quotes of %s differ from %s (run with -update to accept):\n%s", path, golden, firstDiff(string(got), string(want)))
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
