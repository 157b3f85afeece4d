package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the samples")

// samplesDir holds the project's sample articles, relative to this package.
const samplesDir = "../../../samples"

// sharedSample is the real wire article that the team shares, relative to
// this package; it lives outside the repository and may be absent.
const sharedSample = "../../../../shared/samples/wire-article.txt"

// goldenEvent is what the golden files hold: the fields decode sets.
type goldenEvent struct {
	Format      string               `json:"format"`
	ArticleID   string               `json:"article_id"`
	Source      string               `json:"source"`
	Provider    string               `json:"provider,omitempty"`
	URL         string               `json:"url,omitempty"`
	Headline    string               `json:"headline"`
	Standfirst  string               `json:"standfirst,omitempty"`
	Byline      string               `json:"byline,omitempty"`
	Section     string               `json:"section,omitempty"`
	PublishedAt *time.Time           `json:"published_at,omitempty"`
	Text        string               `json:"text"`
	Paragraphs  []goldenParagraph    `json:"paragraphs"`
	Related     []event.RelatedStory `json:"related,omitempty"`
	Warnings    []event.Warning      `json:"warnings,omitempty"`
}

// goldenParagraph repeats the paragraph's text so that a reviewer can see
// that the offsets are right.
type goldenParagraph struct {
	event.Paragraph
	Text string `json:"text"`
}

func goldenOf(ev event.Event) goldenEvent {
	g := goldenEvent{
		Format: ev.Format, ArticleID: ev.ArticleID, Source: ev.Source, Provider: ev.Provider, URL: ev.URL,
		Headline: ev.Headline, Standfirst: ev.Standfirst, Byline: ev.Byline, Section: ev.Section,
		PublishedAt: ev.PublishedAt, Text: ev.Text, Related: ev.Related, Warnings: ev.Warnings,
	}
	for _, p := range ev.Paragraphs {
		g.Paragraphs = append(g.Paragraphs, goldenParagraph{Paragraph: p, Text: ev.Text[p.Start:p.End]})
	}
	return g
}

// sampleFiles returns the paths of the sample articles.
func sampleFiles(tb testing.TB) []string {
	tb.Helper()
	entries, err := os.ReadDir(samplesDir)
	if err != nil {
		tb.Fatalf("read samples: %v", err)
	}
	var files []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".txt", ".json", ".html":
		default:
			continue // README.md
		}
		if e.Type().IsRegular() {
			files = append(files, filepath.Join(samplesDir, e.Name()))
		}
	}
	if len(files) == 0 {
		tb.Fatalf("no samples in %s", samplesDir)
	}
	return files
}

func decodeFile(tb testing.TB, d *Decoder, path string) *extract.Document {
	tb.Helper()
	payload, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc := &extract.Document{Raw: extract.Raw{Payload: payload, Source: "samples"}}
	if err := d.Process(tb.Context(), doc); err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	if err := paragraphsError(doc.Event); err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	return doc
}

func TestGolden(t *testing.T) {
	d := newDecoder(t)
	for _, path := range sampleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		t.Run(name, func(t *testing.T) {
			doc := decodeFile(t, d, path)
			got, err := json.MarshalIndent(goldenOf(doc.Event), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("no golden file %s: run go test ./internal/extract/decode -update", golden)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("decoded %s differs from %s (run with -update to accept):\n%s", path, golden, firstDiff(string(got), string(want)))
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

func TestSharedWireSample(t *testing.T) {
	if _, err := os.Stat(sharedSample); err != nil {
		t.Skipf("shared sample not present: %v", err)
	}
	doc := decodeFile(t, newDecoder(t), sharedSample)
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
