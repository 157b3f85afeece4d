package dedup

import (
	"context"
	"fmt"
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

// memLog is an in-memory log: it numbers messages from 1, keeps one per
// msgID like the stream's duplicate window (forever, here), stamps them
// with its clock and applies each one to every subscribed Index before
// append returns, in one global order. hook, when set, runs before each
// append; its error is the append's.
type memLog struct {
	mu    sync.Mutex
	clock *testClock
	seq   uint64
	ids   map[string]uint64
	msgs  []memMsg
	subs  []*Index
	hook  func(ctx context.Context, kind, msgID string) error
	skips int // messages an Index refused to apply
	// records counts the messages appended with record, unacknowledged.
	records int
}

type memMsg struct {
	seq  uint64
	at   time.Time
	kind string
	data []byte
}

func newMemLog() *memLog { return &memLog{clock: newTestClock(), ids: map[string]uint64{}} }

func (l *memLog) append(ctx context.Context, kind, msgID string, data []byte) (uint64, bool, error) {
	if l.hook != nil {
		if err := l.hook(ctx, kind, msgID); err != nil {
			return 0, false, err
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if seq, ok := l.ids[msgID]; ok {
		return seq, true, nil
	}
	l.seq++
	l.ids[msgID] = l.seq
	m := memMsg{seq: l.seq, at: l.clock.Now(), kind: kind, data: append([]byte(nil), data...)}
	l.msgs = append(l.msgs, m)
	for _, x := range l.subs {
		if x.apply(m.seq, m.at, m.kind, m.data) != nil {
			l.skips++
		}
	}
	return m.seq, false, nil
}

// record appends like append, as a message the server does not
// acknowledge; the hook runs on it too.
func (l *memLog) record(kind, msgID string, data []byte) error {
	l.mu.Lock()
	l.records++
	l.mu.Unlock()
	_, _, err := l.append(context.Background(), kind, msgID, data)
	return err
}

// raw appends a message under a fresh msgID, as another replica (or a
// hand) would.
func (l *memLog) raw(tb testing.TB, kind string, data []byte) uint64 {
	tb.Helper()
	l.mu.Lock()
	id := fmt.Sprint("raw-", len(l.msgs))
	l.mu.Unlock()
	seq, _, err := l.append(tb.Context(), kind, id, data)
	if err != nil {
		tb.Fatal(err)
	}
	return seq
}

// index returns an Index fed by l: it replays the log so far, then
// follows it.
func (l *memLog) index(tb testing.TB, cfg Config) *Index {
	tb.Helper()
	x, err := newIndex(l, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	x.grace = 50 * time.Millisecond
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range l.msgs {
		_ = x.apply(m.seq, m.at, m.kind, m.data)
	}
	l.subs = append(l.subs, x)
	return x
}

// indexFrom returns an Index fed by l that replays the log from its
// message from on, as a replica started on a log longer than it holds.
func (l *memLog) indexFrom(tb testing.TB, cfg Config, from uint64) *Index {
	tb.Helper()
	x, err := newIndex(l, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	x.grace = 50 * time.Millisecond
	x.st.startAt(from)
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range l.msgs {
		if m.seq >= from {
			_ = x.apply(m.seq, m.at, m.kind, m.data)
		}
	}
	l.subs = append(l.subs, x)
	return x
}

// newMemIndex returns an Index over a fresh in-memory log.
func newMemIndex(tb testing.TB, cfg Config) (*Index, *memLog) {
	tb.Helper()
	l := newMemLog()
	return l.index(tb, cfg), l
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

// newJSIndex opens an Index over cfg's stream on js, closed in cleanup.
func newJSIndex(tb testing.TB, js jetstream.JetStream, cfg Config, opts ...Option) *Index {
	tb.Helper()
	x, err := Open(tb.Context(), js, cfg, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = x.Close() })
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
