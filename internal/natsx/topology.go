package natsx

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Topology names the streams and the shared consumer and holds their
// settings. The zero value is not usable; start from [DefaultTopology].
type Topology struct {
	RawStream      string
	RawPrefix      string // raw subjects are RawPrefix.<source>
	EnrichedStream string
	EnrichedPrefix string
	DLQStream      string
	DLQPrefix      string
	// Consumer is the durable pull consumer on RawStream that every worker
	// replica shares.
	Consumer string

	Replicas int
	// MaxAge of raw and enriched messages; the dead-letter stream keeps
	// messages DLQMaxAge so that an operator has time to look.
	MaxAge    time.Duration
	DLQMaxAge time.Duration
	// DuplicateWindow is the Nats-Msg-Id deduplication window of every
	// stream; on the enriched stream it must cover the longest redelivery
	// delay so that a redelivered raw message never yields a second event.
	DuplicateWindow time.Duration
	MaxAckPending   int
	AckWait         time.Duration
	MaxDeliver      int

	// StartSequence or StartTime, when set, make the consumer start there
	// instead of at the beginning of the stream (replay; see ReplayFrom).
	// They only apply when the consumer is created: JetStream cannot move
	// an existing consumer's start.
	StartSequence uint64
	StartTime     time.Time
}

// ReplayFrom configures t to reprocess stored raw articles from spec: a
// stream sequence ("seq:1200" or a bare number) or an RFC 3339 time. The
// replay runs on its own durable consumer, "<consumer>-replay-v<version>",
// so the live consumer is untouched and replicas of the same replay share
// the work; with a new pipeline version the events get new ids, with the
// same version they are duplicates the enriched stream drops within its
// window.
func (t *Topology) ReplayFrom(spec, pipelineVersion string) error {
	spec = strings.TrimSpace(spec)
	if n, err := strconv.ParseUint(strings.TrimPrefix(spec, "seq:"), 10, 64); err == nil {
		if n == 0 {
			return errors.New("replay from sequence 0: sequences start at 1")
		}
		t.StartSequence = n
	} else if ts, err := time.Parse(time.RFC3339, spec); err == nil {
		t.StartTime = ts
	} else {
		return fmt.Errorf("replay from %q: want a stream sequence (seq:N) or an RFC 3339 time", spec)
	}
	t.Consumer = t.Consumer + "-replay-v" + strings.NewReplacer(".", "_", "*", "_", ">", "_", " ", "_").Replace(pipelineVersion)
	return nil
}

// DefaultTopology returns the stream and consumer layout wirestream uses
// unless configured otherwise.
func DefaultTopology() Topology {
	return Topology{
		RawStream:       "ARTICLES_RAW",
		RawPrefix:       "articles.raw",
		EnrichedStream:  "ARTICLES_ENRICHED",
		EnrichedPrefix:  "articles.enriched",
		DLQStream:       "ARTICLES_DLQ",
		DLQPrefix:       "articles.dlq",
		Consumer:        "enrich",
		Replicas:        1,
		MaxAge:          7 * 24 * time.Hour,
		DLQMaxAge:       30 * 24 * time.Hour,
		DuplicateWindow: 20 * time.Minute,
		MaxAckPending:   2048,
		AckWait:         30 * time.Second,
		MaxDeliver:      5,
	}
}

// Validate reports settings JetStream would reject or that break the
// no-duplicates guarantee.
func (t Topology) Validate() error {
	switch {
	case t.RawStream == "" || t.EnrichedStream == "" || t.DLQStream == "" || t.Consumer == "":
		return errors.New("topology: stream and consumer names must be set")
	case t.RawPrefix == "" || t.EnrichedPrefix == "" || t.DLQPrefix == "":
		return errors.New("topology: subject prefixes must be set")
	case t.Replicas < 1 || t.Replicas > 5:
		return fmt.Errorf("topology: replicas %d not in 1..5", t.Replicas)
	case t.AckWait < time.Second:
		return fmt.Errorf("topology: ack wait %s is under 1s", t.AckWait)
	case t.MaxDeliver < 1:
		return fmt.Errorf("topology: max deliver %d must be at least 1", t.MaxDeliver)
	case t.MaxAckPending < 1:
		return fmt.Errorf("topology: max ack pending %d must be at least 1", t.MaxAckPending)
	case t.DuplicateWindow < time.Duration(t.MaxDeliver)*t.AckWait:
		return fmt.Errorf("topology: duplicate window %s is shorter than max deliver × ack wait (%s); redeliveries could produce duplicate events",
			t.DuplicateWindow, time.Duration(t.MaxDeliver)*t.AckWait)
	}
	return nil
}

// RawSubject, EnrichedSubject and DLQSubject return the subject for a source.
func (t Topology) RawSubject(source string) string      { return t.RawPrefix + "." + source }
func (t Topology) EnrichedSubject(source string) string { return t.EnrichedPrefix + "." + source }
func (t Topology) DLQSubject(source string) string      { return t.DLQPrefix + "." + source }

func (t Topology) streamConfigs() []jetstream.StreamConfig {
	mk := func(name, prefix string, age time.Duration) jetstream.StreamConfig {
		return jetstream.StreamConfig{
			Name:       name,
			Subjects:   []string{prefix + ".>"},
			Storage:    jetstream.FileStorage,
			Retention:  jetstream.LimitsPolicy,
			Replicas:   t.Replicas,
			MaxAge:     age,
			Duplicates: t.DuplicateWindow,
			Discard:    jetstream.DiscardOld,
		}
	}
	return []jetstream.StreamConfig{
		mk(t.RawStream, t.RawPrefix, t.MaxAge),
		mk(t.EnrichedStream, t.EnrichedPrefix, t.MaxAge),
		mk(t.DLQStream, t.DLQPrefix, t.DLQMaxAge),
	}
}

func (t Topology) consumerConfig() jetstream.ConsumerConfig {
	c := jetstream.ConsumerConfig{
		Durable:       t.Consumer,
		Description:   "wirestream workers: raw articles to enriched events",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       t.AckWait,
		MaxDeliver:    t.MaxDeliver,
		MaxAckPending: t.MaxAckPending,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		FilterSubject: t.RawPrefix + ".>",
		Replicas:      t.Replicas,
	}
	switch {
	case t.StartSequence > 0:
		c.DeliverPolicy, c.OptStartSeq = jetstream.DeliverByStartSequencePolicy, t.StartSequence
	case !t.StartTime.IsZero():
		st := t.StartTime
		c.DeliverPolicy, c.OptStartTime = jetstream.DeliverByStartTimePolicy, &st
	}
	return c
}

// Ensure creates the three streams and the shared consumer, or updates them
// to t's settings when they exist. It is idempotent and safe to run from
// many replicas at once.
func Ensure(ctx context.Context, js jetstream.JetStream, t Topology) (jetstream.Consumer, error) {
	for _, sc := range t.streamConfigs() {
		if _, err := js.CreateOrUpdateStream(ctx, sc); err != nil {
			return nil, fmt.Errorf("create or update stream %s: %w", sc.Name, err)
		}
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, t.RawStream, t.consumerConfig())
	if err != nil {
		return nil, fmt.Errorf("create or update consumer %s on %s: %w", t.Consumer, t.RawStream, err)
	}
	return cons, nil
}

// CreateMissingStreams creates any of the streams that does not exist,
// leaving existing ones as they are (the worker owns their settings), so
// that a publisher can run before any worker.
func CreateMissingStreams(ctx context.Context, js jetstream.JetStream, t Topology) error {
	for _, sc := range t.streamConfigs() {
		_, err := js.Stream(ctx, sc.Name)
		if err == nil {
			continue
		}
		if !errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("look up stream %s: %w", sc.Name, err)
		}
		if _, err := js.CreateStream(ctx, sc); err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return fmt.Errorf("create stream %s: %w", sc.Name, err)
		}
	}
	return nil
}

// ConsumerState is the part of the consumer's info that shows lag.
type ConsumerState struct {
	// Pending is the number of messages not yet delivered (the lag).
	Pending uint64
	// AckPending is delivered but not yet acknowledged.
	AckPending int
	// Redelivered is delivered more than once and not yet acknowledged.
	Redelivered int
	// Waiting is the number of outstanding pull requests.
	Waiting int
	// AckFloor is the stream sequence below which everything is acked.
	AckFloor uint64
}

// Check verifies that the streams and the consumer exist and returns the
// consumer's state. It backs /readyz and the consumer metrics.
func Check(ctx context.Context, js jetstream.JetStream, t Topology) (ConsumerState, error) {
	for _, name := range []string{t.RawStream, t.EnrichedStream, t.DLQStream} {
		if _, err := js.Stream(ctx, name); err != nil {
			return ConsumerState{}, fmt.Errorf("stream %s: %w", name, err)
		}
	}
	cons, err := js.Consumer(ctx, t.RawStream, t.Consumer)
	if err != nil {
		return ConsumerState{}, fmt.Errorf("consumer %s: %w", t.Consumer, err)
	}
	info := cons.CachedInfo()
	return ConsumerState{
		Pending:     info.NumPending,
		AckPending:  info.NumAckPending,
		Redelivered: info.NumRedelivered,
		Waiting:     info.NumWaiting,
		AckFloor:    info.AckFloor.Stream,
	}, nil
}
