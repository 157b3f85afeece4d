package faults

import (
	"net/http"
	"syscall"
	"testing"
	"time"
)

// TestServerKilledAndRestarted kills the JetStream server (SIGKILL, no
// chance to flush or say goodbye) under a worker that is a quarter into
// its backlog and starts it again on the same port and store. The worker
// must reconnect by itself and every raw article must end up enriched
// exactly once: the consumer's ack state and the dedup KV bucket come back
// from a store that was not shut down cleanly, so acked messages may be
// redelivered, and the enriched stream's duplicate window must drop their
// events.
func TestServerKilledAndRestarted(t *testing.T) {
	skipShort(t)
	n := size(10_000, 20_000)
	srv := startServer(t)
	js := client(t, srv.url)
	// A short ack wait brings back quickly what the restarted server
	// thinks is unacked; the duplicate window still covers max-deliver ×
	// ack-wait.
	w := startWorker(t, "worker", srv.url, "--ack-wait", "3s")
	publishGenerated(t, srv.url, "restart", n)

	atKill := waitEnriched(t, js, uint64(n/4), 3*time.Minute)
	start := time.Now()
	srv.kill(syscall.SIGKILL)
	waitFor(t, 10*time.Second, "the worker to see the server gone", func() (bool, string) {
		return readyStatus(w.http) != http.StatusOK, "still ready"
	})
	srv.restart()
	waitFor(t, 30*time.Second, "the worker ready again", func() (bool, string) {
		return readyStatus(w.http) == http.StatusOK, "not ready"
	})
	t.Logf("server killed with %d of %d enriched; back and the worker ready after %v", atKill, n, time.Since(start).Round(time.Millisecond))

	waitSettled(t, js, time.Duration(size(3, 5))*time.Minute)
	f := account(t, js).check(t, n)
	if f.dlq != 0 {
		t.Errorf("%d articles dead-lettered across a server restart, want 0", f.dlq)
	}
	t.Logf("%s; worker redeliveries %v, reconnects %v, peak RSS %.0f MiB; total %v", f,
		w.metric("wirestream_redeliveries_total"), w.metric("wirestream_nats_reconnects_total"),
		float64(w.peakRSS(t))/mib, time.Since(start).Round(time.Second))
}
