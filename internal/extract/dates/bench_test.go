package dates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// benchAnchor is the anchor of the benchmarks.
var benchAnchor = Anchor{Time: time.Date(2025, time.December, 4, 15, 0, 0, 0, time.UTC), Kind: "ingested"}

// benchText returns a 5 KB article: the project's samples 01 and 02,
// decoded, one after the other.
func benchText(b *testing.B) string {
	b.Helper()
	var parts []string
	for _, name := range []string{"01-ecb-rates.txt", "02-un-climate-summit.txt"} {
		parts = append(parts, decodeFile(b, filepath.Join(extracttest.SamplesDir, name), time.Time{}).Event.Text)
	}
	text := strings.Join(parts, "\n\n")
	if len(text) < 5000 {
		b.Fatalf("bench article of %d bytes, want 5 KB", len(text))
	}
	return text
}

// BenchmarkExtract measures the stage on a 5 KB article.
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	d := newStage(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		d.Extract(text, benchAnchor)
	}
	reportCPU(b, cpu0, len(text))
	b.ReportMetric(float64(len(d.Extract(text, benchAnchor))), "mentions")
}

// BenchmarkExtractSample measures the stage on the shared wire article.
func BenchmarkExtractSample(b *testing.B) {
	if _, err := os.Stat(extracttest.SharedSample); err != nil {
		b.Skipf("shared sample absent: %v", err)
	}
	text := decodeFile(b, extracttest.SharedSample, time.Time{}).Event.Text
	d := newStage(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		d.Extract(text, benchAnchor)
	}
	reportCPU(b, cpu0, len(text))
}

// BenchmarkTokenize measures the tokenizer alone on the 5 KB article.
func BenchmarkTokenize(b *testing.B) {
	text := benchText(b)
	lx := newLexicon()
	toks := make([]token, 0, 2048)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		toks = tokenize(toks[:0], text, lx)
	}
	reportCPU(b, cpu0, len(text))
	b.ReportMetric(float64(len(toks)), "tokens")
}

// BenchmarkAdversarial measures the stage on 1 MiB of hostile text:
// nothing but date expressions (the most mentions per byte), and bare
// weekdays among long runs of punctuation and words (the longest tense
// searches). The cost per byte must stay that of ordinary text, give or
// take a small factor.
func BenchmarkAdversarial(b *testing.B) {
	for _, tt := range []struct{ name, unit string }{
		{"dates", "Monday, Sept. 30, 2015 at 9:42 a.m. GMT last Friday within 18 months 2015-17 the '90s May 5 "},
		{"weekdays", "Monday " + strings.Repeat("$ ", 40) + "Tuesday " + strings.Repeat("word ", 40)},
	} {
		b.Run(tt.name, func(b *testing.B) {
			text := strings.Repeat(tt.unit, (1<<20)/len(tt.unit))
			d := newStage(b, WithMaxMentions(1<<20))
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				d.Extract(text, benchAnchor)
			}
			reportCPU(b, cpu0, len(text))
		})
	}
}

// reportCPU adds the process CPU time per operation since cpu0, and the
// throughput it gives, to a benchmark's results (see processCPU).
func reportCPU(b *testing.B, cpu0 time.Duration, bytes int) {
	b.Helper()
	cpu := processCPU() - cpu0
	if cpu <= 0 || b.N == 0 {
		return
	}
	perOp := float64(cpu.Nanoseconds()) / float64(b.N)
	b.ReportMetric(perOp, "cpu-ns/op")
	b.ReportMetric(float64(bytes)/perOp*1e3, "cpu-MB/s")
}
