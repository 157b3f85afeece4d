package worker

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/metrics"
	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
	"github.com/wirestream/wirestream/internal/pipeline"
)

// slowStage takes longer than the ack wait on every article.
type slowStage struct{ d time.Duration }

func (slowStage) Name() string { return "slow" }
func (s slowStage) Process(ctx context.Context, _ *extract.Document) error {
	select {
	case <-time.After(s.d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TestSlowWorkIsNotRedelivered runs a stage that takes 2.5× the ack wait:
// the worker's InProgress heartbeats must keep JetStream from redelivering
// the messages while they are still being worked on.
func TestSlowWorkIsNotRedelivered(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := natsx.NewJetStream(nc, 64, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	topo := natsx.DefaultTopology()
	topo.AckWait = time.Second
	cfg := Config{Topology: topo, Batch: 8, MaxInFlight: 8, MaxPayload: 1 << 20, PipelineVersion: "1",
		NakDelay: time.Second, MaxNakDelay: time.Second, ShutdownTimeout: 10 * time.Second}
	src := natsx.NewSource(js, topo, cfg.Batch, zap.NewNop())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := src.Open(ctx); err != nil {
		t.Fatal(err)
	}
	m := metrics.New(prometheus.NewRegistry(), "test")
	w, err := New(cfg, src, natsx.NewSink(js), []extract.Stage{slowStage{2500 * time.Millisecond}}, m, zap.NewNop(),
		pipeline.WithItemTimeout(10*time.Second), pipeline.WithDefaultConcurrency(4))
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	for i := 0; i < n; i++ {
		if _, err := js.Publish(ctx, "articles.raw.slow", []byte(fmt.Sprintf("Headline %d\n\nBody.", i))); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s, err := js.Stream(ctx, topo.EnrichedStream)
		if err == nil && s.CachedInfo().State.Msgs == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("events not published in 20s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	c, err := js.Consumer(context.Background(), topo.RawStream, topo.Consumer)
	if err != nil {
		t.Fatal(err)
	}
	ci := c.CachedInfo()
	if ci.NumRedelivered != 0 || ci.Delivered.Consumer != n {
		t.Fatalf("slow messages were redelivered: %d deliveries for %d messages", ci.Delivered.Consumer, n)
	}
}
