package entities

import (
	"os"
	"testing"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// BenchmarkExtract measures the whole stage (tagging, linking,
// aggregation) on testdata/summit.txt, a 5 KB wire article.
func BenchmarkExtract(b *testing.B) {
	raw, err := os.ReadFile("testdata/summit.txt")
	if err != nil {
		b.Fatal(err)
	}
	text, paras := wireDoc(string(raw))
	s := newStage(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Extract(text, paras)
	}
}

// BenchmarkTag measures the rule tagger alone on the same article.
func BenchmarkTag(b *testing.B) {
	raw, err := os.ReadFile("testdata/summit.txt")
	if err != nil {
		b.Fatal(err)
	}
	text, paras := wireDoc(string(raw))
	rt, err := NewRuleTagger(extracttest.Gazetteer(b))
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]Span, 0, 512)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		buf = rt.Tag(text, paras, buf[:0])
	}
}

// BenchmarkExtractSample measures the stage on the shared sample article.
func BenchmarkExtractSample(b *testing.B) {
	raw, err := os.ReadFile(extracttest.SharedSample)
	if err != nil {
		b.Skipf("sample absent: %v", err)
	}
	text, paras := wireDoc(string(raw))
	s := newStage(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Extract(text, paras)
	}
}

// BenchmarkTokenize measures the tokenizer alone on the same article.
func BenchmarkTokenize(b *testing.B) {
	raw, err := os.ReadFile("testdata/summit.txt")
	if err != nil {
		b.Fatal(err)
	}
	text, _ := wireDoc(string(raw))
	toks := make([]token, 0, 2048)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		toks = tokenize(toks[:0], text, 0, len(text))
	}
	b.ReportMetric(float64(len(toks)), "tokens")
}
