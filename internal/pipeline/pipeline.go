package pipeline

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync/atomic"
	"time"
)

// Pipeline runs items of type T through a fixed list of stages. Build it
// with [New] and start it with [Pipeline.Run], once. Its accessors are safe
// for concurrent use, also while Run is running.
type Pipeline[T any] struct {
	stages  []stage[T]
	index   map[string]int // stage name → position in stages
	timeout time.Duration  // per item; 0 = none
	obs     Observer[T]
	aobs    AbandonObserver
	// observed is false when there is no Observer: the workers then skip
	// reading the clock, which is a measurable share of a trivial stage.
	observed bool

	ran       atomic.Bool
	abandoned atomic.Int64 // abandoned Process calls still running
}

// stage is a Stage with its configuration and its queue.
type stage[T any] struct {
	impl    Stage[T]
	name    string
	workers int
	// queue holds the items waiting for this stage. Its capacity is the
	// configured queue size ([WithStageQueueSize]) and it is the only
	// buffering between stages: when it is full, the workers of the stage
	// before (or, for the first stage, the goroutine reading the input)
	// block until a worker of this stage takes an item, so a slow stage
	// pushes back all the way to the input. Its fill level is what
	// [Pipeline.QueueLen] reports.
	queue chan envelope[T]
}

// envelope carries an item from stage to stage. ctx and cancel are set only
// when there is an item timeout: ctx then carries the item's deadline.
type envelope[T any] struct {
	item   T
	ctx    context.Context
	cancel context.CancelFunc
}

// release frees the timer of the item's deadline, if any, once the item
// leaves the pipeline.
func (e *envelope[T]) release() {
	if e.cancel != nil {
		e.cancel()
	}
}

// New returns a pipeline that runs items through stages in order. Stage
// names must be unique and non-empty (they are metric labels); options that
// name a stage must name one of them. New reports an invalid configuration
// with an error matching [ErrInvalidOption], [ErrUnknownStage] or
// [ErrDuplicateStage]. Zero stages make a pass-through.
func New[T any](stages []Stage[T], opts ...Option) (*Pipeline[T], error) {
	cfg := config{
		defaultConcurrency: DefaultConcurrency,
		defaultQueueSize:   DefaultQueueSize,
		concurrency:        make(map[string]int),
		queueSize:          make(map[string]int),
	}
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("new pipeline: %w", err)
		}
	}

	p := &Pipeline[T]{
		stages:  make([]stage[T], 0, len(stages)),
		index:   make(map[string]int, len(stages)),
		timeout: cfg.itemTimeout,
		obs:     noObserver[T]{},
		aobs:    noObserver[T]{},
	}
	if cfg.observer != nil {
		obs, ok := cfg.observer.(Observer[T])
		if !ok {
			return nil, fmt.Errorf("new pipeline: observer %T is not an Observer[%v]: %w",
				cfg.observer, reflect.TypeFor[T](), ErrInvalidOption)
		}
		p.obs, p.observed = obs, true
		if aobs, ok := obs.(AbandonObserver); ok {
			p.aobs = aobs
		}
	}

	for i, s := range stages {
		if s == nil {
			return nil, fmt.Errorf("new pipeline: stage %d is nil: %w", i, ErrInvalidOption)
		}
		name := s.Name()
		if name == "" {
			return nil, fmt.Errorf("new pipeline: stage %d has no name: %w", i, ErrInvalidOption)
		}
		if _, dup := p.index[name]; dup {
			return nil, fmt.Errorf("new pipeline: stage %q: %w", name, ErrDuplicateStage)
		}
		workers, ok := cfg.concurrency[name]
		if !ok {
			workers = cfg.defaultConcurrency
		}
		size, ok := cfg.queueSize[name]
		if !ok {
			size = cfg.defaultQueueSize
		}
		p.index[name] = i
		p.stages = append(p.stages, stage[T]{
			impl:    s,
			name:    name,
			workers: workers,
			queue:   make(chan envelope[T], size),
		})
	}

	for _, m := range []map[string]int{cfg.concurrency, cfg.queueSize} {
		for _, name := range slices.Sorted(maps.Keys(m)) {
			if _, ok := p.index[name]; !ok {
				return nil, fmt.Errorf("new pipeline: option for stage %q: %w", name, ErrUnknownStage)
			}
		}
	}
	return p, nil
}

// Stages returns the stage names in order.
func (p *Pipeline[T]) Stages() []string {
	names := make([]string, len(p.stages))
	for i := range p.stages {
		names[i] = p.stages[i].name
	}
	return names
}

// QueueLen returns the number of items waiting in the queue in front of
// stage, or 0 if there is no such stage.
func (p *Pipeline[T]) QueueLen(stage string) int {
	if i, ok := p.index[stage]; ok {
		return len(p.stages[i].queue)
	}
	return 0
}

// QueueCap returns the capacity of the queue in front of stage, or 0 if
// there is no such stage.
func (p *Pipeline[T]) QueueCap(stage string) int {
	if i, ok := p.index[stage]; ok {
		return cap(p.stages[i].queue)
	}
	return 0
}

// Abandoned returns the number of Process calls that overran their item's
// deadline and are still running (see [WithItemTimeout]). It can stay above
// zero after Run returned, if a stage ignores its context.
func (p *Pipeline[T]) Abandoned() int {
	return int(p.abandoned.Load())
}
