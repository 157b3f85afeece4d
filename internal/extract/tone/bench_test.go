package tone

import (
	"testing"
)

// BenchmarkProcess measures the stage on testdata/danube.txt, a 5 KB
// wire article, decoded, with its entities, using its own word split.
func BenchmarkProcess(b *testing.B) {
	doc := loadDoc(b, "testdata/danube.txt")
	s := newScorer(b)
	b.SetBytes(int64(len(doc.Event.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Process(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcessTokens measures the stage on the same article when
// the segment stage's tokens are present.
func BenchmarkProcessTokens(b *testing.B) {
	doc := loadDoc(b, "testdata/danube.txt")
	segmentLike(doc)
	s := newScorer(b)
	b.SetBytes(int64(len(doc.Event.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Process(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
