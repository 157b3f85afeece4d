package normalize

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
)

// untidy rewrites a clean article the way copy-pasted or badly converted
// feeds arrive: no-break spaces, tabs, soft hyphens, decomposed accents,
// zero-width spaces and a line break per paragraph.
var untidy = strings.NewReplacer(
	" the ", " the\u00a0", " a ", "\ta ", "tion", "ti\u00adon", "ü", "u\u0308", "é", "e\u0301",
	", ", ",\u200b ", ". ", ".\n",
)

// BenchmarkNormalize runs the stage on the project samples (clean after
// decode: the fast path), on testdata/article.txt (a 4.9 KB article, clean
// and made untidy) and on testdata/untidy.json.
func BenchmarkNormalize(b *testing.B) {
	type bench struct {
		name string
		doc  *extract.Document
	}
	var benches []bench
	for _, path := range goldenInputs(b) {
		benches = append(benches, bench{name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), doc: decodeFile(b, path)})
	}
	clean := decodeFile(b, "testdata/article.txt")
	var parts []string
	for _, p := range clean.Event.Paragraphs {
		parts = append(parts, untidy.Replace(clean.Event.Text[p.Start:p.End]))
	}
	benches = append(benches, bench{name: "article-5KB-untidy", doc: rawDoc(parts...)})

	n := newNormalizer(b)
	for _, bm := range benches {
		b.Run(bm.name, func(b *testing.B) {
			template := bm.doc.Event
			doc := &extract.Document{Event: template}
			if err := n.Process(b.Context(), doc); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(template.Text)))
			b.ReportAllocs()
			for b.Loop() {
				doc.Event = template
				_ = n.Process(b.Context(), doc)
			}
		})
	}
}

// BenchmarkCleanSpan measures the fast-path scan alone on a clean 4.9 KB
// article.
func BenchmarkCleanSpan(b *testing.B) {
	doc := decodeFile(b, "testdata/article.txt")
	n := newNormalizer(b)
	text := doc.Event.Text
	paras := doc.Event.Paragraphs
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if ok, _ := n.isNormal(text, paras); !ok {
			b.Fatal("article is not normal")
		}
	}
}
