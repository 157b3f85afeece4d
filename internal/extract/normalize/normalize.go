package normalize

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the normalize stage in metrics, timings and
// warnings, as returned by [Normalizer.Name].
const StageName = "normalize"

// Normalizer is the normalize stage. It is immutable after [New] and safe
// for concurrent use by several goroutines, each with its own Document;
// it keeps no state between articles apart from pooled scratch memory.
type Normalizer struct {
	stripJoiners bool
	pool         sync.Pool // *scratch
}

var _ extract.Stage = (*Normalizer)(nil)

// config is what the options set.
type config struct {
	stripJoiners bool
}

// Option changes a default of [New].
type Option func(*config) error

// WithStripJoiners makes the stage remove every zero-width joiner and
// non-joiner (U+200D, U+200C), also between two letters. By default they
// are kept there because they are part of Persian, Arabic and Indic
// spellings and of emoji sequences; a feed that never carries those
// scripts may prefer plain words.
func WithStripJoiners() Option {
	return func(c *config) error {
		c.stripJoiners = true
		return nil
	}
}

// New returns a Normalizer with the defaults changed by opts.
func New(opts ...Option) (*Normalizer, error) {
	var cfg config
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("new normalize stage: %w", err)
		}
	}
	n := &Normalizer{stripJoiners: cfg.stripJoiners}
	n.pool.New = func() any { return new(scratch) }
	return n, nil
}

// Name returns [StageName].
func (n *Normalizer) Name() string { return StageName }

// scratch is the pooled working memory of one slow-path normalization.
type scratch struct {
	out []byte    // the text being built
	nfc []byte    // one paragraph in NFC
	it  norm.Iter // kept here because norm's own buffers would be allocated per call
}

// maxPooledBytes keeps a freak article from pinning a huge buffer in the
// pool forever.
const maxPooledBytes = 1 << 20

func (n *Normalizer) getScratch() *scratch { return n.pool.Get().(*scratch) }

func (n *Normalizer) putScratch(sc *scratch) {
	if cap(sc.out) > maxPooledBytes {
		sc.out = nil
	}
	if cap(sc.nfc) > maxPooledBytes {
		sc.nfc = nil
	}
	n.pool.Put(sc)
}

// stats counts what the normalization changed, for the warnings.
type stats struct {
	removed        int // control and invisible characters removed
	droppedParas   int // paragraphs left empty
	droppedRelated int // related stories left without a headline
	outside        int // characters outside every paragraph
}

// Process normalizes doc.Event in place: Text, Paragraphs, Headline,
// Standfirst, Byline, Section and Related (see the package documentation
// for the rules). Text that is already normalized is left as it is,
// without a copy.
//
// It fails with an [*extract.InputError] of reason invalid_utf8 (with the
// byte offset) when a field is not valid UTF-8, no_content when no
// paragraph is left, and malformed when Paragraphs does not describe
// Text; a cancelled ctx yields an error wrapping ctx.Err(). doc.Event is
// left untouched when Process fails.
func (n *Normalizer) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("normalize article: %w", err)
	}
	ev := &doc.Event
	var st stats
	text, paras, derived, err := n.normalizeText(ev.Text, ev.Paragraphs, &st)
	if err != nil {
		return err
	}
	if len(paras) == 0 {
		if ev.Text == "" {
			return extract.BadInput(extract.ReasonNoContent, "the article has no text")
		}
		return extract.BadInput(extract.ReasonNoContent, "no text is left after normalization: the %d bytes of text held only white space, control or invisible characters", len(ev.Text))
	}

	headline, err := n.kindField(fieldHeadline, ev.Headline, event.ParagraphHeadline, ev.Paragraphs, derived, text, paras, &st)
	if err != nil {
		return err
	}
	standfirst, err := n.kindField(fieldStandfirst, ev.Standfirst, event.ParagraphStandfirst, ev.Paragraphs, derived, text, paras, &st)
	if err != nil {
		return err
	}
	byline, err := n.field(fieldByline, -1, ev.Byline, &st)
	if err != nil {
		return err
	}
	section, err := n.field(fieldSection, -1, ev.Section, &st)
	if err != nil {
		return err
	}
	related, err := n.related(ev.Related, &st)
	if err != nil {
		return err
	}

	ev.Text, ev.Paragraphs = text, paras
	ev.Headline, ev.Standfirst, ev.Byline, ev.Section = headline, standfirst, byline, section
	ev.Related = related
	if st.removed > 0 {
		doc.Warn(StageName, "removed "+count(st.removed, "control or invisible formatting character"))
	}
	if st.outside > 0 {
		doc.Warn(StageName, "dropped "+count(st.outside, "character")+" outside the paragraphs")
	}
	if st.droppedParas > 0 {
		doc.Warn(StageName, "dropped "+count(st.droppedParas, "paragraph")+" that held no visible text")
	}
	if st.droppedRelated > 0 {
		doc.Warn(StageName, "dropped "+count(st.droppedRelated, "related story")+" without a headline")
	}
	return nil
}

// count spells "1 paragraph", "2 paragraphs".
func count(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "y"):
		return strconv.Itoa(n) + " " + noun[:len(noun)-1] + "ies"
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// normalizeText returns the normalized text and its paragraphs. When the
// input is already normalized it returns text and paras themselves.
// derived reports that paras was empty and the paragraphs were found at
// the blank lines of text.
func (n *Normalizer) normalizeText(text string, paras []event.Paragraph, st *stats) (_ string, _ []event.Paragraph, derived bool, _ error) {
	if len(paras) == 0 {
		if text == "" {
			return "", nil, false, nil
		}
		paras, derived = splitBlankLines(text), true
	}
	if err := checkParagraphs(text, paras); err != nil {
		return "", nil, false, err
	}
	normal, bad := n.isNormal(text, paras)
	if bad >= 0 {
		return "", nil, false, invalidUTF8("the text", text, bad)
	}
	if normal {
		return text, paras, derived, nil
	}

	sc := n.getScratch()
	defer n.putScratch(sc)
	out := sc.out[:0]
	if cap(out) < len(text) {
		out = make([]byte, 0, len(text)+len(text)/8)
	}
	newParas := make([]event.Paragraph, 0, len(paras))
	prev := 0
	for _, p := range paras {
		if bad := outsideParagraphs(text, prev, p.Start, st); bad >= 0 {
			return "", nil, false, invalidUTF8("the text", text, bad)
		}
		mark := len(out)
		if mark > 0 {
			out = append(out, "\n\n"...)
		}
		start := len(out)
		out, bad = n.appendNormalized(out, text[p.Start:p.End], sc, st)
		if bad >= 0 {
			return "", nil, false, invalidUTF8("the text", text, p.Start+bad)
		}
		prev = p.End
		if len(out) == start {
			out = out[:mark]
			st.droppedParas++
			continue
		}
		newParas = append(newParas, event.Paragraph{Kind: p.Kind, Start: start, End: len(out)})
	}
	if bad := outsideParagraphs(text, prev, len(text), st); bad >= 0 {
		return "", nil, false, invalidUTF8("the text", text, bad)
	}
	sc.out = out
	return string(out), newParas, derived, nil
}

// checkParagraphs rejects paragraphs that do not describe text: out of
// range, out of order, overlapping or cutting a character in two. (Bytes
// that are not valid UTF-8 are no character: the UTF-8 check reports them
// with a better message.)
func checkParagraphs(text string, paras []event.Paragraph) error {
	prev := 0
	for i, p := range paras {
		if p.Start < prev || p.End < p.Start || p.End > len(text) {
			return extract.BadInput(extract.ReasonMalformed, "paragraph %d spans [%d,%d), which is not inside the text of %d bytes after the previous paragraph's end %d", i, p.Start, p.End, len(text), prev)
		}
		if cutsRune(text, p.Start) || cutsRune(text, p.End) {
			return extract.BadInput(extract.ReasonMalformed, "paragraph %d spans [%d,%d), which cuts a character in two", i, p.Start, p.End)
		}
		prev = p.End
	}
	return nil
}

// splitBlankLines finds the paragraphs of a text that comes without
// them: runs of lines that are not blank, all of kind body.
func splitBlankLines(text string) []event.Paragraph {
	var paras []event.Paragraph
	start, end := -1, -1
	for i := 0; i <= len(text); {
		j := len(text)
		if k := indexNewline(text[i:]); k >= 0 {
			j = i + k
		}
		if !isBlank(text[i:j]) {
			if start < 0 {
				start = i
			}
			end = j
		} else if start >= 0 {
			paras = append(paras, event.Paragraph{Kind: event.ParagraphBody, Start: start, End: end})
			start = -1
		}
		i = j + 1
	}
	if start >= 0 {
		paras = append(paras, event.Paragraph{Kind: event.ParagraphBody, Start: start, End: end})
	}
	return paras
}

func indexNewline(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return i
		}
	}
	return -1
}

func isBlank(line string) bool {
	for _, r := range line {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// isNormal reports whether text and paras are already in normal form:
// the paragraphs tile the text with exactly "\n\n" between them and each
// one is clean. bad is the offset of the first invalid UTF-8 byte that
// the scan met, or -1. It is the fast path: one pass over the bytes and
// no allocation.
func (n *Normalizer) isNormal(text string, paras []event.Paragraph) (normal bool, bad int) {
	prev := 0
	for i, p := range paras {
		sep := 0
		if i > 0 {
			sep = 2
		}
		if p.Start != prev+sep || text[prev:p.Start] != "\n\n"[:sep] || p.End == p.Start {
			return false, -1
		}
		clean, bad := n.cleanSpan(text[p.Start:p.End])
		if bad >= 0 {
			return false, p.Start + bad
		}
		if !clean {
			return false, -1
		}
		prev = p.End
	}
	return prev == len(text), -1
}

// cleanSpan reports whether s is one clean paragraph: no character that
// normalization would remove or map, no space at either end or next to
// another space, and in NFC. bad is the offset of an invalid UTF-8 byte
// the scan met before it stopped, or -1.
//
// The NFC check looks only at each run of non-ASCII characters together
// with the ASCII character before it: an ASCII character never combines
// with the character before it, so the text is in NFC exactly when every
// such piece is, and ASCII text costs nothing.
func (n *Normalizer) cleanSpan(s string) (clean bool, bad int) {
	for i := 0; i < len(s); {
		// Most of an article is clean ASCII: skip it eight bytes at a
		// time, which took the byte loop below from 87% of the stage to
		// a fraction. The test needs the byte after the block.
		for i+8 < len(s) && cleanASCII8(s, i) {
			i += 8
		}
		c := s[i]
		if c-0x21 < 0x7f-0x21 { // printable ASCII other than space: one comparison
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c != ' ' || i == 0 || i+1 == len(s) || s[i+1] == ' ' {
				return false, -1
			}
			i++
			continue
		}
		k := i
		for k < len(s) && s[k] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[k:])
			if r == utf8.RuneError && size == 1 {
				return false, k
			}
			switch classify(r) {
			case classKeep:
			case classJoiner:
				prevRune, _ := utf8.DecodeLastRuneInString(s[:k])
				if n.stripJoiners || k == 0 || !joinable(prevRune) || !joinableAt(s, k+size) {
					return false, -1
				}
			default:
				return false, -1
			}
			k += size
		}
		if !isNFC(s[max(i-1, 0):k]) {
			return false, -1
		}
		i = k
	}
	return true, -1
}

// Lane constants of the eight-bytes-at-a-time tests.
const (
	lanes01 = 0x0101010101010101
	lanes20 = 0x2020202020202020
	lanes60 = 0x6060606060606060
	lanes7f = 0x7f7f7f7f7f7f7f7f
	lanes80 = 0x8080808080808080
)

// load8 returns s[i:i+8] as a little-endian word (the compiler makes the
// shifts one load): byte i+k is lane k, bits 8k to 8k+7.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// cleanASCII8 reports whether each of the eight bytes s[i:i+8] passes
// cleanSpan's byte loop without a word: printable ASCII, and a space
// only between two non-spaces and not at the start of s. s[i+8] must
// exist. The lane tests are exact because every lane is first checked to
// be below 0x80, so no addition carries into the next lane:
// lane+0x60 reaches 0x80 exactly when lane >= 0x20, lane+0x01 exactly
// when lane == 0x7f, and (lane^0x20)+0x7f stays below 0x80 exactly for
// a space.
func cleanASCII8(s string, i int) bool {
	x := load8(s, i)
	if x&lanes80 != 0 || (x+lanes60)&lanes80 != lanes80 || (x+lanes01)&lanes80 != 0 {
		return false // non-ASCII, a control byte or DEL
	}
	sp := ^((x ^ lanes20) + lanes7f) & lanes80 // 0x80 in each space lane
	switch {
	case sp == 0:
		return true
	case sp&(sp>>8) != 0: // two spaces in a row
		return false
	case i == 0 && sp&0x80 != 0: // a leading space
		return false
	case sp>>63 != 0 && s[i+8] == ' ': // a space before the next block's space
		return false
	}
	return true
}

// appendNormalized appends the normalized form of one paragraph s to dst.
// bad is the offset in s of the first invalid UTF-8 byte, or -1.
func (n *Normalizer) appendNormalized(dst []byte, s string, sc *scratch, st *stats) (_ []byte, bad int) {
	start := len(dst)
	space := false    // a space is due before the next character
	prevJoin := false // the last character written can take a joiner after it
	nonASCII := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c > ' ' && c != 0x7f:
				if space && len(dst) > start {
					dst = append(dst, ' ')
				}
				space = false
				dst = append(dst, c)
				prevJoin = joinableASCII(c)
			case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				space, prevJoin = true, false
			default:
				st.removed++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return dst, i
		}
		switch classify(r) {
		case classKeep:
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, s[i:i+size]...)
			prevJoin = joinable(r)
			nonASCII = true
		case classSpace:
			space, prevJoin = true, false
		case classJoiner:
			if !n.stripJoiners && prevJoin && joinableAt(s, i+size) {
				dst = append(dst, s[i:i+size]...)
				prevJoin = false
				break
			}
			st.removed++
		default:
			st.removed++
		}
		i += size
	}
	if nonASCII && norm.NFC.QuickSpan(dst[start:]) < len(dst)-start {
		sc.nfc = sc.nfc[:0]
		sc.it.Init(norm.NFC, dst[start:])
		for !sc.it.Done() {
			sc.nfc = append(sc.nfc, sc.it.Next()...)
		}
		dst = append(dst[:start], sc.nfc...)
	}
	return dst, -1
}

// isNFC reports whether s is in NFC. The quick check answers for almost
// all text without allocating; IsNormalString, which allocates, settles
// the rest.
func isNFC(s string) bool {
	return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
}

// outsideParagraphs checks text[from:to], which lies between paragraphs,
// and counts its characters other than white space as dropped. It
// returns the offset of an invalid UTF-8 byte, or -1.
func outsideParagraphs(text string, from, to int, st *stats) int {
	for i := from; i < to; {
		r, size := utf8.DecodeRuneInString(text[i:to])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		if !unicode.IsSpace(r) {
			st.outside++
		}
		i += size
	}
	return -1
}

// Character classes of the normalization.
const (
	classKeep   = iota
	classSpace  // becomes one ASCII space
	classRemove // removed
	classJoiner // ZWJ or ZWNJ: kept only between two joinable characters
)

// classify returns the class of a non-ASCII rune. The comparisons are
// ordered so that Latin, Greek, Cyrillic, Hebrew and Arabic letters leave
// after two or three of them.
func classify(r rune) int {
	switch {
	case r < 0xa0:
		if r == 0x85 { // NEL, a line break
			return classSpace
		}
		return classRemove // C1 controls
	case r == 0xa0:
		return classSpace
	case r == 0xad: // soft hyphen
		return classRemove
	case r < 0x061c:
		return classKeep
	case r == 0x061c: // Arabic letter mark
		return classRemove
	case r < 0x1680:
		return classKeep
	case r == 0x1680: // Ogham space mark
		return classSpace
	case r == 0x180e: // Mongolian vowel separator
		return classRemove
	case r < 0x2000:
		return classKeep
	case r <= 0x200a: // en quad … hair space
		return classSpace
	case r == 0x200b: // zero-width space
		return classRemove
	case r == 0x200c || r == 0x200d:
		return classJoiner
	case r == 0x200e || r == 0x200f: // LRM, RLM
		return classRemove
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return classSpace
	case r >= 0x202a && r <= 0x202e: // bidi embeddings and overrides
		return classRemove
	case r == 0x202f || r == 0x205f: // narrow no-break space, medium math space
		return classSpace
	case r >= 0x2060 && r <= 0x206f: // word joiner, invisible operators, bidi isolates, deprecated formats
		return classRemove
	case r == 0x3000: // ideographic space
		return classSpace
	case r == 0xfeff: // BOM, zero-width no-break space
		return classRemove
	}
	return classKeep
}

// joinable reports whether a zero-width joiner or non-joiner next to r
// can mean something: r is a letter, mark, digit or symbol (emoji and
// their modifiers are symbols).
func joinable(r rune) bool {
	if r < utf8.RuneSelf {
		return joinableASCII(byte(r))
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.So, unicode.Sk)
}

func joinableASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '^' || c == '`'
}

// joinableAt reports whether the rune at s[i] is joinable.
func joinableAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return joinable(r)
}

// invalidUTF8 is the bad-input error for an invalid byte at offset i of
// s, which is what names.
func invalidUTF8(what, s string, i int) error {
	return extract.BadInput(extract.ReasonInvalidUTF8, "%s is not valid UTF-8: bad byte 0x%02x at byte offset %d", what, s[i], i)
}

// Names of the fields in messages.
const (
	fieldHeadline   = "headline"
	fieldStandfirst = "standfirst"
	fieldByline     = "byline"
	fieldSection    = "section"
	fieldTeaser     = "teaser"
)

// kindField returns the new value of the Headline or Standfirst field:
// the text of the first paragraph of its kind when the input had one
// (empty when it was dropped), else the field normalized on its own.
func (n *Normalizer) kindField(name, value, kind string, inParas []event.Paragraph, derived bool, text string, paras []event.Paragraph, st *stats) (string, error) {
	had := false
	if !derived {
		for _, p := range inParas {
			if p.Kind == kind {
				had = true
				break
			}
		}
	}
	if !had {
		return n.field(name, -1, value, st)
	}
	for _, p := range paras {
		if p.Kind == kind {
			return text[p.Start:p.End], nil
		}
	}
	return "", nil
}

// field normalizes a one-line field like a paragraph. It returns value
// itself when it is already normalized. story is the index of the related
// story the field belongs to, or -1.
func (n *Normalizer) field(name string, story int, value string, st *stats) (string, error) {
	if value == "" {
		return value, nil
	}
	clean, bad := n.cleanSpan(value)
	if bad < 0 && clean {
		return value, nil
	}
	if bad < 0 {
		sc := n.getScratch()
		defer n.putScratch(sc)
		var out []byte
		out, bad = n.appendNormalized(sc.out[:0], value, sc, st)
		sc.out = out
		if bad < 0 {
			return string(out), nil
		}
	}
	what := "the " + name
	if story >= 0 {
		what = fmt.Sprintf("the %s of related story %d", name, story+1)
	}
	return "", invalidUTF8(what, value, bad)
}

// related normalizes the related stories and drops those left without a
// headline. It returns rs itself when nothing changes.
func (n *Normalizer) related(rs []event.RelatedStory, st *stats) ([]event.RelatedStory, error) {
	var out []event.RelatedStory // nil until something changes
	for i, r := range rs {
		h, err := n.field(fieldHeadline, i, r.Headline, st)
		if err != nil {
			return nil, err
		}
		t, err := n.field(fieldTeaser, i, r.Teaser, st)
		if err != nil {
			return nil, err
		}
		s, err := n.field(fieldSection, i, r.Section, st)
		if err != nil {
			return nil, err
		}
		drop := h == ""
		if out == nil && (drop || h != r.Headline || t != r.Teaser || s != r.Section) {
			out = make([]event.RelatedStory, i, len(rs))
			copy(out, rs[:i])
		}
		if drop {
			st.droppedRelated++
			continue
		}
		if out != nil {
			out = append(out, event.RelatedStory{Headline: h, Teaser: t, Section: s})
		}
	}
	if out == nil {
		return rs, nil
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// cutsRune reports whether offset i of text falls inside a valid
// multi-byte UTF-8 sequence.
func cutsRune(text string, i int) bool {
	if i <= 0 || i >= len(text) || utf8.RuneStart(text[i]) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-utf8.UTFMax+1; k-- {
		if utf8.RuneStart(text[k]) {
			r, size := utf8.DecodeRuneInString(text[k:])
			return (r != utf8.RuneError || size > 1) && k+size > i
		}
	}
	return false
}
