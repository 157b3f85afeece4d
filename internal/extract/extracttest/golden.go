package extracttest

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

// update is the -update flag of every test binary that imports this
// package. It is the one package-level variable allowed here: the testing
// package parses flags before any test runs, and a flag must be defined
// at package level to be seen.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Golden compares got, marshalled as indented JSON with a final newline,
// with the golden file at path. With -update it writes the file instead
// (creating its directory) and the comparison is skipped. A difference is
// reported with the first line that differs; a missing file fails the
// test with the command that creates it.
func Golden(tb testing.TB, path string, got any) {
	tb.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	b = append(b, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Fatalf("no golden file %s: run the test with -update to create it, and review it", path)
	}
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		tb.Errorf("output differs from %s (run with -update to accept, and review the diff):\n%s", path, firstDiff(string(b), string(want)))
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

// GoldenPath is testdata/<name>.golden.json, where [Golden] keeps the
// expected output for the input called name.
func GoldenPath(name string) string {
	return filepath.Join("testdata", name+".golden.json")
}

// TextParagraph is a paragraph as golden files show it: the
// [event.Paragraph] with the text it spans, so that a reviewer can see
// that the offsets are right.
type TextParagraph struct {
	event.Paragraph
	Text string `json:"text"`
}

// TextParagraphs pairs each paragraph of ev with its text; nil when ev
// has no paragraphs.
func TextParagraphs(ev *event.Event) []TextParagraph {
	var out []TextParagraph
	for _, p := range ev.Paragraphs {
		out = append(out, TextParagraph{Paragraph: p, Text: ev.Text[p.Start:p.End]})
	}
	return out
}
