package keywords

import (
	"os"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
)

// benchDoc is testdata/danube.txt, a 5 KB wire article, decoded, with
// its entities.
func benchDoc(b *testing.B) *extract.Document {
	b.Helper()
	if _, err := os.Stat("testdata/danube.txt"); err != nil {
		b.Fatal(err)
	}
	return loadDoc(b, "testdata/danube.txt")
}

// BenchmarkProcess measures the whole stage (split, YAKE, topic rules)
// on a 5 KB article, with the fallback sentence and word split.
func BenchmarkProcess(b *testing.B) {
	doc := benchDoc(b)
	x := newExtractor(b)
	b.SetBytes(int64(len(doc.Event.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := x.Process(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcessTokens measures the stage on the same article when the
// segment stage's sentences and tokens are present.
func BenchmarkProcessTokens(b *testing.B) {
	doc := benchDoc(b)
	segmentLike(doc)
	x := newExtractor(b)
	b.SetBytes(int64(len(doc.Event.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := x.Process(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTopic measures the topic rules alone (with the split they
// need).
func BenchmarkTopic(b *testing.B) {
	doc := benchDoc(b)
	x := newExtractor(b)
	b.SetBytes(int64(len(doc.Event.Text)))
	b.ReportAllocs()
	for b.Loop() {
		x.Topic(doc)
	}
}
