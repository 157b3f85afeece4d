package pipeline

import "context"

// Stage is one processing step. Process mutates item in place and returns
// nil on success; an error fails the item, which then skips the remaining
// stages, and so does a panic (see [PanicError]). Process is called
// concurrently by the stage's workers, each call with a different item, so
// implementations must be safe for concurrent use. Process must return soon
// after ctx is done, must not touch item after it returned or after ctx is
// done, and must not call runtime.Goexit (as t.FailNow does), which would
// take its worker down.
type Stage[T any] interface {
	Name() string
	Process(ctx context.Context, item T) error
}

// NewStageFunc returns a [Stage] named name whose Process calls fn.
func NewStageFunc[T any](name string, fn func(context.Context, T) error) Stage[T] {
	return stageFunc[T]{name: name, fn: fn}
}

type stageFunc[T any] struct {
	name string
	fn   func(context.Context, T) error
}

func (s stageFunc[T]) Name() string                              { return s.name }
func (s stageFunc[T]) Process(ctx context.Context, item T) error { return s.fn(ctx, item) }

// Result is an item leaving the pipeline. Err is nil on success; otherwise
// the item skipped the remaining stages and FailedStage names the stage that
// failed it. Err is the stage's error as returned, a [*PanicError] or a
// [*TimeoutError].
type Result[T any] struct {
	Item        T
	Err         error
	FailedStage string
}
