package natsx

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// ErrSourceClosed is returned by [Source.Next] once the source has been
// drained or stopped and every buffered message has been handed out.
var ErrSourceClosed = errors.New("source closed")

// JetStream is the JetStream context type, re-exported so that callers
// need not import nats.go.
type JetStream = jetstream.JetStream

// NewJetStream returns a JetStream context whose async publishes are
// bounded: at most maxPending unacknowledged publishes, each failing
// after ackTimeout so that no future waits forever.
func NewJetStream(nc *nats.Conn, maxPending int, ackTimeout time.Duration) (jetstream.JetStream, error) {
	js, err := jetstream.New(nc,
		jetstream.WithPublishAsyncMaxPending(maxPending),
		jetstream.WithPublishAsyncTimeout(ackTimeout),
		jetstream.WithDefaultTimeout(10*time.Second))
	if err != nil {
		return nil, fmt.Errorf("jetstream context: %w", err)
	}
	return js, nil
}

// Source pulls raw articles from the shared durable consumer in bounded
// batches. At most Batch messages are buffered in the client, so a
// message never waits in a client buffer long enough to outlive its ack
// wait while the pipeline is busy. If the consumer is deleted, Source
// recreates the topology and resumes.
//
// Next must be called from one goroutine; Drain and Stop may be called
// from any goroutine, more than once.
type Source struct {
	js    jetstream.JetStream
	topo  Topology
	batch int
	log   *zap.Logger

	// floor is the consumer's last known ack floor (stream sequence):
	// a consumer recreated after deletion starts after it instead of
	// redelivering the whole stream.
	floor  atomic.Uint64
	opened bool // Open succeeded once; later opens are recoveries

	mu      sync.Mutex
	it      jetstream.MessagesContext
	closing bool
	closed  chan struct{}
	once    sync.Once
}

// pullExpiry is the lifetime of one pull request of a Source.
const pullExpiry = 5 * time.Second

// NewSource returns a Source on t's consumer. Call Open before Next.
func NewSource(js jetstream.JetStream, t Topology, batch int, log *zap.Logger) *Source {
	return &Source{js: js, topo: t, batch: max(batch, 1), log: log, closed: make(chan struct{})}
}

// Open ensures the topology exists and starts pulling.
func (s *Source) Open(ctx context.Context) error {
	cons, err := s.bind(ctx)
	if err != nil {
		return err
	}
	s.ObserveAckFloor(cons.CachedInfo().AckFloor.Stream)
	// A short pull expiry (heartbeats every half of it) bounds how long a
	// pull request that died with its server (a consumer leader lost in a
	// cluster while this client stays connected to another node) goes
	// unnoticed: with the client's default of 30 s, events stopped for
	// about 27 s after a leader loss (TestConsumerLeaderLossResumesPull
	// in internal/faults); a new request every 5 s costs nothing.
	it, err := cons.Messages(jetstream.PullMaxMessages(s.batch), jetstream.PullExpiry(pullExpiry))
	if err != nil {
		return fmt.Errorf("pull from consumer %s: %w", s.topo.Consumer, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		it.Stop()
		return ErrSourceClosed
	}
	s.it = it
	return nil
}

// ObserveAckFloor records the consumer's ack floor as seen by a poller
// (see [Check]); it only moves forward.
func (s *Source) ObserveAckFloor(seq uint64) {
	for {
		cur := s.floor.Load()
		if seq <= cur || s.floor.CompareAndSwap(cur, seq) {
			return
		}
	}
}

// bind returns the shared consumer. The first time it ensures the whole
// topology (creating or updating streams and consumer). Later, when
// recovering, it binds to the consumer if it exists and otherwise
// recreates it starting after the last known ack floor: recreating with
// the configured DeliverAll would redeliver every stored article, far
// more than the duplicate window can absorb. Messages between the floor
// and the deletion may be processed twice; those fall in the duplicate
// window unless the consumer stayed deleted for longer than it.
func (s *Source) bind(ctx context.Context) (jetstream.Consumer, error) {
	if !s.opened {
		cons, err := Ensure(ctx, s.js, s.topo)
		if err != nil {
			return nil, err
		}
		s.opened = true
		return cons, nil
	}
	if err := CreateMissingStreams(ctx, s.js, s.topo); err != nil {
		return nil, err
	}
	cons, err := s.js.Consumer(ctx, s.topo.RawStream, s.topo.Consumer)
	if err == nil {
		return cons, nil
	}
	if !errors.Is(err, jetstream.ErrConsumerNotFound) {
		return nil, fmt.Errorf("look up consumer %s: %w", s.topo.Consumer, err)
	}
	cfg := s.topo.consumerConfig()
	if f := s.floor.Load(); f > 0 {
		cfg.DeliverPolicy = jetstream.DeliverByStartSequencePolicy
		cfg.OptStartSeq = f + 1
	}
	cons, err = s.js.CreateConsumer(ctx, s.topo.RawStream, cfg)
	if errors.Is(err, jetstream.ErrConsumerExists) {
		// Another replica recreated it first.
		return s.js.Consumer(ctx, s.topo.RawStream, s.topo.Consumer)
	}
	if err != nil {
		return nil, fmt.Errorf("recreate consumer %s: %w", s.topo.Consumer, err)
	}
	s.log.Warn("recreated the deleted consumer", zap.String("consumer", s.topo.Consumer), zap.Uint64("start_sequence", cfg.OptStartSeq))
	return cons, nil
}

// Next blocks until a message is available. It returns ErrSourceClosed
// after Drain or Stop once the client buffer is empty. Transient pull
// errors (missed heartbeats, a deleted consumer) are handled inside: the
// consumer is recreated with backoff and pulling resumes.
func (s *Source) Next(ctx context.Context) (*Delivery, error) {
	wait := 100 * time.Millisecond
	for {
		s.mu.Lock()
		it, closing := s.it, s.closing
		s.mu.Unlock()
		if it == nil {
			if closing {
				return nil, ErrSourceClosed
			}
			if err := s.Open(ctx); err != nil {
				if errors.Is(err, ErrSourceClosed) {
					return nil, err
				}
				s.log.Warn("reopen consumer", zap.Error(err), zap.Duration("retry_in", wait))
				if err := sleepCtx(ctx, wait); err != nil {
					return nil, err
				}
				wait = min(2*wait, 5*time.Second)
				continue
			}
			s.log.Info("consumer reopened", zap.String("consumer", s.topo.Consumer))
			continue
		}
		msg, err := it.Next()
		if err == nil {
			return newDelivery(msg)
		}
		switch {
		case errors.Is(err, jetstream.ErrMsgIteratorClosed):
			s.mu.Lock()
			closing = s.closing
			if !closing {
				s.it = nil // closed under us, e.g. the connection: reopen
			}
			s.mu.Unlock()
			if closing {
				s.once.Do(func() { close(s.closed) })
				return nil, ErrSourceClosed
			}
			if err := sleepCtx(ctx, wait); err != nil {
				return nil, err
			}
		case errors.Is(err, jetstream.ErrConsumerDeleted), errors.Is(err, jetstream.ErrConsumerNotFound):
			s.log.Warn("consumer gone, recreating", zap.Error(err))
			it.Stop()
			s.mu.Lock()
			if !s.closing {
				s.it = nil
			}
			s.mu.Unlock()
		default:
			// Missed heartbeats and similar: the iterator keeps pulling.
			s.log.Debug("pull", zap.Error(err))
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
}

// Drain stops pulling new messages; Next keeps returning what is already
// buffered, then ErrSourceClosed.
func (s *Source) Drain() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closing = true
	if s.it != nil {
		s.it.Drain()
	} else {
		s.once.Do(func() { close(s.closed) })
	}
}

// Stop stops pulling and drops buffered messages (they are redelivered
// after their ack wait).
func (s *Source) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closing = true
	if s.it != nil {
		s.it.Stop()
	}
	s.once.Do(func() { close(s.closed) })
}

// Closed is closed once the source has stopped handing out messages.
func (s *Source) Closed() <-chan struct{} { return s.closed }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Delivery is one raw message pulled from the consumer, with the
// acknowledgement decisions the worker can take on it.
type Delivery struct {
	msg  jetstream.Msg
	meta *jetstream.MsgMetadata
}

func newDelivery(msg jetstream.Msg) (*Delivery, error) {
	meta, err := msg.Metadata()
	if err != nil {
		// Not a JetStream message: nothing to ack; say so loudly.
		return nil, fmt.Errorf("message on %s has no jetstream metadata: %w", msg.Subject(), err)
	}
	return &Delivery{msg: msg, meta: meta}, nil
}

// Data is the payload. Subject is the raw subject.
func (d *Delivery) Data() []byte    { return d.msg.Data() }
func (d *Delivery) Subject() string { return d.msg.Subject() }

// Header returns the first value of a header, or "".
func (d *Delivery) Header(key string) string { return d.msg.Headers().Get(key) }

// Headers returns the message headers; callers must not modify them.
func (d *Delivery) Headers() map[string][]string { return d.msg.Headers() }

// Stream, Sequence, Delivered and Timestamp come from the JetStream
// metadata: the stream sequence is stable across redeliveries.
func (d *Delivery) Stream() string       { return d.meta.Stream }
func (d *Delivery) Sequence() uint64     { return d.meta.Sequence.Stream }
func (d *Delivery) Delivered() uint64    { return d.meta.NumDelivered }
func (d *Delivery) Timestamp() time.Time { return d.meta.Timestamp }

// Ack acknowledges the message; with double it waits for the server to
// confirm the ack, which closes the window in which a lost ack causes a
// redelivery, at the cost of a round trip.
func (d *Delivery) Ack(ctx context.Context, double bool) error {
	if double {
		return d.msg.DoubleAck(ctx)
	}
	return d.msg.Ack()
}

// Term tells the server never to redeliver the message, with a reason
// that appears in the server's advisory.
func (d *Delivery) Term(reason string) error { return d.msg.TermWithReason(reason) }

// NakWithDelay asks for redelivery after delay.
func (d *Delivery) NakWithDelay(delay time.Duration) error { return d.msg.NakWithDelay(delay) }

// InProgress resets the ack wait timer for long work.
func (d *Delivery) InProgress() error { return d.msg.InProgress() }
