package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/internal/gazetteer"
	"github.com/wirestream/wirestream/internal/ner/conll"
)

// Tags: O, then B, I, L, U for each of the four types, in type order.
const (
	numTypes = 4
	numTags  = 1 + 4*numTypes
)

// Type indexes, in tag order.
const (
	typePER = iota
	typeLOC
	typeORG
	typeMISC
)

// typeName returns the CoNLL name of a type index.
func typeName(ty int) string {
	switch ty {
	case typePER:
		return conll.PER
	case typeLOC:
		return conll.LOC
	case typeORG:
		return conll.ORG
	}
	return conll.MISC
}

// Tag parts.
const (
	partB = iota
	partI
	partL
	partU
)

func tagOf(typ, part int) int { return 1 + 4*typ + part }

// tagType returns the type index of tag t, or -1 for O.
func tagType(t int) int {
	if t == 0 {
		return -1
	}
	return (t - 1) / 4
}

func tagPart(t int) int { return (t - 1) % 4 }

// Token flags.
const (
	fInitCap   uint32 = 1 << iota // first rune upper case
	fAllCap                       // letters, none lower case
	fHasLower                     // some lower-case letter
	fHasDigit                     // some digit
	fAllDigit                     // digits only (and , . - /)
	fHasHyphen                    // an inner hyphen
	fHasPeriod                    // a period
	fPunct                        // no letter or digit
	fLineStart                    // first token of its line
	fSentStart                    // first word of a sentence
	fCapsLine                     // its line is (nearly) all capitals: a CoNLL headline
	fHasLetter                    // some letter
	fLineEnd                      // last token of its line
	fOpenPunct                    // an opening quote or bracket
)

// tokInfo is what the feature templates read about one token: hashes of
// its forms and its flags, computed once per token.
type tokInfo struct {
	w, lw, shape, sshape uint64
	pre, suf             [4]uint64
	flags                uint32
	line                 int32 // index of its line
	gaz                  uint8 // gazetteer kind<<2 | part, 0 for none
	doc                  uint8 // document casing code, see docCasing
	p2                   uint8 // second pass: types of the same word elsewhere
	p2first              uint8 // second pass: type of its first occurrence
	p1                   uint8 // second pass: its first-pass tag
}

// Feature templates. Their numbers are part of the model format: change
// one (or a flag bit that capCode packs) and the model must be retrained
// (and modelVersion raised).
const (
	tBias uint64 = iota + 1
	tW
	tLW
	tLWm1
	tLWp1
	tLWm2
	tLWp2
	tWm1
	tWp1
	tBIm1
	tBIp1
	tPre1
	tPre2
	tPre3
	tPre4
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tShape
	tSSm1
	tSS
	tSSp1
	tSSm1SS
	tSSSSp1
	tSS3
	tCap
	tSSLWm1
	tSSLWp1
	tGaz
	tGazm1
	tGazp1
	tDoc
	tLinePos
	tP2
	tP2First
	tP2Cap
	tP1Prev
	tP1Next
)

// FNV-1a, 64 bit.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the fixed finaliser of MurmurHash3 (fmix64).
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// feat hashes a template and one value.
func feat(t, a uint64) uint64 { return mix(a ^ t*0x9e3779b97f4a7c15) }

// feat2 hashes a template and two values.
func feat2(t, a, b uint64) uint64 {
	return mix(a*0x87c37b91114253d5 ^ (b<<31 | b>>33) ^ t*0x9e3779b97f4a7c15)
}

// feat3 hashes a template and three values.
func feat3(t, a, b, c uint64) uint64 {
	return mix(feat2(t, a, b) ^ c*0x4cf5ad432745937f)
}

// Hashes of the boundary tokens that stand before and after each line.
const (
	bosHash = 0xb05
	eosHash = 0xe05
)

// shapeClass maps ASCII bytes to their shape character: X upper, x lower,
// d digit, the byte itself for punctuation.
func shapeClass(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return 'X'
	case c >= 'a' && c <= 'z':
		return 'x'
	case c >= '0' && c <= '9':
		return 'd'
	}
	return c
}

// describe fills the word-level part of ti from the token w: its hashes
// and flags. With upper set it describes the token as if it were written
// in capitals (a Title Case headline made to look like a CoNLL one). It
// allocates nothing.
func describe(ti *tokInfo, w string, upper bool) {
	hw, hl := uint64(fnvOffset), uint64(fnvOffset)
	hs, hss := uint64(fnvOffset), uint64(fnvOffset)
	var last4 [4]byte // last four lower-case bytes, a ring
	nb := 0           // lower-case bytes so far
	var flags uint32
	letters, lowers, digits := 0, 0, 0
	var prevClass byte
	run := 0
	var lb [8]byte
	for i := 0; i < len(w); {
		c := w[i]
		var cls byte
		lbs := lb[:0]
		if c < utf8.RuneSelf {
			i++
			cls = shapeClass(c)
			switch cls {
			case 'X':
				letters++
				lbs = append(lbs, c+'a'-'A')
			case 'x':
				letters++
				lbs = append(lbs, c)
				if upper {
					cls, c = 'X', c-('a'-'A')
				} else {
					lowers++
				}
			case 'd':
				digits++
				lbs = append(lbs, '0')
			default:
				switch c {
				case '-':
					if i > 1 && i < len(w) {
						flags |= fHasHyphen
					}
				case '.':
					flags |= fHasPeriod
				}
				lbs = append(lbs, c)
			}
			hw = (hw ^ uint64(c)) * fnvPrime
		} else {
			r, n := utf8.DecodeRuneInString(w[i:])
			i += n
			rw := r
			switch {
			case unicode.IsUpper(r):
				letters++
				cls = 'X'
				lbs = utf8.AppendRune(lbs, unicode.ToLower(r))
			case unicode.IsLetter(r) || unicode.IsMark(r):
				letters++
				cls = 'x'
				if upper {
					cls, rw = 'X', unicode.ToUpper(r)
				} else {
					lowers++
				}
				lbs = utf8.AppendRune(lbs, r)
			case unicode.IsDigit(r):
				digits++
				cls = 'd'
				lbs = append(lbs, '0')
			default:
				cls = 'p'
				switch r {
				case '\u2018', '\u2019':
					lbs = append(lbs, '\'')
				case '\u201c', '\u201d', '\u201e':
					lbs = append(lbs, '"')
				case '\u2013', '\u2014':
					lbs = append(lbs, '-')
				default:
					lbs = utf8.AppendRune(lbs, r)
				}
			}
			var rb [utf8.UTFMax]byte
			for _, b := range utf8.AppendRune(rb[:0], rw) {
				hw = (hw ^ uint64(b)) * fnvPrime
			}
		}
		if prevClass == 0 && cls == 'X' {
			flags |= fInitCap
		}
		for _, b := range lbs {
			hl = (hl ^ uint64(b)) * fnvPrime
			last4[nb&3] = b
			nb++
			if nb <= 4 {
				ti.pre[nb-1] = hl
			}
		}
		if cls != prevClass {
			hss = (hss ^ uint64(cls)) * fnvPrime
			run = 0
		}
		if run < 4 {
			hs = (hs ^ uint64(cls)) * fnvPrime
		}
		run++
		prevClass = cls
	}
	for k := nb; k < 4; k++ {
		ti.pre[k] = hl
	}
	// Suffixes: hash the last k bytes, newest first.
	h := uint64(fnvOffset)
	for k := 0; k < 4; k++ {
		if k < nb {
			h = (h ^ uint64(last4[(nb-1-k)&3])) * fnvPrime
		}
		ti.suf[k] = h
	}
	if letters > 0 {
		flags |= fHasLetter
		if lowers == 0 {
			flags |= fAllCap
		} else {
			flags |= fHasLower
		}
	}
	if digits > 0 {
		flags |= fHasDigit
		if letters == 0 {
			flags |= fAllDigit
		}
	}
	if letters == 0 && digits == 0 {
		flags |= fPunct
		switch w {
		case "(", "[", "{", "\"", "'", "`", "\u201c", "\u2018", "``":
			flags |= fOpenPunct
		}
	}
	ti.w, ti.lw, ti.shape, ti.sshape = hw, hl, hs, hss
	ti.flags = flags
}

// capCode packs the casing context of a token for tCap and tDoc.
func capCode(f uint32) uint64 {
	return uint64(f & (fInitCap | fAllCap | fHasLower | fHasDigit | fPunct | fSentStart | fCapsLine | fLineStart))
}

// baseFeatures appends the hashes of the local features of token i of
// the analysed document a: the first-pass features.
func baseFeatures(out []uint64, a *analysis, i int) []uint64 {
	info := a.info
	t := &info[i]
	ln := a.lines[t.line]
	at := func(k int) *tokInfo {
		switch {
		case k < ln.lo:
			return &a.bos
		case k >= ln.hi:
			return &a.eos
		}
		return &info[k]
	}
	m2, m1, p1, p2 := at(i-2), at(i-1), at(i+1), at(i+2)
	cc := capCode(t.flags)
	pos := uint64(i - ln.lo)
	if pos > 3 {
		pos = 3
	}
	out = append(out,
		feat(tBias, 0),
		feat(tW, t.w),
		feat(tLW, t.lw),
		feat(tLWm1, m1.lw),
		feat(tLWp1, p1.lw),
		feat(tLWm2, m2.lw),
		feat(tLWp2, p2.lw),
		feat(tWm1, m1.w),
		feat(tWp1, p1.w),
		feat2(tBIm1, m1.lw, t.lw),
		feat2(tBIp1, t.lw, p1.lw),
		feat(tPre1, t.pre[0]),
		feat(tPre2, t.pre[1]),
		feat(tPre3, t.pre[2]),
		feat(tPre4, t.pre[3]),
		feat(tSuf1, t.suf[0]),
		feat(tSuf2, t.suf[1]),
		feat(tSuf3, t.suf[2]),
		feat(tSuf4, t.suf[3]),
		feat(tShape, t.shape),
		feat(tSSm1, m1.sshape),
		feat(tSS, t.sshape),
		feat(tSSp1, p1.sshape),
		feat2(tSSm1SS, m1.sshape, t.sshape),
		feat2(tSSSSp1, t.sshape, p1.sshape),
		feat3(tSS3, m1.sshape, t.sshape, p1.sshape),
		feat(tCap, cc),
		feat2(tSSLWm1, t.sshape, m1.lw),
		feat2(tSSLWp1, t.sshape, p1.lw),
		feat2(tDoc, uint64(t.doc), cc),
		feat3(tLinePos, pos, uint64(t.flags&fCapsLine), t.sshape),
	)
	if t.gaz != 0 {
		out = append(out, feat(tGaz, uint64(t.gaz)))
	}
	if m1.gaz != 0 {
		out = append(out, feat2(tGazm1, uint64(m1.gaz), uint64(t.gaz)))
	}
	if p1.gaz != 0 {
		out = append(out, feat2(tGazp1, uint64(p1.gaz), uint64(t.gaz)))
	}
	return out
}

// secondFeatures appends the hashes of the second-pass features of token
// i: its first-pass tag with its neighbours', and what the first pass
// said about the same word elsewhere in the document.
func secondFeatures(out []uint64, a *analysis, i int) []uint64 {
	info := a.info
	t := &info[i]
	ln := a.lines[t.line]
	prev, next := uint64(0xff), uint64(0xff)
	if i > ln.lo {
		prev = uint64(info[i-1].p1)
	}
	if i+1 < ln.hi {
		next = uint64(info[i+1].p1)
	}
	out = append(out,
		feat2(tP1Prev, prev, uint64(t.p1)),
		feat2(tP1Next, uint64(t.p1), next),
	)
	if t.p2 == 0 {
		return out
	}
	cc := uint64(t.flags & (fInitCap | fCapsLine | fSentStart))
	return append(out,
		feat(tP2, uint64(t.p2)),
		feat(tP2First, uint64(t.p2first)),
		feat2(tP2Cap, uint64(t.p2), cc),
	)
}

// lineRange is the token range of one line.
type lineRange struct{ lo, hi int }

// analysis is the per-document state the features are computed from.
// Its slices are reused from document to document.
type analysis struct {
	info     []tokInfo
	lines    []lineRange
	words    wordTable
	ws       []int32 // per token with letters, the index of its stat in words
	bos, eos tokInfo // the boundary tokens
	// cache, when not nil, numbers the words (wid, per token) and knows
	// what describe says of those it has seen.
	cache *wordCache
	wid   []int32
	// phrases, when not nil, remembers the gazetteer's answers for
	// phrases of several words.
	phrases *phraseCache
}

// analyze fills a.info and a.lines for the tokens of text.
func (a *analysis) analyze(text string, toks []Token, g *gazetteer.Gazetteer, maxGaz int) {
	n := len(toks)
	if cap(a.info) < n {
		a.info = make([]tokInfo, n, n+n/2)
	}
	a.info = a.info[:n]
	a.lines = a.lines[:0]
	a.wid = a.wid[:0]
	a.bos = tokInfo{w: bosHash, lw: bosHash, shape: bosHash, sshape: bosHash}
	a.eos = tokInfo{w: eosHash, lw: eosHash, shape: eosHash, sshape: eosHash}
	for i := range toks {
		if toks[i].LineStart || i == 0 {
			if len(a.lines) > 0 {
				a.lines[len(a.lines)-1].hi = i
			}
			a.lines = append(a.lines, lineRange{lo: i, hi: n})
		}
	}
	for li, ln := range a.lines {
		// Headline detection: a line of capitals, as in CoNLL, or a line
		// in Title Case, which is made to look like one.
		var caps, title bool
		if a.cache != nil {
			caps, title = a.numberLine(text, toks, ln)
		} else {
			caps, title = lineCase(text, toks[ln.lo:ln.hi])
		}
		sent := true
		for i := ln.lo; i < ln.hi; i++ {
			ti := &a.info[i]
			w := text[toks[i].Start:toks[i].End]
			*ti = tokInfo{}
			if c := a.cache; c != nil {
				c.tok[a.wid[i]].restore(ti)
			} else {
				describe(ti, w, title)
			}
			ti.line = int32(li)
			if i == ln.lo {
				ti.flags |= fLineStart
			}
			if i == ln.hi-1 {
				ti.flags |= fLineEnd
			}
			if caps || title {
				ti.flags |= fCapsLine
			}
			if sent && ti.flags&fPunct == 0 {
				ti.flags |= fSentStart
				sent = false
			}
			switch w {
			case ".", "!", "?", "...":
				sent = true
			}
		}
		if g != nil {
			a.gazMatch(text, toks, ln, g, maxGaz)
		}
	}
	a.docCasing()
}

func caseCounts(w string) (upper, lower int) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(w[i:])
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			i += n - 1
		}
	}
	return upper, lower
}

// gazWord is what the gazetteer says of one word alone: whether it
// was asked (gazKnown), whether a name of several words may start with
// it (gazMay), whether the word is a name by itself (gazName) and, if
// so, in the low bits the name's kind.
type gazWord uint8

const (
	gazKnown gazWord = 0x80
	gazMay   gazWord = 0x40
	gazName  gazWord = 0x20
	gazKind  gazWord = 0x1f
)

// The gazetteer's kinds, KindPerson the last, fit in gazKind.
const _ = gazKind - gazWord(gazetteer.KindPerson)

// lookupWord asks g about the word w alone.
func lookupWord(g *gazetteer.Gazetteer, w string) gazWord {
	gw := gazKnown
	// MayStart is false for most capitalised words, and then only a
	// short acronym, which the gazetteer matches exactly, can match.
	may := g.MayStart(w)
	if may {
		gw |= gazMay
	}
	if may || shortCaps(w) {
		if e, ok := g.Lookup(w); ok {
			gw |= gazName | gazWord(e.Kind)&gazKind
		}
	}
	return gw
}

// gazWord returns what g says of token i's word w alone, from the word
// cache when there is one.
func (a *analysis) gazWord(i int, w string, g *gazetteer.Gazetteer) gazWord {
	if a.cache == nil {
		return lookupWord(g, w)
	}
	wt := &a.cache.tok[a.wid[i]]
	if wt.gaz == 0 {
		wt.gaz = lookupWord(g, w)
	}
	return wt.gaz
}

// lookupPhrase returns the kind of the gazetteer's name s, if it is
// one, from the phrase cache when there is one.
func (a *analysis) lookupPhrase(g *gazetteer.Gazetteer, s string) (gazetteer.Kind, bool) {
	if a.phrases != nil {
		k, _, ok := a.phrases.lookup(g, s)
		return k, ok
	}
	e, ok := g.Lookup(s)
	return e.Kind, ok
}

// gazMatch sets info[i].gaz for the tokens of one line that the
// gazetteer knows, longest match first.
func (a *analysis) gazMatch(text string, toks []Token, ln lineRange, g *gazetteer.Gazetteer, maxGaz int) {
	info := a.info
	for i := ln.lo; i < ln.hi; {
		if info[i].flags&fInitCap == 0 {
			i++
			continue
		}
		best, kind := 0, gazetteer.Kind(0)
		gw := a.gazWord(i, text[toks[i].Start:toks[i].End], g)
		if gw&gazName != 0 {
			best, kind = 1, gazetteer.Kind(gw&gazKind)
		}
		if gw&gazMay != 0 {
			// Names go on through capitalised words, joiners ("of",
			// "al-") and at most two lower-case words at their end
			// ("Islamic State group", "Tasnim news agency").
			lower := 0
		window:
			for j := i + 1; j < ln.hi && j-i < maxGaz; j++ {
				wj := text[toks[j].Start:toks[j].End]
				c := wj[0]
				if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '\'' || c == '-' || c >= utf8.RuneSelf) {
					break
				}
				joiner := isJoiner(wj)
				switch {
				case joiner || isParticle(wj) || info[j].flags&(fInitCap|fHasDigit) != 0:
					if lower > 0 {
						break window // a name does not resume after its lower-case end
					}
				default:
					if lower++; lower > 2 {
						break window
					}
				}
				if joiner {
					continue // no name ends with one
				}
				if k, ok := a.lookupPhrase(g, text[toks[i].Start:toks[j].End]); ok {
					best, kind = j-i+1, k
				}
			}
		}
		if best == 0 {
			i++
			continue
		}
		k := uint8(kind) << 2
		if best == 1 {
			info[i].gaz = k | partU
		} else {
			info[i].gaz = k | partB
			for j := i + 1; j < i+best-1; j++ {
				info[j].gaz = k | partI
			}
			info[i+best-1].gaz = k | partL
		}
		i += best
	}
}

// isJoiner reports whether w is a lower-case word that joins the words of
// a name: "Islamic State of Iraq and the Levant", "Ursula von der Leyen".
func isJoiner(w string) bool {
	switch w {
	case "of", "and", "the", "for", "da", "de", "del", "della", "di", "do", "dos", "das", "du", "la", "le",
		"in", "al", "el", "von", "van", "der", "den", "es", "bin", "ibn", "y", "e", "&":
		return true
	}
	return false
}

// isParticle reports whether w is a lower-case name part with a hyphen
// or an apostrophe: "al-Assad", "d'Ivoire", "'s".
// It scans bytes, where strings.ContainsAny with a non-ASCII set
// decodes every rune: the hyphen, the apostrophe and the lead byte of
// U+2019 are never inside another rune's encoding, so the answer is
// the same.
func isParticle(w string) bool {
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '-', '\'':
			return true
		case 0xe2: // U+2019 is e2 80 99
			if i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99 {
				return true
			}
		}
	}
	return false
}

// shortCaps reports whether w could be a short acronym the gazetteer
// matches only exactly ("US", "U.N.", "WHO"): at most three capitals and
// periods.
func shortCaps(w string) bool {
	letters := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.':
		default:
			return false
		}
	}
	return letters <= 3
}

// lineCase tells a CoNLL headline, a line of capitals ("CRICKET -
// LEICESTERSHIRE TAKE OVER"), and a Title Case headline ("Obama Hits New
// Low as Putin Tops List"): every word capitalised but function words,
// short, not ending with a period, with few numbers.
func lineCase(text string, toks []Token) (caps, title bool) {
	var lc lineCaser
	for _, tk := range toks {
		lc.add(caseOf(text[tk.Start:tk.End]))
	}
	return lc.result(len(toks), text[toks[len(toks)-1].Start:toks[len(toks)-1].End])
}

// wordCase is what lineCase reads of one word.
type wordCase uint8

const (
	wcUpper      wordCase = 1 << iota // some upper-case letter
	wcLower                           // some lower-case letter
	wcDigitStart                      // starts with a digit
	wcFunction                        // isFunctionWord
	wcUpperStart                      // isUpperStart
)

// caseOf returns what lineCase reads of the word w.
func caseOf(w string) wordCase {
	var c wordCase
	u, l := caseCounts(w)
	if u > 0 {
		c |= wcUpper
	}
	if l > 0 {
		c |= wcLower
	}
	if b := w[0]; b >= '0' && b <= '9' {
		c |= wcDigitStart
	}
	if isFunctionWord(w) {
		c |= wcFunction
	}
	if isUpperStart(w) {
		c |= wcUpperStart
	}
	return c
}

// lineCaser counts the words of a line for lineCase.
type lineCaser struct {
	uppers, lowers, content, contentCaps, funcs, digits int
}

func (lc *lineCaser) add(c wordCase) {
	switch {
	case c&wcLower != 0:
		lc.lowers++
	case c&wcUpper != 0:
		lc.uppers++
	}
	switch {
	case c&(wcUpper|wcLower) == 0:
		if c&wcDigitStart != 0 {
			lc.digits++
		}
	case c&wcFunction != 0:
		lc.funcs++
	default:
		lc.content++
		if c&wcUpperStart != 0 {
			lc.contentCaps++
		}
	}
}

// result returns lineCase's answer for a line of n tokens, the last one
// last.
func (lc *lineCaser) result(n int, last string) (caps, title bool) {
	caps = lc.uppers > 0 && lc.lowers*4 <= lc.uppers
	title = !caps && lc.content >= 3 && lc.contentCaps == lc.content && lc.funcs > 0 && lc.digits <= 2 &&
		n <= 30 && last != "."
	return caps, title
}

// numberLine numbers the words of line ln in a.cache, describing the new
// ones, appends their numbers to a.wid and returns the line's lineCase,
// read from the cache. The words are numbered as not in a Title Case
// headline first; the words of one (a rare line) are numbered again as
// such.
func (a *analysis) numberLine(text string, toks []Token, ln lineRange) (caps, title bool) {
	c := a.cache
	var lc lineCaser
	for i := ln.lo; i < ln.hi; i++ {
		id := a.numberWord(text[toks[i].Start:toks[i].End], false)
		a.wid = append(a.wid, id)
		lc.add(c.tok[id].wcase)
	}
	caps, title = lc.result(ln.hi-ln.lo, text[toks[ln.hi-1].Start:toks[ln.hi-1].End])
	if title {
		for i := ln.lo; i < ln.hi; i++ {
			a.wid[i] = a.numberWord(text[toks[i].Start:toks[i].End], true)
		}
	}
	return caps, title
}

// numberWord returns the number of word w in a.cache, describing it
// when it is new.
func (a *analysis) numberWord(w string, title bool) int32 {
	c := a.cache
	id, isNew := c.number(w, title)
	if isNew {
		var ti tokInfo
		describe(&ti, w, title)
		c.info[id] = wordInfoOf(&ti)
		c.tok[id] = wordTok{lw: ti.lw, sshape: ti.sshape, flags: ti.flags, wcase: caseOf(w)}
	}
	return id
}

func isUpperStart(w string) bool {
	if c := w[0]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isFunctionWord reports whether w is a word that Title Case leaves in
// lower case or capitalises only by style: articles, prepositions,
// conjunctions, auxiliaries.
func isFunctionWord(w string) bool {
	if len(w) > 5 {
		return false
	}
	var b [5]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	switch string(b[:len(w)]) {
	case "the", "of", "in", "on", "at", "to", "for", "and", "with", "as", "by", "from", "over",
		"after", "into", "is", "are", "be", "its", "has", "have", "a", "an",
		"or", "but", "was", "were", "will", "says", "said", "than", "amid":
		return true
	}
	return false
}
