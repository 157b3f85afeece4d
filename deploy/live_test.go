package deploy_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/wirestream/wirestream/internal/app"
	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// prometheusServer returns the path of the Prometheus server binary
// (Debian's prometheus package, which scripts/ensure-promtool.sh installs
// along with promtool). Without it the test skips loudly, or fails when
// CI=true.
func prometheusServer(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("prometheus")
	if err == nil {
		return path
	}
	const msg = "the prometheus server is not on PATH, so the live PromQL check DID NOT RUN. " +
		"Install it with scripts/ensure-promtool.sh (Debian/Ubuntu package `prometheus`)."
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " CI=true requires it.")
	}
	t.Skip("!!! SKIPPED !!! " + msg)
	return ""
}

// TestLivePrometheusEvaluatesEveryExpression runs a worker on an in-process
// JetStream server with articles (and some bad input) flowing, has a real
// Prometheus server scrape it every second and evaluate the rule file, and
// then asks Prometheus for every dashboard query, every recording rule and
// every selector of every alert. Each must return data: a typo, a metric
// the code does not export or a label it does not set shows up as an
// empty result. Alert conditions themselves are only required to
// evaluate, since a healthy worker fires none.
func TestLivePrometheusEvaluatesEveryExpression(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a worker and a Prometheus server")
	}
	promBin := prometheusServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	srv := natstest.Start(t, nil)
	workerAddr := startLiveWorker(t, ctx, srv.ClientURL())
	var load sync.WaitGroup
	load.Go(func() { publishLoad(ctx, t, srv.ClientURL()) })
	defer load.Wait()
	defer cancel()

	promURL := startPrometheus(t, promBin, workerAddr)
	// Rates over the dashboards' windows need a few samples; recording
	// rules need a few evaluations on top of that.
	waitFor(t, 60*time.Second, func() (bool, string) {
		res, err := promQuery(promURL, `count_over_time(up{job="wirestream"}[5m])`)
		if err != nil {
			return false, err.Error()
		}
		n := 0.0
		if len(res) == 1 {
			fmt.Sscan(res[0].Value, &n)
		}
		return n >= 8, fmt.Sprintf("%v scrapes", n)
	})
	if res, err := promQuery(promURL, `up{job="wirestream"}`); err != nil || len(res) != 1 || res[0].Value != "1" {
		t.Fatalf("Prometheus does not see the worker up: %v %v", res, err)
	}

	var checked int
	check := func(where, expr string, needData bool) {
		t.Helper()
		checked++
		res, err := promQuery(promURL, expr)
		switch {
		case err != nil:
			t.Errorf("%s: %v\n  expr: %s", where, err, expr)
		case needData && len(res) == 0:
			t.Errorf("%s: no data\n  expr: %s", where, expr)
		}
	}
	for _, q := range loadDashboard(t).Queries() {
		check("dashboard "+q.Where, liveExpr(q.Expr), true)
	}
	for _, r := range readRules(t, rulesPath) {
		where := fmt.Sprintf("%s:%d %s", rulesPath, r.Line, r.Name())
		if r.Record != "" {
			check(where, r.Expr, true)
			check(where+" (recorded series)", r.Record, true)
			continue
		}
		check(where, r.Expr, false)
		for _, s := range promqlSelectors(r.Expr) {
			check(where+" selector", s.Name+"{"+s.Matchers+"}", true)
		}
	}
	t.Logf("%d expressions evaluated against a live Prometheus scraping a running worker", checked)
}

// liveExpr replaces Grafana's variables: intervals by durations the test
// has samples for, label variables by a match-anything regex.
func liveExpr(expr string) string {
	return grafanaVar.ReplaceAllString(grafanaIntervals.Replace(expr), ".+")
}

// startLiveWorker runs a worker with every stage until the test ends and
// returns its HTTP address.
func startLiveWorker(t *testing.T, ctx context.Context, natsURL string) string {
	t.Helper()
	cfg, _, err := config.LoadWorker([]string{"--nats-url", natsURL, "--http-addr", "127.0.0.1:0",
		"--consumer-poll", "250ms", "--shutdown-timeout", "10s", "--max-deliver", "2", "--nak-delay", "50ms"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	started := make(chan string, 1)
	exited := make(chan error, 1)
	go func() {
		exited <- app.RunWorker(wctx, cfg, zaptest.NewLogger(t, zaptest.Level(zap.ErrorLevel)), prometheus.NewRegistry(),
			app.WorkerHooks{Started: func(_, addr string) { started <- addr }})
	}()
	t.Cleanup(func() {
		stop()
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			t.Error("worker did not stop in 20s")
		}
	})
	select {
	case addr := <-started:
		return addr
	case err := <-exited:
		t.Fatalf("worker exited at start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("worker did not start in 30s")
	}
	return ""
}

// publishLoad publishes generated articles at about 50 a second, every
// tenth one invalid UTF-8 (a dead letter), until ctx ends.
func publishLoad(ctx context.Context, t *testing.T, natsURL string) {
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Errorf("load: %v", err)
		return
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Errorf("load: %v", err)
		return
	}
	g := samplegen.New(11, samplegen.WithTargetSize(2000))
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		a := g.Next()
		payload := a.Payload
		if i%10 == 9 {
			payload = append([]byte("Headline\n\nbody \xff\xfe broken"), byte(i))
		}
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := js.Publish(pctx, "articles.raw.live", payload, jetstream.WithMsgID(fmt.Sprintf("live-%d", i)))
		cancel()
		if err != nil && ctx.Err() == nil && !errors.Is(err, jetstream.ErrNoStreamResponse) {
			t.Logf("load: publish: %v", err)
		}
	}
}

// startPrometheus runs a Prometheus server that scrapes the worker every
// second and evaluates the rule file, and returns its base URL.
func startPrometheus(t *testing.T, bin, target string) string {
	t.Helper()
	dir := t.TempDir()
	rules, err := filepath.Abs(rulesPath)
	if err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - %q
scrape_configs:
  - job_name: wirestream
    static_configs:
      - targets: [%q]
`, rules, target)
	if err := os.WriteFile(filepath.Join(dir, "prometheus.yml"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := natstest.FreeAddr(t)
	cmd := exec.Command(bin, "--config.file="+filepath.Join(dir, "prometheus.yml"),
		"--storage.tsdb.path="+filepath.Join(dir, "data"), "--web.listen-address="+addr, "--log.level=warn")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logf, err := os.Create(filepath.Join(dir, "prometheus.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("start prometheus: %v", err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		logf.Close()
		if t.Failed() {
			if b, err := os.ReadFile(logf.Name()); err == nil {
				t.Logf("prometheus log:\n%s", b)
			}
		}
	})
	base := "http://" + addr
	waitFor(t, 30*time.Second, func() (bool, string) {
		_, err := get(base + "/-/ready")
		return err == nil, fmt.Sprint(err)
	})
	return base
}

// sample is one element of an instant query's result, its value as text.
type sample struct {
	Metric map[string]string
	Value  string
}

// promQuery runs an instant query and returns its samples; a scalar or
// string result counts as one sample.
func promQuery(base, expr string) ([]sample, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(base + "/api/v1/query?query=" + url.QueryEscape(expr))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			ResultType string          `json:"resultType"`
			Result     json.RawMessage `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("decode response (%s): %w", resp.Status, err)
	}
	if body.Status != "success" {
		return nil, fmt.Errorf("query failed: %s", body.Error)
	}
	switch body.Data.ResultType {
	case "vector":
		var vec []struct {
			Metric map[string]string `json:"metric"`
			Value  [2]any            `json:"value"`
		}
		if err := json.Unmarshal(body.Data.Result, &vec); err != nil {
			return nil, err
		}
		out := make([]sample, len(vec))
		for i, v := range vec {
			out[i] = sample{Metric: v.Metric, Value: fmt.Sprint(v.Value[1])}
		}
		return out, nil
	case "scalar", "string":
		var v [2]any
		if err := json.Unmarshal(body.Data.Result, &v); err != nil {
			return nil, err
		}
		return []sample{{Value: fmt.Sprint(v[1])}}, nil
	}
	return nil, fmt.Errorf("unexpected result type %q", body.Data.ResultType)
}

// waitFor polls cond every 250ms until it holds or within passes.
func waitFor(t *testing.T, within time.Duration, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("condition not met in %s: %s", within, state)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
