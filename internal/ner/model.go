package ner

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"unsafe"
)

// modelMagic starts a model file; modelVersion changes whenever the
// features or the file layout change, so an old model fails to load
// instead of tagging nonsense.
const (
	modelMagic   = "WSNER"
	modelVersion = 1
)

// Meta describes how a model was made. It travels in the model file.
type Meta struct {
	Created  string `json:"created"`           // training date, YYYY-MM-DD
	Command  string `json:"command,omitempty"` // the train-ner command line
	Seed     uint64 `json:"seed"`
	Epochs1  int    `json:"epochs_pass1"`  // epochs of the first pass
	Epochs2  int    `json:"epochs_pass2"`  // epochs of the second pass
	Features int    `json:"features"`      // features seen in training
	Kept     int    `json:"features_kept"` // features with a weight
	// DevF1 is the micro F1 over the four types on the dev set, of the
	// tagger alone; DevScores has it per type and over PER/LOC/ORG.
	DevF1     float64            `json:"dev_f1"`
	DevScores map[string]float64 `json:"dev_scores,omitempty"`
}

// slot is one entry of the model's open-addressing feature table, 16
// bytes, so that one cache line access finds a feature and, for most
// features, its weights: hdr holds how many weights belong to the first
// pass (bits 0-4) and to the second (bits 5-9); when they fit, e holds
// them, first pass first, else (bit 10 set) e[0] and e[1] hold their
// offset in Model.overflow. A weight is a uint16: in bits 0-5 the index
// in a token's emission row (the tag for the first pass, 32 + the tag
// for the second), in bits 6-15 the quantized weight, signed. Unused
// inline entries have weight zero, each on a column of its own that no
// tag uses, so that all five are added without a branch and without
// queueing behind each other. A hot feature with more weights than fit has
// them in a dense row too (bit 11 set, e[2] and e[3] hold the row's
// index in Model.dense), which is what tagging reads: the weights of the
// 16 tags other than O of both passes, minus the pass's O weight, as 32
// 16-bit lanes of 8 uint64 words, 64 bytes, each lane biased by
// laneBias (see denseAcc). Adding the same number to every tag's score
// of a token changes no Viterbi path, so the O weight need not be added.
type slot struct {
	key uint32
	hdr uint16
	e   [inlineEntries]uint16
}

const (
	inlineEntries = 5
	hdrOverflow   = 1 << 10
	hdrDense      = 1 << 11
	weightMax     = 511 // the largest quantized weight magnitude
	// rowStride is the distance between two tokens' emission rows: the
	// first pass's scores at 0-16, the second's at secondRow+0-16, so that
	// a weight's 6-bit index needs no bounds check.
	rowStride = 64
	secondRow = 32
	padColumn = 20 // first of the inlineEntries columns unused entries add to
	denseRow  = 8  // uint64 words of 4 int16 lanes: 2*(numTags-1) weights
)

// Model is a trained, quantized two-pass tagger model: a feature table
// with the sparse weights of each feature for the first and the second
// pass, and each pass's tag transition scores. A Model is immutable after
// it is built or read and safe for concurrent use.
type Model struct {
	// hot holds the features most frequent in the training data, packed
	// in a table small enough to stay in the core's cache; cold the rest.
	hot, cold table
	// filter tells most features that are in neither table from those
	// that may be in one, without touching either.
	filter   keyFilter
	overflow []uint16 // weights of features with more than inlineEntries
	dense    []uint64 // rows of denseRow words: weights of hot features with more
	nfeat    int
	twoPass  bool
	trans    [2][numTags * numTags]int32
	start    [2][numTags]int32
	end      [2][numTags]int32
	tt       [2]transTable // trans, start and end laid out for decoding
	// second holds the weights of every second-pass feature, which all
	// have few values, summed in the dense row form.
	second *secondRows
	// Meta says how the model was trained.
	Meta Meta
}

// featKey is the table key of a feature hash: never 0, which marks an
// empty slot.
func featKey(h uint64) uint32 { return uint32(h>>32) | 1 }

// table is an open-addressing hash table of slots with linear probing.
type table struct {
	slots []slot
	shift uint32 // 32 - log2(len(slots))
}

// newTable returns a table for n slots filled to at most loadPct percent.
func newTable(n, loadPct int) table {
	size, bits := 64, uint32(6)
	for size*loadPct < n*100 {
		size <<= 1
		bits++
	}
	return table{slots: make([]slot, size), shift: 32 - bits}
}

func (t *table) home(key uint32) uint32 { return (key * 0x9e3779b1) >> t.shift }

func (t *table) find(key uint32) *slot {
	mask := uint32(len(t.slots) - 1)
	for i := t.home(key); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == key {
			return s
		}
		if s.key == 0 {
			return nil
		}
	}
}

func (t *table) insert(s slot) {
	mask := uint32(len(t.slots) - 1)
	i := t.home(s.key)
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

// lookup returns the slot of a feature, or nil when the model does not
// know it.
func (m *Model) lookup(h uint64) *slot {
	key := featKey(h)
	if s := m.hot.find(key); s != nil {
		return s
	}
	if !m.filter.mayHave(key) {
		return nil
	}
	return m.cold.find(key)
}

// keyFilter is a Bloom filter of feature keys, one 64-bit word per key
// (register-blocked): a look-up reads one word, in a table small enough
// to stay in the core's cache, where the cold table does not, and
// without a branch. Most of the features a text has are not in the
// model at all (six in ten of a stream's word pairs: new words and new
// pairs); the filter finds nearly all of them missing before the hot
// table's probe, whose end is a branch the core mispredicts, and
// without a cache miss on the cold table.
type keyFilter struct {
	words []uint64
	shift uint32 // 64 - log2(len(words))
}

// filterBitsPerKey sizes a keyFilter: at least this many bits per key,
// rounded up to a power of two words. With five bits set per key in one
// word, about 1% of absent keys pass (1.24% of the pair features of the
// CoNLL train+dev stream that the model lacks, in 128 KB; 0.15% at 12
// bits a key, in 256 KB, which measured no faster).
const filterBitsPerKey = 11

func newKeyFilter(n int) keyFilter {
	size, bits := 64, uint32(6)
	for size*64 < n*filterBitsPerKey {
		size <<= 1
		bits++
	}
	return keyFilter{words: make([]uint64, size), shift: 64 - bits}
}

// filterHash returns the word index and the bit mask of key. Keys are
// already hash bits, so one multiplication spreads them enough: the
// index comes from the product's high bits, the five bit positions from
// its low 30 (as many keys of a stream pass as with a full mix).
func (f *keyFilter) filterHash(key uint32) (uint64, uint64) {
	h := uint64(key) * 0x9e3779b97f4a7c15
	mask := uint64(1)<<(h&63) | uint64(1)<<(h>>6&63) | uint64(1)<<(h>>12&63) |
		uint64(1)<<(h>>18&63) | uint64(1)<<(h>>24&63)
	return h >> f.shift, mask
}

func (f *keyFilter) add(key uint32) {
	i, mask := f.filterHash(key)
	f.words[i] |= mask
}

// mayHave reports whether key may have been added: false means it was
// not. It is kept small enough to inline into the probe loop.
func (f *keyFilter) mayHave(key uint32) bool {
	i, mask := f.filterHash(key)
	return f.words[i]&mask == mask
}

// weightsOf returns the first- and second-pass weights of a slot.
func (m *Model) weightsOf(s *slot) (a, b []uint16) {
	na, nb := int(s.hdr&31), int(s.hdr>>5&31)
	var e []uint16
	if s.hdr&hdrOverflow == 0 {
		e = s.e[:na+nb]
	} else {
		off := int(s.e[0]) | int(s.e[1])<<16
		e = m.overflow[off : off+na+nb]
	}
	return e[:na], e[na:]
}

// addWeights adds the weights of slot s to a token's emission row.
func (m *Model) addWeights(row *[rowStride]int32, s *slot) {
	if s.hdr&hdrOverflow == 0 {
		// Unrolled and branch-free: unused entries add zero.
		e := &s.e
		row[e[0]&63] += int32(int16(e[0])) >> 6
		row[e[1]&63] += int32(int16(e[1])) >> 6
		row[e[2]&63] += int32(int16(e[2])) >> 6
		row[e[3]&63] += int32(int16(e[3])) >> 6
		row[e[4]&63] += int32(int16(e[4])) >> 6
		return
	}
	off := int(s.e[0]) | int(s.e[1])<<16
	n := int(s.hdr&31) + int(s.hdr>>5&31)
	for _, e := range m.overflow[off : off+n] {
		row[e&63] += int32(int16(e)) >> 6
	}
}

// quantize maps float weights to int16 levels with one scale per pass.
func quantScale(ws *weights) float64 {
	m := 0.0
	for _, v := range ws.w {
		m = max(m, math.Abs(float64(v)))
	}
	for _, v := range ws.trans {
		m = max(m, math.Abs(float64(v)))
	}
	for i := range ws.start {
		m = max(m, math.Abs(float64(ws.start[i])), math.Abs(float64(ws.end[i])))
	}
	if m == 0 {
		return 1
	}
	return m / weightMax
}

// rawFeature is one feature of a model being built: its key and its
// weights per pass.
type rawFeature struct {
	key   uint32
	count int32 // how often the training data has it
	hot   bool
	a, b  []uint16 // weights, as in a slot
}

// hotFeatures is how many features go to the hot table: 8192 features
// in 16384 slots of 16 bytes, 256 KB.
const hotFeatures = 8192

func quant(v float32, scale float64) (int, bool) {
	x := math.Round(float64(v) / scale)
	if x == 0 {
		return 0, false
	}
	return int(max(-weightMax, min(weightMax, x))), true
}

// packWeight packs a row index (a first-pass tag, or secondRow + a
// second-pass tag) and a quantized weight.
func packWeight(idx, w int) uint16 { return uint16(w<<6) | uint16(idx) }

func unpackWeight(e uint16) (idx, w int) { return int(e & 63), int(int16(e) >> 6) }

// buildModel quantizes the float weights into a Model: each pass's
// weights are scaled so that the largest is weightMax and rounded; those
// that round to zero are dropped, and so are features left with none.
func buildModel(fm *featMap, first, second *weights) *Model {
	sa := quantScale(first)
	sb := 1.0
	if second != nil {
		sb = quantScale(second)
	}
	byKey := make(map[uint32]*rawFeature, 1<<17)
	// In hash order, not map order: features that share a key merge
	// their weights in a fixed order, so the file is the same every time.
	hashes := make([]uint64, 0, len(fm.idx))
	for h := range fm.idx {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	for _, h := range hashes {
		f := fm.idx[h]
		var ea, eb []uint16
		collect := func(ws *weights, scale float64, base int, dst []uint16) []uint16 {
			if ws == nil || int(f) >= len(ws.w)/numTags {
				return dst
			}
			row := ws.w[int(f)*numTags : int(f)*numTags+numTags]
			for t, v := range row {
				if q, ok := quant(v, scale); ok {
					dst = append(dst, packWeight(base+t, q))
				}
			}
			return dst
		}
		ea = collect(first, sa, 0, ea)
		eb = collect(second, sb, secondRow, eb)
		if len(ea)+len(eb) == 0 {
			continue
		}
		k := featKey(h)
		rf := byKey[k]
		if rf == nil {
			rf = &rawFeature{key: k}
			byKey[k] = rf
		}
		// Two features with one key (rare): their weights add.
		rf.count += fm.counts[h]
		rf.a = mergeEntries(rf.a, ea)
		rf.b = mergeEntries(rf.b, eb)
	}
	feats := make([]*rawFeature, 0, len(byKey))
	for _, rf := range byKey {
		feats = append(feats, rf)
	}
	// The most frequent features are hot.
	slices.SortFunc(feats, func(x, y *rawFeature) int {
		if c := cmp.Compare(y.count, x.count); c != 0 {
			return c
		}
		return cmp.Compare(x.key, y.key)
	})
	for i := range min(hotFeatures, len(feats)) {
		feats[i].hot = true
	}
	slices.SortFunc(feats, func(x, y *rawFeature) int { return cmp.Compare(x.key, y.key) })
	m := &Model{twoPass: second != nil}
	for p, ws := range []*weights{first, second} {
		if ws == nil {
			continue
		}
		scale := sa
		if p == 1 {
			scale = sb
		}
		for i := range ws.trans {
			m.trans[p][i] = int32(math.Round(float64(ws.trans[i]) / scale))
		}
		for i := range ws.start {
			m.start[p][i] = int32(math.Round(float64(ws.start[i]) / scale))
			m.end[p][i] = int32(math.Round(float64(ws.end[i]) / scale))
		}
	}
	m.fill(feats)
	return m
}

func mergeEntries(dst, src []uint16) []uint16 {
	for _, e := range src {
		t, w := unpackWeight(e)
		found := false
		for i, d := range dst {
			if dt, dw := unpackWeight(d); dt == t {
				dst[i] = packWeight(t, max(-weightMax, min(weightMax, w+dw)))
				found = true
				break
			}
		}
		if !found {
			dst = append(dst, e)
		}
	}
	return dst
}

// fill builds the feature tables from features sorted by key.
func (m *Model) fill(feats []*rawFeature) {
	nh := 0
	for _, f := range feats {
		if f.hot {
			nh++
		}
	}
	// The hot table is half empty, so that the many features not in it
	// are found missing after few probes; the cold table is fuller, to
	// keep it small.
	m.hot, m.cold = newTable(nh, 50), newTable(len(feats)-nh, 70)
	m.filter = newKeyFilter(len(feats))
	for p := range m.tt {
		m.tt[p] = newTransTable(&m.trans[p], &m.start[p], &m.end[p])
	}
	m.nfeat = len(feats)
	m.overflow = m.overflow[:0]
	nd := 0
	for _, f := range feats {
		if f.hot && len(f.a)+len(f.b) > inlineEntries {
			nd++
		}
	}
	// One allocation, which for a model of any size is page-aligned, so
	// every dense row is one cache line.
	m.dense = make([]uint64, 0, nd*denseRow)
	// Hot features first, so that their overflow weights, which are
	// used most, lie together.
	for _, hot := range []bool{true, false} {
		for _, f := range feats {
			if f.hot != hot {
				continue
			}
			s := slot{key: f.key, hdr: uint16(len(f.a)) | uint16(len(f.b))<<5}
			if n := len(f.a) + len(f.b); n <= inlineEntries {
				copy(s.e[:], f.a)
				copy(s.e[len(f.a):], f.b)
				// Unused entries add zero to columns no tag uses, one
				// per position, so that their additions do not queue
				// behind each other.
				for k := n; k < inlineEntries; k++ {
					s.e[k] = packWeight(padColumn+k, 0)
				}
			} else {
				off := len(m.overflow)
				s.hdr |= hdrOverflow
				s.e[0], s.e[1] = uint16(off), uint16(off>>16)
				m.overflow = append(m.overflow, f.a...)
				m.overflow = append(m.overflow, f.b...)
				if hot {
					row := len(m.dense) / denseRow
					s.hdr |= hdrDense
					s.e[2], s.e[3] = uint16(row), uint16(row>>16)
					m.dense = append(m.dense, denseWeights(f.a, f.b)...)
				}
			}
			if hot {
				m.hot.insert(s)
			} else {
				m.cold.insert(s)
			}
			m.filter.add(s.key)
		}
	}
	m.second = m.buildSecondRows()
}

// denseWeights returns the dense row of a feature's weights: for each
// pass, the weights of tags 1-16 minus the weight of O, biased by
// laneBias.
func denseWeights(a, b []uint16) []uint64 {
	var full [2][numTags]int32
	for p, ws := range [2][]uint16{a, b} {
		for _, e := range ws {
			idx, w := unpackWeight(e)
			full[p][idx-p*secondRow] = int32(w)
		}
	}
	var d [denseRow]uint64
	k := 0
	for p := range full {
		for t := 1; t < numTags; t++ {
			d[k/4] |= uint64(uint16(full[p][t]-full[p][0]+laneBias)) << (16 * (k % 4))
			k++
		}
	}
	return d[:]
}

// laneHigh has the sign bit of each 16-bit lane of a word.
const laneHigh = 0x8000_8000_8000_8000

// addLanes adds the four int16 lanes of x and y, each modulo 2^16,
// without carries from one lane into the next.
func addLanes(x, y uint64) uint64 {
	return ((x &^ laneHigh) + (y &^ laneHigh)) ^ ((x ^ y) & laneHigh)
}

// laneBias is added to every weight in a dense row (a feature's weight
// relative to O is the difference of two 10-bit weights, at most 1023 in
// magnitude), so that a lane is never negative: a row that sums k features holds in each lane
// the sum of their weights plus k*laneBias, between 0 and 2*k*laneBias.
// Rows in this form add with a plain uint64 addition, four lanes at a
// time, as long as no lane reaches 2^16: no lane carries into the next.
const laneBias = 1023

// laneBiases returns k*laneBias, modulo 2^16, in each of a word's four
// lanes.
func laneBiases(k int) uint64 { return uint64(uint16(k*laneBias)) * 0x0001_0001_0001_0001 }

// maxDenseSum bounds how many features' rows may be summed in 16-bit
// lanes: each adds at most 2*laneBias to a lane.
const maxDenseSum = (1<<16 - 1) / (2 * laneBias)

// denseAcc sums dense rows for one token in biased 16-bit lanes (see
// laneBias), four weights per addition, and n counts the features
// summed.
type denseAcc struct {
	w [denseRow]uint64
	n int
}

// add adds dense row r, one feature's. The caller flushes first when
// d.n reaches maxDenseSum and the lanes could overflow; without the call
// to flush, add is inlined.
func (d *denseAcc) add(m *Model, r int) {
	x := (*[denseRow]uint64)(m.dense[r*denseRow:])
	for k := range denseRow {
		d.w[k] += x[k]
	}
	d.n++
}

// flushSecond adds the second pass's sums, less their bias, to a
// token's emission row: in the second pass, the first pass's scores are
// no longer read.
func (d *denseAcc) flushSecond(row *[rowStride]int32) {
	bias := int32(d.n * laneBias)
	b := (*[numTags - 1]int32)(row[secondRow+1:])
	for k := range (numTags - 1) / 4 {
		v := d.w[k+(numTags-1)/4]
		b[4*k] += int32(uint16(v)) - bias
		b[4*k+1] += int32(uint16(v>>16)) - bias
		b[4*k+2] += int32(uint16(v>>32)) - bias
		b[4*k+3] += int32(uint16(v>>48)) - bias
	}
}

// setSum sets d, empty, to the sum of six rows in the biased dense row
// form that stand for n features together: a token's word rows in their
// five roles and its shape row. The sums stay in registers, where adding
// one row after the other would add each into memory.
func (d *denseAcc) setSum(a, b, c, e, f, g *laneRow, n int) {
	for k := range denseRow {
		d.w[k] = a[k] + b[k] + c[k] + e[k] + f[k] + g[k]
	}
	d.n = n
}

// A token's word and shape rows add up without a flush.
const _ uint = maxDenseSum - (wordFeatureN + shapeFeatureN)

// flush adds the sums, less their bias, to a token's emission row and
// resets them.
func (d *denseAcc) flush(row *[rowStride]int32) {
	if d.n == 0 {
		return
	}
	bias := int32(d.n * laneBias)
	a := (*[numTags - 1]int32)(row[1:])
	b := (*[numTags - 1]int32)(row[secondRow+1:])
	for k := range (numTags - 1) / 4 {
		w, v := d.w[k], d.w[k+(numTags-1)/4]
		a[4*k] += int32(uint16(w)) - bias
		a[4*k+1] += int32(uint16(w>>16)) - bias
		a[4*k+2] += int32(uint16(w>>32)) - bias
		a[4*k+3] += int32(uint16(w>>48)) - bias
		b[4*k] += int32(uint16(v)) - bias
		b[4*k+1] += int32(uint16(v>>16)) - bias
		b[4*k+2] += int32(uint16(v>>32)) - bias
		b[4*k+3] += int32(uint16(v>>48)) - bias
	}
	*d = denseAcc{}
}

// Features returns the number of features the model keeps.
func (m *Model) Features() int { return m.nfeat }

// MemoryBytes returns the size of the model's tables in memory.
func (m *Model) MemoryBytes() int {
	n := (len(m.hot.slots)+len(m.cold.slots))*16 + len(m.overflow)*2 + len(m.dense)*8 + len(m.filter.words)*8
	if m.second != nil {
		n += int(unsafe.Sizeof(*m.second))
	}
	return n
}

// WriteTo writes the model in its file form: a gzip stream holding the
// magic, the version, the metadata as JSON, the transition scores and
// the features sorted by key with their weights.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, fmt.Errorf("write model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	meta, err := json.Marshal(m.Meta)
	if err != nil {
		return 0, fmt.Errorf("write model: %w", err)
	}
	var hdr []byte
	hdr = append(hdr, modelMagic...)
	hdr = binary.AppendUvarint(hdr, modelVersion)
	hdr = binary.AppendUvarint(hdr, uint64(len(meta)))
	hdr = append(hdr, meta...)
	two := uint64(0)
	if m.twoPass {
		two = 1
	}
	hdr = binary.AppendUvarint(hdr, two)
	for p := range 2 {
		for _, v := range m.trans[p] {
			hdr = binary.AppendVarint(hdr, int64(v))
		}
		for i := range numTags {
			hdr = binary.AppendVarint(hdr, int64(m.start[p][i]))
			hdr = binary.AppendVarint(hdr, int64(m.end[p][i]))
		}
	}
	// Features in key order, as columns: gzip packs columns better.
	fs := make([]*slot, 0, m.nfeat)
	hot := make(map[uint32]bool, len(m.hot.slots)/2)
	for _, t := range []*table{&m.hot, &m.cold} {
		for i := range t.slots {
			if t.slots[i].key != 0 {
				fs = append(fs, &t.slots[i])
				if t == &m.hot {
					hot[t.slots[i].key] = true
				}
			}
		}
	}
	slices.SortFunc(fs, func(a, b *slot) int { return cmp.Compare(a.key, b.key) })
	hdr = binary.AppendUvarint(hdr, uint64(len(fs)))
	prev := uint32(0)
	for _, f := range fs {
		hdr = binary.AppendUvarint(hdr, uint64(f.key-prev))
		prev = f.key
	}
	for _, f := range fs {
		a, b := m.weightsOf(f)
		h := byte(0)
		if hot[f.key] {
			h = 1
		}
		hdr = append(hdr, byte(len(a)), byte(len(b)), h)
	}
	for _, f := range fs {
		a, b := m.weightsOf(f)
		for _, e := range a {
			hdr = append(hdr, byte(e&63))
		}
		for _, e := range b {
			hdr = append(hdr, byte(e&63-secondRow))
		}
	}
	for _, f := range fs {
		a, b := m.weightsOf(f)
		for _, e := range append(a, b...) {
			_, w := unpackWeight(e)
			hdr = binary.LittleEndian.AppendUint16(hdr, uint16(int16(w)))
		}
	}
	if _, err := bw.Write(hdr); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadModel reads a model written by [Model.WriteTo].
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	m, err := parseModel(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	return m, nil
}

var errTruncated = errors.New("truncated")

func parseModel(b []byte) (*Model, error) {
	if !bytes.HasPrefix(b, []byte(modelMagic)) {
		return nil, errors.New("not a model file")
	}
	b = b[len(modelMagic):]
	uv := func() (uint64, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, errTruncated
		}
		b = b[n:]
		return v, nil
	}
	sv := func() (int32, error) {
		v, n := binary.Varint(b)
		if n <= 0 || v < math.MinInt32 || v > math.MaxInt32 {
			return 0, errTruncated
		}
		b = b[n:]
		return int32(v), nil
	}
	ver, err := uv()
	if err != nil {
		return nil, err
	}
	if ver != modelVersion {
		return nil, fmt.Errorf("version %d, want %d", ver, modelVersion)
	}
	ml, err := uv()
	if err != nil || ml > uint64(len(b)) {
		return nil, errTruncated
	}
	m := &Model{}
	if err := json.Unmarshal(b[:ml], &m.Meta); err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	b = b[ml:]
	two, err := uv()
	if err != nil {
		return nil, err
	}
	m.twoPass = two == 1
	for p := range 2 {
		for i := range m.trans[p] {
			if m.trans[p][i], err = sv(); err != nil {
				return nil, err
			}
		}
		for i := range numTags {
			if m.start[p][i], err = sv(); err != nil {
				return nil, err
			}
			if m.end[p][i], err = sv(); err != nil {
				return nil, err
			}
		}
	}
	nf, err := uv()
	if err != nil || nf > uint64(len(b)) {
		return nil, errTruncated
	}
	feats := make([]*rawFeature, nf)
	store := make([]rawFeature, nf)
	key := uint32(0)
	for i := range feats {
		d, err := uv()
		if err != nil || d > math.MaxUint32 || (i > 0 && d == 0) {
			return nil, errTruncated
		}
		key += uint32(d)
		store[i].key = key
		feats[i] = &store[i]
	}
	if uint64(len(b)) < 3*nf {
		return nil, errTruncated
	}
	total := 0
	counts := b[:3*nf]
	b = b[3*nf:]
	for i := range feats {
		na, nb, hot := int(counts[3*i]), int(counts[3*i+1]), counts[3*i+2]
		if na > numTags || nb > numTags || hot > 1 || feats[i].key&1 == 0 {
			return nil, errors.New("bad feature")
		}
		feats[i].hot = hot == 1
		total += na + nb
	}
	if len(b) != 3*total {
		return nil, errTruncated
	}
	tags, ws := b[:total], b[total:]
	all := make([]uint16, total)
	k := 0
	for i := range feats {
		na, nb := int(counts[3*i]), int(counts[3*i+1])
		for j := range na + nb {
			t := int(tags[k])
			w := int16(binary.LittleEndian.Uint16(ws[2*k:]))
			if t >= numTags || w == 0 || w < -weightMax || w > weightMax {
				return nil, errors.New("bad weight")
			}
			if j >= na {
				t += secondRow
			}
			all[k] = packWeight(t, int(w))
			k++
		}
		start := k - na - nb
		feats[i].a = all[start : start+na]
		feats[i].b = all[start+na : k]
	}
	if total >= 1<<31 {
		return nil, errors.New("too many weights")
	}
	m.fill(feats)
	return m, nil
}
