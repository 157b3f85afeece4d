package pipeline

import (
	"fmt"
	"slices"
	"time"
)

// Defaults used when no option says otherwise.
const (
	DefaultConcurrency = 1
	DefaultQueueSize   = 64
)

// Option configures a [Pipeline] in [New]. An option with an invalid value
// makes New fail.
type Option func(*config) error

type config struct {
	defaultConcurrency int
	defaultQueueSize   int
	concurrency        map[string]int
	queueSize          map[string]int
	itemTimeout        time.Duration
	fused              [][]string
	observer           any // an Observer[T]; New checks the T
}

// WithDefaultConcurrency sets the number of workers of the stages that have
// no [WithStageConcurrency]; n must be at least 1.
func WithDefaultConcurrency(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("default concurrency %d: %w", n, ErrInvalidOption)
		}
		c.defaultConcurrency = n
		return nil
	}
}

// WithDefaultQueueSize sets the capacity of the queue in front of the
// stages that have no [WithStageQueueSize]; n must be at least 1.
func WithDefaultQueueSize(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("default queue size %d: %w", n, ErrInvalidOption)
		}
		c.defaultQueueSize = n
		return nil
	}
}

// WithStageConcurrency sets the number of workers of the stage named stage;
// n must be at least 1.
func WithStageConcurrency(stage string, n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("stage %q: concurrency %d: %w", stage, n, ErrInvalidOption)
		}
		c.concurrency[stage] = n
		return nil
	}
}

// WithStageQueueSize sets the capacity of the queue in front of the stage
// named stage; n must be at least 1.
func WithStageQueueSize(stage string, n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("stage %q: queue size %d: %w", stage, n, ErrInvalidOption)
		}
		c.queueSize[stage] = n
		return nil
	}
}

// WithFusedStages runs the named stages, which must be consecutive in the
// pipeline's order, as one segment: each of its workers takes an item from
// the queue in front of the first stage and runs it through all of them in
// turn on its own goroutine, with no queue and no hand-off between them.
// The segment has as many workers as the highest concurrency of its stages
// and the queue size of its first stage; QueueLen and QueueCap of the other
// stages are 0. Observer callbacks, panic containment and the item deadline
// still apply stage by stage. A stage can be in one fused run only.
//
// Fusing suits stages that only use the CPU: an item then costs one
// hand-off between goroutines instead of one per stage, and on a busy
// machine it waits for a core once instead of once per stage (see
// BenchmarkRun and docs/BENCHMARKS.md). A stage that waits on I/O should
// keep a segment of its own, with its own concurrency.
func WithFusedStages(stages ...string) Option {
	return func(c *config) error {
		if len(stages) == 0 {
			return fmt.Errorf("fused stages: none named: %w", ErrInvalidOption)
		}
		c.fused = append(c.fused, slices.Clone(stages))
		return nil
	}
}

// WithItemTimeout gives each item a deadline d after it was read from the
// input; 0, the default, means none. The context passed to Process carries
// the deadline, which covers the time the item waits in queues; an item
// found expired in a queue fails without calling Process.
//
// A Process call that has not returned by the deadline fails its item with
// a [*TimeoutError]. If it has not returned 10ms later either, it is
// abandoned: a new goroutine takes the worker's place and the call's late
// result is discarded. The item is then on its way out while the call may
// still hold it, so a stage must not touch the item once its context is
// done, and the reader of a Result whose TimeoutError is Abandoned must
// not read the fields that stages write. To watch the deadline, each
// worker registers a callback on the item's context while the item is in
// its segment (see BenchmarkRun in the package's tests for the cost).
func WithItemTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("item timeout %v: %w", d, ErrInvalidOption)
		}
		c.itemTimeout = d
		return nil
	}
}

// WithObserver sets the [Observer] of instrumentation callbacks; it may
// also implement [AbandonObserver]. Its T must be the pipeline's T, which
// New checks.
func WithObserver[T any](o Observer[T]) Option {
	return func(c *config) error {
		if o == nil {
			return fmt.Errorf("nil observer: %w", ErrInvalidOption)
		}
		c.observer = o
		return nil
	}
}
