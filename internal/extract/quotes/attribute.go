package quotes

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

// Cue kinds.
const (
	cueSay       = iota // said, added: the speaker before the verb, or after it right behind the quotation
	cueTold             // told reporters: the speaker before
	cueQuoted           // was quoted as saying: the speaker before
	cueAccording        // according to: the speaker after
	cueCalled           // called it "…": the speaker before, the quotation right after the object
)

// cue is an attribution verb phrase: tokens [start, end) of state.toks.
type cue struct {
	start, end int
	kind       uint8
}

// who is a resolved speaker.
type who struct {
	text       string
	ent        int
	start, end int32
	// role is the role noun of a role speaker ("spokesman"), for later
	// definite mentions ("the spokesman") to refer back to.
	role span
}

// attrib is one attribution, shared by the pieces it covers.
type attrib struct {
	who
	cue string
}

// ment is one entity mention, for lookups by position.
type ment struct {
	start, end int32
	ent        int32
}

// Bounds that keep the work per quotation constant.
const (
	// window is how far, in bytes, attribution looks before and after a
	// quotation inside its sentence.
	window = 480
	// maxChunk is the most tokens between a verb and the end of the
	// speaker phrase it governs.
	maxChunk = 40
	// maxTail is the most tokens of a speaker phrase right before a verb.
	maxTail = 8
)

// indexMentions flattens the entities' mentions into st.ments (sorted by
// start) and the people's into st.persons.
func (st *state) indexMentions() {
	for e := range st.ents {
		person := st.ents[e].Type == event.EntityPerson
		for _, m := range st.ents[e].Mentions {
			if m.Start < 0 || m.End > len(st.text) || m.Start >= m.End {
				continue
			}
			mm := ment{int32(m.Start), int32(m.End), int32(e)}
			st.ments = append(st.ments, mm)
			if person {
				st.persons = append(st.persons, mm)
			}
		}
	}
	byStart := func(a, b ment) int { return int(a.start - b.start) }
	slices.SortFunc(st.ments, byStart)
	slices.SortFunc(st.persons, byStart)
}

// firstMention returns the index of the first mention starting at or
// after pos.
func firstMention(ms []ment, pos int32) int {
	i, _ := slices.BinarySearchFunc(ms, pos, func(m ment, p int32) int { return int(m.start - p) })
	return i
}

// low returns the lower-case form of token i in a scratch buffer that the
// next call overwrites; words too long for any list come back empty.
func (st *state) low(i int) []byte {
	t := st.toks[i]
	w := st.text[t.start:t.end]
	b := st.lbuf[:0]
	if len(w) > len(st.lbuf) {
		return b
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// isWord reports whether token i is a word equal to w (lower case).
func (st *state) isWord(i int, w string) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].kind == tkWord && string(st.low(i)) == w
}

// findCues collects the attribution cues of st.toks into st.cues.
func (st *state) findCues() {
	st.cues = st.cues[:0]
	n := len(st.toks)
	for i := 0; i < n; i++ {
		t := st.toks[i]
		if t.kind != tkWord || t.upper {
			continue // attribution verbs are written in lower case
		}
		w := st.low(i)
		switch string(w) {
		case "according":
			if st.isWord(i+1, "to") {
				st.cues = append(st.cues, cue{i, i + 2, cueAccording})
				i++
			}
			continue
		case "quoted":
			if st.isWord(i+1, "as") && (st.isWord(i+2, "saying") || st.isWord(i+2, "telling")) {
				start := i
				if i > 0 && st.toks[i-1].kind == tkWord && passiveAux(string(st.low(i-1))) {
					start = i - 1
					if st.isWord(start, "been") && start > 0 && (st.isWord(start-1, "has") || st.isWord(start-1, "have") || st.isWord(start-1, "had")) {
						start--
					}
				}
				st.cues = append(st.cues, cue{start, i + 3, cueQuoted})
				i += 2
			}
			continue
		}
		if isDescribe(string(w)) {
			// `described the talks as "…"`: the quotation right after
			// "as", within a short object.
			for j := i + 1; j < n && j <= i+6; j++ {
				if st.toks[j].kind != tkWord {
					break
				}
				if st.isWord(j, "as") && j+1 < n && st.toks[j+1].kind >= tkQuote {
					st.cues = append(st.cues, cue{i, i + 1, cueCalled})
					break
				}
			}
			continue
		}
		if isCalled(string(w)) {
			// `called it "…"`, `called the strike "…"`: a verb of
			// speech only when the quotation follows its short object.
			for j := i + 1; j < n && j <= i+4; j++ {
				if st.toks[j].kind == tkSelf || st.toks[j].kind == tkQuote {
					if j > i+1 {
						st.cues = append(st.cues, cue{i, i + 1, cueCalled})
					}
					break
				}
				if st.toks[j].kind != tkWord {
					break
				}
			}
			continue
		}
		switch speechVerb(string(w)) {
		case verbSay:
			// "is said to be", "the said agreement": not speech.
			if i > 0 && st.toks[i-1].kind == tkWord {
				prev := string(st.low(i - 1))
				if prev == "the" || passiveAux(prev) && st.isWord(i+1, "to") {
					continue
				}
			}
			st.cues = append(st.cues, cue{i, i + 1, cueSay})
		case verbThat:
			if i+1 < n && (st.isWord(i+1, "that") || st.toks[i+1].kind == tkColon || st.toks[i+1].kind >= tkQuote) {
				st.cues = append(st.cues, cue{i, i + 1, cueSay})
			}
		case verbTold:
			end := i + 1
			if end < n && st.toks[end].kind == tkWord && isListener(string(st.low(end))) {
				end++
			}
			st.cues = append(st.cues, cue{i, end, cueTold})
		}
	}
}

// attribute finds the speaker of piece pi in its sentence.
func (st *state) attribute(pi int) (attrib, bool) {
	p := &st.pieces[pi]
	sen := st.sents[p.sent]
	a := max(sen.start, p.open-window)
	b := min(sen.end, p.closeEnd+window)
	for a < p.open && !utf8.RuneStart(st.text[a]) {
		a++
	}
	for b > p.closeEnd && b < int32(len(st.text)) && !utf8.RuneStart(st.text[b]) {
		b--
	}
	st.tokenize(a, b, pi)
	q := -1
	for i, t := range st.toks {
		if t.kind == tkSelf {
			q = i
			break
		}
	}
	if q < 0 {
		return attrib{}, false
	}
	st.findCues()

	// The first cue after the quotation, if nothing closes the clause
	// before it.
	var fallback attrib
	haveFallback := false
	for _, c := range st.cues {
		if c.start <= q || c.kind == cueCalled {
			continue
		}
		if st.blocked(q+1, c.start, true) {
			break
		}
		w, adjacent, ok := st.postSpeaker(q, c)
		if ok && adjacent {
			return st.attrib(w, c), true
		}
		if ok {
			fallback, haveFallback = st.attrib(w, c), true
		}
		break
	}
	// The nearest cues before it.
	tries := 0
	for ci := len(st.cues) - 1; ci >= 0 && tries < 3; ci-- {
		c := st.cues[ci]
		if c.end > q || c.kind == cueCalled && q-c.end > 6 {
			continue
		}
		if st.blocked(c.end, q, false) {
			break
		}
		tries++
		if w, ok := st.preSpeaker(q, c); ok {
			return st.attrib(w, c), true
		}
	}
	return fallback, haveFallback
}

// blocked reports whether tokens [from, to) close a clause: a semicolon,
// a full stop; after a quotation also a colon or another quotation.
func (st *state) blocked(from, to int, after bool) bool {
	for _, t := range st.toks[from:to] {
		switch t.kind {
		case tkSemi:
			return true
		case tkColon, tkQuote:
			if after {
				return true
			}
		}
	}
	return false
}

func (st *state) attrib(w who, c cue) attrib {
	return attrib{who: w, cue: st.text[st.toks[c.start].start:st.toks[c.end-1].end]}
}

// phraseAfter returns the tokens after from up to the next punctuation.
func (st *state) phraseAfter(from int) (int, int) {
	to := from
	for to < len(st.toks) && st.toks[to].kind == tkWord && to-from < maxChunk {
		to++
	}
	return from, to
}

// postSpeaker resolves cue c after the quotation q. adjacent is true when
// the attribution follows the quotation directly (`"…," X said`, `"…,"
// said X`), which beats any cue before the quotation.
func (st *state) postSpeaker(q int, c cue) (w who, adjacent, ok bool) {
	from := q + 1
	if from < len(st.toks) && st.toks[from].kind == tkComma {
		from++
	}
	if c.kind == cueAccording {
		a, b := st.phraseAfter(c.end)
		w, ok = st.full(a, b)
		return w, ok && c.start == from, ok
	}
	if c.start == from {
		// Inverted: `"…," said the minister`. Only a plain verb inverts.
		if c.kind != cueSay {
			return who{}, false, false
		}
		a, b := st.phraseAfter(c.end)
		w, ok = st.full(a, b)
		return w, ok, ok
	}
	if c.start-from > maxChunk {
		return who{}, false, false
	}
	to := st.stripFiller(from, c.start)
	// `"…," X, the role of Y, said`: the phrase starts right behind the
	// quotation; its first part is the speaker, the second an apposition.
	head0, head1 := st.subAfter(from, to)
	if st.valid(head0, head1) {
		app0, app1 := -1, -1
		if head1 < to {
			app0, app1 = st.subAfter(head1+1, to)
			if !st.valid(app0, app1) {
				app0, app1 = -1, -1
			}
		}
		if w, ok := st.bestOf(head0, head1, app0, app1); ok {
			return w, true, true
		}
		return who{}, false, false
	}
	// `"…" on Syria, a spokesman said`: the speaker is right before the
	// verb, as when the cue comes first.
	w, ok = st.subjectBefore(from, c.start)
	return w, false, ok
}

// preSpeaker resolves cue c before the quotation q.
func (st *state) preSpeaker(q int, c cue) (who, bool) {
	if c.kind == cueAccording {
		return st.full(st.phraseAfter(c.end))
	}
	from := c.start
	for from > 0 && c.start-from < maxChunk {
		k := st.toks[from-1].kind
		if k == tkQuote || k == tkSelf || k == tkSemi || k == tkColon {
			break
		}
		from--
	}
	return st.subjectBefore(from, c.start)
}

// subjectBefore finds the speaker in tokens [from, to) that end right
// before a verb: "X said", "X, the role, said".
func (st *state) subjectBefore(from, to int) (who, bool) {
	to = st.stripFiller(from, to)
	if to <= from {
		return who{}, false
	}
	if k := st.toks[to-1].kind; k == tkComma || k == tkParen {
		// HEAD, APPOSITION, said: the two comma-separated phrases before
		// the verb that can be noun phrases.
		b0, b1 := st.subBefore(from, to-1)
		a0, a1 := -1, -1
		if b0 > from {
			a0, a1 = st.subBefore(from, b0-1)
		}
		if b0 < 0 {
			return who{}, false
		}
		return st.bestOf(a0, a1, b0, b1)
	}
	x := to - 1
	for x > from && st.toks[x-1].kind == tkWord {
		x--
	}
	// A compound clause: "Putin met Assad and the spokesman said".
	for i := to - 2; i > x; i-- {
		switch string(st.low(i)) {
		case "and", "but", "or", "while", "as", "that", "when":
			x = i + 1
		}
		if x == i+1 {
			break
		}
	}
	x = max(x, to-maxTail)
	return st.full(x, to)
}

// stripFiller drops adverbs and auxiliaries between a speaker and its
// verb from the end of tokens [from, to).
func (st *state) stripFiller(from, to int) int {
	for to > from && st.toks[to-1].kind == tkWord && trailingFiller(string(st.low(to-1))) {
		to--
	}
	return to
}

// subAfter returns the comma-separated phrase starting at from.
func (st *state) subAfter(from, to int) (int, int) {
	end := from
	for end < to && st.toks[end].kind == tkWord {
		end++
	}
	return from, end
}

// subBefore returns the last comma-separated phrase in [from, to) that can
// be a noun phrase, skipping up to two that cannot ("in a statement",
// "whose chair"); -1, -1 when there is none.
func (st *state) subBefore(from, to int) (int, int) {
	for range 3 {
		if to <= from {
			break
		}
		x := to
		for x > from && st.toks[x-1].kind == tkWord {
			x--
		}
		if st.valid(x, to) {
			return x, to
		}
		to = x - 1
	}
	return -1, -1
}

// valid reports whether tokens [a, b) can be a speaker phrase: words, not
// opening with a preposition or a relative pronoun.
func (st *state) valid(a, b int) bool {
	if a < 0 || a >= b {
		return false
	}
	for a < b && leadingJoin(string(st.low(a))) {
		a++
	}
	return a < b && st.toks[a].kind == tkWord && !subordinate(string(st.low(a)))
}

// bestOf picks the speaker of a head phrase and its apposition (either
// may be -1): a person named in either wins, the head first; otherwise
// the head's speaker, then the apposition's.
func (st *state) bestOf(h0, h1, a0, a1 int) (who, bool) {
	if h0 >= 0 {
		if w, ok := st.person(h0, h1); ok {
			return w, true
		}
	}
	if a0 >= 0 {
		if w, ok := st.person(a0, a1); ok {
			return w, true
		}
	}
	if h0 >= 0 {
		if w, ok := st.full(h0, h1); ok {
			return w, true
		}
	}
	if a0 >= 0 {
		return st.full(a0, a1)
	}
	return who{}, false
}

// person returns the last person mentioned in tokens [a, b) who is not
// the object of a preposition ("a spokesman for Putin").
func (st *state) person(a, b int) (who, bool) {
	lo, hi := st.toks[a].start, st.toks[b-1].end
	best := -1
	for i := firstMention(st.persons, lo); i < len(st.persons) && st.persons[i].start < hi; i++ {
		m := st.persons[i]
		if m.end <= hi && !st.object(m, a, b) && !st.fragment(m, a, b) {
			best = i
		}
	}
	if best < 0 {
		return who{}, false
	}
	m := st.persons[best]
	return who{text: st.ents[m.ent].Name, ent: int(m.ent), start: m.start, end: m.end}, true
}

// object reports whether mention m, inside tokens [a, b), follows a
// preposition, skipping the entity's own titles ("for President Putin").
func (st *state) object(m ment, a, b int) bool {
	t := a
	for t < b && st.toks[t].end <= m.start {
		t++
	}
	for t--; t >= a; t-- {
		w := st.low(t)
		if titleHas(st.ents[m.ent].Titles, string(w)) {
			continue
		}
		return preposition(string(w))
	}
	return false
}

// full resolves a speaker phrase, tokens [a, b), by preference: a person
// named in it; a role noun ("a spokesman for the Kremlin"), linked to
// the person holding that title if the article names one; another
// entity; a pronoun; a capitalised name the entities stage missed; a
// short noun phrase ("the union").
func (st *state) full(a, b int) (who, bool) {
	for a < b && leadingJoin(string(st.low(a))) {
		a++
	}
	if a >= b || b-a > maxChunk {
		return who{}, false
	}
	if w, ok := st.person(a, b); ok {
		return w, true
	}
	if w, ok := st.role(a, b); ok {
		return w, true
	}
	lo, hi := st.toks[a].start, st.toks[b-1].end
	best := -1
	for i := firstMention(st.ments, lo); i < len(st.ments) && st.ments[i].start < hi; i++ {
		if m := st.ments[i]; m.end <= hi && !st.object(m, a, b) {
			best = i
		}
	}
	if best >= 0 {
		m := st.ments[best]
		if st.fragment(m, a, b) {
			return st.nameRun(m, a, b), true
		}
		if p := st.personNamed(st.text[m.start:m.end], m.start); p >= 0 {
			return who{text: st.ents[p].Name, ent: p, start: m.start, end: m.end}, true
		}
		return who{text: st.ents[m.ent].Name, ent: int(m.ent), start: m.start, end: m.end}, true
	}
	if b-a == 1 {
		switch pronoun(string(st.low(a))) {
		case 'p':
			return st.resolvePronoun(st.toks[a]), true
		case 'o':
			return st.plain(a, b), true
		}
	}
	if b-a <= 5 && st.toks[a].upper && st.capitalised(a, b) {
		w := st.plain(a, b)
		if p := st.personNamed(w.text, w.start); p >= 0 {
			w.text, w.ent = st.ents[p].Name, p
		}
		return w, true
	}
	if b-a <= 4 && (determiner(string(st.low(a))) || isDigit(st.text[st.toks[a].start])) {
		return st.plain(a, b), true
	}
	return who{}, false
}

// plain is the speaker written as tokens [a, b), linked to no entity.
func (st *state) plain(a, b int) who {
	lo, hi := st.toks[a].start, st.toks[b-1].end
	return who{text: st.text[lo:hi], ent: -1, start: lo, end: hi}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// capitalised reports whether tokens [a, b) are all capitalised words or
// function words inside a name.
func (st *state) capitalised(a, b int) bool {
	for i := a; i < b; i++ {
		if !st.toks[i].upper && !functionWord(string(st.low(i))) {
			return false
		}
	}
	return true
}

// role finds a role noun in tokens [a, b): the last one before the
// preposition that follows the first ("the bank's chief economist", "a
// spokesman for the Kremlin").
func (st *state) role(a, b int) (who, bool) {
	at, plural := -1, false
	for i := a; i < b; i++ {
		w := st.low(i)
		w = trimPossessive(w)
		if ok, pl := roleNoun(string(w)); ok {
			at, plural = i, pl
			continue
		}
		if at >= 0 && preposition(string(w)) {
			break
		}
	}
	if at < 0 {
		return who{}, false
	}
	end := b
	if b-a > maxTail {
		end = at + 1
	}
	w := st.plain(a, end)
	if plural {
		return w, true
	}
	if p := st.linkRole(trimPossessive(st.low(at)), w.start); p >= 0 {
		w.text, w.ent = st.ents[p].Name, p
		return w, true
	}
	noun := st.text[st.toks[at].start:st.toks[at].end]
	if string(st.low(a)) == "the" {
		// "the spokesman" after "a spokesman for the Kremlin" said
		// something earlier is the same speaker.
		for i := len(st.roles) - 1; i >= 0; i-- {
			r := st.roles[i]
			if r.start < w.start && strings.EqualFold(st.text[r.role.start:r.role.end], noun) {
				w.text, w.ent = r.text, r.ent
				break
			}
		}
		return w, true
	}
	w.role = span{st.toks[at].start, st.toks[at].end}
	return w, true
}

// trimPossessive drops a trailing 's or ’s.
func trimPossessive(w []byte) []byte {
	switch {
	case len(w) > 2 && w[len(w)-2] == '\'' && w[len(w)-1] == 's':
		return w[:len(w)-2]
	case len(w) > 4 && string(w[len(w)-4:]) == "’s":
		return w[:len(w)-4]
	}
	return w
}

// linkRole returns the person whose titles include role, the one
// mentioned last before at, else first after it; -1 if none.
func (st *state) linkRole(role []byte, at int32) int {
	return st.nearestPerson(at, func(e *event.Entity) bool { return titleHas(e.Titles, string(role)) })
}

// maxScan bounds how many person mentions a search for the nearest one
// examines on each side.
const maxScan = 512

// nearestPerson returns the person entity satisfying ok whose mention is
// the last one before at, else the first after it; -1 if none. Mentions
// inside quotations are passed over: a name quoted is not a speaker.
func (st *state) nearestPerson(at int32, ok func(*event.Entity) bool) int {
	i := firstMention(st.persons, at)
	for j, n := i-1, 0; j >= 0 && n < maxScan; j, n = j-1, n+1 {
		if m := st.persons[j]; !st.quoted(m.start) && ok(&st.ents[m.ent]) {
			return int(m.ent)
		}
	}
	for j, n := i, 0; j < len(st.persons) && n < maxScan; j, n = j+1, n+1 {
		if m := st.persons[j]; !st.quoted(m.start) && ok(&st.ents[m.ent]) {
			return int(m.ent)
		}
	}
	return -1
}

// titleHas reports whether a word of one of titles equals w, ignoring
// case ("ambassador" and "Ambassador"; "secretary" and "Treasury
// Secretary").
func titleHas(titles []string, w string) bool {
	if w == "" {
		return false
	}
	for _, t := range titles {
		for t != "" {
			var word string
			word, t, _ = strings.Cut(t, " ")
			if strings.EqualFold(word, w) {
				return true
			}
		}
	}
	return false
}

// personNamed returns the person entity whose name holds name as whole
// words ("Marcos" in "Ferdinand Marcos Jr."), the one mentioned last
// before at, else first after it; -1 if none.
func (st *state) personNamed(name string, at int32) int {
	if len(name) < 2 {
		return -1
	}
	return st.nearestPerson(at, func(e *event.Entity) bool { return containsWords(e.Name, name) })
}

// containsWords reports whether s holds sub on word boundaries.
func containsWords(s, sub string) bool {
	for off := 0; off+len(sub) <= len(s); {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(sub)
		if (i == 0 || s[i-1] == ' ') && (j == len(s) || s[j] == ' ') {
			return true
		}
		off = i + 1
	}
	return false
}

// resolvePronoun links he or she at t to the nearest person mentioned
// before it outside quotations, else keeps the pronoun.
func (st *state) resolvePronoun(t tok) who {
	i := firstMention(st.persons, t.start)
	for j, n := i-1, 0; j >= 0 && n < maxScan; j, n = j-1, n+1 {
		if m := st.persons[j]; m.end <= t.start && !st.quoted(m.start) {
			return who{text: st.ents[m.ent].Name, ent: int(m.ent), start: t.start, end: t.end}
		}
	}
	return who{text: st.text[t.start:t.end], ent: -1, start: t.start, end: t.end}
}

// isCalled reports whether w is a verb that quotes a name for something:
// `called it "a foundation with no roof"`.
func isCalled(w string) bool {
	switch w {
	case "called", "calls", "dubbed", "dubs", "branded", "brands", "labelled", "labeled":
		return true
	}
	return false
}

// isDescribe reports whether w is a finite form of "describe".
func isDescribe(w string) bool {
	return w == "described" || w == "describe" || w == "describes"
}

// quoted reports whether pos lies inside a quotation.
func (st *state) quoted(pos int32) bool {
	i, _ := slices.BinarySearchFunc(st.pieces, pos, func(p piece, x int32) int { return int(p.open - x) })
	// pieces[i-1] is the last piece opening before pos.
	return i > 0 && pos < st.pieces[i-1].closeEnd
}

// tokenAt returns the index of the token of [a, b) holding pos, or b.
func (st *state) tokenAt(pos int32, a, b int) int {
	for t := a; t < b; t++ {
		if st.toks[t].end > pos {
			return t
		}
	}
	return b
}

// fragment reports whether mention m is part of a longer name that the
// entities stage split ("Automobile Manufacturers" in "European
// Automobile Manufacturers' Association"): a capitalised word follows it,
// or one precedes it that is not a title, a possessive or a place or
// group ("Russian Mehdi Sanaei").
func (st *state) fragment(m ment, a, b int) bool {
	last := st.tokenAt(m.end-1, a, b)
	if last+1 < b && st.toks[last+1].upper && st.toks[last].end == m.end {
		return true
	}
	first := st.tokenAt(m.start, a, b)
	if first <= a || first >= b || st.toks[first].start != m.start {
		return false
	}
	prev := first - 1
	if !st.toks[prev].upper {
		return false
	}
	w := st.low(prev)
	if len(trimPossessive(w)) != len(w) || titleHas(st.ents[m.ent].Titles, string(w)) {
		return false
	}
	if ok, _ := roleNoun(string(w)); ok {
		return false
	}
	for i := firstMention(st.ments, st.toks[prev].start); i < len(st.ments) && st.ments[i].start < st.toks[prev].end; i++ {
		if t := st.ents[st.ments[i].ent].Type; t == event.EntityLocation || t == event.EntityGroup {
			return false
		}
	}
	return !determiner(string(st.low(prev)))
}

// nameRun is the capitalised run of tokens around mention m inside [a, b),
// as plain text: a name the entities stage split into pieces.
func (st *state) nameRun(m ment, a, b int) who {
	x := st.tokenAt(m.start, a, b)
	y := st.tokenAt(m.end-1, a, b) + 1
	for x > a && (st.toks[x-1].upper || functionWord(string(st.low(x-1))) && x-2 >= a && st.toks[x-2].upper) {
		if determiner(string(st.low(x - 1))) {
			break
		}
		x--
	}
	for y < b && (st.toks[y].upper || functionWord(string(st.low(y))) && y+1 < b && st.toks[y+1].upper) {
		y++
	}
	return st.plain(x, y)
}
