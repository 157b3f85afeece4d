package deploy_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/wirestream/wirestream/internal/app"
	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

// generatedArticles is how many synthetic articles the scrape fixture
// publishes: enough for every stage histogram, the publish and end-to-end
// histograms to have observations, few enough to stay well under a second.
const generatedArticles = 20

var (
	scrapeOnce sync.Once
	scrapeBody string
	scrapeErr  error
)

// realScrape returns the /metrics text of a real worker that consumed
// generated articles from an in-process JetStream server. The worker runs
// once per test binary, owned by the first test that asks (its server and
// logger are that test's); later callers get the cached text.
func realScrape(t *testing.T) string {
	t.Helper()
	scrapeOnce.Do(func() {
		// natstest.Start ends a failing test with runtime.Goexit, which
		// would return from Do with nothing set: assume failure until done.
		scrapeErr = errors.New("the scrape fixture did not finish; see the log of the first test that used it")
		scrapeBody, scrapeErr = scrapeWorker(t)
	})
	if scrapeErr != nil {
		t.Fatalf("scrape a real worker: %v", scrapeErr)
	}
	return scrapeBody
}

func noEnv(string) (string, bool) { return "", false }

// scrapeWorker starts a worker (all stages, defaults as in production but
// for a local HTTP port and a fast consumer poll), publishes
// generatedArticles, polls /metrics until every article was enriched and
// observed end to end, and stops the worker.
func scrapeWorker(t *testing.T) (string, error) {
	t.Helper()
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	cfg, _, err := config.LoadWorker([]string{"--nats-url", url, "--http-addr", "127.0.0.1:0",
		"--consumer-poll", "100ms", "--shutdown-timeout", "10s"}, noEnv)
	if err != nil {
		return "", fmt.Errorf("worker config: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started := make(chan string, 1)
	exited := make(chan struct{})
	var runErr error // written before exited is closed
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	go func() {
		defer close(exited)
		runErr = app.RunWorker(ctx, cfg, log, prometheus.NewRegistry(), app.WorkerHooks{Started: func(_, addr string) { started <- addr }})
	}()
	// Stop the worker and wait for it whatever happens below.
	defer func() {
		cancel()
		select {
		case <-exited:
			if runErr != nil {
				t.Logf("worker stopped with %v", runErr)
			}
		case <-time.After(20 * time.Second):
			t.Error("worker did not stop in 20s")
		}
	}()
	var addr string
	select {
	case addr = <-started:
	case <-exited:
		return "", fmt.Errorf("worker exited at start: %w", runErr)
	case <-time.After(20 * time.Second):
		return "", errors.New("worker did not start in 20s")
	}

	pcfg, _, err := config.LoadPublisher([]string{"--nats-url", url, "--progress", "never", "--source", "scrape",
		"--generate", fmt.Sprint(generatedArticles), "--generate-size", "2000"}, noEnv)
	if err != nil {
		return "", fmt.Errorf("publisher config: %w", err)
	}
	if _, err := app.RunPublisher(ctx, pcfg, zap.NewNop(), app.PublisherIO{Stdout: io.Discard}); err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}

	// Poll until every article is through, so that the histograms have
	// observations.
	want := []string{
		fmt.Sprintf(`wirestream_messages_processed_total{outcome="enriched"} %d`, generatedArticles),
		fmt.Sprintf(`wirestream_end_to_end_latency_seconds_count %d`, generatedArticles),
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		body, err := get("http://" + addr + "/metrics")
		if err == nil && containsLines(body, want) {
			return body, nil
		}
		if time.Now().After(deadline) {
			return body, fmt.Errorf("no %q in /metrics after 30s (last error %v)", want, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func get(url string) (string, error) {
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return string(body), fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return string(body), nil
}

// containsLines reports whether every line of want is a line of body.
func containsLines(body string, want []string) bool {
	lines := strings.Split(body, "\n")
	for _, w := range want {
		if !slices.Contains(lines, w) {
			return false
		}
	}
	return true
}
