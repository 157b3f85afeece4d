package dedup

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

// TestLaterClaimWaitsForEarlierResult forces the race of two replicas:
// A claims its article, then B claims a near duplicate before A has
// recorded its result. B is later in the log, so it must wait for A's
// result and join A's story; A must not see B.
func TestLaterClaimWaitsForEarlierResult(t *testing.T) {
	ts := texts(t, 1)
	l := newMemLog()
	xa, xb := l.index(t, DefaultConfig()), l.index(t, DefaultConfig())
	xb.grace = 10 * time.Second // B must wait for A, not record A's result itself
	aClaimed, release := make(chan struct{}), make(chan struct{})
	l.hook = func(_ context.Context, kind, msgID string) error {
		if kind == kindResult && msgID == resultID(1) {
			close(aClaimed)
			<-release // A holds its result back until B has claimed
		}
		return nil
	}
	var ra, rb Result
	var errA, errB error
	var wg sync.WaitGroup
	wg.Go(func() { ra, errA = xa.Link(t.Context(), article(t, "a", ts[0])) })
	<-aClaimed
	wg.Go(func() { rb, errB = xb.Link(t.Context(), article(t, "b", edit(t, ts[0], 0))) })
	waitFor(t, func() bool { return xb.appliedAt() >= 2 })
	close(release)
	wg.Wait()
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if ra.DuplicateOf != "" || rb.DuplicateOf != "a" {
		t.Errorf("a = %+v, b = %+v; want a a new story and b its duplicate", ra, rb)
	}
	checkOneStory(t, ra, rb)
}

// TestNewStoryResultIsNotAwaited: the owner of a claim that starts a
// story, decided on the whole window, records its result without waiting
// for the server's acknowledgement; a duplicate's result, and a new
// story decided by a replica that has not yet seen a whole window, wait
// for it (another replica might record a different result first).
func TestNewStoryResultIsNotAwaited(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Window = MinWindow
	ts := texts(t, 3)
	l := newMemLog()
	x := l.index(t, cfg)
	link := func(x *Index, id, text string) Result {
		t.Helper()
		res, err := x.Link(t.Context(), article(t, id, text))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	records := func() int {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.records
	}
	a := link(x, "a", ts[0])
	if records() != 1 || a.DuplicateOf != "" {
		t.Fatalf("new story %+v with %d unacknowledged records, want 1", a, records())
	}
	if b := link(x, "b", edit(t, ts[0], 0)); records() != 1 || b.DuplicateOf != "a" {
		t.Fatalf("duplicate %+v with %d unacknowledged records, want still 1", b, records())
	}
	// A replica that replays from the log's 3rd message has not seen a
	// whole window before the next claims.
	late := l.indexFrom(t, cfg, 3)
	if c := link(late, "c", ts[1]); records() != 1 || c.DuplicateOf != "" {
		t.Fatalf("new story %+v on a partial window with %d unacknowledged records, want still 1", c, records())
	}
	// The result recorded without acknowledgement is in the log, and a
	// redelivery gets it.
	x.mu.Lock()
	slot := x.st.find(1)
	recorded := slot >= 0 && x.st.recs[slot].resolved && x.st.recs[slot].result() == a
	x.mu.Unlock()
	if !recorded {
		t.Errorf("claim of a has no result %+v in the log", a)
	}
	if again := link(x, "a", ts[0]); again != a {
		t.Errorf("redelivery of a = %+v, want %+v", again, a)
	}
	// Once the log has moved a whole window past where the replica
	// started, it decides new stories on the whole window too.
	for i := range int(cfg.Window) / 2 {
		link(late, fmt.Sprint("f", i), fmt.Sprint("filler ", i))
	}
	before := records()
	if d := link(late, "d", ts[2]); records() != before+1 || d.DuplicateOf != "" {
		t.Errorf("new story %+v after a whole window: %d unacknowledged records, want %d", d, records(), before+1)
	}
}

// TestOrphanClaimIsResolvedByTheNextReplica: a replica claimed an article
// and died before recording its result. The next near duplicate waits the
// grace period, records the orphan's result itself and joins its story; a
// redelivery of the orphan then gets that recorded result.
func TestOrphanClaimIsResolvedByTheNextReplica(t *testing.T) {
	ts := texts(t, 1)
	x, l := newMemIndex(t, DefaultConfig())
	orphan := article(t, "orphan", ts[0])
	body, err := encodeClaim(orphan)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.append(t.Context(), kindClaim, claimID(orphan.ID), body); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := x.Link(t.Context(), article(t, "next", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	if res.DuplicateOf != "orphan" || !res.Exact || res.StoryID != NewStoryID(orphan.ContentHash) {
		t.Errorf("next = %+v, want an exact duplicate of the orphan in its story", res)
	}
	if d := time.Since(start); d < x.grace {
		t.Errorf("next did not wait the grace period (%s < %s) for the orphan's owner", d, x.grace)
	}
	if st := x.Stats(); st.OrphanResults != 1 || st.Held != 2 {
		t.Errorf("stats %+v, want 1 orphan result and 2 claims held", st)
	}
	again, err := x.Link(t.Context(), orphan)
	if err != nil || again != (Result{StoryID: NewStoryID(orphan.ContentHash)}) {
		t.Errorf("redelivered orphan = %+v, %v; want the recorded new story", again, err)
	}
}

// TestFirstResultWins: when two results of one claim reach the log (two
// replicas resolving an orphan, or a hand), every replica uses the first.
func TestFirstResultWins(t *testing.T) {
	ts := texts(t, 1)
	l := newMemLog()
	a := article(t, "a", ts[0])
	body, err := encodeClaim(a)
	if err != nil {
		t.Fatal(err)
	}
	claim := l.raw(t, kindClaim, body)
	first := Result{StoryID: "s-first"}
	l.raw(t, kindResult, mustResult(t, claim, first))
	l.raw(t, kindResult, mustResult(t, claim, Result{StoryID: "s-second"}))
	for _, x := range []*Index{l.index(t, DefaultConfig()), l.index(t, DefaultConfig())} {
		got, err := x.Link(t.Context(), a)
		if err != nil || got != first {
			t.Errorf("Link = %+v, %v; want the first recorded result %+v", got, err, first)
		}
	}
}

// TestReplicaReplayingTheLogAgrees: an Index built later from the same log
// holds the same results and decides the next article the same way.
func TestReplicaReplayingTheLogAgrees(t *testing.T) {
	c := corpus(t, 4, 300, 0.3)
	arts := fingerprinted(t, c, fingerprint.DefaultShingleSize)
	l := newMemLog()
	early := l.index(t, DefaultConfig())
	for _, a := range arts[:250] {
		if _, err := early.Link(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	late := l.index(t, DefaultConfig())
	links := 0
	for i, a := range arts[250:] {
		x := early
		if i%2 == 1 {
			x = late
		}
		res, err := x.Link(t.Context(), a)
		if err != nil {
			t.Fatal(err)
		}
		if res.DuplicateOf != "" {
			links++
		}
	}
	if links == 0 {
		t.Fatal("no link among the last 50 articles: the test shows nothing")
	}
	for _, a := range arts {
		re, err1 := early.Link(t.Context(), a)
		rl, err2 := late.Link(t.Context(), a)
		if err1 != nil || err2 != nil || re != rl {
			t.Errorf("%s: early %+v (%v), late %+v (%v)", a.ID, re, err1, rl, err2)
		}
	}
}

func TestEntriesExpireAfterTTL(t *testing.T) {
	ts := texts(t, 1)
	cfg := DefaultConfig()
	x, l := newMemIndex(t, cfg)
	if _, err := x.Link(t.Context(), article(t, "old", ts[0])); err != nil {
		t.Fatal(err)
	}
	l.clock.Advance(cfg.TTL + time.Second)
	res, err := x.Link(t.Context(), article(t, "new", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	if res.DuplicateOf != "" {
		t.Errorf("re-send after the TTL linked to %q, want a new story", res.DuplicateOf)
	}
}

// TestWindowBoundsMemoryAndReach links more articles than the window
// holds: the ring stops growing, and an exact copy of an article older
// than the window starts a new story while one inside it is linked.
func TestWindowBoundsMemoryAndReach(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Window = MinWindow
	x, _ := newMemIndex(t, cfg)
	link := func(id string, sim uint64, content string) Result {
		t.Helper()
		res, err := x.Link(t.Context(), Article{ID: id, ContentHash: fingerprint.ContentHash(content), SimHash: sim})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	var golden uint64 = 0x9e3779b97f4a7c15 // spreads the fillers' SimHashes
	link("first", 0x1111_2222_3333_4444, "first")
	// Two messages an article: 600 articles take 1,200 messages, past the
	// window of 1,000, while the ring holds 1,250 claims.
	for i := range 600 {
		link(fmt.Sprint("filler-", i), uint64(i)*golden, fmt.Sprint("filler ", i))
	}
	if got := link("copy-of-first", 0x1111_2222_3333_4444, "first"); got.DuplicateOf != "" {
		t.Errorf("copy of an article beyond the window = %+v, want a new story", got)
	}
	if got := link("copy-of-filler", uint64(599)*golden, "filler 599"); got.DuplicateOf != "filler-599" || !got.Exact {
		t.Errorf("copy of a recent article = %+v, want an exact duplicate of filler-599", got)
	}
	for i := range 2000 {
		link(fmt.Sprint("more-", i), uint64(i+1000)*golden, fmt.Sprint("more ", i))
	}
	x.mu.Lock()
	held, ring, ids, contents := x.st.n, len(x.st.recs), len(x.st.byID), len(x.st.content)
	x.mu.Unlock()
	// Two messages an article: the last 1,250 messages hold 625 claims.
	if held > 626 || ring > 1024 || ids > held || contents > held {
		t.Errorf("%d claims held in a ring of %d, %d ids, %d content hashes; want at most 626 in 1024", held, ring, ids, contents)
	}
}

func TestLogErrorsAreTransient(t *testing.T) {
	boom := errors.New("boom")
	for _, failing := range []string{kindClaim, kindResult} {
		t.Run(failing, func(t *testing.T) {
			x, l := newMemIndex(t, DefaultConfig())
			l.hook = func(_ context.Context, kind, _ string) error {
				if kind == failing {
					return boom
				}
				return nil
			}
			doc := document(t, "a", texts(t, 1)[0])
			err := x.Process(t.Context(), doc)
			if !errors.Is(err, boom) || errors.Is(err, extract.ErrBadInput) {
				t.Errorf("Process = %v, want the log error, not bad input", err)
			}
			if doc.Event.Fingerprint.StoryID != "" {
				t.Error("StoryID set although Process failed")
			}
			// Once the log works again the article goes through, and a
			// claim left without a result is taken up.
			l.hook = nil
			if err := x.Process(t.Context(), doc); err != nil || doc.Event.Fingerprint.StoryID == "" {
				t.Errorf("retry = %v, story %q", err, doc.Event.Fingerprint.StoryID)
			}
		})
	}
}

func TestTimeoutRespectsContext(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Timeout = 200 * time.Millisecond
	x, l := newMemIndex(t, cfg)
	l.hook = func(ctx context.Context, _, _ string) error {
		<-ctx.Done()
		return ctx.Err()
	}
	start := time.Now()
	_, err := x.Link(t.Context(), article(t, "a", texts(t, 1)[0]))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Link = %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Link took %s with a 200ms timeout", d)
	}
}

// TestBadLogMessagesAreSkipped: a message this package did not write is
// skipped by every replica alike, and does not stall the waiters.
func TestBadLogMessagesAreSkipped(t *testing.T) {
	x, l := newMemIndex(t, DefaultConfig())
	for _, m := range []struct{ kind, body string }{
		{kindClaim, "{not json"},
		{kindClaim, `{"a":"x","h":"zz","c":"00"}`},
		{kindResult, `{"q":0,"s":""}`},
		{"other", `{}`},
	} {
		l.raw(t, m.kind, []byte(m.body))
	}
	if l.skips != 4 || x.Stats().Skipped != 4 {
		t.Errorf("%d messages skipped (stats: %d), want 4", l.skips, x.Stats().Skipped)
	}
	if _, err := x.Link(t.Context(), article(t, "a", texts(t, 1)[0])); err != nil {
		t.Errorf("Link after bad messages: %v", err)
	}
}

// TestDuplicateClaimOutsideTheWindow: the server remembers a claim id
// (its duplicate window) whose claim this replica no longer holds; the
// article is claimed anew instead of failing.
func TestDuplicateClaimOutsideTheWindow(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Window = MinWindow
	x, _ := newMemIndex(t, cfg)
	a := article(t, "a", texts(t, 1)[0])
	if _, err := x.Link(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	for i := range 800 {
		if _, err := x.Link(t.Context(), Article{ID: fmt.Sprint("f", i), ContentHash: fingerprint.ContentHash(fmt.Sprint(i)), SimHash: uint64(i) * 0x9e3779b97f4a7c15}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := x.Link(t.Context(), a)
	if err != nil || res.StoryID != NewStoryID(a.ContentHash) {
		t.Errorf("redelivery long after = %+v, %v; want a new story", res, err)
	}
}

func TestCloseWakesWaiters(t *testing.T) {
	x, l := newMemIndex(t, DefaultConfig())
	l.hook = func(ctx context.Context, kind, _ string) error {
		if kind == kindClaim {
			_ = x.Close() // the index closes while the article is in flight
		}
		return nil
	}
	_, err := x.Link(t.Context(), article(t, "a", texts(t, 1)[0]))
	if !errors.Is(err, errClosed) {
		t.Errorf("Link across Close = %v, want errClosed", err)
	}
}

func TestStateFindAcrossTheRingsWrap(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Window = MinWindow // keeps the claims of the last 1,250 messages
	s := newState(cfg)
	add := func(seq uint64) {
		var content contentKey
		content[0], content[1] = byte(seq), byte(seq>>8)
		s.addClaim(seq, time.Unix(0, int64(seq)), fmt.Sprint(seq), seq*0x9e3779b97f4a7c15, content)
	}
	check := func(want map[uint64]bool) {
		t.Helper()
		for seq, held := range want {
			if got := s.find(seq) >= 0; got != held {
				t.Errorf("find(%d) held = %v, want %v", seq, got, held)
			}
		}
	}
	// A claim every other message, as in the log: 626 held, the ring of
	// 1,024 slots wraps.
	for seq := uint64(1); seq <= 2999; seq += 2 {
		add(seq)
	}
	check(map[uint64]bool{1: false, 1747: false, 1749: true, 1750: false, 2001: true, 2999: true, 3001: false})
	if s.n != 626 || len(s.recs) != 1024 {
		t.Errorf("%d claims in a ring of %d, want 626 in 1024", s.n, len(s.recs))
	}
	// A claim every message: the ring grows to its bound and stays there.
	for seq := uint64(3000); seq <= 6000; seq++ {
		add(seq)
	}
	check(map[uint64]bool{4750: false, 4751: true, 6000: true, 2999: false})
	if s.n != 1250 || len(s.recs) != 1250 {
		t.Errorf("%d claims in a ring of %d, want 1250 in 1250", s.n, len(s.recs))
	}
}

// TestLogRestartClearsTheIndex: a log that starts again at 1 (its stream
// deleted and made anew under a running replica) must not be read against
// the old one's claims.
func TestLogRestartClearsTheIndex(t *testing.T) {
	ts := texts(t, 1)
	x, _ := newMemIndex(t, DefaultConfig())
	a := article(t, "a", ts[0])
	if _, err := x.Link(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	claim, err := encodeClaim(Article{ID: "b", ContentHash: fingerprint.ContentHash("other"), SimHash: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.apply(1, fixedTime, kindClaim, claim); err == nil || !strings.Contains(err.Error(), "restarted") {
		t.Errorf("apply of message 1 again = %v, want a restart", err)
	}
	st := x.Stats()
	if st.Restarts != 1 || st.Held != 1 || x.appliedAt() != 1 {
		t.Errorf("after the restart: %+v, applied %d; want 1 restart, only the new claim held", st, x.appliedAt())
	}
	x.mu.Lock()
	_, old := x.st.byID["a"]
	x.mu.Unlock()
	if old {
		t.Error("the old log's claim of a is still held")
	}
}

// TestRecordSize guards the per-claim memory the package documentation
// quotes.
func TestRecordSize(t *testing.T) {
	if got := unsafe.Sizeof(record{}); got != 104 {
		t.Errorf("record is %d bytes, want 104 (update doc.go's Memory section if this is on purpose)", got)
	}
}

func mustResult(t *testing.T, claim uint64, r Result) []byte {
	t.Helper()
	b, err := encodeResult(claim, r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// appliedAt returns how far x has applied the log.
func (x *Index) appliedAt() uint64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.st.applied
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(time.Millisecond) // polling; the deadline decides
	}
}
