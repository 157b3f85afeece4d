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

func TestEnsureBucketIsIdempotentAndUpdates(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	ctx := t.Context()
	cfg := DefaultConfig()
	for i := range 3 {
		if _, err := EnsureBucket(ctx, js, cfg); err != nil {
			t.Fatalf("EnsureBucket #%d: %v", i+1, err)
		}
	}
	kv, err := js.KeyValue(ctx, DefaultBucket)
	if err != nil {
		t.Fatal(err)
	}
	st, err := kv.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.TTL() != DefaultTTL || st.History() != 1 || st.Config().Replicas != 1 || st.Config().Storage != jetstream.FileStorage {
		t.Errorf("bucket ttl %s, history %d, replicas %d, storage %v; want %s, 1, 1, file",
			st.TTL(), st.History(), st.Config().Replicas, st.Config().Storage, DefaultTTL)
	}

	cfg.TTL = 6 * time.Hour
	kv, err = EnsureBucket(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if st, err = kv.Status(ctx); err != nil || st.TTL() != 6*time.Hour {
		t.Errorf("bucket ttl after update = %v (%v), want 6h", st.TTL(), err)
	}

	cfg.Bucket = "bad.name"
	if _, err := EnsureBucket(ctx, js, cfg); err == nil {
		t.Error("EnsureBucket accepted an invalid bucket name")
	}
}

func TestScenarioJetStream(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	runScenario(t, newJSIndex(t, js, DefaultConfig(), WithClock(newTestClock().Now)))
}

// TestBucketTTLForgetsArticles runs with a 1 s TTL: once the bucket has
// expired the first version, a re-send starts a new story.
func TestBucketTTLForgetsArticles(t *testing.T) {
	srv := startJetStream(t)
	_, js := connect(t, srv)
	cfg := DefaultConfig()
	cfg.Bucket = "DEDUP_TTL"
	cfg.TTL = time.Second
	x := newJSIndex(t, js, cfg)
	ts := texts(t, 1)
	if _, err := x.Link(t.Context(), article(t, "first", ts[0])); err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(t.Context(), cfg.Bucket)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := kv.Get(t.Context(), articleKey("first"))
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("article key still there 15s after a 1s TTL (last error %v)", err)
		}
		time.Sleep(50 * time.Millisecond) // polling; the deadline decides
	}
	res, err := x.Link(t.Context(), article(t, "second", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	if res.DuplicateOf != "" {
		t.Errorf("re-send after expiry linked to %q, want a new story", res.DuplicateOf)
	}
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
	var conflicts atomic.Int64
	replicas := [2]*Index{countConflicts(t, newJSIndex(t, js1, cfg), &conflicts), countConflicts(t, newJSIndex(t, js2, cfg), &conflicts)}
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
		a, b := docs[0].Event.Fingerprint, docs[1].Event.Fingerprint
		if a.StoryID != b.StoryID || (a.DuplicateOf == "") == (b.DuplicateOf == "") {
			t.Errorf("round %d (%s): a = %+v, b = %+v; want one story, one the duplicate of the other", r, kind.name, *a, *b)
		}
	}
	// The race is real: in some rounds both replicas wrote at once and one
	// lost a compare-and-set (in most rounds, on this in-process server).
	t.Logf("%d lost compare-and-sets in %d rounds", conflicts.Load(), rounds)
	if conflicts.Load() == 0 {
		t.Error("no compare-and-set was ever lost: the test did not exercise the race")
	}
}

// countConflicts makes x count its lost compare-and-sets in n.
func countConflicts(t *testing.T, x *Index, n *atomic.Int64) *Index {
	t.Helper()
	x.kv = conflictCounter{store: x.kv, n: n}
	return x
}

// conflictCounter counts the writes that lose a compare-and-set.
type conflictCounter struct {
	store
	n *atomic.Int64
}

func (c conflictCounter) Create(ctx context.Context, key string, value []byte, opts ...jetstream.KVCreateOpt) (uint64, error) {
	rev, err := c.store.Create(ctx, key, value, opts...)
	if errors.Is(err, jetstream.ErrKeyExists) {
		c.n.Add(1)
	}
	return rev, err
}

func (c conflictCounter) Update(ctx context.Context, key string, value []byte, revision uint64) (uint64, error) {
	rev, err := c.store.Update(ctx, key, value, revision)
	if errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		c.n.Add(1)
	}
	return rev, err
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
