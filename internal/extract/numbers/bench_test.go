package numbers

import (
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// BenchmarkExtract measures the stage on testdata/drought.txt, a 5 KB
// wire article with some forty numbers, after decode.
func BenchmarkExtract(b *testing.B) {
	benchmarkFile(b, fixture)
}

// BenchmarkExtractSample measures the stage on the shared sample article.
func BenchmarkExtractSample(b *testing.B) {
	if extracttest.LoadIfPresent(b, extracttest.SharedSample, upstream(b)...) == nil {
		b.Skipf("shared sample %s absent", extracttest.SharedSample)
	}
	benchmarkFile(b, extracttest.SharedSample)
}

func benchmarkFile(b *testing.B, path string) {
	ev := decodeFile(b, path).Event
	n := New()
	b.SetBytes(int64(len(ev.Text)))
	b.ReportAllocs()
	for b.Loop() {
		n.Extract(ev.Text, ev.Paragraphs, ev.Dates)
	}
}

// BenchmarkParseValue measures the number parser on typical forms.
func BenchmarkParseValue(b *testing.B) {
	in := []string{"250,000", "1.5 million", "twenty-five", "three hundred thousand"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseValue(in[i%len(in)])
	}
}

// BenchmarkHostile measures 1 MiB of numbers with currency, scale and
// counted nouns; the stage stops at its bound of quantities.
func BenchmarkHostile(b *testing.B) {
	text := strings.Repeat("about $5 million for 20 people, ", (1<<20)/32)
	paras := extracttest.Paragraphs(text)
	n := New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		n.Extract(text, paras, nil)
	}
}
