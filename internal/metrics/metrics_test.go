package metrics

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func newTest(t *testing.T) (*Metrics, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	m := New(reg, "test")
	m.InitStages([]string{"decode", "entities"}, func(string) int { return 64 })
	m.ObserveQueues([]string{"decode", "entities"}, func(s string) int { return len(s) })
	m.InitReasons([]string{"malformed", "panic"})
	m.ObserveDedup(func() DedupStats { return DedupStats{Articles: 3, PendingMessages: 2, OrphanResults: 1} })
	return m, reg
}

func TestLintClean(t *testing.T) {
	_, reg := newTest(t)
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
}

func TestStageSeries(t *testing.T) {
	m, _ := newTest(t)
	m.StageStarted("decode")
	m.StageFinished("decode", StageOK, time.Millisecond)
	m.StageStarted("decode")
	m.StageFinished("decode", StageError, time.Millisecond)
	m.StageBlockedFor("decode", 2*time.Second)
	tests := []struct {
		name string
		c    prometheus.Collector
		want float64
	}{
		{"items", m.StageItems.WithLabelValues("decode"), 2},
		{"ok", m.StageProcessed.WithLabelValues("decode", StageOK), 1},
		{"error", m.StageProcessed.WithLabelValues("decode", StageError), 1},
		{"skipped starts at zero", m.StageProcessed.WithLabelValues("entities", StageSkipped), 0},
		{"in progress back to zero", m.StageInProgress.WithLabelValues("decode"), 0},
		{"blocked", m.StageBlocked.WithLabelValues("decode"), 2},
		{"capacity", m.QueueCapacity.WithLabelValues("entities"), 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testutil.ToFloat64(tt.c); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestQueueLengthReadAtScrape(t *testing.T) {
	m, _ := newTest(t)
	want := `
# HELP wirestream_stage_queue_length_items Items waiting in the queue in front of a stage, read at scrape time.
# TYPE wirestream_stage_queue_length_items gauge
wirestream_stage_queue_length_items{stage="decode"} 6
wirestream_stage_queue_length_items{stage="entities"} 8
`
	if err := testutil.CollectAndCompare(m.queueLength, strings.NewReader(want)); err != nil {
		t.Fatal(err)
	}
}

func TestDedupReadAtScrape(t *testing.T) {
	m, _ := newTest(t)
	want := `
# HELP wirestream_dedup_index_articles Articles held in this replica's dedup window (bounded by --dedup-window), read at scrape time.
# TYPE wirestream_dedup_index_articles gauge
wirestream_dedup_index_articles 3
# HELP wirestream_dedup_log_pending_messages Dedup log messages this replica has not applied yet: the replay at start, then its lag behind the log.
# TYPE wirestream_dedup_log_pending_messages gauge
wirestream_dedup_log_pending_messages 2
# HELP wirestream_dedup_log_skipped_messages_total Dedup log messages skipped because they did not parse.
# TYPE wirestream_dedup_log_skipped_messages_total counter
wirestream_dedup_log_skipped_messages_total 0
# HELP wirestream_dedup_orphan_results_total Results this replica recorded for another replica's claim after its owner did not (a worker that died mid-article).
# TYPE wirestream_dedup_orphan_results_total counter
wirestream_dedup_orphan_results_total 1
`
	if err := testutil.CollectAndCompare(m.dedup, strings.NewReader(want)); err != nil {
		t.Fatal(err)
	}
}

func TestDeadLetterReasonsStartAtZero(t *testing.T) {
	m, _ := newTest(t)
	if got := testutil.ToFloat64(m.DeadLetters.WithLabelValues("panic")); got != 0 {
		t.Fatalf("panic reason %v", got)
	}
	m.DeadLetter("malformed", 1)
	if got := testutil.ToFloat64(m.DeadLetters.WithLabelValues("malformed")); got != 1 {
		t.Fatalf("malformed %v", got)
	}
}

// TestDocsListEveryMetric keeps docs/metrics.md complete.
func TestDocsListEveryMetric(t *testing.T) {
	doc, err := os.ReadFile("../../docs/metrics.md")
	if err != nil {
		t.Fatal(err)
	}
	_, reg := newTest(t)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		name := mf.GetName()
		if !strings.HasPrefix(name, "wirestream_") {
			continue
		}
		if !strings.Contains(string(doc), "`"+name+"`") {
			t.Errorf("docs/metrics.md lacks %s", name)
		}
	}
}
