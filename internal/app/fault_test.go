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
	done := counterValue(t, w.reg, "wirestream_messages_processed_total", "outcome", "enriched")
	t.Logf("server stopped with %v of %d articles enriched", done, st.Published)

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
