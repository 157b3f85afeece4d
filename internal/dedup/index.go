package dedup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

// StageName is the name of the dedup stage, as returned by [Index.Name].
const StageName = "dedup"

// resultGrace is how long a replica waits for the owner of an earlier claim
// to record that claim's result before it records the result itself (the
// owner may have crashed between its claim and its result). Either way the
// first result in the log is the one every replica uses.
const resultGrace = 2 * time.Second

// appender appends messages to the log: the JetStream stream
// ([EnsureStream]) in production, an in-memory log in tests. A message
// whose msgID is already in the log is not added again; its first copy's
// sequence number is returned with dup set.
//
// record appends a message without waiting for (or asking for) the
// server's acknowledgement: for a result whose content no replica can
// decide otherwise, so that its loss costs a wait, never a disagreement.
type appender interface {
	append(ctx context.Context, kind, msgID string, data []byte) (seq uint64, dup bool, err error)
	record(kind, msgID string, data []byte) error
}

// Article is what the index knows of an article.
type Article struct {
	// ID is the article's stable id (event.Event.ArticleID).
	ID string
	// ContentHash is the 64 hex digits of event.Fingerprint.ContentHash.
	ContentHash string
	// SimHash is the parsed event.Fingerprint.SimHash.
	SimHash uint64
}

func (a Article) validate() error {
	if a.ID == "" {
		return fmt.Errorf("%w: empty article id", ErrBadArticle)
	}
	if len(a.ID) > MaxIDBytes {
		return fmt.Errorf("%w: article id of %d bytes, over %d", ErrBadArticle, len(a.ID), MaxIDBytes)
	}
	if len(a.ContentHash) != 2*sha256.Size {
		return fmt.Errorf("%w: content hash %q is not 64 hex digits", ErrBadArticle, a.ContentHash)
	}
	if _, err := hex.DecodeString(a.ContentHash); err != nil {
		return fmt.Errorf("%w: content hash %q is not 64 hex digits", ErrBadArticle, a.ContentHash)
	}
	return nil
}

// Result is the dedup stage's verdict on one article, the story fields of
// event.Fingerprint.
type Result struct {
	// StoryID is the story the article belongs to: its earlier version's
	// StoryID, or [NewStoryID] of its own content hash for a new story.
	StoryID string
	// DuplicateOf is the ArticleID of the earlier version, or "".
	DuplicateOf string
	// Distance is the Hamming distance to DuplicateOf's SimHash.
	Distance int
	// Exact is true when the text is byte-identical to DuplicateOf's.
	Exact bool
}

// band is one slice of the SimHash used as a lookup key.
type band struct {
	shift, bits uint
}

// bands cuts 64 bits into n bands, the first 64 mod n one bit wider.
func bands(n int) []band {
	out := make([]band, n)
	shift := uint(0)
	for i := range out {
		w := uint(64 / n)
		if i < 64%n {
			w++
		}
		out[i] = band{shift: shift, bits: w}
		shift += w
	}
	return out
}

// Index is the near-duplicate index shared by all worker replicas through
// a JetStream log stream, and the dedup stage. Each Index holds a copy of
// the log's last Config.Window messages, kept current by a consumer that
// [Open] starts and [Index.Close] stops. It is safe for concurrent use.
// See the package documentation for the protocol.
type Index struct {
	log   appender
	cfg   Config
	grace time.Duration

	mu       sync.Mutex
	st       *state
	waiters  []waiter // Link calls waiting for the log to reach a point
	closed   bool
	closeErr error // why the feed stopped, once closed

	follower *follower // the feed of an Index opened on a stream; nil for one fed by hand
	// feed is the generation of the log's consumer whose messages apply
	// (see follower); messages of an older one are ignored. Guarded by mu.
	feed int
	once sync.Once

	// Counters for [Index.Stats], guarded by mu.
	pending  uint64 // log messages not yet delivered, as of the last one
	orphans  uint64
	skipped  uint64
	restarts uint64
}

// Stats is a snapshot of an index's state, for metrics.
type Stats struct {
	// Held is the number of claims held in the window.
	Held int
	// Pending is the number of log messages this replica has not applied
	// yet, as the last delivered message reported (the replay or lag).
	Pending uint64
	// OrphanResults counts results this replica recorded for another
	// replica's claim, after waiting for its owner in vain.
	OrphanResults uint64
	// Skipped counts log messages skipped because they did not parse.
	Skipped uint64
	// Restarts counts the times the log went back (its stream made anew)
	// and the index was cleared.
	Restarts uint64
}

// Stats returns a snapshot of the index's state.
func (x *Index) Stats() Stats {
	x.mu.Lock()
	defer x.mu.Unlock()
	return Stats{Held: x.st.n, Pending: x.pending, OrphanResults: x.orphans, Skipped: x.skipped, Restarts: x.restarts}
}

// waiter is a goroutine waiting until the log has been applied up to seq
// (claim 0) or until the claim at claim has a result.
type waiter struct {
	seq, claim uint64
	ch         chan struct{}
}

var _ extract.Stage = (*Index)(nil)

func newIndex(log appender, cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Index{log: log, cfg: cfg, grace: resultGrace, st: newState(cfg)}, nil
}

// WaitsOnService marks the stage as an [extract.ServiceStage]: its time
// goes to log round trips, so an overrun is the server's, not the article's.
func (x *Index) WaitsOnService() {}

// Name returns [StageName].
func (x *Index) Name() string { return StageName }

// Close stops the index's consumer of the log; Link calls waiting on it
// fail. It is idempotent and returns nil.
func (x *Index) Close() error {
	x.shut(errClosed)
	return nil
}

var errClosed = errors.New("dedup: index closed")

// shut marks the index closed with err and wakes every waiter.
func (x *Index) shut(err error) {
	x.once.Do(func() {
		if x.follower != nil {
			x.follower.stop()
		}
		x.mu.Lock()
		x.closed, x.closeErr = true, err
		for _, w := range x.waiters {
			close(w.ch)
		}
		x.waiters = nil
		x.mu.Unlock()
	})
}

// Process links doc's article to its earlier version through [Index.Link]
// and fills the story fields of doc.Event.Fingerprint: StoryID,
// DuplicateOf, Distance and Exact. The fingerprint stage must have run
// before ([ErrNoFingerprint] otherwise). Every error is transient for the
// worker (see the package's errors); doc is untouched when Process fails.
func (x *Index) Process(ctx context.Context, doc *extract.Document) error {
	fp := doc.Event.Fingerprint
	if fp == nil {
		return ErrNoFingerprint
	}
	sim, err := fingerprint.ParseSimHash(fp.SimHash)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadArticle, err)
	}
	res, err := x.Link(ctx, Article{ID: doc.Event.ArticleID, ContentHash: fp.ContentHash, SimHash: sim})
	if err != nil {
		return err
	}
	fp.StoryID, fp.DuplicateOf, fp.Distance, fp.Exact = res.StoryID, res.DuplicateOf, res.Distance, res.Exact
	return nil
}

// Link finds a's earlier version, records a in the log and returns the
// result: the first result recorded in the log for a's claim, which every
// replica uses. It is idempotent: an article id claimed before within the
// window gets its first claim's result (a redelivery, or the same id
// re-sent with other text). Its log traffic and waits are bounded by
// Config.Timeout and by ctx.
func (x *Index) Link(ctx context.Context, a Article) (Result, error) {
	if err := a.validate(); err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, x.cfg.Timeout)
	defer cancel()
	body, err := encodeClaim(a)
	if err != nil {
		return Result{}, fmt.Errorf("dedup: encode claim of %s: %w", a.ID, err)
	}
	msgID := claimID(a.ID)
	seq, dup, err := x.log.append(ctx, kindClaim, msgID, body)
	if err != nil {
		return Result{}, fmt.Errorf("dedup: claim article %s: %w", a.ID, err)
	}
	if err := x.wait(ctx, waiter{seq: seq}); err != nil {
		return Result{}, fmt.Errorf("dedup: article %s: wait for the log to reach its claim %d: %w", a.ID, seq, err)
	}
	if dup && !x.holds(seq) {
		// The server still remembers the first claim, but it has left the
		// window (or precedes this replica's replay): claim anew, as an
		// article first seen now. The id names the forgotten claim, so a
		// concurrent copy doing the same adds one claim, not two.
		first := seq
		if seq, _, err = x.log.append(ctx, kindClaim, msgID+"."+strconv.FormatUint(first, 10), body); err != nil {
			return Result{}, fmt.Errorf("dedup: claim article %s again: %w", a.ID, err)
		}
		if err := x.wait(ctx, waiter{seq: seq}); err != nil {
			return Result{}, fmt.Errorf("dedup: article %s: wait for the log to reach its claim %d: %w", a.ID, seq, err)
		}
	}
	res, err := x.resolve(ctx, seq, 0)
	if err != nil {
		return Result{}, fmt.Errorf("dedup: article %s: %w", a.ID, err)
	}
	return res, nil
}

// resolve returns the result of the claim at seq, which the log has
// reached. If the log holds none yet, it waits up to grace for one, then
// decides the claim itself, records the result and returns the first
// result recorded for the claim (its own, or a faster replica's).
func (x *Index) resolve(ctx context.Context, seq uint64, grace time.Duration) (Result, error) {
	x.mu.Lock()
	slot := x.st.find(seq)
	if slot >= 0 && x.st.recs[slot].alias != 0 {
		seq = x.st.recs[slot].alias
		slot = x.st.find(seq)
	}
	if slot < 0 {
		x.mu.Unlock()
		return Result{}, fmt.Errorf("%w: claim %d is no longer held", ErrWindow, seq)
	}
	if r := &x.st.recs[slot]; r.resolved {
		res := r.result()
		x.mu.Unlock()
		return res, nil
	}
	x.mu.Unlock()

	if grace > 0 {
		gctx, cancel := context.WithTimeout(ctx, grace)
		err := x.wait(gctx, waiter{claim: seq})
		cancel()
		if err == nil || ctx.Err() != nil || errors.Is(err, errClosed) {
			return x.recorded(ctx, seq, err)
		}
	}

	x.mu.Lock()
	slot = x.st.find(seq)
	if slot < 0 {
		x.mu.Unlock()
		return Result{}, fmt.Errorf("%w: claim %d is no longer held", ErrWindow, seq)
	}
	r := &x.st.recs[slot]
	if r.resolved {
		res := r.result()
		x.mu.Unlock()
		return res, nil
	}
	best, found := x.st.decide(slot)
	var dupID string
	if found {
		dupID = x.st.recs[best.slot].id
	}
	own := Result{StoryID: NewStoryID(hex.EncodeToString(r.content[:8]))}
	sure := !found && grace == 0 && x.st.sees(seq)
	x.mu.Unlock()

	if found {
		earlier, err := x.resolve(ctx, best.seq, x.grace)
		if err != nil {
			return Result{}, fmt.Errorf("result of its earlier version %s: %w", dupID, err)
		}
		own = Result{StoryID: earlier.StoryID, DuplicateOf: dupID, Distance: best.distance, Exact: best.exact}
	}
	body, err := encodeResult(seq, own)
	if err != nil {
		return Result{}, fmt.Errorf("encode result of claim %d: %w", seq, err)
	}
	if sure {
		// A new story decided on the whole window: every replica that
		// decides this claim sees a subset of its candidates, none, so any
		// result recorded for it says the same. Record it without waiting
		// for the server; if it is lost, a replica that needs it decides
		// the claim itself after the grace period, with the same answer.
		// A record that fails (the connection is closed or its reconnect
		// buffer full) falls back to the acknowledged append below.
		if x.log.record(kindResult, resultID(seq), body) == nil {
			return own, nil
		}
	}
	_, dup, err := x.log.append(ctx, kindResult, resultID(seq), body)
	if err != nil {
		return Result{}, fmt.Errorf("record result of claim %d: %w", seq, err)
	}
	if dup {
		// Another replica recorded this claim's result first: use it.
		return x.recorded(ctx, seq, x.wait(ctx, waiter{claim: seq}))
	}
	if grace > 0 {
		x.mu.Lock()
		x.orphans++
		x.mu.Unlock()
	}
	// Not a duplicate: no result of this claim was appended within the
	// stream's duplicate window, and one appended before it would have
	// been applied before the claim's own wait, so this one is the first
	// and every replica will use it. No need to wait for it to come back.
	return own, nil
}

// holds reports whether the claim at seq is in this replica's window.
func (x *Index) holds(seq uint64) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.st.find(seq) >= 0
}

// recorded returns the result the log holds for the claim at seq, once
// wait (waitErr) said there is one.
func (x *Index) recorded(ctx context.Context, seq uint64, waitErr error) (Result, error) {
	if waitErr != nil {
		return Result{}, fmt.Errorf("wait for the result of claim %d: %w", seq, waitErr)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if slot := x.st.find(seq); slot >= 0 && x.st.recs[slot].resolved {
		return x.st.recs[slot].result(), nil
	}
	return Result{}, fmt.Errorf("%w: claim %d is no longer held", ErrWindow, seq)
}

// wait blocks until w's condition holds (the log applied up to w.seq, or
// the claim w.claim has a result), ctx ends or the index closes.
func (x *Index) wait(ctx context.Context, w waiter) error {
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		return x.closeErr
	}
	if x.ready(w) {
		x.mu.Unlock()
		return nil
	}
	w.ch = make(chan struct{})
	x.waiters = append(x.waiters, w)
	x.mu.Unlock()
	select {
	case <-w.ch:
		x.mu.Lock()
		defer x.mu.Unlock()
		if x.closed && !x.ready(w) {
			return x.closeErr
		}
		return nil
	case <-ctx.Done():
		x.mu.Lock()
		for i, o := range x.waiters {
			if o.ch == w.ch {
				x.waiters = append(x.waiters[:i], x.waiters[i+1:]...)
				break
			}
		}
		x.mu.Unlock()
		return ctx.Err()
	}
}

// waitsForLog reports whether a Link call waits for the log to reach a
// message this replica has not applied; x.mu must be held.
func (x *Index) waitsForLog() bool {
	for _, w := range x.waiters {
		if w.claim == 0 && w.seq > x.st.applied {
			return true
		}
	}
	return false
}

// ready reports whether w's condition holds; x.mu must be held.
func (x *Index) ready(w waiter) bool {
	if w.claim == 0 {
		return x.st.applied >= w.seq
	}
	slot := x.st.find(w.claim)
	// A claim no longer held will never get a result here: wake the
	// waiter so that it reports ErrWindow.
	return slot < 0 || x.st.recs[slot].resolved
}

// apply applies one log message, in log order, and wakes the waiters it
// satisfies. A message that does not parse is skipped (and reported):
// the log is written only by this package, so it is a bug or an
// operator's hand, and skipping it is what every replica does alike.
func (x *Index) apply(seq uint64, at time.Time, kind string, data []byte) error {
	return x.applyFeed(-1, seq, at, kind, data)
}

// applyFeed is apply for a message delivered by the consumer of
// generation feed: it is ignored unless that is the current one (x.feed).
// A feed of -1 applies whatever the generation (an Index fed by hand).
func (x *Index) applyFeed(feed int, seq uint64, at time.Time, kind string, data []byte) error {
	// Parse before taking the lock: Link calls wait on it.
	var (
		bad     error
		id      string
		sim     uint64
		content contentKey
		claim   uint64
		res     Result
	)
	switch kind {
	case kindClaim:
		id, sim, content, bad = decodeClaim(data)
	case kindResult:
		claim, res, bad = decodeResult(data)
	default:
		bad = fmt.Errorf("unknown message kind %q", kind)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if feed >= 0 && feed != x.feed {
		return nil // a consumer the follower has replaced
	}
	var restarted error
	if seq <= x.st.applied {
		// The log went back: its stream was deleted and made again under
		// a running replica (the consumer never repeats a message). What
		// the replica holds belongs to the old log; drop it, and let
		// Link calls waiting on old sequence numbers time out and retry.
		restarted = fmt.Errorf("dedup: log restarted at message %d after %d: index cleared", seq, x.st.applied)
		x.st = newState(x.cfg)
		x.st.startAt(seq)
		x.restarts++
	}
	// changed is the one claim whose waiters this message can wake: the
	// claim it resolved, or the one it evicted (ErrWindow for them).
	var changed uint64
	switch {
	case bad != nil:
		x.st.noteApplied(seq)
		x.skipped++
	case kind == kindClaim:
		changed = x.st.addClaim(seq, at, id, sim, content)
	default:
		if x.st.addResult(seq, claim, res) {
			changed = claim
		}
	}
	if len(x.waiters) > 0 {
		keep := x.waiters[:0]
		for _, w := range x.waiters {
			if w.claim == 0 && x.st.applied >= w.seq || w.claim != 0 && w.claim == changed && x.ready(w) {
				close(w.ch)
			} else {
				keep = append(keep, w)
			}
		}
		clear(x.waiters[len(keep):])
		x.waiters = keep
	}
	if bad != nil {
		return errors.Join(restarted, fmt.Errorf("dedup: log message %d skipped: %w", seq, bad))
	}
	return restarted
}

// NewStoryID returns the StoryID of a story whose first version has the
// given content hash: "s-" and the hash's first 16 hex digits.
func NewStoryID(contentHash string) string {
	return "s-" + contentHash[:min(16, len(contentHash))]
}
