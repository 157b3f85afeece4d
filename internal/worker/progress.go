package worker

import (
	"context"
	"sync"
	"time"

	"github.com/wirestream/wirestream/internal/natsx"
)

// progress keeps unsettled deliveries alive. A message still in the worker
// a third of the ack wait after it was pulled (queued behind a slow stage,
// or waiting for a slow publish acknowledgement) gets an InProgress every
// third of the ack wait, so JetStream does not redeliver work that is
// still going on to another replica. The item deadline still bounds the
// pipeline, so a message cannot be kept alive forever.
type progress struct {
	mu sync.Mutex
	m  map[*natsx.Delivery]time.Time
}

func (p *progress) add(d *natsx.Delivery, at time.Time) {
	p.mu.Lock()
	if p.m == nil {
		p.m = make(map[*natsx.Delivery]time.Time)
	}
	p.m[d] = at
	p.mu.Unlock()
}

func (p *progress) remove(d *natsx.Delivery) {
	p.mu.Lock()
	delete(p.m, d)
	p.mu.Unlock()
}

// due returns the deliveries pulled before cutoff and marks them as
// refreshed at now.
func (p *progress) due(cutoff, now time.Time) []*natsx.Delivery {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []*natsx.Delivery
	for d, at := range p.m {
		if at.Before(cutoff) {
			out = append(out, d)
			p.m[d] = now
		}
	}
	return out
}

// run sends InProgress for overdue deliveries every period until done is
// closed or ctx ends.
func (p *progress) run(ctx context.Context, period time.Duration, done <-chan struct{}, now func() time.Time) {
	if period <= 0 {
		return
	}
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-done:
			return
		case <-ctx.Done():
			return
		}
		n := now()
		for _, d := range p.due(n.Add(-period), n) {
			_ = d.InProgress() // best effort: a lost one only risks a deduplicated redelivery
		}
	}
}
