package dedup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

// runScenario processes a sequence of articles through x and checks each
// result: new story, exact re-send, lightly edited re-send, unrelated
// article and redeliveries. It is shared by the in-memory and the
// JetStream tests.
func runScenario(t *testing.T, x *Index) {
	t.Helper()
	ts := texts(t, 2)
	orig, other := ts[0], ts[1]
	edited := edit(t, orig, 0)
	edited2 := edit(t, edited, 1)
	steps := []struct {
		name, id, text string
		// wantDupOf is the earlier version's id; wantStoryOf the id of the
		// story's first version.
		wantDupOf, wantStoryOf string
		wantExact              bool
	}{
		{name: "new story", id: "a1", text: orig, wantStoryOf: "a1"},
		{name: "exact re-send", id: "a2", text: orig, wantDupOf: "a1", wantStoryOf: "a1", wantExact: true},
		{name: "lightly edited re-send", id: "a3", text: edited, wantDupOf: "a1", wantStoryOf: "a1"},
		{name: "unrelated article", id: "u1", text: other, wantStoryOf: "u1"},
		{name: "redelivery of the edit", id: "a3", text: edited, wantDupOf: "a1", wantStoryOf: "a1"},
		{name: "redelivery of the original", id: "a1", text: orig, wantStoryOf: "a1"},
		{name: "second edit links to the nearest version", id: "a4", text: edited2, wantDupOf: "a3", wantStoryOf: "a1"},
		{name: "exact copy of the edit", id: "a5", text: edited, wantDupOf: "a3", wantStoryOf: "a1", wantExact: true},
		{name: "redelivery of the unrelated article", id: "u1", text: other, wantStoryOf: "u1"},
	}
	textOf := map[string]string{}
	for _, st := range steps {
		if _, ok := textOf[st.id]; !ok {
			textOf[st.id] = st.text
		}
	}
	for _, st := range steps {
		doc := document(t, st.id, st.text)
		if err := x.Process(t.Context(), doc); err != nil {
			t.Fatalf("%s: Process: %v", st.name, err)
		}
		got := doc.Event.Fingerprint
		wantDistance := 0
		if st.wantDupOf != "" {
			wantDistance = fingerprint.Distance(article(t, st.id, st.text).SimHash, article(t, st.wantDupOf, textOf[st.wantDupOf]).SimHash)
		}
		wantStory := NewStoryID(fingerprint.ContentHash(textOf[st.wantStoryOf]))
		if got.DuplicateOf != st.wantDupOf || got.StoryID != wantStory || got.Exact != st.wantExact || got.Distance != wantDistance {
			t.Errorf("%s (%s): got dup of %q, story %q, exact %v, distance %d; want %q, %q, %v, %d", st.name, st.id,
				got.DuplicateOf, got.StoryID, got.Exact, got.Distance, st.wantDupOf, wantStory, st.wantExact, wantDistance)
		}
	}
}

func TestScenarioInMemory(t *testing.T) {
	x, _ := newMemIndex(t, DefaultConfig(), WithClock(newTestClock().Now))
	runScenario(t, x)
}

func TestProcessNeedsFingerprint(t *testing.T) {
	x, _ := newMemIndex(t, DefaultConfig())
	doc := &extract.Document{}
	doc.Event.ArticleID = "a1"
	doc.Event.Text = "text"
	err := x.Process(t.Context(), doc)
	if !errors.Is(err, ErrNoFingerprint) || errors.Is(err, extract.ErrBadInput) {
		t.Errorf("Process without fingerprint = %v, want ErrNoFingerprint and no bad input", err)
	}
}

func TestProcessRejectsBadArticles(t *testing.T) {
	good := fingerprint.ContentHash("x")
	tests := []struct {
		name, id, contentHash, simHash string
	}{
		{name: "empty id", id: "", contentHash: good, simHash: "0123456789abcdef"},
		{name: "short content hash", id: "a", contentHash: good[:63], simHash: "0123456789abcdef"},
		{name: "content hash not hex", id: "a", contentHash: good[:63] + "g", simHash: "0123456789abcdef"},
		{name: "simhash not hex", id: "a", contentHash: good, simHash: "0123456789abcdeg"},
	}
	x, kv := newMemIndex(t, DefaultConfig())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &extract.Document{}
			doc.Event.ArticleID = tt.id
			doc.Event.Fingerprint = &event.Fingerprint{ContentHash: tt.contentHash, SimHash: tt.simHash}
			err := x.Process(t.Context(), doc)
			if !errors.Is(err, ErrBadArticle) || errors.Is(err, extract.ErrBadInput) {
				t.Errorf("Process = %v, want ErrBadArticle and no bad input", err)
			}
			if doc.Event.Fingerprint.StoryID != "" {
				t.Error("StoryID set although Process failed")
			}
		})
	}
	if n := len(kv.keys); n != 0 {
		t.Errorf("%d keys written for rejected articles", n)
	}
}

// TestRaceLoserJoinsWinner forces the race of two replicas deterministically:
// replica A reads the index, then replica B records a near duplicate, then
// A writes. A's compare-and-set fails, A reads again, finds B and joins
// B's story.
func TestRaceLoserJoinsWinner(t *testing.T) {
	ts := texts(t, 1)
	a, b := article(t, "a", ts[0]), article(t, "b", edit(t, ts[0], 0))
	kv := newMemKV()
	clock := newTestClock()
	xb, err := newIndex(kv, DefaultConfig(), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	var resB Result
	raced := false
	xa, err := newIndex(hookStore{store: kv, before: func(ctx context.Context, op, key string) error {
		if op != "get" && !raced {
			raced = true
			var err error
			resB, err = xb.Link(ctx, b)
			return err
		}
		return nil
	}}, DefaultConfig(), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	resA, err := xa.Link(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if resB.DuplicateOf != "" || resA.DuplicateOf != "b" || resA.StoryID != resB.StoryID {
		t.Errorf("A = %+v, B = %+v; want B a new story and A its duplicate", resA, resB)
	}
}

// TestRaceBothReadEmpty forces the other interleaving: both replicas read
// the empty index before either writes, so both first decide on a new
// story and start writing. Whatever order the writes then take, they must
// end in one story, one article the duplicate of the other.
func TestRaceBothReadEmpty(t *testing.T) {
	ts := texts(t, 1)
	arts := [2]Article{article(t, "a", ts[0]), article(t, "b", ts[0]+" One more sentence at the end.")}
	for round := range 50 {
		kv := newMemKV()
		clock := newTestClock()
		var bothRead sync.WaitGroup
		bothRead.Add(2)
		var results [2]Result
		var errs [2]error
		var done sync.WaitGroup
		for i := range arts {
			first := true
			x, err := newIndex(hookStore{store: kv, before: func(_ context.Context, op, _ string) error {
				if op != "get" && first {
					first = false
					bothRead.Done()
					bothRead.Wait()
				}
				return nil
			}}, DefaultConfig(), WithClock(clock.Now))
			if err != nil {
				t.Fatal(err)
			}
			done.Add(1)
			go func() {
				defer done.Done()
				results[i], errs[i] = x.Link(context.Background(), arts[i])
			}()
		}
		done.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		checkOneStory(t, results[0], results[1])
	}
}

// checkOneStory fails unless r1 and r2 are one story in which exactly one
// is the duplicate of the other.
func checkOneStory(t *testing.T, r1, r2 Result) {
	t.Helper()
	if r1.StoryID != r2.StoryID || (r1.DuplicateOf == "") == (r2.DuplicateOf == "") {
		t.Errorf("results %+v and %+v: want one story, one of them the duplicate of the other", r1, r2)
	}
}

func TestEntriesExpireAfterTTL(t *testing.T) {
	ts := texts(t, 1)
	clock := newTestClock()
	cfg := DefaultConfig()
	x, kv := newMemIndex(t, cfg, WithClock(clock.Now))
	if _, err := x.Link(t.Context(), article(t, "old", ts[0])); err != nil {
		t.Fatal(err)
	}
	clock.Advance(cfg.TTL + time.Second)
	res, err := x.Link(t.Context(), article(t, "new", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	if res.DuplicateOf != "" {
		t.Errorf("re-send after the TTL linked to %q, want a new story", res.DuplicateOf)
	}
	for k, l := range kv.lists() {
		if len(l) != 1 || l[0].ArticleID != "new" {
			t.Errorf("%s holds %+v, want only the new entry (the expired one pruned)", k, l)
		}
	}
}

func TestListCapDropsOldest(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxEntries = 2
	x, kv := newMemIndex(t, cfg, WithClock(newTestClock().Now))
	// Three unrelated SimHashes that share band 0 (the low 16 bits).
	for i, sim := range []uint64{0xffff_0000_0000_1234, 0x0000_ffff_0000_1234, 0x0000_0000_ffff_1234} {
		a := Article{ID: fmt.Sprint("a", i), ContentHash: fingerprint.ContentHash(fmt.Sprint(i)), SimHash: sim}
		if _, err := x.Link(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	l := kv.lists()["b0.1234"]
	if len(l) != 2 || l[0].ArticleID != "a1" || l[1].ArticleID != "a2" {
		t.Errorf("b0.1234 holds %+v, want a1 and a2", l)
	}
}

func TestCorruptValueIsRepaired(t *testing.T) {
	ts := texts(t, 1)
	x, kv := newMemIndex(t, DefaultConfig())
	a := article(t, "a", ts[0])
	for _, k := range x.keys(a) {
		if _, err := kv.Create(t.Context(), k, []byte("{not json")); err != nil {
			t.Fatal(err)
		}
	}
	res, err := x.Link(t.Context(), a)
	if err != nil || res.DuplicateOf != "" {
		t.Fatalf("Link over corrupt values = %+v, %v", res, err)
	}
	for k, l := range kv.lists() {
		if len(l) != 1 || l[0].ArticleID != "a" {
			t.Errorf("%s holds %+v after the repair", k, l)
		}
	}
}

func TestKVErrorsAreTransient(t *testing.T) {
	ts := texts(t, 1)
	boom := errors.New("boom")
	for _, failOp := range []string{"get", "create"} {
		t.Run(failOp, func(t *testing.T) {
			x, err := newIndex(hookStore{store: newMemKV(), before: func(_ context.Context, op, _ string) error {
				if op == failOp {
					return boom
				}
				return nil
			}}, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			doc := document(t, "a", ts[0])
			err = x.Process(t.Context(), doc)
			if !errors.Is(err, boom) || errors.Is(err, extract.ErrBadInput) {
				t.Errorf("Process = %v, want the KV error wrapped and no bad input", err)
			}
			if doc.Event.Fingerprint.StoryID != "" {
				t.Error("StoryID set although Process failed")
			}
		})
	}
}

// TestKVTimeoutRespectsContext blocks every KV call until its context
// ends: Link must give up when the caller's context or Config.Timeout
// ends, whichever comes first.
func TestKVTimeoutRespectsContext(t *testing.T) {
	tests := []struct {
		name       string
		ctxTimeout time.Duration
		cfgTimeout time.Duration
	}{
		{name: "caller's deadline", ctxTimeout: 50 * time.Millisecond, cfgTimeout: time.Hour},
		{name: "configured timeout", ctxTimeout: time.Hour, cfgTimeout: 50 * time.Millisecond},
	}
	ts := texts(t, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Timeout = tt.cfgTimeout
			x, err := newIndex(hookStore{store: newMemKV(), before: func(ctx context.Context, _, _ string) error {
				<-ctx.Done()
				return ctx.Err()
			}}, cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), tt.ctxTimeout)
			defer cancel()
			start := time.Now()
			_, err = x.Link(ctx, article(t, "a", ts[0]))
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Link = %v, want context.DeadlineExceeded", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Link took %s to give up", d)
			}
		})
	}
}

func TestContentionIsBounded(t *testing.T) {
	ts := texts(t, 1)
	x, err := newIndex(hookStore{store: newMemKV(), before: func(_ context.Context, op, key string) error {
		if op != "get" && key[0] != 'a' {
			return fmt.Errorf("injected: %w", jetstream.ErrKeyRevisionMismatch)
		}
		return nil
	}}, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	_, err = x.Link(t.Context(), article(t, "a", ts[0]))
	if !errors.Is(err, ErrContention) {
		t.Errorf("Link under endless conflicts = %v, want ErrContention", err)
	}
}

// TestConcurrentCopyCommitsFirst: when another copy of the same article
// commits its result between our writes and our commit, we report its
// result.
func TestConcurrentCopyCommitsFirst(t *testing.T) {
	ts := texts(t, 1)
	a := article(t, "a", ts[0])
	stored := entry{ArticleID: "a", StoryID: "s-other", SimHash: fingerprint.FormatSimHash(a.SimHash), ContentHash: a.ContentHash, DuplicateOf: "z", Distance: 2}
	kv := newMemKV()
	x, err := newIndex(hookStore{store: kv, before: func(ctx context.Context, op, key string) error {
		if op == "create" && key == articleKey("a") {
			_, err := kv.Create(ctx, key, mustJSON(t, stored))
			return err
		}
		return nil
	}}, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	res, err := x.Link(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	if res != stored.result() {
		t.Errorf("Link = %+v, want the concurrent copy's %+v", res, stored.result())
	}
}

func TestSameIDWithOtherTextKeepsFirstResult(t *testing.T) {
	ts := texts(t, 2)
	x, _ := newMemIndex(t, DefaultConfig())
	first, err := x.Link(t.Context(), article(t, "a", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	again, err := x.Link(t.Context(), article(t, "a", ts[1]))
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Errorf("same id, other text = %+v, want the first result %+v", again, first)
	}
}

// TestDefaultsOnGeneratedCorpus guards the measured quality of the
// defaults (see TestTradeoff for the full measurement).
func TestDefaultsOnGeneratedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 1500 generated articles")
	}
	c := corpus(t, 1, 1500, 0.2)
	s := score(t, c, fingerprinted(t, c, fingerprint.DefaultShingleSize), DefaultConfig())
	t.Logf("%d near duplicates: precision %.3f, recall %.3f", s.dups, s.precision(), s.recall())
	if s.precision() < 1 || s.recall() < 0.68 || s.merged > 0 {
		t.Errorf("precision %.3f, recall %.3f, %d merged originals; want 1, at least 0.68 and 0", s.precision(), s.recall(), s.merged)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
