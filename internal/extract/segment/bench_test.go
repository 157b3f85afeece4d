package segment

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
)

// BenchmarkSegment runs the stage on each project sample and on
// testdata/harbour-talks.txt (a 5 KB article dense with abbreviations and
// quotations), after decode and normalize, with the Document's token and
// sentence slices reused as the stage allows.
func BenchmarkSegment(b *testing.B) {
	s := newSegmenter(b)
	for _, path := range goldenInputs(b) {
		doc := prepare(b, path)
		b.Run(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), func(b *testing.B) {
			if err := s.Process(b.Context(), doc); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(doc.Event.Text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = s.Process(b.Context(), doc)
			}
		})
	}
}

// BenchmarkSegmentNewDocument measures the first run on a Document,
// which allocates the token and sentence slices.
func BenchmarkSegmentNewDocument(b *testing.B) {
	s := newSegmenter(b)
	ev := prepare(b, "testdata/harbour-talks.txt").Event
	b.SetBytes(int64(len(ev.Text)))
	b.ReportAllocs()
	for b.Loop() {
		doc := &extract.Document{Event: ev}
		doc.Event.Sentences = nil
		_ = s.Process(b.Context(), doc)
	}
}
