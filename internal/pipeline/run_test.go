package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
		{
			name:   "fused runs",
			stages: 6,
			opts: []pipeline.Option{
				pipeline.WithFusedStages("s0", "s1", "s2"),
				pipeline.WithFusedStages("s4", "s5"),
				pipeline.WithStageConcurrency("s1", 3),
				pipeline.WithDefaultQueueSize(1),
			},
		},
		{
			name:   "all fused with item timeout",
			stages: 5,
			opts: []pipeline.Option{
				pipeline.WithFusedStages(stageNames(5)...),
				pipeline.WithItemTimeout(time.Minute),
				pipeline.WithDefaultConcurrency(2),
			},
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
		rec := newRecorder()
		p := mustNew(t, []pipeline.Stage[*item]{slow}, pipeline.WithItemTimeout(time.Second), pipeline.WithObserver[*item](rec))

		got := byID(t, runAll(t, p, newItems(3)))

		if rec.started["slow"] != 3 || rec.finished["slow"] != 3 || rec.failed["slow"] != 2 {
			t.Errorf("observer: %d started, %d finished, %d failed; want 3, 3, 2", rec.started["slow"], rec.finished["slow"], rec.failed["slow"])
		}

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

// TestFusedStagesShareWorkers checks that the workers of a fused run carry
// an item through all its stages: with two workers, at most two items are
// between the start of the first stage and the end of the last, while
// without fusion more are, in the hands of each stage's workers and in the
// queues between them.
func TestFusedStagesShareWorkers(t *testing.T) {
	tests := []struct {
		name  string
		opts  []pipeline.Option
		fused bool
	}{
		{name: "fused", opts: []pipeline.Option{pipeline.WithFusedStages("a", "b", "c")}, fused: true},
		{name: "fused with item timeout", opts: []pipeline.Option{pipeline.WithFusedStages("a", "b", "c"), pipeline.WithItemTimeout(time.Minute)}, fused: true},
		{name: "not fused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var inside, most atomic.Int64
				enter := visiting("a", func(context.Context, *item) error {
					if n := inside.Add(1); n > most.Load() {
						most.Store(n)
					}
					time.Sleep(time.Millisecond)
					return nil
				})
				middle := visiting("b", func(context.Context, *item) error { time.Sleep(time.Millisecond); return nil })
				leave := visiting("c", func(context.Context, *item) error {
					time.Sleep(time.Millisecond)
					inside.Add(-1)
					return nil
				})
				opts := append([]pipeline.Option{pipeline.WithDefaultConcurrency(2)}, tt.opts...)
				p := mustNew(t, []pipeline.Stage[*item]{enter, middle, leave}, opts...)

				got := byID(t, runAll(t, p, newItems(100)))

				for id, r := range got {
					if r.Err != nil || !slices.Equal(r.Item.visits, []string{"a", "b", "c"}) {
						t.Fatalf("item %d: Err %v, visits %v", id, r.Err, r.Item.visits)
					}
				}
				if got := most.Load(); (got == 2) != tt.fused || got < 2 {
					t.Errorf("at most %d items between a and c; want 2 if and only if fused", got)
				}
			})
		})
	}
}

// TestFusedStageFailureSkipsTheRest checks that an error or a panic in a
// fused stage fails the item at that stage, with the stages after it in
// the run skipped, and that the observer sees each stage that ran.
func TestFusedStageFailureSkipsTheRest(t *testing.T) {
	errBad := errors.New("bad item")
	for _, timeout := range []time.Duration{0, time.Minute} {
		t.Run(fmt.Sprintf("timeout %v", timeout), func(t *testing.T) {
			t.Cleanup(func() { checkNoLeak(t) })
			stages := []pipeline.Stage[*item]{
				visiting("a", nil),
				visiting("b", func(_ context.Context, it *item) error {
					switch it.id {
					case 3:
						return errBad
					case 4:
						panic("boom")
					}
					return nil
				}),
				visiting("c", nil),
				visiting("d", nil),
			}
			rec := newRecorder()
			opts := []pipeline.Option{pipeline.WithFusedStages("a", "b", "c"), pipeline.WithObserver[*item](rec)}
			if timeout > 0 {
				opts = append(opts, pipeline.WithItemTimeout(timeout))
			}
			p := mustNew(t, stages, opts...)

			got := byID(t, runAll(t, p, newItems(10)))

			if r := got[3]; !errors.Is(r.Err, errBad) || r.FailedStage != "b" || !slices.Equal(r.Item.visits, []string{"a", "b"}) {
				t.Errorf("item 3: Err %v, FailedStage %q, visits %v; want errBad at b after a, b", r.Err, r.FailedStage, r.Item.visits)
			}
			var pe *pipeline.PanicError
			if r := got[4]; !errors.As(r.Err, &pe) || pe.Stage != "b" || r.FailedStage != "b" || slices.Contains(r.Item.visits, "c") {
				t.Errorf("item 4: Err %v, FailedStage %q, visits %v; want a panic at b", r.Err, r.FailedStage, r.Item.visits)
			}
			for id, r := range got {
				if id != 3 && id != 4 && (r.Err != nil || len(r.Item.visits) != 4) {
					t.Errorf("item %d: Err %v, visits %v", id, r.Err, r.Item.visits)
				}
			}
			want := map[string]int{"a": 10, "b": 10, "c": 8, "d": 8}
			for name, n := range want {
				if rec.started[name] != n || rec.finished[name] != n {
					t.Errorf("observer of %s: %d started, %d finished; want %d", name, rec.started[name], rec.finished[name], n)
				}
			}
			if rec.failed["b"] != 2 {
				t.Errorf("observer saw %d failures of b, want 2", rec.failed["b"])
			}
		})
	}
}

// TestFusedItemTimeout checks the item deadline inside a fused run: a stage
// that overruns fails its item there (abandoned if it ignores its context
// past the grace), and the later stages of the run are not called.
func TestFusedItemTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		var lateCalls atomic.Int64
		stages := []pipeline.Stage[*item]{
			visiting("first", func(ctx context.Context, it *item) error {
				switch it.id {
				case 1: // ignores its context
					<-release
				case 2: // uses up the time, returns success within the grace
					time.Sleep(1005 * time.Millisecond)
				case 3: // honours its context
					<-ctx.Done()
					return ctx.Err()
				}
				return nil
			}),
			visiting("late", func(_ context.Context, it *item) error {
				if it.id == 2 {
					lateCalls.Add(1)
				}
				return nil
			}),
		}
		rec := newRecorder()
		p := mustNew(t, stages, pipeline.WithFusedStages("first", "late"), pipeline.WithDefaultConcurrency(4),
			pipeline.WithItemTimeout(time.Second), pipeline.WithObserver[*item](rec))

		got := byID(t, runAll(t, p, newItems(4)))

		var te *pipeline.TimeoutError
		if r := got[1]; !errors.As(r.Err, &te) || te.Stage != "first" || !te.Abandoned || r.FailedStage != "first" {
			t.Errorf("item 1: Err %+v, FailedStage %q; want an abandoned timeout in first", r.Err, r.FailedStage)
		}
		// Item 2's first stage overran but returned within the grace:
		// the item fails there, and the next stage is not called.
		if r := got[2]; !errors.As(r.Err, &te) || te.Stage != "first" || te.Queued || te.Abandoned || r.FailedStage != "first" {
			t.Errorf("item 2: Err %+v, FailedStage %q; want a plain timeout in first", r.Err, r.FailedStage)
		}
		if n := lateCalls.Load(); n != 0 {
			t.Errorf("late called %d times for item 2, want 0", n)
		}
		if r := got[3]; !errors.As(r.Err, &te) || te.Stage != "first" || te.Abandoned || te.Queued {
			t.Errorf("item 3: Err %+v; want a plain timeout in first", r.Err)
		}
		if r := got[0]; r.Err != nil {
			t.Errorf("item 0: Err %v, want nil", r.Err)
		}
		if p.Abandoned() != 1 || rec.abandoned["first"] != 1 {
			t.Errorf("Abandoned() = %d, observer %d; want 1", p.Abandoned(), rec.abandoned["first"])
		}
		close(release)
		synctest.Wait()
		if p.Abandoned() != 0 || rec.returned["first"] != 1 {
			t.Errorf("after release: Abandoned() = %d, observer returned %d; want 0, 1", p.Abandoned(), rec.returned["first"])
		}
		if rec.started["first"] != 4 || rec.finished["first"] != 4 || rec.failed["first"] != 3 {
			t.Errorf("observer of first: %d started, %d finished, %d failed; want 4, 4, 3", rec.started["first"], rec.finished["first"], rec.failed["first"])
		}
		if rec.started["late"] != 1 || rec.finished["late"] != 1 || rec.failed["late"] != 0 {
			t.Errorf("observer of late: %d started, %d finished, %d failed; want 1, 1, 0", rec.started["late"], rec.finished["late"], rec.failed["late"])
		}
	})
}
