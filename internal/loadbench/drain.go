package loadbench

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Group is a set of processes whose resource use is reported together,
// e.g. "worker" for two worker replicas.
type Group struct {
	Name  string
	Procs []*Proc
}

// Usage is one group's resource use over a measurement window.
type Usage struct {
	Name string `json:"name"`
	// CPU is user+system seconds in the window, summed over the group.
	CPU float64 `json:"cpu_seconds"`
	// CPUPerArticle is CPU divided by the articles done in the window.
	CPUPerArticleUs float64 `json:"cpu_us_per_article"`
	// Cores is CPU divided by the window: the cores the group kept busy.
	Cores float64 `json:"cores"`
	// PeakRSS is the largest VmHWM of any process of the group, bytes.
	PeakRSS int64 `json:"peak_rss_bytes"`
}

// Drain is the result of watching a consumer work through a backlog.
type Drain struct {
	Articles   int     `json:"articles"` // acked in the window
	Seconds    float64 `json:"seconds"`
	PerSec     float64 `json:"articles_per_s"`
	MBPerSec   float64 `json:"mb_per_s"` // raw payload MB (10^6) per second
	Usage      []Usage `json:"usage"`
	MaxRSSSeen int64   `json:"max_rss_sampled_bytes,omitempty"` // largest sampled VmRSS of the first group
	// OtherCores is the CPU the rest of the machine (anything but the
	// groups, the harness included) used in the window, in cores: a
	// measure of how disturbed the run was on a shared machine.
	OtherCores float64 `json:"other_cores"`
	// RSSSeries is the first group's RSS in MiB every 30 s from the
	// start of the measurement, to show whether it plateaus.
	RSSSeries []int64 `json:"rss_series_mib,omitempty"`
	// Partial is set when the window ended before the backlog was drained.
	Partial bool `json:"partial,omitempty"`
}

// UsageOf returns the usage of the named group.
func (d Drain) UsageOf(name string) Usage {
	for _, u := range d.Usage {
		if u.Name == name {
			return u
		}
	}
	return Usage{Name: name}
}

// MeasureDrain polls consumer's state on the raw stream until its ack
// floor reaches lastSeq. The window starts at the first poll that sees a
// delivery, so start-up (connecting, loading stage resources) is not
// counted, and ends at the poll that sees the last one; each group's
// CPU is read from /proc at both ends. avgBytes is the mean raw payload
// size, for MB/s. With stopAfter > 0 the window ends after that long even
// if the backlog is not drained (Partial is then set). It fails if a
// process exits or the drain takes longer than timeout.
func MeasureDrain(ctx context.Context, js jetstream.JetStream, stream, consumer string, lastSeq uint64, avgBytes float64, groups []Group, timeout, stopAfter time.Duration) (Drain, error) {
	const poll = 20 * time.Millisecond
	deadline := time.Now().Add(timeout)
	var (
		d       Drain
		started bool
		t0      time.Time
		floor0  uint64
		busy0   time.Duration
		cpu0    = make([]time.Duration, len(groups))
		lastRSS time.Time
		// lastSeries starts the RSS series with the first sample.
		lastSeries time.Time
		tick       = time.NewTicker(poll)
		groupCPU   = func(g Group) (time.Duration, error) {
			var sum time.Duration
			for _, p := range g.Procs {
				s, err := p.Stat()
				if err != nil {
					return 0, fmt.Errorf("%s: %w", p.Name, err)
				}
				sum += s.CPU
			}
			return sum, nil
		}
	)
	defer tick.Stop()
	// The fallback window, from now, for a backlog so small that it is
	// drained before the first poll sees an acknowledgement.
	tStart := time.Now()
	busyStart, err := SystemBusy()
	if err != nil {
		return d, err
	}
	cpuStart := make([]time.Duration, len(groups))
	for i, g := range groups {
		if cpuStart[i], err = groupCPU(g); err != nil {
			return d, err
		}
	}
	for {
		select {
		case <-ctx.Done():
			return d, ctx.Err()
		case <-tick.C:
		}
		for _, g := range groups {
			for _, p := range g.Procs {
				select {
				case <-p.Done():
					return d, fmt.Errorf("%s exited during the drain: %v\n%s", p.Name, p.Err(), p.Tail(3000))
				default:
				}
			}
		}
		if time.Since(lastRSS) >= time.Second && len(groups) > 0 {
			lastRSS = time.Now()
			var sum int64
			for _, p := range groups[0].Procs {
				if s, err := p.Stat(); err == nil {
					d.MaxRSSSeen = max(d.MaxRSSSeen, s.RSS)
					sum += s.RSS
				}
			}
			if time.Since(lastSeries) >= 30*time.Second {
				lastSeries = time.Now()
				d.RSSSeries = append(d.RSSSeries, sum>>20)
			}
		}
		if time.Now().After(deadline) {
			return d, fmt.Errorf("drain of %s not finished after %s", consumer, timeout)
		}
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		cons, err := js.Consumer(cctx, stream, consumer)
		cancel()
		if errors.Is(err, jetstream.ErrConsumerNotFound) {
			continue // not created yet
		}
		if err != nil {
			return d, fmt.Errorf("consumer %s: %w", consumer, err)
		}
		info := cons.CachedInfo()
		floor := info.AckFloor.Stream
		now := time.Now()
		if !started {
			// The first delivery, not the first advance of the ack floor:
			// with two workers the floor waits for the slower one's first
			// ack, by which time the faster one may have done most of a
			// small backlog.
			if floor == 0 && info.Delivered.Stream == 0 {
				continue
			}
			started, t0, floor0 = true, now, floor
			if floor >= lastSeq {
				t0, floor0, busy0 = tStart, 0, busyStart
				copy(cpu0, cpuStart)
			} else {
				if busy0, err = SystemBusy(); err != nil {
					return d, err
				}
				for i, g := range groups {
					if cpu0[i], err = groupCPU(g); err != nil {
						return d, err
					}
				}
				continue
			}
		}
		if floor < lastSeq && (stopAfter <= 0 || now.Sub(t0) < stopAfter) {
			continue
		}
		d.Seconds = now.Sub(t0).Seconds()
		d.Articles = int(min(floor, lastSeq) - floor0)
		d.Partial = floor < lastSeq
		busy1, err := SystemBusy()
		if err != nil {
			return d, err
		}
		others := busy1 - busy0
		for i, g := range groups {
			cpu, err := groupCPU(g)
			if err != nil {
				return d, err
			}
			others -= cpu - cpu0[i]
			u := Usage{Name: g.Name, CPU: (cpu - cpu0[i]).Seconds()}
			for _, p := range g.Procs {
				if s, err := p.Stat(); err == nil {
					u.PeakRSS = max(u.PeakRSS, s.HWM)
				}
			}
			d.Usage = append(d.Usage, u)
		}
		d.OtherCores = max(others.Seconds(), 0) / d.Seconds
		d.finish(avgBytes)
		return d, nil
	}
}

func (d *Drain) finish(avgBytes float64) {
	if d.Seconds > 0 {
		d.PerSec = float64(d.Articles) / d.Seconds
		d.MBPerSec = d.PerSec * avgBytes / 1e6
	}
	for i := range d.Usage {
		u := &d.Usage[i]
		if d.Articles > 0 {
			u.CPUPerArticleUs = u.CPU / float64(d.Articles) * 1e6
		}
		if d.Seconds > 0 {
			u.Cores = u.CPU / d.Seconds
		}
	}
}

// Capacity is the throughput the measured CPU costs allow on cpus cores
// if nothing else runs: cpus divided by the CPU all groups spent per
// article. On a shared machine it is steadier than the throughput itself,
// which moves with everyone else's load.
func (d Drain) Capacity(cpus int) float64 {
	var us float64
	for _, u := range d.Usage {
		us += u.CPUPerArticleUs
	}
	if us <= 0 {
		return 0
	}
	return float64(cpus) * 1e6 / us
}
