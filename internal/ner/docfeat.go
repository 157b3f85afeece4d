package ner

// wordStat is what a document says about one lower-case word form.
type wordStat struct {
	lower  int32 // occurrences starting lower case
	capMid int32 // capitalised occurrences inside a mixed-case sentence
	total  int32
	types  [numTypes + 1]int32 // first-pass labels: O, then one per type
	first  int32               // token index of the first occurrence
}

// wordTable maps a word's lower-case hash to its wordStat: open
// addressing with linear probing, reused from document to document.
type wordTable struct {
	keys  []uint64
	stats []wordStat
	mask  uint64
}

// reset empties the table and sizes it for n words.
func (t *wordTable) reset(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(t.keys) < size {
		t.keys = make([]uint64, size)
		t.stats = make([]wordStat, size)
	} else {
		t.keys = t.keys[:size]
		t.stats = t.stats[:size]
		clear(t.keys)
		clear(t.stats)
	}
	t.mask = uint64(size - 1)
}

// index returns the index in t.stats of key k's stat, adding it when
// absent. Key 0 is remapped so that it never means empty.
func (t *wordTable) index(k uint64) int32 {
	if k == 0 {
		k = 1
	}
	for i := mix(k) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return int32(i)
		case 0:
			t.keys[i] = k
			t.stats[i].first = -1
			return int32(i)
		}
	}
}

// capMid reports whether a token counts as a capitalised word where
// capitals mean something: not at a sentence start, not in a headline.
func capMid(f uint32) bool {
	return f&fInitCap != 0 && f&(fSentStart|fCapsLine) == 0
}

func startsLower(f uint32) bool {
	return f&fHasLetter != 0 && f&(fInitCap|fAllCap) == 0
}

// docCasing sets the document casing code of every word token: whether
// the same word appears elsewhere in the document at all, in lower case,
// or capitalised mid-sentence. That tells a headline's or a sentence
// start's "Leicestershire" (a name elsewhere) from its "Take" (a word).
// It keeps each word token's index in a.words in a.ws, for secondPass.
func (a *analysis) docCasing() {
	a.words.reset(len(a.info))
	if cap(a.ws) < len(a.info) {
		a.ws = make([]int32, len(a.info), cap(a.info))
	}
	a.ws = a.ws[:len(a.info)]
	for i := range a.info {
		ti := &a.info[i]
		if ti.flags&fHasLetter == 0 {
			continue
		}
		a.ws[i] = a.statIndex(i)
		s := &a.words.stats[a.ws[i]]
		s.total++
		if startsLower(ti.flags) {
			s.lower++
		}
		if capMid(ti.flags) {
			s.capMid++
		}
		if s.first < 0 {
			s.first = int32(i)
		}
	}
	for i := range a.info {
		ti := &a.info[i]
		if ti.flags&fHasLetter == 0 {
			continue
		}
		s := &a.words.stats[a.ws[i]]
		var code uint8 = 1
		if s.total > 1 {
			code |= 2
		}
		lower := s.lower
		if startsLower(ti.flags) {
			lower--
		}
		if lower > 0 {
			code |= 4
		}
		cm := s.capMid
		if capMid(ti.flags) {
			cm--
		}
		if cm > 0 {
			code |= 8
		}
		ti.doc = code
	}
}

// statIndex returns the index in a.words of token i's stat: once per
// word and document from the word cache, when there is one.
func (a *analysis) statIndex(i int) int32 {
	c := a.cache
	if c == nil {
		return a.words.index(a.info[i].lw)
	}
	wt := &c.tok[a.wid[i]]
	if wt.doc != c.doc {
		wt.stat, wt.doc = a.words.index(a.info[i].lw), c.doc
	}
	return wt.stat
}

// secondPass sets the second-pass codes of every word token from the
// first pass's tags: the types the same word got elsewhere in the
// document and the type of its first occurrence.
func (a *analysis) secondPass(tags []uint8) {
	for i := range a.info {
		if a.info[i].flags&fHasLetter == 0 {
			continue
		}
		a.words.stats[a.ws[i]].types = [numTypes + 1]int32{}
	}
	for i := range a.info {
		if a.info[i].flags&fHasLetter == 0 {
			continue
		}
		a.words.stats[a.ws[i]].types[tagType(int(tags[i]))+1]++
	}
	for i := range a.info {
		ti := &a.info[i]
		ti.p2, ti.p2first, ti.p1 = 0, 0, tags[i]
		if ti.flags&fHasLetter == 0 || ti.flags&(fInitCap|fAllCap) == 0 {
			continue
		}
		s := &a.words.stats[a.ws[i]]
		if s.total < 2 {
			continue
		}
		own := tagType(int(tags[i])) + 1
		var code uint8
		for k, c := range s.types {
			if k == own {
				c--
			}
			if c > 0 {
				code |= 1 << k
			}
		}
		ti.p2 = code | 0x20
		if int(s.first) != i {
			ti.p2first = uint8(tagType(int(tags[s.first]))+1) | 0x10
		}
	}
}
