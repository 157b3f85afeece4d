package keywords

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

// termStat is what YAKE knows of one term (a folded word).
type termStat struct {
	off, len  int32   // folded form in st.foldArena
	topics    []int32 // topic terms starting with it, longest first
	tf        int32   // occurrences
	tfUpper   int32   // capitalised, not sentence-initial, outside the headline
	tfAcronym int32   // all capitals
	tfLower   int32   // lower case, not sentence-initial, outside the headline
	first     int32   // first occurrence (word index); st.next chains the rest
	last      int32
	// Co-occurrence with the words right before (left) and after
	// (right) it inside a phrase chunk: distinct neighbours and total.
	lDistinct, lTotal int32
	rDistinct, rTotal int32
	// left and right are a neighbour term on each side; when
	// lDistinct (rDistinct) is 1 it is the only one.
	left, right int32
	stop        bool
	h           float64 // YAKE term score, lower is better
}

// cand is one candidate key phrase: an n-gram of terms.
type cand struct {
	key   [maxNGram]int32 // term ids, -1 padded
	n     int32
	tf    int32 // occurrences
	first int32 // word index of the first occurrence
	// entity is 1 + the index in Event.Entities of the entity an
	// occurrence spells exactly, or 0.
	entity int32
	// partial counts the occurrences that cut through an entity
	// mention: "Central Bank lowered", "Syrian President Bashar".
	partial int32
	// fragment is set when the phrase never stands alone (see
	// markFragments): "six rare" in "six rare earth".
	fragment bool
	s        float64 // YAKE score, lower is better
}

// maxNGram is the longest key phrase in words.
const maxNGram = 3

// norm returns the folded form of word i.
func (st *scratch) norm(i int) []byte {
	return st.termBytes(st.words[i].term)
}

// termBytes returns the folded form of a term, in st.foldArena: valid
// until the next article.
func (st *scratch) termBytes(id int32) []byte {
	t := &st.terms[id]
	return st.foldArena[t.off : t.off+t.len]
}

// surface is one distinct lower-case form of the article's words.
type surface struct {
	hash           uint64
	lowOff, lowLen int32 // the lower-case form in st.arena
	off, len       int32 // folded form in st.foldArena
	stop           bool
	acronym        bool
	term           int32
}

// intern gives every word its term id and counts the term statistics.
// Words are looked up by their lower-case form, which repeats, in an
// open-addressing table keyed by the hash addWord computed; only each
// distinct form is folded and looked up by its folded form, which gives
// its term.
func (x *Extractor) intern(st *scratch) {
	st.surfs, st.foldArena = st.surfs[:0], st.foldArena[:0]
	size := 64
	for size < 2*len(st.words) {
		size *= 2
	}
	st.slots = slices.Grow(st.slots[:0], size)[:size]
	clear(st.slots)
	mask := uint64(size - 1)
	for i := range st.words {
		w := &st.words[i]
		key := st.arena[w.lowOff : w.lowOff+w.lowLen]
		var sid int32
		for h := w.hash & mask; ; h = (h + 1) & mask {
			slot := st.slots[h]
			if slot == 0 {
				sid = int32(len(st.surfs))
				st.slots[h] = sid + 1
				st.surfs = append(st.surfs, x.newSurface(st, w, key))
				break
			}
			if sf := &st.surfs[slot-1]; sf.hash == w.hash && string(st.arena[sf.lowOff:sf.lowOff+sf.lowLen]) == string(key) {
				sid = slot - 1
				break
			}
		}
		w.surf = sid
	}
	// Terms are the distinct folded forms of the surfaces, interned in
	// the same table, now 1 + term id.
	clear(st.slots)
	st.terms = st.terms[:0]
	for sid := range st.surfs {
		sf := &st.surfs[sid]
		key := st.foldArena[sf.off : sf.off+sf.len]
		// Folding only shortens a form ("rates", "companies"), so a form
		// of the same length is unchanged and has the surface's hash.
		hash := sf.hash
		if sf.len != sf.lowLen {
			hash = fnv1a(key)
		}
		var id int32
		for h := hash & mask; ; h = (h + 1) & mask {
			slot := st.slots[h]
			if slot == 0 {
				id = int32(len(st.terms))
				st.slots[h] = id + 1
				st.terms = append(st.terms, termStat{off: sf.off, len: sf.len, stop: sf.stop, first: -1, topics: x.topicTerms(key, hash, sf.acronym)})
				break
			}
			if t := &st.terms[slot-1]; string(st.foldArena[t.off:t.off+t.len]) == string(key) {
				id = slot - 1
				break
			}
		}
		sf.term = id
	}
	st.next = slices.Grow(st.next[:0], len(st.words))[:len(st.words)]
	for i := range st.words {
		w := &st.words[i]
		id := st.surfs[w.surf].term
		w.term = id
		t := &st.terms[id]
		if t.first < 0 {
			t.first = int32(i)
		} else {
			st.next[t.last] = int32(i)
		}
		t.last = int32(i)
		st.next[i] = -1
		t.tf++
		switch {
		case w.flags&flagAcronym != 0:
			t.tfAcronym++
		case w.flags&flagSentStart != 0 || w.zone == zoneHeadline:
		case w.flags&flagUpper != 0:
			t.tfUpper++
		default:
			t.tfLower++
		}
	}
}

// newSurface folds the lower-case form key of word w.
func (x *Extractor) newSurface(st *scratch, w *word, key []byte) surface {
	off := int32(len(st.foldArena))
	var stop bool
	if w.flags&flagAcronym != 0 {
		// An acronym kept its case (see addWord): it is never a stop
		// word ("US", "WHO", "IT").
		st.foldArena = append(st.foldArena, key...)
	} else {
		st.foldArena, stop = x.fold(st.foldArena, key, w.hash)
	}
	return surface{
		hash: w.hash, lowOff: w.lowOff, lowLen: w.lowLen,
		off: off, len: int32(len(st.foldArena)) - off,
		stop: stop, acronym: w.flags&flagAcronym != 0,
	}
}

// topicTerms returns the topic terms that start with the folded word
// key, of hash h (fnv1a); an acronym ("NASA") matches its lower-case
// entry.
func (x *Extractor) topicTerms(key []byte, h uint64, acronym bool) []int32 {
	if !acronym || len(key) > 16 {
		if !x.lex.topicBloom.mayHaveHash(h) {
			return nil
		}
		return x.lex.topicFirst[string(key)]
	}
	var buf [16]byte
	for i := 0; i < len(key); i++ {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return x.lex.topicFirst[string(buf[:len(key)])]
}

// edge is one pair of terms seen side by side inside a chunk.
type edge struct {
	a, b  int32
	count int32
}

// cooccur counts, for every term, its distinct and total neighbours to
// the left and right inside phrase chunks (YAKE's window of one word).
// Every distinct pair gets an id, which is also the id of the two-word
// phrase it spells.
func (st *scratch) cooccur() {
	st.edgeAt = slices.Grow(st.edgeAt[:0], len(st.words))[:len(st.words)]
	st.edgeList = st.edgeList[:0]
	st.edges.reset(len(st.words))
	for i := range st.words {
		if i == 0 || st.words[i].flags&flagBreak != 0 {
			st.edgeAt[i] = -1
			continue
		}
		a, b := st.words[i-1].term, st.words[i].term
		k := uint64(a)<<32 | uint64(uint32(b))
		id, ok := st.edges.getOrPut(k, int32(len(st.edgeList)))
		if !ok {
			st.edgeList = append(st.edgeList, edge{a: a, b: b})
		}
		st.edgeList[id].count++
		st.edgeAt[i] = id
	}
	for _, e := range st.edgeList {
		ta, tb := &st.terms[e.a], &st.terms[e.b]
		ta.rDistinct++
		ta.rTotal += e.count
		ta.right = e.b
		tb.lDistinct++
		tb.lTotal += e.count
		tb.left = e.a
	}
}

// pairCount returns how often term a is right before term b.
func (st *scratch) pairCount(a, b int32) int32 {
	if id, ok := st.edges.get(uint64(a)<<32 | uint64(uint32(b))); ok {
		return st.edgeList[id].count
	}
	return 0
}

// scoreTerms computes YAKE's score of every term that is not a stop
// word (Campos et al., 2020):
//
//	H = (Position × Relatedness) / (Casing + Frequency/Relatedness + Spread/Relatedness)
//
// with Casing = max(TF upper, TF acronym)/(1 + ln TF), Position =
// ln(ln(3 + median sentence)), Frequency = TF/(mean TF + stddev TF),
// Relatedness = 1 + (distinct/total left + distinct/total right
// neighbours) × TF/max TF, and Spread = sentences with the term / all
// sentences. Lower is better.
func (st *scratch) scoreTerms() {
	var n, sum, maxTF float64
	for i := range st.terms {
		t := &st.terms[i]
		if t.stop {
			continue
		}
		f := float64(t.tf)
		n++
		sum += f
		maxTF = max(maxTF, f)
	}
	if n == 0 {
		return
	}
	mean := sum / n
	var variance float64
	for i := range st.terms {
		if t := &st.terms[i]; !t.stop {
			d := float64(t.tf) - mean
			variance += d * d
		}
	}
	std := math.Sqrt(variance / n)
	nSents := float64(max(1, len(st.sents)))
	for i := range st.terms {
		t := &st.terms[i]
		if t.stop {
			continue
		}
		tf := float64(t.tf)
		distinct, median := st.sentenceStats(t)
		var pl, pr float64
		if t.lTotal > 0 {
			pl = float64(t.lDistinct) / float64(t.lTotal)
		}
		if t.rTotal > 0 {
			pr = float64(t.rDistinct) / float64(t.rTotal)
		}
		rel := 1 + (pl+pr)*tf/maxTF
		pos := st.position(median)
		freq := tf / (mean + std)
		spread := float64(distinct) / nSents
		casing := float64(max(t.tfUpper, t.tfAcronym)) / (1 + st.logTF(t.tf))
		t.h = pos * rel / (casing + freq/rel + spread/rel)
	}
}

// position returns ln(ln(3 + median)), cached by the median, which is
// a whole or half sentence index.
func (st *scratch) position(median float64) float64 {
	k := int(2 * median)
	for len(st.posCache) <= k {
		st.posCache = append(st.posCache, math.NaN())
	}
	if math.IsNaN(st.posCache[k]) {
		st.posCache[k] = math.Log(math.Log(3 + median))
	}
	return st.posCache[k]
}

// logTF returns ln(tf), cached.
func (st *scratch) logTF(tf int32) float64 {
	for int32(len(st.logCache)) <= tf {
		st.logCache = append(st.logCache, math.Log(float64(len(st.logCache))))
	}
	return st.logCache[tf]
}

// sentenceStats returns the number of distinct sentences term t occurs
// in and the median of their indexes.
func (st *scratch) sentenceStats(t *termStat) (distinct int, median float64) {
	prev := int32(-1)
	for i := t.first; i >= 0; i = st.next[i] {
		if s := st.words[i].sent; s != prev {
			distinct++
			prev = s
		}
	}
	// The middle one (or two) of the distinct sentence indexes.
	lo, hi := (distinct-1)/2, distinct/2
	k := -1
	prev = -1
	var a, b int32
	for i := t.first; i >= 0; i = st.next[i] {
		s := st.words[i].sent
		if s == prev {
			continue
		}
		prev = s
		k++
		if k == lo {
			a = s
		}
		if k == hi {
			b = s
			break
		}
	}
	return distinct, (float64(a) + float64(b)) / 2
}

// canStart reports whether word i may start a key phrase: not a stop
// word, and at least three characters unless it is an acronym.
func (st *scratch) canStart(i int) bool {
	w := &st.words[i]
	if st.terms[w.term].stop {
		return false
	}
	n := st.terms[w.term].len
	return n >= 3 || w.flags&flagAcronym != 0 && n >= 2
}

// canEnd reports whether word i may end a key phrase: it may start one
// and is no lower-case past form ("dockworkers walked"), which without a
// part-of-speech tagger is the cheapest sign of a verb.
func (st *scratch) canEnd(i int) bool {
	if !st.canStart(i) {
		return false
	}
	w := &st.words[i]
	n := st.norm(i)
	return w.flags&flagUpper != 0 || len(n) < 5 || string(n[len(n)-2:]) != "ed"
}

// candidates collects every n-gram of up to maxNGram words inside a
// phrase chunk that starts and ends with an eligible word; only its last
// word may be possessive.
func (st *scratch) candidates() {
	st.cands = st.cands[:0]
	st.uniCand = fillInt32(st.uniCand, len(st.terms), -1)
	st.biCand = fillInt32(st.biCand, len(st.edgeList), -1)
	st.triCand.reset(len(st.words))
	words := st.words
	for i := range words {
		if !st.canStart(i) {
			continue
		}
		for n := 1; n <= maxNGram && i+n <= len(words); n++ {
			j := i + n - 1
			if n > 1 && (words[j].flags&flagBreak != 0 || words[j-1].flags&flagPossessive != 0) {
				break
			}
			if !st.canEnd(j) {
				continue
			}
			key := [maxNGram]int32{-1, -1, -1}
			for k := range n {
				key[k] = words[i+k].term
			}
			// One- and two-word phrases are found by term and pair id;
			// only three-word phrases need a map.
			var ci int32
			switch n {
			case 1:
				ci = st.uniCand[key[0]]
			case 2:
				ci = st.biCand[st.edgeAt[i+1]]
			default:
				// A new three-word phrase is stored with the id it is
				// about to get.
				if id, ok := st.triCand.getOrPut(packKey(key), int32(len(st.cands))); ok {
					ci = id
				} else {
					ci = -1
				}
			}
			if ci < 0 {
				ci = int32(len(st.cands))
				st.cands = append(st.cands, cand{key: key, n: int32(n), first: int32(i)})
				switch n {
				case 1:
					st.uniCand[key[0]] = ci
				case 2:
					st.biCand[st.edgeAt[i+1]] = ci
				}
			}
			c := &st.cands[ci]
			c.tf++
			switch e := st.entityOf(i, j); {
			case e > 0:
				c.entity = e
			case e < 0:
				c.partial++
			}
		}
	}
}

// packKey packs a three-word candidate's term ids (each below 1<<21,
// which maxWords guarantees) into one map key.
func packKey(k [maxNGram]int32) uint64 {
	const mask = 1<<21 - 1
	return uint64(uint32(k[0])&mask) | uint64(uint32(k[1])&mask)<<21 | uint64(uint32(k[2])&mask)<<42
}

// markFragments flags the phrases that never stand alone: those of two
// or more occurrences that a phrase one word longer contains as often
// ("six rare" in "six rare earth"), and those that start with a word
// always preceded by the same word, or end with a word always followed
// by the same word, that is no stop word ("earth market" when "earth"
// only comes after "rare"). They cut a compound.
func (st *scratch) markFragments() {
	for ci := range st.cands {
		c := &st.cands[ci]
		if st.bound(st.terms[c.key[0]], true) || st.bound(st.terms[c.key[c.n-1]], false) {
			c.fragment = true
		}
	}
	for di := range st.cands {
		d := &st.cands[di]
		if d.n < 2 || d.tf < 2 {
			continue
		}
		prefix := [maxNGram]int32{-1, -1, -1}
		suffix := [maxNGram]int32{-1, -1, -1}
		copy(prefix[:d.n-1], d.key[:d.n-1])
		copy(suffix[:d.n-1], d.key[1:d.n])
		for _, k := range [2][maxNGram]int32{prefix, suffix} {
			if ci := st.candOf(k, d.n-1); ci >= 0 && st.cands[ci].tf == d.tf {
				st.cands[ci].fragment = true
			}
		}
	}
}

// candOf returns the index of the n-word candidate with the term ids
// key, or -1.
func (st *scratch) candOf(key [maxNGram]int32, n int32) int32 {
	switch n {
	case 1:
		return st.uniCand[key[0]]
	case 2:
		if id, ok := st.edges.get(uint64(key[0])<<32 | uint64(uint32(key[1]))); ok {
			return st.biCand[id]
		}
		return -1
	}
	if ci, ok := st.triCand.get(packKey(key)); ok {
		return ci
	}
	return -1
}

// fillInt32 returns s with length n, every element v.
func fillInt32(s []int32, n int, v int32) []int32 {
	s = slices.Grow(s[:0], n)[:n]
	for i := range s {
		s[i] = v
	}
	return s
}

// bound reports whether every occurrence (two or more) of term t has
// the same non-stop term on its left (or right) inside a chunk.
func (st *scratch) bound(t termStat, left bool) bool {
	if t.tf < 2 {
		return false
	}
	if left {
		return t.lDistinct == 1 && t.lTotal == t.tf && !st.terms[t.left].stop
	}
	return t.rDistinct == 1 && t.rTotal == t.tf && !st.terms[t.right].stop
}

// scoreCandidates computes YAKE's phrase score:
//
//	S = Π H(t) / (TF × (1 + Σ H(t)))
//
// over the phrase's terms, where a stop word inside the phrase counts by
// how strongly it binds its neighbours ("Bank of England"): with p the
// product of the probabilities that the word before is followed by it
// and that it is followed by the word after, it multiplies the product
// by 2 − p and lowers the sum by 1 − p. Lower is better.
func (st *scratch) scoreCandidates() {
	for ci := range st.cands {
		c := &st.cands[ci]
		prod, sum := 1.0, 0.0
		for k := range c.n {
			t := &st.terms[c.key[k]]
			if !t.stop {
				prod *= t.h
				sum += t.h
				continue
			}
			prev, next := c.key[k-1], c.key[k+1]
			p := float64(st.pairCount(prev, c.key[k])) / float64(st.terms[prev].tf) *
				float64(st.pairCount(c.key[k], next)) / float64(st.terms[next].tf)
			prod *= 2 - p
			sum -= 1 - p
		}
		c.s = prod / (float64(c.tf) * (1 + sum))
	}
}

// entityOf returns 1 + the entity index when words i..j spell exactly one
// entity mention, -1 when they cut through a mention (hold part of one),
// and 0 when they touch none.
func (st *scratch) entityOf(i, j int) int32 {
	words := st.words
	var partial bool
	for k := i; k <= j; k++ {
		if words[k].mention != 0 {
			partial = true
			break
		}
	}
	if !partial {
		return 0
	}
	m := words[i].mention
	if m != 0 && words[j].mention == m {
		if ms := st.mentions[m-1]; ms.start == words[i].start && ms.end == words[j].end {
			return ms.entity
		}
	}
	return -1
}

// rankKey is a candidate's sort key, kept inline for a fast sort.
type rankKey struct {
	s        float64
	first, n int32
	idx      int32
}

// less orders candidates best first: by score, then first occurrence,
// then length, which no two candidates share.
func (a rankKey) less(b rankKey) bool {
	if a.s != b.s {
		return a.s < b.s
	}
	if a.first != b.first {
		return a.first < b.first
	}
	return a.n < b.n
}

// heapify makes h a binary min-heap. Only the few best candidates are
// ever taken, so a heap (linear to build) beats sorting them all.
func heapify(h []rankKey) {
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(h, i)
	}
}

// popMin removes the best candidate from the heap h.
func popMin(h []rankKey) (rankKey, []rankKey) {
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	siftDown(h, 0)
	return top, h
}

func siftDown(h []rankKey, i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && h[r].less(h[l]) {
			m = r
		}
		if !h[m].less(h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// maxExamined bounds how many candidates, best first, the deduplication
// looks at per keyword wanted.
const maxExamined = 30

// selectKeywords returns the best max candidates that are not near
// duplicates of a better one, as keywords of text.
func (st *scratch) selectKeywords(text string, limit int) []event.Keyword {
	st.order = st.order[:0]
	for i := range st.cands {
		c := &st.cands[i]
		if c.fragment || c.partial == c.tf {
			continue
		}
		st.order = append(st.order, rankKey{s: c.s, first: c.first, n: c.n, idx: int32(i)})
	}
	heapify(st.order)
	st.chosen = st.chosen[:0]
	for examined := 0; len(st.order) > 0; examined++ {
		if len(st.chosen) == limit || examined >= maxExamined*limit {
			break
		}
		var rk rankKey
		rk, st.order = popMin(st.order)
		ci := rk.idx
		c := &st.cands[ci]
		dup := false
		for _, k := range st.chosen {
			if st.similar(c, &st.cands[k]) {
				dup = true
				break
			}
		}
		if !dup {
			st.chosen = append(st.chosen, ci)
		}
	}
	if len(st.chosen) == 0 {
		return nil
	}
	out := make([]event.Keyword, len(st.chosen))
	best := st.cands[st.chosen[0]].s
	for i, ci := range st.chosen {
		c := &st.cands[ci]
		out[i] = event.Keyword{
			Text:  st.spelling(text, c),
			Score: round3(1 / (1 + math.Log(c.s/best))),
			Count: int(c.tf),
		}
	}
	return out
}

// similar reports whether two candidates are near duplicates: they spell
// the same entity ("ECB", "European Central Bank"), they share at least
// two thirds of their terms that are not stop words ("rare earth", "rare
// earth magnets"; but not "river" and "river levels"), or their folded
// spellings are within a small edit distance ("licence", "license").
func (st *scratch) similar(a, b *cand) bool {
	if a.entity > 0 && a.entity == b.entity {
		return true
	}
	if shared, union := st.overlap(a, b); 3*shared >= 2*union {
		return true
	}
	var bufA, bufB [64]byte
	sa, sb := st.foldedPhrase(bufA[:0], a), st.foldedPhrase(bufB[:0], b)
	l := max(len(sa), len(sb))
	if l < 6 || l > 64 || abs(len(sa)-len(sb)) > l/5 {
		return false
	}
	return editDistance(sa, sb) <= l/6
}

// overlap returns how many distinct non-stop terms a and b share and how
// many they have together.
func (st *scratch) overlap(a, b *cand) (shared, union int) {
	var ta, tb [maxNGram]int32
	na, nb := st.contentTerms(&ta, a), st.contentTerms(&tb, b)
	for _, t := range ta[:na] {
		for _, u := range tb[:nb] {
			if t == u {
				shared++
				break
			}
		}
	}
	return shared, na + nb - shared
}

// contentTerms stores the distinct non-stop terms of c in dst and
// returns their number.
func (st *scratch) contentTerms(dst *[maxNGram]int32, c *cand) int {
	n := 0
	for k := range c.n {
		t := c.key[k]
		if st.terms[t].stop || slices.Contains(dst[:n], t) {
			continue
		}
		dst[n] = t
		n++
	}
	return n
}

// foldedPhrase appends the folded spelling of c, words joined by spaces.
func (st *scratch) foldedPhrase(dst []byte, c *cand) []byte {
	for k := range c.n {
		if k > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, st.termBytes(c.key[k])...)
	}
	return dst
}

// editDistance is the Levenshtein distance of two short byte strings.
func editDistance(a, b []byte) int {
	var rowBuf [65]int
	row := rowBuf[:len(b)+1]
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			old := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, diag+cost)
			diag = old
		}
	}
	return row[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// maxSpellings bounds the occurrences of a keyword whose spellings are
// compared.
const maxSpellings = 32

// occurrence is one place a chosen keyword occurs.
type occurrence struct {
	start, end int32 // byte span in Text
	first      int32 // word index
	rank       int8
}

// spelling returns how a keyword is shown: its most frequent spelling,
// ignoring case ("rare earth" over "rare earths"), from the occurrence
// best placed to show its case: in the body in the middle of a sentence,
// else sentence-initial, else in the headline, and not cutting through
// a name. Runs of white space become one space, and a capital that only
// sentence position explains is lowered ("Markets reacted" → "markets").
func (st *scratch) spelling(text string, c *cand) string {
	occ := st.occurrences(c)
	if len(occ) == 0 { // cannot happen: c was found at c.first
		w := &st.words[c.first]
		occ = append(occ, occurrence{start: w.start, end: st.words[int(c.first)+int(c.n)-1].end, first: c.first})
	}
	bestCount, best := 0, 0
	for i := range occ {
		s := text[occ[i].start:occ[i].end]
		if sameSpellingBefore(text, occ, i) {
			// Its spelling was counted at its first occurrence, with the
			// same count and best rank, which cannot beat best again.
			continue
		}
		count := 0
		pick := i
		for j := range occ {
			if strings.EqualFold(s, text[occ[j].start:occ[j].end]) {
				count++
				if occ[j].rank < occ[pick].rank {
					pick = j
				}
			}
		}
		if count > bestCount || count == bestCount && occ[pick].rank < occ[best].rank {
			bestCount, best = count, pick
		}
	}
	o := occ[best]
	s := text[o.start:o.end]
	if strings.ContainsAny(s, "\t\n\r") || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	w := &st.words[o.first]
	if o.rank%3 == 0 || w.flags&(flagUpper|flagAcronym) != flagUpper {
		return s
	}
	t := &st.terms[c.key[0]]
	if t.tfUpper > 0 || t.tfLower == 0 {
		return s // a name, or never seen mid-sentence: keep it
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// sameSpellingBefore reports whether an occurrence before occ[i] spells
// it the same, ignoring case.
func sameSpellingBefore(text string, occ []occurrence, i int) bool {
	s := text[occ[i].start:occ[i].end]
	for _, o := range occ[:i] {
		if strings.EqualFold(s, text[o.start:o.end]) {
			return true
		}
	}
	return false
}

// occurrences lists where c occurs (up to maxSpellings places) by
// walking the occurrences of its first term.
func (st *scratch) occurrences(c *cand) []occurrence {
	st.occ = st.occ[:0]
	words := st.words
	for i := int(st.terms[c.key[0]].first); i >= 0 && len(st.occ) < maxSpellings; i = int(st.next[i]) {
		j := i + int(c.n) - 1
		if j >= len(words) {
			break
		}
		ok := true
		for k := 1; k < int(c.n); k++ {
			if words[i+k].term != c.key[k] || words[i+k].flags&flagBreak != 0 || words[i+k-1].flags&flagPossessive != 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		rank := int8(0)
		switch {
		case words[i].zone == zoneHeadline:
			rank = 2
		case words[i].flags&flagSentStart != 0:
			rank = 1
		}
		if st.entityOf(i, j) < 0 {
			rank += 3
		}
		st.occ = append(st.occ, occurrence{start: words[i].start, end: words[j].end, first: int32(i), rank: rank})
	}
	return st.occ
}
