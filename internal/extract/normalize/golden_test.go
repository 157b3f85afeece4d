package normalize

import (
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// goldenDoc is what the golden files hold: the fields the stage sets.
type goldenDoc struct {
	// Copied is true when the text was rebuilt rather than kept.
	Copied     bool                        `json:"copied"`
	Headline   string                      `json:"headline"`
	Standfirst string                      `json:"standfirst,omitempty"`
	Byline     string                      `json:"byline,omitempty"`
	Section    string                      `json:"section,omitempty"`
	Paragraphs []extracttest.TextParagraph `json:"paragraphs"`
	Related    []event.RelatedStory        `json:"related,omitempty"`
	Warnings   []event.Warning             `json:"warnings,omitempty"`
}

// TestGolden decodes each project sample and each testdata fixture,
// normalizes it and compares the result with testdata/<name>.golden.json.
// Accept a change with
// go test ./internal/extract/normalize -run TestGolden -update
// and review the diff.
func TestGolden(t *testing.T) {
	n := newNormalizer(t)
	for _, path := range goldenInputs(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, path)
			before := doc.Event.Text
			extracttest.Run(t, doc, n)
			ev := &doc.Event
			if err := normalError(ev); err != nil {
				t.Fatal(err)
			}
			g := goldenDoc{
				Copied:   unsafe.StringData(ev.Text) != unsafe.StringData(before),
				Headline: ev.Headline, Standfirst: ev.Standfirst, Byline: ev.Byline, Section: ev.Section,
				Paragraphs: extracttest.TextParagraphs(ev), Related: ev.Related, Warnings: ev.Warnings,
			}
			extracttest.Golden(t, extracttest.GoldenPath(name), g)
		})
	}
}

// TestSharedWireSample runs decode and normalize on the team's real wire
// article, which is already clean: it must come through untouched, curly
// quotes and apostrophes included.
func TestSharedWireSample(t *testing.T) {
	if _, err := os.Stat(extracttest.SharedSample); err != nil {
		t.Skipf("shared sample not present: %v", err)
	}
	doc := decodeFile(t, extracttest.SharedSample)
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
