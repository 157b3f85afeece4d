package app_test

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

func readyStatus(addr string) int {
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func waitReady(t *testing.T, addr string, want int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for readyStatus(addr) != want {
		if time.Now().After(deadline) {
			t.Fatalf("/readyz did not turn %d within %s", want, within)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// TestServerRestartMidStream stops the JetStream server under a running
// worker and starts it again on the same port and store: /readyz must
// turn false and then true again without a worker restart, and every
// article must end up enriched exactly once.
func TestServerRestartMidStream(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	first := natstest.Start(t, nil)
	url := first.ClientURL()
	port := first.Addr().(*net.TCPAddr).Port
	store := first.StoreDir

	w := startWorker(t, url, "--nats-reconnect-wait", "50ms", "--ack-wait", "2s")
	st := publishArgs(t, url, "--source", "restart", "--generate", "3000")
	// Stop the server once the worker is under way, not before its first
	// event: the full pipeline needs a moment to warm up.
	var done float64
	for deadline := time.Now().Add(30 * time.Second); done < 50 && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		done = counterValue(t, w.reg, "wirestream_messages_processed_total", "outcome", "enriched")
	}
	t.Logf("server stopped with %v of %d articles enriched", done, st.Published)
	if done == 0 || done >= float64(st.Published) {
		t.Fatalf("server stop not mid-stream: %v of %d enriched", done, st.Published)
	}

	first.Shutdown()
	first.WaitForShutdown()
	waitReady(t, w.http, http.StatusServiceUnavailable, 10*time.Second)

	natstest.Start(t, func(o *server.Options) { o.Port, o.StoreDir = port, store })
	waitReady(t, w.http, http.StatusOK, 20*time.Second)

	js := jsFor(t, url)
	enriched, dlq := waitSettled(t, js, uint64(st.Published))
	if enriched != uint64(st.Published) || dlq != 0 {
		t.Fatalf("after the restart: enriched %d, dead-lettered %d, want %d enriched", enriched, dlq, st.Published)
	}
	if got := counterValue(t, w.reg, "wirestream_nats_reconnects_total", "", ""); got < 1 {
		t.Errorf("reconnects counter %v, want at least 1", got)
	}
}

// TestReplayWithNewPipelineVersion reprocesses stored raw articles: a
// replay under a new pipeline version adds one new event per article, a
// second replay under the same version adds nothing, and the live
// consumer is left alone.
func TestReplayWithNewPipelineVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	js := jsFor(t, url)
	live := startWorker(t, url)
	st := publishArgs(t, url, "--source", "replay", "--generate", "100")
	n := uint64(st.Published)
	if e, _ := waitSettled(t, js, n); e != n {
		t.Fatalf("live run enriched %d of %d", e, n)
	}
	if err := live.stop(); err != nil {
		t.Fatal(err)
	}

	for run, want := range []uint64{2 * n, 2 * n} {
		w := startWorker(t, url, "--replay-from", "seq:1", "--pipeline-version", "2")
		if run == 1 {
			// The second replay reuses the first's consumer, which has
			// acked everything already; force a full pass on a fresh one.
			if err := w.stop(); err != nil {
				t.Fatal(err)
			}
			if err := js.DeleteConsumer(t.Context(), "ARTICLES_RAW", "enrich-replay-v2"); err != nil {
				t.Fatal(err)
			}
			w = startWorker(t, url, "--replay-from", "seq:1", "--pipeline-version", "2")
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			c, err := js.Consumer(t.Context(), "ARTICLES_RAW", "enrich-replay-v2")
			if err == nil {
				ci := c.CachedInfo()
				if ci.NumPending == 0 && ci.NumAckPending == 0 && ci.AckFloor.Stream >= n {
					break
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("replay %d did not finish", run+1)
			}
			time.Sleep(50 * time.Millisecond)
		}
		if got := streamMsgs(t, js, "ARTICLES_ENRICHED"); got != want {
			t.Fatalf("after replay %d the enriched stream holds %d events, want %d", run+1, got, want)
		}
		if dup := counterValue(t, w.reg, "wirestream_messages_processed_total", "outcome", "duplicate"); run == 1 && dup != float64(n) {
			t.Fatalf("second replay: %v events dropped as duplicates, want %d", dup, n)
		}
		if err := w.stop(); err != nil {
			t.Fatal(err)
		}
	}
	c, err := js.Consumer(t.Context(), "ARTICLES_RAW", "enrich")
	if err != nil || c.CachedInfo().AckFloor.Stream != n {
		t.Fatalf("live consumer disturbed: %v", err)
	}
}
