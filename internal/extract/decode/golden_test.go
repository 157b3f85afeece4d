package decode

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// goldenEvent is what the golden files hold: the fields decode sets.
type goldenEvent struct {
	Format      string                      `json:"format"`
	ArticleID   string                      `json:"article_id"`
	Source      string                      `json:"source"`
	Provider    string                      `json:"provider,omitempty"`
	URL         string                      `json:"url,omitempty"`
	Headline    string                      `json:"headline"`
	Standfirst  string                      `json:"standfirst,omitempty"`
	Byline      string                      `json:"byline,omitempty"`
	Section     string                      `json:"section,omitempty"`
	PublishedAt *time.Time                  `json:"published_at,omitempty"`
	Text        string                      `json:"text"`
	Paragraphs  []extracttest.TextParagraph `json:"paragraphs"`
	Related     []event.RelatedStory        `json:"related,omitempty"`
	Warnings    []event.Warning             `json:"warnings,omitempty"`
}

func goldenOf(ev event.Event) goldenEvent {
	return goldenEvent{
		Format: ev.Format, ArticleID: ev.ArticleID, Source: ev.Source, Provider: ev.Provider, URL: ev.URL,
		Headline: ev.Headline, Standfirst: ev.Standfirst, Byline: ev.Byline, Section: ev.Section,
		PublishedAt: ev.PublishedAt, Text: ev.Text, Paragraphs: extracttest.TextParagraphs(&ev),
		Related: ev.Related, Warnings: ev.Warnings,
	}
}

// decodeFile decodes the payload file at path with d and checks that
// the paragraphs tile the text.
func decodeFile(tb testing.TB, d *Decoder, path string) *extract.Document {
	tb.Helper()
	doc := extracttest.Load(tb, path, d)
	if err := paragraphsError(doc.Event); err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	return doc
}

// TestGolden decodes each project sample and compares the result with
// testdata/<name>.golden.json. Run go test ./internal/extract/decode
// -run TestGolden -update to accept a change, and review the diff.
func TestGolden(t *testing.T) {
	d := newDecoder(t)
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, d, path)
			extracttest.Golden(t, extracttest.GoldenPath(name), goldenOf(doc.Event))
		})
	}
}

func TestSharedWireSample(t *testing.T) {
	if _, err := os.Stat(extracttest.SharedSample); err != nil {
		t.Skipf("shared sample not present: %v", err)
	}
	doc := decodeFile(t, newDecoder(t), extracttest.SharedSample)
	ev := doc.Event

	if want := "Kremlin hails Iran, Russia ‘unity’ on Syria after Putin’s visit to Tehran"; ev.Headline != want {
		t.Errorf("headline %q, want %q", ev.Headline, want)
	}
	if want := "Moscow and Tehran have been the key backers of Syrian President Bashar Assad throughout Syria's civil war"; ev.Standfirst != want {
		t.Errorf("standfirst %q, want %q", ev.Standfirst, want)
	}
	body := 0
	for _, p := range ev.Paragraphs {
		if p.Kind == event.ParagraphBody {
			body++
		}
	}
	if body != 14 {
		t.Errorf("%d body paragraphs, want 14", body)
	}
	var sections []string
	for _, r := range ev.Related {
		sections = append(sections, r.Section)
	}
	wantSections := []string{
		"Middle East", "Middle East", "World News", "Middle East", "Variety", "Middle East",
		"World News", "World News", "World News", "World News", "World News", "Middle East",
	}
	if !slices.Equal(sections, wantSections) {
		t.Errorf("related sections %q, want %q", sections, wantSections)
	}
	first := event.RelatedStory{
		Headline: "Jordan’s King Abdullah to discuss war on Syria militants with Putin",
		Teaser:   "Jordan had reached an agreement with Moscow that Russia does not target Western backed rebels in Syria",
		Section:  "Middle East",
	}
	if len(ev.Related) == 0 || !reflect.DeepEqual(ev.Related[0], first) {
		t.Errorf("first related story %+v, want %+v", ev.Related, first)
	}
	if last := ev.Related[len(ev.Related)-1]; strings.HasSuffix(last.Teaser, "-") || last.Teaser == "" {
		t.Errorf("last related teaser %q keeps a marker or is empty", last.Teaser)
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings %v, want none", ev.Warnings)
	}
}
