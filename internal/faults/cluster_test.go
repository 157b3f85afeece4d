package faults

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

// TestClusterNodeLost runs a worker against a three-node JetStream
// cluster on loopback with R3 streams, consumer and dedup bucket
// (--replicas 3) and SIGKILLs the node that leads the shared consumer a
// quarter into the backlog. The two remaining nodes keep a quorum: the
// worker must carry on through a leader election, and every article
// must end up enriched exactly once.
func TestClusterNodeLost(t *testing.T) {
	skipShort(t)
	n := size(2_000, 20_000)
	nodes, url := startCluster(t)
	js := client(t, url)
	w := startWorker(t, "worker", url, "--replicas", "3", "--ack-wait", "3s")
	for _, name := range []string{"ARTICLES_RAW", "ARTICLES_ENRICHED", "ARTICLES_DLQ"} {
		s, err := js.Stream(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		if r := s.CachedInfo().Config.Replicas; r != 3 {
			t.Fatalf("stream %s has %d replicas, want 3", name, r)
		}
	}
	publishGenerated(t, url, "cluster", n)

	atKill := waitEnriched(t, js, uint64(n/4), 3*time.Minute)
	ci, err := consumerInfo(js)
	if err != nil {
		t.Fatal(err)
	}
	victim := leaderOf(t, ci.Cluster, nodes)
	// Losing the node that leads ARTICLES_ENRICHED has its own test
	// (TestEnrichedLeaderLossDoesNotStallWorker); here only the consumer's
	// leader goes, so move the stream's leadership away from the victim.
	moveStreamLeader(t, js, "ARTICLES_ENRICHED", victim.name)
	start := time.Now()
	victim.kill(syscall.SIGKILL)
	t.Logf("killed %s, leader of consumer enrich, with %d of %d enriched and %d unacked", victim.name, atKill, n, ci.NumAckPending)

	// The survivors elect new leaders; the test's own connection moves
	// to them as well.
	gap := longestGapUntilSettled(t, js, n, time.Duration(size(3, 8))*time.Minute)
	t.Logf("longest time without a new event after the kill: %v", gap.Round(100*time.Millisecond))
	if gap > maxLeaderLossGap {
		t.Errorf("no event for %v after the node loss, want under %v", gap.Round(100*time.Millisecond), maxLeaderLossGap)
	}
	waitSettled(t, js, time.Duration(size(3, 8))*time.Minute)
	f := account(t, js).check(t, n)
	if f.dlq != 0 {
		t.Errorf("%d articles dead-lettered after a node loss, want 0 (reasons %v)", f.dlq, account(t, js).reasons)
	}
	ci, err = consumerInfo(js)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s; consumer leader now %s; worker redeliveries %v, reconnects %v, peak RSS %.0f MiB; %v from the kill",
		f, ci.Cluster.Leader, w.metric("wirestream_redeliveries_total"), w.metric("wirestream_nats_reconnects_total"),
		float64(w.peakRSS(t))/mib, time.Since(start).Round(time.Second))
}

// maxLeaderLossGap bounds the time without a new event after a node is
// lost: leader elections take a few seconds (5-8 s measured); a lost pull
// request used to stop the worker for 25-30 s.
const maxLeaderLossGap = 15 * time.Second

// longestGapUntilSettled polls the output streams until they hold n
// messages and returns the longest time the enriched stream did not grow.
func longestGapUntilSettled(t *testing.T, js jetstream.JetStream, n int, d time.Duration) time.Duration {
	t.Helper()
	var last uint64
	lastGrowth, longest := time.Now(), time.Duration(0)
	waitFor(t, d, "every article enriched or dead-lettered", func() (bool, string) {
		e, err := streamMsgs(js, "ARTICLES_ENRICHED")
		q, err2 := streamMsgs(js, "ARTICLES_DLQ")
		if err == nil && e > last {
			last, lastGrowth = e, time.Now()
		}
		longest = max(longest, time.Since(lastGrowth))
		return err == nil && err2 == nil && e+q >= uint64(n), fmt.Sprintf("%d enriched, %d dead-lettered, errors %v %v", e, q, err, err2)
	})
	return longest
}

// streamLeader returns the name of the node leading stream.
func streamLeader(js jetstream.JetStream, stream string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, stream)
	if err != nil {
		return "", err
	}
	if s.CachedInfo().Cluster == nil {
		return "", fmt.Errorf("stream %s: no cluster info", stream)
	}
	return s.CachedInfo().Cluster.Leader, nil
}

// moveStreamLeader asks stream's leader to step down until a node other
// than avoid leads it.
func moveStreamLeader(t *testing.T, js jetstream.JetStream, stream, avoid string) {
	t.Helper()
	waitFor(t, 30*time.Second, stream+" led by another node than "+avoid, func() (bool, string) {
		leader, err := streamLeader(js, stream)
		if err != nil || leader == "" {
			return false, fmt.Sprint(err)
		}
		if leader == avoid {
			_, _ = js.Conn().Request("$JS.API.STREAM.LEADER.STEPDOWN."+stream, nil, 2*time.Second)
			time.Sleep(500 * time.Millisecond) // let the election settle before asking again
			return false, "led by " + avoid
		}
		return true, ""
	})
}

// startCluster starts a three-node JetStream cluster on loopback and
// returns its nodes and their client URLs, comma-separated.
func startCluster(t *testing.T) ([]*server, string) {
	t.Helper()
	var specs []serverSpec
	for i := range 3 {
		specs = append(specs, serverSpec{name: fmt.Sprintf("n%d", i+1), port: natstest.FreePort(t), clusterPort: natstest.FreePort(t)})
	}
	for i := range specs {
		for j := range specs {
			if i != j {
				specs[i].routes = append(specs[i].routes, specs[j].clusterPort)
			}
		}
	}
	nodes := startServers(t, specs...)
	var urls []string
	for _, s := range nodes {
		urls = append(urls, s.url)
	}
	url := strings.Join(urls, ",")
	// A meta leader is not enough: until it knows every peer, an R3 stream
	// fails with "no suitable peers for placement" (a worker started then
	// exits). Wait until one can be placed.
	js := client(t, url)
	waitFor(t, 60*time.Second, "an R3 stream placeable", func() (bool, string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "PLACEMENT_PROBE", Subjects: []string{"probe.placement"},
			Replicas: 3, Storage: jetstream.MemoryStorage})
		if err == nil {
			err = js.DeleteStream(ctx, "PLACEMENT_PROBE")
		}
		return err == nil, fmt.Sprint(err)
	})
	return nodes, url
}

// leaderOf returns the node that leads a stream or consumer.
func leaderOf(t *testing.T, ci *jetstream.ClusterInfo, nodes []*server) *server {
	t.Helper()
	if ci == nil {
		t.Fatal("no cluster info: not a clustered consumer")
	}
	for _, s := range nodes {
		if s.name == ci.Leader {
			return s
		}
	}
	t.Fatalf("leader %q is none of the nodes", ci.Leader)
	return nil
}
