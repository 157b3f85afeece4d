package dedup

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

// testClock is a clock that moves one millisecond per reading, so that
// entries recorded one after the other are ordered, and can be advanced.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2025, 1, 6, 5, 30, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newMemIndex returns an Index over a fresh in-memory store.
func newMemIndex(tb testing.TB, cfg Config, opts ...Option) (*Index, *memKV) {
	tb.Helper()
	kv := newMemKV()
	x, err := newIndex(kv, cfg, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return x, kv
}

// startJetStream runs an in-process JetStream server for the test.
func startJetStream(tb testing.TB) *natstest.Server {
	tb.Helper()
	return natstest.Start(tb, nil)
}

// connect opens a connection and JetStream context to srv, closed in
// cleanup.
func connect(tb testing.TB, srv *natstest.Server) (*nats.Conn, jetstream.JetStream) {
	tb.Helper()
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(nc.Close)
	js, err := natsx.NewJetStream(nc, 256, 5*time.Second)
	if err != nil {
		tb.Fatal(err)
	}
	return nc, js
}

// newJSIndex ensures cfg's bucket on js and returns an Index over it.
func newJSIndex(tb testing.TB, js jetstream.JetStream, cfg Config, opts ...Option) *Index {
	tb.Helper()
	kv, err := EnsureBucket(tb.Context(), js, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	x, err := New(kv, cfg, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

var (
	fpOnce  sync.Once
	fpStage *fingerprint.Fingerprinter
)

// fingerprintStage returns the default fingerprint stage.
func fingerprintStage(tb testing.TB) *fingerprint.Fingerprinter {
	tb.Helper()
	fpOnce.Do(func() {
		f, err := fingerprint.New()
		if err != nil {
			panic(err)
		}
		fpStage = f
	})
	return fpStage
}

// document runs the fingerprint stage on a document with id and text.
func document(tb testing.TB, id, text string) *extract.Document {
	tb.Helper()
	doc := &extract.Document{}
	doc.Event.ArticleID = id
	doc.Event.Text = text
	if err := fingerprintStage(tb).Process(tb.Context(), doc); err != nil {
		tb.Fatal(err)
	}
	return doc
}

// article returns the index's view of id and text.
func article(tb testing.TB, id, text string) Article {
	tb.Helper()
	fp := document(tb, id, text).Event.Fingerprint
	h, err := fingerprint.ParseSimHash(fp.SimHash)
	if err != nil {
		tb.Fatal(err)
	}
	return Article{ID: id, ContentHash: fp.ContentHash, SimHash: h}
}

// texts returns n generated article texts, all different stories.
func texts(tb testing.TB, n int) []string {
	tb.Helper()
	c := corpus(tb, 5, n, 0)
	out := make([]string, n)
	for i, a := range c {
		out[i] = a.text
	}
	return out
}

// edit returns text with one word corrected, as a re-send would.
func edit(tb testing.TB, text string, nth int) string {
	tb.Helper()
	words := strings.Fields(text)
	// Change a long word well inside the text.
	for i := len(words) / 3; i < len(words); i++ {
		if len(words[i]) >= 6 && nth == 0 {
			return strings.Replace(text, " "+words[i]+" ", " "+words[i]+"s ", 1)
		} else if len(words[i]) >= 6 {
			nth--
		}
	}
	tb.Fatal("no word to edit")
	return ""
}

// hookStore wraps an Index's store with a hook run before each
// operation; an error the hook returns is the operation's.
type hookStore struct {
	store
	before func(ctx context.Context, op, key string) error
}

func (h hookStore) Get(ctx context.Context, key string) (jetstream.KeyValueEntry, error) {
	if err := h.before(ctx, "get", key); err != nil {
		return nil, err
	}
	return h.store.Get(ctx, key)
}

func (h hookStore) Create(ctx context.Context, key string, value []byte, opts ...jetstream.KVCreateOpt) (uint64, error) {
	if err := h.before(ctx, "create", key); err != nil {
		return 0, err
	}
	return h.store.Create(ctx, key, value, opts...)
}

func (h hookStore) Update(ctx context.Context, key string, value []byte, revision uint64) (uint64, error) {
	if err := h.before(ctx, "update", key); err != nil {
		return 0, err
	}
	return h.store.Update(ctx, key, value, revision)
}
