package language

import (
	"math"
	"testing"
)

// TestLatinMatchesLingua checks that the detector's own scoring of texts
// in ASCII letters gives lingua's most likely language and confidence,
// on the start of every paragraph of the fixtures and samples at sizes
// from 16 to 512 bytes, where confidences are far from 0 and 1.
func TestLatinMatchesLingua(t *testing.T) {
	d := newDetector(t)
	if d.latin == nil {
		t.Fatal("default detector has no latinScorer")
	}
	var texts []string
	for _, p := range fixtureParagraphs(t) {
		for _, n := range []int{16, 24, 32, 48, 64, 128, 256, 512} {
			texts = append(texts, Sample(p.text, n))
		}
	}
	texts = append(texts, "zzzz qqqq xxxx", "The the THE tHe", "a b c d e f g", "Ferdinand Marcos Jr. ordered")
	scored := 0
	for _, s := range texts {
		l, conf, ok := d.latin.score(s)
		if !ok {
			continue
		}
		scored++
		values := d.det.ComputeLanguageConfidenceValues(s)
		want := values[0]
		if want.Value() == 0 {
			if conf != 0 {
				t.Errorf("%q: latin %v %.6f, lingua none", s, l, conf)
			}
			continue
		}
		if l != want.Language() || math.Abs(conf-want.Value()) > 1e-9 {
			t.Errorf("%q: latin %v %.12f, lingua %v %.12f", s, l, conf, want.Language(), want.Value())
		}
	}
	if scored < len(texts)/2 {
		t.Errorf("latinScorer scored %d of %d texts", scored, len(texts))
	}
	t.Logf("%d of %d texts scored without lingua, all as lingua does", scored, len(texts))
}

// TestLatinFallback checks the texts the detector leaves to lingua.
func TestLatinFallback(t *testing.T) {
	d := newDetector(t)
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"ascii", "The central bank left rates unchanged", true},
		{"ascii with curly quotes and dashes", "“The bank” — left rates unchanged", true},
		{"accented letter", "Le gouvernement a présenté un projet", false},
		{"cyrillic", "Правительство одобрило план", false},
		{"han", "市政府宣布将在明年新建五所学校", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, ok := d.latin.score(tt.in); ok != tt.ok {
				t.Errorf("score(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
		})
	}
}

// TestLatinOff checks the configurations that leave every text to
// lingua: one Latin-script language (lingua's rules decide then) and
// WithLinguaOnly.
func TestLatinOff(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
	}{
		{"one latin language", []Option{WithLanguages("en", "ru")}},
		{"lingua only", []Option{WithLinguaOnly()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := newDetector(t, tt.opts...); d.latin != nil {
				t.Errorf("detector has a latinScorer, want none")
			}
		})
	}
}

// FuzzLatinMatchesLingua checks the detector's own scoring against
// lingua's on any text it scores, but for near ties, which the order of
// floating-point additions can settle either way.
func FuzzLatinMatchesLingua(f *testing.F) {
	for _, s := range []string{"The central bank left rates unchanged", "zzzz qqqq", "A.B-C d'e", "“Quote” — dash"} {
		f.Add(s)
	}
	d := newDetector(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2*DefaultMaxBytes {
			// The stage never scores more than its sample, and lingua's
			// time grows fast with length, which would stall the fuzzer.
			return
		}
		l, conf, ok := d.latin.score(s)
		if !ok {
			return
		}
		values := d.det.ComputeLanguageConfidenceValues(s)
		want := values[0]
		if want.Value() == 0 {
			if conf != 0 {
				t.Errorf("%q: latin %v %.6f, lingua none", s, l, conf)
			}
			return
		}
		if len(values) > 1 && want.Value()-values[1].Value() < 1e-6 {
			return // a near tie
		}
		if l != want.Language() || math.Abs(conf-want.Value()) > 1e-9 {
			t.Errorf("%q: latin %v %.12f, lingua %v %.12f", s, l, conf, want.Language(), want.Value())
		}
	})
}
