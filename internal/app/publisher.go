package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
	"go.uber.org/zap"

	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/publish"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// PublisherIO is where the publisher reads stdin and writes its summary
// and progress bar.
type PublisherIO struct {
	Stdin  io.Reader
	Stdout io.Writer
	// TTY says whether Stdout is a terminal (progress "auto").
	TTY bool
}

// RunPublisher publishes cfg's inputs, then cfg.Generate synthetic
// articles, and waits for every acknowledgement. It returns the stats and
// an error if an input could not be read, the server could not be reached
// or any publish failed.
func RunPublisher(ctx context.Context, cfg *config.Publisher, log *zap.Logger, pio PublisherIO) (publish.Stats, error) {
	connectCtx, cancel := context.WithTimeout(ctx, max(cfg.NATS.ConnectTimeout, time.Second)*3)
	nc, err := natsx.Connect(connectCtx, cfg.NATS, log, nil)
	cancel()
	if err != nil {
		return publish.Stats{}, err
	}
	defer nc.Close()
	js, err := natsx.NewJetStream(nc, cfg.MaxPending+16, cfg.AckTimeout)
	if err != nil {
		return publish.Stats{}, err
	}
	if err := natsx.CreateMissingStreams(ctx, js, cfg.Topology); err != nil {
		return publish.Stats{}, err
	}

	bar := newBar(cfg, pio)
	p := publish.New(natsx.NewSink(js), publish.Options{
		Subject:    cfg.Topology.RawSubject(cfg.Source),
		Source:     cfg.Source,
		MaxPending: cfg.MaxPending,
		Rate:       cfg.Rate,
		AckTimeout: cfg.AckTimeout,
		OnAck: func(publish.Stats) {
			if bar != nil {
				_ = bar.Add(1)
			}
		},
	})
	send := func(a publish.Article) error { return p.Publish(ctx, a) }
	r := publish.Reader{MaxSize: cfg.MaxPayload, Stdin: pio.Stdin}
	runErr := r.Each(ctx, cfg.Paths, send)
	if runErr == nil && cfg.Generate > 0 {
		gen := samplegen.New(cfg.Seed, samplegen.WithTargetSize(cfg.GenerateSize))
		for i := 0; i < cfg.Generate && runErr == nil; i++ {
			a := gen.Next()
			if len(a.Payload) > cfg.MaxPayload {
				continue
			}
			runErr = send(publish.Article{Name: a.ID, Format: string(a.Format), Payload: a.Payload, ID: a.ID})
		}
	}
	stats := p.Close()
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(pio.Stdout)
	}
	if runErr != nil {
		return stats, runErr
	}
	if stats.Failed > 0 {
		return stats, fmt.Errorf("%d publishes failed, first: %w", stats.Failed, stats.FirstError)
	}
	return stats, nil
}

func newBar(cfg *config.Publisher, pio PublisherIO) *progressbar.ProgressBar {
	if cfg.Progress == "never" || (cfg.Progress == "auto" && !pio.TTY) {
		return nil
	}
	total := -1 // unknown for paths: a spinner with counts and rate
	if len(cfg.Paths) == 0 {
		total = cfg.Generate
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(pio.Stdout),
		progressbar.OptionSetDescription("publishing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("msg"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)
}

// Summary formats stats as the publisher's closing line.
func Summary(s publish.Stats) string {
	msgs, mb := s.Rate()
	return fmt.Sprintf("published %d, duplicates skipped by the server %d, failed %d in %s (%.0f msgs/s, %.2f MB/s)",
		s.Published, s.Duplicates, s.Failed, s.Elapsed.Round(time.Millisecond), msgs, mb)
}
