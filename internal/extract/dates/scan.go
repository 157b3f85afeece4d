package dates

import (
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind uint8

const (
	tokWord   tokKind = iota + 1 // letters only
	tokNum                       // ASCII digits only
	tokSuffix                    // ASCII digits then ASCII letters: 1990s, 30th, 9am
	tokMixed                     // any other run of letters and digits: A321, 30T14
	tokPunct                     // one rune that is neither a letter, a digit nor space
)

// Token flags.
const (
	flagCap   uint8 = 1 << iota // the first letter is an ASCII upper-case letter
	flagUpper                   // every letter is upper case, and there are two or more
	flagSpace                   // white space comes before the token
	flagBreak                   // a line break comes before the token (or it starts the text)
)

// token is one token of the text: a half-open byte range.
type token struct {
	start, end int32
	// num is the value of the digits of a tokNum or tokSuffix token, or
	// -1 when there are more than 9.
	num   int32
	kind  tokKind
	flags uint8
	// digits is the number of digits of a tokNum or tokSuffix token.
	digits uint8
	// r is the rune of a tokPunct token.
	r   rune
	lex lexEntry
}

func (t *token) is(r rune) bool { return t.kind == tokPunct && t.r == r }

// isDash reports whether t is a hyphen or an en dash, as in 2015-17.
func (t *token) isDash() bool { return t.is('-') || t.is('–') }

// isApostrophe reports whether t is an apostrophe, as in '90s.
func (t *token) isApostrophe() bool { return t.is('\'') || t.is('’') || t.is('‘') }

// isCap reports whether a word is written as a name: "Monday", "MONDAY".
func (t *token) isCap() bool { return t.flags&flagCap != 0 }

// isLower reports whether a word starts with a lower-case letter.
func (t *token) isLower() bool { return t.flags&flagCap == 0 }

// fnOf returns the function word a word token is, or fnNone.
func (t *token) fnOf() fn {
	if t.kind != tokWord || t.lex.cat != catFunc {
		return fnNone
	}
	return fn(t.lex.val)
}

// tokenize appends the tokens of text to toks. It is one pass over the
// bytes; ASCII takes no rune decoding, and only words of at most
// maxWordLen ASCII letters are looked up in lx.
func tokenize(toks []token, text string, lx *lexicon) []token {
	flags := flagSpace | flagBreak
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				flags |= flagSpace
				i++
				continue
			case c == '\n':
				flags |= flagSpace | flagBreak
				i++
				continue
			case !isASCIIAlnum(c):
				toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: tokPunct, flags: flags, r: rune(c)})
				flags = 0
				i++
				continue
			}
		} else {
			r, w := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
				if unicode.IsSpace(r) {
					flags |= flagSpace
					if r == '\u2028' || r == '\u2029' || r == '\u0085' {
						flags |= flagBreak
					}
				} else {
					toks = append(toks, token{start: int32(i), end: int32(i + w), kind: tokPunct, flags: flags, r: r})
					flags = 0
				}
				i += w
				continue
			}
		}
		end := i
		toks = append(toks, scanRun(text, i, &end, flags, lx))
		flags = 0
		i = end
	}
	return toks
}

// scanRun reads the run of letters and digits at text[start:] into a
// token and sets *end to its end.
func scanRun(text string, start int, end *int, flags uint8, lx *lexicon) token {
	t := token{start: int32(start), flags: flags}
	i := start
	digits, letters, upper := 0, 0, 0
	ascii, digitsFirst := true, true
	var num int64
	h := hashInit
	for i < len(text) {
		c := text[i]
		switch {
		case '0' <= c && c <= '9':
			if letters > 0 {
				digitsFirst = false
			}
			digits++
			if digits <= 9 {
				num = num*10 + int64(c-'0')
			}
			i++
		case 'a' <= c && c <= 'z':
			h = (h ^ uint32(c)) * hashPrime
			letters++
			i++
		case 'A' <= c && c <= 'Z':
			if letters == 0 && digits == 0 {
				t.flags |= flagCap
			}
			h = (h ^ uint32(c|0x20)) * hashPrime
			letters++
			upper++
			i++
		case c < utf8.RuneSelf:
			goto done
		default:
			r, w := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) {
				goto done
			}
			ascii = false
			letters++
			i += w
		}
	}
done:
	*end = i
	t.end = int32(i)
	switch {
	case !ascii:
		if digits > 0 {
			t.kind = tokMixed
		} else {
			t.kind = tokWord
		}
	case letters == 0:
		t.kind = tokNum
	case digits == 0:
		t.kind = tokWord
		if upper == letters && letters > 1 {
			t.flags |= flagUpper
		}
		if letters <= maxWordLen {
			t.lex = lx.lookup(text[start:i], h)
		}
	case digitsFirst && isDigit(text[start]):
		t.kind = tokSuffix
	default:
		t.kind = tokMixed
	}
	if t.kind == tokNum || t.kind == tokSuffix {
		t.digits = uint8(min(digits, 255))
		t.num = int32(num)
		if digits > 9 {
			t.num = -1
		}
	}
	return t
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isASCIIAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
