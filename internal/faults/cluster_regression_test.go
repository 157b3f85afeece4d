package faults

// A regression test of a worker bug the fault tests found (fixed with the
// shared publish backoff of internal/worker's await).

import (
	"syscall"
	"testing"
	"time"
)

// TestEnrichedLeaderLossDoesNotStallWorker: a regression of d798b00 (retry a
// refused event in place). When the node leading ARTICLES_ENRICHED dies,
// every publish in flight fails ("nats: no response from stream"); settle
// retries them one at a time in publish order, each after its own backoff
// from --nak-delay (about 0.75 s), and intake is stopped meanwhile. The
// worker trickles at about one event a second for in-flight × 0.75 s
// although the survivors elected a new leader within seconds. Measured
// with the default --max-in-flight 1024 (TestClusterNodeLost -faults.full,
// before it moved the stream's leadership off its victim): 1,024
// publishes pending, 5,025 of 20,000 enriched at the kill and 5,342 four
// minutes later (about 13 minutes to recover expected). Here
// --max-in-flight 128 bounds it to about 100 s. Expected: the 2,000
// articles settled within 45 s of the kill (12-14 s when another node
// is lost).
func TestEnrichedLeaderLossDoesNotStallWorker(t *testing.T) {
	skipShort(t)
	const n = 2000
	nodes, url := startCluster(t)
	js := client(t, url)
	startWorker(t, "worker", url, "--replicas", "3", "--ack-wait", "3s", "--max-in-flight", "128")
	publishGenerated(t, url, "cluster", n)
	waitEnriched(t, js, n/4, 3*time.Minute)
	leader, err := streamLeader(js, "ARTICLES_ENRICHED")
	if err != nil {
		t.Fatal(err)
	}
	var victim *server
	for _, s := range nodes {
		if s.name == leader {
			victim = s
		}
	}
	if victim == nil {
		t.Fatalf("leader %q is none of the nodes", leader)
	}
	victim.kill(syscall.SIGKILL)
	start := time.Now()
	gap := longestGapUntilSettled(t, js, n, 5*time.Minute)
	took := time.Since(start)
	t.Logf("killed %s, leader of ARTICLES_ENRICHED: all settled %v after the kill, longest time without a new event %v",
		victim.name, took.Round(100*time.Millisecond), gap.Round(100*time.Millisecond))
	if took > 45*time.Second {
		t.Errorf("the articles took %v to settle after the enriched stream's leader was lost, want under 45s", took.Round(100*time.Millisecond))
	}
	account(t, js).check(t, n)
}
