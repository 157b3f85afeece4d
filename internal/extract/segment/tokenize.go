package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// ASCII character classes.
const (
	clSpace = iota // space and the control characters
	clLower
	clUpper
	clDigit
	clOther // punctuation and symbols
)

// asciiClass maps each ASCII byte to its class; a constant string indexes
// as fast as an array and cannot be changed.
const asciiClass = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x03\x03\x03\x03\x03\x03\x03\x03\x03\x03\x04\x04\x04\x04\x04\x04" +
	"\x04\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x04\x04\x04\x04\x04" +
	"\x04\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x04\x04\x04\x04\x00"

// alnum is 1 for the ASCII letters and digits and 0 for every other byte,
// non-ASCII ones included: the inner loop of words tests one byte with
// one load.
const alnum = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00" +
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00" +
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// What a token can do to a sentence boundary.
const (
	fTerm      uint8 = 1 << iota // . ! ? and the like: ends a sentence unless the next word shows it does not
	fAlways                      // 。！？: always ends a sentence
	fEllipsis                    // … or ...: ends a sentence only before a sentence opener
	fWeak                        // a word ending in the period of an abbreviation that can end a sentence (Inc., U.S., J.)
	fTitle                       // a word ending in the period of an abbreviation that never ends one (Mr., Gen., e.g.)
	fCloser                      // a closing quotation mark or bracket when it touches the terminator
	fCloserAny                   // a mark that can only close (” ) ]): joins the terminator even after a space
	fCont                        // , ; : — a sentence does not start with it
)

// Pending boundary kinds, from weakest to strongest.
const (
	pendNone   = iota
	pendTitle  // after an abbreviation that never ends a sentence
	pendWeak   // after an abbreviation or ellipsis: ends before a sentence opener
	pendStrong // after . ! ?: ends unless a lower-case word or , ; : follows
	pendAlways // after 。！？
	// pendStart says that no sentence is open: the next token opens one.
	// It is a pending state so that add needs one test for its fast path.
	pendStart = 0xff
)

// state is the tokenizer and sentence splitter of one text. Tokens are
// appended as they are found; the sentence boundary after a terminator
// is decided when the next token is known, so the whole text is read
// once and nothing but the two result slices is written.
type state struct {
	text  string
	extra map[string]struct{}
	toks  []extract.Token
	sents []event.Span
	sent  int32 // index of the current sentence
	open  int   // start of the current sentence, -1 when none is open
	last  int   // end of the last token
	pend  uint8 // the pending boundary kind, or pendStart
}

// add appends a token and settles the pending sentence boundary. The
// common case, a token inside a sentence that does not end it, costs one
// test.
func (st *state) add(start, end int, kind extract.TokenKind, fl uint8) {
	if st.pend|fl == 0 {
		st.toks = append(st.toks, extract.Token{Start: int32(start), End: int32(end), Kind: kind, Sentence: st.sent})
		st.last = end
		return
	}
	st.addSlow(start, end, kind, fl)
}

// addSlow is add for a token that opens a sentence, may end one, or
// follows a possible end.
func (st *state) addSlow(start, end int, kind extract.TokenKind, fl uint8) {
	switch st.pend {
	case pendNone:
	case pendStart:
		st.pend = pendNone
	default:
		adjacent := start == st.last
		if adjacent && fl&(fTerm|fAlways|fEllipsis|fCloser) != 0 || fl&fCloserAny != 0 {
			// The terminator goes on: "?!", `."`, ".)", `…”`.
			st.extend(fl)
			st.toks = append(st.toks, extract.Token{Start: int32(start), End: int32(end), Kind: kind, Sentence: st.sent})
			st.last = end
			return
		}
		if st.breaks(start, end, kind, adjacent) {
			st.close()
		}
		st.pend = pendNone
	}
	if st.open < 0 {
		st.open = start
	}
	st.toks = append(st.toks, extract.Token{Start: int32(start), End: int32(end), Kind: kind, Sentence: st.sent})
	st.last = end
	switch {
	case fl == 0:
	case fl&fAlways != 0:
		st.pend = pendAlways
	case fl&fTerm != 0:
		st.pend = pendStrong
	case fl&(fEllipsis|fWeak) != 0:
		st.pend = pendWeak
	case fl&fTitle != 0:
		st.pend = pendTitle
	}
}

// extend updates the pending boundary with a mark that continues the
// terminator. A closing mark after an abbreviation makes the boundary
// strong: "made in the U.S.” The" and "the U.S.” plan" are decided like
// after a full stop.
func (st *state) extend(fl uint8) {
	var p uint8
	switch {
	case fl&fAlways != 0:
		p = pendAlways
	case fl&fTerm != 0:
		p = pendStrong
	case fl&fEllipsis != 0:
		p = pendWeak
	default: // a closer
		p = pendStrong
	}
	st.pend = max(st.pend, p)
}

// breaks decides the pending boundary now that the next token, of the
// given kind at text[start:end], is known.
func (st *state) breaks(start, end int, kind extract.TokenKind, adjacent bool) bool {
	switch st.pend {
	case pendAlways:
		return true
	case pendTitle:
		return false
	case pendWeak:
		return kind == extract.TokenWord && isOpener(st.text[start:end])
	}
	// pendStrong.
	if adjacent && (kind == extract.TokenWord || kind == extract.TokenNumber) {
		return false // "Yahoo!News", a missing space is no sentence end
	}
	c := st.text[start]
	switch {
	case c < utf8.RuneSelf:
		return asciiClass[c] != clLower && c != ',' && c != ';' && c != ':'
	case kind == extract.TokenWord:
		r, _ := utf8.DecodeRuneInString(st.text[start:end])
		return !unicode.IsLower(r)
	case kind == extract.TokenPunct:
		r, _ := utf8.DecodeRuneInString(st.text[start:end])
		return punctFlags(r)&fCont == 0
	}
	return true
}

// close ends the open sentence at the end of the last token.
func (st *state) close() {
	st.sents = append(st.sents, event.Span{Start: st.open, End: st.last})
	st.sent++
	st.open = -1
}

// paragraph tokenizes text[from:to] and closes its last sentence. Bounds
// off rune boundaries or invalid UTF-8 do no harm: a broken byte is a
// symbol token of its own.
func (st *state) paragraph(from, to int) {
	text := st.text
	for i := from; i < to; {
		c := text[i]
		if c == ' ' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case clSpace:
				i++
			case clLower, clUpper:
				i = st.word(i, to)
			case clDigit:
				i = st.number(i, to)
			default:
				i = st.asciiMark(i, to)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:to])
		switch {
		case r == utf8.RuneError && size == 1:
			st.add(i, i+1, extract.TokenSymbol, 0)
			i++
		case unicode.IsLetter(r):
			i = st.word(i, to)
		case unicode.IsNumber(r):
			i = st.number(i, to)
		case isSkipped(r):
			i += size
		case unicode.IsPunct(r):
			i = st.punct(i, r, size, to)
		default: // symbols, and marks with no character before them
			i = st.symbol(i, size, to)
		}
	}
	if st.open >= 0 {
		st.close()
	}
	st.pend = pendStart
}

// isSkipped reports whether a non-ASCII rune separates tokens without
// being one: white space, C1 controls and the invisible formatting
// characters that the normalize stage removes (kept in step with it, so
// that raw text is split the same way). The joiners that normalize keeps
// are taken in by words and emoji; anywhere else they are skipped too.
// Other format characters, such as the Arabic number signs, are visible
// and become symbols.
func isSkipped(r rune) bool {
	switch {
	case r < 0xa0:
		return true // C1 controls and NEL
	case r == 0xad, r == 0x061c, r == 0x180e, r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x206f:
		return true
	}
	return unicode.IsSpace(r)
}

// isWordRune reports whether r continues a word: a letter, a mark or a
// number.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] >= clLower && asciiClass[r] <= clDigit
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r))
}

// wordAt reports whether a word character starts at text[i], before to.
func wordAt(text string, i, to int) bool {
	if i >= to {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return asciiClass[c] >= clLower && asciiClass[c] <= clDigit
	}
	r, _ := utf8.DecodeRuneInString(text[i:to])
	return isWordRune(r)
}

// letterAt reports whether a letter starts at text[i], before to.
func letterAt(text string, i, to int) bool {
	if i >= to {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return asciiClass[c] == clLower || asciiClass[c] == clUpper
	}
	r, _ := utf8.DecodeRuneInString(text[i:to])
	return unicode.IsLetter(r)
}

// digitAt reports whether a digit starts at text[i], before to.
func digitAt(text string, i, to int) bool {
	if i >= to {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return asciiClass[c] == clDigit
	}
	r, _ := utf8.DecodeRuneInString(text[i:to])
	return unicode.IsDigit(r)
}

// word reads the word that starts at text[start] and returns its end. A
// word is letters, marks and digits, joined by an apostrophe or a hyphen
// followed by a word character ("O'Brien", "don't", "S-300",
// "surface-to-air"), a period followed by one ("U.S", "example.com"), an
// ampersand between letters ("AT&T") and a zero-width joiner or
// non-joiner followed by one. The period after an abbreviation is part of
// it ("U.S.", "Gen.", "J."), and a hyphen may follow it ("U.S.-led").
// The possessive "'s" is left for [state.apostrophe].
func (st *state) word(start, to int) int {
	text := st.text[:to] // lets the compiler drop the bounds checks of text[j]
	j := start
	var fl uint8
loop:
	for j < to {
		c := text[j]
		if alnum[c] != 0 {
			j++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '-':
				if wordAt(text, j+1, to) {
					j++
					continue
				}
			case '\'':
				if k := innerApostrophe(text, j, 1, to); k > 0 {
					j = k
					continue
				}
			case '&':
				if p := text[j-1]; p < utf8.RuneSelf && (asciiClass[p] == clLower || asciiClass[p] == clUpper) && letterAt(text, j+1, to) {
					j++
					continue
				}
			case '.':
				if wordAt(text, j+1, to) {
					j++
					continue
				}
				if f := st.abbreviation(start, j, to); f != 0 {
					j++
					if j+1 < to && text[j] == '-' && wordAt(text, j+1, to) {
						j++ // "U.S.-led"
						continue
					}
					fl = f
				}
			}
			break loop
		}
		r, size := utf8.DecodeRuneInString(text[j:to])
		if isWordRune(r) {
			j += size
			continue
		}
		switch r {
		case '\u2019': // ’
			if k := innerApostrophe(text, j, size, to); k > 0 {
				j = k
				continue
			}
		case '\u2010', '\u2011': // hyphen, non-breaking hyphen
			if wordAt(text, j+size, to) {
				j += size
				continue
			}
		case '\u200c', '\u200d': // ZWNJ, ZWJ
			if wordAt(text, j+size, to) {
				j += size
				continue
			}
		}
		break
	}
	st.add(start, j, extract.TokenWord, fl)
	return j
}

// innerApostrophe decides whether the apostrophe of the given size at
// text[j] joins two parts of a word and returns the index past it, or 0.
// A letter must follow, and the possessive or contracted "'s" is not
// joined: it becomes a token of its own.
func innerApostrophe(text string, j, size, to int) int {
	k := j + size
	if !letterAt(text, k, to) {
		return 0
	}
	if (text[k] == 's' || text[k] == 'S') && !wordAt(text, k+1, to) {
		return 0
	}
	return k
}

// number reads the number that starts at text[start] and returns its end:
// digits with inner separators followed by a digit ("250,000", "2.25",
// "10:30", "9/11") and letters glued to the end ("1990s", "21st", "5G",
// "2.5bn"). A hyphen ends it: "20-nation" is a number, a hyphen and a word.
func (st *state) number(start, to int) int {
	text := st.text
	j := start
	for j < to {
		c := text[j]
		if c < utf8.RuneSelf {
			switch {
			case asciiClass[c] == clDigit:
				j++
				continue
			case (c == '.' || c == ',' || c == ':' || c == '/') && digitAt(text, j+1, to):
				j++
				continue
			case asciiClass[c] == clLower || asciiClass[c] == clUpper:
				j = suffix(text, j, to)
			}
			break
		}
		r, size := utf8.DecodeRuneInString(text[j:to])
		if unicode.IsNumber(r) || unicode.IsMark(r) {
			j += size
			continue
		}
		if unicode.IsLetter(r) {
			j = suffix(text, j, to)
		}
		break
	}
	st.add(start, j, extract.TokenNumber, 0)
	return j
}

// suffix returns the end of the letters and digits glued to a number.
func suffix(text string, j, to int) int {
	for j < to {
		c := text[j]
		if c < utf8.RuneSelf {
			if cl := asciiClass[c]; cl >= clLower && cl <= clDigit {
				j++
				continue
			}
			return j
		}
		r, size := utf8.DecodeRuneInString(text[j:to])
		if !isWordRune(r) {
			return j
		}
		j += size
	}
	return j
}

// asciiMark reads the ASCII punctuation or symbol at text[i] and returns
// the index past its token.
func (st *state) asciiMark(i, to int) int {
	text := st.text
	c := text[i]
	n := 1
	kind := extract.TokenPunct
	var fl uint8
	switch c {
	case '.':
		for i+n < to && text[i+n] == '.' {
			n++
		}
		switch {
		case n >= 3: // "...", one ellipsis
			fl = fEllipsis
		default:
			n, fl = 1, fTerm
		}
	case '!', '?':
		fl = fTerm
	case ',', ';', ':':
		fl = fCont
	case ')', ']', '}':
		fl = fCloser | fCloserAny
	case '"':
		fl = fCloser
	case '\'':
		return st.apostrophe(i, 1, to)
	case '-':
		for i+n < to && text[i+n] == '-' {
			n++ // "--" is one dash
		}
	case '(', '[', '{', '/', '\\', '_':
	default: // $ % # & @ * + < = > ^ ` | ~
		kind = extract.TokenSymbol
	}
	end := markEnd(text, i+n, to)
	st.add(i, end, kind, fl)
	return end
}

// apostrophe reads an apostrophe or single quotation mark of the given
// size at text[i]: the "'s" clitic when it follows a word or number
// directly ("Iran's" is "Iran" and "'s"), a quotation mark otherwise.
func (st *state) apostrophe(i, size, to int) int {
	text := st.text
	k := i + size
	if n := len(st.toks); n > 0 && st.last == i && st.toks[n-1].Kind <= extract.TokenNumber &&
		k < to && (text[k] == 's' || text[k] == 'S') && !wordAt(text, k+1, to) {
		st.add(i, k+1, extract.TokenWord, 0)
		return k + 1
	}
	fl := fCloser
	if size > 1 {
		fl |= fCloserAny // ’ only closes
	}
	end := markEnd(text, k, to)
	st.add(i, end, extract.TokenPunct, fl)
	return end
}

// punct reads the non-ASCII punctuation mark r of the given size at
// text[i] and returns the index past its token.
func (st *state) punct(i int, r rune, size, to int) int {
	if r == '\u2019' {
		return st.apostrophe(i, size, to)
	}
	kind := extract.TokenPunct
	if isSymbolPunct(r) {
		kind = extract.TokenSymbol
	}
	end := markEnd(st.text, i+size, to)
	st.add(i, end, kind, punctFlags(r))
	return end
}

// punctFlags returns what a non-ASCII punctuation mark does to sentences.
func punctFlags(r rune) uint8 {
	switch r {
	case '\u2026': // …
		return fEllipsis
	case '\u203c', '\u2047', '\u2048', '\u2049', '\u203d', // ‼ ⁇ ⁈ ⁉ ‽
		'\u061f', '\u06d4', '\u0964', '\u0965', '\u1362': // Arabic question mark, Urdu full stop, dandas, Ethiopic full stop
		return fTerm
	case '\u3002', '\uff01', '\uff1f', '\uff61', '\uff0e': // 。！？｡．: no space follows them
		return fAlways
	case '\u201d', '\u2019', '\uff09', '\u300d', '\u300f', '\u3011', '\u3015', '\u300b', '\u3009': // ” ’ ） 」 』 】 〕 》 〉
		return fCloser | fCloserAny
	case '\u00bb', '\u203a': // » ›, which open in some languages
		return fCloser
	case '\u3001', '\uff0c', '\uff1b', '\uff1a', '\u060c', '\u061b': // 、，；：،؛
		return fCont
	}
	return 0
}

// isSymbolPunct reports whether a Unicode punctuation mark is treated as
// a symbol: the per mille and other signs that stand for words.
func isSymbolPunct(r rune) bool {
	switch r {
	case '\u2030', '\u2031', '\u2032', '\u2033', '\u2020', '\u2021', '\u00a7', '\u00b6', '\u203b', '\u066a':
		return true // ‰ ‱ ′ ″ † ‡ § ¶ ※ ٪
	}
	return false
}

// symbol reads the symbol of the given size at text[i], with what belongs
// to it: marks and variation selectors, emoji skin-tone modifiers, a
// second regional indicator (a flag), tag characters and zero-width-
// joined emoji. It returns the index past the token.
func (st *state) symbol(i, size, to int) int {
	text := st.text
	r, _ := utf8.DecodeRuneInString(text[i:to])
	j := i + size
	if isRegionalIndicator(r) {
		if r2, s2 := utf8.DecodeRuneInString(text[j:to]); isRegionalIndicator(r2) {
			j += s2
		}
	}
	for j < to {
		r, s := utf8.DecodeRuneInString(text[j:to])
		switch {
		case r < utf8.RuneSelf:
		case unicode.IsMark(r), r >= 0x1f3fb && r <= 0x1f3ff, r >= 0xe0020 && r <= 0xe007f:
			j += s
			continue
		case r == '\u200d':
			if r2, s2 := utf8.DecodeRuneInString(text[j+s : to]); r2 != utf8.RuneError && (unicode.Is(unicode.So, r2) || unicode.Is(unicode.Sk, r2)) {
				j += s + s2
				continue
			}
		}
		break
	}
	st.add(i, j, extract.TokenSymbol, 0)
	return j
}

func isRegionalIndicator(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// markEnd returns the index past the combining marks at text[j:to], which
// belong to the punctuation mark or symbol before them.
func markEnd(text string, j, to int) int {
	for j < to && text[j] >= utf8.RuneSelf {
		r, s := utf8.DecodeRuneInString(text[j:to])
		if !unicode.IsMark(r) {
			break
		}
		j += s
	}
	return j
}
