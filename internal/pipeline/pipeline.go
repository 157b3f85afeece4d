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
	segments []segment[T]
	names    []string            // stage names in order
	index    map[string]position // stage name → where it runs
	timeout  time.Duration       // per item; 0 = none
	obs      Observer[T]
	aobs     AbandonObserver
	// observed is false when there is no Observer: the workers then skip
	// reading the clock, which is a measurable share of a trivial stage.
	observed bool

	ran       atomic.Bool
	abandoned atomic.Int64 // abandoned Process calls still running
}

// segment is one or more consecutive stages that share a queue and a set
// of worker goroutines: each worker runs an item through all of the
// segment's stages in turn ([WithFusedStages]). A stage that is not fused
// is a segment of its own.
type segment[T any] struct {
	stages  []stage[T]
	workers int
	// queue holds the items waiting for this segment. Its capacity is the
	// configured queue size of its first stage ([WithStageQueueSize]) and
	// it is the only buffering between segments: when it is full, the
	// workers of the segment before (or, for the first one, the goroutine
	// reading the input) block until a worker of this segment takes an
	// item, so a slow stage pushes back all the way to the input. Its fill
	// level is what [Pipeline.QueueLen] reports for the first stage.
	queue chan envelope[T]
}

// last returns the name of the segment's last stage, under which its
// workers report backpressure.
func (s *segment[T]) last() string { return s.stages[len(s.stages)-1].name }

// stage is a Stage with its name.
type stage[T any] struct {
	impl Stage[T]
	name string
}

// position locates a stage: its segment and its place in the segment.
type position struct{ segment, member int }

// envelope carries an item from segment to segment. ctx and cancel are set
// only when there is an item timeout: ctx then carries the item's deadline.
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
		names:   make([]string, 0, len(stages)),
		index:   make(map[string]position, len(stages)),
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

	order := make(map[string]int, len(stages))
	for i, s := range stages {
		if s == nil {
			return nil, fmt.Errorf("new pipeline: stage %d is nil: %w", i, ErrInvalidOption)
		}
		name := s.Name()
		if name == "" {
			return nil, fmt.Errorf("new pipeline: stage %d has no name: %w", i, ErrInvalidOption)
		}
		if _, dup := order[name]; dup {
			return nil, fmt.Errorf("new pipeline: stage %q: %w", name, ErrDuplicateStage)
		}
		order[name] = i
		p.names = append(p.names, name)
	}
	for _, m := range []map[string]int{cfg.concurrency, cfg.queueSize} {
		for _, name := range slices.Sorted(maps.Keys(m)) {
			if _, ok := order[name]; !ok {
				return nil, fmt.Errorf("new pipeline: option for stage %q: %w", name, ErrUnknownStage)
			}
		}
	}
	// fusedWith[i] is the number of stages after stage i fused with it,
	// for the first stage of each fused run.
	fusedWith := make(map[int]int, len(cfg.fused))
	taken := make(map[string]bool)
	for _, group := range cfg.fused {
		first, ok := order[group[0]]
		for j, name := range group {
			i, known := order[name]
			switch {
			case !known:
				return nil, fmt.Errorf("new pipeline: fused stage %q: %w", name, ErrUnknownStage)
			case !ok || i != first+j:
				return nil, fmt.Errorf("new pipeline: fused stages %q are not consecutive in the pipeline's order: %w", group, ErrInvalidOption)
			case taken[name]:
				return nil, fmt.Errorf("new pipeline: stage %q is fused twice: %w", name, ErrInvalidOption)
			}
			taken[name] = true
		}
		fusedWith[first] = len(group) - 1
	}

	settings := func(name string) (workers, size int) {
		workers, ok := cfg.concurrency[name]
		if !ok {
			workers = cfg.defaultConcurrency
		}
		size, ok = cfg.queueSize[name]
		if !ok {
			size = cfg.defaultQueueSize
		}
		return workers, size
	}
	for i := 0; i < len(stages); {
		n := 1 + fusedWith[i]
		workers, size := settings(p.names[i])
		seg := segment[T]{stages: make([]stage[T], n)}
		for j := range n {
			name := p.names[i+j]
			w, _ := settings(name)
			workers = max(workers, w)
			seg.stages[j] = stage[T]{impl: stages[i+j], name: name}
			p.index[name] = position{segment: len(p.segments), member: j}
		}
		seg.workers = workers
		seg.queue = make(chan envelope[T], size)
		p.segments = append(p.segments, seg)
		i += n
	}
	return p, nil
}

// Stages returns the stage names in order.
func (p *Pipeline[T]) Stages() []string {
	return slices.Clone(p.names)
}

// QueueLen returns the number of items waiting in the queue in front of
// stage, or 0 if there is no such stage. A fused stage other than the first
// of its run has no queue of its own ([WithFusedStages]).
func (p *Pipeline[T]) QueueLen(stage string) int {
	if at, ok := p.index[stage]; ok && at.member == 0 {
		return len(p.segments[at.segment].queue)
	}
	return 0
}

// QueueCap returns the capacity of the queue in front of stage, or 0 if
// there is no such stage or, for a fused stage other than the first of its
// run, no queue ([WithFusedStages]).
func (p *Pipeline[T]) QueueCap(stage string) int {
	if at, ok := p.index[stage]; ok && at.member == 0 {
		return cap(p.segments[at.segment].queue)
	}
	return 0
}

// Abandoned returns the number of Process calls that overran their item's
// deadline and are still running (see [WithItemTimeout]). It can stay above
// zero after Run returned, if a stage ignores its context.
func (p *Pipeline[T]) Abandoned() int {
	return int(p.abandoned.Load())
}
