package loadbench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/natsx"
)

// Latency is the result of one open-loop run.
type Latency struct {
	Rate     float64 `json:"offered_per_s"` // scheduled sends per second
	Achieved float64 `json:"sent_per_s"`    // what the publisher managed
	Sent     int     `json:"sent"`
	Measured int     `json:"measured"` // after the warm-up
	Lost     int     `json:"lost"`     // sent, no event seen before the end
	P50Ms    float64 `json:"p50_ms"`
	P95Ms    float64 `json:"p95_ms"`
	P99Ms    float64 `json:"p99_ms"`
	P999Ms   float64 `json:"p999_ms"`
	MaxMs    float64 `json:"max_ms"`

	// Samples are every article's scheduled send time (from the first)
	// and latency, warm-up included, in schedule order; Latency 0 means
	// no event was seen. Not in the JSON: see [Latency.WriteTimeline].
	Samples []Sample `json:"-"`
}

// Sample is one article of a latency run.
type Sample struct {
	At      time.Duration // scheduled send, from the run's first
	Latency time.Duration // scheduled send to event; 0: not seen
}

// WriteTimeline writes one line per second of the run: the second, the
// articles scheduled in it, the p50, p99 and max latency in milliseconds
// of those whose event was seen, how many of them took over slowMs, and
// how many were never seen, as tab-separated columns under a header. It
// shows whether a run's tail is a few slow moments or spread evenly.
func (l *Latency) WriteTimeline(w io.Writer, slowMs float64) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "second\tarticles\tp50_ms\tp99_ms\tmax_ms\tover_%gms\tlost\n", slowMs)
	var sec []time.Duration
	n, lost := 0, 0
	flush := func(s int) {
		if n == 0 {
			return
		}
		slices.Sort(sec)
		over := 0
		for _, d := range sec {
			if float64(d)/1e6 > slowMs {
				over++
			}
		}
		fmt.Fprintf(bw, "%d\t%d\t%.1f\t%.1f\t%.1f\t%d\t%d\n", s, n,
			quantileMs(sec, 0.5), quantileMs(sec, 0.99), quantileMs(sec, 1), over, lost)
		sec, n, lost = sec[:0], 0, 0
	}
	cur := 0
	for _, x := range l.Samples {
		if s := int(x.At / time.Second); s != cur {
			flush(cur)
			cur = s
		}
		n++
		if x.Latency == 0 {
			lost++
			continue
		}
		sec = append(sec, x.Latency)
	}
	flush(cur)
	return bw.Flush()
}

// MeasureLatency publishes raw articles at a fixed rate for dur and
// measures, for each, the time from its *scheduled* send time to the
// moment its enriched event reaches a subscriber on the enriched
// subjects. Measuring from the schedule rather than from the actual send
// avoids coordinated omission: when the publisher (or the server, through
// async-publish backpressure) falls behind, the delay counts. Articles
// scheduled in the first warmup are sent but not counted. A worker must
// be consuming already.
func MeasureLatency(ctx context.Context, url string, f Feed, rate float64, dur, warmup time.Duration, run int) (Latency, error) {
	n := int(rate * dur.Seconds())
	res := Latency{Rate: rate, Sent: n}
	if n < 1 {
		return res, fmt.Errorf("rate %g over %s sends nothing", rate, dur)
	}
	var failed failures
	nc, js, err := connectJS(url, 4096, &failed)
	if err != nil {
		return res, err
	}
	defer nc.Close()
	topo := natsx.DefaultTopology()
	if err := natsx.CreateMissingStreams(ctx, js, topo); err != nil {
		return res, err
	}

	sched := make([]atomic.Int64, n) // unix ns of each scheduled send
	lat := make([]atomic.Int64, n)   // ns from schedule to event, 0 = not seen
	var seen atomic.Int64
	all := make(chan struct{})
	prefix := []byte(`"msg_id":"lat` + strconv.Itoa(run) + "-")
	sub, err := nc.Subscribe(topo.EnrichedPrefix+".>", func(m *nats.Msg) {
		now := time.Now().UnixNano()
		i := bytes.Index(m.Data, prefix)
		if i < 0 {
			return
		}
		rest := m.Data[i+len(prefix):]
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			return
		}
		k, err := strconv.Atoi(string(rest[:j]))
		if err != nil || k < 0 || k >= n {
			return
		}
		s := sched[k].Load()
		if s == 0 || !lat[k].CompareAndSwap(0, max(now-s, 1)) {
			return
		}
		if seen.Add(1) == int64(n) {
			close(all)
		}
	})
	if err != nil {
		return res, fmt.Errorf("subscribe to enriched events: %w", err)
	}
	defer sub.Unsubscribe()
	_ = sub.SetPendingLimits(-1, -1) // never drop: a drop would look like a lost event
	if err := nc.Flush(); err != nil {
		return res, err
	}

	// Payloads first, so that generating them does not delay the schedule.
	arts := f.Generate(n)
	msgs := make([]*nats.Msg, n)
	for i, a := range arts {
		m := rawMsg(topo.RawSubject(a.Source), a.Source, a)
		m.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("lat%d-%d", run, i))
		msgs[i] = m
	}
	arts = nil

	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now().Add(50 * time.Millisecond)
	for i, m := range msgs {
		t := start.Add(time.Duration(i) * interval)
		if d := time.Until(t); d > 0 {
			time.Sleep(d)
		}
		sched[i].Store(t.UnixNano())
		if _, err := js.PublishMsgAsync(m, stallWait); err != nil {
			failed.add(err)
		}
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
	}
	res.Achieved = float64(n) / time.Since(start).Seconds()
	select {
	case <-all:
	case <-time.After(30 * time.Second):
	case <-ctx.Done():
		return res, ctx.Err()
	}
	if err := failed.err(); err != nil {
		return res, fmt.Errorf("latency publisher: %w", err)
	}
	res.Samples = make([]Sample, n)
	for i := range n {
		res.Samples[i] = Sample{At: time.Duration(sched[i].Load() - start.UnixNano()), Latency: time.Duration(lat[i].Load())}
	}
	from := start.Add(warmup).UnixNano()
	var ls []time.Duration
	for i := range n {
		if sched[i].Load() < from {
			continue
		}
		l := lat[i].Load()
		if l == 0 {
			res.Lost++
			continue
		}
		ls = append(ls, time.Duration(l))
	}
	res.Measured = len(ls)
	if len(ls) == 0 {
		return res, fmt.Errorf("no enriched events seen")
	}
	slices.Sort(ls)
	res.P50Ms, res.P95Ms, res.P99Ms, res.P999Ms = quantileMs(ls, 0.50), quantileMs(ls, 0.95), quantileMs(ls, 0.99), quantileMs(ls, 0.999)
	res.MaxMs = quantileMs(ls, 1)
	return res, nil
}

// quantileMs is the p-quantile (0 to 1) of sorted, in milliseconds; 0 for
// none.
func quantileMs(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return float64(sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]) / 1e6
}
