package pipeline_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wirestream/wirestream/internal/pipeline"
)

type benchItem struct{ n int }

// countingObserver is about the cheapest useful Observer: an atomic add per
// callback, as a Prometheus counter would do.
type countingObserver struct{ calls atomic.Int64 }

func (o *countingObserver) StageStarted(string) { o.calls.Add(1) }
func (o *countingObserver) StageFinished(string, *benchItem, time.Duration, error) {
	o.calls.Add(1)
}
func (o *countingObserver) Blocked(string, time.Duration) { o.calls.Add(1) }

// BenchmarkRun measures the runner's own cost: 12 stages that do next to
// nothing, so ns/op is the cost of one item through the pipeline and
// ns/item-stage the cost per stage visit. timeout=1m watches each item's
// deadline (a context.AfterFunc per item and segment).
// fused runs all twelve stages as one segment ([pipeline.WithFusedStages]).
func BenchmarkRun(b *testing.B) {
	const stages = 12
	names := make([]string, stages)
	for i := range names {
		names[i] = fmt.Sprintf("s%d", i)
	}
	fused := pipeline.WithFusedStages(names...)
	benchmarks := []struct {
		name string
		opts []pipeline.Option
	}{
		{name: "timeout=none/workers=1"},
		{name: "timeout=none/workers=4", opts: []pipeline.Option{pipeline.WithDefaultConcurrency(4)}},
		{name: "timeout=none/workers=1/observer", opts: []pipeline.Option{pipeline.WithObserver[*benchItem](&countingObserver{})}},
		{name: "timeout=1m/workers=1", opts: []pipeline.Option{pipeline.WithItemTimeout(time.Minute)}},
		{name: "timeout=1m/workers=4", opts: []pipeline.Option{pipeline.WithItemTimeout(time.Minute), pipeline.WithDefaultConcurrency(4)}},
		{name: "fused/timeout=none/workers=1", opts: []pipeline.Option{fused}},
		{name: "fused/timeout=1m/workers=1/observer", opts: []pipeline.Option{fused, pipeline.WithItemTimeout(time.Minute), pipeline.WithObserver[*benchItem](&countingObserver{})}},
		{name: "fused/timeout=1m/workers=2/observer", opts: []pipeline.Option{fused, pipeline.WithItemTimeout(time.Minute), pipeline.WithDefaultConcurrency(2), pipeline.WithObserver[*benchItem](&countingObserver{})}},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			ss := make([]pipeline.Stage[*benchItem], stages)
			for i := range ss {
				ss[i] = pipeline.NewStageFunc(names[i], func(_ context.Context, it *benchItem) error {
					it.n++
					return nil
				})
			}
			p, err := pipeline.New(ss, bm.opts...)
			if err != nil {
				b.Fatal(err)
			}
			items := make([]benchItem, b.N)
			in := make(chan *benchItem, pipeline.DefaultQueueSize)
			out := make(chan pipeline.Result[*benchItem], pipeline.DefaultQueueSize)
			errc := make(chan error, 1)
			b.ReportAllocs()
			b.ResetTimer()

			go func() {
				defer close(in)
				for i := range items {
					in <- &items[i]
				}
			}()
			go func() { errc <- p.Run(b.Context(), in, out) }()
			for range b.N {
				if r := <-out; r.Err != nil {
					b.Fatal(r.Err)
				}
			}
			if err := <-errc; err != nil {
				b.Fatal(err)
			}

			b.StopTimer()
			perItem := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(perItem/stages, "ns/item-stage")
			b.ReportMetric(1e9/perItem, "items/s")
		})
	}
}
