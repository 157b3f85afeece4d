package config

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wirestream/wirestream/internal/dedup"
	"github.com/wirestream/wirestream/internal/extract/language"
	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/stages"
	"github.com/wirestream/wirestream/internal/worker"
)

// Worker is the worker binary's configuration.
type Worker struct {
	NATS     natsx.ConnConfig
	Embedded bool
	Server   natsx.EmbeddedConfig
	Loop     worker.Config

	// Stages are the extraction stage names in order; nil means all.
	Stages []string
	// Concurrency and QueueSize per stage; "" keys the default.
	Concurrency map[string]int
	QueueSize   map[string]int
	ItemTimeout time.Duration
	// Languages restrict the language stage (nil: its defaults).
	Languages []string
	// EntityTagger is the entities stage's tagger: ner, rule or combined.
	EntityTagger string
	// Dedup configures the near-duplicate index shared by all replicas.
	Dedup dedup.Config

	HTTPAddr           string
	ConsumerPollPeriod time.Duration
	LogFormat          string
	LogLevel           string
	PublishAckTimeout  time.Duration
}

// LoadWorker parses args (without the program name) with env fallbacks.
// It returns flag.ErrHelp after printing usage for -h.
func LoadWorker(args []string, env LookupEnv) (*Worker, []Flag, error) {
	c := &Worker{Loop: worker.Config{Topology: natsx.DefaultTopology()}}
	f := newFlags("worker", env)
	var nf natsFlags
	nf.register(f, "wirestream-worker")
	t := &c.Loop.Topology
	f.Bool(&c.Embedded, "embedded", "WIRESTREAM_EMBEDDED", false, "start an in-process JetStream server and connect to it")
	f.String(&c.Server.Listen, "embedded-listen", "WIRESTREAM_EMBEDDED_LISTEN", "127.0.0.1:4222", "client address of the embedded server")
	f.String(&c.Server.StoreDir, "store-dir", "WIRESTREAM_STORE_DIR", "./data/jetstream", "JetStream store directory of the embedded server")
	f.Int(&t.Replicas, "replicas", "WIRESTREAM_REPLICAS", t.Replicas, "stream and consumer replicas (3 on a cluster)")
	f.Duration(&t.MaxAge, "max-age", "WIRESTREAM_MAX_AGE", t.MaxAge, "how long raw and enriched messages are kept")
	f.Duration(&t.DLQMaxAge, "dlq-max-age", "WIRESTREAM_DLQ_MAX_AGE", t.DLQMaxAge, "how long dead-letter records are kept")
	f.Duration(&t.DuplicateWindow, "duplicate-window", "WIRESTREAM_DUPLICATE_WINDOW", t.DuplicateWindow, "Nats-Msg-Id deduplication window of the streams; must cover max-deliver × ack-wait")
	f.String(&t.Consumer, "consumer", "WIRESTREAM_CONSUMER", t.Consumer, "durable consumer shared by all worker replicas")
	f.Int(&t.MaxAckPending, "max-ack-pending", "WIRESTREAM_MAX_ACK_PENDING", t.MaxAckPending, "consumer's limit of unacknowledged messages across all replicas")
	f.Duration(&t.AckWait, "ack-wait", "WIRESTREAM_ACK_WAIT", t.AckWait, "time before an unacknowledged message is redelivered")
	f.Int(&t.MaxDeliver, "max-deliver", "WIRESTREAM_MAX_DELIVER", t.MaxDeliver, "deliveries before a failing message is dead-lettered")
	var stageList, conc, queue string
	f.String(&stageList, "stages", "WIRESTREAM_STAGES", "all", "extraction stages in order, comma-separated; all, or none for a pass-through")
	f.String(&conc, "concurrency", "WIRESTREAM_CONCURRENCY", "", "goroutines per stage: N for all, or stage=N,... with an optional bare default; unset: 1 per stage, GOMAXPROCS (at least 2) for entities, 64 for dedup (it waits on log round trips)")
	f.String(&queue, "queue-size", "WIRESTREAM_QUEUE_SIZE", "64", "queue length in front of each stage: N, or stage=N,...")
	f.String(&c.Loop.Fuse, "fuse", "WIRESTREAM_FUSE", worker.FuseAuto, "stages that share goroutines, each carrying an article through all of them (with the highest --concurrency among them and the queue of the first): auto (every stage but dedup, in runs around entities), cpu (every stage but dedup), none, or ranges such as admit-segment,dates-fingerprint")
	var langs string
	f.String(&langs, "languages", "WIRESTREAM_LANGUAGES", strings.Join(language.DefaultLanguages(), ","), "ISO 639-1 codes the language stage tells apart, comma-separated (at least two)")
	f.String(&c.EntityTagger, "entity-tagger", "WIRESTREAM_ENTITY_TAGGER", stages.DefaultTagger, "entity tagger: ner (statistical model), rule (gazetteer rules) or combined (ner, rules fill gaps)")
	c.Dedup = dedup.DefaultConfig()
	f.String(&c.Dedup.Stream, "dedup-stream", "WIRESTREAM_DEDUP_STREAM", c.Dedup.Stream, "JetStream stream holding the near-duplicate index's log, shared by all replicas")
	f.Duration(&c.Dedup.TTL, "dedup-ttl", "WIRESTREAM_DEDUP_TTL", c.Dedup.TTL, "how long an article can be found as the earlier version of a re-send")
	dedupReplicas := 0
	f.Int(&dedupReplicas, "dedup-replicas", "WIRESTREAM_DEDUP_REPLICAS", 0, "replicas of the dedup log stream; 0 follows --replicas")
	f.Int(&c.Dedup.Bands, "dedup-bands", "WIRESTREAM_DEDUP_BANDS", c.Dedup.Bands, "SimHash bands used as lookup keys; equal on every replica (docs/design.md)")
	f.Int(&c.Dedup.Threshold, "dedup-threshold", "WIRESTREAM_DEDUP_THRESHOLD", c.Dedup.Threshold, "largest SimHash Hamming distance that still links two articles")
	f.Int(&c.Dedup.Window, "dedup-window", "WIRESTREAM_DEDUP_WINDOW", c.Dedup.Window, "log messages (two per article) an article's earlier versions are looked for in; bounds each replica's memory")
	f.Duration(&c.Dedup.Timeout, "dedup-timeout", "WIRESTREAM_DEDUP_TIMEOUT", c.Dedup.Timeout, "bound of one article's dedup log traffic, waits included")
	f.Duration(&c.ItemTimeout, "item-timeout", "WIRESTREAM_ITEM_TIMEOUT", 10*time.Second, "processing deadline of one article across all stages")
	f.Int(&c.Loop.Batch, "batch", "WIRESTREAM_BATCH", 256, "messages pulled and buffered ahead of the pipeline")
	f.Int(&c.Loop.MaxInFlight, "max-in-flight", "WIRESTREAM_MAX_IN_FLIGHT", 1024, "messages between pull and ack in this worker")
	f.Int(&c.Loop.MaxPayload, "max-payload", "WIRESTREAM_MAX_PAYLOAD", 1<<20, "largest raw payload in bytes; larger ones are dead-lettered")
	f.String(&c.Loop.PipelineVersion, "pipeline-version", "WIRESTREAM_PIPELINE_VERSION", "1", "processing generation, part of every event id: bump it to reprocess stored articles into new events")
	var replay string
	f.String(&replay, "replay-from", "WIRESTREAM_REPLAY_FROM", "", "reprocess stored raw articles from a stream sequence (seq:N) or RFC 3339 time on a separate consumer; see docs/reliability.md")
	f.Bool(&c.Loop.DoubleAck, "double-ack", "WIRESTREAM_DOUBLE_ACK", false, "wait for the server to confirm each ack")
	f.Duration(&c.Loop.NakDelay, "nak-delay", "WIRESTREAM_NAK_DELAY", time.Second, "first redelivery delay after a transient failure; doubles per delivery")
	f.Duration(&c.Loop.MaxNakDelay, "max-nak-delay", "WIRESTREAM_MAX_NAK_DELAY", time.Minute, "largest redelivery delay")
	f.Duration(&c.PublishAckTimeout, "publish-ack-timeout", "WIRESTREAM_PUBLISH_ACK_TIMEOUT", 10*time.Second, "time to wait for a publish acknowledgement")
	f.Duration(&c.Loop.ShutdownTimeout, "shutdown-timeout", "WIRESTREAM_SHUTDOWN_TIMEOUT", 25*time.Second, "bound of the graceful drain on SIGTERM")
	f.String(&c.HTTPAddr, "http-addr", "WIRESTREAM_HTTP_ADDR", ":8080", "address of /metrics, /healthz and /readyz")
	f.Duration(&c.ConsumerPollPeriod, "consumer-poll", "WIRESTREAM_CONSUMER_POLL", 5*time.Second, "how often consumer state is polled for metrics")
	f.String(&c.LogFormat, "log-format", "WIRESTREAM_LOG_FORMAT", "json", "json or console")
	f.String(&c.LogLevel, "log-level", "WIRESTREAM_LOG_LEVEL", "info", "debug, info, warn or error")
	if err := f.parse(args); err != nil {
		return nil, f.docs, err
	}
	if f.fs.NArg() > 0 {
		return nil, f.docs, fmt.Errorf("unexpected arguments: %v", f.fs.Args())
	}
	if err := nf.resolve(); err != nil {
		return nil, f.docs, err
	}
	c.NATS = nf.conn
	if replay != "" {
		if err := c.Loop.Topology.ReplayFrom(replay, c.Loop.PipelineVersion); err != nil {
			return nil, f.docs, err
		}
	}
	c.Stages = parseStages(stageList)
	c.Languages = parseList(langs)
	c.Dedup.Replicas = dedupReplicas
	if dedupReplicas == 0 {
		c.Dedup.Replicas = t.Replicas
	}
	var err error
	if c.Concurrency, err = parsePerStage(conc); err != nil {
		return nil, f.docs, fmt.Errorf("--concurrency: %w", err)
	}
	if _, ok := c.Concurrency[""]; !ok {
		c.Concurrency[""] = 1
	}
	if _, ok := c.Concurrency[dedup.StageName]; !ok && (c.Stages == nil || slices.Contains(c.Stages, dedup.StageName)) {
		c.Concurrency[dedup.StageName] = DefaultDedupConcurrency
	}
	if _, ok := c.Concurrency[entitiesStage]; !ok && (c.Stages == nil || slices.Contains(c.Stages, entitiesStage)) {
		c.Concurrency[entitiesStage] = DefaultEntitiesConcurrency()
	}
	if c.QueueSize, err = parsePerStage(queue); err != nil {
		return nil, f.docs, fmt.Errorf("--queue-size: %w", err)
	}
	return c, f.docs, c.Validate()
}

// entitiesStage is the name of the entities stage (internal/stages).
const entitiesStage = "entities"

// DefaultEntitiesConcurrency is the entities stage's concurrency unless
// --concurrency names it: GOMAXPROCS, and at least 2. The stage (the NER
// tagger) is about half of the worker's CPU, so with one goroutine it
// runs on one core while the others wait on it. Measured with
// cmd/loadbench on 2 cores, three interleaved pairs of full drains
// (docs/BENCHMARKS.md): 1,206-1,248 articles/s with two goroutines
// against 1,041-1,087/s with one.
func DefaultEntitiesConcurrency() int { return max(2, runtime.GOMAXPROCS(0)) }

// DefaultDedupConcurrency is the dedup stage's concurrency unless
// --concurrency names it (the other stages get one goroutine each, which
// with thirteen stages already keeps every core of a small pod busy): each
// article waits for two round trips to the dedup log and for the log to
// come back through the index's consumer, so one goroutine would cap a
// worker at a few thousand articles a second while using no CPU, and a
// burst of near duplicates waits on each other's results.
//
// Measured with cmd/loadbench on 2 cores (docs/BENCHMARKS.md) with the
// earlier KV-bucket index, whose articles waited on twelve round trips:
// with 16 dedup goroutines and GOMAXPROCS per other stage the full
// pipeline drained 549 articles/s at a p99 latency of 795 ms at half load;
// with 64 and one per stage, 656 articles/s at 61 ms. The log index waits
// less, so 64 is ample; goroutines that wait cost only their stacks.
const DefaultDedupConcurrency = 64

// Validate checks the whole configuration.
func (c *Worker) Validate() error {
	var errs []error
	if err := c.Loop.Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.LogFormat != "json" && c.LogFormat != "console" {
		errs = append(errs, fmt.Errorf("log format %q: want json or console", c.LogFormat))
	}
	if c.ItemTimeout < 0 {
		errs = append(errs, fmt.Errorf("item timeout %s is negative", c.ItemTimeout))
	}
	if c.ConsumerPollPeriod < 100*time.Millisecond {
		errs = append(errs, fmt.Errorf("consumer poll period %s under 100ms", c.ConsumerPollPeriod))
	}
	if !slices.Contains(stages.Taggers(), c.EntityTagger) {
		errs = append(errs, fmt.Errorf("entity tagger %q: want one of %s", c.EntityTagger, strings.Join(stages.Taggers(), ", ")))
	}
	if err := c.Dedup.Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.PublishAckTimeout <= 0 {
		errs = append(errs, fmt.Errorf("publish ack timeout %s must be positive", c.PublishAckTimeout))
	}
	return errors.Join(errs...)
}

// parseStages returns nil for "all", an empty slice for "none".
func parseStages(s string) []string {
	s = strings.TrimSpace(s)
	switch s {
	case "", "all":
		return nil
	case "none":
		return []string{}
	}
	return parseList(s)
}

// parseList splits a comma-separated list, dropping blanks; nil when
// there is nothing.
func parseList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parsePerStage reads "4" or "decode=2,entities=4" or "2,entities=4"; the
// bare number is the default, keyed "".
func parsePerStage(s string) (map[string]int, error) {
	out := map[string]int{}
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		name, val, ok := strings.Cut(p, "=")
		if !ok {
			name, val = "", p
		}
		n, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: want a positive integer", p)
		}
		out[strings.TrimSpace(name)] = n
	}
	return out, nil
}
