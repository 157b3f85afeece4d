package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// Run reads items from in until in is closed, runs each through the stages
// and sends one [Result] per item to out, in no particular order. It
// returns nil once every item read from in has been sent to out, or
// ctx.Err() if ctx is cancelled first: the items in flight are then dropped
// (callers rely on redelivery) and Run returns without waiting for in or
// out. Run does not close out. In both cases every goroutine Run started has
// finished, except Process calls abandoned past their item deadline
// ([WithItemTimeout], [Pipeline.Abandoned]). Without an item timeout Run
// waits for the Process calls in progress, so stages must honour ctx.
// Run may be called only once; a second call returns [ErrAlreadyRun].
func (p *Pipeline[T]) Run(ctx context.Context, in <-chan T, out chan<- Result[T]) error {
	if !p.ran.CompareAndSwap(false, true) {
		return ErrAlreadyRun
	}

	var (
		wg        sync.WaitGroup
		delivered atomic.Int64 // results sent to out
		read      int64        // items taken from in
		drained   bool         // in was closed and read to the end
	)
	wg.Go(func() {
		var n int64
		read, n, drained = p.feed(ctx, in, out)
		delivered.Add(n)
	})
	for i := range p.segments {
		c := &crew[T]{p: p, seg: &p.segments[i], out: out, wg: &wg, delivered: &delivered}
		if i+1 < len(p.segments) {
			c.next = p.segments[i+1].queue
		}
		c.live.Store(int32(c.seg.workers))
		wg.Add(c.seg.workers)
		for range c.seg.workers {
			go c.work(ctx, nil)
		}
	}
	wg.Wait()

	switch {
	case drained && read == delivered.Load():
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	default:
		// Only a stage that ends its goroutine (runtime.Goexit) gets here.
		return fmt.Errorf("pipeline: %d of %d items lost", read-delivered.Load(), read)
	}
}

// feed moves items from in into the first queue (or, with no stages, as
// results to out) until in is closed or ctx is done, and then closes the
// first queue.
func (p *Pipeline[T]) feed(ctx context.Context, in <-chan T, out chan<- Result[T]) (read, delivered int64, drained bool) {
	if len(p.segments) == 0 {
		for {
			select {
			case item, ok := <-in:
				if !ok {
					return read, delivered, true
				}
				read++
				select {
				case out <- Result[T]{Item: item}:
					delivered++
				case <-ctx.Done():
					return read, delivered, false
				}
			case <-ctx.Done():
				return read, delivered, false
			}
		}
	}

	first := p.segments[0].queue
	defer close(first)
	for {
		var env envelope[T]
		select {
		case item, ok := <-in:
			if !ok {
				return read, 0, true
			}
			env.item = item
		case <-ctx.Done():
			return read, 0, false
		}
		read++
		if p.timeout > 0 {
			// The item's clock starts now, so that time spent waiting in
			// queues counts against it.
			env.ctx, env.cancel = context.WithTimeout(ctx, p.timeout)
		}
		select {
		case first <- env:
		case <-ctx.Done():
			env.release()
			return read, 0, false
		}
	}
}

// crew is the workers of one segment in one Run.
type crew[T any] struct {
	p    *Pipeline[T]
	seg  *segment[T]
	next chan<- envelope[T] // nil for the last segment
	out  chan<- Result[T]
	// wg and delivered are Run's: every worker goroutine counts in wg
	// until it stops or is abandoned, and adds the results it sends to
	// out to delivered.
	wg        *sync.WaitGroup
	delivered *atomic.Int64
	// live counts the workers still running; the last to stop closes
	// next, so that the end of the input travels down the segments. A
	// worker that replaces an abandoned one takes its place in both
	// counts.
	live atomic.Int32
}

// work is the body of a worker goroutine. If pending is not nil, it first
// sends it to out: the result of the item of the worker it replaces.
func (c *crew[T]) work(ctx context.Context, pending *Result[T]) {
	w := &worker[T]{c: c}
	defer func() {
		if w.isAbandoned() {
			return // its replacement counts in its place
		}
		if c.live.Add(-1) == 0 && c.next != nil {
			close(c.next)
		}
		c.wg.Done()
	}()
	if pending != nil {
		if !handOff(ctx, c.p.obs, c.seg.last(), c.out, *pending) {
			return
		}
		c.delivered.Add(1)
	}
	w.run(ctx)
}

// worker is the state of one worker goroutine of a segment.
type worker[T any] struct {
	c *crew[T]

	// With an item timeout, mu guards the fields below, which say what
	// the worker is doing, for the item's expiry (see expire). The worker
	// holds mu whenever it touches its item outside a Process call (the
	// observer's callbacks); expire holds it to abandon the call.
	mu        sync.Mutex
	gen       uint64 // items taken so far; identifies the current one
	env       envelope[T]
	stage     int       // index in the segment of the stage running or last run
	inStage   bool      // a Process call is running
	started   time.Time // when it started
	abandoned bool      // the worker was given up on in a Process call
	// left, when not nil, is closed when the Process call returns: expire
	// waits on it.
	left chan struct{}
}

// run takes items from the segment's queue until the queue is closed and
// drained, ctx is done or the worker is abandoned, and hands each on to the
// next queue or, when it failed or passed the last stage, to out.
func (w *worker[T]) run(ctx context.Context) {
	c := w.c
	last := c.seg.last()
	for {
		var env envelope[T]
		select {
		case e, ok := <-c.seg.queue:
			if !ok {
				return
			}
			env = e
		case <-ctx.Done():
			return
		}

		var (
			failed string
			err    error
		)
		if env.ctx == nil {
			// No deadline: nothing to watch.
			failed, err = c.p.runStages(ctx, c.seg.stages, env.item)
		} else {
			var ok bool
			if failed, err, ok = w.runWithDeadline(ctx, env); !ok {
				return // abandoned: another goroutine has taken over
			}
		}
		if ctx.Err() != nil {
			// Drop the item: its error, if any, is most likely the
			// cancellation itself, which must not pass for a failure.
			env.release()
			return
		}
		if err == nil && c.next != nil {
			if !handOff(ctx, c.p.obs, last, c.next, env) {
				env.release()
				return
			}
			continue
		}

		env.release()
		r := Result[T]{Item: env.item, Err: err}
		if err != nil {
			r.FailedStage = failed
		}
		if !handOff(ctx, c.p.obs, last, c.out, r) {
			return
		}
		c.delivered.Add(1)
	}
}

// handOff sends v on ch for a worker whose last stage is stage, reporting
// the time it had to wait for room as backpressure. It returns false if ctx
// was done first.
func handOff[T, V any](ctx context.Context, obs Observer[T], stage string, ch chan<- V, v V) bool {
	select {
	case ch <- v:
		return true
	default:
	}
	start := time.Now()
	select {
	case ch <- v:
		obs.Blocked(stage, time.Since(start))
		return true
	case <-ctx.Done():
		obs.Blocked(stage, time.Since(start))
		return false
	}
}

// runStages runs item through stages in order, with the observer's
// callbacks around each, until one fails or ctx is done.
func (p *Pipeline[T]) runStages(ctx context.Context, stages []stage[T], item T) (failed string, err error) {
	for i := range stages {
		st := &stages[i]
		if i > 0 && ctx.Err() != nil {
			return st.name, ctx.Err() // Run is being cancelled: the item will be dropped
		}
		if !p.observed {
			err = protect(ctx, st, item)
		} else {
			p.obs.StageStarted(st.name)
			start := time.Now()
			err = protect(ctx, st, item)
			p.obs.StageFinished(st.name, item, time.Since(start), err)
		}
		if err != nil {
			return st.name, err
		}
	}
	return "", nil
}

// protect calls st's Process and turns a panic into a *PanicError, so that
// a panic fails one item and not the process.
func protect[T any](ctx context.Context, st *stage[T], item T) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Stage: st.name, Value: v, Stack: debug.Stack()}
		}
	}()
	return st.impl.Process(ctx, item)
}
