package entities

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

// maxTitles bounds the titles kept for one name ("supreme leader
// Ayatollah"); more are dropped.
const maxTitles = 4

// RuleTagger is the rule-based [Tagger] and the stage's default: it finds
// capitalised runs, splits them into gazetteer names, titles and unknown
// names, and types the unknown ones from cue words. It is safe for
// concurrent use; its scratch memory is pooled.
//
// The rules, in the order they are tried at each word of a run:
//  1. the longest gazetteer name of two words or more ("Islamic State of
//     Iraq and Syria", "Saudi Arabia", "Bashar Assad");
//  2. a title ("President", "Gen.", "Prime Minister"), kept apart from the
//     name that follows it; lower-case titles just before a run count too
//     ("supreme leader Ayatollah Ali Khamenei");
//  3. a known given name followed by another capitalised word: a person
//     ("Mehdi Sanaei");
//  4. a one-word gazetteer name ("Russia", "Syrian", "NATO", "Putin");
//  5. otherwise an unknown name up to the next known word, typed by cue
//     words ("Ministry", "Force", "the X news agency": organization), a
//     title before it or a given name (person), its shape (an acronym is
//     an organization, two or three capitalised words a person) or misc.
//
// Stop words ("The", "But", "Monday", "Describing") never start or form a
// rule-built name; a word that starts a sentence forms one only when it
// also appears capitalised inside a sentence; in the headline, whose words
// are often Title Case, a rule-built name counts only when its words were
// found in an entity in the rest of the article.
type RuleTagger struct {
	g            *gazetteer.Gazetteer
	lx           *lexicon
	maxGazTokens int
	pool         sync.Pool // *tagState
}

var _ Tagger = (*RuleTagger)(nil)

// NewRuleTagger returns the rule-based tagger over g.
func NewRuleTagger(g *gazetteer.Gazetteer) (*RuleTagger, error) {
	if g == nil {
		return nil, fmt.Errorf("new rule tagger: %w", ErrNoGazetteer)
	}
	lx, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("new rule tagger: %w", err)
	}
	t := &RuleTagger{g: g, lx: lx, maxGazTokens: g.MaxWords() + 3}
	t.pool.New = func() any {
		return &tagState{toks: make([]token, 0, 1024)}
	}
	return t, nil
}

// tagState is the scratch memory of one Tag call.
type tagState struct {
	toks  []token
	paras []paraRange
	gaz1  []gazetteer.Entry // per token: its one-word gazetteer entry, when lexGazHit
	gazN  []gazetteer.Entry // per token: the longest gazetteer name starting there, when gml > 0
	mid   []int32           // capitalised tokens inside sentences, outside the headline
}

type paraRange struct {
	lo, hi   int // token indexes
	headline bool
}

// Tag implements [Tagger].
func (t *RuleTagger) Tag(text string, paragraphs []event.Paragraph, buf []Span) []Span {
	st := t.pool.Get().(*tagState)
	defer t.pool.Put(st)
	st.toks = st.toks[:0]
	st.paras = st.paras[:0]

	if len(paragraphs) == 0 {
		st.toks = tokenize(st.toks, text, 0, len(text))
		st.paras = append(st.paras, paraRange{lo: 0, hi: len(st.toks)})
	}
	for _, p := range paragraphs {
		if p.Start < 0 || p.End > len(text) || p.Start >= p.End {
			continue
		}
		lo := len(st.toks)
		st.toks = tokenize(st.toks, text, p.Start, p.End)
		st.paras = append(st.paras, paraRange{lo: lo, hi: len(st.toks), headline: p.Kind == event.ParagraphHeadline})
	}
	n := len(st.toks)
	st.gaz1 = slices.Grow(st.gaz1[:0], n)[:n]
	st.gazN = slices.Grow(st.gazN[:0], n)[:n]

	r := tagRun{t: t, st: st, text: text, toks: st.toks, out: buf}
	n0 := len(buf)
	st.mid = st.mid[:0]
	for _, p := range st.paras {
		if p.headline {
			continue
		}
		for i := p.lo; i < p.hi; i++ {
			if tk := st.toks[i]; tk.has(fCap) && !tk.has(fSentStart) {
				st.mid = append(st.mid, int32(i))
			}
		}
	}
	// The headline last: its rule-built names need the rest confirmed.
	for _, p := range st.paras {
		if !p.headline {
			r.paragraph(p.lo, p.hi, false)
		}
	}
	r.bodyLo, r.bodyHi = n0, len(r.out)
	for _, p := range st.paras {
		if p.headline {
			r.paragraph(p.lo, p.hi, true)
		}
	}
	out := r.out
	// The headline's spans came last but stand first: rotate them to the
	// front, and sort only if the paragraphs were out of order.
	slices.Reverse(out[n0:r.bodyHi])
	slices.Reverse(out[r.bodyHi:])
	slices.Reverse(out[n0:])
	if !slices.IsSortedFunc(out[n0:], func(a, b Span) int { return a.Start - b.Start }) {
		slices.SortStableFunc(out[n0:], func(a, b Span) int { return a.Start - b.Start })
	}
	return out
}

// tagRun is the state of tagging one article.
type tagRun struct {
	t        *RuleTagger
	st       *tagState
	text     string
	toks     []token
	out      []Span
	headline bool
	hi       int // end of the current paragraph's tokens
	// bodyLo..bodyHi are the spans found outside the headline, which
	// confirm the headline's rule-built names.
	bodyLo, bodyHi int

	titles  [maxTitles][2]int // pending titles as token ranges
	nTitles int
}

func (r *tagRun) word(i int) string {
	return r.text[r.toks[i].start:r.toks[i].end]
}

// Lexical facts about a token, looked up once and kept in token.lex.
const (
	lexDone uint8 = 1 << iota
	lexStop
	lexGeneric
	lexFirstName
	lexOrgCue
	lexTitle // a title starts with this word
	lexGazDone
	lexGazHit
)

// lex returns the lexical facts of token i.
func (r *tagRun) lex(i int) uint8 {
	tk := &r.toks[i]
	if tk.lex&lexDone == 0 {
		tk.lex |= lexDone | r.t.lx.words[r.word(i)]
	}
	return tk.lex
}

func (r *tagRun) is(i int, l uint8) bool { return r.lex(i)&l != 0 }

// gazOne returns the gazetteer entry of the single word i.
func (r *tagRun) gazOne(i int) (gazetteer.Entry, bool) {
	tk := &r.toks[i]
	if tk.lex&lexGazDone == 0 {
		tk.lex |= lexGazDone
		if e, ok := r.t.g.Lookup(r.word(i)); ok {
			r.st.gaz1[i] = e
			tk.lex |= lexGazHit
		}
	}
	if tk.lex&lexGazHit == 0 {
		return gazetteer.Entry{}, false
	}
	return r.st.gaz1[i], true
}

func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// paragraph tags the tokens lo..hi.
func (r *tagRun) paragraph(lo, hi int, headline bool) {
	r.headline, r.hi = headline, hi
	var carry [maxTitles][2]int
	nCarry := 0
	for i := lo; i < hi; {
		if !r.startsRun(i, hi) {
			i++
			nCarry = 0
			continue
		}
		j := r.runEnd(i, hi)
		r.nTitles = 0
		for _, c := range carry[:nCarry] {
			r.addTitle(c[0], c[1])
		}
		nCarry = 0
		r.titlesBefore(i, lo)
		dangling := r.segment(i, j)
		// "Iran's Ambassador to Russia Mehdi Sanaei": a title that ends
		// a run carries over "to"/"of"/"for" into the next run.
		if dangling && j+1 < hi && !r.toks[j].has(fBreakBefore) && !r.toks[j+1].has(fBreakBefore) && r.startsRun(j+1, hi) {
			switch r.word(j) {
			case "to", "of", "for", "in":
				nCarry = copy(carry[:], r.titles[:r.nTitles])
				i = j + 1
				continue
			}
		}
		i = j
	}
}

// startsRun reports whether token i can start a capitalised run.
func (r *tagRun) startsRun(i, hi int) bool {
	tk := r.toks[i]
	if tk.has(fCap) {
		if tk.has(fDigit) {
			// "G20" is a name, "A321" and "MH17" are not.
			_, ok := r.gazOne(i)
			return ok
		}
		return true
	}
	// "al-Assad", "el-Sisi".
	return tk.has(fLower) && i+1 < hi && r.toks[i+1].has(fHyphenPrev) && r.toks[i+1].has(fCap) && isHyphenParticle(r.word(i))
}

// runEnd returns the end of the run that starts at i: capitalised words,
// hyphen-joined words, and connectors between capitalised words, up to
// punctuation or a possessive.
func (r *tagRun) runEnd(i, hi int) int {
	if r.toks[i].has(fDigit) {
		return i + 1
	}
	k := i + 1
	for k < hi {
		tk := r.toks[k]
		if tk.has(fBreakBefore) || r.toks[k-1].has(fPossessive) {
			break
		}
		if tk.has(fHyphenPrev) {
			if !tk.has(fLower) {
				k++
				continue
			}
			// "Rostov-on-Don", but not "U.S.-led".
			if k+1 < hi && r.toks[k+1].has(fHyphenPrev) && r.toks[k+1].has(fCap) {
				k += 2
				continue
			}
			break
		}
		if tk.has(fCap) && !tk.has(fDigit) {
			k++
			continue
		}
		if tk.has(fLower) && isConnector(r.word(k)) {
			// Up to two connectors ("of the"), then a capitalised word.
			m := k + 1
			if m < hi && !r.toks[m].has(fBreakBefore) && !r.toks[m-1].has(fPossessive) && r.toks[m].has(fLower) && isConnector(r.word(m)) {
				m++
			}
			if m < hi && !r.toks[m].has(fBreakBefore) && !r.toks[m-1].has(fPossessive) && r.startsRun(m, hi) && !r.toks[m].has(fDigit) {
				k = m + 1
				continue
			}
		}
		break
	}
	return k
}

// titlesBefore records a lower-case title that stands just before the run
// at i ("supreme leader Ayatollah ...", "spokesman Dmitry Peskov").
func (r *tagRun) titlesBefore(i, lo int) {
	if r.toks[i].has(fBreakBefore) {
		return
	}
	best := -1
	for k := i - 1; k >= lo && k >= i-r.t.lx.titleWords; k-- {
		if !r.toks[k].has(fLower) {
			break
		}
		if r.is(k, lexTitle) && r.isTitle(k, i) {
			best = k
		}
		if r.toks[k].has(fBreakBefore) {
			break
		}
	}
	if best >= 0 {
		r.addTitle(best, i)
	}
}

// titleAt returns the end of the longest title that starts at token i and
// ends before b.
func (r *tagRun) titleAt(i, b int) (int, bool) {
	if !r.is(i, lexTitle) {
		return 0, false
	}
	end := -1
	for k := i + 1; k <= b && k <= i+r.t.lx.titleWords; k++ {
		if r.isTitle(i, k) {
			end = k
		}
	}
	return end, end > 0
}

// isTitle reports whether tokens i..k spell a title, ignoring case.
func (r *tagRun) isTitle(i, k int) bool {
	s := r.text[r.toks[i].start:r.toks[k-1].end]
	var buf [48]byte
	if len(s) > len(buf) {
		return false
	}
	return r.t.lx.titles.has(string(lowerASCII(buf[:0], s)))
}

func (r *tagRun) addTitle(a, b int) {
	if r.nTitles < maxTitles {
		r.titles[r.nTitles] = [2]int{a, b}
		r.nTitles++
	}
}

// segment splits the run a..b into names and titles and emits them. It
// reports whether titles are left with no person to go to.
func (r *tagRun) segment(a, b int) bool {
	for i := a; i < b; {
		tk := r.toks[i]
		w := r.word(i)
		if tk.has(fLower) && !(isHyphenParticle(w) && i+1 < b && r.toks[i+1].has(fHyphenPrev)) {
			i++ // a connector between two names
			continue
		}
		if k, e, ok := r.gazMatch(i, b, 2); ok {
			r.emitEntry(i, k, e)
			i = k
			continue
		}
		if k, ok := r.titleAt(i, b); ok && !r.orgCueIn(k, b) {
			// A title word followed by an organization name is part of
			// it ("General Assembly", "Justice Department").
			r.addTitle(i, k)
			i = k
			continue
		}
		if r.is(i, lexFirstName) && i+1 < b && r.nameContinues(i+1) && !r.countryThenName(i) {
			k := r.personEnd(i, b)
			r.emitRule(i, k, event.EntityPerson)
			i = k
			continue
		}
		if r.is(i, lexStop) {
			i++
			continue
		}
		if e, ok := r.gazOne(i); ok {
			if k := r.orgAfterPlace(i, b, e); k > i+1 {
				r.emitRule(i, k, event.EntityOrganization)
				i = k
				continue
			}
			r.emitEntry(i, i+1, e)
			i++
			continue
		}
		if isPlacePrefix(w) && i+1 < b {
			// "Lake Chad", "Mount Lebanon": a place named after another.
			if k, _, ok := r.gazAt(i+1, b); ok {
				r.emitRule(i, k, event.EntityLocation)
				i = k
				continue
			}
		}
		k := r.unknownEnd(i, b)
		r.classify(i, k)
		i = k
	}
	return r.nTitles > 0
}

// gazMatch returns the longest gazetteer name of at least minTok tokens
// that starts at token i and ends before b.
// Every call for token i passes the same b, the end of i's run, and
// minTok 2, so the answer is kept in token.gml.
func (r *tagRun) gazMatch(i, b, minTok int) (int, gazetteer.Entry, bool) {
	tk := &r.toks[i]
	if tk.gml == 0 {
		tk.gml = -1
		top := min(b, i+r.t.maxGazTokens)
		if top >= i+minTok && !r.t.g.MayStart(r.word(i)) {
			top = 0
		}
		for k := top; k >= i+minTok; k-- {
			last := r.toks[k-1]
			if last.has(fLower) && !last.has(fHyphenPrev) {
				continue // a name ends with a capitalised word
			}
			if e, ok := r.t.g.Lookup(r.text[tk.start:last.end]); ok {
				tk.gml = int8(k - i)
				r.st.gazN[i] = e
				break
			}
		}
	}
	if tk.gml < 0 {
		return 0, gazetteer.Entry{}, false
	}
	return i + int(tk.gml), r.st.gazN[i], true
}

// nameContinues reports whether token k can be the second word of a
// person's name after a given name.
func (r *tagRun) nameContinues(k int) bool {
	tk := r.toks[k]
	if tk.has(fLower) || tk.has(fDigit) {
		return false
	}
	if r.is(k, lexStop|lexGeneric|lexOrgCue) {
		return false
	}
	if _, ok := r.titleAt(k, k+1); ok {
		return false
	}
	if e, ok := r.gazOne(k); ok && e.Kind != gazetteer.KindCity {
		return false
	}
	return true
}

// orgAfterPlace returns the end of an organization named after the
// country or demonym e at token i ("Russian Defence Ministry", "Syrian
// Observatory for Human Rights", "U.S. Treasury"), or i when there is none.
func (r *tagRun) orgAfterPlace(i, b int, e gazetteer.Entry) int {
	if e.Kind != gazetteer.KindCountry && e.Kind != gazetteer.KindDemonym && e.Kind != gazetteer.KindGroup || i+1 >= b {
		return i
	}
	if r.toks[i+1].has(fLower) || r.is(i+1, lexStop) {
		return i
	}
	if _, ok := r.titleAt(i+1, b); ok {
		return i
	}
	if _, _, ok := r.gazAt(i+1, b); ok {
		return i
	}
	k := r.unknownEnd(i+1, b)
	if !r.orgCueIn(i+1, k) {
		return i
	}
	return k
}

// countryThenName reports whether the given name at i is better read as
// the country it also names, followed by a person: "Israel Benjamin
// Netanyahu" but not "Israel Katz".
func (r *tagRun) countryThenName(i int) bool {
	e, ok := r.gazOne(i)
	return ok && (e.Kind == gazetteer.KindCountry || e.Kind == gazetteer.KindDemonym) && r.is(i+1, lexFirstName)
}

// personEnd returns the end of a person's name that starts with a given
// name at i: capitalised words and name particles, at most five tokens.
func (r *tagRun) personEnd(i, b int) int {
	k := i + 1
	for k < b && k < i+5 {
		tk := r.toks[k]
		if tk.has(fLower) {
			if isParticle(r.word(k)) && k+1 < b && !r.toks[k+1].has(fLower) {
				k++
				continue
			}
			break
		}
		if k > i+1 && !r.nameContinues(k) {
			break
		}
		k++
	}
	return k
}

// unknownEnd returns the end of an unknown name starting at i: up to the
// next gazetteer name, title or stop word, through name particles, and
// through "of"/"for" where that builds an organization's name ("Bank of
// England", "Central Bank of Iran", "Ministry of Foreign Affairs").
func (r *tagRun) unknownEnd(i, b int) int {
	k := i + 1
	for k < b {
		tk := r.toks[k]
		w := r.word(k)
		if tk.has(fLower) {
			if isParticle(w) && k+1 < b && !r.toks[k+1].has(fLower) {
				k++
				continue
			}
			if w == "of" || w == "for" {
				m := k + 1
				if m < b && r.word(m) == "the" {
					m++
				}
				if m < b {
					leftCue := r.is(k-1, lexOrgCue)
					if end, e, ok := r.gazAt(m, b); ok && leftCue && e.Type == event.EntityLocation {
						return end
					}
					if (k-i == 1 && leftCue) || r.orgCueIn(m, b) {
						k = m
						continue
					}
				}
			}
			break
		}
		if _, _, ok := r.gazAt(k, b); ok {
			break
		}
		if _, ok := r.titleAt(k, b); ok || r.is(k, lexStop) {
			break
		}
		k++
	}
	return k
}

// gazAt returns the longest gazetteer name of any length at token i.
func (r *tagRun) gazAt(i, b int) (int, gazetteer.Entry, bool) {
	if k, e, ok := r.gazMatch(i, b, 2); ok {
		return k, e, true
	}
	if r.is(i, lexStop) {
		return 0, gazetteer.Entry{}, false
	}
	e, ok := r.gazOne(i)
	return i + 1, e, ok
}

// orgCueIn reports whether a capitalised word of i..b is an organization
// cue.
func (r *tagRun) orgCueIn(i, b int) bool {
	for k := i; k < b; k++ {
		if !r.toks[k].has(fLower) && r.is(k, lexOrgCue) {
			return true
		}
	}
	return false
}

// classify types the unknown name i..k and emits it.
func (r *tagRun) classify(i, k int) {
	if r.toks[i].has(fSentStart) && (k-i == 1 || looksInflected(r.word(i))) &&
		!r.is(i, lexGeneric|lexStop) && !r.confirmedStart(i) && !r.nounAfter(k, isPlaceNoun) && !r.nounAfter(k, isAgencyNoun) {
		i++ // "Describing ...", "Reportedly ..."; but "Zorana Belic won."
		for i < k && r.toks[i].has(fLower) {
			i++
		}
	}
	if i >= k {
		return
	}
	capWords, plainConnector := 0, false
	for m := i; m < k; m++ {
		tk := r.toks[m]
		if tk.has(fDigit) {
			return // S-300, A321: models and codes, not names
		}
		if tk.has(fLower) {
			if !isParticle(r.word(m)) && !tk.has(fHyphenPrev) {
				plainConnector = true
			}
			continue
		}
		capWords++
	}
	if k-i == 1 && r.is(i, lexGeneric|lexStop) {
		return
	}
	switch {
	case r.orgCueIn(i, k) || r.nounAfter(k, isAgencyNoun) || r.agencyBefore(i):
		r.emitRule(i, k, event.EntityOrganization)
	case r.placeCueIn(i, k) || r.nounAfter(k, isPlaceNoun):
		r.emitRule(i, k, event.EntityLocation)
	case r.nTitles > 0 && capWords <= 4 && !plainConnector:
		r.emitRule(i, k, event.EntityPerson)
	case r.is(i, lexFirstName) && !plainConnector:
		r.emitRule(i, k, event.EntityPerson)
	case k-i == 1 && r.toks[i].has(fUpper):
		r.emitRule(i, k, event.EntityOrganization) // an acronym
	case capWords >= 2 && capWords <= 3 && !plainConnector:
		r.emitRule(i, k, event.EntityPerson)
	default:
		r.emitRule(i, k, event.EntityMisc)
	}
}

// looksInflected reports whether w ends like a verb form or an adverb,
// which a sentence-initial capitalised word more likely is than a name.
func looksInflected(w string) bool {
	return strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly")
}

// confirmedStart reports whether the sentence-initial word i is a name by
// other evidence than its capital letter.
func (r *tagRun) confirmedStart(i int) bool {
	return r.toks[i].has(fUpper) || r.is(i, lexFirstName|lexOrgCue) || r.midSentence(r.word(i))
}

// midSentence reports whether w appears capitalised inside a sentence
// outside the headline. It scans the list of such tokens: it is asked
// only about the few unknown words that start sentences.
func (r *tagRun) midSentence(w string) bool {
	for _, i := range r.st.mid {
		tk := r.toks[i]
		if int(tk.end-tk.start) == len(w) && r.text[tk.start:tk.end] == w {
			return true
		}
	}
	return false
}

// nounAfter reports whether the lower-case words after the name ending at
// k are a noun of the class is: "the Tasnim news agency" (isAgencyNoun),
// "Idlib province" (isPlaceNoun).
func (r *tagRun) nounAfter(k int, is func(string) bool) bool {
	if k >= r.hi || r.toks[k].has(fBreakBefore) || r.toks[k-1].has(fPossessive) || !r.toks[k].has(fLower) {
		return false
	}
	w := r.word(k)
	if w == "news" && k+1 < r.hi && !r.toks[k+1].has(fBreakBefore) {
		w = r.word(k + 1)
	}
	return is(w)
}

// agencyBefore reports whether a media noun stands right before the name
// at i: "the Helsinki daily Helsingin Sanomat".
func (r *tagRun) agencyBefore(i int) bool {
	if i == 0 || r.toks[i].has(fBreakBefore) {
		return false
	}
	p := r.toks[i-1]
	if !p.has(fLower) {
		return false
	}
	switch r.word(i - 1) {
	case "daily", "newspaper", "weekly", "broadcaster", "agency", "channel", "magazine":
		return true
	}
	return false
}

// placeCueIn reports whether a capitalised word of i..k marks a place:
// "Tahrir Square", "Mount Sinjar", "Kherson Region".
func (r *tagRun) placeCueIn(i, k int) bool {
	for m := i; m < k; m++ {
		if !r.toks[m].has(fLower) && isPlaceCue(r.word(m)) {
			return true
		}
	}
	return false
}

// emitEntry emits a gazetteer name.
func (r *tagRun) emitEntry(i, k int, e gazetteer.Entry) {
	r.emit(i, k, e.Type)
}

// emitRule emits a name the rules built; in the headline only when its
// words were confirmed by the rest of the article.
func (r *tagRun) emitRule(i, k int, typ string) {
	if r.headline {
		// The longest part that the rest of the article confirmed:
		// "Ivo Marek" of "Ivo Marek Hails".
		s, e, ok := r.confirmedPart(i, k)
		if !ok {
			return
		}
		i, k = s, e
	}
	r.emit(i, k, typ)
}

// confirmedPart returns the longest token range of i..k whose text is a
// name found outside the headline, or a person's first or last name.
func (r *tagRun) confirmedPart(i, k int) (int, int, bool) {
	for n := k - i; n > 0; n-- {
		for s := i; s+n <= k; s++ {
			if r.toks[s].has(fLower) || r.toks[s+n-1].has(fLower) {
				continue
			}
			if r.confirmed(r.text[r.toks[s].start:r.toks[s+n-1].end]) {
				return s, s + n, true
			}
		}
	}
	return 0, 0, false
}

func (r *tagRun) emit(i, k int, typ string) {
	switch typ {
	case event.EntityPerson:
		for _, t := range r.titles[:r.nTitles] {
			r.out = append(r.out, Span{Start: int(r.toks[t[0]].start), End: int(r.toks[t[1]-1].end), Type: TypeTitle})
		}
		r.nTitles = 0
	case event.EntityLocation, event.EntityGroup:
		// "Syrian President Bashar Assad", "Ambassador to Russia Mehdi
		// Sanaei": the title still goes to the person after it.
	default:
		r.nTitles = 0
	}
	r.out = append(r.out, Span{Start: int(r.toks[i].start), End: int(r.toks[k-1].end), Type: typ})
}

// confirmed reports whether name was found outside the headline, or is
// the first or last word of a person found there.
func (r *tagRun) confirmed(name string) bool {
	for _, sp := range r.out[r.bodyLo:r.bodyHi] {
		if sp.Type == TypeTitle {
			continue
		}
		t := r.text[sp.Start:sp.End]
		if t == name {
			return true
		}
		if sp.Type != event.EntityPerson || len(t) <= len(name) {
			continue
		}
		if strings.HasPrefix(t, name) && t[len(name)] == ' ' || strings.HasSuffix(t, name) && t[len(t)-len(name)-1] == ' ' {
			return true
		}
	}
	return false
}
