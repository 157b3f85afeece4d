// Package app wires the pieces of each binary together: configuration in,
// a running worker or a finished publishing run out. cmd/ only parses
// flags, installs signal handling and calls into it, so that integration
// tests run exactly what the binaries run.
package app

import (
	"context"
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/dedup"
	"github.com/wirestream/wirestream/internal/metrics"
	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/pipeline"
	"github.com/wirestream/wirestream/internal/stages"
	"github.com/wirestream/wirestream/internal/worker"
)

// Version is the build's version, set by the linker (-X).
var Version = "dev"

// WorkerHooks lets callers (the demo, tests) learn where things are.
type WorkerHooks struct {
	// Started is called once the worker consumes, with the NATS URL it
	// uses and the HTTP address it serves.
	Started func(natsURL, httpAddr string)
}

// RunWorker runs a worker until ctx is cancelled, then drains and returns.
// reg receives the metrics; pass a fresh prometheus.NewRegistry().
func RunWorker(ctx context.Context, cfg *config.Worker, log *zap.Logger, reg *prometheus.Registry, hooks WorkerHooks) (err error) {
	running := false // past start-up: errors from here on are logged below
	defer func() {
		if err != nil && !running {
			log.Error("worker failed to start", zap.Error(err))
		}
	}()
	m := metrics.New(reg, Version)
	log.Info("starting worker", zap.String("version", Version), zap.Object("nats", cfg.NATS),
		zap.Strings("stages", stageNames(cfg.Stages)), zap.Bool("embedded", cfg.Embedded))

	natsCfg := cfg.NATS
	if cfg.Embedded {
		srv, err := natsx.StartEmbedded(cfg.Server, log)
		if err != nil {
			return err
		}
		defer srv.Shutdown()
		natsCfg.URL = srv.ClientURL()
	}

	connectCtx, cancel := context.WithTimeout(ctx, max(natsCfg.ConnectTimeout, time.Second)*3)
	nc, err := natsx.Connect(connectCtx, natsCfg, log, connEvents{m})
	cancel()
	if err != nil {
		return err
	}
	defer nc.Close()

	js, err := natsx.NewJetStream(nc, cfg.Loop.MaxInFlight+64, cfg.PublishAckTimeout)
	if err != nil {
		return err
	}
	src := natsx.NewSource(js, cfg.Loop.Topology, cfg.Loop.Batch, log)
	if err := src.Open(ctx); err != nil {
		return err
	}

	stageList, err := stages.Build(ctx, cfg.Stages, stages.Options{
		JetStream: js, Logger: log, Dedup: cfg.Dedup, Languages: cfg.Languages, Tagger: cfg.EntityTagger,
	})
	if err != nil {
		return err
	}
	// Closed again (a no-op) on the clean path below, before the drain;
	// this one covers the returns on error.
	defer func() { _ = stages.Close(stageList) }()
	for _, s := range stageList {
		if x, ok := s.(*dedup.Index); ok {
			m.ObserveDedup(func() metrics.DedupStats {
				st := x.Stats()
				return metrics.DedupStats{Articles: st.Held, PendingMessages: st.Pending, OrphanResults: st.OrphanResults, SkippedMessages: st.Skipped}
			})
		}
	}
	opts, err := pipelineOptions(cfg)
	if err != nil {
		return err
	}
	loop := cfg.Loop
	loop.BuildVersion = Version
	w, err := worker.New(loop, src, natsx.NewSink(js), stageList, m, log, opts...)
	if err != nil {
		return err
	}

	topo := cfg.Loop.Topology
	ready := func(ctx context.Context) error {
		if !nc.IsConnected() {
			return errors.New("not connected to nats")
		}
		_, err := natsx.Check(ctx, js, topo)
		return err
	}
	srv, err := metrics.NewServer(cfg.HTTPAddr, reg, ready, log)
	if err != nil {
		return err
	}

	running = true
	g, gctx := errgroup.WithContext(ctx)
	pollDone := make(chan struct{})
	g.Go(srv.Serve)
	g.Go(func() error { pollConsumer(gctx, js, topo, src, m, cfg.ConsumerPollPeriod, pollDone, log); return nil })
	g.Go(func() error {
		defer close(pollDone)
		// Whatever ends the worker, stop the HTTP server after it so
		// /metrics shows the drain.
		defer func() {
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(sctx)
		}()
		if hooks.Started != nil {
			hooks.Started(natsCfg.URL, srv.Addr())
		}
		log.Info("worker consuming", zap.String("consumer", topo.Consumer), zap.String("stream", topo.RawStream),
			zap.String("http", srv.Addr()))
		if err := w.Run(ctx); err != nil {
			return err
		}
		// No article is in the stages any more: stop the dedup index's
		// log consumer before the connection drains.
		if err := stages.Close(stageList); err != nil {
			log.Warn("close stages", zap.Error(err))
		}
		// Acks are sent; flush them and the connection's buffers.
		if err := nc.Drain(); err != nil {
			log.Warn("drain nats connection", zap.Error(err))
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		log.Error("worker stopped with error", zap.Error(err))
		return err
	}
	log.Info("worker stopped cleanly")
	return nil
}

func pipelineOptions(cfg *config.Worker) ([]pipeline.Option, error) {
	var opts []pipeline.Option
	for name, n := range cfg.Concurrency {
		if name == "" {
			opts = append(opts, pipeline.WithDefaultConcurrency(n))
		} else {
			opts = append(opts, pipeline.WithStageConcurrency(name, n))
		}
	}
	for name, n := range cfg.QueueSize {
		if name == "" {
			opts = append(opts, pipeline.WithDefaultQueueSize(n))
		} else {
			opts = append(opts, pipeline.WithStageQueueSize(name, n))
		}
	}
	if cfg.ItemTimeout > 0 {
		opts = append(opts, pipeline.WithItemTimeout(cfg.ItemTimeout))
	}
	return opts, nil
}

// pollConsumer copies the consumer's state into gauges until done or ctx.
func pollConsumer(ctx context.Context, js natsx.JetStream, topo natsx.Topology, src *natsx.Source, m *metrics.Metrics, every time.Duration, done <-chan struct{}, log *zap.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, every)
		st, err := natsx.Check(cctx, js, topo)
		cancel()
		if err != nil {
			log.Debug("poll consumer state", zap.Error(err))
		} else {
			m.ConsumerPending.Set(float64(st.Pending))
			m.ConsumerAckPending.Set(float64(st.AckPending))
			m.ConsumerRedelivered.Set(float64(st.Redelivered))
			m.ConsumerWaiting.Set(float64(st.Waiting))
			src.ObserveAckFloor(st.AckFloor)
		}
		select {
		case <-t.C:
		case <-done:
			return
		case <-ctx.Done():
			return
		}
	}
}

type connEvents struct{ m *metrics.Metrics }

func (c connEvents) Connected(up bool) { c.m.SetConnected(up) }
func (c connEvents) Disconnected()     { c.m.Disconnects.Inc() }
func (c connEvents) Reconnected()      { c.m.Reconnects.Inc() }

var _ natsx.ConnEvents = connEvents{}

// stageNames is the stage list the worker runs, for its start-up log: nil
// in the configuration means all of them.
func stageNames(names []string) []string {
	if names == nil {
		return stages.Names()
	}
	return names
}
