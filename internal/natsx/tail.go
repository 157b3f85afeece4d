package natsx

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// ErrStopTail, returned by a Tail callback, ends Tail without error.
var ErrStopTail = errors.New("stop tail")

// Tail reads stream from its first message (or only new ones when
// newOnly) through an ordered, ephemeral consumer filtered on subject,
// calling fn for each message until ctx ends or fn returns an error. It
// leaves no state on the server.
func Tail(ctx context.Context, js jetstream.JetStream, stream, subject string, newOnly bool,
	fn func(subject string, header map[string][]string, data []byte) error) error {
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}}
	if newOnly {
		cfg.DeliverPolicy = jetstream.DeliverNewPolicy
	}
	cons, err := js.OrderedConsumer(ctx, stream, cfg)
	if err != nil {
		return fmt.Errorf("tail %s: %w", stream, err)
	}
	it, err := cons.Messages()
	if err != nil {
		return fmt.Errorf("tail %s: %w", stream, err)
	}
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	defer it.Stop()
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				return nil
			}
			return fmt.Errorf("tail %s: %w", stream, err)
		}
		if err := fn(msg.Subject(), msg.Headers(), msg.Data()); err != nil {
			if errors.Is(err, ErrStopTail) {
				return nil
			}
			return err
		}
	}
}
