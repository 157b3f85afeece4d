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

// record is one claim as a replica holds it: 104 bytes besides its
// strings, which it shares with other records where it can.
type record struct {
	seq     uint64 // the claim's stream sequence number
	at      int64  // the claim's stream timestamp, Unix nanoseconds
	sim     uint64
	content contentKey
	id      string
	// alias is the sequence number of an earlier claim of the same
	// article id in the window, whose result this claim shares; 0 if none.
	alias uint64
	// The claim's result, once the log holds one.
	story, duplicateOf string
	distance           uint8
	exact, resolved    bool
}

// result returns the record's result; resolved must be set.
func (r *record) result() Result {
	return Result{StoryID: r.story, DuplicateOf: r.duplicateOf, Distance: int(r.distance), Exact: r.exact}
}

// state is a replica's copy of the index: the claims of the log's last
// Window messages, and a quarter more for owners still deciding, in log
// order, each with its result once one is in the log, and lookup chains
// by SimHash band, content hash and article id. It is built only from the
// log, in log order, so every replica that applied the same messages
// holds the same claims. Chains refer to claims by sequence number, so the
// ring can grow and forget claims without renumbering anything. It is not
// safe for concurrent use; Index guards it.
type state struct {
	window uint64
	keep   uint64 // claims more than keep messages old are forgotten
	ttl    int64  // nanoseconds
	thresh int
	bands  []band

	// The ring: n claims from slot head on, in increasing sequence order.
	// It grows by doubling up to max slots (every message a claim) and
	// forgets claims from the head as the log moves on.
	recs []record
	// The chains' links, as the distance back in sequence numbers to the
	// previous claim in the chain (0: none); a window is at most
	// MaxWindow messages, so 32 bits hold any link worth following.
	bandNext []uint32 // slot*len(bands)+i: band i's chain
	contNext []uint32 // slot: the content hash's chain
	head, n  int
	max      int

	bandHeads []heads
	content   map[contentKey]uint64 // newest claim with this content
	byID      map[string]uint64     // first claim of each id held

	applied uint64 // the last sequence number applied
	// from is the first sequence number the state was built from: 1 when
	// it holds the log from its beginning, later when it started from a
	// replay of the log's last messages.
	from uint64
}

func newState(cfg Config) *state {
	bs := bands(cfg.Bands)
	keep := cfg.Window + cfg.Window/4
	s := &state{
		window:  uint64(cfg.Window),
		keep:    uint64(keep),
		ttl:     int64(cfg.TTL),
		thresh:  cfg.Threshold,
		bands:   bs,
		max:     keep,
		content: map[contentKey]uint64{},
		byID:    map[string]uint64{},
		from:    1,
	}
	for _, b := range bs {
		s.bandHeads = append(s.bandHeads, newHeads(b.bits))
	}
	return s
}

// heads maps a band value to the newest claim with it (0: none).
type heads interface {
	get(v uint64) uint64
	set(v, seq uint64)
	// drop forgets v if its newest claim is seq.
	drop(v, seq uint64)
}

// newHeads returns an array for bands of up to 20 bits (8 MiB at most)
// and a map for wider ones.
func newHeads(width uint) heads {
	if width <= 20 {
		return make(arrayHeads, 1<<width)
	}
	return mapHeads{}
}

type arrayHeads []uint64

func (a arrayHeads) get(v uint64) uint64 { return a[v] }
func (a arrayHeads) set(v, seq uint64)   { a[v] = seq }
func (a arrayHeads) drop(v, seq uint64) {
	if a[v] == seq {
		a[v] = 0
	}
}

type mapHeads map[uint64]uint64

func (m mapHeads) get(v uint64) uint64 { return m[v] }
func (m mapHeads) set(v, seq uint64)   { m[v] = seq }
func (m mapHeads) drop(v, seq uint64) {
	if m[v] == seq {
		delete(m, v)
	}
}

func (b band) value(sim uint64) uint64 { return sim >> b.shift & (1<<b.bits - 1) }

// startAt makes the state one built from the log's message seq on, as a
// replay that starts there.
func (s *state) startAt(seq uint64) {
	s.applied = seq - 1
	s.from = seq
}

// sees reports whether the state holds every claim that can be a
// candidate of the claim at seq: it was built from the log's beginning,
// or from at least Window messages before seq, and has not forgotten any
// of them yet. Any replica's decision on such a claim is made from a
// subset of what this one sees.
func (s *state) sees(seq uint64) bool {
	return (s.from <= 1 || s.from+s.window <= seq) && s.applied < seq+s.keep-s.window
}

// slot returns the ring slot of the i-th claim held, from the oldest.
func (s *state) slot(i int) int { return (s.head + i) % len(s.recs) }

// addClaim applies a claim at seq. A second claim of an id already held
// becomes an alias of the first and is not indexed: it gets the first
// one's result. It returns the sequence number of a claim it forgot to
// make room, or 0 (when several, the newest: the others were older still).
func (s *state) addClaim(seq uint64, at time.Time, id string, sim uint64, content contentKey) (evicted uint64) {
	s.applied = max(s.applied, seq)
	for s.n > 0 && (s.n == s.max || s.recs[s.head].seq+s.keep < seq) {
		evicted = s.recs[s.head].seq
		s.forgetOldest()
	}
	if s.n == len(s.recs) {
		s.grow()
	}
	alias := s.byID[id]
	slot := s.slot(s.n)
	s.n++
	s.recs[slot] = record{seq: seq, at: at.UnixNano(), sim: sim, content: content, id: id, alias: alias}
	nb := len(s.bands)
	next := s.bandNext[slot*nb : slot*nb+nb]
	if alias != 0 {
		clear(next)
		s.contNext[slot] = 0
		return evicted
	}
	for i, b := range s.bands {
		v := b.value(sim)
		next[i] = link(seq, s.bandHeads[i].get(v))
		s.bandHeads[i].set(v, seq)
	}
	s.contNext[slot] = link(seq, s.content[content])
	s.content[content] = seq
	s.byID[id] = seq
	return evicted
}

// link returns the link from seq back to prev (0: none, or too far back
// to be in any window).
func link(seq, prev uint64) uint32 {
	if prev == 0 || seq-prev > math.MaxUint32 {
		return 0
	}
	return uint32(seq - prev)
}

// back follows a link from seq (0: the chain ends).
func back(seq uint64, l uint32) uint64 {
	if l == 0 || uint64(l) >= seq {
		return 0
	}
	return seq - uint64(l)
}

// grow makes the ring half as large again (up to max slots), oldest claim
// first: a quarter of it is slack on average, against half when doubling.
func (s *state) grow() {
	size := min(max(len(s.recs)+len(s.recs)/2, 1024), s.max)
	nb := len(s.bands)
	recs := make([]record, size)
	bandNext := make([]uint32, size*nb)
	contNext := make([]uint32, size)
	for i := range s.n {
		from := s.slot(i)
		recs[i] = s.recs[from]
		copy(bandNext[i*nb:i*nb+nb], s.bandNext[from*nb:from*nb+nb])
		contNext[i] = s.contNext[from]
	}
	s.recs, s.bandNext, s.contNext, s.head = recs, bandNext, contNext, 0
}

// forgetOldest drops the oldest claim held. Chains that still name it end
// there: a walk stops at a claim it cannot find.
func (s *state) forgetOldest() {
	r := &s.recs[s.head]
	if r.alias == 0 {
		for i, b := range s.bands {
			s.bandHeads[i].drop(b.value(r.sim), r.seq)
		}
		if s.content[r.content] == r.seq {
			delete(s.content, r.content)
		}
		if s.byID[r.id] == r.seq {
			delete(s.byID, r.id)
		}
	}
	*r = record{}
	s.head = (s.head + 1) % len(s.recs)
	s.n--
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
		if d := s.find(s.byID[res.DuplicateOf]); d >= 0 {
			res.DuplicateOf = s.recs[d].id
			if s.recs[d].story == res.StoryID {
				res.StoryID = s.recs[d].story
			}
		}
	}
	r := &s.recs[slot]
	r.story, r.duplicateOf, r.distance, r.exact, r.resolved = res.StoryID, res.DuplicateOf, uint8(min(res.Distance, 64)), res.Exact, true
	return true
}

// noteApplied records a message that is neither a valid claim nor a valid
// result (it is skipped, but it was applied).
func (s *state) noteApplied(seq uint64) { s.applied = max(s.applied, seq) }

// find returns the slot of the claim at seq, or -1 when it is not held.
// Slots hold claims in increasing sequence order from the oldest, so this
// is a binary search.
func (s *state) find(seq uint64) int {
	if seq == 0 || s.n == 0 {
		return -1
	}
	lo, hi := 0, s.n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s.recs[s.slot(mid)].seq < seq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < s.n {
		if slot := s.slot(lo); s.recs[slot].seq == seq {
			return slot
		}
	}
	return -1
}

// candidate is a claim that may be an article's earlier version.
type candidate struct {
	slot     int
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
	r := s.recs[slot]
	floor := uint64(0)
	if r.seq > s.window {
		floor = r.seq - s.window
	}
	oldest := r.at - s.ttl
	nb := len(s.bands)
	// walk follows a chain from its newest claim back to the window's edge
	// or to a claim no longer held; next gives a slot's predecessor.
	walk := func(seq uint64, next func(slot int) uint64, exact bool) {
		for seq >= floor && seq != 0 {
			c := s.find(seq)
			if c < 0 {
				return
			}
			o := &s.recs[c]
			if o.at < oldest {
				return
			}
			if o.seq < r.seq {
				d := bits.OnesCount64(o.sim ^ r.sim)
				x := exact || o.content == r.content
				if x || d <= s.thresh {
					cand := candidate{slot: c, seq: o.seq, distance: d, exact: x}
					if !ok || cand.better(best) {
						best, ok = cand, true
					}
				}
			}
			seq = next(c)
		}
	}
	for i, b := range s.bands {
		walk(s.bandHeads[i].get(b.value(r.sim)), func(c int) uint64 { return back(s.recs[c].seq, s.bandNext[c*nb+i]) }, false)
	}
	walk(s.content[r.content], func(c int) uint64 { return back(s.recs[c].seq, s.contNext[c]) }, true)
	return best, ok
}
