package dedup

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

func TestEnsureStreamIsIdempotentAndUpdates(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	ctx := t.Context()
	cfg := DefaultConfig()
	for i := range 3 {
		if _, err := EnsureStream(ctx, js, cfg); err != nil {
			t.Fatalf("EnsureStream #%d: %v", i+1, err)
		}
	}
	s, err := js.Stream(ctx, DefaultStream)
	if err != nil {
		t.Fatal(err)
	}
	got := s.CachedInfo().Config
	if got.MaxAge != DefaultTTL || got.Replicas != 1 || got.Storage != jetstream.FileStorage ||
		got.MaxMsgs != 4*DefaultWindow || got.Subjects[0] != "wirestream.dedup."+DefaultStream+".>" {
		t.Errorf("stream max age %s, replicas %d, storage %v, max msgs %d, subjects %q", got.MaxAge, got.Replicas, got.Storage, got.MaxMsgs, got.Subjects)
	}
	cfg.TTL = 6 * time.Hour
	if s, err = EnsureStream(ctx, js, cfg); err != nil || s.CachedInfo().Config.MaxAge != 6*time.Hour {
		t.Errorf("max age after update = %v (%v), want 6h", s.CachedInfo().Config.MaxAge, err)
	}
	cfg.Stream = "bad.name"
	if _, err := EnsureStream(ctx, js, cfg); err == nil {
		t.Error("EnsureStream accepted an invalid stream name")
	}
}

func TestScenarioJetStream(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	runScenario(t, newJSIndex(t, js, DefaultConfig()))
}

// TestTTLForgetsArticles runs with a 1 s TTL, measured on the log's own
// timestamps: a re-send after it starts a new story.
func TestTTLForgetsArticles(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	cfg := DefaultConfig()
	cfg.Stream = "DEDUP_TTL"
	cfg.TTL = time.Second
	cfg.Timeout = 400 * time.Millisecond
	x := newJSIndex(t, js, cfg)
	ts := texts(t, 1)
	if _, err := x.Link(t.Context(), article(t, "first", ts[0])); err != nil {
		t.Fatal(err)
	}
	res, err := x.Link(t.Context(), article(t, "soon", ts[0]))
	if err != nil || res.DuplicateOf != "first" {
		t.Fatalf("re-send within the TTL = %+v, %v; want a duplicate of first", res, err)
	}
	time.Sleep(1100 * time.Millisecond) // the TTL is the thing under test
	res, err = x.Link(t.Context(), article(t, "late", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	if res.DuplicateOf != "" {
		t.Errorf("re-send after the TTL linked to %q, want a new story", res.DuplicateOf)
	}
}

// TestRestartedReplicaReplaysTheLog: a replica opened after others have
// recorded articles finds them.
func TestRestartedReplicaReplaysTheLog(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	ts := texts(t, 30)
	first := newJSIndex(t, js, DefaultConfig())
	want := map[string]Result{}
	for i, text := range ts {
		id := fmt.Sprint("a", i)
		res, err := first.Link(t.Context(), article(t, id, text))
		if err != nil {
			t.Fatal(err)
		}
		want[id] = res
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := newJSIndex(t, js, DefaultConfig())
	res, err := second.Link(t.Context(), article(t, "copy", ts[7]))
	if err != nil || res.DuplicateOf != "a7" || !res.Exact || res.StoryID != want["a7"].StoryID {
		t.Errorf("copy after restart = %+v, %v; want an exact duplicate of a7", res, err)
	}
	if res, err := second.Link(t.Context(), article(t, "a3", ts[3])); err != nil || res != want["a3"] {
		t.Errorf("redelivery after restart = %+v, %v; want %+v", res, err, want["a3"])
	}
}

// orderLog records the order in which claims and results reach the log,
// to tell whether a round really raced.
type orderLog struct {
	mu     sync.Mutex
	events []string
}

// TestConcurrentReplicas runs two stage instances on two connections, as
// two worker replicas, and gives them near duplicates at the same moment,
// round after round: every pair must end in one story, exactly one article
// the duplicate of the other.
func TestConcurrentReplicas(t *testing.T) {
	rounds := 120
	if testing.Short() {
		rounds = 20
	}
	srv := startJetStream(t)
	_, js1 := connect(t, srv)
	_, js2 := connect(t, srv)
	cfg := DefaultConfig()
	replicas := [2]*Index{newJSIndex(t, js1, cfg), newJSIndex(t, js2, cfg)}
	order := &orderLog{}
	for _, x := range replicas {
		x.log = &sharedOrder{orderLog: order, appender: x.log}
	}
	ts := texts(t, rounds)
	// The copies are near enough to be linked whatever the band luck
	// (distance at most Bands−1), so that the expected outcome is sure.
	kinds := []struct {
		name string
		copy func(text string, try int) string
	}{
		{name: "exact", copy: func(s string, _ int) string { return s }},
		{name: "edited", copy: func(s string, try int) string { return edit(t, s, try) }},
		{name: "extended", copy: func(s string, try int) string { return s + " " + strings.Repeat("More", try+1) + " was said." }},
	}
	var raced atomic.Int64
	for r := range rounds {
		kind := kinds[r%len(kinds)]
		orig := article(t, "a", ts[r])
		text := kind.copy(ts[r], 0)
		for try := 1; fingerprint.Distance(orig.SimHash, article(t, "b", text).SimHash) >= cfg.Bands; try++ {
			if try == 20 {
				t.Fatalf("round %d: no %s copy within distance %d", r, kind.name, cfg.Bands-1)
			}
			text = kind.copy(ts[r], try)
		}
		docs := [2]*extract.Document{
			document(t, fmt.Sprint("r", r, "-a"), ts[r]),
			document(t, fmt.Sprint("r", r, "-b"), text),
		}
		order.mu.Lock()
		order.events = order.events[:0]
		order.mu.Unlock()
		start := make(chan struct{})
		var wg sync.WaitGroup
		var errs [2]error
		for i := range replicas {
			wg.Go(func() {
				<-start
				errs[i] = replicas[i].Process(t.Context(), docs[i])
			})
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d (%s): %v", r, kind.name, err)
			}
		}
		order.mu.Lock()
		if len(order.events) >= 2 && order.events[0] == kindClaim && order.events[1] == kindClaim {
			raced.Add(1) // both claimed before either recorded a result
		}
		order.mu.Unlock()
		a, b := docs[0].Event.Fingerprint, docs[1].Event.Fingerprint
		if a.StoryID != b.StoryID || (a.DuplicateOf == "") == (b.DuplicateOf == "") {
			t.Errorf("round %d (%s): a = %+v, b = %+v; want one story, one the duplicate of the other", r, kind.name, *a, *b)
		}
	}
	t.Logf("%d of %d rounds had both claims in the log before either result", raced.Load(), rounds)
	if raced.Load() == 0 {
		t.Error("no round raced: the test did not exercise the race")
	}
}

// sharedOrder lets two Indexes record into one orderLog.
type sharedOrder struct {
	*orderLog
	appender
}

func (s *sharedOrder) append(ctx context.Context, kind, msgID string, data []byte) (uint64, bool, error) {
	s.orderLog.mu.Lock()
	s.orderLog.events = append(s.orderLog.events, kind)
	s.orderLog.mu.Unlock()
	return s.appender.append(ctx, kind, msgID, data)
}

// TestConcurrentRedelivery processes the same article on two replicas at
// once (a redelivery while the first delivery is still in flight): both
// must report the same result, and neither links it to itself.
func TestConcurrentRedelivery(t *testing.T) {
	srv := startJetStream(t)
	_, js1 := connect(t, srv)
	_, js2 := connect(t, srv)
	cfg := DefaultConfig()
	replicas := [2]*Index{newJSIndex(t, js1, cfg), newJSIndex(t, js2, cfg)}
	ts := texts(t, 20)
	for r, text := range ts {
		id := fmt.Sprint("art-", r)
		if r%2 == 1 {
			// Every other article is a re-send of the one before, so that
			// both outcomes (new story, duplicate) are redelivered.
			text = ts[r-1]
		}
		var results [2]Result
		var errs [2]error
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range replicas {
			wg.Go(func() {
				a := article(t, id, text)
				<-start
				results[i], errs[i] = replicas[i].Link(t.Context(), a)
			})
		}
		close(start)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("article %s: %v, %v", id, errs[0], errs[1])
		}
		if results[0] != results[1] || results[0].DuplicateOf == id {
			t.Errorf("article %s: results %+v and %+v; want the same, not linked to itself", id, results[0], results[1])
		}
	}
}

// TestServerDownIsTransient stops the server: Process must fail within the
// caller's deadline with an error that is not bad input.
func TestServerDownIsTransient(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	x := newJSIndex(t, js, DefaultConfig())
	doc := document(t, "a", texts(t, 1)[0])
	srv.Shutdown()
	srv.WaitForShutdown()
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := x.Process(ctx, doc)
	if err == nil || errors.Is(err, extract.ErrBadInput) {
		t.Errorf("Process with the server down = %v, want a transient error", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Process took %s with a 300ms deadline", d)
	}
}

// TestStalledLogConsumerIsReplaced: the log's consumer stops delivering
// without an error (as one did after its node was killed under load); the
// follower replaces it, and the articles waiting on it go through.
func TestStalledLogConsumerIsReplaced(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	cfg := DefaultConfig()
	x, err := Open(t.Context(), js, cfg, func(o *options) error { o.stallAfter = 400 * time.Millisecond; return nil })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	ts := texts(t, 2)
	first, err := x.Link(t.Context(), article(t, "a", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	f := x.follower
	f.mu.Lock()
	cc := f.cc
	f.mu.Unlock()
	cc.Stop() // silently, as far as the index knows
	// Stop unsubscribes asynchronously: until Closed, the consumer may
	// still deliver the next claim and the stall would not happen.
	select {
	case <-cc.Closed():
	case <-time.After(5 * time.Second):
		t.Fatal("the stopped consumer did not close")
	}
	start := time.Now()
	if res, err := x.Link(t.Context(), article(t, "b", edit(t, ts[0], 0))); err != nil || res.StoryID != first.StoryID {
		t.Fatalf("Link with a stalled consumer = %+v, %v; want b in a's story", res, err)
	}
	if d := time.Since(start); d < 400*time.Millisecond || d > 3*time.Second {
		t.Errorf("Link took %v, want the stall time (400ms) and not much more", d)
	}
	// The replaced consumer's messages, had it come back, are ignored:
	// applying an old generation's message changes nothing.
	x.mu.Lock()
	applied, feed := x.st.applied, x.feed
	x.mu.Unlock()
	if feed < 2 {
		t.Errorf("feed generation %d, want a replacement (2 or more)", feed)
	}
	if err := x.applyFeed(feed-1, applied+100, time.Now(), kindClaim, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	x.mu.Lock()
	after := x.st.applied
	x.mu.Unlock()
	if after != applied {
		t.Errorf("a message of the replaced consumer was applied: %d, want %d", after, applied)
	}
	if res, err := x.Link(t.Context(), article(t, "c", ts[1])); err != nil || res.DuplicateOf != "" {
		t.Errorf("Link after the replacement = %+v, %v", res, err)
	}
}
