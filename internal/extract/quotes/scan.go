package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

// Quotation marks: the straight double quote and the curly pair. Single
// quotes are not read: ’ is also the apostrophe, and wire headlines use
// ‘…’ for scare quotes, not speech.
const (
	markNone     = iota
	markStraight // " opens when no quotation is open, else closes
	markOpen     // “
	markClose    // ”
)

// markAt returns the kind and byte length of the quotation mark at text[i].
func markAt(text string, i int) (kind, size int) {
	switch text[i] {
	case '"':
		return markStraight, 1
	case 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 {
			switch text[i+2] {
			case 0x9C:
				return markOpen, 3
			case 0x9D:
				return markClose, 3
			}
		}
	}
	return markNone, 0
}

// markFinder finds the bytes that can start a quotation mark, '"' and
// the lead byte of '“' and '”', with strings.IndexByte, which is much
// faster than looking at every byte; it keeps the next offset of each
// so that no byte is searched twice.
type markFinder struct {
	straight, curly int // the next offsets found, -1 before any search
}

// next returns the offset of the first byte at or after i, before end,
// that may start a mark, or end.
func (f *markFinder) next(text string, i, end int) int {
	if f.straight < i {
		f.straight = indexByteFrom(text, i, end, '"')
	}
	if f.curly < i {
		f.curly = indexByteFrom(text, i, end, 0xE2)
	}
	return min(f.straight, f.curly)
}

// indexByteFrom returns the offset of the first c in text[i:end], or end.
func indexByteFrom(text string, i, end int, c byte) int {
	if j := strings.IndexByte(text[i:end], c); j >= 0 {
		return i + j
	}
	return end
}

// piece is one quotation inside one paragraph. A quotation running over
// several paragraphs is several pieces linked by cont.
type piece struct {
	open     int32 // offset of the opening mark
	closeEnd int32 // offset after the closing mark, or the paragraph end when unclosed
	start    int32 // the quoted words, white space trimmed
	end      int32
	para     int32 // index of the paragraph
	sent     int32 // index of the sentence in state.sents
	attr     int32 // index into state.attrs, -1 when unattributed
	unclosed bool  // the paragraph ended inside the quotation
	cont     bool  // continues the previous piece, in the previous paragraph
	drop     bool  // an unclosed piece that nothing continues
}

// span is a half-open byte range.
type span struct{ start, end int32 }

// paragraphs returns the paragraph spans to scan: paras when they are
// valid (in order, inside the text), otherwise the blocks of text between
// blank lines, so that the stage works on any input.
func (st *state) paragraphs(paras []event.Paragraph) []span {
	st.paras = st.paras[:0]
	prev := 0
	valid := len(paras) > 0
	for _, p := range paras {
		if p.Start < prev || p.End < p.Start || p.End > len(st.text) {
			valid = false
			break
		}
		prev = p.End
	}
	if valid {
		for _, p := range paras {
			st.paras = append(st.paras, span{int32(p.Start), int32(p.End)})
		}
		return st.paras
	}
	start := 0
	for i := 0; i+1 < len(st.text); i++ {
		if st.text[i] == '\n' && st.text[i+1] == '\n' {
			if i > start {
				st.paras = append(st.paras, span{int32(start), int32(i)})
			}
			start = i + 2
			i++
		}
	}
	if start < len(st.text) {
		st.paras = append(st.paras, span{int32(start), int32(len(st.text))})
	}
	return st.paras
}

// findPieces pairs the quotation marks of every paragraph into pieces and
// links multi-paragraph quotations. It stops after maxPieces pieces and
// reports whether it did.
func (st *state) findPieces(paras []span) (truncated bool) {
	text := st.text
	for pi, p := range paras {
		first := len(st.pieces)
		open := int32(-1)
		openSize := 0
		marks := markFinder{straight: -1, curly: -1}
		for i := int(p.start); i < int(p.end); {
			if i = marks.next(text, i, int(p.end)); i == int(p.end) {
				break
			}
			kind, size := markAt(text, i)
			if kind == markNone {
				i++
				continue
			}
			switch {
			case open < 0 && kind != markClose:
				open, openSize = int32(i), size
			case open >= 0 && kind == markOpen:
				// An opening mark inside an open quotation: the first one
				// was never closed (nested quotations use single marks).
				open, openSize = int32(i), size
			case open >= 0:
				st.addPiece(open, int32(i+size), int32(int(open)+openSize), int32(i), int32(pi), false)
				open = -1
			}
			if len(st.pieces) >= maxPieces {
				return true
			}
			i += size
		}
		if open >= 0 {
			st.addPiece(open, p.end, int32(int(open)+openSize), p.end, int32(pi), true)
		}
		// A paragraph that opens with a quotation mark continues an
		// unclosed quotation of the paragraph just before it.
		if first < len(st.pieces) && first > 0 {
			prev := &st.pieces[first-1]
			cur := &st.pieces[first]
			if prev.unclosed && prev.para == int32(pi-1) && cur.open == firstNonSpace(text, p.start, p.end) {
				cur.cont = true
			}
		}
		if len(st.pieces) >= maxPieces {
			return true
		}
	}
	return false
}

// dropUnclosed marks the unclosed pieces that no paragraph continues:
// a stray opening mark, not a quotation.
func (st *state) dropUnclosed() {
	for i := range st.pieces {
		if st.pieces[i].unclosed && (i+1 == len(st.pieces) || !st.pieces[i+1].cont) {
			st.pieces[i].drop = true
		}
	}
}

// addPiece records the quotation with marks at open and ending at
// closeEnd, whose words lie in text[in:out], unless it holds no words.
func (st *state) addPiece(open, closeEnd, in, out, para int32, unclosed bool) {
	for in < out && isSpaceByte(st.text[in]) {
		in++
	}
	for out > in && isSpaceByte(st.text[out-1]) {
		out--
	}
	if !hasWord(st.text[in:out]) {
		return
	}
	st.pieces = append(st.pieces, piece{
		open: open, closeEnd: closeEnd, start: in, end: out, para: para,
		attr: -1, unclosed: unclosed,
	})
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// hasWord reports whether s holds a letter or digit.
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// countWords counts the words of s, stopping at limit.
func countWords(s string, limit int) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
			if n >= limit {
				return n
			}
		}
		// An apostrophe or hyphen inside a word does not split it.
		in = w || in && (r == '\'' || r == '’' || r == '-')
	}
	return n
}

func firstNonSpace(text string, i, end int32) int32 {
	for i < end && isSpaceByte(text[i]) {
		i++
	}
	return i
}

// splitSentences cuts every paragraph into sentences, never inside a
// quotation, and sets each piece's sentence. A sentence ends at ".", "!",
// "?" or "…" followed by white space and a capital, a digit, an opening
// mark or the paragraph's end, unless the period closes an abbreviation
// or an initial; and after a quotation whose words end that way.
func (st *state) splitSentences(paras []span) {
	text := st.text
	k := 0 // next piece
	// opening returns where piece k opens when it is in paragraph pi, or
	// -1: the only offset the loop below must stop at besides marks.
	opening := func(pi int) int32 {
		if k < len(st.pieces) && st.pieces[k].para == int32(pi) {
			return st.pieces[k].open
		}
		return -1
	}
	for pi, p := range paras {
		s := p.start
		next := opening(pi)
		for i := p.start; i < p.end; {
			if i == next {
				pc := &st.pieces[k]
				pc.sent = int32(len(st.sents))
				i = pc.closeEnd
				k++
				next = opening(pi)
				if pc.end > pc.start && terminal(text, pc.end) && startsSentence(text, i, p.end) {
					st.sents = append(st.sents, span{s, i})
					s = firstNonSpace(text, i, p.end)
				}
				continue
			}
			// Only '.', '!' and '?' can end a sentence here: skip eight
			// bytes at a time up to the next of them, the next opening
			// or the paragraph's end. Byte by byte, this loop was a
			// third of the stage.
			lim := p.end
			if next >= i {
				lim = min(lim, next)
			}
			for i+8 <= lim && !hasTerminator8(text, i) {
				i += 8
			}
			if i == lim {
				continue
			}
			c := text[i]
			if (c == '.' || c == '!' || c == '?') && (i+1 == p.end || isSpaceByte(text[i+1])) &&
				(c != '.' || !abbreviated(text, p.start, i)) && startsSentence(text, i+1, p.end) {
				st.sents = append(st.sents, span{s, i + 1})
				s = firstNonSpace(text, i+1, p.end)
			}
			i++
		}
		if s < p.end {
			st.sents = append(st.sents, span{s, p.end})
		}
		// Pieces of this paragraph not met at their mark (a mark off a
		// rune boundary cannot happen, but the paragraph spans come from
		// outside) still need a sentence.
		for ; k < len(st.pieces) && st.pieces[k].para == int32(pi); k++ {
			st.pieces[k].sent = int32(len(st.sents) - 1)
		}
	}
}

// Lane constants of hasTerminator8.
const (
	lanes01 = 0x0101010101010101
	lanes80 = 0x8080808080808080
)

// hasTerminator8 reports whether one of the eight bytes text[i:i+8] is
// '.', '!' or '?'. It reads them as one word (the compiler makes the
// shifts one load) and tests the lanes at once: y = x ^ (lanes01*c) has
// a zero byte where x holds c, and (y - lanes01) &^ y & lanes80 is
// non-zero exactly when y has a zero byte.
func hasTerminator8(text string, i int32) bool {
	b := text[i : i+8]
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	dot, bang, ques := x^(lanes01*'.'), x^(lanes01*'!'), x^(lanes01*'?')
	return ((dot-lanes01)&^dot|(bang-lanes01)&^bang|(ques-lanes01)&^ques)&lanes80 != 0
}

// terminal reports whether the quoted words ending at end close a
// sentence.
func terminal(text string, end int32) bool {
	switch c := text[end-1]; c {
	case '.', '!', '?':
		return true
	case 0xA6: // …
		return end >= 3 && text[end-3] == 0xE2 && text[end-2] == 0x80
	}
	return false
}

// startsSentence reports whether what follows i (after white space) can
// begin a sentence.
func startsSentence(text string, i, end int32) bool {
	if i < end && !isSpaceByte(text[i]) {
		return false
	}
	i = firstNonSpace(text, i, end)
	if i >= end {
		return true
	}
	c := text[i]
	switch {
	case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '"', c == '(':
		return true
	case c < utf8.RuneSelf:
		return false
	}
	if k, _ := markAt(text, int(i)); k == markOpen {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}

// abbreviated reports whether the period at dot closes an abbreviation
// ("Gen.", "Sept."), an initial ("W.") or a dotted acronym ("U.S.").
func abbreviated(text string, from, dot int32) bool {
	j := dot
	for j > from {
		c := text[j-1]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' {
			j--
			continue
		}
		break
	}
	w := text[j:dot]
	if w == "" {
		return false
	}
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] == '.' {
			return true
		}
	}
	return abbreviation(w)
}

// Token kinds of the attribution tokenizer.
const (
	tkWord  = iota
	tkComma // ,
	tkColon // :
	tkSemi  // ; and anything else that ends a clause
	tkParen // ( ) — – and a spaced hyphen
	tkQuote // another quotation
	tkSelf  // the quotation being attributed
)

// tok is one token of a sentence.
type tok struct {
	start, end int32
	kind       uint8
	upper      bool // a word whose first letter is upper case
}

// tokenize cuts text[a:b] into st.toks, the quotations in it becoming one
// token each (tkSelf for pieces[self]).
func (st *state) tokenize(a, b int32, self int) {
	text := st.text
	st.toks = st.toks[:0]
	// The first piece that can reach into [a, b): pieces are sorted and
	// the sentence of self holds only its neighbours.
	k := self
	for k > 0 && st.pieces[k-1].closeEnd > a {
		k--
	}
	for i := a; i < b; {
		if k < len(st.pieces) && st.pieces[k].open < b && i >= st.pieces[k].open {
			kind := uint8(tkQuote)
			if k == self {
				kind = tkSelf
			}
			end := min(st.pieces[k].closeEnd, b)
			if end > i {
				st.toks = append(st.toks, tok{start: i, end: end, kind: kind})
				i = end
			}
			k++
			continue
		}
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
				i = st.word(i, b, k)
			case c == ',':
				st.toks = append(st.toks, tok{start: i, end: i + 1, kind: tkComma})
				i++
			case c == ':':
				st.toks = append(st.toks, tok{start: i, end: i + 1, kind: tkColon})
				i++
			case c == ';' || c == '.' || c == '!' || c == '?':
				st.toks = append(st.toks, tok{start: i, end: i + 1, kind: tkSemi})
				i++
			case c == '(' || c == ')' || c == '[' || c == ']' || c == '-':
				st.toks = append(st.toks, tok{start: i, end: i + 1, kind: tkParen})
				i++
			default:
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			i = st.word(i, b, k)
		case r == '—' || r == '–':
			st.toks = append(st.toks, tok{start: i, end: i + int32(size), kind: tkParen})
			i += int32(size)
		default:
			i += int32(size)
		}
	}
}

// word appends the word starting at i and returns its end. Apostrophes,
// hyphens and periods between letters stay inside ("Iran’s", "al-Assad",
// "U.S."), as does the period of an abbreviation ("Dr.").
func (st *state) word(i, b int32, k int) int32 {
	text := st.text
	start := i
	limit := b
	if k < len(st.pieces) && st.pieces[k].open < limit {
		limit = st.pieces[k].open
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	up := unicode.IsUpper(r)
	for i < limit {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			i += int32(size)
			continue
		}
		if (r == '\'' || r == '’' || r == '-' || r == '.') && i+int32(size) < limit {
			n, _ := utf8.DecodeRuneInString(text[i+int32(size):])
			if unicode.IsLetter(n) || unicode.IsDigit(n) {
				i += int32(size)
				continue
			}
		}
		break
	}
	if i < limit && text[i] == '.' && abbreviated(text, start, i) {
		i++
	}
	st.toks = append(st.toks, tok{start: start, end: i, kind: tkWord, upper: up})
	return i
}
