package tone

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// counts are the word counts behind a tone.
type counts struct {
	words, positive, negative int
}

// span is a byte range of Text, start<<32 | end, so that spans sort as
// integers: by start, then by end.
type span uint64

func newSpan(start, end int) span { return span(uint64(start)<<32 | uint64(uint32(end))) }

func (s span) start() int { return int(s >> 32) }
func (s span) end() int   { return int(uint32(s)) }

// walker scores the words of one text in order.
type walker struct {
	lex      *lexicon
	text     string
	window   int
	mentions []span // sorted
	m        int    // first mention that may hold the next word
	prevEnd  int
	negLeft  int // words left in the current negation's scope
	c        counts
}

// count walks the words of doc's text: the segment stage's word tokens
// when they are valid, else its own split (the same definition of a
// word: letters and digits with inner apostrophes, hyphens and periods,
// holding at least one letter).
func (s *Scorer) count(doc *extract.Document) counts {
	text := doc.Event.Text
	mp := s.pool.Get().(*[]span)
	defer s.pool.Put(mp)
	w := walker{lex: s.lex, text: text, window: s.negationWindow, mentions: sortedMentions((*mp)[:0], doc.Event.Entities, len(text))}
	*mp = w.mentions
	if validTokens(doc.Tokens, len(text)) {
		for _, t := range doc.Tokens {
			if t.Kind != extract.TokenWord {
				continue
			}
			start, end := int(t.Start), int(t.End)
			if isPossessiveTail(text, w.prevEnd, start, end) {
				w.prevEnd = end // "Putin" "’s": the "s" is no word
				continue
			}
			w.word(start, end)
		}
		return w.c
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && !asciiWord(c) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := wordEnd(text, i, len(text))
		if hasLetter(text[i:j]) {
			w.word(i, j)
			// Split off as the segment stage does: "Putin" "’s".
			for k := possessiveEnd(text, j); k > 0; k = possessiveEnd(text, j) {
				w.prevEnd = k
				j = k
			}
		}
		i = j
	}
	return w.c
}

// possessiveEnd returns the end of the possessive or contracted "'s" or
// "’s" at text[i:], or 0 when there is none there: an apostrophe, an "s"
// and no word character after them.
func possessiveEnd(text string, i int) int {
	var k int
	switch {
	case strings.HasPrefix(text[i:], "'"):
		k = i + 1
	case strings.HasPrefix(text[i:], "’"):
		k = i + len("’")
	default:
		return 0
	}
	if k >= len(text) || text[k] != 's' && text[k] != 'S' {
		return 0
	}
	k++
	if k < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[k:]); isWordRune(r) {
			return 0
		}
	}
	return k
}

// sortedMentions appends the in-range mention spans of es to dst, sorted.
func sortedMentions(dst []span, es []event.Entity, n int) []span {
	for _, e := range es {
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.Start < m.End && m.End <= n && n <= math.MaxUint32 {
				dst = append(dst, newSpan(m.Start, m.End))
			}
		}
	}
	slices.Sort(dst)
	return dst
}

// maxWordBytes is the longest word looked up; no lexicon entry is longer.
const maxWordBytes = 32

// word counts the word text[start:end].
func (w *walker) word(start, end int) {
	w.c.words++
	if start < w.prevEnd || !blank(w.text[w.prevEnd:start]) {
		w.negLeft = 0 // punctuation ends a negation's scope
	}
	w.prevEnd = end
	if w.inMention(start, end) {
		w.negLeft = max(0, w.negLeft-1)
		return
	}
	var buf [maxWordBytes]byte
	lw, h, ok := lower(&buf, w.text[start:end])
	if !ok {
		w.negLeft = max(0, w.negLeft-1)
		return
	}
	if isNegator(lw) {
		w.negLeft = w.window
		return
	}
	v := w.lex.lookupHash(lw, h)
	if v == 0 && len(lw) > 2 && lw[len(lw)-2] == '\'' && lw[len(lw)-1] == 's' {
		v = w.lex.lookup(lw[:len(lw)-2]) // "Europe's", "ally's"
	}
	negated := w.negLeft > 0
	w.negLeft = max(0, w.negLeft-1)
	if negated {
		v = -v
	}
	switch {
	case v > 0:
		w.c.positive++
	case v < 0:
		w.c.negative++
	}
}

// inMention reports whether text[start:end] lies inside an entity
// mention: names are not sentiment ("Hope", "Free Syrian Army").
func (w *walker) inMention(start, end int) bool {
	for w.m < len(w.mentions) && w.mentions[w.m].end() <= start {
		w.m++
	}
	return w.m < len(w.mentions) && w.mentions[w.m].start() <= start && end <= w.mentions[w.m].end()
}

// lower writes w into buf in lower case with curly apostrophes
// straightened and returns it with its [wordHash]; it returns false
// when that is longer than maxWordBytes.
func lower(buf *[maxWordBytes]byte, w string) ([]byte, uint64, bool) {
	if len(w) <= maxWordBytes {
		// Most words are short and ASCII: one pass that lower-cases and
		// hashes, without append's checks.
		h := uint64(fnvOffset)
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				return lowerRunes(buf[:0], w)
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
			h = (h ^ uint64(c)) * fnvPrime
		}
		return buf[:len(w)], h, true
	}
	return lowerRunes(buf[:0], w)
}

// lowerRunes is lower for any word: it appends to dst, at most
// maxWordBytes bytes.
func lowerRunes(dst []byte, w string) ([]byte, uint64, bool) {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
		} else {
			r, size := utf8.DecodeRuneInString(w[i:])
			if r == '’' {
				dst = append(dst, '\'')
			} else {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			i += size
		}
		if len(dst) > maxWordBytes {
			return dst, 0, false
		}
	}
	return dst, wordHash(dst), true
}

// isNegator reports whether the lower-case word w negates what follows.
func isNegator(w []byte) bool {
	switch string(w) {
	case "not", "no", "never", "cannot", "without", "nor", "neither", "none", "nobody":
		return true
	}
	n := len(w)
	return n >= 3 && w[n-3] == 'n' && w[n-2] == '\'' && w[n-1] == 't' // "didn't", "n't"
}

// validTokens reports whether toks is non-empty, sorted and inside a
// text of n bytes.
func validTokens(toks []extract.Token, n int) bool {
	if len(toks) == 0 {
		return false
	}
	var prev int32
	for _, t := range toks {
		if t.Start < prev || t.End <= t.Start || int(t.End) > n {
			return false
		}
		prev = t.End
	}
	return true
}

// isPossessiveTail reports whether text[start:end] is the "s" of a
// possessive that a tokenizer split off the word ending at prevEnd.
func isPossessiveTail(text string, prevEnd, start, end int) bool {
	if prevEnd > start || prevEnd == 0 {
		return false
	}
	switch text[start:end] {
	case "s", "S":
		gap := text[prevEnd:start]
		return gap == "'" || gap == "’"
	case "'s", "’s", "'S", "’S":
		return prevEnd == start
	}
	return false
}

// blank reports whether s holds only white space.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return true
}

// hasLetter reports whether s holds a letter: numbers are not words.
func hasLetter(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				return true
			}
		} else if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// asciiWord reports whether the byte c is an ASCII letter or digit.
func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnd returns the end of the word that starts at i: word runes with
// apostrophes, hyphens and periods between them, as the segment stage's
// TokenWord ("U.S", "well-being", "didn't").
func wordEnd(text string, i, end int) int {
	j := i
	for j < end {
		if asciiWord(text[j]) {
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:end])
		if isWordRune(r) {
			j += size
			continue
		}
		switch r {
		case '\'', '’':
			if possessiveEnd(text[:end], j) > 0 {
				return j // "Putin’s": the segment stage splits it off
			}
		case '-', '‐', '.':
		default:
			return j
		}
		if j+size >= end {
			return j
		}
		if next, _ := utf8.DecodeRuneInString(text[j+size : end]); !isWordRune(next) {
			return j
		}
		j += size
	}
	return j
}
