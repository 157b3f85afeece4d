package dedup

import (
	"math"
	"math/bits"
	"time"
)

// contentKey is the first 128 bits of an article's content hash: enough to
// tell texts apart (a collision needs about 2^64 texts) at half the
// memory of the whole hash, in the records and as a map key.
type contentKey [16]byte

// record is one claim as a replica holds it.
type record struct {
	seq     uint64 // the claim's stream sequence number
	at      int64  // the claim's stream timestamp, Unix nanoseconds
	sim     uint64
	content contentKey
	id      string
	// alias is the sequence number of an earlier claim of the same
	// article id in the window, whose result this claim shares; 0 if none.
	alias    uint64
	resolved bool
	res      Result
}

// state is a replica's copy of the index: the claims of the last
// Config.Window log messages in a ring, in log order, each with its result
// once one is in the log, and lookup chains by SimHash band, content hash
// and article id. It is built only from the log, in log order, so every
// replica that applied the same messages holds the same claims. It is not
// safe for concurrent use; Index guards it.
type state struct {
	window uint64
	ttl    int64 // nanoseconds
	thresh int
	bands  []band

	recs []record // the ring; grows up to cap
	cap  int
	next int // slot the next claim goes to
	n    int // claims held

	bandHeads []heads
	bandNext  []int32 // slot*len(bands)+i: the previous slot in band i's chain, or -1
	content   map[contentKey]int32
	contNext  []int32
	byID      map[string]int32 // slot of the first claim of each id held

	applied uint64 // the last sequence number applied
}

func newState(cfg Config) *state {
	bs := bands(cfg.Bands)
	s := &state{
		window: uint64(cfg.Window),
		ttl:    int64(cfg.TTL),
		thresh: cfg.Threshold,
		bands:  bs,
		// A window of W messages holds at most W claims; a quarter more
		// keeps the claims an owner still decides on after the log moved
		// on (see decide).
		cap:     cfg.Window + cfg.Window/4,
		content: map[contentKey]int32{},
		byID:    map[string]int32{},
	}
	for _, b := range bs {
		s.bandHeads = append(s.bandHeads, newHeads(b.bits))
	}
	return s
}

// heads maps a band value to the slot of the newest claim with it.
type heads interface {
	get(v uint64) int32
	set(v uint64, slot int32)
	// drop forgets v if its newest claim is in slot.
	drop(v uint64, slot int32)
}

// newHeads returns an array for bands of up to 20 bits (4 MiB at most)
// and a map for wider ones.
func newHeads(width uint) heads {
	if width <= 20 {
		a := make(arrayHeads, 1<<width)
		for i := range a {
			a[i] = -1
		}
		return a
	}
	return mapHeads{}
}

type arrayHeads []int32

func (a arrayHeads) get(v uint64) int32       { return a[v] }
func (a arrayHeads) set(v uint64, slot int32) { a[v] = slot }
func (a arrayHeads) drop(v uint64, slot int32) {
	if a[v] == slot {
		a[v] = -1
	}
}

type mapHeads map[uint64]int32

func (m mapHeads) get(v uint64) int32 {
	if s, ok := m[v]; ok {
		return s
	}
	return -1
}
func (m mapHeads) set(v uint64, slot int32) { m[v] = slot }
func (m mapHeads) drop(v uint64, slot int32) {
	if m[v] == slot {
		delete(m, v)
	}
}

func (b band) value(sim uint64) uint64 { return sim >> b.shift & (1<<b.bits - 1) }

// addClaim applies a claim at seq. A second claim of an id already held
// becomes an alias of the first and is not indexed: it gets the first
// one's result. It returns the sequence number of the claim it evicted to
// make room, or 0.
func (s *state) addClaim(seq uint64, at time.Time, id string, sim uint64, content contentKey) (evicted uint64) {
	s.applied = max(s.applied, seq)
	var alias uint64
	if slot, ok := s.byID[id]; ok {
		alias = s.recs[slot].seq
	}
	if len(s.recs) < s.cap {
		s.recs = append(s.recs, record{})
		s.bandNext = append(s.bandNext, make([]int32, len(s.bands))...)
		s.contNext = append(s.contNext, -1)
	} else {
		evicted = s.recs[s.next].seq
		s.evict(s.next)
	}
	slot := int32(s.next)
	s.recs[slot] = record{seq: seq, at: at.UnixNano(), sim: sim, content: content, id: id, alias: alias}
	s.next = (s.next + 1) % s.cap
	s.n = min(s.n+1, s.cap)
	nb := len(s.bands)
	if alias != 0 {
		for i := range nb {
			s.bandNext[int(slot)*nb+i] = -1
		}
		s.contNext[slot] = -1
		return evicted
	}
	for i, b := range s.bands {
		v := b.value(sim)
		s.bandNext[int(slot)*nb+i] = s.bandHeads[i].get(v)
		s.bandHeads[i].set(v, slot)
	}
	if prev, ok := s.content[content]; ok {
		s.contNext[slot] = prev
	} else {
		s.contNext[slot] = -1
	}
	s.content[content] = slot
	s.byID[id] = slot
	return evicted
}

// evict forgets the claim in slot before the slot is reused. Chains that
// still point at the slot are cut by the sequence check in chain walks.
func (s *state) evict(slot int) {
	r := &s.recs[slot]
	if r.alias != 0 || r.seq == 0 {
		return
	}
	sl := int32(slot)
	for i, b := range s.bands {
		s.bandHeads[i].drop(b.value(r.sim), sl)
	}
	if s.content[r.content] == sl {
		delete(s.content, r.content)
	}
	if s.byID[r.id] == sl {
		delete(s.byID, r.id)
	}
}

// addResult applies a result for the claim at claim. The first result of a
// claim wins; later ones, and results of claims no longer held, are
// ignored. It reports whether the result was taken.
//
// The result's strings are replaced by equal ones the index already
// holds where it can (the earlier version's id and story), so that a
// window of duplicates does not hold a copy of each.
func (s *state) addResult(seq, claim uint64, res Result) bool {
	s.applied = max(s.applied, seq)
	slot := s.find(claim)
	if slot < 0 || s.recs[slot].resolved || s.recs[slot].alias != 0 {
		return false
	}
	if res.DuplicateOf != "" {
		if d, ok := s.byID[res.DuplicateOf]; ok {
			res.DuplicateOf = s.recs[d].id
			if s.recs[d].res.StoryID == res.StoryID {
				res.StoryID = s.recs[d].res.StoryID
			}
		}
	}
	s.recs[slot].resolved, s.recs[slot].res = true, res
	return true
}

// noteApplied records a message that is neither a valid claim nor a valid
// result (it is skipped, but it was applied).
func (s *state) noteApplied(seq uint64) { s.applied = max(s.applied, seq) }

// find returns the slot of the claim at seq, or -1 when it is not held.
// Slots hold claims in increasing sequence order from the oldest, so this
// is a binary search.
func (s *state) find(seq uint64) int {
	lo, hi := 0, s.n
	oldest := s.next - s.n
	if oldest < 0 {
		oldest += s.cap
	}
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s.recs[(oldest+mid)%s.cap].seq < seq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < s.n {
		slot := (oldest + lo) % s.cap
		if s.recs[slot].seq == seq {
			return slot
		}
	}
	return -1
}

// candidate is a claim that may be an article's earlier version.
type candidate struct {
	slot     int32
	seq      uint64
	distance int
	exact    bool
}

// better reports whether c is a better earlier version than d: an exact
// copy first, then the nearest, then the first in the log.
func (c candidate) better(d candidate) bool {
	if c.exact != d.exact {
		return c.exact
	}
	if c.distance != d.distance {
		return c.distance < d.distance
	}
	return c.seq < d.seq
}

// decide returns the best earlier version of the claim in slot: among the
// claims before it in the log, within Window messages and TTL of it, the
// exact copies and those within Threshold of its SimHash (see
// candidate.better). ok is false when there is none and the claim starts
// a story. The answer depends only on the log, not on how far this
// replica has applied it.
func (s *state) decide(slot int) (best candidate, ok bool) {
	r := &s.recs[slot]
	floor := uint64(0)
	if r.seq > s.window {
		floor = r.seq - s.window
	}
	oldest := r.at - s.ttl
	consider := func(c int32, exact bool) {
		o := &s.recs[c]
		d := bits.OnesCount64(o.sim ^ r.sim)
		exact = exact || o.content == r.content
		if !exact && d > s.thresh {
			return
		}
		cand := candidate{slot: c, seq: o.seq, distance: d, exact: exact}
		if !ok || cand.better(best) {
			best, ok = cand, true
		}
	}
	// walk follows a chain from its newest claim back, stopping at the
	// window's edge and where a reused slot breaks the chain (the sequence
	// numbers stop falling).
	walk := func(start int32, next func(int32) int32, exact bool) {
		last := uint64(math.MaxUint64)
		for c := start; c >= 0; c = next(c) {
			o := &s.recs[c]
			if o.seq >= last || o.seq < floor || o.at < oldest {
				return
			}
			last = o.seq
			if o.seq < r.seq {
				consider(c, exact)
			}
		}
	}
	nb := len(s.bands)
	for i, b := range s.bands {
		walk(s.bandHeads[i].get(b.value(r.sim)), func(c int32) int32 { return s.bandNext[int(c)*nb+i] }, false)
	}
	if h, found := s.content[r.content]; found {
		walk(h, func(c int32) int32 { return s.contNext[c] }, true)
	}
	return best, ok
}
