// Package metrics defines every Prometheus metric wirestream exports
// (one [Metrics] value built by [New] on a caller's registerer) and serves
// /metrics, /healthz and /readyz.
package metrics

import (
	"runtime"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

const namespace = "wirestream"

// Message outcomes: what finally happened to a raw message.
const (
	OutcomeEnriched     = "enriched"
	OutcomeDuplicate    = "duplicate"
	OutcomeDeadLettered = "dead_lettered"
	OutcomeRetried      = "retried"
)

// Stage outcomes.
const (
	StageOK      = "ok"
	StageSkipped = "skipped"
	StageError   = "error"
)

// Publish kinds.
const (
	PublishEnriched   = "enriched"
	PublishDeadLetter = "dead_letter"
)

// Stage latency buckets: extraction stages take microseconds to
// milliseconds, a stuck one seconds; 16 buckets from 5µs to ~10s (×2.6).
var stageBuckets = prometheus.ExponentialBucketsRange(5e-6, 10, 16)

// Publish and end-to-end latency: a JetStream round trip is ~0.1-5 ms on a
// LAN; end to end includes queueing, so the range reaches a minute.
var latencyBuckets = prometheus.ExponentialBucketsRange(1e-4, 60, 16)

// Metrics holds every metric of the worker. Its methods are safe for
// concurrent use.
type Metrics struct {
	MessagesReceived prometheus.Counter
	BytesReceived    prometheus.Counter
	Redeliveries     prometheus.Counter
	InFlight         prometheus.Gauge
	Outcomes         *prometheus.CounterVec // outcome
	DeadLetters      *prometheus.CounterVec // reason

	StageItems      *prometheus.CounterVec   // stage
	StageInProgress *prometheus.GaugeVec     // stage
	StageProcessed  *prometheus.CounterVec   // stage, outcome
	StageDuration   *prometheus.HistogramVec // stage
	StageBlocked    *prometheus.CounterVec   // stage
	queueLength     *queueCollector          // stage
	QueueCapacity   *prometheus.GaugeVec     // stage
	dedup           *dedupCollector

	PublishDuration *prometheus.HistogramVec // kind
	PublishErrors   *prometheus.CounterVec   // kind
	PublishPending  prometheus.Gauge
	EndToEnd        prometheus.Histogram

	ConsumerPending     prometheus.Gauge
	ConsumerAckPending  prometheus.Gauge
	ConsumerRedelivered prometheus.Gauge
	ConsumerWaiting     prometheus.Gauge

	Connected     prometheus.Gauge
	Reconnects    prometheus.Counter
	Disconnects   prometheus.Counter
	BuildInfo     *prometheus.GaugeVec
	stageCache    sync.Map // stage name -> *stageSeries
	reasonsCached sync.Map // reason -> prometheus.Counter
}

// New creates the metrics and registers them, with the Go and process
// collectors, on reg.
func New(reg prometheus.Registerer, version string) *Metrics {
	m := &Metrics{
		MessagesReceived: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "messages_received_total",
			Help: "Raw messages pulled from the consumer, redeliveries included."}),
		BytesReceived: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "received_bytes_total",
			Help: "Payload bytes of raw messages pulled."}),
		Redeliveries: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "redeliveries_total",
			Help: "Raw messages pulled with a delivery count above one."}),
		InFlight: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "in_flight_messages",
			Help: "Raw messages pulled and not yet acked, terminated or nak'ed by this worker."}),
		Outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "messages_processed_total",
			Help: "Raw messages finished, by outcome: enriched, duplicate (event already stored), dead_lettered, retried (nak'ed for redelivery)."}, []string{"outcome"}),
		DeadLetters: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "dead_letters_total",
			Help: "Messages sent to the dead-letter stream, by reason."}, []string{"reason"}),

		StageItems: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "stage_items_total",
			Help: "Items that entered a stage."}, []string{"stage"}),
		StageInProgress: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: "stage_in_progress_items",
			Help: "Items a stage is working on now."}, []string{"stage"}),
		StageProcessed: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "stage_processed_total",
			Help: "Items that left a stage, by outcome: ok, skipped, error."}, []string{"stage", "outcome"}),
		StageDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "stage_duration_seconds",
			Help: "Time a stage spent on one item.", Buckets: stageBuckets}, []string{"stage"}),
		StageBlocked: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "stage_blocked_seconds_total",
			Help: "Time a stage's workers waited to hand items to the next stage: the backpressure signal."}, []string{"stage"}),
		queueLength: &queueCollector{desc: prometheus.NewDesc(namespace+"_stage_queue_length_items",
			"Items waiting in the queue in front of a stage, read at scrape time.", []string{"stage"}, nil)},
		QueueCapacity: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: "stage_queue_capacity_items",
			Help: "Capacity of the queue in front of a stage."}, []string{"stage"}),
		dedup: newDedupCollector(),

		PublishDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "publish_duration_seconds",
			Help: "Time from an async publish to its acknowledgement, by kind: enriched, dead_letter.", Buckets: latencyBuckets}, []string{"kind"}),
		PublishErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "publish_errors_total",
			Help: "Publishes that failed or timed out, by kind."}, []string{"kind"}),
		PublishPending: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "publish_pending_messages",
			Help: "Async publishes awaiting acknowledgement."}),
		EndToEnd: prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: namespace, Name: "end_to_end_latency_seconds",
			Help: "Time from the raw message's stream timestamp to the enriched event's publish acknowledgement.", Buckets: latencyBuckets}),

		ConsumerPending: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "consumer_pending_messages",
			Help: "Messages in the raw stream not yet delivered to the shared consumer (the lag), polled from JetStream."}),
		ConsumerAckPending: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "consumer_ack_pending_messages",
			Help: "Messages delivered to the shared consumer and not yet acknowledged, polled from JetStream."}),
		ConsumerRedelivered: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "consumer_redelivered_messages",
			Help: "Messages redelivered and not yet acknowledged, polled from JetStream."}),
		ConsumerWaiting: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "consumer_waiting_pull_requests",
			Help: "Outstanding pull requests on the shared consumer, polled from JetStream."}),

		Connected: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: "nats_connected",
			Help: "1 while connected to NATS, else 0."}),
		Reconnects: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "nats_reconnects_total",
			Help: "Reconnections to NATS."}),
		Disconnects: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "nats_disconnects_total",
			Help: "Disconnections from NATS."}),
		BuildInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: "build_info",
			Help: "Always 1; labels carry the build's version and Go version."}, []string{"version", "go_version"}),
	}
	reg.MustRegister(
		m.MessagesReceived, m.BytesReceived, m.Redeliveries, m.InFlight, m.Outcomes, m.DeadLetters,
		m.StageItems, m.StageInProgress, m.StageProcessed, m.StageDuration, m.StageBlocked, m.queueLength, m.QueueCapacity, m.dedup,
		m.PublishDuration, m.PublishErrors, m.PublishPending, m.EndToEnd,
		m.ConsumerPending, m.ConsumerAckPending, m.ConsumerRedelivered, m.ConsumerWaiting,
		m.Connected, m.Reconnects, m.Disconnects, m.BuildInfo,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{Namespace: ""}),
	)
	m.BuildInfo.WithLabelValues(version, runtime.Version()).Set(1)
	for _, o := range []string{OutcomeEnriched, OutcomeDuplicate, OutcomeDeadLettered, OutcomeRetried} {
		m.Outcomes.WithLabelValues(o)
	}
	for _, k := range []string{PublishEnriched, PublishDeadLetter} {
		m.PublishDuration.WithLabelValues(k)
		m.PublishErrors.WithLabelValues(k)
	}
	return m
}

// InitReasons starts the dead-letter counter at zero for each reason, so
// that rate() sees the first dead letter of a reason.
func (m *Metrics) InitReasons(reasons []string) {
	for _, r := range reasons {
		m.DeadLetter(r, 0)
	}
}

// DeadLetter counts n dead letters with reason.
func (m *Metrics) DeadLetter(reason string, n float64) {
	c, ok := m.reasonsCached.Load(reason)
	if !ok {
		c, _ = m.reasonsCached.LoadOrStore(reason, m.DeadLetters.WithLabelValues(reason))
	}
	c.(prometheus.Counter).Add(n)
}

// stageSeries caches a stage's label lookups for the hot path.
type stageSeries struct {
	items, ok, skipped, failed, blocked prometheus.Counter
	inProgress                          prometheus.Gauge
	duration                            prometheus.Observer
}

// InitStages creates every stage series at zero and records queue
// capacities. Call it once with the pipeline's stages.
func (m *Metrics) InitStages(stages []string, capacity func(string) int) {
	for _, s := range stages {
		m.stage(s)
		m.QueueCapacity.WithLabelValues(s).Set(float64(capacity(s)))
	}
}

func (m *Metrics) stage(name string) *stageSeries {
	if s, ok := m.stageCache.Load(name); ok {
		return s.(*stageSeries)
	}
	s := &stageSeries{
		items:      m.StageItems.WithLabelValues(name),
		ok:         m.StageProcessed.WithLabelValues(name, StageOK),
		skipped:    m.StageProcessed.WithLabelValues(name, StageSkipped),
		failed:     m.StageProcessed.WithLabelValues(name, StageError),
		blocked:    m.StageBlocked.WithLabelValues(name),
		inProgress: m.StageInProgress.WithLabelValues(name),
		duration:   m.StageDuration.WithLabelValues(name),
	}
	actual, _ := m.stageCache.LoadOrStore(name, s)
	return actual.(*stageSeries)
}

// StageStarted records that a stage picked up an item.
func (m *Metrics) StageStarted(stage string) {
	s := m.stage(stage)
	s.items.Inc()
	s.inProgress.Inc()
}

// StageFinished records a stage's result for one item.
func (m *Metrics) StageFinished(stage, outcome string, d time.Duration) {
	s := m.stage(stage)
	s.inProgress.Dec()
	s.duration.Observe(d.Seconds())
	switch outcome {
	case StageOK:
		s.ok.Inc()
	case StageSkipped:
		s.skipped.Inc()
	default:
		s.failed.Inc()
	}
}

// StageBlockedFor adds time a stage waited on the next queue.
func (m *Metrics) StageBlockedFor(stage string, d time.Duration) {
	m.stage(stage).blocked.Add(d.Seconds())
}

// Connection state, implementing natsx.ConnEvents.

// SetConnected sets the connected gauge.
func (m *Metrics) SetConnected(up bool) {
	if up {
		m.Connected.Set(1)
	} else {
		m.Connected.Set(0)
	}
}

// ObserveQueues sets the function that reports each stage's queue length
// at scrape time; length is called once per stage per scrape.
func (m *Metrics) ObserveQueues(stages []string, length func(stage string) int) {
	m.queueLength.mu.Lock()
	defer m.queueLength.mu.Unlock()
	m.queueLength.stages, m.queueLength.length = stages, length
}

// queueCollector reads queue lengths when scraped, so the gauge is exact
// without a sampling goroutine.
type queueCollector struct {
	desc   *prometheus.Desc
	mu     sync.Mutex
	stages []string
	length func(string) int
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	stages, length := c.stages, c.length
	c.mu.Unlock()
	for _, s := range stages {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(length(s)), s)
	}
}

// DedupStats is what the dedup stage's index reports when scraped (see
// internal/dedup's Stats, which the worker maps onto it).
type DedupStats struct {
	// Articles is the number of articles held in the replica's window.
	Articles int
	// PendingMessages is the number of log messages not yet applied.
	PendingMessages uint64
	// OrphanResults counts results recorded for another replica's claim.
	OrphanResults uint64
	// SkippedMessages counts log messages skipped as unreadable.
	SkippedMessages uint64
}

// ObserveDedup makes the dedup series read stats when scraped. Until it
// is called (a worker without the dedup stage) they are not exported.
func (m *Metrics) ObserveDedup(stats func() DedupStats) {
	m.dedup.mu.Lock()
	defer m.dedup.mu.Unlock()
	m.dedup.stats = stats
}

// dedupCollector reads the dedup index's state when scraped.
type dedupCollector struct {
	articles, pending, orphans, skipped *prometheus.Desc
	mu                                  sync.Mutex
	stats                               func() DedupStats
}

func newDedupCollector() *dedupCollector {
	return &dedupCollector{
		articles: prometheus.NewDesc(namespace+"_dedup_index_articles",
			"Articles held in this replica's dedup window (bounded by --dedup-window), read at scrape time.", nil, nil),
		pending: prometheus.NewDesc(namespace+"_dedup_log_pending_messages",
			"Dedup log messages this replica has not applied yet: the replay at start, then its lag behind the log.", nil, nil),
		orphans: prometheus.NewDesc(namespace+"_dedup_orphan_results_total",
			"Results this replica recorded for another replica's claim after its owner did not (a worker that died mid-article).", nil, nil),
		skipped: prometheus.NewDesc(namespace+"_dedup_log_skipped_messages_total",
			"Dedup log messages skipped because they did not parse.", nil, nil),
	}
}

func (c *dedupCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.articles
	ch <- c.pending
	ch <- c.orphans
	ch <- c.skipped
}

func (c *dedupCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	stats := c.stats
	c.mu.Unlock()
	if stats == nil {
		return
	}
	s := stats()
	ch <- prometheus.MustNewConstMetric(c.articles, prometheus.GaugeValue, float64(s.Articles))
	ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(s.PendingMessages))
	ch <- prometheus.MustNewConstMetric(c.orphans, prometheus.CounterValue, float64(s.OrphanResults))
	ch <- prometheus.MustNewConstMetric(c.skipped, prometheus.CounterValue, float64(s.SkippedMessages))
}
