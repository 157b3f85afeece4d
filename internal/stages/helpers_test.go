package stages

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

// jetStream starts an in-process JetStream server for the dedup stage and
// returns a handle on it; both end with the test.
func jetStream(t testing.TB) jetstream.JetStream {
	t.Helper()
	return natstest.JetStream(t, natstest.Start(t, nil).ClientURL())
}

// buildAll builds every stage, dedup on a fresh server.
func buildAll(t testing.TB) []extract.Stage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	list, err := Build(ctx, nil, Options{JetStream: jetStream(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = Close(list) })
	return list
}

// run passes doc through list like the worker does, without timings.
func run(t testing.TB, list []extract.Stage, doc *extract.Document) {
	t.Helper()
	for _, s := range list {
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatalf("stage %s: %v", s.Name(), err)
		}
		doc.TakeSkipped()
	}
}
