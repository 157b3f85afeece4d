package worker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"go.uber.org/zap"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/eventjson"
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
	msg      natsx.Message // republished in place after a transient failure
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
			switch {
			case err != nil:
				r.Err, r.FailedStage = fmt.Errorf("%w: %v", errEncode, err), "publish"
			case w.tooLarge(msg):
				r.Err, r.FailedStage = fmt.Errorf("%w: enriched event of %d bytes exceeds the server's max payload of %d bytes",
					errEventTooLarge, natsx.Size(msg), w.sink.MaxPayload()), "publish"
			default:
				w.publish(ctx, acks, slots, d, msg, metrics.PublishEnriched, "")
				continue
			}
		}
		f := classify(r, w.service)
		switch {
		case errors.Is(r.Err, errEncode):
			f.permanent, f.reason = true, ReasonEncode
		case errors.Is(r.Err, errEventTooLarge):
			f.permanent, f.reason = true, ReasonTooLarge
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

var (
	errEncode        = errors.New("encode event")
	errEventTooLarge = errors.New("event too large")
)

// tooLarge reports whether m cannot be published because the server's
// max payload is smaller (known only while connected).
func (w *Worker) tooLarge(m natsx.Message) bool {
	limit := w.sink.MaxPayload()
	return limit > 0 && int64(natsx.Size(m)) > limit
}

func (w *Worker) publish(ctx context.Context, acks chan<- pendingAck, slots <-chan struct{}, d *natsx.Delivery, msg natsx.Message, kind, reason string) {
	pub, err := w.sink.PublishAsync(msg)
	if err != nil {
		w.m.PublishErrors.WithLabelValues(kind).Inc()
		if kind == metrics.PublishEnriched && (natsx.IsTooLarge(err) || d.Delivered() >= uint64(w.cfg.Topology.MaxDeliver)) {
			// Retrying cannot help, or JetStream will not redeliver:
			// record the message in the dead-letter stream instead.
			f := failure{permanent: true, reason: ReasonMaxDeliver, stage: "publish", err: err}
			if natsx.IsTooLarge(err) {
				f.reason = ReasonTooLarge
			}
			w.logDeadLetter(d, f)
			w.publish(ctx, acks, slots, d, w.deadLetter(d, f), metrics.PublishDeadLetter, f.reason)
			return
		}
		w.retry(d, "publish", err)
		w.release(slots, d)
		return
	}
	w.m.PublishPending.Inc()
	select {
	case acks <- pendingAck{delivery: d, msg: msg, pub: pub, kind: kind, reason: reason, sent: w.now()}:
	case <-ctx.Done():
	}
}

// settle waits for each publish's acknowledgement, in publish order, and
// only then acks or terminates the raw message: a crash between the two
// leaves the raw message unacked, and its redelivery is deduplicated by
// the event's Nats-Msg-Id.
func (w *Worker) settle(ctx context.Context, acks <-chan pendingAck, slots <-chan struct{}) error {
	for p := range acks {
		res, err := w.await(ctx, &p)
		w.m.PublishPending.Dec()
		now := w.now()
		if err != nil {
			w.publishFailed(ctx, p, err)
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

// await waits for p's publish acknowledgement. A transient failure (the
// downstream stream full, an ack timeout, the server away, a stream leader
// election) is retried in place: the raw message stays in flight, kept from
// redelivery by InProgress, so intake stops at --max-in-flight
// (backpressure instead of cycling the backlog through the pipeline) and
// the delivery count does not creep towards max-deliver while the
// downstream refuses.
//
// The backoff is shared by all pending publishes (settle is their only
// reader): while the downstream refuses, one probe at a time waits an
// exponentially growing, jittered delay; once a publish succeeds, every
// failure of a publish sent before that success is stale and is
// republished at once, so recovery after an outage costs one round trip
// per in-flight message, not one backoff each. await gives up on a
// permanent error, when the worker drains or when ctx ends; the caller
// then settles the message.
func (w *Worker) await(ctx context.Context, p *pendingAck) (natsx.PubResult, error) {
	for attempt := 1; ; attempt++ {
		res, err := p.pub.Wait(ctx)
		if err == nil {
			w.pubOK, w.pubDelay = w.now(), 0
			return res, nil
		}
		if natsx.IsTooLarge(err) || ctx.Err() != nil {
			return res, err
		}
		w.m.PublishErrors.WithLabelValues(p.kind).Inc()
		if !p.sent.Before(w.pubOK) {
			// Not stale: the downstream still refuses. Back off.
			if w.pubDelay == 0 {
				w.pubDelay = w.cfg.NakDelay
			}
			delay := w.pubDelay/2 + rand.N(w.pubDelay/2+1)
			w.pubDelay = min(2*w.pubDelay, w.cfg.MaxNakDelay)
			w.log.Warn("publish failed; retrying in place",
				zap.String("subject", p.delivery.Subject()), zap.Uint64("seq", p.delivery.Sequence()),
				zap.Int("attempt", attempt), zap.Duration("retry_in", delay), zap.Error(err))
			if !w.sleep(ctx, delay) {
				return res, err
			}
		}
		for {
			p.sent = w.now()
			pub, perr := w.sink.PublishAsync(p.msg)
			if perr == nil {
				p.pub = pub
				break
			}
			if natsx.IsTooLarge(perr) {
				return res, perr
			}
			w.m.PublishErrors.WithLabelValues(p.kind).Inc()
			if w.pubDelay == 0 {
				w.pubDelay = w.cfg.NakDelay
			}
			delay := w.pubDelay
			w.pubDelay = min(2*w.pubDelay, w.cfg.MaxNakDelay)
			if !w.sleep(ctx, delay) {
				return res, perr
			}
		}
	}
}

// sleep waits d; it reports false, early, when the worker drains or ctx
// ends.
func (w *Worker) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-w.draining:
		return false
	case <-ctx.Done():
		return false
	}
}

// publishFailed settles a message whose publish failed for good (see
// await). An event that can never be stored, or whose raw message is on
// its last delivery, goes to the dead-letter stream (published and waited
// for here, as settle is the only reader of the acks queue); anything else
// is nak'ed for a later redelivery. A dead-letter record that cannot be
// stored on the last delivery is logged as an error: JetStream will not
// deliver that message again (see docs/reliability.md).
func (w *Worker) publishFailed(ctx context.Context, p pendingAck, err error) {
	d := p.delivery
	last := d.Delivered() >= uint64(w.cfg.Topology.MaxDeliver)
	if p.kind == metrics.PublishEnriched && (natsx.IsTooLarge(err) || last) {
		f := failure{permanent: true, reason: ReasonMaxDeliver, stage: "publish", err: err}
		if natsx.IsTooLarge(err) {
			f.reason = ReasonTooLarge
		}
		w.logDeadLetter(d, f)
		if derr := w.deadLetterNow(ctx, d, f); derr == nil {
			return
		} else {
			err = derr
		}
	}
	if last {
		w.log.Error("cannot settle a message on its last delivery; JetStream will not redeliver it",
			zap.String("subject", d.Subject()), zap.Uint64("seq", d.Sequence()), zap.Error(err))
	}
	w.retry(d, "publish", err)
}

// deadLetterNow publishes f's dead-letter record for d, waits for its
// acknowledgement and terminates d.
func (w *Worker) deadLetterNow(ctx context.Context, d *natsx.Delivery, f failure) error {
	sent := w.now()
	pub, err := w.sink.PublishAsync(w.deadLetter(d, f))
	if err == nil {
		_, err = pub.Wait(ctx)
	}
	if err != nil {
		w.m.PublishErrors.WithLabelValues(metrics.PublishDeadLetter).Inc()
		return err
	}
	w.m.PublishDuration.WithLabelValues(metrics.PublishDeadLetter).Observe(w.now().Sub(sent).Seconds())
	if err := d.Term(f.reason); err != nil {
		w.log.Warn("term after dead letter", zap.String("subject", d.Subject()), zap.Uint64("seq", d.Sequence()), zap.Error(err))
	}
	w.m.Outcomes.WithLabelValues(metrics.OutcomeDeadLettered).Inc()
	w.m.DeadLetter(f.reason, 1)
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
	data, err := eventjson.Marshal(ev)
	if err != nil {
		return natsx.Message{}, err
	}
	// Room for the sink's Nats-Msg-Id too: a map made for eight entries
	// grows into a table for the ninth. The constant values are shared.
	h := make(map[string][]string, 9)
	h["Content-Type"] = contentTypeJSON
	h["ce-specversion"] = ceSpecVersion
	h["ce-id"] = []string{ev.ID}
	h["ce-source"] = []string{"wirestream/" + doc.Raw.Source}
	h["ce-type"] = ceType
	h["ce-time"] = []string{ev.Pipeline.ProcessedAt.Format(time.RFC3339Nano)}
	h["ce-subject"] = []string{ev.ArticleID}
	h[HeaderPipelineVersion] = []string{w.cfg.PipelineVersion}
	return natsx.Message{
		Subject: w.cfg.Topology.EnrichedSubject(doc.Raw.Source),
		Data:    data,
		MsgID:   ev.ID,
		Header:  h,
	}, nil
}

// Header values shared by every event; nothing writes to them.
var (
	contentTypeJSON = []string{"application/json"}
	ceSpecVersion   = []string{"1.0"}
	ceType          = []string{event.Type}
)

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
