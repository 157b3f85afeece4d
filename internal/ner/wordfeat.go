package ner

// Word features. Twenty of a token's base features depend on one token
// alone: twelve on the token itself (its form, lower-case form, affixes
// and shapes) and eight on a neighbour (the words and short shapes at
// -2..+2). A document repeats its words (850 tokens of a news article
// are about 420 different words), so the tagger sums those features'
// weights once per distinct word and role ([wordRows]) and adds the
// sums to each token's emission row, where it would otherwise look up
// twenty features per token. Integer sums do not depend on their order,
// so the scores, and the tags, are exactly those of [baseFeatures].

// Roles of a word in a token's features: the token itself, and the
// neighbours before and after it.
const (
	roleSelf = iota
	roleM1
	roleP1
	roleM2
	roleP2
	numRoles
)

// Features of each role, in the order wordFeatures appends them.
const (
	selfFeatures = 12
	m1Features   = 3
	p1Features   = 3
	m2Features   = 1
	p2Features   = 1
	wordFeatureN = selfFeatures + m1Features + p1Features + m2Features + p2Features
)

// roleEnd is the end of each role's features in wordFeatures' output.
var roleEnd = [numRoles]int{
	selfFeatures,
	selfFeatures + m1Features,
	selfFeatures + m1Features + p1Features,
	selfFeatures + m1Features + p1Features + m2Features,
	wordFeatureN,
}

// wordFeatures appends the hashes of the single-token features of the
// word t in each of its roles: roleSelf's first, then roleM1's (t is
// the word before the token), roleP1's, roleM2's and roleP2's.
func wordFeatures(out []uint64, t *wordInfo) []uint64 {
	return append(out,
		// roleSelf
		feat(tW, t.w),
		feat(tLW, t.lw),
		feat(tPre1, t.pre[0]),
		feat(tPre2, t.pre[1]),
		feat(tPre3, t.pre[2]),
		feat(tPre4, t.pre[3]),
		feat(tSuf1, t.suf[0]),
		feat(tSuf2, t.suf[1]),
		feat(tSuf3, t.suf[2]),
		feat(tSuf4, t.suf[3]),
		feat(tShape, t.shape),
		feat(tSS, t.sshape),
		// roleM1
		feat(tLWm1, t.lw),
		feat(tWm1, t.w),
		feat(tSSm1, t.sshape),
		// roleP1
		feat(tLWp1, t.lw),
		feat(tWp1, t.w),
		feat(tSSp1, t.sshape),
		// roleM2
		feat(tLWm2, t.lw),
		// roleP2
		feat(tLWp2, t.lw),
	)
}

// shapeFeatures appends the hashes of the base features of a token that
// depend only on its casing context, its place in the line and the short
// shapes around it: the bias, tCap, tDoc, tLinePos and the short shape
// bigrams and trigram.
func shapeFeatures(out []uint64, k *shapeKey) []uint64 {
	cc := uint64(k.cc)
	return append(out,
		feat(tBias, 0),
		feat2(tSSm1SS, k.m1, k.ss),
		feat2(tSSSSp1, k.ss, k.p1),
		feat3(tSS3, k.m1, k.ss, k.p1),
		feat(tCap, cc),
		feat2(tDoc, uint64(k.doc), cc),
		feat3(tLinePos, uint64(k.pos), cc&uint64(fCapsLine), k.ss),
	)
}

// shapeFeatureN is how many features shapeFeatures appends.
const shapeFeatureN = 7

// shapeEnds is the end of shapeFeatures' one row's features.
var shapeEnds = [1]int{shapeFeatureN}

// neighbours returns the tokInfo of the tokens before and after token i
// in its line, or the boundary tokens.
func (a *analysis) neighbours(i int) (m1, p1 *tokInfo) {
	ln := a.lines[a.info[i].line]
	m1, p1 = &a.bos, &a.eos
	if i > ln.lo {
		m1 = &a.info[i-1]
	}
	if i+1 < ln.hi {
		p1 = &a.info[i+1]
	}
	return m1, p1
}

// pairFeatures appends the hashes of the base features of token i that
// neither wordFeatures nor shapeFeatures have: the word bigrams, the
// short shape with the words around it, and the gazetteer's. With the
// word features of the token and its neighbours and its shape features
// they are [baseFeatures].
func pairFeatures(out []uint64, a *analysis, i int) []uint64 {
	t := &a.info[i]
	m1, p1 := a.neighbours(i)
	out = append(out,
		feat2(tBIm1, m1.lw, t.lw),
		feat2(tBIp1, t.lw, p1.lw),
		feat2(tSSLWm1, t.sshape, m1.lw),
		feat2(tSSLWp1, t.sshape, p1.lw),
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

// shapeKey is what shapeFeatures reads of a token.
type shapeKey struct {
	m1, ss, p1 uint64 // short shapes of the token and its neighbours
	cc         uint32 // capCode
	doc, pos   uint8  // document casing, place in the line (0-3)
}

func shapeKeyOf(a *analysis, i int) shapeKey {
	t := &a.info[i]
	m1, p1 := a.neighbours(i)
	return shapeKey{
		m1: m1.sshape, ss: t.sshape, p1: p1.sshape,
		cc: uint32(capCode(t.flags)), doc: t.doc, pos: uint8(min(i-int(a.lines[t.line].lo), 3)),
	}
}

func (k shapeKey) hash() uint64 {
	return mix(k.ss ^ k.m1*0x9e3779b97f4a7c15 ^ k.p1*0xc2b2ae3d27d4eb4f ^
		uint64(k.cc)<<40 ^ uint64(k.doc)<<32 ^ uint64(k.pos)<<48)
}

// Bounds of the caches: about 1.9 MB for the words, 0.4 MB for the
// shapes, which hold all the shape contexts of most streams.
const (
	maxCachedWords  = 1 << 12
	maxCachedShapes = 1 << 12
	// refreshDocs is how many documents a full cache serves before it is
	// emptied, to learn the words of the current news.
	refreshDocs = 1024
)

// rowCache numbers keys (words, shape contexts) and keeps the sums of
// their features' weights, perKey rows for each key, from document to
// document: news articles share most of their words ("the", "said",
// "government") and nearly all their shape contexts, so most of a
// document's are known before it starts. The first max keys seen are
// kept (frequent words come early); once it is full, a document's other
// keys are summed for that document only, and after refreshDocs
// documents the cache starts over. What the cache holds changes how
// much work a document takes, never its scores. Each tagState has its
// own, so it needs no locking.
type rowCache[K comparable] struct {
	// index is an open-addressing table on the key's hash: the high 32
	// bits of the hash and the key's number + 1 in the low 32, 0 empty.
	index  []uint64
	local  []uint64 // the same for the current document's keys past max
	keys   []K
	rows   []laneRow // per key, perKey rows
	kept   int       // keys kept from document to document: keys[:kept]
	full   int       // documents since the cache filled up
	mask   uint64
	lmask  uint64
	perKey int
	todo   []int32 // keys added for the current document, rows not yet summed
}

// start prepares the cache for a document of n tokens and reports
// whether it is empty.
func (c *rowCache[K]) start(n, max, perKey int) bool {
	c.todo = c.todo[:0]
	c.keys, c.rows = c.keys[:c.kept], c.rows[:c.kept*perKey]
	if c.index == nil {
		c.index = make([]uint64, 2*max)
		c.mask = uint64(len(c.index) - 1)
		c.perKey = perKey
	}
	if c.kept == max {
		if c.full++; c.full > refreshDocs {
			c.kept, c.full = 0, 0
			c.keys, c.rows = c.keys[:0], c.rows[:0]
			clear(c.index)
		}
	}
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(c.local) < size {
		c.local = make([]uint64, size)
	}
	c.local = c.local[:size]
	clear(c.local)
	c.lmask = uint64(size - 1)
	return c.kept == 0
}

// number returns the number of key k, whose hash is h, adding it, with
// zero rows, to the cache and to c.todo when it is new: for good while
// the cache has room, else for the current document. The caller hashes
// k: a method call through a type parameter is an indirect call, which
// is not inlined.
func (c *rowCache[K]) number(k *K, h uint64, max int) int32 {
	tag := h &^ (1<<32 - 1)
	for j := h & c.mask; ; j = (j + 1) & c.mask {
		e := c.index[j]
		if e == 0 {
			if c.kept < max {
				id := c.add(k)
				c.index[j] = tag | uint64(id+1)
				c.kept++
				return id
			}
			break
		}
		if e&^(1<<32-1) == tag {
			if id := int32(uint32(e)) - 1; c.keys[id] == *k {
				return id
			}
		}
	}
	for j := h & c.lmask; ; j = (j + 1) & c.lmask {
		e := c.local[j]
		if e == 0 {
			id := c.add(k)
			c.local[j] = tag | uint64(id+1)
			return id
		}
		if e&^(1<<32-1) == tag {
			if id := int32(uint32(e)) - 1; c.keys[id] == *k {
				return id
			}
		}
	}
}

func (c *rowCache[K]) add(k *K) int32 {
	id := int32(len(c.keys))
	c.keys = append(c.keys, *k)
	c.rows = append(c.rows, make([]laneRow, c.perKey)...)
	c.todo = append(c.todo, id)
	return id
}

// numberShapes sets st.sid[i] to the number of token i's shape context
// in st.shapes, adding the new ones.
func (st *tagState) numberShapes() {
	a := &st.a
	st.shapes.start(len(a.info), maxCachedShapes, 1)
	st.sid = st.sid[:0]
	for i := range a.info {
		sk := shapeKeyOf(a, i)
		st.sid = append(st.sid, st.shapes.number(&sk, sk.hash(), maxCachedShapes))
	}
}

// laneRow is a sum of feature weights in the dense row form: the 16
// tags other than O of both passes minus the pass's O weight, in 16-bit
// lanes. While it is summed it holds the plain sums modulo 2^16; once
// done, [laneRow.bias] puts it in the biased form that denseAcc adds.
type laneRow [denseRow]uint64

// bias adds k*laneBias to every lane: a plain sum of k features' weights
// becomes the biased form of a row that stands for k features.
func (r *laneRow) bias(k int) {
	b := laneBiases(k)
	for i := range r {
		r[i] = addLanes(r[i], b)
	}
}

// addSparseLanes adds sparse weights (as in a slot) to r in the dense
// row form: a tag's weight to its lane, an O weight subtracted from all
// sixteen lanes of its pass.
func addSparseLanes(r *laneRow, es []uint16) {
	for _, e := range es {
		idx, w := unpackWeight(e)
		p, t := idx/secondRow, idx%secondRow
		switch {
		case w == 0 || t >= numTags:
			// padding
		case t == 0:
			b := uint64(uint16(int16(-w))) * 0x0001_0001_0001_0001
			q := r[p*4 : p*4+4]
			q[0], q[1], q[2], q[3] = addLanes(q[0], b), addLanes(q[1], b), addLanes(q[2], b), addLanes(q[3], b)
		default:
			k := p*(numTags-1) + t - 1
			r[k/4] = addLanes(r[k/4], uint64(uint16(int16(w)))<<(16*(k%4)))
		}
	}
}

// add adds x to r lane by lane.
func (r *laneRow) add(x *laneRow) {
	for k := range denseRow {
		r[k] = addLanes(r[k], x[k])
	}
}

// addSlot adds the weights of slot s to r and returns the bias it added
// with them, in features: 1 for a dense row, which has one feature's
// bias, else 0.
func (r *laneRow) addSlot(m *Model, s *slot) int {
	if s.hdr&hdrDense != 0 {
		r.add((*laneRow)(m.dense[(int(s.e[2])|int(s.e[3])<<16)*denseRow:]))
		return 1
	}
	a, b := m.weightsOf(s)
	addSparseLanes(r, a)
	addSparseLanes(r, b)
	return 0
}

// secondRows are the weights of the second-pass features for each of
// their values, in the dense row form, so that the second pass adds
// rows from a 58 KB table instead of looking features up.
type secondRows struct {
	prev  [numTags + 1][numTags]laneRow // tP1Prev: the tag before (numTags: none), the tag
	next  [numTags][numTags + 1]laneRow // tP1Next: the tag, the tag after (numTags: none)
	p2    [32]laneRow                   // tP2: the code without its 0x20 flag
	first [numTypes + 2]laneRow         // tP2First: 0 for none, else 1 + the type code
	cap   [32][8]laneRow                // tP2Cap: the code, capCode2
}

// capCode2 packs the three casing bits tP2Cap reads into 0-7.
func capCode2(cc uint64) int {
	return int(cc&uint64(fInitCap)) | int(cc>>8&2) | int(cc>>8&4)
}

// p1Value maps a row index of secondRows.prev or .next to the tag value
// secondFeatures hashes: numTags is 0xff, no token.
func p1Value(k int) uint64 {
	if k == numTags {
		return 0xff
	}
	return uint64(k)
}

// buildSecondRows sums the weights of every value of the second-pass
// features. The hashes are those of secondFeatures.
func (m *Model) buildSecondRows() *secondRows {
	r := new(secondRows)
	add := func(dst *laneRow, h uint64) {
		if s := m.lookup(h); s != nil {
			dst.bias(-dst.addSlot(m, s))
		}
	}
	for a := range numTags + 1 {
		for b := range numTags {
			add(&r.prev[a][b], feat2(tP1Prev, p1Value(a), uint64(b)))
			add(&r.next[b][a], feat2(tP1Next, uint64(b), p1Value(a)))
		}
	}
	for c := range 32 {
		p2 := uint64(c | 0x20)
		add(&r.p2[c], feat(tP2, p2))
		for k := range 8 {
			cc := uint64(0)
			if k&1 != 0 {
				cc |= uint64(fInitCap)
			}
			if k&2 != 0 {
				cc |= uint64(fSentStart)
			}
			if k&4 != 0 {
				cc |= uint64(fCapsLine)
			}
			add(&r.cap[c][k], feat2(tP2Cap, p2, cc))
		}
	}
	add(&r.first[0], feat(tP2First, 0))
	for k := 1; k < len(r.first); k++ {
		add(&r.first[k], feat(tP2First, uint64(k-1)|0x10))
	}
	// Each row stands for one feature, whether the model has it or not.
	var rows []*laneRow
	for a := range r.prev {
		for b := range r.prev[a] {
			rows = append(rows, &r.prev[a][b])
		}
	}
	for a := range r.next {
		for b := range r.next[a] {
			rows = append(rows, &r.next[a][b])
		}
	}
	for c := range r.p2 {
		rows = append(rows, &r.p2[c])
		for k := range r.cap[c] {
			rows = append(rows, &r.cap[c][k])
		}
	}
	for k := range r.first {
		rows = append(rows, &r.first[k])
	}
	for _, x := range rows {
		x.bias(1)
	}
	return r
}

// setSecond sets acc, empty, to the second-pass features of token i
// (secondFeatures) from m.second.
func (r *secondRows) setSecond(acc *denseAcc, a *analysis, i int) {
	info := a.info
	t := &info[i]
	ln := a.lines[t.line]
	prev, next := numTags, numTags
	if i > ln.lo {
		prev = int(info[i-1].p1)
	}
	if i+1 < ln.hi {
		next = int(info[i+1].p1)
	}
	pr, nx := &r.prev[prev][t.p1], &r.next[t.p1][next]
	if t.p2 == 0 {
		for k := range denseRow {
			acc.w[k] = pr[k] + nx[k]
		}
		acc.n = 2
		return
	}
	cc := uint64(t.flags & (fInitCap | fCapsLine | fSentStart))
	c := int(t.p2 & 31)
	first := 0
	if t.p2first != 0 {
		first = 1 + int(t.p2first&0xf)
	}
	p2, fi, cp := &r.p2[c], &r.first[first], &r.cap[c][capCode2(cc)]
	for k := range denseRow {
		acc.w[k] = pr[k] + nx[k] + p2[k] + fi[k] + cp[k]
	}
	acc.n = 5
}
