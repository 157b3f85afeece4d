package faults

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

// Regression tests of worker bugs the fault tests found (fixed in commit
// d798b00); the third, a refused event cycling the backlog until it was
// lost at max-deliver, is TestSlowDownstream/enriched-stream-full.

// TestOversizedEventIsDeadLettered: an article under --max-payload whose
// enriched event is larger than the server's max_payload (1 MB here, the
// server default) can never be published. It must be dead-lettered as
// too_large on its first delivery. Before the fix the publish error was
// taken for a transient one: the article ran through the pipeline
// max-deliver times and was then lost (neither enriched nor
// dead-lettered). related-10k of the hostile corpus (818 KB of wire text,
// a 2.1 MB event) is such an article.
func TestOversizedEventIsDeadLettered(t *testing.T) {
	skipShort(t)
	srv := startServers(t, serverSpec{name: "solo", port: natstest.FreePort(t), maxPayload: "1MB"})[0]
	js := client(t, srv.url)
	startWorker(t, "worker", srv.url)
	payload := related10k()
	msg := &nats.Msg{Subject: "articles.raw.hostile", Data: payload, Header: nats.Header{}}
	if _, err := js.PublishMsg(context.Background(), msg, jetstream.WithMsgID("related-10k")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	// Idle only counts once the article was delivered: right after the
	// publish the consumer can look idle before it has counted it (one
	// CI-like run under load "settled" after 0 s with nothing done).
	waitFor(t, time.Minute, "the article delivered", func() (bool, string) {
		ci, err := consumerInfo(js)
		if err != nil {
			return false, err.Error()
		}
		return ci.Delivered.Consumer >= 1, fmt.Sprintf("delivered %d", ci.Delivered.Consumer)
	})
	waitConsumerIdle(t, js, 3*time.Minute)
	account(t, js).check(t, 1)
	var reason, delivered string
	readStream(t, js, "ARTICLES_DLQ", func(m jetstream.Msg) {
		reason, delivered = m.Headers().Get("Wirestream-Error-Reason"), m.Headers().Get("Wirestream-Delivery-Count")
	})
	t.Logf("%d-byte article: settled after %v, dead letter reason %q on delivery %s", len(payload), time.Since(start).Round(time.Second), reason, delivered)
	if reason != "too_large" || delivered != "1" {
		t.Errorf("dead letter reason %q on delivery %q, want too_large on delivery 1", reason, delivered)
	}
}

// TestConsumerLeaderLossResumesPull kills the node leading the shared
// consumer while the worker is connected to another node, so that it does
// not reconnect: its outstanding pull request dies with the old leader and
// must be re-issued to the new one within seconds. Before the fix (a 5 s
// pull expiry in natsx.Source) nothing re-issued it until the client
// missed the default 30 s pull's idle heartbeats: 25-30 s without an
// event in about every other run. TestClusterNodeLost injects the same
// fault with the worker on any node; this variant runs with -faults.full.
func TestConsumerLeaderLossResumesPull(t *testing.T) {
	skipShort(t)
	if !*fullSize {
		t.Skip("runs with -faults.full (make test-faults); TestClusterNodeLost covers the fault in the default run")
	}
	const n = 3000
	nodes, url := startCluster(t)
	js := client(t, url)
	// The worker knows one node only, and it will survive.
	home := nodes[0]
	startWorker(t, "worker", home.url, "--replicas", "3", "--ack-wait", "3s")
	waitFor(t, 30*time.Second, "the consumer led by another node than the worker's", func() (bool, string) {
		ci, err := consumerInfo(js)
		if err != nil || ci.Cluster == nil {
			return false, fmt.Sprint(err)
		}
		if ci.Cluster.Leader == home.name {
			_, _ = js.Conn().Request("$JS.API.CONSUMER.LEADER.STEPDOWN.ARTICLES_RAW.enrich", nil, 2*time.Second)
			return false, "led by " + home.name
		}
		return true, ""
	})
	publishGenerated(t, url, "stall", n)
	waitEnriched(t, js, n/4, 3*time.Minute)
	ci, err := consumerInfo(js)
	if err != nil {
		t.Fatal(err)
	}
	victim := leaderOf(t, ci.Cluster, nodes)
	victim.kill(syscall.SIGKILL)
	gap := longestGapUntilSettled(t, js, n, 3*time.Minute)
	t.Logf("killed %s (consumer leader; the worker is on %s): longest time without a new event %v",
		victim.name, home.name, gap.Round(100*time.Millisecond))
	if gap > maxLeaderLossGap {
		t.Errorf("no event for %v after the consumer leader was lost, want under %v", gap.Round(100*time.Millisecond), maxLeaderLossGap)
	}
	account(t, js).check(t, n)
}
