// Package worker is the message loop of a wirestream worker: it pulls raw
// articles from the shared consumer, runs them through the extraction
// pipeline, publishes enriched events or dead-letter records, and makes
// every acknowledgement decision. It is the one place that decides, logs
// and counts the fate of a message.
package worker

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/metrics"
	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/pipeline"
)

// Config is the worker loop's configuration.
type Config struct {
	Topology natsx.Topology
	// Batch is how many raw messages the client buffers ahead of the
	// pipeline (the pull batch).
	Batch int
	// MaxInFlight bounds the messages between pull and ack; with the
	// pipeline's bounded queues it caps the worker's memory whatever the
	// backlog.
	MaxInFlight int
	// MaxPayload is the largest raw payload accepted; larger ones are
	// dead-lettered before decoding.
	MaxPayload int
	// DoubleAck waits for the server to confirm each ack.
	DoubleAck bool
	// PipelineVersion is the processing generation: it is part of every
	// event id, so bumping it (to reprocess stored articles with new
	// stages) yields new events, while redeliveries and replays within one
	// generation are dropped by the enriched stream's duplicate window.
	// It must not change on an ordinary deploy.
	PipelineVersion string
	// BuildVersion is the binary's version, recorded in every event.
	BuildVersion string
	// NakDelay and MaxNakDelay shape the exponential redelivery backoff
	// for transient failures.
	NakDelay    time.Duration
	MaxNakDelay time.Duration
	// ShutdownTimeout bounds the graceful drain after ctx is cancelled.
	ShutdownTimeout time.Duration
	// Fuse says which stages share goroutines (pipeline.WithFusedStages):
	// FuseNone (or ""); FuseCPU for every run of consecutive stages that
	// only use the CPU (all but the extract.ServiceStage ones, with
	// admit); FuseAuto for the same runs broken around the entities stage,
	// which keeps goroutines of its own; or a comma-separated list of
	// ranges "first-last" of stage names, such as
	// "admit-segment,dates-fingerprint". See docs/design.md for what
	// fusing gains and costs.
	Fuse string
}

// Validate reports an unusable configuration.
func (c Config) Validate() error {
	switch {
	case c.Batch < 1:
		return fmt.Errorf("batch %d must be at least 1", c.Batch)
	case c.MaxInFlight < 1:
		return fmt.Errorf("max in flight %d must be at least 1", c.MaxInFlight)
	case c.MaxPayload < 1:
		return fmt.Errorf("max payload %d must be at least 1", c.MaxPayload)
	case c.NakDelay <= 0 || c.MaxNakDelay < c.NakDelay:
		return fmt.Errorf("nak delay %s / max %s: need 0 < delay <= max", c.NakDelay, c.MaxNakDelay)
	case c.PipelineVersion == "":
		return errors.New("pipeline version is empty")
	case c.ShutdownTimeout <= 0:
		return fmt.Errorf("shutdown timeout %s must be positive", c.ShutdownTimeout)
	}
	return c.Topology.Validate()
}

// Worker runs the loop. Create it with [New] and call Run once.
type Worker struct {
	cfg  Config
	src  *natsx.Source
	sink *natsx.Sink
	pipe *pipeline.Pipeline[*extract.Document]
	m    *metrics.Metrics
	log  *zap.Logger
	now  func() time.Time

	progress progress        // InProgress for slow unsettled messages
	service  map[string]bool // stages that wait on a service (extract.ServiceStage)
	draining chan struct{}   // closed when Run starts its graceful drain

	// Shared publish backoff, owned by settle (see await).
	pubOK    time.Time     // when a publish last succeeded
	pubDelay time.Duration // next backoff; 0 after a success
}

// New wires a worker. stages run in order after the built-in "admit"
// stage (which dead-letters payloads over MaxPayload before any decoding);
// an empty list is a pass-through that still publishes an event per
// message. opts configure the pipeline (concurrency, queue sizes, item
// timeout); the worker adds its own observer.
func New(cfg Config, src *natsx.Source, sink *natsx.Sink, stages []extract.Stage, m *metrics.Metrics, log *zap.Logger, opts ...pipeline.Option) (*Worker, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("worker config: %w", err)
	}
	all := make([]pipeline.Stage[*extract.Document], 0, len(stages)+1)
	all = append(all, admit{maxPayload: cfg.MaxPayload})
	service := map[string]bool{}
	for _, s := range stages {
		all = append(all, s)
		if _, ok := s.(extract.ServiceStage); ok {
			service[s.Name()] = true
		}
	}
	fuse, err := fuseOptions(cfg.Fuse, all)
	if err != nil {
		return nil, fmt.Errorf("worker config: %w", err)
	}
	opts = append(opts, fuse...)
	opts = append(opts, pipeline.WithObserver[*extract.Document](observer{m}))
	pipe, err := pipeline.New(all, opts...)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	reasons := []string{ReasonTooLarge, ReasonPanic, ReasonTimeout, ReasonMaxDeliver, ReasonEncode}
	for _, r := range extract.Reasons() {
		reasons = append(reasons, string(r))
	}
	m.InitReasons(reasons)
	m.InitStages(pipe.Stages(), pipe.QueueCap)
	m.ObserveQueues(pipe.Stages(), pipe.QueueLen)
	return &Worker{cfg: cfg, src: src, sink: sink, pipe: pipe, m: m, log: log, now: time.Now, service: service}, nil
}

// Values of Config.Fuse besides lists of ranges.
const (
	FuseNone = "none"
	FuseCPU  = "cpu"
	FuseAuto = "auto"
)

// unfusedStage is the stage FuseAuto leaves apart: the NER tagger, about
// half of the worker's CPU, which drains faster with goroutines of its own
// than fused with the others (docs/BENCHMARKS.md).
const unfusedStage = "entities"

// fuseOptions returns the pipeline options that fuse the stages spec names
// (see Config.Fuse) among all.
func fuseOptions(spec string, all []pipeline.Stage[*extract.Document]) ([]pipeline.Option, error) {
	switch spec {
	case "", FuseNone:
		return nil, nil
	case FuseCPU:
		return fuseCPUStages(all, ""), nil
	case FuseAuto:
		return fuseCPUStages(all, unfusedStage), nil
	}
	index := make(map[string]int, len(all))
	for i, s := range all {
		index[s.Name()] = i
	}
	var opts []pipeline.Option
	for _, r := range strings.Split(spec, ",") {
		first, last, ok := strings.Cut(strings.TrimSpace(r), "-")
		i, iok := index[first]
		j, jok := index[last]
		if !ok || !iok || !jok || j < i {
			return nil, fmt.Errorf("fuse %q: want none, cpu, or ranges first-last of stages in order (%s)", r, strings.Join(names(all), ", "))
		}
		opts = append(opts, pipeline.WithFusedStages(names(all[i:j+1])...))
	}
	return opts, nil
}

func names(stages []pipeline.Stage[*extract.Document]) []string {
	out := make([]string, len(stages))
	for i, s := range stages {
		out[i] = s.Name()
	}
	return out
}

// fuseCPUStages returns a pipeline.WithFusedStages option for each run of
// two or more consecutive stages that are neither service stages nor the
// stage named apart.
func fuseCPUStages(all []pipeline.Stage[*extract.Document], apart string) []pipeline.Option {
	var (
		opts []pipeline.Option
		run  []string
	)
	flush := func() {
		if len(run) > 1 {
			opts = append(opts, pipeline.WithFusedStages(run...))
		}
		run = nil
	}
	for _, s := range all {
		if _, ok := s.(extract.ServiceStage); ok || s.Name() == apart {
			flush()
			continue
		}
		run = append(run, s.Name())
	}
	flush()
	return opts
}

// Run processes messages until ctx is cancelled, then drains gracefully:
// it stops pulling, lets in-flight messages finish the pipeline, waits for
// their publishes and acks, and returns nil. If the drain takes longer
// than ShutdownTimeout, the remaining work is abandoned (it is redelivered
// after its ack wait) and Run returns an error.
func (w *Worker) Run(ctx context.Context) error {
	// work outlives ctx: cancelling ctx starts the drain, cancelling work
	// aborts it.
	work, abort := context.WithCancel(context.WithoutCancel(ctx))
	defer abort()

	slots := make(chan struct{}, w.cfg.MaxInFlight) // in-flight bound
	in := make(chan *extract.Document)              // unbuffered: the pipeline's first queue is the buffer
	out := make(chan pipeline.Result[*extract.Document])
	// acks holds publishes awaiting their acknowledgement, in publish
	// order. Its size is the in-flight bound, so it never blocks the
	// publisher before the slots do.
	acks := make(chan pendingAck, w.cfg.MaxInFlight)
	finished := make(chan struct{})
	w.draining = make(chan struct{})

	var timedOut bool
	g, gctx := errgroup.WithContext(work)
	g.Go(func() error { // shutdown watcher
		select {
		case <-ctx.Done():
		case <-finished:
			return nil
		case <-gctx.Done():
			return nil
		}
		w.log.Info("draining: stopped pulling, finishing in-flight messages", zap.Duration("timeout", w.cfg.ShutdownTimeout))
		close(w.draining)
		w.src.Drain()
		t := time.NewTimer(w.cfg.ShutdownTimeout)
		defer t.Stop()
		select {
		case <-finished:
		case <-t.C:
			timedOut = true
			w.src.Stop()
			abort()
		}
		return nil
	})
	g.Go(func() error { w.progress.run(gctx, w.cfg.Topology.AckWait/3, finished, w.now); return nil })
	g.Go(func() error { defer close(in); return w.intake(gctx, slots, in) })
	g.Go(func() error {
		defer close(out)
		return w.pipe.Run(gctx, in, out)
	})
	g.Go(func() error { defer close(acks); return w.dispatch(gctx, out, acks, slots) })
	g.Go(func() error { defer close(finished); return w.settle(gctx, acks, slots) })
	err := g.Wait()
	if timedOut {
		return fmt.Errorf("graceful shutdown exceeded %s; unfinished messages will be redelivered", w.cfg.ShutdownTimeout)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// intake pulls messages and feeds the pipeline, holding a slot per message.
func (w *Worker) intake(ctx context.Context, slots chan struct{}, in chan<- *extract.Document) error {
	for {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		d, err := w.src.Next(ctx)
		if err != nil {
			<-slots
			if errors.Is(err, natsx.ErrSourceClosed) {
				return nil
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			w.log.Error("pull", zap.Error(err))
			continue
		}
		w.progress.add(d, w.now())
		w.m.InFlight.Inc()
		w.m.MessagesReceived.Inc()
		w.m.BytesReceived.Add(float64(len(d.Data())))
		if d.Delivered() > 1 {
			w.m.Redeliveries.Inc()
		}
		doc := w.document(d)
		select {
		case in <- doc:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (w *Worker) document(d *natsx.Delivery) *extract.Document {
	subj := d.Subject()
	source := subj[strings.LastIndexByte(subj, '.')+1:]
	doc := &extract.Document{
		Raw: extract.Raw{
			Payload:     d.Data(),
			Subject:     subj,
			Source:      source,
			MsgID:       d.Header(headerMsgID),
			ContentType: d.Header("Content-Type"),
			Stream:      d.Stream(),
			Sequence:    d.Sequence(),
			Delivered:   d.Delivered(),
			Published:   d.Timestamp(),
			Received:    w.now(),
		},
	}
	doc.Event.Source = source
	doc.Event.Pipeline.Stages = make([]event.StageTiming, 0, len(w.pipe.Stages()))
	doc.Handle = d
	return doc
}
