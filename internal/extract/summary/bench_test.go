package summary

import (
	"testing"
)

// BenchmarkLead measures the default lead summary of testdata/danube.txt,
// a 5 KB wire article, with the stage's own sentence split.
func BenchmarkLead(b *testing.B) {
	benchmarkMethod(b, MethodLead)
}

// BenchmarkTextRank measures the TextRank summary of the same article
// (all of its 36 body sentences are inside the default window).
func BenchmarkTextRank(b *testing.B) {
	benchmarkMethod(b, MethodTextRank)
}

func benchmarkMethod(b *testing.B, m Method) {
	doc := loadDoc(b, "testdata/danube.txt")
	s := newSummarizer(b, WithMethod(m))
	b.SetBytes(int64(len(doc.Event.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Process(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
