package natsx

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Message is one message to publish to a stream.
type Message struct {
	Subject string
	Data    []byte
	Header  map[string][]string
	// MsgID becomes the Nats-Msg-Id header: JetStream drops a second
	// message with the same id within the stream's duplicate window.
	MsgID string
}

// PubResult is the server's acknowledgement of a publish.
type PubResult struct {
	Stream   string
	Sequence uint64
	// Duplicate is true when the server had already stored a message with
	// the same Nats-Msg-Id and dropped this one.
	Duplicate bool
}

// Sink publishes to JetStream. It is safe for concurrent use.
type Sink struct {
	js jetstream.JetStream
}

// NewSink returns a Sink on js; the async bound is js's
// WithPublishAsyncMaxPending (see [NewJetStream]).
func NewSink(js jetstream.JetStream) *Sink { return &Sink{js: js} }

// Pending is an async publish waiting for its acknowledgement.
type Pending struct {
	f jetstream.PubAckFuture
}

// PublishAsync sends m without waiting for the acknowledgement. It blocks
// briefly when the maximum number of pending publishes is reached.
func (s *Sink) PublishAsync(m Message) (*Pending, error) {
	nm := toNatsMsg(m)
	f, err := s.js.PublishMsgAsync(nm)
	if err != nil {
		return nil, fmt.Errorf("publish to %s: %w", m.Subject, err)
	}
	return &Pending{f: f}, nil
}

// Wait blocks until the server acknowledges the publish, the publish
// fails (including the async ack timeout) or ctx ends.
func (p *Pending) Wait(ctx context.Context) (PubResult, error) {
	select {
	case ack := <-p.f.Ok():
		return PubResult{Stream: ack.Stream, Sequence: ack.Sequence, Duplicate: ack.Duplicate}, nil
	case err := <-p.f.Err():
		return PubResult{}, fmt.Errorf("publish to %s: %w", p.f.Msg().Subject, err)
	case <-ctx.Done():
		return PubResult{}, fmt.Errorf("publish to %s: %w", p.f.Msg().Subject, ctx.Err())
	}
}

// Publish sends m and waits for the acknowledgement.
func (s *Sink) Publish(ctx context.Context, m Message) (PubResult, error) {
	ack, err := s.js.PublishMsg(ctx, toNatsMsg(m))
	if err != nil {
		return PubResult{}, fmt.Errorf("publish to %s: %w", m.Subject, err)
	}
	return PubResult{Stream: ack.Stream, Sequence: ack.Sequence, Duplicate: ack.Duplicate}, nil
}

// MaxPayload is the largest message the connected server accepts, headers
// included (0 while disconnected).
func (s *Sink) MaxPayload() int64 { return s.js.Conn().MaxPayload() }

// Size is the size of m on the wire as the server counts it against
// MaxPayload: data plus encoded headers.
func Size(m Message) int {
	n := len(m.Data)
	if len(m.Header) > 0 || m.MsgID != "" {
		n += len("NATS/1.0\r\n\r\n") + len(jetstream.MsgIDHeader) + len(m.MsgID) + 4
		for k, vs := range m.Header {
			for _, v := range vs {
				n += len(k) + len(v) + 4 // "k: v\r\n"
			}
		}
	}
	return n
}

// IsTooLarge reports whether err says a message exceeded the server's
// maximum payload: retrying cannot help.
func IsTooLarge(err error) bool { return errors.Is(err, nats.ErrMaxPayload) }

// PendingCount is the number of async publishes not yet acknowledged.
func (s *Sink) PendingCount() int { return s.js.PublishAsyncPending() }

// Complete is closed when no async publish is pending.
func (s *Sink) Complete() <-chan struct{} { return s.js.PublishAsyncComplete() }

func toNatsMsg(m Message) *nats.Msg {
	nm := &nats.Msg{Subject: m.Subject, Data: m.Data, Header: nats.Header(m.Header)}
	if nm.Header == nil && m.MsgID != "" {
		nm.Header = nats.Header{}
	}
	if m.MsgID != "" {
		nm.Header.Set(jetstream.MsgIDHeader, m.MsgID)
	}
	return nm
}
