package language

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// samplesDir holds the project's sample articles, all in English.
const samplesDir = "../../../samples"

// sharedSample is the real wire article the team shares; it lives
// outside the repository and may be absent.
const sharedSample = "../../../../shared/samples/wire-article.txt"

func newDetector(tb testing.TB, opts ...Option) *Detector {
	tb.Helper()
	d, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return d
}

// decodeFile runs the decode stage on a payload file, as the worker does
// before the language stage.
func decodeFile(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	payload, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	dec, err := decode.New()
	if err != nil {
		tb.Fatal(err)
	}
	doc := &extract.Document{Raw: extract.Raw{Payload: payload, Source: "test"}}
	if err := dec.Process(tb.Context(), doc); err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	return doc
}

// articleText is the Event.Text of a decoded payload file.
func articleText(tb testing.TB, path string) string {
	tb.Helper()
	return decodeFile(tb, path).Event.Text
}

// codeOf is the language of a testdata fixture, the start of its name
// ("fr-port.txt"), or "en" for the project's samples.
func codeOf(path string) string {
	base := filepath.Base(path)
	if code, _, ok := strings.Cut(base, "-"); ok && len(code) == 2 && code[0] > '9' {
		return code
	}
	return "en"
}

// articleFiles are the fixtures (one article per default language, in
// wire text) and the project's English samples.
func articleFiles(tb testing.TB) []string {
	tb.Helper()
	fixtures, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		tb.Fatal(err)
	}
	samples, err := filepath.Glob(filepath.Join(samplesDir, "0*"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(fixtures) < 10 || len(samples) == 0 {
		tb.Fatalf("%d fixtures and %d samples, want 10 and some", len(fixtures), len(samples))
	}
	return append(fixtures, samples...)
}

type paragraph struct{ code, text string }

// fixtureParagraphs returns every paragraph of the articles of
// [articleFiles] from 40 bytes up, with its language.
func fixtureParagraphs(tb testing.TB) []paragraph {
	tb.Helper()
	var paras []paragraph
	for _, f := range articleFiles(tb) {
		ev := decodeFile(tb, f).Event
		for _, p := range ev.Paragraphs {
			if p.End-p.Start >= 40 {
				paras = append(paras, paragraph{code: codeOf(f), text: ev.Text[p.Start:p.End]})
			}
		}
	}
	return paras
}

// generatedTexts are the Event.Text of the first n articles that
// samplegen makes with seed 7, the articles of the stage chain's
// benchmark, decoded as the worker does before the language stage.
func generatedTexts(tb testing.TB, n int) []string {
	tb.Helper()
	dec, err := decode.New()
	if err != nil {
		tb.Fatal(err)
	}
	g := samplegen.New(7)
	texts := make([]string, n)
	for i := range texts {
		a := g.Next()
		doc := &extract.Document{Raw: extract.Raw{Payload: a.Payload, Source: a.Source, ContentType: a.Format.ContentType()}}
		if err := dec.Process(tb.Context(), doc); err != nil {
			tb.Fatalf("decode %s: %v", a.ID, err)
		}
		texts[i] = doc.Event.Text
	}
	return texts
}
