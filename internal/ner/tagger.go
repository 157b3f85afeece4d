package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/gazetteer"
	"github.com/wirestream/wirestream/internal/ner/conll"
)

//go:embed model/ner.model
var embeddedModel []byte

// embedded parses the embedded model once, on first use, and shares it:
// the model is immutable, so every Tagger can use the same one.
var embedded = sync.OnceValues(func() (*Model, error) {
	return ReadModel(bytes.NewReader(embeddedModel))
})

// EmbeddedModel returns the model built into the binary, parsed on the
// first call and shared by all callers.
func EmbeddedModel() (*Model, error) { return embedded() }

// Tagger is the statistical named-entity tagger: it tokenises raw text,
// tags it with a [Model] in two passes and returns typed spans. It
// implements entities.Tagger and is safe for concurrent use; its scratch
// memory is pooled, so tagging allocates nothing in the steady state.
// Each pooled scratch state keeps the feature sums of the words of the
// texts it tagged before and the gazetteer's answers for their phrases,
// up to about 3.2 MB (see the package doc).
type Tagger struct {
	m        *Model
	g        *gazetteer.Gazetteer
	maxGaz   int
	groups   bool
	gazTypes bool
	pool     sync.Pool // *tagState
}

var _ entities.Tagger = (*Tagger)(nil)

// Option configures [Load] and [NewTagger].
type Option func(*options) error

type options struct {
	g          *gazetteer.Gazetteer
	noGroups   bool
	noGazTypes bool
}

// WithGazetteer makes the tagger use g for its gazetteer features instead
// of loading its own; pass the stage's to share it.
func WithGazetteer(g *gazetteer.Gazetteer) Option {
	return func(o *options) error {
		if g == nil {
			return ErrNoGazetteer
		}
		o.g = g
		return nil
	}
}

// WithoutGroups keeps MISC spans as misc even where the gazetteer knows
// them as a nationality or group (by default "Russian" or "Shiite" tagged
// MISC becomes event.EntityGroup).
func WithoutGroups() Option {
	return func(o *options) error {
		o.noGroups = true
		return nil
	}
}

// WithoutGazetteerTypes keeps the model's type on spans the gazetteer
// knows as an organization or a person (by default the gazetteer's type
// wins there: "Kremlin" is an organization, though CoNLL calls it a
// place).
func WithoutGazetteerTypes() Option {
	return func(o *options) error {
		o.noGazTypes = true
		return nil
	}
}

// Load returns a Tagger over the embedded model, which is parsed once per
// process and shared.
func Load(opts ...Option) (*Tagger, error) {
	m, err := embedded()
	if err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	return NewTagger(m, opts...)
}

// NewTagger returns a Tagger over m, which must have been trained with
// the features of this version of the package (ReadModel checks).
func NewTagger(m *Model, opts ...Option) (*Tagger, error) {
	if m == nil {
		return nil, fmt.Errorf("new ner tagger: nil model: %w", ErrModel)
	}
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, fmt.Errorf("new ner tagger: %w", err)
		}
	}
	if o.g == nil {
		g, err := gazetteer.Load()
		if err != nil {
			return nil, fmt.Errorf("new ner tagger: %w", err)
		}
		o.g = g
	}
	t := &Tagger{m: m, g: o.g, maxGaz: o.g.MaxWords() + 3, groups: !o.noGroups, gazTypes: !o.noGazTypes}
	t.pool.New = func() any { return &tagState{} }
	return t, nil
}

// Model returns the tagger's model.
func (t *Tagger) Model() *Model { return t.m }

// tagState is the scratch memory of one Tag call.
type tagState struct {
	toks  []Token
	a     analysis
	hs    []uint64
	em    []int32 // per token, rowStride scores: both passes' emissions
	delta []int32 // Viterbi's scores, per token and tag
	tags  []uint8
	spans []span
	pipe  [pipeDepth + 1]probed
	// sparse is laneRow.setSum's scratch row.
	sparse [rowStride]int32
	// The words and shape contexts of this and earlier documents with
	// their feature sums, and each token's word and shape numbers.
	words   wordCache
	shapes  rowCache[shapeKey]
	phrases phraseCache
	sid     []int32
	// touched sums what touch returns for the cold slots probe touches
	// (their keys where touch loads them); it is never read, but storing
	// it keeps the compiler from dropping the loads.
	touched uint32
}

// run tokenises text and tags it, leaving tokens and tags in st.
func (t *Tagger) run(st *tagState, text string) {
	st.toks = Tokenize(st.toks[:0], text)
	n := len(st.toks)
	if n == 0 {
		st.tags = st.tags[:0]
		return
	}
	st.words.start(n)
	st.a.cache, st.a.phrases = &st.words, &st.phrases
	st.a.analyze(text, st.toks, t.g, t.maxGaz)
	if cap(st.tags) < n {
		st.tags = make([]uint8, n, n+n/2)
		st.em = make([]int32, n*rowStride, (n+n/2)*rowStride)
		st.delta = make([]int32, n*numTags, (n+n/2)*numTags)
	}
	st.tags = st.tags[:n]
	em := st.em[:n*rowStride]
	m := t.m
	// The word features of each word new to st.words, summed per role,
	// and the shape features of each new shape context.
	st.numberShapes()
	words, shapes := &st.words, &st.shapes
	sumNew(st, m, words.todo, words.rows, numRoles, func(out []uint64, id int32) []uint64 {
		return wordFeatures(out, &words.info[id])
	}, roleEnd[:])
	sumNew(st, m, shapes.todo, shapes.rows, 1, func(out []uint64, id int32) []uint64 {
		return shapeFeatures(out, &shapes.keys[id])
	}, shapeEnds[:])
	rows, srows := words.rows, shapes.rows
	info, wid := st.a.info, st.a.wid
	for j := 0; j < n+pipeDepth; j++ {
		if j < n {
			st.hs = pairFeatures(st.hs[:0], &st.a, j)
			st.probe(m, &st.pipe[j%len(st.pipe)])
			// The rows of token j+2's word, which token j reads
			// first (as the word two after it), pipeDepth steps from
			// now, and token j's shape row: rows of words new to
			// the cache are not where the core last left them.
			touchRows((*[numRoles]laneRow)(rows[int(wid[min(j+2, n-1)])*numRoles:]), &srows[st.sid[j]])
		}
		i := j - pipeDepth
		if i < 0 {
			continue
		}
		p := &st.pipe[i%len(st.pipe)]
		// Each row is cleared where it is first added to, not all
		// of em before the loop: em outgrows the first-level cache,
		// and the row is then written while its lines are there.
		row := (*[rowStride]int32)(em[i*rowStride:])
		*row = [rowStride]int32{}
		var acc denseAcc
		ln := st.a.lines[info[i].line]
		at := func(k int) int {
			switch {
			case k < ln.lo:
				return 0
			case k >= ln.hi:
				return 1
			}
			return int(wid[k])
		}
		acc.setSum(&rows[int(wid[i])*numRoles+roleSelf], &rows[at(i-1)*numRoles+roleM1],
			&rows[at(i+1)*numRoles+roleP1], &rows[at(i-2)*numRoles+roleM2],
			&rows[at(i+2)*numRoles+roleP2], &srows[st.sid[i]], wordFeatureN+shapeFeatureN)
		for k := range p.kept {
			s := p.find(m, k)
			if s == nil {
				continue
			}
			if s.hdr&hdrDense != 0 {
				if acc.n == maxDenseSum {
					acc.flush(row)
				}
				acc.add(m, int(s.e[2])|int(s.e[3])<<16)
				continue
			}
			m.addWeights(row, s)
		}
		acc.flush(row)
	}
	t.decode(st, 0)
	if !m.twoPass {
		return
	}
	st.a.secondPass(st.tags)
	for i := range n {
		row := (*[rowStride]int32)(em[i*rowStride:])
		var acc denseAcc
		m.second.setSecond(&acc, &st.a, i)
		acc.flushSecond(row)
	}
	t.decode(st, 1)
}

// sumNew sums the weights of the features of the new keys todo into
// their rows, perKey rows per key, in the biased form: feats appends a
// key's features, the first ends[0] of them for its first row, up to
// ends[1] for the second, and so on.
func sumNew(st *tagState, m *Model, todo []int32, rows []laneRow, perKey int, feats func([]uint64, int32) []uint64, ends []int) {
	// Software pipelining: the features of key j are looked up in the
	// hot table, and their cold slots touched, pipeDepth keys before
	// their weights are added, so that the cache misses of several keys
	// overlap instead of following each other.
	for j := 0; j < len(todo)+pipeDepth; j++ {
		if j < len(todo) {
			st.hs = feats(st.hs[:0], todo[j])
			st.probe(m, &st.pipe[j%len(st.pipe)])
		}
		i := j - pipeDepth
		if i < 0 {
			continue
		}
		p := &st.pipe[i%len(st.pipe)]
		w := int(todo[i])
		kr := rows[w*perKey : w*perKey+perKey]
		lo := 0
		for r := range kr {
			kr[r].setSum(m, p, lo, ends[r], &st.sparse)
			lo = ends[r]
		}
	}
}

// setSum sets r to the biased dense row of features lo..hi-1 of those
// p probed, which must be at most maxDenseSum. sp is scratch memory,
// zero on entry and on return.
//
// It adds without a branch per weight: the dense rows of hot features
// with plain uint64 additions, the sparse weights of the others into sp,
// an emission row, the way a token's are (Model.addWeights: one
// unrolled addition per inline weight, O's included), and only then
// turns sp into lanes, each tag's sum less O's, once per row. Every
// lane's parts (the dense rows, the sparse sums plus the bias of the
// sparse and missing features) are never negative and add up to at most
// 2*(hi-lo)*laneBias < 2^16, so no lane carries into the next, and the
// row is exactly the one adding each feature's lanes would give.
func (r *laneRow) setSum(m *Model, p *probed, lo, hi int, sp *[rowStride]int32) {
	var acc laneRow
	nd, ns := 0, 0
	for k := int(p.at[lo]); k < int(p.at[hi]); k++ {
		s := p.find(m, k)
		switch {
		case s == nil:
		case s.hdr&hdrDense != 0:
			x := (*laneRow)(m.dense[(int(s.e[2])|int(s.e[3])<<16)*denseRow:])
			for j := range denseRow {
				acc[j] += x[j]
			}
			nd++
		default:
			m.addWeights(sp, s)
			ns++
		}
	}
	// The sparse and missing features' bias: each feature of the row
	// has one laneBias in every lane, the dense rows theirs already.
	b := int32((hi - lo - nd) * laneBias)
	if ns == 0 {
		bb := laneBiases(hi - lo - nd)
		for j := range denseRow {
			acc[j] += bb
		}
		*r = acc
		return
	}
	for ps := range 2 {
		q := (*[numTags]int32)(sp[ps*secondRow:])
		o := q[0] - b
		for j := range (numTags - 1) / 4 {
			t := 1 + 4*j
			acc[ps*(numTags-1)/4+j] += uint64(uint16(q[t]-o)) | uint64(uint16(q[t+1]-o))<<16 |
				uint64(uint16(q[t+2]-o))<<32 | uint64(uint16(q[t+3]-o))<<48
		}
	}
	*sp = [rowStride]int32{}
	*r = acc
}

// The rows sumNew sums (a word's in one role, a shape context's) add
// without carries in laneRow.setSum.
const _ uint = maxDenseSum - max(selfFeatures, m1Features, p1Features, m2Features, p2Features, shapeFeatureN)

// pipeDepth is how many tokens ahead features are probed.
const pipeDepth = 3

// maxFeatures bounds the base features of one token.
const maxFeatures = 40

// probed are the features of one token, probed ahead, that the model
// may have: their keys and their hot slots, nil when not hot. The
// others (the filter finds most features missing) are left out, so
// that adding the weights does not step over them: kept of them are
// left, and at[k] of the first k features.
type probed struct {
	kept  int
	keys  [maxFeatures]uint32
	slots [maxFeatures]*slot
	at    [maxFeatures + 1]uint8
}

// find returns the slot of kept feature k of p, or nil when the model
// does not have it after all.
func (p *probed) find(m *Model, k int) *slot {
	if s := p.slots[k]; s != nil {
		return s
	}
	return m.cold.find(p.keys[k])
}

// probe takes the features in st.hs that the model may have into p,
// finds the hot ones and touches the cold table where the others may
// live. The filter comes first: most features are in neither table.
func (st *tagState) probe(m *Model, p *probed) {
	n := min(len(st.hs), maxFeatures)
	var touched uint32
	kept := 0
	for k, h := range st.hs[:n] {
		p.at[k] = uint8(kept)
		key := featKey(h)
		if !m.filter.mayHave(key) {
			continue
		}
		s := m.hot.find(key)
		p.keys[kept], p.slots[kept] = key, s
		kept++
		if s == nil {
			touched += touch(&m.cold.slots[m.cold.home(key)])
		}
	}
	p.at[n] = uint8(kept)
	p.kept = kept
	st.touched += touched
}

// decode runs Viterbi over each line with pass p's scores and
// transitions.
func (t *Tagger) decode(st *tagState, p int) {
	m := t.m
	off := p * secondRow
	for _, ln := range st.a.lines {
		k := ln.hi - ln.lo
		m.tt[p].viterbi(st.em[ln.lo*rowStride+off:ln.hi*rowStride], k, st.delta[:k*numTags], st.tags[ln.lo:ln.hi])
	}
}

// span is one entity found in a text: a token range and a type index;
// a title span has type -1.
type span struct {
	lo, hi int // tokens lo..hi-1
	typ    int
}

// collect turns st.tags into st.spans: the entities with titles split
// off the front of person names ("Ayatollah Ali Khamenei" is a title and
// "Ali Khamenei"), as CoNLL and the stage want them.
func (t *Tagger) collect(st *tagState, text string) {
	st.spans = st.spans[:0]
	tags, toks := st.tags, st.toks
	for i := 0; i < len(tags); i++ {
		tg := int(tags[i])
		if tg == 0 {
			continue
		}
		ty := tagType(tg)
		j := i
		switch tagPart(tg) {
		case partB:
			for j+1 < len(tags) && int(tags[j+1]) == tagOf(ty, partI) {
				j++
			}
			j++
			if j >= len(tags) || int(tags[j]) != tagOf(ty, partL) {
				i = j - 1
				continue
			}
		case partU:
		default:
			continue
		}
		lo := i
		if ty == typePER {
			for lo < j && isTitle(text[toks[lo].Start:toks[lo].End]) {
				st.spans = append(st.spans, span{lo: lo, hi: lo + 1, typ: -1})
				lo++
			}
		}
		st.spans = append(st.spans, span{lo: lo, hi: j + 1, typ: ty})
		i = j
	}
}

// Find appends the entities of text with their CoNLL types (PER, LOC,
// ORG, MISC) to dst: the tagger alone, without the stage's linking.
func (t *Tagger) Find(text string, dst []conll.Entity) []conll.Entity {
	st := t.pool.Get().(*tagState)
	defer t.pool.Put(st)
	t.run(st, text)
	t.collect(st, text)
	for _, sp := range st.spans {
		if sp.typ >= 0 {
			dst = append(dst, conll.Entity{Start: st.toks[sp.lo].Start, End: st.toks[sp.hi-1].End, Type: typeName(sp.typ)})
		}
	}
	return dst
}

// Tag implements entities.Tagger: PER spans are event.EntityPerson, ORG
// event.EntityOrganization, LOC event.EntityLocation and MISC
// event.EntityMisc; a MISC span the gazetteer knows as a nationality or
// group is event.EntityGroup, and a span the gazetteer knows as an
// organization or a person takes that type ("Kremlin", which CoNLL calls
// a place). Titles before a person's name come as entities.TypeTitle
// spans. paragraphs are not needed: the tagger finds headlines by their
// capitals.
func (t *Tagger) Tag(text string, paragraphs []event.Paragraph, buf []entities.Span) []entities.Span {
	st := t.pool.Get().(*tagState)
	defer t.pool.Put(st)
	t.run(st, text)
	t.collect(st, text)
	for _, sp := range st.spans {
		start, end := st.toks[sp.lo].Start, st.toks[sp.hi-1].End
		typ := entities.TypeTitle
		if sp.typ >= 0 {
			typ = t.eventType(&st.phrases, sp.typ, text[start:end])
		}
		buf = append(buf, entities.Span{Start: start, End: end, Type: typ})
	}
	return buf
}

// eventType maps a CoNLL type index to the event's entity type, letting
// the gazetteer's curated organizations and people and its nationalities
// and groups override the model. It asks the gazetteer through pc.
func (t *Tagger) eventType(pc *phraseCache, ty int, s string) string {
	if t.groups || t.gazTypes {
		if kind, typ, ok := pc.lookup(t.g, s); ok {
			switch kind {
			case gazetteer.KindDemonym, gazetteer.KindGroup:
				if t.groups && ty == typeMISC {
					return event.EntityGroup
				}
			case gazetteer.KindOrganization, gazetteer.KindPerson:
				if t.gazTypes {
					return typ
				}
			}
		}
	}
	switch ty {
	case typePER:
		return event.EntityPerson
	case typeLOC:
		return event.EntityLocation
	case typeORG:
		return event.EntityOrganization
	}
	return event.EntityMisc
}

// isTitle reports whether w is a title or role that CoNLL leaves out of
// a person's name.
func isTitle(w string) bool {
	switch w {
	case "President", "Ayatollah", "Gen.", "General", "Sen.", "Senator", "Rep.", "Gov.", "Governor",
		"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Professor", "Sir", "Sheikh", "Cardinal", "Chancellor",
		"Minister", "Prime", "Judge", "Col.", "Colonel", "Capt.", "Captain", "Lt.", "Sgt.", "Adm.",
		"Admiral", "Rev.", "Imam", "Emir", "Mullah", "Archbishop", "Bishop", "Secretary", "Ambassador",
		"Premier", "Chairman", "Mayor", "Speaker", "Vice", "Deputy", "Supreme", "Leader", "Foreign":
		return true
	}
	return false
}
