package pipeline

import (
	"context"
	"errors"
	"time"
)

// abandonGrace is how long a Process call may still run after its item's
// deadline before it is abandoned. A stage that honours its context
// returns within microseconds; waiting for it keeps its item safe to read
// and keeps the abandonment count for stages that do not.
const abandonGrace = 10 * time.Millisecond

// How a deadline is enforced: the worker makes its Process calls on its
// own goroutine, as without a deadline, and registers a callback on the
// item's context (context.AfterFunc) for as long as the item is in its
// segment. If the deadline passes (or Run is cancelled), the callback runs
// expire on a goroutine of its own, which gives the call abandonGrace to
// return and, if it has not, abandons the worker: it fails the item with
// an Abandoned *TimeoutError and takes the worker's place, so that a stage
// that hangs costs a goroutine and one item, not a worker. The stuck
// goroutine exits without a word when its call returns.
//
// An earlier version made every call on a helper goroutine per worker and
// waited for it or for the deadline. That cost two goroutine hand-offs per
// segment and item; on a machine with idle cores each hand-off also woke
// an idle thread (futex wake, spin, sleep). In a profile of a worker
// running decode and fingerprint at a steady 778 articles/s, futex calls
// took 15% of its CPU and the scheduler's search for work 19%. A callback
// costs a registration and its removal (BenchmarkRun).

// runWithDeadline runs env's item through the segment's stages under its
// deadline. It returns ok = false if the worker was abandoned in a call:
// its goroutine must then stop without touching the item or the queues.
func (w *worker[T]) runWithDeadline(ctx context.Context, env envelope[T]) (failed string, err error, ok bool) {
	p, stages := w.c.p, w.c.seg.stages
	if err := ctx.Err(); err != nil {
		return stages[0].name, err, true // Run is being cancelled: the item will be dropped
	}
	// The item's time may have run out while it was queued: then do not
	// start work whose result cannot be used. Compare with the clock rather
	// than asking the context, whose timer may not have fired yet.
	deadline, _ := env.ctx.Deadline()
	if !time.Now().Before(deadline) {
		err := &TimeoutError{Stage: stages[0].name, Queued: true}
		p.observeExpired(stages[0].name, env.item, err)
		return stages[0].name, err, true
	}

	w.mu.Lock()
	w.gen++
	gen := w.gen
	w.env = env
	w.mu.Unlock()
	stop := context.AfterFunc(env.ctx, func() { w.expire(ctx, gen) })
	defer stop()

	for i := range stages {
		st := &stages[i]
		w.mu.Lock()
		if i > 0 && !time.Now().Before(deadline) {
			// The segment's earlier stages used up the item's time; like
			// an item found expired in a queue, it did not start here.
			err := &TimeoutError{Stage: st.name, Queued: true}
			p.observeExpired(st.name, env.item, err)
			w.mu.Unlock()
			return st.name, err, true
		}
		w.stage, w.inStage, w.started = i, true, time.Now()
		p.obs.StageStarted(st.name)
		w.mu.Unlock()

		err := protect(env.ctx, st, env.item)

		w.mu.Lock()
		if w.abandoned {
			w.mu.Unlock()
			p.abandoned.Add(-1)
			p.aobs.AbandonedReturned(st.name, time.Since(deadline))
			return "", nil, false
		}
		w.leaveStage()
		if ctx.Err() == nil && errors.Is(env.ctx.Err(), context.DeadlineExceeded) {
			// The call returned after the item's deadline, or because of
			// it: the item fails whatever it returned.
			var te *TimeoutError
			if !errors.As(err, &te) {
				err = &TimeoutError{Stage: st.name}
			}
		}
		p.obs.StageFinished(st.name, env.item, time.Since(w.started), err)
		w.mu.Unlock()
		if err != nil {
			return st.name, err, true
		}
	}
	return "", nil, true
}

// expire runs when the context of the worker's item gen is done: its
// deadline passed or Run is being cancelled. A stage that honours its
// context returns about now: expire gives it abandonGrace, so that its item
// leaves with the call finished rather than abandoned. When Run is being
// cancelled the item will be dropped, but it waits for the call up to the
// item's deadline all the same, so that Run does not return with it
// running. If the call is still running then, expire abandons the worker
// and goes on in its place.
func (w *worker[T]) expire(ctx context.Context, gen uint64) {
	w.mu.Lock()
	env, current := w.env, w.gen == gen
	w.mu.Unlock()
	if !current {
		return // the worker has moved on
	}
	deadline, _ := env.ctx.Deadline()
	timer := time.NewTimer(max(abandonGrace, time.Until(deadline)))
	defer timer.Stop()
	w.mu.Lock()
	if w.gen != gen || !w.inStage {
		w.mu.Unlock()
		return
	}
	left := make(chan struct{})
	w.left = left
	w.mu.Unlock()
	select {
	case <-timer.C:
	case <-left:
		return // the call returned
	}

	w.mu.Lock()
	if w.gen != gen || !w.inStage {
		// The item left the segment, or is between two stages: the
		// worker sees the deadline before the next one.
		w.mu.Unlock()
		return
	}
	w.abandoned = true
	p := w.c.p
	st := w.c.seg.stages[w.stage].name
	err := &TimeoutError{Stage: st, Abandoned: true}
	// Count before the worker can see the state change and decrement.
	p.abandoned.Add(1)
	p.aobs.StageAbandoned(st)
	p.obs.StageFinished(st, env.item, time.Since(w.started), err)
	w.mu.Unlock()

	env.release()
	var pending *Result[T]
	if ctx.Err() == nil {
		pending = &Result[T]{Item: env.item, Err: err, FailedStage: st}
	}
	w.c.work(ctx, pending)
}

// leaveStage records, under mu, that the worker's Process call returned,
// and wakes expire if it waits for that.
func (w *worker[T]) leaveStage() {
	w.inStage = false
	if w.left != nil {
		close(w.left)
		w.left = nil
	}
}

// isAbandoned reports whether the worker was abandoned in a Process call.
func (w *worker[T]) isAbandoned() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.abandoned
}

// observeExpired tells the observer about an item that reached stage with
// its time already up, so that the stage's counts include it as a failure,
// as they include items that time out inside it.
func (p *Pipeline[T]) observeExpired(stage string, item T, err error) {
	p.obs.StageStarted(stage)
	p.obs.StageFinished(stage, item, 0, err)
}
