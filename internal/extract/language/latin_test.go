package language

import (
	"math"
	"testing"
)

// latinRuleTexts exercise lingua's rules on letters outside ASCII:
// unique characters (German "ß", Polish "ł", Czech "ř"), the character
// table ("ã", "é", "ñ"), ties between them, words of one letter, and
// letters whose lower case is ASCII or that lingua leaves to its models.
var latinRuleTexts = []string{
	"Straße", "Die Straße ist groß", "groß groß the the the", "groß the the the the",
	"groß łódź the", "groß łódź", "ãã the the", "ééé the the the the", "Łódź Kraków Gdańsk", "Łódź groß straße", "přes řeka",
	"São João não são", "ação e não the", "ação não the", "été déjà côté", "été the",
	"Ñandú niño año", "niño the", "é", "ãé", "ß", "a ß", "ßß łł", "é ã ñ ü ö ä",
	"Micheál Martin’s handling", "Galípolo said", "Bogotá talks with Colombia",
	"Đặng Thị Ngọc Thịnh", "İstanbul İzmir", "the Kelvin scale", "ǅemal ǈubljana",
	"ﬁnancial ﬂows", "ꝺ ꞁ ɐɑɒ ʘ", "Ærø Øresund Åland", "Şahin Ağaoğlu Işık",
	"Zürich Genève Gödöllő Győr", "Ţara Românească ţară ţ", "Pražský hrad ůřě",
	"President Emmanuel Macron met Chancellor Olaf Scholz in Brüssel, Belgique.",
	"Lech Wałęsa and Andrzej Duda met in Gdańsk and Łódź.",
}

// latinTexts are the texts the detector's own scoring is checked on:
// the start of every paragraph of the fixtures, at sizes from 16 to 512
// bytes, where confidences are far from 0 and 1, the samples of
// generated articles as the stage sees them, and latinRuleTexts.
func latinTexts(tb testing.TB) []string {
	tb.Helper()
	var texts []string
	for _, p := range fixtureParagraphs(tb) {
		for _, n := range []int{16, 24, 32, 48, 64, 128, 256, 512} {
			texts = append(texts, Sample(p.text, n))
		}
	}
	for _, text := range generatedTexts(tb, 256) {
		texts = append(texts, Sample(text, 64), Sample(text, DefaultMaxBytes))
	}
	texts = append(texts, "zzzz qqqq xxxx", "The the THE tHe", "a b c d e f g", "Ferdinand Marcos Jr. ordered")
	return append(texts, latinRuleTexts...)
}

// TestLatinMatchesLingua checks that the detector's own scoring of texts
// in Latin letters gives lingua's most likely language and confidence,
// for the default languages and for a set of Latin-script languages
// with many rules on their letters.
func TestLatinMatchesLingua(t *testing.T) {
	texts := latinTexts(t)
	tests := []struct {
		name string
		opts []Option
	}{
		{"default", nil},
		{"latin rules", []Option{WithLanguages("en", "de", "pl", "cs", "hu", "pt", "es", "fr", "tr", "vi", "ro", "it", "ru")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDetector(t, tt.opts...)
			if d.latin == nil {
				t.Fatal("detector has no latinScorer")
			}
			scored := 0
			for _, s := range texts {
				if checkLatin(t, d, s, false) {
					scored++
				}
			}
			if scored < len(texts)*9/10 {
				t.Errorf("latinScorer scored %d of %d texts", scored, len(texts))
			}
			t.Logf("%d of %d texts scored without lingua, all as lingua does", scored, len(texts))
		})
	}
}

// TestDetectMatchesLinguaOnly checks that the stage reports exactly what
// it reports when every text goes to lingua, on whole fixture articles,
// generated articles and latinRuleTexts.
func TestDetectMatchesLinguaOnly(t *testing.T) {
	var texts []string
	for _, f := range articleFiles(t) {
		texts = append(texts, articleText(t, f))
	}
	texts = append(texts, generatedTexts(t, 256)...)
	texts = append(texts, latinRuleTexts...)
	checkLinguaOnly(t, newDetector(t), texts)
}

// checkLinguaOnly checks that d detects what a WithLinguaOnly detector
// detects on each of texts.
func checkLinguaOnly(t *testing.T, d *Detector, texts []string) {
	t.Helper()
	lingua := newDetector(t, WithLinguaOnly())
	for _, text := range texts {
		if got, want := d.Detect(text), lingua.Detect(text); got != want {
			t.Errorf("Detect(%.60q) = %+v, lingua only %+v", text, got, want)
		}
	}
}

// checkLatin compares the detector's own scoring of s with lingua's and
// reports whether the detector scored s itself. With skipTies it passes
// near ties, which the order of floating-point additions can settle
// either way.
func checkLatin(t *testing.T, d *Detector, s string, skipTies bool) bool {
	t.Helper()
	l, conf, ok := d.latin.score(s)
	if !ok {
		return false
	}
	values := d.det.ComputeLanguageConfidenceValues(s)
	want := values[0]
	switch {
	case want.Value() == 0:
		if conf != 0 {
			t.Errorf("%q: latin %v %.6f, lingua none", s, l, conf)
		}
	case skipTies && len(values) > 1 && want.Value()-values[1].Value() < 1e-6:
	case l != want.Language() || math.Abs(conf-want.Value()) > 1e-9:
		t.Errorf("%q: latin %v %.12f, lingua %v %.12f", s, l, conf, want.Language(), want.Value())
	}
	return true
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
		{"accented letter", "Le gouvernement a présenté un projet", true},
		{"latin extended", "Lech Wałęsa in Gdańsk", true},
		{"greek letter", "The α particle", false},
		{"micro sign", "5 µg of it", false},
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
// lingua's on any text it scores, but for near ties.
func FuzzLatinMatchesLingua(f *testing.F) {
	for _, s := range []string{"The central bank left rates unchanged", "zzzz qqqq", "A.B-C d'e", "“Quote” — dash"} {
		f.Add(s)
	}
	for _, s := range latinRuleTexts {
		f.Add(s)
	}
	d := newDetector(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2*DefaultMaxBytes {
			// The stage never scores more than its sample, and lingua's
			// time grows fast with length, which would stall the fuzzer.
			return
		}
		checkLatin(t, d, s, true)
	})
}
