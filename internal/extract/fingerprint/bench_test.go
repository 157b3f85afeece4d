package fingerprint

import (
	"strconv"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
)

// BenchmarkProcess measures the whole stage (SHA-256, SimHash and the two
// hex strings) on a 5 KB generated wire article.
func BenchmarkProcess(b *testing.B) {
	text := fiveKB(b)
	f := newFingerprinter(b)
	doc := &extract.Document{}
	doc.Event.Text = text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := f.Process(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimHash measures the SimHash alone, per shingle size.
func BenchmarkSimHash(b *testing.B) {
	text := fiveKB(b)
	for _, k := range []int{1, 3, DefaultShingleSize, MaxShingleSize} {
		b.Run("k="+strconv.Itoa(k), func(b *testing.B) {
			f := newFingerprinter(b, WithShingleSize(k))
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				f.SimHash(text)
			}
		})
	}
}

// BenchmarkContentHash measures the SHA-256 alone.
func BenchmarkContentHash(b *testing.B) {
	text := fiveKB(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ContentHash(text)
	}
}
