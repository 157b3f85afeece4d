package pipeline_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/wirestream/wirestream/internal/pipeline"
)

// TestRunBackpressureBoundsItemsTaken stalls the output and checks that the
// pipeline takes exactly 1 + Σ(QueueSize + Concurrency) items from the
// input: one held by the input reader, a full queue in front of each stage
// and one item in the hand of each worker. synctest.Wait makes "the
// pipeline is stuck" exact rather than a guess.
func TestRunBackpressureBoundsItemsTaken(t *testing.T) {
	tests := []struct {
		name    string
		queues  []int
		workers []int
	}{
		{name: "one stage", queues: []int{2}, workers: []int{1}},
		{name: "three stages", queues: []int{1, 3, 2}, workers: []int{2, 1, 3}},
		{name: "twelve stages", queues: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, workers: []int{4, 3, 2, 1, 1, 2, 3, 4, 1, 1, 1, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				names := stageNames(len(tt.queues))
				want := int64(1)
				var opts []pipeline.Option
				for i, name := range names {
					opts = append(opts,
						pipeline.WithStageQueueSize(name, tt.queues[i]),
						pipeline.WithStageConcurrency(name, tt.workers[i]))
					want += int64(tt.queues[i] + tt.workers[i])
				}
				p := mustNew(t, visitingStages(names...), opts...)
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				in := make(chan *item) // unbuffered: a completed send is an item taken
				out := make(chan pipeline.Result[*item])
				var taken atomic.Int64
				go func() {
					for i := 0; ; i++ {
						select {
						case in <- &item{id: i}:
							taken.Add(1)
						case <-ctx.Done():
							return
						}
					}
				}()
				errc := make(chan error, 1)
				go func() { errc <- p.Run(ctx, in, out) }()

				synctest.Wait() // nothing reads out: everything stalls
				if got := taken.Load(); got != want {
					t.Errorf("with the output stalled, %d items taken from the input; want %d", got, want)
				}
				for _, name := range names {
					if l, c := p.QueueLen(name), p.QueueCap(name); l != c {
						t.Errorf("queue of %s holds %d items, want it full at %d", name, l, c)
					}
				}

				<-out
				synctest.Wait() // one result read: room for exactly one more item
				if got := taken.Load(); got != want+1 {
					t.Errorf("after reading one result, %d items taken; want %d", got, want+1)
				}

				cancel()
				if err := <-errc; !errors.Is(err, context.Canceled) {
					t.Errorf("Run returned %v, want context.Canceled", err)
				}
			})
		})
	}
}

func TestObserverSeesEveryStageOfEveryItem(t *testing.T) {
	t.Cleanup(func() { checkNoLeak(t) })
	errBad := errors.New("bad")
	fail := func(_ context.Context, it *item) error {
		if it.id%10 == 0 {
			return errBad
		}
		return nil
	}
	rec := newRecorder()
	stages := []pipeline.Stage[*item]{visiting("a", nil), visiting("b", fail), visiting("c", nil)}
	p := mustNew(t, stages, pipeline.WithDefaultConcurrency(4), pipeline.WithObserver[*item](rec))

	runAll(t, p, newItems(1000))

	for _, tc := range []struct {
		stage                   string
		started, finished, fail int
	}{
		{stage: "a", started: 1000, finished: 1000, fail: 0},
		{stage: "b", started: 1000, finished: 1000, fail: 100},
		{stage: "c", started: 900, finished: 900, fail: 0},
	} {
		if rec.started[tc.stage] != tc.started || rec.finished[tc.stage] != tc.finished || rec.failed[tc.stage] != tc.fail {
			t.Errorf("stage %s: %d started, %d finished, %d failed; want %d, %d, %d", tc.stage,
				rec.started[tc.stage], rec.finished[tc.stage], rec.failed[tc.stage], tc.started, tc.finished, tc.fail)
		}
	}
}

// TestObserverBlocked holds a hand-off up for exactly one second of fake
// time and checks that Blocked reports that second. Blocked may also be
// called with zero durations, for hand-offs that missed the receiver by a
// hair, so the test sums the durations.
func TestObserverBlocked(t *testing.T) {
	t.Run("next queue full", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			gate := make(chan struct{})
			wait := visiting("b", func(context.Context, *item) error { <-gate; return nil })
			rec := newRecorder()
			// b holds item 0 at the gate, its queue of one holds item 1, and
			// a blocks handing on item 2.
			p := mustNew(t, []pipeline.Stage[*item]{visiting("a", nil), wait},
				pipeline.WithStageQueueSize("b", 1),
				pipeline.WithObserver[*item](rec))
			go func() {
				time.Sleep(time.Second)
				close(gate)
			}()

			runAll(t, p, newItems(3))

			if got := blockedTotal(rec, "a"); got != time.Second {
				t.Errorf("stage a blocked for %v in all (%v), want 1s", got, rec.blocked)
			}
		})
	})
	t.Run("output not read", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := newRecorder()
			p := mustNew(t, visitingStages("a"), pipeline.WithObserver[*item](rec))
			in := make(chan *item, 1)
			in <- &item{}
			close(in)
			out := make(chan pipeline.Result[*item])
			errc := make(chan error, 1)
			go func() { errc <- p.Run(t.Context(), in, out) }()

			time.Sleep(time.Second)
			<-out
			if err := <-errc; err != nil {
				t.Fatalf("Run: %v", err)
			}

			if got := blockedTotal(rec, "a"); got != time.Second {
				t.Errorf("stage a blocked for %v in all (%v), want 1s", got, rec.blocked)
			}
		})
	})
}

func blockedTotal(rec *recorder, stage string) time.Duration {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var total time.Duration
	for _, b := range rec.blocked {
		if b.stage == stage {
			total += b.d
		}
	}
	return total
}
