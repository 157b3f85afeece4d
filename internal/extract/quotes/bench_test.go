package quotes

import (
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// BenchmarkExtract measures the stage on testdata/drought.txt, a 5 KB
// wire article with a dozen quotations, after decode and entities.
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
	q := New()
	b.SetBytes(int64(len(ev.Text)))
	b.ReportAllocs()
	for b.Loop() {
		q.Extract(ev.Text, ev.Paragraphs, ev.Entities)
	}
}

// BenchmarkHostile measures 1 MiB of attributed one-line quotations, the
// costliest shape: every quotation up to the bound is attributed.
func BenchmarkHostile(b *testing.B) {
	text := strings.Repeat(`"Go now," he said. `, (1<<20)/19)
	paras := extracttest.Paragraphs(text)
	q := New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		q.Extract(text, paras, nil)
	}
}
