package ner

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func tokenTexts(text string, toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = text[t.Start:t.End]
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // tokens joined by "|"
	}{
		{"possessive", "Iran's envoy", "Iran|'s|envoy"},
		{"curly possessive", "Putin’s visit", "Putin|’s|visit"},
		{"capital possessive", "IRAN'S ENVOY", "IRAN|'S|ENVOY"},
		{"plural possessive", "the Joneses' car", "the|Joneses|'|car"},
		{"abbreviation", "the U.S. and U.N. said", "the|U.S.|and|U.N.|said"},
		{"abbreviation at end", "forces of the U.S.", "forces|of|the|U.S."},
		{"abbreviation possessive", "the U.S.'s allies", "the|U.S.|'s|allies"},
		{"inner hyphen", "S-300 and U.S.-led forces", "S-300|and|U.S.-led|forces"},
		{"arabic article", "Bashar al-Assad", "Bashar|al-Assad"},
		{"title", "Gen. Qassem Soleimani, who", "Gen.|Qassem|Soleimani|,|who"},
		{"initial", "George W. Bush", "George|W.|Bush"},
		{"company", "Acme Inc. said", "Acme|Inc.|said"},
		{"sentence end", "He left. She stayed.", "He|left|.|She|stayed|."},
		{"brackets", "(AP) -- Reuters", "(|AP|)|--|Reuters"},
		{"quotes", "“Iran and Russia,” he said.", "“|Iran|and|Russia|,|”|he|said|."},
		{"single quotes", "‘unity’ on Syria", "‘|unity|’|on|Syria"},
		{"straight quotes", `"unity" 'views'`, `"|unity|"|'|views|'`},
		{"negation", "don't can't", "do|n't|ca|n't"},
		{"clitics", "they're we've I'll she'd I'm", "they|'re|we|'ve|I|'ll|she|'d|I|'m"},
		{"numbers", "1,000 people, 3.5 percent, 1996-08-30", "1,000|people|,|3.5|percent|,|1996-08-30"},
		{"money", "$12,000 and C$ 5", "$|12,000|and|C$|5"},
		{"percent", "rose 5% today", "rose|5|%|today"},
		{"colon", "He said: no", "He|said|:|no"},
		{"time", "at 10:30 GMT", "at|10:30|GMT"},
		{"comma run", "Moscow,Tehran", "Moscow|,|Tehran"},
		{"list number at line start", "1. Marie-Jose Perec ( France )", "1.|Marie-Jose|Perec|(|France|)"},
		{"number at sentence end", "it won 3.", "it|won|3|."},
		{"ellipsis", "wait... what", "wait|...|what"},
		{"dash", "Syria—and Iran", "Syria|—|and|Iran"},
		{"em dash spaced", "CRICKET - ENGLAND WIN", "CRICKET|-|ENGLAND|WIN"},
		{"hanging hyphen", "pro- and anti-", "pro-|and|anti-"},
		{"signed numbers", "+44 and -5 and .500", "+44|and|-5|and|.500"},
		{"conll clitic", "Iran 's envoy", "Iran|'s|envoy"},
		{"o'brien", "O'Brien said", "O'Brien|said"},
		{"all caps abbreviation", "ST. LOUIS", "ST.|LOUIS"},
		{"diacritics", "Recep Tayyip Erdoğan’s", "Recep|Tayyip|Erdoğan|’s"},
		{"empty", "", ""},
		{"spaces only", " \t\n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(tokenTexts(tt.in, Tokenize(nil, tt.in)), "|")
			if got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeLineStart(t *testing.T) {
	text := "A b\nc d\n\n e\u2028f"
	toks := Tokenize(nil, text)
	var got []bool
	for _, tk := range toks {
		got = append(got, tk.LineStart)
	}
	want := []bool{true, false, true, false, true, true}
	if !slices.Equal(got, want) {
		t.Errorf("LineStart = %v, want %v (tokens %q)", got, want, tokenTexts(text, toks))
	}
}

// checkTokens checks the invariants of Tokenize's output.
func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	valid := utf8.ValidString(text)
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.Start >= tk.End || tk.End > len(text) {
			t.Fatalf("token %d [%d,%d) after %d in %d bytes", i, tk.Start, tk.End, prev, len(text))
		}
		prev = tk.End
		w := text[tk.Start:tk.End]
		if strings.ContainsFunc(w, unicode.IsSpace) {
			t.Fatalf("token %d %q holds a space", i, w)
		}
		if valid && (!utf8.RuneStart(text[tk.Start]) || tk.End < len(text) && !utf8.RuneStart(text[tk.End])) {
			t.Fatalf("token %d [%d,%d) off rune boundaries", i, tk.Start, tk.End)
		}
	}
	// Every non-space rune is in some token.
	covered := 0
	for _, tk := range toks {
		covered += utf8.RuneCountInString(text[tk.Start:tk.End])
	}
	if valid {
		nonSpace := 0
		for _, r := range text {
			if !unicode.IsSpace(r) {
				nonSpace++
			}
		}
		if covered != nonSpace {
			t.Fatalf("tokens cover %d runes, text has %d non-space runes", covered, nonSpace)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Iran's envoy to Russia, Mehdi Sanaei, said “S-300s” were delivered.",
		"the U.S.-led coalition (ISIS) don't 1,000 $5.5 3. ... —",
		"CRICKET - LEICESTERSHIRE TAKE OVER AT TOP .\nLONDON 1996-08-30",
		"1. Marie-Jose Perec ( France ) 49.19",
		"A\xffB C\xe2\x80 'x' ‘’ ’s n't",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(nil, text)
		checkTokens(t, text, toks)
		if slow := tokenize(nil, text, false); !slices.Equal(toks, slow) {
			t.Fatalf("fast path %v, general splitter %v", toks, slow)
		}
	})
}

// TestTokenizeFastPath checks that the fast path for plain words cuts
// as the general splitter does, on the sample article, texts made to
// hit its edges and the CoNLL-2003 dev documents.
func TestTokenizeFastPath(t *testing.T) {
	texts := []string{
		readArticle(t),
		"said, 1,000, 1, a,b a,, x,\ny, end,",
		"A\u00a0B,\u2028C D,\u00a0E Iran's don't U.S. Gen. 1. 2,",
		"tab\tsep,\rcr,\vvt\fff",
	}
	if docs, err := devDocs(); err == nil {
		for _, d := range docs {
			texts = append(texts, d.Text)
		}
	}
	for k, text := range texts {
		if got, want := tokenize(nil, text, true), tokenize(nil, text, false); !slices.Equal(got, want) {
			t.Fatalf("text %d (%.40q): fast path %v, general splitter %v", k, text, got, want)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := readArticle(b)
	toks := make([]Token, 0, 2048)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		toks = Tokenize(toks[:0], text)
	}
	b.ReportMetric(float64(len(toks)), "tokens")
}
