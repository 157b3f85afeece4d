package pipeline_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wirestream/wirestream/internal/pipeline"
)

// testDeadline bounds every wait of a test; it is far above what a passing
// run needs, even under -race.
const testDeadline = 10 * time.Second

// item is the test payload. Each stage appends its name to visits; only the
// worker holding the item touches it, so -race checks the hand-offs.
type item struct {
	id     int
	visits []string
}

func newItems(n int) []*item {
	items := make([]*item, n)
	for i := range items {
		items[i] = &item{id: i}
	}
	return items
}

// stageNames returns s0, s1, … s(n-1).
func stageNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("s%d", i)
	}
	return names
}

// visiting returns a stage that records its visit and then calls fn, if any.
func visiting(name string, fn func(context.Context, *item) error) pipeline.Stage[*item] {
	return pipeline.NewStageFunc(name, func(ctx context.Context, it *item) error {
		it.visits = append(it.visits, name)
		if fn == nil {
			return nil
		}
		return fn(ctx, it)
	})
}

func visitingStages(names ...string) []pipeline.Stage[*item] {
	stages := make([]pipeline.Stage[*item], len(names))
	for i, name := range names {
		stages[i] = visiting(name, nil)
	}
	return stages
}

func mustNew(t *testing.T, stages []pipeline.Stage[*item], opts ...pipeline.Option) *pipeline.Pipeline[*item] {
	t.Helper()
	p, err := pipeline.New(stages, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

// runAll feeds items into p, closes the input and returns all results once
// Run has returned nil. It fails the test if Run fails or takes longer than
// testDeadline.
func runAll(t *testing.T, p *pipeline.Pipeline[*item], items []*item) []pipeline.Result[*item] {
	t.Helper()
	return runPaced(t, p, items, 0)
}

// runPaced is runAll with a pause of pace between items.
func runPaced(t *testing.T, p *pipeline.Pipeline[*item], items []*item, pace time.Duration) []pipeline.Result[*item] {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	in := make(chan *item)
	out := make(chan pipeline.Result[*item])
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel() // before wg.Wait: stops the feeder if the test failed
	wg.Go(func() { errc <- p.Run(ctx, in, out) })
	wg.Go(func() {
		defer close(in)
		for i, it := range items {
			if pace > 0 && i > 0 {
				time.Sleep(pace)
			}
			select {
			case in <- it:
			case <-ctx.Done():
				return
			}
		}
	})

	timeout := time.NewTimer(testDeadline)
	defer timeout.Stop()
	results := make([]pipeline.Result[*item], 0, len(items))
	for len(results) < len(items) {
		select {
		case r := <-out:
			results = append(results, r)
		case err := <-errc:
			t.Fatalf("Run returned %v after %d of %d results", err, len(results), len(items))
		case <-timeout.C:
			t.Fatalf("got %d of %d results in %v", len(results), len(items), testDeadline)
		}
	}
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-timeout.C:
		t.Fatalf("Run did not return in %v after the last result", testDeadline)
	}
	return results
}

// byID indexes results by item id and fails the test on a duplicate.
func byID(t *testing.T, results []pipeline.Result[*item]) map[int]pipeline.Result[*item] {
	t.Helper()
	m := make(map[int]pipeline.Result[*item], len(results))
	for _, r := range results {
		if _, dup := m[r.Item.id]; dup {
			t.Fatalf("item %d came out twice", r.Item.id)
		}
		m[r.Item.id] = r
	}
	return m
}

// checkNoLeak fails the test if goroutines running code of package pipeline
// are still alive once they had testDeadline to finish. Tests that use it
// must not run in parallel with others.
func checkNoLeak(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(testDeadline)
	for {
		leaked := pipelineGoroutines()
		if len(leaked) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%d goroutines of package pipeline still running:\n\n%s",
				len(leaked), strings.Join(leaked, "\n\n"))
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func pipelineGoroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var leaked []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		// Test code lives in package pipeline_test, so this matches only
		// goroutines started by the package under test.
		if strings.Contains(g, "wirestream/internal/pipeline.") {
			leaked = append(leaked, g)
		}
	}
	return leaked
}

// recorder is an Observer and AbandonObserver that counts its calls.
type recorder struct {
	mu        sync.Mutex
	started   map[string]int
	finished  map[string]int
	failed    map[string]int
	blocked   []blockedCall
	abandoned map[string]int
	returned  map[string]int
}

type blockedCall struct {
	stage string
	d     time.Duration
}

func newRecorder() *recorder {
	return &recorder{
		started:   make(map[string]int),
		finished:  make(map[string]int),
		failed:    make(map[string]int),
		abandoned: make(map[string]int),
		returned:  make(map[string]int),
	}
}

var (
	_ pipeline.Observer[*item] = (*recorder)(nil)
	_ pipeline.AbandonObserver = (*recorder)(nil)
)

func (r *recorder) StageStarted(stage string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started[stage]++
}

func (r *recorder) StageFinished(stage string, _ *item, _ time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.finished[stage]++
	if err != nil {
		r.failed[stage]++
	}
}

func (r *recorder) Blocked(stage string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.blocked = append(r.blocked, blockedCall{stage, d})
}

func (r *recorder) StageAbandoned(stage string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.abandoned[stage]++
}

func (r *recorder) AbandonedReturned(stage string, _ time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.returned[stage]++
}
