package faults

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Bounds of the worker in the slow-downstream test: small, so that a
// leak past them shows.
const (
	stallMaxInFlight = 64
	stallBatch       = 16
)

// stallRSSBound is the worker's peak RSS bound through a stall.
const stallRSSBound = 256 * mib

// stallMaxAckPending is the consumer's --max-ack-pending in the test.
const stallMaxAckPending = 1024

// TestSlowDownstream stalls the publishing of enriched events while a
// backlog waits and checks that intake stops (the worker pulls at most
// --max-in-flight + --batch messages during the stall, the consumer's
// unacked messages stay within that, the worker's RSS under
// stallRSSBound) and that once the stall is lifted processing resumes and
// every article is enriched exactly once, none dead-lettered. Two stalls:
// the JetStream server frozen with SIGSTOP (publish acks never come), and
// ARTICLES_ENRICHED full with discard-new (publishes are refused) for 20 s,
// longer than the worker's redelivery budget (5 deliveries with nak delays
// of 1, 2, 4 and 4 s): before the worker retried a refused event in place,
// it nak'ed the article, cycled the backlog through the pipeline and lost
// what reached max-deliver (2,064 of 3,000 articles for a 30 s refusal).
func TestSlowDownstream(t *testing.T) {
	skipShort(t)
	for _, tc := range []struct {
		name     string
		stall    func(t *testing.T, srv *server, js jetstream.JetStream) (lift func())
		stallFor time.Duration
	}{
		{name: "server-paused", stall: pauseServer, stallFor: 6 * time.Second},
		{name: "enriched-stream-full", stall: fillEnrichedStream, stallFor: 20 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			slowDownstream(t, tc.stall, tc.stallFor)
		})
	}
}

// slowDownstream runs one stall and returns how long after the lift the
// worker took to settle its in-flight messages and take in more.
func slowDownstream(t *testing.T, stall func(*testing.T, *server, jetstream.JetStream) func(), stallFor time.Duration) time.Duration {
	n := size(2_000, 20_000)
	srv := startServer(t)
	js := client(t, srv.url)
	w := startWorker(t, "worker", srv.url, "--max-in-flight", fmt.Sprint(stallMaxInFlight), "--batch", fmt.Sprint(stallBatch),
		"--max-ack-pending", fmt.Sprint(stallMaxAckPending),
		"--ack-wait", "5s", "--nak-delay", "1s", "--max-nak-delay", "4s", "--publish-ack-timeout", "3s")
	publishGenerated(t, srv.url, "stall", n)
	atStall := waitEnriched(t, js, uint64(n/5), 3*time.Minute)

	lift := stall(t, srv, js)
	// Sample the worker through the stall: its own in-flight gauge and
	// intake counter (it answers /metrics while the server is frozen).
	received0 := w.metric("wirestream_messages_received_total")
	var maxInFlight, received float64
	for end := time.Now().Add(stallFor); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		maxInFlight = max(maxInFlight, w.metric("wirestream_in_flight_messages"))
		received = w.metric("wirestream_messages_received_total")
	}
	ci, err := consumerInfo(js)
	ackPending := -1
	if err == nil {
		ackPending = ci.NumAckPending
	}
	lift()
	t.Logf("stalled for %v with %d of %d enriched: worker in flight at most %v, intake %v → %v, consumer ack pending %d at the end",
		stallFor, atStall, n, maxInFlight, received0, received, ackPending)
	if maxInFlight > stallMaxInFlight {
		t.Errorf("worker in flight reached %v during the stall, over --max-in-flight %d", maxInFlight, stallMaxInFlight)
	}
	const bound = stallMaxInFlight + stallBatch
	if received-received0 > bound {
		t.Errorf("the worker pulled %v messages during the stall, over --max-in-flight + --batch = %d", received-received0, bound)
	}
	// While the server is frozen its consumer state cannot be read (-1).
	if ackPending > bound {
		t.Errorf("consumer ack pending %d at the end of the stall, over --max-in-flight + --batch = %d", ackPending, bound)
	}

	lifted := time.Now()
	waitEnriched(t, js, uint64(atStall)+stallMaxInFlight+1, 3*time.Minute)
	resumed := time.Since(lifted)
	waitSettled(t, js, time.Duration(size(3, 5))*time.Minute)
	t.Logf("after the lift: the in-flight messages settled and intake resumed within %v, all settled in %v",
		resumed.Round(100*time.Millisecond), time.Since(lifted).Round(100*time.Millisecond))
	f := account(t, js).check(t, n)
	if f.dlq != 0 {
		t.Errorf("%d articles dead-lettered after the stall (reasons %v), want 0", f.dlq, account(t, js).reasons)
	}
	rss := w.peakRSS(t)
	if rss > stallRSSBound {
		t.Errorf("worker peak RSS %.0f MiB, over the bound of %.0f MiB", float64(rss)/mib, float64(stallRSSBound)/mib)
	}
	t.Logf("%s; publish errors %v, retried %v, peak RSS %.0f MiB", f,
		w.metric(`wirestream_publish_errors_total{kind="enriched"}`), w.metric(`wirestream_messages_processed_total{outcome="retried"}`),
		float64(rss)/mib)
	return resumed
}

// pauseServer freezes the JetStream server: nothing the worker sends is
// acknowledged until SIGCONT.
func pauseServer(t *testing.T, srv *server, _ jetstream.JetStream) func() {
	srv.signal(syscall.SIGSTOP)
	return func() { srv.signal(syscall.SIGCONT) }
}

// fillEnrichedStream caps ARTICLES_ENRICHED at the events it holds, with
// discard-new, so that every further event is refused, and lifts the cap
// after the stall.
func fillEnrichedStream(t *testing.T, _ *server, js jetstream.JetStream) func() {
	t.Helper()
	ctx := context.Background()
	s, err := js.Stream(ctx, "ARTICLES_ENRICHED")
	if err != nil {
		t.Fatal(err)
	}
	cfg := s.CachedInfo().Config
	orig := cfg
	cfg.Discard, cfg.MaxMsgs = jetstream.DiscardNew, int64(s.CachedInfo().State.Msgs)
	if _, err := js.UpdateStream(ctx, cfg); err != nil {
		t.Fatalf("cap the enriched stream: %v", err)
	}
	return func() {
		if _, err := js.UpdateStream(ctx, orig); err != nil {
			t.Fatalf("lift the cap: %v", err)
		}
	}
}
