package dedup

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// duplicateWindow is the log stream's Nats-Msg-Id window. A redelivery
// inside it gets its first claim back from the server; one after it adds a
// claim that the index treats as an alias of the first (same article id),
// so the window only saves a message, never changes a result.
const duplicateWindow = 2 * time.Minute

// pullExpiry is the lifetime of one pull request of the log's consumer.
// Its idle heartbeats come every half of it, and the ordered consumer
// recreates itself after two missed ones: with the client's default of 30
// s (5 s heartbeats), a consumer lost with its node would stall every
// article for about ten seconds, with 5 s for about five. The worker's
// raw-stream Source uses the same value (internal/natsx).
const pullExpiry = 5 * time.Second

// maxMessageBytes bounds a log message: a claim or a result is an article
// id of at most MaxIDBytes and a few hashes.
const maxMessageBytes = 4096

// subjectPrefix returns the subjects' common prefix of cfg's stream.
func subjectPrefix(cfg Config) string { return "wirestream.dedup." + cfg.Stream + "." }

// streamConfig is the log stream of cfg: file storage, messages expiring
// TTL after they were written, at most four windows of messages.
func streamConfig(cfg Config) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "wirestream near-duplicate index: the log of article claims and their results",
		Subjects:    []string{subjectPrefix(cfg) + ">"},
		Retention:   jetstream.LimitsPolicy,
		Discard:     jetstream.DiscardOld,
		MaxAge:      cfg.TTL,
		MaxMsgs:     4 * int64(cfg.Window),
		MaxMsgSize:  maxMessageBytes,
		Duplicates:  min(duplicateWindow, cfg.TTL),
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
	}
}

// EnsureStream creates the log stream of cfg, or updates an existing one
// to cfg's limits and replicas. It is idempotent and safe to run from many
// replicas at once.
func EnsureStream(ctx context.Context, js jetstream.StreamManager, cfg Config) (jetstream.Stream, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s, err := js.CreateOrUpdateStream(ctx, streamConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("dedup: create or update stream %s: %w", cfg.Stream, err)
	}
	return s, nil
}

// Option changes an optional setting of [Open].
type Option func(*options) error

type options struct {
	log        *zap.Logger
	stallAfter time.Duration // the follower's; tests shorten it
}

// WithLogger sets the logger for the index's consumer: skipped log
// messages and consumer errors are logged at warn level. The default
// logs nothing.
func WithLogger(l *zap.Logger) Option {
	return func(o *options) error {
		if l == nil {
			return errors.New("dedup: nil logger")
		}
		o.log = l
		return nil
	}
}

// jsLog appends to the log stream.
type jsLog struct {
	js     jetstream.Publisher
	nc     *nats.Conn
	prefix string
}

// msg is a log message of kind with msgID as its Nats-Msg-Id.
func (l jsLog) msg(kind, msgID string, data []byte) *nats.Msg {
	m := nats.NewMsg(l.prefix + kind)
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, msgID)
	return m
}

func (l jsLog) record(kind, msgID string, data []byte) error {
	// No reply subject: the server stores it without an acknowledgement.
	return l.nc.PublishMsg(l.msg(kind, msgID, data))
}

func (l jsLog) append(ctx context.Context, kind, msgID string, data []byte) (uint64, bool, error) {
	ack, err := l.js.PublishMsg(ctx, l.msg(kind, msgID, data))
	if err != nil {
		return 0, false, err
	}
	return ack.Sequence, ack.Duplicate, nil
}

// Open ensures cfg's log stream, starts an Index's consumer of it and
// returns once the Index has applied the log as it stood at the call, so
// that the first article is decided on the whole window. The consumer is
// an ordered consumer that starts Window+Window/4 messages back (what the
// index holds) and follows the log until [Index.Close], replaced by a new
// one if it stalls; the connection is the caller's to close, after Close.
func Open(ctx context.Context, js jetstream.JetStream, cfg Config, opts ...Option) (*Index, error) {
	o := options{log: zap.NewNop(), stallAfter: stallAfter}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	s, err := EnsureStream(ctx, js, cfg)
	if err != nil {
		return nil, err
	}
	x, err := newIndex(jsLog{js: js, nc: js.Conn(), prefix: subjectPrefix(cfg)}, cfg)
	if err != nil {
		return nil, err
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("dedup: stream %s info: %w", cfg.Stream, err)
	}
	last := info.State.LastSeq
	start := max(info.State.FirstSeq, 1)
	if held := x.st.keep; last+1 > held && last+1-held > start {
		start = last + 1 - held
	}
	x.st.startAt(start)
	f := &follower{js: js, stream: cfg.Stream, prefix: subjectPrefix(cfg), x: x, log: o.log,
		stallAfter: o.stallAfter, done: make(chan struct{})}
	if err := f.follow(ctx); err != nil {
		return nil, err
	}
	x.follower = f
	f.watching.Add(1)
	go f.watch() // owned by f: stop ends it
	replayed := uint64(0)
	if last >= start {
		if err := x.wait(ctx, waiter{seq: last}); err != nil {
			x.Close()
			return nil, fmt.Errorf("dedup: replay stream %s up to %d: %w", cfg.Stream, last, err)
		}
		replayed = last - start + 1
	}
	o.log.Info("dedup index ready", zap.String("stream", cfg.Stream), zap.Uint64("replayed_messages", replayed),
		zap.Uint64("log_sequence", last), zap.Int("articles_held", x.Stats().Held))
	return x, nil
}

// stallAfter is how long the log's consumer may apply nothing while a Link
// call waits for a message it has not applied, before the follower
// replaces it: twice the pull expiry, so that nats.go's own recovery
// (missed heartbeats after about one expiry) comes first.
const stallAfter = 2 * pullExpiry

// follower feeds an Index from the log stream through an ordered
// consumer, and replaces the consumer when it stalls. nats.go's ordered
// consumer recreates itself after missed heartbeats, but the fault tests
// saw one stay silent for minutes after the node serving it was killed
// under load, with every Link call timing out meanwhile.
type follower struct {
	js         jetstream.JetStream
	stream     string
	prefix     string
	x          *Index
	log        *zap.Logger
	stallAfter time.Duration

	mu       sync.Mutex
	cc       jetstream.ConsumeContext
	stopped  bool
	done     chan struct{} // closed by stop
	watching sync.WaitGroup
}

// follow starts a consumer from the message after the last one applied,
// as the index's new feed generation, and stops the one it replaces. The
// old consumer's deliveries are ignored from the start, even when follow
// fails: the caller must try again.
func (f *follower) follow(ctx context.Context) error {
	x := f.x
	x.mu.Lock()
	x.feed++
	feed, from := x.feed, x.st.applied+1
	x.mu.Unlock()
	cons, err := f.js.OrderedConsumer(ctx, f.stream, jetstream.OrderedConsumerConfig{
		DeliverPolicy: jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:   from,
	})
	if err != nil {
		return fmt.Errorf("dedup: consumer of stream %s: %w", f.stream, err)
	}
	cc, err := cons.Consume(func(m jetstream.Msg) {
		md, err := m.Metadata()
		if err != nil {
			f.log.Warn("dedup log message without metadata", zap.Error(err))
			return
		}
		kind, _ := strings.CutPrefix(m.Subject(), f.prefix)
		if err := x.applyFeed(feed, md.Sequence.Stream, md.Timestamp, kind, m.Data()); err != nil {
			f.log.Warn("dedup log message skipped", zap.Error(err))
		}
		x.mu.Lock()
		if feed == x.feed {
			x.pending = md.NumPending
		}
		x.mu.Unlock()
	}, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		f.log.Warn("dedup log consumer", zap.Error(err))
	}), jetstream.PullExpiry(pullExpiry))
	if err != nil {
		return fmt.Errorf("dedup: consume stream %s: %w", f.stream, err)
	}
	f.mu.Lock()
	old, stopped := f.cc, f.stopped
	if !stopped {
		f.cc = cc
	}
	f.mu.Unlock()
	if stopped {
		old = cc // stop raced with this follow: do not leave it running
	}
	if old != nil {
		old.Stop()
	}
	return nil
}

// watch replaces the consumer when it has applied nothing for stallAfter
// while a Link call waits for the log, until stop.
func (f *follower) watch() {
	defer f.watching.Done()
	tick := time.NewTicker(f.stallAfter / 4)
	defer tick.Stop()
	var last uint64
	since := time.Now()
	for {
		select {
		case <-f.done:
			return
		case <-tick.C:
		}
		f.x.mu.Lock()
		applied, waiting := f.x.st.applied, f.x.waitsForLog()
		f.x.mu.Unlock()
		if !waiting || applied != last {
			last, since = applied, time.Now()
			continue
		}
		if time.Since(since) < f.stallAfter {
			continue
		}
		f.log.Warn("dedup log consumer stalled; replacing it", zap.String("stream", f.stream),
			zap.Uint64("applied", applied), zap.Duration("silent", time.Since(since).Round(time.Second)))
		ctx, cancel := context.WithTimeout(context.Background(), f.stallAfter)
		err := f.follow(ctx)
		cancel()
		if err != nil {
			// The old consumer is ignored from now on: try again at the
			// next tick rather than after another stallAfter.
			f.log.Warn("dedup log consumer not replaced; retrying", zap.Error(err))
			continue
		}
		since = time.Now()
	}
}

// stop stops the watch and the consumer, and waits (up to five seconds)
// for the consumer to finish.
func (f *follower) stop() {
	f.mu.Lock()
	if f.stopped {
		f.mu.Unlock()
		return
	}
	f.stopped = true
	close(f.done)
	f.mu.Unlock()
	f.watching.Wait()
	f.mu.Lock()
	cc := f.cc
	f.mu.Unlock()
	if cc == nil {
		return
	}
	cc.Stop()
	select {
	case <-cc.Closed():
	case <-time.After(5 * time.Second):
	}
}
