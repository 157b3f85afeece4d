package pipeline

import (
	"context"
	"errors"
	"sync"
	"time"
)

// abandonGrace is how long a worker still waits for a Process call after its
// item's deadline before abandoning it. A stage that honours its context
// returns within microseconds; waiting for it keeps its item safe to read
// and keeps the abandonment count for stages that do not.
const abandonGrace = 10 * time.Millisecond

// States of a call under a deadline. The caller moves it to callReturned
// when it hands a result over, the worker to callAbandoned when it gives
// up; whoever comes first, under the caller's mutex, decides whether the
// result is used or discarded.
const (
	callRunning int32 = iota
	callReturned
	callAbandoned
)

// caller is a worker's helper goroutine that runs the worker's items
// through the segment's stages when there is an item timeout, so that the
// worker can wait for the call and for the item's deadline at once and give
// up on the call. It serves calls one at a time. A caller whose call was
// abandoned exits when that call's Process returns, and the worker starts
// a new one; the worker stops its caller when it stops. In BenchmarkRun,
// reusing one goroutine for many calls took about a third less time than a
// goroutine per call, and 4 allocations less per call.
type caller[T any] struct {
	calls chan envelope[T] // unbuffered: one call at a time
	// done receives the result of a call that was not abandoned. Its buffer
	// of one lets the caller hand the result over and go back to wait for
	// the next call without a rendezvous with the worker.
	done   chan callResult
	exited chan struct{} // closed when the caller returns

	// mu guards the fields below. The caller holds it whenever it touches
	// the item outside a Process call (the observer's callbacks), and the
	// worker holds it to abandon the call, so that they never touch the
	// item at the same time.
	mu      sync.Mutex
	state   int32     // of the current call
	current int       // index of the stage running or last run; -1 before the first
	inStage bool      // a Process call of stage current is running
	started time.Time // when stage current started
}

// callResult is what a call reports: the stage that ended it and its
// error, nil when the item passed every stage.
type callResult struct {
	stage string
	err   error
}

func (w *worker[T]) startCaller() *caller[T] {
	c := &caller[T]{
		calls:  make(chan envelope[T]),
		done:   make(chan callResult, 1),
		exited: make(chan struct{}),
	}
	go c.serve(w.p, w.seg.stages)
	return c
}

// stopCaller stops the worker's caller, if any, and waits for it; it is idle
// then, since the worker makes one call at a time.
func (w *worker[T]) stopCaller() {
	if w.caller != nil {
		close(w.caller.calls)
		<-w.caller.exited
		w.caller = nil
	}
}

func (c *caller[T]) serve(p *Pipeline[T], stages []stage[T]) {
	defer close(c.exited)
	for env := range c.calls {
		r, ok := c.run(p, stages, env)
		if !ok {
			return // abandoned: the worker has moved on without this caller
		}
		c.done <- r
	}
}

// run runs env's item through stages, stopping at the first failure or
// when the item's deadline has passed before a stage. It reports false if
// the worker abandoned the call: the caller must then exit without
// touching the item again.
func (c *caller[T]) run(p *Pipeline[T], stages []stage[T], env envelope[T]) (callResult, bool) {
	deadline, _ := env.ctx.Deadline()
	for i := range stages {
		st := &stages[i]
		c.mu.Lock()
		if c.state == callAbandoned {
			c.mu.Unlock()
			return callResult{}, false
		}
		if i > 0 && !time.Now().Before(deadline) {
			// The segment's earlier stages used up the item's time; like
			// an item found expired in a queue, it did not start here.
			c.state = callReturned
			err := &TimeoutError{Stage: st.name, Queued: true}
			p.observeExpired(st.name, env.item, err)
			c.mu.Unlock()
			return callResult{st.name, err}, true
		}
		c.current, c.inStage, c.started = i, true, time.Now()
		p.obs.StageStarted(st.name)
		c.mu.Unlock()

		err := protect(env.ctx, st, env.item)

		c.mu.Lock()
		if c.state == callAbandoned {
			c.mu.Unlock()
			p.abandoned.Add(-1)
			p.aobs.AbandonedReturned(st.name, time.Since(deadline))
			return callResult{}, false
		}
		c.inStage = false
		if err != nil && errors.Is(err, context.DeadlineExceeded) && errors.Is(env.ctx.Err(), context.DeadlineExceeded) {
			// The stage returned because of the item's deadline.
			err = &TimeoutError{Stage: st.name}
		}
		p.obs.StageFinished(st.name, env.item, time.Since(c.started), err)
		if err != nil || i == len(stages)-1 {
			c.state = callReturned
			c.mu.Unlock()
			return callResult{st.name, err}, true
		}
		c.mu.Unlock()
	}
	return callResult{}, true // no stages; New makes none so
}

// callWithDeadline has the worker's caller run the segment's stages and
// waits for it until the item's deadline, so that a stage that hangs costs
// a goroutine and one item, not the worker.
func (w *worker[T]) callWithDeadline(ctx context.Context, env envelope[T]) (string, error) {
	first := w.seg.stages[0].name
	if err := ctx.Err(); err != nil {
		return first, err // Run is being cancelled: the item will be dropped
	}
	// The item's time may have run out while it was queued: then do not
	// start work whose result cannot be used. Compare with the clock rather
	// than asking the context, whose timer may not have fired yet.
	deadline, _ := env.ctx.Deadline()
	if !time.Now().Before(deadline) {
		err := &TimeoutError{Stage: first, Queued: true}
		w.p.observeExpired(first, env.item, err)
		return first, err
	}

	if w.caller == nil {
		w.caller = w.startCaller()
	}
	c := w.caller
	c.mu.Lock()
	c.state, c.current, c.inStage = callRunning, -1, false
	c.mu.Unlock()
	c.calls <- env
	select {
	case r := <-c.done:
		return r.stage, r.err
	case <-env.ctx.Done():
	}

	// The deadline passed, or Run is being cancelled. A stage that honours
	// its context returns about now: give it abandonGrace, so that its item
	// leaves with the call finished rather than abandoned. When Run is being
	// cancelled the item will be dropped, but wait for the call up to the
	// item's deadline all the same, so that Run does not return with it
	// running.
	timer := time.NewTimer(max(abandonGrace, time.Until(deadline)))
	defer timer.Stop()
	select {
	case r := <-c.done:
		return w.lateError(ctx, r)
	case <-timer.C:
	}

	c.mu.Lock()
	if c.state == callReturned {
		// It returned just now after all.
		c.mu.Unlock()
		return w.lateError(ctx, <-c.done)
	}
	c.state = callAbandoned
	w.caller = nil
	if !c.inStage {
		// Between two stages (or before the first, on a machine too busy
		// to run the caller): no Process call holds the item, and the
		// caller exits before the next stage.
		next := w.seg.stages[c.current+1].name
		err := &TimeoutError{Stage: next, Queued: true}
		w.p.observeExpired(next, env.item, err)
		c.mu.Unlock()
		<-c.exited
		return next, err
	}
	st := w.seg.stages[c.current].name
	err := &TimeoutError{Stage: st, Abandoned: true}
	// Count before the caller can see the state change and decrement.
	w.p.abandoned.Add(1)
	w.p.aobs.StageAbandoned(st)
	w.p.obs.StageFinished(st, env.item, time.Since(c.started), err)
	c.mu.Unlock()
	return st, err
}

// observeExpired tells the observer about an item that reached stage with
// its time already up, so that the stage's counts include it as a failure,
// as they include items that time out inside it.
func (p *Pipeline[T]) observeExpired(stage string, item T, err error) {
	p.obs.StageStarted(stage)
	p.obs.StageFinished(stage, item, 0, err)
}

// lateError is the error of a call that returned after its item's deadline
// or Run's cancellation: the item fails whatever the call returned.
func (w *worker[T]) lateError(ctx context.Context, r callResult) (string, error) {
	if ctx.Err() != nil {
		return r.stage, r.err // the item will be dropped
	}
	var te *TimeoutError
	if errors.As(r.err, &te) {
		return r.stage, te
	}
	return r.stage, &TimeoutError{Stage: r.stage}
}
