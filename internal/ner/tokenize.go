package ner

import (
	"unicode"
	"unicode/utf8"
)

// Token is one token of a text: a half-open byte range. LineStart is set
// on the first token of the text and on the first token after a newline.
type Token struct {
	Start, End int
	LineStart  bool
}

// Tokenize appends the tokens of text to dst and returns the extended
// slice. It cuts the way CoNLL-2003 is tokenised: at white space, then
// punctuation off the words ("(AP)" is "(", "AP", ")"), keeping the
// periods of abbreviations and initials ("U.S.", "Gen.", "M."), inner
// hyphens, periods, slashes, apostrophes and digit commas ("S-300",
// "1996-08-30", "O'Brien", "1,000"), and splitting clitics ("Iran's" is
// "Iran", "'s"; "don't" is "do", "n't"). On text already tokenised that
// way (tokens joined by spaces) it returns the same tokens. Tokens start
// and end on rune boundaries; invalid UTF-8 bytes are punctuation. It
// allocates only when dst must grow.
func Tokenize(dst []Token, text string) []Token { return tokenize(dst, text, true) }

// tokenize is Tokenize; with fast set, the chunks that are plain ASCII
// letters and digits, with or without one trailing comma (most chunks
// of English text), skip the general splitter, whose tokens for them
// are known: the chunk, or the chunk and the comma. Tests check that it
// cuts as without.
func tokenize(dst []Token, text string, fast bool) []Token {
	line := true
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line = true
				i++
				continue
			}
			if asciiSpace(c) {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); r != utf8.RuneError && unicode.IsSpace(r) {
			if r == '\u2028' || r == '\u2029' {
				line = true
			}
			i += n
			continue
		}
		j := i
		// plain is the end of the chunk's leading ASCII letters and
		// digits.
		plain := i
		for plain < len(text) && isAlnumByte(text[plain]) {
			plain++
		}
		if fast && plain > i {
			end := plain
			if end < len(text) && text[end] == ',' {
				end++
			}
			if end == len(text) || asciiSpace(text[end]) || text[end] == '\n' {
				dst = append(dst, Token{Start: i, End: plain, LineStart: line})
				if end > plain {
					dst = append(dst, Token{Start: plain, End: end})
				}
				line = false
				i = end
				continue
			}
		}
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if asciiSpace(c) || c == '\n' {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if r != utf8.RuneError && unicode.IsSpace(r) {
				break
			}
			j += n
		}
		n0 := len(dst)
		dst = splitChunk(dst, text, i, j, line)
		if len(dst) > n0 {
			dst[n0].LineStart = line
			line = false
		}
		i = j
	}
	return dst
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// splitChunk appends the tokens of the white-space-free text[s:e].
func splitChunk(dst []Token, text string, s, e int, lineStart bool) []Token {
	// Hard separators are tokens wherever they stand; the pieces between
	// them are split further by splitPiece.
	ps := s
	for i := s; i < e; {
		r, n := decode(text, i, e)
		if !hardSep(r) && !(r == '-' && i+1 < e && text[i+1] == '-') {
			i += n
			continue
		}
		dst = splitPiece(dst, text, ps, i, lineStart && ps == s)
		// A run of the same separator is one token ("--", "!!").
		j := i + n
		for j < e {
			r2, n2 := decode(text, j, e)
			if r2 != r {
				break
			}
			j += n2
		}
		dst = append(dst, Token{Start: i, End: j})
		i, ps = j, j
	}
	return splitPiece(dst, text, ps, e, lineStart && ps == s)
}

// hardSep reports whether r is always a token of its own.
func hardSep(r rune) bool {
	switch r {
	case '(', ')', '[', ']', '{', '}', '<', '>', '"', '!', '?', ';', '*', '=', '#', '@', '^', '~', '|', '\\', '`', '%',
		'\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb', '\u2014', '\u2026', '\u2022', utf8.RuneError:
		return true
	}
	return false
}

func decode(text string, i, e int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:e])
}

func isApos(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u2018' }

// splitPiece appends the tokens of text[s:e], a piece without white space
// or hard separators: leading and trailing punctuation and clitics come
// off, the rest is one token except at commas not between digits.
func splitPiece(dst []Token, text string, s, e int, lineStart bool) []Token {
	if s >= e {
		return dst
	}
	// Leading punctuation.
	for s < e {
		r, n := decode(text, s, e)
		if isWordRune(r) {
			break
		}
		if isApos(r) && isClitic(text[s:e]) {
			return append(dst, Token{Start: s, End: e})
		}
		if (r == '.' || r == '-' || r == '+') && s+n < e && isDigitByte(text[s+n]) {
			break // ".500", "-5", "+44"
		}
		j := s + n
		if !isApos(r) && r != '$' {
			for j < e {
				r2, n2 := decode(text, j, e)
				if r2 != r {
					break
				}
				j += n2
			}
		}
		dst = append(dst, Token{Start: s, End: j})
		s = j
	}
	if s >= e {
		return dst
	}
	// Trailing punctuation and clitics, collected right to left.
	var tail [8]Token
	nt := 0
	for s < e && nt < len(tail) {
		r, n := lastRune(text, s, e)
		if isWordRune(r) {
			if c := cliticLen(text[s:e]); c > 0 {
				tail[nt] = Token{Start: e - c, End: e}
				nt++
				e -= c
				continue
			}
			break
		}
		if r == '.' {
			if keepPeriod(text[s:e], lineStart) {
				break
			}
			j := e - n
			for j > s && text[j-1] == '.' {
				j--
			}
			tail[nt] = Token{Start: j, End: e}
			nt++
			e = j
			continue
		}
		if r == '-' && e-1 > s && isWordRune(lastRuneOf(text[s:e-1])) {
			break // "al-", "anti-", "6-": CoNLL keeps a hanging hyphen
		}
		if r == '$' && allLetters(text[s:e-1]) && e-1 > s {
			break // "US$", "C$"
		}
		tail[nt] = Token{Start: e - n, End: e}
		nt++
		e -= n
	}
	if s < e {
		dst = splitCommas(dst, text, s, e)
	}
	for k := nt - 1; k >= 0; k-- {
		dst = append(dst, tail[k])
	}
	return dst
}

// splitCommas appends text[s:e] as one token, or several where a comma
// does not stand between two digits ("1,000" stays whole).
func splitCommas(dst []Token, text string, s, e int) []Token {
	ts := s
	for i := s + 1; i < e-1; i++ {
		if text[i] == ',' && !(isDigitByte(text[i-1]) && isDigitByte(text[i+1])) {
			if i > ts {
				dst = append(dst, Token{Start: ts, End: i})
			}
			dst = append(dst, Token{Start: i, End: i + 1})
			ts = i + 1
		}
	}
	return append(dst, Token{Start: ts, End: e})
}

func lastRune(text string, s, e int) (rune, int) {
	if c := text[e-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(text[s:e])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func lastRuneOf(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isAlnumByte reports whether c is an ASCII letter or digit.
func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// cliticAfter reports whether s, the letters after an apostrophe, is a
// contraction split off a word as the Penn Treebank and CoNLL do: 's,
// 're, 've, 'll, 'd, 'm, in either case.
func cliticAfter(s string) bool {
	switch len(s) {
	case 1:
		c := s[0] | 0x20
		return c == 's' || c == 'd' || c == 'm'
	case 2:
		return equalFoldASCII(s, "re") || equalFoldASCII(s, "ve") || equalFoldASCII(s, "ll")
	}
	return false
}

// isClitic reports whether s is a whole clitic token ("'s", "’re").
func isClitic(s string) bool {
	_, n := decode(s, 0, len(s))
	return cliticAfter(s[n:])
}

// cliticLen returns the length of the clitic ending s ("Iran's" → 2,
// "don't" → 3), or 0. Some letter must remain before it.
func cliticLen(s string) int {
	for c := 1; c <= 2 && c+2 <= len(s); c++ {
		if !cliticAfter(s[len(s)-c:]) {
			continue
		}
		r, n := utf8.DecodeLastRuneInString(s[:len(s)-c])
		if !isApos(r) {
			continue
		}
		if k := len(s) - c - n; k > 0 && wordBefore(s[:k]) {
			return c + n
		}
	}
	// n't
	if len(s) >= 4 && equalFoldASCII(s[len(s)-1:], "t") {
		r, n := utf8.DecodeLastRuneInString(s[:len(s)-1])
		if isApos(r) {
			k := len(s) - 1 - n // index just after the 'n'
			if k >= 2 && (s[k-1] == 'n' || s[k-1] == 'N') && wordBefore(s[:k-1]) {
				return len(s) - (k - 1)
			}
		}
	}
	return 0
}

func wordBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isWordRune(r) || r == '.'
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x >= 'A' && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// keepPeriod reports whether the final period of w belongs to it: an
// abbreviation with inner periods ("U.S.", "a.m."), an initial ("M."), a
// known abbreviation ("Gen.", "Inc.", "Sept."), or a list number at the
// start of a line ("1.").
func keepPeriod(w string, lineStart bool) bool {
	b := w[:len(w)-1]
	if b == "" {
		return false
	}
	letters, digits, dots := 0, 0, 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= utf8.RuneSelf:
			letters++
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			if c != '-' && c != '&' {
				return false
			}
		}
	}
	switch {
	case dots > 0 && letters > 0 && b[len(b)-1] != '.':
		return true // "U.S.", "a.m.", "Ph.D."
	case letters == 1 && len(b) == 1 && b[0] >= 'A' && b[0] <= 'Z':
		return true // an initial
	case digits > 0 && letters == 0 && dots == 0:
		return lineStart && len(b) <= 3 // "1." in a results table
	}
	return isAbbreviation(b)
}

// isAbbreviation reports whether CoNLL keeps the final period of b:
// titles, company forms, months, US states and a few more; in all
// capitals too ("ST." in a headline).
func isAbbreviation(b string) bool {
	if len(b) > 6 {
		return false
	}
	var buf [6]byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		if i > 0 && c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(b)]) {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt",
		"Cpl", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Insp", "Det", "Brig", "Cdr",
		"St", "Mt", "Ft", "Ave", "Blvd", "Rd", "Jr", "Sr",
		"Inc", "Corp", "Co", "Ltd", "Bros", "Plc", "Cos", "Bhd", "Pty", "No", "Nos",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
		"Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla",
		"Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
		"vs", "etc", "approx", "est", "Dept", "Govt", "Fig", "Vol", "vol":
		return true
	}
	return false
}
