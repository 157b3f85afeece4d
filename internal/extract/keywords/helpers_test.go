package keywords

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

// samplesDir holds the project's sample articles, relative to this package.
const samplesDir = "../../../samples"

// sharedSample is the real wire article the team shares; it lives
// outside the repository and may be absent.
const sharedSample = "../../../../shared/samples/wire-article.txt"

var (
	entOnce  sync.Once
	entStage *entities.Entities
	entErr   error
)

// entitiesStage loads the gazetteer and the entities stage once.
func entitiesStage(tb testing.TB) *entities.Entities {
	tb.Helper()
	entOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			entErr = err
			return
		}
		entStage, entErr = entities.New(g)
	})
	if entErr != nil {
		tb.Fatalf("entities stage: %v", entErr)
	}
	return entStage
}

func newExtractor(tb testing.TB, opts ...Option) *Extractor {
	tb.Helper()
	x, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return x
}

// loadDoc runs the stages before this one that it reads (decode, then
// entities) on the payload in path.
func loadDoc(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	payload, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := decode.New()
	if err != nil {
		tb.Fatal(err)
	}
	doc := &extract.Document{Raw: extract.Raw{Payload: payload, Source: "samples"}}
	if err := d.Process(tb.Context(), doc); err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	if err := entitiesStage(tb).Process(tb.Context(), doc); err != nil {
		tb.Fatalf("entities %s: %v", path, err)
	}
	return doc
}

// sampleFiles returns the paths of the project's sample articles.
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
			files = append(files, filepath.Join(samplesDir, e.Name()))
		}
	}
	if len(files) == 0 {
		tb.Fatalf("no samples in %s", samplesDir)
	}
	return files
}

func sampleName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// buildDoc makes a document from a headline, a standfirst and body
// paragraphs, as the decode stage would; empty parts are skipped.
func buildDoc(parts ...string) *extract.Document {
	var b strings.Builder
	var paras []event.Paragraph
	for i, p := range parts {
		if p == "" {
			continue
		}
		kind := event.ParagraphBody
		switch i {
		case 0:
			kind = event.ParagraphHeadline
		case 1:
			kind = event.ParagraphStandfirst
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		paras = append(paras, event.Paragraph{Kind: kind, Start: start, End: b.Len()})
	}
	return &extract.Document{Event: event.Event{Text: b.String(), Paragraphs: paras}}
}
