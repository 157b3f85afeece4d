package publish

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/wirestream/wirestream/internal/natsx"
)

// Stats sums up a publishing run.
type Stats struct {
	Published  int // stored by the server
	Duplicates int // dropped by the server as already stored (same Nats-Msg-Id)
	Failed     int
	Bytes      int64 // payload bytes of stored messages
	Elapsed    time.Duration
	// FirstError is the first publish failure, for the summary.
	FirstError error
}

// Rate returns messages and megabytes (10^6 bytes) per second.
func (s Stats) Rate() (msgs, mb float64) {
	sec := s.Elapsed.Seconds()
	if sec <= 0 {
		return 0, 0
	}
	return float64(s.Published+s.Duplicates) / sec, float64(s.Bytes) / 1e6 / sec
}

// Publisher publishes articles asynchronously, with at most MaxPending
// unacknowledged at once, optionally rate-limited. Publish is for one
// goroutine; Close waits for the remaining acknowledgements.
type Publisher struct {
	sink    *natsx.Sink
	subject string
	source  string
	limiter *rate.Limiter
	// OnAck is called after each acknowledgement (for a progress bar);
	// it runs on the collector goroutine.
	onAck func(Stats)

	pending chan inflight
	done    chan struct{}
	start   time.Time

	mu    sync.Mutex
	stats Stats
}

type inflight struct {
	p    *natsx.Pending
	size int
}

// Options configures a Publisher.
type Options struct {
	Subject    string
	Source     string
	MaxPending int
	// Rate caps messages per second; 0 publishes as fast as the server acks.
	Rate  float64
	OnAck func(Stats)
	// AckTimeout bounds the wait for each acknowledgement.
	AckTimeout time.Duration
}

// New starts a Publisher; its collector goroutine ends in Close.
func New(sink *natsx.Sink, o Options) *Publisher {
	p := &Publisher{
		sink:    sink,
		subject: o.Subject,
		source:  o.Source,
		onAck:   o.OnAck,
		pending: make(chan inflight, max(o.MaxPending, 1)), // the ack-window bound
		done:    make(chan struct{}),
		start:   time.Now(),
	}
	if o.Rate > 0 {
		p.limiter = rate.NewLimiter(rate.Limit(o.Rate), max(1, int(o.Rate/10)))
	}
	timeout := o.AckTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	go p.collect(timeout)
	return p
}

// Publish sends a, waiting first for the rate limiter and for room in the
// ack window.
func (p *Publisher) Publish(ctx context.Context, a Article) error {
	if p.limiter != nil {
		if err := p.limiter.Wait(ctx); err != nil {
			return err
		}
	}
	m := natsx.Message{
		Subject: p.subject,
		Data:    a.Payload,
		MsgID:   MsgID(p.source, a),
		Header:  map[string][]string{"Content-Type": {ContentType(a.Format)}},
	}
	pa, err := p.sink.PublishAsync(m)
	if err != nil {
		return fmt.Errorf("publish %s: %w", a.Name, err)
	}
	select {
	case p.pending <- inflight{p: pa, size: len(a.Payload)}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Publisher) collect(timeout time.Duration) {
	defer close(p.done)
	for f := range p.pending {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		res, err := f.p.Wait(ctx)
		cancel()
		p.mu.Lock()
		switch {
		case err != nil:
			p.stats.Failed++
			if p.stats.FirstError == nil {
				p.stats.FirstError = err
			}
		case res.Duplicate:
			p.stats.Duplicates++
		default:
			p.stats.Published++
			p.stats.Bytes += int64(f.size)
		}
		s := p.stats
		p.mu.Unlock()
		if p.onAck != nil {
			p.onAck(s)
		}
	}
}

// Stats returns the counts so far.
func (p *Publisher) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	s.Elapsed = time.Since(p.start)
	return s
}

// Close waits for every outstanding acknowledgement and returns the final
// stats. Publish must not be called after Close.
func (p *Publisher) Close() Stats {
	close(p.pending)
	<-p.done
	return p.Stats()
}
