package pipeline

import "time"

// Observer receives instrumentation callbacks from the workers of all
// stages at once: every method must be cheap and safe for concurrent use.
// The stage argument is a stage's Name.
type Observer[T any] interface {
	// StageStarted is called when a worker of stage picked an item.
	StageStarted(stage string)
	// StageFinished is called once after each StageStarted, with the time
	// the stage spent on item and its outcome (nil = ok). It is called too
	// when the item is then dropped because Run's context was cancelled.
	// After a [TimeoutError] that is Abandoned, the call may still be
	// writing to item: read only what stages do not write.
	StageFinished(stage string, item T, d time.Duration, err error)
	// Blocked reports that a worker of stage waited d to hand an item to the
	// next stage's queue or to the output: the backpressure signal. It is
	// called only when the hand-off could not be done at once.
	Blocked(stage string, d time.Duration)
}

// AbandonObserver is an optional extension of [Observer]: when the observer
// given to [WithObserver] implements it too, it is told about Process calls
// that overran the item deadline ([WithItemTimeout]) and were left running.
// The number still running at a time is StageAbandoned calls minus
// AbandonedReturned calls (see also [Pipeline.Abandoned]).
type AbandonObserver interface {
	// StageAbandoned is called when a Process call of stage overran its
	// item's deadline and the worker moved on without it.
	StageAbandoned(stage string)
	// AbandonedReturned is called when an abandoned Process call of stage
	// returned at last, d after its item's deadline; its result was
	// discarded.
	AbandonedReturned(stage string, d time.Duration)
}

// noObserver is used when no Observer is configured; the workers then also
// skip reading the clock.
type noObserver[T any] struct{}

func (noObserver[T]) StageStarted(string)                           {}
func (noObserver[T]) StageFinished(string, T, time.Duration, error) {}
func (noObserver[T]) Blocked(string, time.Duration)                 {}
func (noObserver[T]) StageAbandoned(string)                         {}
func (noObserver[T]) AbandonedReturned(string, time.Duration)       {}

var (
	_ Observer[int]   = noObserver[int]{}
	_ AbandonObserver = noObserver[int]{}
)
