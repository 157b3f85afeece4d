package loadbench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/natsx"
)

// ReferenceConfig configures [RunReference].
type ReferenceConfig struct {
	URL      string
	Consumer string // durable pull consumer on the raw stream
	// Batch is the pull batch (PullMaxMessages), MaxInFlight the bound of
	// messages between pull and ack; the worker's defaults are 256 and 1024.
	Batch       int
	MaxInFlight int
	// IDPrefix makes the reference's event ids differ from the worker's and
	// from earlier runs', so that the enriched stream stores every one.
	IDPrefix string
	// EventBytes, when positive, makes the reference publish only the
	// first EventBytes of each payload, so that the server stores as much
	// per event as it does for the worker's (smaller) pass-through events.
	EventBytes int
}

// RunReference is the reference pass-through: the least a service can do
// to move raw articles to the enriched stream with the worker's
// guarantees. It consumes the raw stream in batches on its own durable
// consumer (same settings as the worker's), republishes each payload to
// articles.enriched.<source> with PublishMsgAsync and a deterministic
// Nats-Msg-Id, and acks each raw message after its publish is
// acknowledged, in pull order. It runs until ctx ends.
func RunReference(ctx context.Context, c ReferenceConfig) error {
	nc, err := nats.Connect(c.URL, nats.Name("loadbench-reference"))
	if err != nil {
		return fmt.Errorf("connect %s: %w", c.URL, err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(c.MaxInFlight+64),
		jetstream.WithPublishAsyncTimeout(10*time.Second))
	if err != nil {
		return err
	}
	topo := natsx.DefaultTopology()
	cons, err := js.CreateOrUpdateConsumer(ctx, topo.RawStream, jetstream.ConsumerConfig{
		Durable:       c.Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       topo.AckWait,
		MaxDeliver:    topo.MaxDeliver,
		MaxAckPending: topo.MaxAckPending,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		FilterSubject: topo.RawPrefix + ".>",
	})
	if err != nil {
		return fmt.Errorf("create consumer %s: %w", c.Consumer, err)
	}

	type pending struct {
		raw jetstream.Msg
		ack jetstream.PubAckFuture
	}
	// settle bounds the messages between pull and ack, like the worker's
	// --max-in-flight: when it is full the consume handler blocks, which
	// stops pulling.
	settle := make(chan pending, c.MaxInFlight)
	settled := make(chan struct{})
	go func() {
		defer close(settled)
		for p := range settle {
			select {
			case <-p.ack.Ok():
				_ = p.raw.Ack()
			case <-p.ack.Err():
				_ = p.raw.NakWithDelay(time.Second)
			}
		}
	}()
	rawPrefix := topo.RawPrefix + "."
	enrichedPrefix := topo.EnrichedPrefix + "."
	cc, err := cons.Consume(func(m jetstream.Msg) {
		out := nats.NewMsg(enrichedPrefix + strings.TrimPrefix(m.Subject(), rawPrefix))
		out.Data = m.Data()
		if c.EventBytes > 0 && len(out.Data) > c.EventBytes {
			out.Data = out.Data[:c.EventBytes]
		}
		id := m.Headers().Get(jetstream.MsgIDHeader)
		if id == "" {
			md, _ := m.Metadata()
			if md != nil {
				id = fmt.Sprint(md.Sequence.Stream)
			}
		}
		out.Header.Set(jetstream.MsgIDHeader, c.IDPrefix+id)
		out.Header.Set("Content-Type", "application/octet-stream")
		f, err := js.PublishMsgAsync(out, stallWait)
		if err != nil {
			_ = m.NakWithDelay(time.Second)
			return
		}
		settle <- pending{raw: m, ack: f}
	}, jetstream.PullMaxMessages(c.Batch))
	if err != nil {
		return fmt.Errorf("consume: %w", err)
	}
	<-ctx.Done()
	cc.Drain()
	<-cc.Closed()
	close(settle)
	<-settled
	return nc.Drain()
}
