package pipeline

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// abandonGrace is how long a worker still waits for a Process call after its
// item's deadline before abandoning it. A stage that honours its context
// returns within microseconds; waiting for it keeps its item safe to read
// and keeps the abandonment count for stages that do not.
const abandonGrace = 10 * time.Millisecond

// States of a call under a deadline. The worker and the caller race to move
// the call out of callRunning; the winner decides whether the result is
// used or discarded.
const (
	callRunning int32 = iota
	callReturned
	callAbandoned
)

// caller is a worker's helper goroutine that makes the worker's Process
// calls when there is an item timeout, so that the worker can wait for a
// call and for the item's deadline at once and give up on the call. It
// serves calls one at a time. A caller whose call was abandoned exits when
// that call returns, and the worker starts a new one; the worker stops its
// caller when it stops. In BenchmarkRun, reusing one goroutine for many
// calls took about a third less time than a goroutine per call, and 4
// allocations less per call.
type caller[T any] struct {
	calls chan envelope[T] // unbuffered: one call at a time
	// done receives the result of a call that was not abandoned. Its buffer
	// of one lets the caller hand the result over and go back to wait for
	// the next call without a rendezvous with the worker.
	done   chan error
	state  atomic.Int32  // of the current call
	exited chan struct{} // closed when the caller returns
}

func (w *worker[T]) startCaller() *caller[T] {
	c := &caller[T]{
		calls:  make(chan envelope[T]),
		done:   make(chan error, 1),
		exited: make(chan struct{}),
	}
	go c.serve(w.p, w.st)
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

func (c *caller[T]) serve(p *Pipeline[T], st *stage[T]) {
	defer close(c.exited)
	for env := range c.calls {
		err := protect(env.ctx, st, env.item)
		if !c.state.CompareAndSwap(callRunning, callReturned) {
			// Abandoned: the worker has moved on without this caller.
			p.abandoned.Add(-1)
			deadline, _ := env.ctx.Deadline()
			p.aobs.AbandonedReturned(st.name, time.Since(deadline))
			return
		}
		c.done <- err
	}
}

// callWithDeadline has the worker's caller run Process and waits for it
// until the item's deadline, so that a stage that hangs costs a goroutine
// and one item, not the worker.
func (w *worker[T]) callWithDeadline(ctx context.Context, env envelope[T]) error {
	if err := ctx.Err(); err != nil {
		return err // Run is being cancelled: the item will be dropped
	}
	// The item's time may have run out while it was queued: then do not
	// start work whose result cannot be used. Compare with the clock rather
	// than asking the context, whose timer may not have fired yet.
	deadline, _ := env.ctx.Deadline()
	if !time.Now().Before(deadline) {
		return &TimeoutError{Stage: w.st.name, Queued: true}
	}

	if w.caller == nil {
		w.caller = w.startCaller()
	}
	c := w.caller
	c.state.Store(callRunning)
	c.calls <- env
	select {
	case err := <-c.done:
		return w.deadlineError(ctx, env, err)
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
	case err := <-c.done:
		return w.lateError(ctx, err)
	case <-timer.C:
	}

	// Count before the state change, so that the caller cannot decrement
	// first.
	w.p.abandoned.Add(1)
	if !c.state.CompareAndSwap(callRunning, callAbandoned) {
		// It returned just now after all.
		w.p.abandoned.Add(-1)
		return w.lateError(ctx, <-c.done)
	}
	w.caller = nil
	w.p.aobs.StageAbandoned(w.st.name)
	return &TimeoutError{Stage: w.st.name, Abandoned: true}
}

// deadlineError turns the error of a call that returned in time but
// because of the item's deadline into a *TimeoutError; other errors pass as
// they are.
func (w *worker[T]) deadlineError(ctx context.Context, env envelope[T], err error) error {
	if err != nil && ctx.Err() == nil &&
		errors.Is(env.ctx.Err(), context.DeadlineExceeded) && errors.Is(err, context.DeadlineExceeded) {
		return &TimeoutError{Stage: w.st.name}
	}
	return err
}

// lateError is the error of a call that returned after its item's deadline
// or Run's cancellation: the item fails whatever the call returned.
func (w *worker[T]) lateError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return err // the item will be dropped
	}
	return &TimeoutError{Stage: w.st.name}
}
