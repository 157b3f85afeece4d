package natsx_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"

	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

func testJS(t *testing.T) jetstream.JetStream {
	t.Helper()
	srv := natstest.Start(t, nil)
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := natsx.NewJetStream(nc, 256, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func TestEnsureIsIdempotentAndUpdates(t *testing.T) {
	js := testJS(t)
	ctx := context.Background()
	topo := natsx.DefaultTopology()
	for i := 0; i < 2; i++ {
		if _, err := natsx.Ensure(ctx, js, topo); err != nil {
			t.Fatalf("Ensure #%d: %v", i+1, err)
		}
	}
	for _, name := range []string{"ARTICLES_RAW", "ARTICLES_ENRICHED", "ARTICLES_DLQ"} {
		s, err := js.Stream(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		cfg := s.CachedInfo().Config
		if cfg.Storage != jetstream.FileStorage || cfg.Duplicates != topo.DuplicateWindow {
			t.Errorf("%s: storage %v, duplicates %v", name, cfg.Storage, cfg.Duplicates)
		}
	}
	topo.MaxAckPending = 77
	topo.MaxAge = 48 * time.Hour
	cons, err := natsx.Ensure(ctx, js, topo)
	if err != nil {
		t.Fatal(err)
	}
	if got := cons.CachedInfo().Config.MaxAckPending; got != 77 {
		t.Errorf("consumer max ack pending %d after update, want 77", got)
	}
	s, _ := js.Stream(ctx, "ARTICLES_RAW")
	if got := s.CachedInfo().Config.MaxAge; got != 48*time.Hour {
		t.Errorf("raw stream max age %v after update", got)
	}
	st, err := natsx.Check(ctx, js, topo)
	if err != nil || st.Pending != 0 {
		t.Fatalf("Check: %+v, %v", st, err)
	}
}

func TestCheckFailsWhenConsumerMissing(t *testing.T) {
	js := testJS(t)
	ctx := context.Background()
	topo := natsx.DefaultTopology()
	if _, err := natsx.Check(ctx, js, topo); err == nil {
		t.Fatal("Check passed with no streams")
	}
	if _, err := natsx.Ensure(ctx, js, topo); err != nil {
		t.Fatal(err)
	}
	if err := js.DeleteConsumer(ctx, topo.RawStream, topo.Consumer); err != nil {
		t.Fatal(err)
	}
	if _, err := natsx.Check(ctx, js, topo); err == nil || !strings.Contains(err.Error(), "consumer") {
		t.Fatalf("Check with the consumer deleted: %v", err)
	}
}

func TestTopologyValidate(t *testing.T) {
	ok := natsx.DefaultTopology()
	if err := ok.Validate(); err != nil {
		t.Fatalf("default topology: %v", err)
	}
	short := ok
	short.DuplicateWindow = time.Minute // 5 deliveries × 30 s need 2.5 min
	if err := short.Validate(); err == nil {
		t.Error("a duplicate window shorter than max deliver × ack wait passed")
	}
	noName := ok
	noName.Consumer = ""
	if err := noName.Validate(); err == nil {
		t.Error("empty consumer name passed")
	}
}

// TestSourceRecreatesDeletedConsumer deletes the shared consumer under a
// running source; the source must recreate it and deliver what is stored.
func TestSourceRecreatesDeletedConsumer(t *testing.T) {
	js := testJS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	topo := natsx.DefaultTopology()
	src := natsx.NewSource(js, topo, 16, zap.NewNop())
	if err := src.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer src.Stop()
	if _, err := js.Publish(ctx, "articles.raw.t", []byte("one")); err != nil {
		t.Fatal(err)
	}
	d, err := src.Next(ctx)
	if err != nil || string(d.Data()) != "one" {
		t.Fatalf("first message: %v", err)
	}
	if err := d.Ack(ctx, true); err != nil {
		t.Fatal(err)
	}
	st, err := natsx.Check(ctx, js, topo) // what the worker's poller does
	if err != nil {
		t.Fatal(err)
	}
	src.ObserveAckFloor(st.AckFloor)
	if err := js.DeleteConsumer(ctx, topo.RawStream, topo.Consumer); err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(ctx, "articles.raw.t", []byte("two")); err != nil {
		t.Fatal(err)
	}
	// The recreated consumer starts after the ack floor the source saw,
	// so the acked first message is not delivered again.
	d, err = src.Next(ctx)
	if err != nil {
		t.Fatalf("after deleting the consumer: %v", err)
	}
	if string(d.Data()) != "two" {
		t.Fatalf("recreated consumer delivered %q first, want the unacked %q", d.Data(), "two")
	}
}

func TestStartEmbeddedReportsBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = natsx.StartEmbedded(natsx.EmbeddedConfig{Listen: ln.Addr().String(), StoreDir: t.TempDir()}, zap.NewNop())
	if err == nil || !strings.Contains(err.Error(), "cannot listen") {
		t.Fatalf("StartEmbedded on a busy port: %v", err)
	}
	e, err := natsx.StartEmbedded(natsx.EmbeddedConfig{Listen: "127.0.0.1:0", StoreDir: t.TempDir()}, zap.NewNop())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Shutdown()
	if !strings.HasPrefix(e.ClientURL(), "nats://127.0.0.1:") {
		t.Fatalf("client url %q", e.ClientURL())
	}
}
