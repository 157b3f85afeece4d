package main

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/wirestream/wirestream/internal/loadbench"
)

// TestMain lets the test binary serve as the harness's helper processes
// (reference pass-through, raw publisher), which it starts by re-running
// its own executable.
func TestMain(m *testing.M) {
	if code, ok := loadbench.RunRole(os.Args[1:]); ok {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// TestSmokePassthrough runs the passthrough scenario on 500 articles so
// that the harness keeps working; it builds nats-server and the worker,
// so it is skipped with -short.
func TestSmokePassthrough(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs nats-server and the worker; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tmp := t.TempDir()
	bins, err := loadbench.Build(ctx, tmp, loadbench.Binaries{Publisher: "unused"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if bins.Self, err = os.Executable(); err != nil {
		t.Fatal(err)
	}
	h := loadbench.New(loadbench.Options{
		Bins: bins, Tmp: tmp, Feed: loadbench.Feed{Seed: 1, Size: 5000},
		PassthroughN: 500, Reps: 1, DrainTimeout: 30 * time.Second, Log: testWriter{t},
	})
	if err := h.Run(ctx, "passthrough"); err != nil {
		t.Fatal(err)
	}
	if len(h.Results) != 3 {
		t.Fatalf("got %d results, want reference, worker and sized reference", len(h.Results))
	}
	for _, r := range h.Results {
		if r.Drain == nil || r.Drain.PerSec <= 0 || r.Drain.UsageOf("server").CPU < 0 {
			t.Errorf("%s: no drain measured: %+v", r.Variant, r.Drain)
		}
	}
	if got := h.Ratios().WorkerToReference; len(got) != 1 || got[0] <= 0 {
		t.Errorf("worker/reference ratio = %v", got)
	}
	var md bytes.Buffer
	h.WriteMarkdown(&md, loadbench.Describe(ctx, bins))
	t.Log("\n" + md.String())
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}
