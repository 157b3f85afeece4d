package keywords

import (
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fallback"
)

// zone is the part of the article a word is in; the topic rules weigh
// the headline and the standfirst above the body.
type zone uint8

const (
	zoneBody zone = iota
	zoneStandfirst
	zoneHeadline
)

// Word flags.
const (
	flagUpper      uint8 = 1 << iota // starts with an upper-case letter
	flagAcronym                      // two or more letters, all upper case
	flagSentStart                    // first word of its sentence
	flagBreak                        // a phrase cannot span the gap before it
	flagPossessive                   // followed by 's, which its span excludes
)

// word is one word of Text: letters (and digits) with inner apostrophes,
// hyphens and periods, like the segment stage's TokenWord.
type word struct {
	start, end int32 // byte span in Text, without a possessive 's
	sent       int32 // sentence index
	lowOff     int32 // the lower-case form is arena[lowOff:lowOff+lowLen]
	lowLen     int32
	hash       uint64 // of the lower-case form
	surf       int32  // surface id (distinct lower-case form), set by intern
	term       int32  // term id, set by intern
	mention    int32  // 1 + index in st.mentions of the mention holding it, or 0
	flags      uint8
	zone       zone
}

// segment fills st.words from doc: from doc.Tokens and Event.Sentences
// when the segment stage left valid ones, else from its own split. It
// returns false when it stopped at maxWords.
func (x *Extractor) segment(st *scratch, doc *extract.Document) bool {
	ev := &doc.Event
	text := ev.Text
	st.paras = paragraphs(st.paras[:0], text, ev.Paragraphs)
	if validSpans(ev.Sentences, len(text)) {
		st.sents = append(st.sents[:0], ev.Sentences...)
		if validTokens(doc.Tokens, len(text), len(ev.Sentences)) {
			return x.wordsFromTokens(st, text, doc.Tokens)
		}
	} else {
		st.sents = st.sents[:0]
		for _, p := range st.paras {
			st.sents = fallback.Sentences(st.sents, text, p.Start, p.End)
		}
	}
	pi := 0
	for si, s := range st.sents {
		for pi < len(st.paras)-1 && st.paras[pi].End <= s.Start {
			pi++
		}
		z := zoneOf(st.paras, pi, s.Start)
		if !x.scanWords(st, text, s.Start, s.End, int32(si), z) {
			return false
		}
	}
	return true
}

// zoneOf returns the zone of the paragraph paras[pi] when it holds off.
func zoneOf(paras []event.Paragraph, pi, off int) zone {
	if pi >= len(paras) || off < paras[pi].Start || off >= paras[pi].End {
		return zoneBody
	}
	switch paras[pi].Kind {
	case event.ParagraphHeadline:
		return zoneHeadline
	case event.ParagraphStandfirst:
		return zoneStandfirst
	}
	return zoneBody
}

// paragraphs returns the article's paragraphs: Event.Paragraphs when they
// are sorted and inside the text, else the text cut at blank lines, all
// body.
func paragraphs(dst []event.Paragraph, text string, ps []event.Paragraph) []event.Paragraph {
	ok := len(ps) > 0
	prev := 0
	for _, p := range ps {
		if p.Start < prev || p.End < p.Start || p.End > len(text) {
			ok = false
			break
		}
		prev = p.End
	}
	if ok {
		return append(dst, ps...)
	}
	start := 0
	for start < len(text) {
		end := indexBlankLine(text, start)
		if end > start {
			dst = append(dst, event.Paragraph{Kind: event.ParagraphBody, Start: start, End: end})
		}
		start = end + 2
	}
	return dst
}

// indexBlankLine returns the index of the next "\n\n" at or after i, or
// len(text).
func indexBlankLine(text string, i int) int {
	for ; i+1 < len(text); i++ {
		if text[i] == '\n' && text[i+1] == '\n' {
			return i
		}
	}
	return len(text)
}

// validSpans reports whether spans is non-empty, sorted, non-overlapping
// and inside a text of n bytes: what the segment stage promises.
func validSpans(spans []event.Span, n int) bool {
	if len(spans) == 0 {
		return false
	}
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > n {
			return false
		}
		prev = s.End
	}
	return true
}

// validTokens reports whether toks is non-empty, sorted, inside a text of
// n bytes, and points at sentences that exist.
func validTokens(toks []extract.Token, n, nSents int) bool {
	if len(toks) == 0 {
		return false
	}
	var prev int32
	for _, t := range toks {
		if t.Start < prev || t.End <= t.Start || int(t.End) > n || t.Sentence < 0 || int(t.Sentence) >= nSents {
			return false
		}
		prev = t.End
	}
	return true
}

// wordsFromTokens fills st.words from the segment stage's word tokens.
// Numbers, punctuation and symbols are not words; the gap test in
// addWord turns them into phrase breaks.
func (x *Extractor) wordsFromTokens(st *scratch, text string, toks []extract.Token) bool {
	pi := 0
	lastSent := int32(-1)
	for _, t := range toks {
		if t.Kind != extract.TokenWord {
			continue
		}
		start, end := int(t.Start), int(t.End)
		// A tokenizer that splits "Putin's" into "Putin" "'s" leaves an
		// "s" word right after an apostrophe: fold it into the word
		// before as a possessive.
		if n := len(st.words); n > 0 && isPossessiveTail(text, int(st.words[n-1].end), start, end) {
			st.words[n-1].flags |= flagPossessive
			continue
		}
		for pi < len(st.paras)-1 && st.paras[pi].End <= start {
			pi++
		}
		sentStart := t.Sentence != lastSent
		lastSent = t.Sentence
		if !x.addWord(st, text, start, end, t.Sentence, zoneOf(st.paras, pi, start), sentStart) {
			return false
		}
	}
	return true
}

// isPossessiveTail reports whether text[start:end] is the "s" of a
// possessive split off the word that ends at prevEnd.
func isPossessiveTail(text string, prevEnd, start, end int) bool {
	if prevEnd > start || text[start:end] != "s" && text[start:end] != "'s" && text[start:end] != "’s" {
		return false
	}
	gap := text[prevEnd:start]
	return gap == "'" || gap == "’" || gap == "" && text[start] != 's'
}

// scanWords appends the words of text[start:end], one sentence, to
// st.words.
func (x *Extractor) scanWords(st *scratch, text string, start, end int, sent int32, z zone) bool {
	first := true
	i := start
	for i < end {
		if c := text[i]; c < utf8.RuneSelf && !asciiWord(c) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:end])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := wordEnd(text, i, end)
		if !x.addWord(st, text, i, j, sent, z, first) {
			return false
		}
		first = false
		i = j
	}
	return true
}

// asciiWord reports whether the byte c is an ASCII letter or digit.
func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordEnd returns the end of the word that starts at i: word runes, with
// apostrophes, hyphens, periods, ampersands and (between digits) commas
// inside it, and the final period of a dotted abbreviation ("U.S.").
func wordEnd(text string, i, end int) int {
	j := i
	dotted := true // single letters separated by periods so far
	runLen := 0    // letters since the last period
	periods := 0
	for j < end {
		if c := text[j]; asciiWord(c) {
			runLen++
			if runLen > 1 || c <= '9' {
				dotted = false
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:end])
		if isWordRune(r) {
			runLen++
			if runLen > 1 || !unicode.IsLetter(r) {
				dotted = false
			}
			j += size
			continue
		}
		if j+size >= end {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[j+size : end])
		if !isWordRune(next) {
			break
		}
		switch r {
		case '\'', '’', '-', '‐', '&':
			dotted = false
		case '.':
			periods++
			runLen = 0
		case ',':
			prev, _ := utf8.DecodeLastRuneInString(text[i:j])
			if !unicode.IsDigit(prev) || !unicode.IsDigit(next) {
				return j
			}
			dotted = false
		default:
			return j
		}
		j += size
	}
	if dotted && periods > 0 && j < end && text[j] == '.' {
		j++
	}
	return j
}

// addWord appends text[start:end] to st.words with its flags and folded
// form. It returns false when st.words is full.
func (x *Extractor) addWord(st *scratch, text string, start, end int, sent int32, z zone, sentStart bool) bool {
	if len(st.words) >= x.maxWords {
		return false
	}
	w := word{sent: sent, zone: z}
	// Strip a possessive "'s": it is not part of the phrase.
	if end-start > 2 && text[end-2:end] == "'s" {
		end -= 2
		w.flags |= flagPossessive
	} else if end-start > 4 && text[end-4:end] == "’s" {
		end -= 4
		w.flags |= flagPossessive
	}
	w.start, w.end = int32(start), int32(end)
	if sentStart {
		w.flags |= flagSentStart | flagBreak
	} else if n := len(st.words); n > 0 && (st.words[n-1].sent != sent || !blank(text[st.words[n-1].end:start]) || st.words[n-1].flags&flagPossessive != 0) {
		w.flags |= flagBreak
	}
	// One pass counts the letters and capitals, appends the lower-case
	// form to the arena (as lower does) and hashes it (as fnv1a does):
	// three passes over the word's bytes cost 8% of the stage. A number
	// or an acronym, both rare, then takes the form back out.
	letters, upper, periods := 0, 0, 0
	w.lowOff = int32(len(st.arena))
	arena := st.arena
	h, hPrev := uint64(fnvOffset), uint64(fnvOffset)
	for k := start; k < end; {
		c := text[k]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				letters++
			case 'A' <= c && c <= 'Z':
				letters++
				upper++
				if k == start {
					w.flags |= flagUpper
				}
				c += 'a' - 'A'
			case c == '.':
				periods++
			}
			arena = append(arena, c)
			hPrev, h = h, (h^uint64(c))*fnvPrime
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[k:end])
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
				if k == start {
					w.flags |= flagUpper
				}
			}
		}
		n := len(arena)
		if r == '’' {
			arena = append(arena, '\'')
		} else {
			arena = utf8.AppendRune(arena, unicode.ToLower(r))
		}
		for _, b := range arena[n:] {
			hPrev, h = h, (h^uint64(b))*fnvPrime
		}
		k += size
	}
	if letters == 0 {
		// A number: not a term. It still breaks phrases.
		if n := len(st.words); n > 0 {
			st.pendingBreak = true
		}
		return true
	}
	if st.pendingBreak {
		w.flags |= flagBreak
		st.pendingBreak = false
	}
	if letters >= 2 && upper == letters {
		w.flags |= flagAcronym
	}
	switch {
	case w.flags&flagAcronym != 0:
		// Acronyms keep their case, so that "US" is not "us".
		arena = append(arena[:w.lowOff], text[start:end]...)
		h = fnv1a(arena[w.lowOff:])
	case len(arena)-int(w.lowOff) > 1 && arena[len(arena)-1] == '.' && periods == 1:
		// lower's rule: a trailing period goes unless the word is a
		// dotted abbreviation. hPrev is the hash without it.
		arena, h = arena[:len(arena)-1], hPrev
	}
	st.arena = arena
	w.lowLen = int32(len(arena)) - w.lowOff
	w.hash = h
	st.words = append(st.words, w)
	return true
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

// lower appends w to dst in lower case, with curly apostrophes
// straightened and a trailing period dropped unless w is a dotted
// abbreviation ("Gen." → "gen", "U.S." → "u.s.").
func lower(dst []byte, w string) []byte {
	off := len(dst)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if r == '’' {
			dst = append(dst, '\'')
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	if n := len(dst); n-off > 1 && dst[n-1] == '.' && !containsByte(dst[off:n-1], '.') {
		dst = dst[:n-1]
	}
	return dst
}

// fold appends the folded form of the lower-case word w, of hash h
// (fnv1a), to dst: w itself for a stop word, else w without a plural
// "s". It reports whether w is a stop word.
func (x *Extractor) fold(dst, w []byte, h uint64) ([]byte, bool) {
	if x.lex.isStop(w, h) {
		return append(dst, w...), true
	}
	n, y := pluralStem(w)
	if n == len(w) {
		return append(dst, w...), false
	}
	off := len(dst)
	dst = append(dst, w[:n]...)
	if y {
		dst = append(dst, 'y')
	}
	if x.lex.isStop(dst[off:], fnv1a(dst[off:])) {
		// "news" is not the plural of the stop word "new".
		return append(dst[:off], w...), false
	}
	return dst, false
}

// FNV-1a 64 constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv1a is the 64-bit FNV-1a hash of b.
func fnv1a[T string | []byte](b T) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= fnvPrime
	}
	return h
}

// foldWord returns the folded form of any word, as fold does.
func (x *Extractor) foldWord(w string) string {
	low := lower(nil, w)
	b, _ := x.fold(nil, low, fnv1a(low))
	return string(b)
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// mention is an entity mention's span.
type mention struct {
	start, end int32
	entity     int32 // 1 + index in Event.Entities
}

// markMentions sets every word's mention from the entities stage's
// mentions: a word wholly inside a mention gets it. Mentions do not
// overlap; if a faulty stage made them, the first in entity order wins.
// Words are sorted, so each mention finds its first word by binary
// search: no sort of the mentions is needed.
func (st *scratch) markMentions(es []event.Entity, textLen int) {
	words := st.words
	for ei, e := range es {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End <= m.Start || m.End > textLen {
				continue
			}
			st.mentions = append(st.mentions, mention{start: int32(m.Start), end: int32(m.End), entity: int32(ei + 1)})
			id := int32(len(st.mentions))
			i := firstWordFrom(words, int32(m.Start))
			for ; i < len(words) && words[i].start < int32(m.End); i++ {
				if words[i].end <= int32(m.End) && words[i].mention == 0 {
					words[i].mention = id
				}
			}
		}
	}
}

// firstWordFrom returns the index of the first of the sorted words that
// starts at or after off, or len(words). It is slices.BinarySearchFunc
// without a call through a comparison function per step, which cost
// most of markMentions.
func firstWordFrom(words []word, off int32) int {
	lo, hi := 0, len(words)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if words[mid].start < off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
