package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/app"
	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
	"github.com/wirestream/wirestream/internal/publish"
)

// runningWorker is a worker started by a test; stop drains it and returns
// Run's error.
type runningWorker struct {
	reg  *prometheus.Registry
	http string
	stop func() error
}

func startWorker(t *testing.T, url string, extra ...string) *runningWorker {
	t.Helper()
	args := append([]string{"--nats-url", url, "--http-addr", "127.0.0.1:0", "--consumer-poll", "200ms",
		"--shutdown-timeout", "20s"}, extra...)
	cfg, _, err := config.LoadWorker(args, noEnv)
	if err != nil {
		t.Fatalf("worker config: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	reg := prometheus.NewRegistry()
	started := make(chan string, 1)
	done := make(chan error, 1)
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	go func() {
		done <- app.RunWorker(ctx, cfg, log, reg, app.WorkerHooks{Started: func(_, addr string) { started <- addr }})
	}()
	w := &runningWorker{reg: reg}
	select {
	case w.http = <-started:
	case err := <-done:
		cancel()
		t.Fatalf("worker exited at start: %v", err)
	case <-time.After(20 * time.Second):
		cancel()
		t.Fatal("worker did not start in 20s")
	}
	var stopped bool
	var stopErr error
	w.stop = func() error {
		if stopped {
			return stopErr
		}
		stopped = true
		cancel()
		select {
		case stopErr = <-done:
		case <-time.After(30 * time.Second):
			stopErr = errors.New("worker did not stop in 30s")
		}
		return stopErr
	}
	t.Cleanup(func() { _ = w.stop() })
	return w
}

func noEnv(string) (string, bool) { return "", false }

func publishArgs(t *testing.T, url string, args ...string) publish.Stats {
	t.Helper()
	cfg, _, err := config.LoadPublisher(append([]string{"--nats-url", url, "--progress", "never"}, args...), noEnv)
	if err != nil {
		t.Fatalf("publisher config: %v", err)
	}
	stats, err := app.RunPublisher(context.Background(), cfg, zap.NewNop(), app.PublisherIO{Stdout: io.Discard})
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return stats
}

func jsFor(t *testing.T, url string) jetstream.JetStream { return natstest.JetStream(t, url) }

// waitSettled polls until the enriched and dead-letter streams hold want
// messages between them and the consumer has nothing pending or unacked.
func waitSettled(t *testing.T, js jetstream.JetStream, want uint64) (enriched, dlq uint64) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(60 * time.Second)
	for {
		e := streamMsgs(t, js, "ARTICLES_ENRICHED")
		d := streamMsgs(t, js, "ARTICLES_DLQ")
		cons, err := js.Consumer(ctx, "ARTICLES_RAW", "enrich")
		if err != nil {
			t.Fatal(err)
		}
		ci := cons.CachedInfo()
		if e+d >= want && ci.NumPending == 0 && ci.NumAckPending == 0 {
			return e, d
		}
		if time.Now().After(deadline) {
			t.Fatalf("not settled after 60s: enriched %d + dlq %d of %d, pending %d, ack pending %d",
				e, d, want, ci.NumPending, ci.NumAckPending)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func streamMsgs(t *testing.T, js jetstream.JetStream, name string) uint64 {
	t.Helper()
	s, err := js.Stream(context.Background(), name)
	if err != nil {
		t.Fatalf("stream %s: %v", name, err)
	}
	return s.CachedInfo().State.Msgs
}

// events reads every enriched event.
// eventSchema compiles the checked-in event JSON Schema.
func eventSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(event.Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("event.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("event.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// events reads every event of the enriched stream, checking each against
// the JSON Schema and its Nats-Msg-Id against its id.
func events(t *testing.T, js jetstream.JetStream) []event.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	want := streamMsgs(t, js, "ARTICLES_ENRICHED")
	cons, err := js.OrderedConsumer(ctx, "ARTICLES_ENRICHED", jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	schema := eventSchema(t)
	var out []event.Event
	for uint64(len(out)) < want {
		msg, err := cons.Next(jetstream.FetchContext(ctx))
		if err != nil {
			t.Fatalf("read events: %v", err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(msg.Data()))
		if err != nil {
			t.Fatalf("event is not JSON: %v", err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Fatalf("event does not validate against event.schema.json: %v\n%s", err, msg.Data())
		}
		var ev event.Event
		if err := json.Unmarshal(msg.Data(), &ev); err != nil {
			t.Fatalf("event does not decode: %v", err)
		}
		if got := msg.Headers().Get("Nats-Msg-Id"); got != ev.ID {
			t.Errorf("Nats-Msg-Id %q != event id %q", got, ev.ID)
		}
		out = append(out, ev)
	}
	return out
}

func samplesDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../samples")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func countSamples(t *testing.T) int {
	t.Helper()
	n := 0
	err := publish.Reader{MaxSize: 1 << 20}.Each(context.Background(), []string{samplesDir(t)}, func(publish.Article) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWorkerEnrichesEveryArticleOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	w := startWorker(t, url, "--concurrency", "2")
	const generated = 300
	st := publishArgs(t, url, "--source", "itest", "--generate", fmt.Sprint(generated), samplesDir(t))
	want := uint64(generated + countSamples(t))
	if uint64(st.Published) != want || st.Failed != 0 {
		t.Fatalf("publisher: %+v, want %d published", st, want)
	}
	js := jsFor(t, url)
	enriched, dlq := waitSettled(t, js, want)
	if enriched != want || dlq != 0 {
		t.Fatalf("enriched %d, dead-lettered %d; want %d enriched", enriched, dlq, want)
	}
	evs := events(t, js)
	seen := map[uint64]bool{}
	for _, ev := range evs {
		if seen[ev.Raw.Sequence] {
			t.Errorf("raw sequence %d enriched twice", ev.Raw.Sequence)
		}
		seen[ev.Raw.Sequence] = true
		if ev.Headline == "" || ev.Text == "" || ev.SchemaVersion != event.SchemaVersion || ev.Source != "itest" {
			t.Errorf("event %s incomplete: headline %q source %q", ev.ID, ev.Headline, ev.Source)
		}
		if len(ev.Entities) == 0 {
			t.Errorf("event %s (%q) has no entities", ev.ID, ev.Headline)
		}
	}
	if err := w.stop(); err != nil {
		t.Fatalf("worker stop: %v", err)
	}
	if got := counterValue(t, w.reg, "wirestream_messages_processed_total", "outcome", "enriched"); got != float64(want) {
		t.Errorf("enriched counter %v, want %d", got, want)
	}
	// One claim per article in the dedup window, the log fully applied.
	if got := gaugeValue(t, w.reg, "wirestream_dedup_index_articles"); got != float64(want) {
		t.Errorf("dedup index holds %v articles, want %d", got, want)
	}
	if got := gaugeValue(t, w.reg, "wirestream_dedup_log_pending_messages"); got != 0 {
		t.Errorf("dedup log pending %v after the drain, want 0", got)
	}
}

// gaugeValue returns the value of the unlabelled gauge name.
func gaugeValue(t *testing.T, g prometheus.Gatherer, name string) float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name && len(mf.GetMetric()) == 1 {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("no gauge %s", name)
	return 0
}

func TestTwoWorkersShareTheConsumer(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	// Small batches so that both replicas get work.
	w1 := startWorker(t, url, "--batch", "8")
	w2 := startWorker(t, url, "--batch", "8")
	const n = 1000
	publishArgs(t, url, "--source", "pair", "--generate", fmt.Sprint(n), "--generate-size", "2000")
	js := jsFor(t, url)
	enriched, dlq := waitSettled(t, js, n)
	if enriched != n || dlq != 0 {
		t.Fatalf("enriched %d, dead-lettered %d; want %d", enriched, dlq, n)
	}
	for _, w := range []*runningWorker{w1, w2} {
		if err := w.stop(); err != nil {
			t.Fatal(err)
		}
	}
	var total float64
	for i, w := range []*runningWorker{w1, w2} {
		e := counterValue(t, w.reg, "wirestream_messages_processed_total", "outcome", "enriched")
		d := counterValue(t, w.reg, "wirestream_messages_processed_total", "outcome", "duplicate")
		if e == 0 {
			t.Errorf("worker %d enriched nothing: the consumer was not shared", i+1)
		}
		if d != 0 {
			t.Errorf("worker %d produced %v duplicate events", i+1, d)
		}
		total += e
	}
	if total != n {
		t.Errorf("workers enriched %v in all, want %d", total, n)
	}
}

func TestRepublishingAddsNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	n := countSamples(t)
	first := publishArgs(t, url, "--source", "again", samplesDir(t))
	second := publishArgs(t, url, "--source", "again", samplesDir(t))
	if first.Published != n || second.Published != 0 || second.Duplicates != n {
		t.Fatalf("first %+v, second %+v; want %d then 0 new and %d duplicates", first, second, n, n)
	}
	js := jsFor(t, url)
	if got := streamMsgs(t, js, "ARTICLES_RAW"); got != uint64(n) {
		t.Fatalf("raw stream holds %d, want %d", got, n)
	}
}

func TestBadInputIsDeadLettered(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	w := startWorker(t, url, "--max-payload", "32768") // generated articles are at most 20 KB
	js := jsFor(t, url)
	ctx := context.Background()
	bad := map[string][]byte{
		"empty":        []byte("   \n"),
		"invalid_utf8": []byte("Headline\nStandfirst\nBody \xff\xfe text\n"),
		"too_large":    []byte(strings.Repeat("word ", 8000)),
		"malformed":    []byte(`{"headline": "x", "body": [1, 2`),
	}
	for reason, payload := range bad {
		if _, err := js.Publish(ctx, "articles.raw.bad", payload, jetstream.WithMsgID("bad-"+reason)); err != nil {
			t.Fatal(err)
		}
	}
	good := publishArgs(t, url, "--source", "bad", "--generate", "20")
	enriched, dlq := waitSettled(t, js, uint64(len(bad)+good.Published))
	if dlq != uint64(len(bad)) || enriched != uint64(good.Published) {
		t.Fatalf("dlq %d (want %d), enriched %d (want %d)", dlq, len(bad), enriched, good.Published)
	}
	cons, err := js.OrderedConsumer(ctx, "ARTICLES_DLQ", jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for range bad {
		msg, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		if err != nil {
			t.Fatal(err)
		}
		h := msg.Headers()
		reason := h.Get("Wirestream-Error-Reason")
		got[reason] = true
		if h.Get("Wirestream-Original-Subject") != "articles.raw.bad" || h.Get("Wirestream-Error-Stage") == "" ||
			h.Get("Wirestream-Original-Sequence") == "" || h.Get("Wirestream-Error-Detail") == "" {
			t.Errorf("dead letter %q lacks headers: %v", reason, h)
		}
		if want, ok := bad[reason]; ok && string(msg.Data()) != string(want) {
			t.Errorf("dead letter %q does not carry the original payload", reason)
		}
	}
	for reason := range bad {
		if !got[reason] {
			t.Errorf("no dead letter with reason %q (got %v)", reason, got)
		}
	}
	if err := w.stop(); err != nil {
		t.Fatal(err)
	}
}

func TestHealthAndMetricsEndpoints(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	w := startWorker(t, srv.ClientURL())
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 200} {
		resp, err := http.Get("http://" + w.http + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
		if path == "/metrics" && !strings.Contains(string(body), "wirestream_build_info") {
			t.Errorf("/metrics lacks wirestream_build_info")
		}
	}
	if problems, err := testutil.GatherAndLint(w.reg); err != nil || len(problems) > 0 {
		t.Errorf("metric lint: %v %v", err, problems)
	}
}

// counterValue reads one labelled counter from a registry.
func counterValue(t *testing.T, g prometheus.Gatherer, name, label, value string) float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if label == "" {
				return m.GetCounter().GetValue()
			}
			for _, lp := range m.GetLabel() {
				if lp.GetName() == label && lp.GetValue() == value {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	t.Fatalf("no %s{%s=%q}", name, label, value)
	return 0
}

func TestPassThroughStillPublishesEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	startWorker(t, url, "--stages", "none")
	st := publishArgs(t, url, "--source", "pass", "--generate", "50")
	js := jsFor(t, url)
	enriched, dlq := waitSettled(t, js, uint64(st.Published))
	if enriched != uint64(st.Published) || dlq != 0 {
		t.Fatalf("enriched %d, dead-lettered %d of %d", enriched, dlq, st.Published)
	}
	for _, ev := range events(t, js) {
		if ev.ID == "" || ev.Raw.Sequence == 0 || ev.Source != "pass" || len(ev.Pipeline.Stages) != 0 {
			t.Fatalf("pass-through event %+v", ev)
		}
	}
}
