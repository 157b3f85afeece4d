package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/wirestream/wirestream/internal/pipeline"
)

func TestRunDeliversEveryItemOnce(t *testing.T) {
	const n = 10_000
	tests := []struct {
		name   string
		stages int
		opts   []pipeline.Option
	}{
		{name: "no stages", stages: 0},
		{name: "one stage", stages: 1},
		{
			name:   "three stages of four workers",
			stages: 3,
			opts:   []pipeline.Option{pipeline.WithDefaultConcurrency(4)},
		},
		{
			name:   "twelve stages with queues of one",
			stages: 12,
			opts:   []pipeline.Option{pipeline.WithDefaultConcurrency(3), pipeline.WithDefaultQueueSize(1)},
		},
		{
			name:   "per-stage settings",
			stages: 4,
			opts: []pipeline.Option{
				pipeline.WithStageConcurrency("s1", 8),
				pipeline.WithStageQueueSize("s2", 1),
				pipeline.WithStageConcurrency("s3", 2),
				pipeline.WithStageQueueSize("s3", 500),
			},
		},
		{
			name:   "item timeout",
			stages: 5,
			opts:   []pipeline.Option{pipeline.WithItemTimeout(time.Minute), pipeline.WithDefaultConcurrency(2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Cleanup(func() { checkNoLeak(t) })
			names := stageNames(tt.stages)
			p := mustNew(t, visitingStages(names...), tt.opts...)

			got := byID(t, runAll(t, p, newItems(n)))

			if len(got) != n {
				t.Fatalf("got %d distinct items, want %d", len(got), n)
			}
			for id, r := range got {
				if r.Err != nil || r.FailedStage != "" {
					t.Fatalf("item %d: Err %v, FailedStage %q; want success", id, r.Err, r.FailedStage)
				}
				if !slices.Equal(r.Item.visits, names) {
					t.Fatalf("item %d visited %v, want %v", id, r.Item.visits, names)
				}
			}
		})
	}
}

func TestRunNoStagesPassesItemsThrough(t *testing.T) {
	t.Cleanup(func() { checkNoLeak(t) })
	p := mustNew(t, nil)
	items := newItems(3)

	got := byID(t, runAll(t, p, items))

	for _, it := range items {
		if r := got[it.id]; r.Item != it || r.Err != nil {
			t.Errorf("item %d: got %+v, want the same item without error", it.id, r)
		}
	}
	if s := p.Stages(); len(s) != 0 {
		t.Errorf("Stages() = %v, want none", s)
	}
}

func TestRunStageErrorFailsOneItem(t *testing.T) {
	t.Cleanup(func() { checkNoLeak(t) })
	errBad := errors.New("bad item")
	fail := func(_ context.Context, it *item) error {
		if it.id%7 == 0 {
			return fmt.Errorf("check %d: %w", it.id, errBad)
		}
		return nil
	}
	stages := []pipeline.Stage[*item]{visiting("a", nil), visiting("b", fail), visiting("c", nil)}
	p := mustNew(t, stages, pipeline.WithDefaultConcurrency(3))

	got := byID(t, runAll(t, p, newItems(1000)))

	for id, r := range got {
		if id%7 == 0 {
			if !errors.Is(r.Err, errBad) || r.FailedStage != "b" {
				t.Errorf("item %d: Err %v, FailedStage %q; want %v in stage b", id, r.Err, r.FailedStage, errBad)
			}
			if want := []string{"a", "b"}; !slices.Equal(r.Item.visits, want) {
				t.Errorf("failed item %d visited %v, want %v", id, r.Item.visits, want)
			}
			continue
		}
		if r.Err != nil || !slices.Equal(r.Item.visits, []string{"a", "b", "c"}) {
			t.Errorf("item %d: Err %v, visits %v; want success through a, b, c", id, r.Err, r.Item.visits)
		}
	}
}

func TestRunPanicFailsOneItem(t *testing.T) {
	errValue := errors.New("panic value")
	tests := []struct {
		name      string
		value     any
		wantValue func(any) bool
	}{
		{name: "string", value: "boom", wantValue: func(v any) bool { return v == "boom" }},
		{name: "error", value: errValue, wantValue: func(v any) bool { return v == errValue }},
		{name: "nil", value: nil, wantValue: func(v any) bool {
			var pe *runtime.PanicNilError
			return errors.As(v.(error), &pe)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Cleanup(func() { checkNoLeak(t) })
			const bad = 3
			panicky := visiting("panicky", func(_ context.Context, it *item) error {
				if it.id == bad {
					panic(tt.value)
				}
				return nil
			})
			// One worker: the items after the panic prove it survived.
			stages := []pipeline.Stage[*item]{panicky, visiting("after", nil)}
			p := mustNew(t, stages, pipeline.WithStageConcurrency("panicky", 1))

			got := byID(t, runAll(t, p, newItems(100)))

			r := got[bad]
			var pe *pipeline.PanicError
			if !errors.As(r.Err, &pe) || !errors.Is(r.Err, pipeline.ErrPanic) {
				t.Fatalf("item %d: Err %v (%T), want a *PanicError matching ErrPanic", bad, r.Err, r.Err)
			}
			if pe.Stage != "panicky" || r.FailedStage != "panicky" || !tt.wantValue(pe.Value) {
				t.Errorf("PanicError %+v, FailedStage %q; want stage panicky, value %v", pe, r.FailedStage, tt.value)
			}
			if !strings.Contains(string(pe.Stack), "TestRunPanicFailsOneItem") {
				t.Errorf("Stack does not show the panicking function:\n%s", pe.Stack)
			}
			if slices.Contains(r.Item.visits, "after") {
				t.Errorf("failed item visited later stage: %v", r.Item.visits)
			}
			for id, r := range got {
				if id != bad && r.Err != nil {
					t.Errorf("item %d: Err %v, want nil", id, r.Err)
				}
			}
		})
	}
}

func TestPanicErrorUnwrapsErrorValue(t *testing.T) {
	errValue := errors.New("panic value")
	err := error(&pipeline.PanicError{Stage: "s", Value: errValue})
	if !errors.Is(err, errValue) || !errors.Is(err, pipeline.ErrPanic) {
		t.Errorf("errors.Is(%v, value/ErrPanic) = false, want true", err)
	}
}

// TestRunItemTimeout runs in a synctest bubble: the clock is fake, so the
// deadlines are exact and the test takes no real time.
func TestRunItemTimeout(t *testing.T) {
	const timeout = time.Second
	tests := []struct {
		name string
		// hang is what the stage does with the item that misses its deadline.
		hang          func(ctx context.Context, release <-chan struct{})
		wantAbandoned int
	}{
		{
			name:          "stage ignores its context",
			hang:          func(_ context.Context, release <-chan struct{}) { <-release },
			wantAbandoned: 1,
		},
		{
			name: "stage honours its context",
			hang: func(ctx context.Context, _ <-chan struct{}) { <-ctx.Done() },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				const stuck = 5
				release := make(chan struct{})
				slow := visiting("slow", func(ctx context.Context, it *item) error {
					if it.id == stuck {
						tt.hang(ctx, release)
						return ctx.Err()
					}
					return nil
				})
				rec := newRecorder()
				// One worker, so the other items pass only if the stuck call
				// does not hold it.
				p := mustNew(t, []pipeline.Stage[*item]{visiting("first", nil), slow, visiting("last", nil)},
					pipeline.WithStageConcurrency("slow", 1),
					pipeline.WithItemTimeout(timeout),
					pipeline.WithObserver[*item](rec))
				start := time.Now()

				// Items arrive every 100ms, so those queued behind the
				// stuck one still have time left when it is abandoned.
				got := byID(t, runPaced(t, p, newItems(50), 100*time.Millisecond))

				if elapsed, want := time.Since(start), 49*100*time.Millisecond; elapsed != want {
					t.Errorf("run took %v (fake time), want %v", elapsed, want)
				}
				r := got[stuck]
				var te *pipeline.TimeoutError
				if !errors.As(r.Err, &te) || te.Stage != "slow" || r.FailedStage != "slow" {
					t.Fatalf("item %d: Err %v, FailedStage %q; want *TimeoutError of stage slow", stuck, r.Err, r.FailedStage)
				}
				if te.Abandoned != (tt.wantAbandoned == 1) {
					t.Errorf("TimeoutError.Abandoned = %v, want %v", te.Abandoned, tt.wantAbandoned == 1)
				}
				if !errors.Is(r.Err, pipeline.ErrTimeout) || !errors.Is(r.Err, context.DeadlineExceeded) {
					t.Errorf("Err %v does not match ErrTimeout and context.DeadlineExceeded", r.Err)
				}
				for id, r := range got {
					if id != stuck && r.Err != nil {
						t.Errorf("item %d: Err %v, want nil", id, r.Err)
					}
				}
				if got := p.Abandoned(); got != tt.wantAbandoned {
					t.Errorf("Abandoned() = %d, want %d", got, tt.wantAbandoned)
				}

				close(release)
				synctest.Wait() // the abandoned call, if any, returns
				if got := p.Abandoned(); got != 0 {
					t.Errorf("Abandoned() after release = %d, want 0", got)
				}
				if rec.abandoned["slow"] != tt.wantAbandoned || rec.returned["slow"] != tt.wantAbandoned {
					t.Errorf("observer saw %d abandoned and %d returned calls, want %d each",
						rec.abandoned["slow"], rec.returned["slow"], tt.wantAbandoned)
				}
				if rec.started["slow"] != 50 || rec.finished["slow"] != 50 || rec.failed["slow"] != 1 {
					t.Errorf("observer of slow: %d started, %d finished, %d failed; want 50, 50, 1",
						rec.started["slow"], rec.finished["slow"], rec.failed["slow"])
				}
			})
		})
	}
}

// TestRunItemTimeoutSkipsExpiredItems checks that an item whose deadline
// passed while it waited in a queue fails without running the stage.
func TestRunItemTimeoutSkipsExpiredItems(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// All items are read at time 0. Item 0 ends at 0.6s, item 1 is
		// abandoned at its deadline of 1s, and item 2 is already expired
		// when the worker gets to it.
		var (
			mu    sync.Mutex // the abandoned call runs beside the worker
			calls []int
		)
		slow := visiting("slow", func(_ context.Context, it *item) error {
			mu.Lock()
			calls = append(calls, it.id)
			mu.Unlock()
			time.Sleep(600 * time.Millisecond)
			return nil
		})
		p := mustNew(t, []pipeline.Stage[*item]{slow}, pipeline.WithItemTimeout(time.Second))

		got := byID(t, runAll(t, p, newItems(3)))

		if got[0].Err != nil {
			t.Errorf("item 0: Err %v, want nil", got[0].Err)
		}
		for _, id := range []int{1, 2} {
			if !errors.Is(got[id].Err, pipeline.ErrTimeout) {
				t.Errorf("item %d: Err %v, want ErrTimeout", id, got[id].Err)
			}
		}
		// Item 1 overran in Process, item 2 only waited: the worker tells
		// an article's fault from backpressure by Queued.
		var te1, te2 *pipeline.TimeoutError
		if !errors.As(got[1].Err, &te1) || te1.Queued || !errors.As(got[2].Err, &te2) || !te2.Queued {
			t.Errorf("Queued: item 1 %+v (want false), item 2 %+v (want true)", te1, te2)
		}
		mu.Lock()
		called := slices.Clone(calls)
		mu.Unlock()
		if want := []int{0, 1}; !slices.Equal(called, want) {
			t.Errorf("Process called for items %v, want %v", called, want)
		}
		time.Sleep(time.Second) // let the abandoned call of item 1 end
	})
}

func TestRunCancel(t *testing.T) {
	tests := []struct {
		name string
		// block is the stage's behaviour: it is called for every item.
		block   func(ctx context.Context) error
		opts    []pipeline.Option
		readOut bool
	}{
		{
			name:  "items stuck in a stage",
			block: func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() },
		},
		{
			name:  "items stuck in a stage with item timeout",
			block: func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() },
			opts:  []pipeline.Option{pipeline.WithItemTimeout(time.Hour)},
		},
		{
			name:  "items stuck on a full output",
			block: func(context.Context) error { return nil },
		},
		{
			name:    "waiting on an empty input",
			block:   func(context.Context) error { return nil },
			readOut: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Cleanup(func() { checkNoLeak(t) })
			stages := []pipeline.Stage[*item]{
				visiting("a", nil),
				visiting("b", func(ctx context.Context, _ *item) error { return tt.block(ctx) }),
			}
			opts := append([]pipeline.Option{pipeline.WithDefaultQueueSize(2), pipeline.WithDefaultConcurrency(2)}, tt.opts...)
			p := mustNew(t, stages, opts...)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			in := make(chan *item, 100)
			for _, it := range newItems(cap(in)) {
				in <- it
			}
			out := make(chan pipeline.Result[*item]) // never read unless readOut
			errc := make(chan error, 1)
			go func() { errc <- p.Run(ctx, in, out) }()

			// Wait until the pipeline is stuck: it took what it can hold.
			if !tt.readOut {
				waitFor(t, func() bool { return len(in) == cap(in)-(1+2*(2+2)) })
			} else {
				for range cap(in) {
					<-out
				}
			}
			cancel()

			select {
			case err := <-errc:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("Run returned %v, want context.Canceled", err)
				}
			case <-time.After(testDeadline):
				t.Fatalf("Run did not return within %v of cancellation", testDeadline)
			}
			// Goroutines that signalled their end may take a moment to
			// go away; a leaked one would stay blocked.
			checkNoLeak(t)
		})
	}
}

// waitFor polls cond until it holds, failing the test after testDeadline.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(testDeadline)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", testDeadline)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestRunTwice(t *testing.T) {
	p := mustNew(t, nil)
	in := make(chan *item)
	close(in)
	out := make(chan pipeline.Result[*item])
	if err := p.Run(t.Context(), in, out); err != nil {
		t.Fatalf("first Run: %v", err)
	}
	if err := p.Run(t.Context(), in, out); !errors.Is(err, pipeline.ErrAlreadyRun) {
		t.Errorf("second Run returned %v, want ErrAlreadyRun", err)
	}
}

// TestRunCancelWaitsForCallsUpToDeadline checks that with an item timeout,
// cancelling Run waits for a Process call that ignores its context only
// until the item's deadline, and then abandons it.
func TestRunCancelWaitsForCallsUpToDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		picked := make(chan struct{})
		deaf := visiting("deaf", func(context.Context, *item) error {
			close(picked)
			<-release
			return nil
		})
		p := mustNew(t, []pipeline.Stage[*item]{deaf}, pipeline.WithItemTimeout(time.Second))
		ctx, cancel := context.WithCancel(t.Context())
		in := make(chan *item, 1)
		in <- &item{}
		out := make(chan pipeline.Result[*item])
		errc := make(chan error, 1)
		start := time.Now()
		go func() { errc <- p.Run(ctx, in, out) }()

		<-picked
		time.Sleep(400 * time.Millisecond)
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}

		if elapsed := time.Since(start); elapsed != time.Second {
			t.Errorf("Run returned after %v (fake time), want at the item deadline, 1s", elapsed)
		}
		if got := p.Abandoned(); got != 1 {
			t.Errorf("Abandoned() = %d, want 1", got)
		}
		close(release)
		synctest.Wait()
		if got := p.Abandoned(); got != 0 {
			t.Errorf("Abandoned() after release = %d, want 0", got)
		}
	})
}
