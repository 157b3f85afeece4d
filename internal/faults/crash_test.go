package faults

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// TestWorkerKilledAndReplaced SIGKILLs the worker subprocess twice mid-run
// (at a third and at two thirds of the backlog), each time starting a new
// one, as an orchestrator replaces a crashed pod. The killed worker's
// unacked messages come back after the ack wait; their events, when the
// first worker had published them already, must be dropped by the
// enriched stream's duplicate window.
func TestWorkerKilledAndReplaced(t *testing.T) {
	skipShort(t)
	n := size(10_000, 20_000)
	srv := startServer(t)
	js := client(t, srv.url)
	flags := []string{"--ack-wait", "3s"}
	w := startWorker(t, "worker-1", srv.url, flags...)
	publishGenerated(t, srv.url, "crash", n)

	start := time.Now()
	for i, at := range []int{n / 3, 2 * n / 3} {
		got := waitEnriched(t, js, uint64(at), 3*time.Minute)
		ci, err := consumerInfo(js)
		if err != nil {
			t.Fatal(err)
		}
		w.kill(syscall.SIGKILL)
		t.Logf("worker %d killed with %d of %d enriched and %d unacked", i+1, got, n, ci.NumAckPending)
		w = startWorker(t, fmt.Sprintf("worker-%d", i+2), srv.url, flags...)
	}

	waitSettled(t, js, time.Duration(size(3, 5))*time.Minute)
	f := account(t, js).check(t, n)
	if f.dlq != 0 {
		t.Errorf("%d articles dead-lettered after worker crashes, want 0", f.dlq)
	}
	t.Logf("%s; last worker: redeliveries %v, events dropped as duplicates %v, peak RSS %.0f MiB; %v from the first kill",
		f, w.metric("wirestream_redeliveries_total"), w.metric(`wirestream_messages_processed_total{outcome="duplicate"}`),
		float64(w.peakRSS(t))/mib, time.Since(start).Round(time.Second))
}
