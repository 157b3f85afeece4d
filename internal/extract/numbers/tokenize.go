package numbers

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tkWord  = iota // letters, with inner apostrophes and dotted abbreviations ("world's", "a.m.", "U.S.")
	tkNum          // digits with thousands separators and one decimal point: 250,000  2.25
	tkSym          // currency signs, %, °, +, ~, −
	tkPunct        // one punctuation mark
)

// tok is one token: a half-open byte range of the text. Words and digits
// are split apart ("G7" is "G" then "7"), so glue says whether a token
// touches the one before it: "S-300", "48-hour" and "$5bn" are runs of
// glued tokens.
type tok struct {
	start, end int32
	para       int32 // index of the paragraph
	kind       uint8
	upper      bool // a word starting with an upper-case letter
	glue       bool // no space between it and the token before, in the same paragraph
}

// tokenize appends the tokens of text[start:end], paragraph para, to
// st.toks. Offsets off rune boundaries are tolerated: a broken rune is
// punctuation.
func (st *state) tokenize(start, end, para int32) {
	text := st.text
	glue := false
	for i := start; i < end; {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r':
				glue = false
				i++
				continue
			case c >= '0' && c <= '9':
				j := digitsEnd(text, i, end)
				st.toks = append(st.toks, tok{start: i, end: j, para: para, kind: tkNum, glue: glue})
				i = j
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				j := wordEnd(text, i, end)
				st.toks = append(st.toks, tok{start: i, end: j, para: para, kind: tkWord, upper: c <= 'Z', glue: glue})
				i = j
			case c == '$' || c == '%' || c == '+' || c == '~' || c == '#':
				st.toks = append(st.toks, tok{start: i, end: i + 1, para: para, kind: tkSym, glue: glue})
				i++
			default:
				st.toks = append(st.toks, tok{start: i, end: i + 1, para: para, kind: tkPunct, glue: glue})
				i++
			}
			glue = true
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			glue = false
			i += int32(size)
			continue
		case unicode.IsLetter(r):
			j := wordEnd(text, i, end)
			st.toks = append(st.toks, tok{start: i, end: j, para: para, kind: tkWord, upper: unicode.IsUpper(r), glue: glue})
			i = j
		case r == '−' || r == '°' || currencySymbol(r) != "":
			st.toks = append(st.toks, tok{start: i, end: i + int32(size), para: para, kind: tkSym, glue: glue})
			i += int32(size)
		default:
			st.toks = append(st.toks, tok{start: i, end: i + int32(size), para: para, kind: tkPunct, glue: glue})
			i += int32(size)
		}
		glue = true
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsEnd returns the end of the number starting at i: digits, then
// groups of a comma and exactly three digits, then a point and digits.
func digitsEnd(text string, i, end int32) int32 {
	for i < end && isDigit(text[i]) {
		i++
	}
	for i+3 < end && text[i] == ',' && isDigit(text[i+1]) && isDigit(text[i+2]) && isDigit(text[i+3]) &&
		(i+4 == end || !isDigit(text[i+4])) {
		i += 4
	}
	if i+1 < end && text[i] == '.' && isDigit(text[i+1]) {
		i++
		for i < end && isDigit(text[i]) {
			i++
		}
	}
	return i
}

// wordEnd returns the end of the word starting at i: letters, with
// apostrophes between letters ("world's", "o'clock") and dotted
// abbreviations ("a.m.", "U.S.").
func wordEnd(text string, i, end int32) int32 {
	dotted := false
	for i < end {
		if c := text[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) {
			i += int32(size)
			continue
		}
		if r == '\'' || r == '’' || r == '.' {
			if n := i + int32(size); n < end {
				if nr, _ := utf8.DecodeRuneInString(text[n:]); unicode.IsLetter(nr) {
					dotted = dotted || r == '.'
					i = n
					continue
				}
			}
			// The closing point of a dotted abbreviation: "a.m.", "U.S.".
			if r == '.' && dotted {
				i++
			}
		}
		break
	}
	return i
}
