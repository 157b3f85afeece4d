package dates

import (
	"strings"
	"testing"
)

// TestLexicon checks that every word of the lexicon can be found the way
// the tokenizer looks words up: lower-case ASCII letters, at most
// maxWordLen of them, in any case.
func TestLexicon(t *testing.T) {
	lx := newLexicon()
	n := 0
	for _, s := range lx.slots {
		if s.key == "" {
			continue
		}
		n++
		if len(s.key) > maxWordLen || strings.ToLower(s.key) != s.key || strings.Trim(s.key, "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Errorf("word %q: not lower-case ASCII letters of at most %d", s.key, maxWordLen)
		}
		for _, w := range []string{s.key, strings.ToUpper(s.key), strings.ToUpper(s.key[:1]) + s.key[1:]} {
			if got := lx.lookup(w, hashWord(s.key)); got != s.e {
				t.Errorf("lookup(%q) = %+v, want %+v", w, got, s.e)
			}
			toks := tokenize(nil, w, lx)
			if len(toks) != 1 || toks[0].lex != s.e {
				t.Errorf("tokenize(%q) = %+v, want one word %+v", w, toks, s.e)
			}
		}
	}
	if n < 300 || 4*n > len(lx.slots) {
		t.Errorf("%d words in %d slots", n, len(lx.slots))
	}
	if got := lx.lookup("Mondays", hashWord("mondays")); got != (lexEntry{}) {
		t.Errorf("lookup of an unknown word: %+v", got)
	}
}

// TestTokenize checks token kinds, flags and offsets.
func TestTokenize(t *testing.T) {
	text := "On Sept. 30, 2015\n1990s A321 30T14 ’90s über MONDAY $5 9am"
	toks := tokenize(nil, text, newLexicon())
	var got []string
	for _, tk := range toks {
		s := text[tk.start:tk.end]
		switch tk.kind {
		case tokWord:
			s = "w:" + s
		case tokNum:
			s = "n:" + s
		case tokSuffix:
			s = "s:" + s
		case tokMixed:
			s = "x:" + s
		case tokPunct:
			s = "p:" + s
		}
		if tk.flags&flagBreak != 0 {
			s = "/" + s
		}
		if tk.flags&flagCap != 0 {
			s += "^"
		}
		if tk.flags&flagUpper != 0 {
			s += "^"
		}
		got = append(got, s)
	}
	want := "/w:On^ w:Sept^ p:. n:30 p:, n:2015 /s:1990s x:A321^ x:30T14 p:’ s:90s w:über w:MONDAY^^ p:$ n:5 s:9am"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if toks[3].num != 30 || toks[3].digits != 2 || toks[6].num != 1990 || toks[6].digits != 4 {
		t.Errorf("numbers: %+v %+v", toks[3], toks[6])
	}
}
