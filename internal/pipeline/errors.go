package pipeline

import (
	"context"
	"errors"
	"fmt"
)

var (
	// ErrPanic matches every [*PanicError] with errors.Is.
	ErrPanic = errors.New("stage panicked")
	// ErrTimeout matches every [*TimeoutError] with errors.Is.
	ErrTimeout = errors.New("item deadline exceeded")

	// ErrInvalidOption is returned by [New] for an option with a value out
	// of range (a count below 1, a negative timeout, an unusable observer)
	// or a stage without a name.
	ErrInvalidOption = errors.New("invalid pipeline option")
	// ErrUnknownStage is returned by [New] for a per-stage option that
	// names no stage.
	ErrUnknownStage = errors.New("unknown stage")
	// ErrDuplicateStage is returned by [New] when two stages share a name;
	// names must be unique because they are metric labels.
	ErrDuplicateStage = errors.New("duplicate stage name")
	// ErrAlreadyRun is returned by a second call of [Pipeline.Run].
	ErrAlreadyRun = errors.New("pipeline already run")
)

// PanicError is the error of an item whose Process call panicked. The panic
// was recovered at the stage boundary: only that item failed.
type PanicError struct {
	Stage string
	// Value is what was passed to panic.
	Value any
	// Stack is the panicking goroutine's stack trace.
	Stack []byte
}

// Error names the stage and the panic value.
func (e *PanicError) Error() string {
	return fmt.Sprintf("stage %q: panic: %v", e.Stage, e.Value)
}

// Is reports whether target is [ErrPanic].
func (e *PanicError) Is(target error) bool { return target == ErrPanic }

// Unwrap returns Value if it is an error, so that a stage that panics with
// an error can still be matched with errors.Is and errors.As.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// TimeoutError is the error of an item that reached its deadline
// ([WithItemTimeout]) in Stage: Process returned the context's deadline
// error, or did not return by the deadline (the item fails whatever it
// returns later), or the item's time ran out while it waited in the stage's
// queue.
type TimeoutError struct {
	Stage string
	// Abandoned is true when Process was still running on the item as it
	// failed: the call goes on, unsynchronized with the reader of the
	// [Result], so the item's fields that stages write must not be read.
	// [Pipeline.Abandoned] says how many such calls are still running.
	Abandoned bool
	// Queued is true when the item's time ran out before Process was
	// called: it waited in queues behind slower work, so the cause is
	// backpressure, not the item.
	Queued bool
}

// Error names the stage.
func (e *TimeoutError) Error() string {
	return fmt.Sprintf("stage %q: %v", e.Stage, ErrTimeout)
}

// Is reports whether target is [ErrTimeout] or [context.DeadlineExceeded].
func (e *TimeoutError) Is(target error) bool {
	return target == ErrTimeout || target == context.DeadlineExceeded
}
