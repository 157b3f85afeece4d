package normalize

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
	"unsafe"

	"github.com/wirestream/wirestream/event"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenDoc is what the golden files hold: the fields the stage sets.
type goldenDoc struct {
	// Copied is true when the text was rebuilt rather than kept.
	Copied     bool                 `json:"copied"`
	Headline   string               `json:"headline"`
	Standfirst string               `json:"standfirst,omitempty"`
	Byline     string               `json:"byline,omitempty"`
	Section    string               `json:"section,omitempty"`
	Paragraphs []goldenParagraph    `json:"paragraphs"`
	Related    []event.RelatedStory `json:"related,omitempty"`
	Warnings   []event.Warning      `json:"warnings,omitempty"`
}

// goldenParagraph repeats the paragraph's text so that a reviewer can see
// that the offsets are right.
type goldenParagraph struct {
	event.Paragraph
	Text string `json:"text"`
}

// TestGolden decodes each project sample and each testdata fixture,
// normalizes it and compares the result with testdata/<name>.golden.json.
// Accept a change with
// go test ./internal/extract/normalize -run TestGolden -update
// and review the diff.
func TestGolden(t *testing.T) {
	n := newNormalizer(t)
	for _, path := range goldenInputs(t) {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, path)
			before := doc.Event.Text
			if err := n.Process(t.Context(), doc); err != nil {
				t.Fatalf("Process: %v", err)
			}
			ev := &doc.Event
			if err := normalError(ev); err != nil {
				t.Fatal(err)
			}
			g := goldenDoc{
				Copied:   unsafe.StringData(ev.Text) != unsafe.StringData(before),
				Headline: ev.Headline, Standfirst: ev.Standfirst, Byline: ev.Byline, Section: ev.Section,
				Related: ev.Related, Warnings: ev.Warnings,
			}
			for _, p := range ev.Paragraphs {
				g.Paragraphs = append(g.Paragraphs, goldenParagraph{Paragraph: p, Text: ev.Text[p.Start:p.End]})
			}
			got, err := json.MarshalIndent(g, "", "  ")
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
				t.Fatalf("no golden file %s: run go test ./internal/extract/normalize -run TestGolden -update", golden)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("normalized %s differs from %s (run with -update to accept):\n%s", path, golden, firstDiff(string(got), string(want)))
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

// TestSharedWireSample runs decode and normalize on the team's real wire
// article, which is already clean: it must come through untouched, curly
// quotes and apostrophes included.
func TestSharedWireSample(t *testing.T) {
	if _, err := os.Stat(sharedSample); err != nil {
		t.Skipf("shared sample not present: %v", err)
	}
	doc := decodeFile(t, sharedSample)
	before := doc.Event.Text
	if err := newNormalizer(t).Process(t.Context(), doc); err != nil {
		t.Fatalf("Process: %v", err)
	}
	ev := &doc.Event
	if err := normalError(ev); err != nil {
		t.Fatal(err)
	}
	if unsafe.StringData(ev.Text) != unsafe.StringData(before) {
		t.Error("the clean sample was copied")
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings %v, want none", ev.Warnings)
	}
	for _, s := range []string{"‘unity’", "Putin’s", "“free and fair elections”", `"unity of views"`} {
		if !strings.Contains(ev.Text, s) {
			t.Errorf("text lost %q", s)
		}
	}
	if len(ev.Paragraphs) != 16 {
		t.Errorf("%d paragraphs, want 16", len(ev.Paragraphs))
	}
}
