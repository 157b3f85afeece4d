package worker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"go.uber.org/zap"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/metrics"
	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/pipeline"
)

// Dead-letter reasons the worker itself raises, next to the stages'
// [extract.Reason] values.
const (
	ReasonTooLarge   = string(extract.ReasonTooLarge)
	ReasonPanic      = "panic"
	ReasonTimeout    = "timeout"
	ReasonMaxDeliver = "max_deliver"
	ReasonEncode     = "encode"
)

// Dead-letter record headers.
const (
	HeaderErrorStage       = "Wirestream-Error-Stage"
	HeaderErrorReason      = "Wirestream-Error-Reason"
	HeaderErrorDetail      = "Wirestream-Error-Detail"
	HeaderOriginalSubject  = "Wirestream-Original-Subject"
	HeaderOriginalStream   = "Wirestream-Original-Stream"
	HeaderOriginalSequence = "Wirestream-Original-Sequence"
	HeaderDeliveryCount    = "Wirestream-Delivery-Count"
	HeaderPipelineVersion  = "Wirestream-Pipeline-Version"

	headerMsgID = "Nats-Msg-Id"
	maxDetail   = 1024 // bytes of error detail kept in a header
)

// pendingAck is a published message waiting for its acknowledgement,
// after which the raw delivery is acked (event) or terminated (dead letter).
type pendingAck struct {
	delivery *natsx.Delivery
	pub      *natsx.Pending
	kind     string // metrics.PublishEnriched or metrics.PublishDeadLetter
	reason   string // dead-letter reason
	sent     time.Time
}

// failure is a classified pipeline error.
type failure struct {
	permanent bool
	reason    string
	stage     string
	err       error
}

// classify sorts a pipeline error into permanent (dead-letter now, with a
// reason) or transient (retry later). service names the stages that wait on
// a service (extract.ServiceStage).
func classify(r pipeline.Result[*extract.Document], service map[string]bool) failure {
	f := failure{stage: r.FailedStage, err: r.Err}
	var ie *extract.InputError
	var te *pipeline.TimeoutError
	switch {
	case errors.As(r.Err, &ie):
		f.permanent, f.reason = true, string(ie.Reason)
	case errors.Is(r.Err, pipeline.ErrPanic):
		f.permanent, f.reason = true, ReasonPanic
	case errors.As(r.Err, &te) && (te.Queued || service[te.Stage]):
		// Time ran out waiting in queues (backpressure) or on a service
		// (the KV index while the server is away): the article is not at
		// fault, so it is retried like any transient failure.
	case errors.Is(r.Err, pipeline.ErrTimeout):
		// A computing stage that overruns on an article will overrun
		// again: the cause is the article, so retrying only delays the
		// feed.
		f.permanent, f.reason = true, ReasonTimeout
	}
	return f
}

// dispatch takes pipeline results and publishes the event or the
// dead-letter record, handing the pending publish to settle. Transient
// failures are nak'ed with backoff right here.
func (w *Worker) dispatch(ctx context.Context, out <-chan pipeline.Result[*extract.Document], acks chan<- pendingAck, slots <-chan struct{}) error {
	for r := range out {
		doc := r.Item
		d := doc.Handle.(*natsx.Delivery)
		if r.Err == nil {
			msg, err := w.eventMessage(doc)
			if err != nil {
				r.Err, r.FailedStage = fmt.Errorf("%w: %v", errEncode, err), "publish"
			} else {
				w.publish(ctx, acks, slots, d, msg, metrics.PublishEnriched, "")
				continue
			}
		}
		f := classify(r, w.service)
		if errors.Is(r.Err, errEncode) {
			f.permanent, f.reason = true, ReasonEncode
		}
		if !f.permanent && d.Delivered() >= uint64(w.cfg.Topology.MaxDeliver) {
			f.permanent, f.reason = true, ReasonMaxDeliver
		}
		if !f.permanent {
			w.retry(d, f.stage, f.err)
			w.release(slots, d)
			continue
		}
		w.logDeadLetter(d, f)
		w.publish(ctx, acks, slots, d, w.deadLetter(d, f), metrics.PublishDeadLetter, f.reason)
	}
	return nil
}

var errEncode = errors.New("encode event")

func (w *Worker) publish(ctx context.Context, acks chan<- pendingAck, slots <-chan struct{}, d *natsx.Delivery, msg natsx.Message, kind, reason string) {
	pub, err := w.sink.PublishAsync(msg)
	if err != nil {
		w.m.PublishErrors.WithLabelValues(kind).Inc()
		w.retry(d, "publish", err)
		w.release(slots, d)
		return
	}
	w.m.PublishPending.Inc()
	select {
	case acks <- pendingAck{delivery: d, pub: pub, kind: kind, reason: reason, sent: w.now()}:
	case <-ctx.Done():
	}
}

// settle waits for each publish's acknowledgement, in publish order, and
// only then acks or terminates the raw message: a crash between the two
// leaves the raw message unacked, and its redelivery is deduplicated by
// the event's Nats-Msg-Id.
func (w *Worker) settle(ctx context.Context, acks <-chan pendingAck, slots <-chan struct{}) error {
	for p := range acks {
		res, err := p.pub.Wait(ctx)
		w.m.PublishPending.Dec()
		now := w.now()
		if err != nil {
			w.m.PublishErrors.WithLabelValues(p.kind).Inc()
			w.retry(p.delivery, "publish", err)
			w.release(slots, p.delivery)
			continue
		}
		w.m.PublishDuration.WithLabelValues(p.kind).Observe(now.Sub(p.sent).Seconds())
		switch p.kind {
		case metrics.PublishEnriched:
			if err := p.delivery.Ack(ctx, w.cfg.DoubleAck); err != nil {
				// The event is stored; the redelivery will be a duplicate
				// that the stream drops, so this costs work, not data.
				w.log.Warn("ack after publish", zap.String("subject", p.delivery.Subject()), zap.Uint64("seq", p.delivery.Sequence()), zap.Error(err))
			}
			if res.Duplicate {
				w.m.Outcomes.WithLabelValues(metrics.OutcomeDuplicate).Inc()
			} else {
				w.m.Outcomes.WithLabelValues(metrics.OutcomeEnriched).Inc()
				w.m.EndToEnd.Observe(now.Sub(p.delivery.Timestamp()).Seconds())
			}
		case metrics.PublishDeadLetter:
			if err := p.delivery.Term(p.reason); err != nil {
				w.log.Warn("term after dead letter", zap.String("subject", p.delivery.Subject()), zap.Uint64("seq", p.delivery.Sequence()), zap.Error(err))
			}
			w.m.Outcomes.WithLabelValues(metrics.OutcomeDeadLettered).Inc()
			w.m.DeadLetter(p.reason, 1)
		}
		w.release(slots, p.delivery)
	}
	return nil
}

// release frees d's in-flight slot once d is settled.
func (w *Worker) release(slots <-chan struct{}, d *natsx.Delivery) {
	w.progress.remove(d)
	<-slots
	w.m.InFlight.Dec()
}

// retry naks d for redelivery after an exponential backoff with jitter:
// never a plain Nak, which would redeliver at once and storm.
func (w *Worker) retry(d *natsx.Delivery, stage string, cause error) {
	delay := w.cfg.NakDelay
	for i := uint64(1); i < d.Delivered() && delay < w.cfg.MaxNakDelay; i++ {
		delay *= 2
	}
	delay = min(delay, w.cfg.MaxNakDelay)
	delay = delay/2 + rand.N(delay/2+1)
	w.log.Warn("transient failure, will retry",
		zap.String("subject", d.Subject()), zap.Uint64("seq", d.Sequence()), zap.Uint64("delivered", d.Delivered()),
		zap.String("stage", stage), zap.Duration("retry_in", delay), zap.Error(cause))
	if err := d.NakWithDelay(delay); err != nil {
		w.log.Warn("nak", zap.Uint64("seq", d.Sequence()), zap.Error(err))
	}
	w.m.Outcomes.WithLabelValues(metrics.OutcomeRetried).Inc()
}

func (w *Worker) logDeadLetter(d *natsx.Delivery, f failure) {
	fields := []zap.Field{
		zap.String("subject", d.Subject()), zap.Uint64("seq", d.Sequence()), zap.Uint64("delivered", d.Delivered()),
		zap.String("stage", f.stage), zap.String("reason", f.reason), zap.Error(f.err),
	}
	var pe *pipeline.PanicError
	if errors.As(f.err, &pe) {
		w.log.Error("stage panicked; dead-lettering the message", append(fields, zap.ByteString("stack", pe.Stack))...)
		return
	}
	w.log.Warn("dead-lettering message", fields...)
}

// rawID identifies the raw message across redeliveries: the publisher's
// Nats-Msg-Id when it set one, else the stream sequence.
func rawID(d *natsx.Delivery) string {
	if id := d.Header(headerMsgID); id != "" {
		return id
	}
	return d.Stream() + ":" + strconv.FormatUint(d.Sequence(), 10)
}

// EventID is the deterministic id of the event made from the raw message
// with id raw under an event schema version and a pipeline version: the
// same raw message always yields the same Nats-Msg-Id, so JetStream drops
// the event of a redelivery or of a replay in the same generation.
func EventID(raw, schemaVersion, pipelineVersion string) string {
	h := sha256.Sum256([]byte("wirestream-event\x00" + schemaVersion + "\x00" + pipelineVersion + "\x00" + raw))
	return hex.EncodeToString(h[:16])
}

func (w *Worker) eventMessage(doc *extract.Document) (natsx.Message, error) {
	d := doc.Handle.(*natsx.Delivery)
	ev := &doc.Event
	ev.SchemaVersion = event.SchemaVersion
	ev.ID = EventID(rawID(d), event.SchemaVersion, w.cfg.PipelineVersion)
	if ev.ArticleID == "" {
		ev.ArticleID = rawID(d)
	}
	ev.Raw = event.RawRef{
		Stream: d.Stream(), Sequence: d.Sequence(), Subject: d.Subject(), MsgID: d.Header(headerMsgID),
		Delivered: d.Delivered(), Published: d.Timestamp().UTC(), Bytes: len(d.Data()),
	}
	ev.Pipeline.Version = w.cfg.PipelineVersion
	ev.Pipeline.Build = w.cfg.BuildVersion
	ev.Pipeline.ProcessedAt = w.now().UTC()
	if ev.Entities == nil {
		ev.Entities = []event.Entity{}
	}
	if ev.Paragraphs == nil {
		ev.Paragraphs = []event.Paragraph{}
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return natsx.Message{}, err
	}
	return natsx.Message{
		Subject: w.cfg.Topology.EnrichedSubject(doc.Raw.Source),
		Data:    data,
		MsgID:   ev.ID,
		Header: map[string][]string{
			"Content-Type":        {"application/json"},
			"ce-specversion":      {"1.0"},
			"ce-id":               {ev.ID},
			"ce-source":           {"wirestream/" + doc.Raw.Source},
			"ce-type":             {event.Type},
			"ce-time":             {ev.Pipeline.ProcessedAt.Format(time.RFC3339Nano)},
			"ce-subject":          {ev.ArticleID},
			HeaderPipelineVersion: {w.cfg.PipelineVersion},
		},
	}, nil
}

// deadLetter builds the dead-letter record: the original payload and
// headers plus why, where and when it failed. Its Nats-Msg-Id derives from
// the raw message, so a redelivered poison message is recorded once.
func (w *Worker) deadLetter(d *natsx.Delivery, f failure) natsx.Message {
	h := make(map[string][]string, len(d.Headers())+8)
	for k, v := range d.Headers() {
		if k == headerMsgID {
			continue
		}
		h[k] = v
	}
	detail := ""
	if f.err != nil {
		detail = f.err.Error()
		if len(detail) > maxDetail {
			detail = detail[:maxDetail]
		}
	}
	stage := f.stage
	if stage == "" {
		stage = "worker"
	}
	h[HeaderErrorStage] = []string{stage}
	h[HeaderErrorReason] = []string{f.reason}
	h[HeaderErrorDetail] = []string{sanitizeHeader(detail)}
	h[HeaderOriginalSubject] = []string{d.Subject()}
	h[HeaderOriginalStream] = []string{d.Stream()}
	h[HeaderOriginalSequence] = []string{strconv.FormatUint(d.Sequence(), 10)}
	h[HeaderDeliveryCount] = []string{strconv.FormatUint(d.Delivered(), 10)}
	h[HeaderPipelineVersion] = []string{w.cfg.PipelineVersion}
	subj := d.Subject()
	return natsx.Message{
		Subject: w.cfg.Topology.DLQSubject(subj[lastDot(subj)+1:]),
		Data:    d.Data(),
		Header:  h,
		MsgID:   "dlq:" + rawID(d),
	}
}

// sanitizeHeader keeps a header value on one line: NATS headers are
// line-delimited, so CR and LF from an error message would corrupt them.
func sanitizeHeader(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\r' || c == '\n' || c < 0x20 && c != '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}
