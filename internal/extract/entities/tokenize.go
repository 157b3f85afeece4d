package entities

import (
	"unicode"
	"unicode/utf8"
)

// token is one word of the text: a half-open byte range and what the rule
// tagger needs to know about it. Tokens are cut by hand rather than with a
// regexp or strings.Fields: one pass, no allocation beyond the reused
// slice, and the byte offsets come for free.
type token struct {
	start, end int32
	flags      uint16
	lex        uint8 // lexical facts, filled lazily by the rule tagger
	gml        int8  // gazetteer match length, filled lazily by the rule tagger
}

const (
	fCap         uint16 = 1 << iota // first letter upper case
	fLower                          // first letter lower case
	fUpper                          // an acronym: two or more letters, all upper case ("NATO", "U.S.")
	fDigit                          // contains a digit
	fSentStart                      // first word of a sentence or of a quotation
	fPossessive                     // followed by 's or ' (not part of the token)
	fHyphenPrev                     // joined to the previous token by a hyphen ("al-Assad", "U.S.-led")
	fBreakBefore                    // punctuation other than one hyphen stands between it and the previous token
	fAbbrev                         // ends with a period that belongs to it ("Gen.", "U.S.", "W.")
)

func (t token) has(f uint16) bool { return t.flags&f != 0 }

// ASCII character classes for the tokenizer's fast path.
const (
	clOther = iota
	clLower
	clUpper
	clDigit
)

// asciiClass maps each ASCII byte to its class; a constant string indexes
// as fast as an array and cannot be changed.
const asciiClass = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x00\x00\x00\x00\x00\x00" +
	"\x00\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x00\x00\x00\x00\x00" +
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00"

// tokenize appends the tokens of text[start:end] to toks. The range is a
// paragraph: its first token starts a sentence and no token crosses its
// bounds. Bounds off rune boundaries are tolerated: a broken rune is
// treated as punctuation, so tokens always start and end on rune
// boundaries.
func tokenize(toks []token, text string, start, end int) []token {
	sent := true // the next token starts a sentence
	brk := true  // punctuation seen since the last token
	hyph := false
	prevEnd := -1
	for i := start; i < end; {
		c := text[i]
		size := 1
		var first rune
		if c < utf8.RuneSelf {
			if asciiClass[c] == clOther {
				switch c {
				case ' ', '\t':
				case '-':
					// A hyphen between two words joins them; anything
					// else around it is punctuation.
					if i == prevEnd && !brk && startsWord(text, i+1, end) {
						hyph = true
					} else {
						brk = true
					}
				case '.', '!', '?', '\n', '\r':
					sent, brk = true, true
				case '"':
					// A straight quote opens a quotation only after a
					// space or at the start.
					if i == start || text[i-1] == ' ' {
						sent = true
					}
					brk = true
				default:
					brk = true
				}
				i++
				continue
			}
			first = rune(c)
		} else {
			first, size = utf8.DecodeRuneInString(text[i:end])
			if !isWordRune(first) {
				switch first {
				case '\u2010', '\u2011':
					if i == prevEnd && !brk && startsWord(text, i+size, end) {
						hyph = true
					} else {
						brk = true
					}
				case '\u201c', '\u2018':
					// An opening quotation starts a sentence of its own.
					sent, brk = true, true
				default:
					brk = true
				}
				i += size
				continue
			}
		}

		// A word.
		ws := i
		var flags uint16
		if brk {
			flags |= fBreakBefore
		}
		if hyph {
			flags |= fHyphenPrev
		}
		if sent {
			flags |= fSentStart
		}
		switch {
		case c < utf8.RuneSelf && asciiClass[c] == clUpper:
			flags |= fCap
		case c < utf8.RuneSelf:
			if asciiClass[c] == clLower {
				flags |= fLower
			}
		case unicode.IsUpper(first):
			flags |= fCap
		case unicode.IsLower(first):
			flags |= fLower
		}
		upper, lower, other := 0, 0, 0
		j := i
		tokEnd := -1
	word:
		for j < end {
			c := text[j]
			if c < utf8.RuneSelf {
				switch asciiClass[c] {
				case clLower:
					lower++
					j++
					continue
				case clUpper:
					upper++
					j++
					continue
				case clDigit:
					flags |= fDigit
					j++
					continue
				}
				switch c {
				case '\'':
					if k, poss, ok := apostrophe(text, i, j, 1, end); ok {
						if poss {
							tokEnd = j
							flags |= fPossessive
							j = k
							break word
						}
						j = k
						continue
					}
				case '.':
					if k, ok := abbreviationEnd(text, i, j, end); ok {
						flags |= fAbbrev
						if k-i > 2 && upper >= 1 && lower == 0 {
							flags |= fUpper // dotted acronym: U.S., U.N.
						}
						j = k
						tokEnd = k
					}
				}
				break
			}
			r, size := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r) {
				switch {
				case unicode.IsUpper(r):
					upper++
				case unicode.IsLower(r):
					lower++
				case unicode.IsDigit(r):
					flags |= fDigit
				default:
					other++
				}
				j += size
				continue
			}
			if r == '\u2019' {
				if k, poss, ok := apostrophe(text, i, j, size, end); ok {
					if poss {
						tokEnd = j
						flags |= fPossessive
						j = k
						break
					}
					j = k
					continue
				}
			}
			break
		}
		if tokEnd < 0 {
			tokEnd = j
		}
		if upper >= 2 && lower == 0 {
			flags |= fUpper
		}
		_ = other
		toks = append(toks, token{start: int32(ws), end: int32(tokEnd), flags: flags})
		prevEnd = j
		if flags&fPossessive != 0 {
			// Nothing may join a possessive to what follows.
			prevEnd = -1
		}
		sent, brk, hyph = false, false, false
		i = j
	}
	return toks
}

// apostrophe decides what the apostrophe of the given size at j does to
// the word that started at ws: a possessive "'s" or plural "s'" ends it
// (poss, with k past the suffix), a letter after it continues it
// ("O'Brien", "N’Djamena", k past the apostrophe); otherwise ok is false
// and the word ends before it.
func apostrophe(text string, ws, j, size, end int) (k int, poss, ok bool) {
	next := j + size
	if next < end && (text[next] == 's' || text[next] == 'S') && !startsWord(text, next+1, end) {
		return next + 1, true, true
	}
	if startsWord(text, next, end) {
		return next, false, true
	}
	if j > ws && text[j-1] == 's' {
		return next, true, true // "the Syrians’ future"
	}
	return 0, false, false
}

// isWordRune reports whether r belongs inside a word. Combining marks
// count so that decomposed accents stay in their word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

func startsWord(text string, i, end int) bool {
	if i >= end {
		return false
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return isWordRune(rune(c))
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return isWordRune(r)
}

// abbreviationEnd decides whether the period at dot ends the word
// text[ws:dot] as part of it: dotted acronyms ("U.S.", "U.N.", "D.C."),
// initials ("W.") and the abbreviations in abbrevs ("Gen.", "Sept."). It
// returns the end of the abbreviation, past its last period.
func abbreviationEnd(text string, ws, dot, end int) (int, bool) {
	word := text[ws:dot]
	if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
		// U.S.A. or an initial: consume letter-period pairs.
		k := dot + 1
		for k+1 < end && text[k] >= 'A' && text[k] <= 'Z' && text[k+1] == '.' {
			k += 2
		}
		return k, true
	}
	if isAbbreviation(word) {
		return dot + 1, true
	}
	return 0, false
}

// isAbbreviation lists the words whose following period is part of them
// rather than the end of a sentence.
func isAbbreviation(w string) bool {
	switch w {
	case "Gen", "Lt", "Maj", "Brig", "Col", "Capt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Gov", "Sen", "Rep",
		"Dr", "Mr", "Mrs", "Ms", "Prof", "Rev", "Hon", "St", "Mt", "Ft", "Jr", "Sr", "Messrs",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Inc", "Ltd", "Co", "Corp", "Dept", "No", "vs", "approx":
		return true
	}
	return false
}
