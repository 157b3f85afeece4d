package loadbench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/natsx"
)

// Options configures a harness run.
type Options struct {
	Bins Binaries
	// Tmp is where stores, logs and profiles go; the caller removes it.
	Tmp  string
	Feed Feed

	PassthroughN int // articles preloaded for passthrough
	ReplicasN    int // articles preloaded for replicas
	FullN        int // articles preloaded for the full pipeline drain
	PublisherN   int // articles per publishing run
	BacklogN     int // articles preloaded for the backlog drain
	// BacklogFor, when positive, ends the backlog measurement after that
	// long, drained or not: the full pipeline may need an hour for a
	// million articles, and peak RSS is reached long before.
	BacklogFor time.Duration
	Reps       int // repetitions of the passthrough and publisher pairs

	// FullStages is --stages for the full pipeline, latency and backlog
	// runs ("all" = the worker's default list); ReplicaStages are the
	// --stages values the replicas scenario is run with, one run each.
	FullStages    string
	ReplicaStages []string
	WorkerArgs    []string

	// MaxRate is the full pipeline's maximum throughput for the latency
	// scenario; 0 takes it from a full scenario of the same run.
	MaxRate       float64
	LoadFractions []float64 // of MaxRate, e.g. 0.5 and 0.8
	LatencyDur    time.Duration
	Warmup        time.Duration
	// TimelineDir, when set, receives each latency run's per-second
	// timeline (see [Latency.WriteTimeline]) as latency-<load>pct.tsv.
	TimelineDir string
	// SplitProcs runs each of the replicas scenario's N workers at
	// GOMAXPROCS = CPUs / N, as N pods sharing the machine under CPU
	// limits would be; otherwise every worker has the Go default.
	SplitProcs bool
	// ColdStart, when positive, is the length of a first run at the first
	// load fraction, reported as a row of its own ("cold start") and
	// without a warm-up, so that the steady-state runs after it start
	// with a worker that has run.
	ColdStart time.Duration

	DrainTimeout time.Duration
	// ServerProcs, when positive, is the nats-server's GOMAXPROCS (see
	// docs/BENCHMARKS.md on a server sharing two cores with the worker);
	// 0 leaves the Go default.
	ServerProcs int
	// QuietThreshold and QuietWait: before each measurement, wait up to
	// QuietWait for the machine's CPU use to drop to QuietThreshold cores
	// (other people's builds and tests on a shared machine).
	QuietThreshold float64
	QuietWait      time.Duration
	// ProfileDir, when set, makes the full scenario run a second, profiled
	// drain (worker in-process with pprof, server with --profile) and keep
	// the profiles there. Profiled runs are not in the tables.
	ProfileDir string

	Log io.Writer // progress lines
}

// Result is one measured row.
type Result struct {
	Scenario string `json:"scenario"`
	Variant  string `json:"variant"`
	N        int    `json:"n"`

	Drain   *Drain     `json:"drain,omitempty"`
	Latency *Latency   `json:"latency,omitempty"`
	Publish *PubResult `json:"publish,omitempty"`
	// Publisher-side and server CPU of a publishing run, µs per message,
	// and the publishing process's peak RSS.
	ClientCPUUs float64 `json:"client_cpu_us_per_msg,omitempty"`
	ServerCPUUs float64 `json:"server_cpu_us_per_msg,omitempty"`
	ClientRSS   int64   `json:"client_peak_rss_bytes,omitempty"`

	// Rep is the repetition (from 1) of a comparison repeated Reps
	// times (passthrough, replicas, publisher); ratios pair results of
	// one repetition (see [Harness.Ratios]).
	Rep int `json:"rep,omitempty"`

	EventBytes float64            `json:"event_bytes,omitempty"` // mean enriched event size
	StageUs    map[string]float64 `json:"stage_us,omitempty"`    // worker's mean stage time per article
	StoreBytes int64              `json:"store_bytes,omitempty"`
	Note       string             `json:"note,omitempty"`
}

// Harness runs scenarios and collects their results.
type Harness struct {
	o       Options
	Results []Result
	seq     int // makes consumer names and pipeline versions unique
}

// New returns a Harness.
func New(o Options) *Harness {
	if o.Log == nil {
		o.Log = io.Discard
	}
	return &Harness{o: o}
}

func (h *Harness) logf(format string, args ...any) {
	fmt.Fprintf(h.o.Log, "%s loadbench: "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05")}, args...)...)
}

func (h *Harness) next() int { h.seq++; return h.seq }

// quiet waits for the machine to be idle enough to measure (see
// [Options.QuietThreshold]).
func (h *Harness) quiet(ctx context.Context) error {
	if h.o.QuietWait <= 0 {
		return nil
	}
	load, err := WaitQuiet(ctx, h.o.QuietThreshold, h.o.QuietWait)
	if err != nil {
		return err
	}
	if load > h.o.QuietThreshold {
		h.logf("machine still busy (%.2f cores used by others) after waiting %s; measuring anyway", load, h.o.QuietWait)
	}
	return nil
}

// Run runs the named scenario: passthrough, replicas, publisher, full,
// latency or backlog.
func (h *Harness) Run(ctx context.Context, scenario string) error {
	switch scenario {
	case "passthrough":
		return h.passthrough(ctx)
	case "replicas":
		return h.replicas(ctx)
	case "publisher":
		return h.publisher(ctx)
	case "full":
		return h.full(ctx)
	case "latency":
		return h.latency(ctx)
	case "backlog":
		return h.backlog(ctx)
	}
	return fmt.Errorf("unknown scenario %q", scenario)
}

// env is a server with a preloaded backlog.
type env struct {
	srv      *Server
	js       jetstream.JetStream
	close    func()
	lastSeq  uint64
	avgBytes float64
}

func (h *Harness) startEnv(ctx context.Context, n int, profile bool) (*env, error) {
	srv, err := StartServer(ctx, h.o.Bins.Server, h.o.Tmp, profile, h.o.ServerProcs)
	if err != nil {
		return nil, err
	}
	e := &env{srv: srv}
	h.logf("preloading %d articles (mean %d B) into %s", n, h.o.Feed.Size, srv.URL)
	pre, err := Preload(ctx, srv.URL, h.o.Feed, n, func(done int) { h.logf("preloaded %d", done) })
	if err != nil {
		srv.Close()
		return nil, err
	}
	msgs, mb := pre.Rate()
	h.logf("preloaded %d articles, %.1f MB, in %s (%.0f/s, %.1f MB/s)", pre.Published, float64(pre.Bytes)/1e6, pre.Elapsed.Round(time.Millisecond), msgs, mb)
	e.lastSeq, e.avgBytes = pre.LastSeq, float64(pre.Bytes)/float64(max(pre.Published, 1))
	nc, js, err := connectJS(srv.URL, 64, new(failures))
	if err != nil {
		srv.Close()
		return nil, err
	}
	e.js = js
	e.close = func() { nc.Close(); srv.Close() }
	return e, nil
}

// enrichedState returns the enriched stream's message count and bytes.
func (e *env) enrichedState(ctx context.Context) (uint64, uint64) {
	s, err := e.js.Stream(ctx, natsx.DefaultTopology().EnrichedStream)
	if err != nil {
		return 0, 0
	}
	st := s.CachedInfo().State
	return st.Msgs, st.Bytes
}

// drainWith starts the processes start returns, measures their drain of
// the backlog on consumer, stops them and records the result.
func (h *Harness) drainWith(ctx context.Context, e *env, r Result, consumer string, group string, start func() ([]*Worker, error), keep func(*Worker, *Result)) (Result, error) {
	return h.drainFor(ctx, e, r, consumer, group, start, keep, 0)
}

// drainFor is drainWith that ends the window after stopAfter when positive.
func (h *Harness) drainFor(ctx context.Context, e *env, r Result, consumer string, group string, start func() ([]*Worker, error), keep func(*Worker, *Result), stopAfter time.Duration) (Result, error) {
	if err := h.quiet(ctx); err != nil {
		return r, err
	}
	m0, b0 := e.enrichedState(ctx)
	ws, err := start()
	if err != nil {
		return r, err
	}
	stopAll := func() {
		for _, w := range ws {
			if err := w.Stop(30 * time.Second); err != nil {
				h.logf("%v", err)
			}
		}
	}
	defer stopAll()
	procs := make([]*Proc, len(ws))
	for i, w := range ws {
		procs[i] = w.Proc
	}
	d, err := MeasureDrain(ctx, e.js, natsx.DefaultTopology().RawStream, consumer, e.lastSeq, e.avgBytes,
		[]Group{{Name: group, Procs: procs}, {Name: "server", Procs: []*Proc{e.srv.Proc}}}, h.o.DrainTimeout, stopAfter)
	if err != nil {
		return r, err
	}
	r.Drain = &d
	if keep != nil && len(ws) > 0 {
		keep(ws[0], &r)
	}
	stopAll()
	if m1, b1 := e.enrichedState(ctx); m1 > m0 {
		r.EventBytes = float64(b1-b0) / float64(m1-m0)
	}
	h.logf("%s %s: %d articles in %.2fs = %.0f/s, %s %.1f µs/article, server %.1f µs/article, others %.2f cores", r.Scenario, r.Variant,
		d.Articles, d.Seconds, d.PerSec, group, d.UsageOf(group).CPUPerArticleUs, d.UsageOf("server").CPUPerArticleUs, d.OtherCores)
	h.Results = append(h.Results, r)
	return r, nil
}

// workerSpec runs stages on a new consumer. Each run also gets its own
// dedup log stream: a second drain of the same articles against the first
// run's index would find every article a duplicate, which is other work.
func (h *Harness) workerSpec(stages, consumer string) WorkerSpec {
	extra := append([]string(nil), h.o.WorkerArgs...)
	if stages != "none" {
		extra = append(extra, "--dedup-stream", "bench_"+consumer)
	}
	return WorkerSpec{Stages: stages, Consumer: consumer, PipelineVersion: consumer, Extra: extra}
}

func (h *Harness) startWorkers(ctx context.Context, e *env, count int, spec WorkerSpec) func() ([]*Worker, error) {
	return func() ([]*Worker, error) {
		var ws []*Worker
		for i := range count {
			name := fmt.Sprintf("worker-%s-%d", spec.Consumer, i)
			w, err := StartWorker(ctx, h.o.Bins, h.o.Tmp, name, e.srv.URL, spec)
			if err != nil {
				for _, w := range ws {
					_ = w.Stop(10 * time.Second)
				}
				return nil, err
			}
			ws = append(ws, w)
		}
		return ws, nil
	}
}

func (h *Harness) startReference(e *env, consumer string, eventBytes int) func() ([]*Worker, error) {
	return func() ([]*Worker, error) {
		args := []string{"-url", e.srv.URL, "-consumer", consumer, "-id-prefix", consumer + ":", "-event-bytes", strconv.Itoa(eventBytes)}
		if h.o.ProfileDir != "" {
			args = append(args, "-cpuprofile", filepath.Join(h.o.ProfileDir, consumer+".pprof"))
		}
		p, err := StartProc("reference-"+consumer, filepath.Join(h.o.Tmp, "reference-"+consumer+".log"),
			[]string{RoleEnv + "=" + roleReference}, h.o.Bins.Self, args...)
		if err != nil {
			return nil, err
		}
		return []*Worker{{Proc: p}}, nil
	}
}

// passthrough: the reference pass-through, the worker with --stages none
// and the reference again publishing events of the worker's event size,
// over the same preloaded backlog, Reps times.
func (h *Harness) passthrough(ctx context.Context) error {
	e, err := h.startEnv(ctx, h.o.PassthroughN, h.o.ProfileDir != "")
	if err != nil {
		return err
	}
	defer e.close()
	n := int(e.lastSeq)
	for rep := 1; rep <= max(h.o.Reps, 1); rep++ {
		runs := []func() error{
			func() error {
				c := fmt.Sprintf("ref%d", h.next())
				_, err := h.drainWith(ctx, e, Result{Scenario: "passthrough", Variant: "reference", N: n, Rep: rep}, c, "reference", h.startReference(e, c, 0), nil)
				return err
			},
			func() error {
				c := fmt.Sprintf("pt%d", h.next())
				_, err := h.drainWith(ctx, e, Result{Scenario: "passthrough", Variant: "worker --stages none", N: n, Rep: rep}, c, "worker",
					h.startWorkers(ctx, e, 1, h.workerSpec("none", c)), nil)
				return err
			},
			func() error {
				// Events of the size of the worker's last run: this
				// repetition's when it came first, else the one before's.
				c := fmt.Sprintf("ref%d", h.next())
				size := max(int(h.lastEventBytes("passthrough", "worker --stages none"))-100, 64) // less the headers the stream also counts
				_, err := h.drainWith(ctx, e, Result{Scenario: "passthrough", Variant: fmt.Sprintf("reference, %d B events", size), N: n, Rep: rep}, c, "reference",
					h.startReference(e, c, size), nil)
				return err
			},
		}
		if err := runAlternated(rep, runs); err != nil {
			return err
		}
	}
	if h.o.ProfileDir == "" {
		return nil
	}
	return h.profiledDrain(ctx, e, "none", "passthrough", h.Results[len(h.Results)-2].Drain.PerSec)
}

// replicas: one worker, then two on the same server, over the same
// backlog, for each of ReplicaStages, Reps times.
func (h *Harness) replicas(ctx context.Context) error {
	e, err := h.startEnv(ctx, h.o.ReplicasN, false)
	if err != nil {
		return err
	}
	defer e.close()
	for rep := 1; rep <= max(h.o.Reps, 1); rep++ {
		var runs []func() error
		for _, stages := range h.o.ReplicaStages {
			for _, count := range []int{1, 2} {
				runs = append(runs, func() error {
					c := fmt.Sprintf("rep%d", h.next())
					r := Result{Scenario: "replicas", Variant: fmt.Sprintf("%d× worker --stages %s", count, stages), N: int(e.lastSeq), Rep: rep}
					spec := h.workerSpec(stages, c)
					if h.o.SplitProcs && count > 1 {
						// Replicas sharing the machine as pods would, each
						// under a CPU limit of its share of the cores.
						spec.Procs = max(1, runtime.NumCPU()/count)
						r.Variant += fmt.Sprintf(" (GOMAXPROCS=%d each)", spec.Procs)
					}
					_, err := h.drainWith(ctx, e, r, c, "worker", h.startWorkers(ctx, e, count, spec), nil)
					return err
				})
			}
		}
		if err := runAlternated(rep, runs); err != nil {
			return err
		}
	}
	return nil
}

// full: the worker with FullStages draining FullN articles.
func (h *Harness) full(ctx context.Context) error {
	e, err := h.startEnv(ctx, h.o.FullN, h.o.ProfileDir != "")
	if err != nil {
		return err
	}
	defer e.close()
	c := fmt.Sprintf("full%d", h.next())
	keep := func(w *Worker, r *Result) {
		if st, err := w.StageTimes(ctx); err == nil {
			r.StageUs = st
		}
	}
	r := Result{Scenario: "full", Variant: "worker --stages " + h.o.FullStages, N: int(e.lastSeq)}
	if _, err := h.drainWith(ctx, e, r, c, "worker", h.startWorkers(ctx, e, 1, h.workerSpec(h.o.FullStages, c)), keep); err != nil {
		return err
	}
	if h.o.ProfileDir == "" {
		return nil
	}
	return h.profiledDrain(ctx, e, h.o.FullStages, "full", h.Results[len(h.Results)-1].Drain.PerSec)
}

// profiledDrain drains e's backlog once more on a new consumer with the
// profiled worker (see [WorkerSpec.CPUProfile]) and samples the server's
// profile over most of the same time; the profiles go to ProfileDir as
// worker-<name>.pprof and server-<name>.pprof. The run is not recorded.
func (h *Harness) profiledDrain(ctx context.Context, e *env, stages, name string, rate float64) error {
	c := fmt.Sprintf("prof%d", h.next())
	spec := h.workerSpec(stages, c)
	spec.CPUProfile = filepath.Join(h.o.ProfileDir, "worker-"+name+".pprof")
	h.logf("profiled drain: %s", spec.CPUProfile)
	srvProf := make(chan error, 1)
	dur := time.Duration(float64(e.lastSeq)/max(rate, 1)*0.7*float64(time.Second)) + time.Second
	start := h.startWorkers(ctx, e, 1, spec)
	started := false
	saved := h.Results
	_, err := h.drainWith(ctx, e, Result{Scenario: "profiled", Variant: name, N: int(e.lastSeq)}, c, "worker",
		func() ([]*Worker, error) {
			ws, err := start()
			if err == nil {
				// The worker is ready and consuming: sample the server now.
				started = true
				go func() {
					srvProf <- e.srv.CPUProfile(ctx, dur, filepath.Join(h.o.ProfileDir, "server-"+name+".pprof"))
				}()
			}
			return ws, err
		}, nil)
	h.Results = saved
	if started {
		if perr := <-srvProf; perr != nil {
			h.logf("server profile: %v", perr)
		}
	}
	return err
}

// latency: a worker with FullStages on an empty stream, and an open-loop
// publisher at each of LoadFractions of the full pipeline's maximum.
func (h *Harness) latency(ctx context.Context) error {
	maxRate := h.o.MaxRate
	if maxRate == 0 {
		for _, r := range h.Results {
			if r.Scenario == "full" && r.Drain != nil {
				maxRate = r.Drain.PerSec
			}
		}
	}
	if maxRate == 0 {
		return fmt.Errorf("latency needs the full pipeline's maximum: run the full scenario first or pass -max-rate")
	}
	srv, err := StartServer(ctx, h.o.Bins.Server, h.o.Tmp, false, h.o.ServerProcs)
	if err != nil {
		return err
	}
	defer srv.Close()
	c := fmt.Sprintf("lat%d", h.next())
	spec := h.workerSpec(h.o.FullStages, c)
	if h.o.ProfileDir != "" {
		// One profile over every offered load: where a steady rate, not
		// a drain, spends the worker's CPU.
		spec.CPUProfile = filepath.Join(h.o.ProfileDir, "worker-latency.pprof")
	}
	w, err := StartWorker(ctx, h.o.Bins, h.o.Tmp, "worker-"+c, srv.URL, spec)
	if err != nil {
		return err
	}
	defer func() { _ = w.Stop(30 * time.Second) }()
	// The worker has taken nothing yet: its caches, heap and the
	// server's stores start cold, and its first seconds at a steady rate
	// queue articles that the warm-up of a run may not cover. A cold
	// start is a row of its own, before the steady-state runs.
	if h.o.ColdStart > 0 && len(h.o.LoadFractions) > 0 {
		frac := h.o.LoadFractions[0]
		if err := h.measureLatency(ctx, srv, w, frac*maxRate, h.o.ColdStart, 0,
			fmt.Sprintf("cold start, %.0f%% of max", frac*100), fmt.Sprintf("latency-cold-%.0fpct.tsv", frac*100)); err != nil {
			return err
		}
	}
	for _, frac := range h.o.LoadFractions {
		if err := h.measureLatency(ctx, srv, w, frac*maxRate, h.o.LatencyDur, h.o.Warmup,
			fmt.Sprintf("%.0f%% of max", frac*100), fmt.Sprintf("latency-%.0fpct.tsv", frac*100)); err != nil {
			return err
		}
	}
	if st, err := w.StageTimes(ctx); err == nil && len(h.Results) > 0 {
		h.Results[len(h.Results)-1].StageUs = st
	}
	return nil
}

// measureLatency runs one open-loop latency run at rate against w, once
// the machine is quiet, and adds its row as variant; with
// Options.TimelineDir set it also writes the run's timeline to the file
// named timeline there.
func (h *Harness) measureLatency(ctx context.Context, srv *Server, w *Worker, rate float64, dur, warmup time.Duration, variant, timeline string) error {
	run := h.next()
	if err := h.quiet(ctx); err != nil {
		return err
	}
	h.logf("latency %s = %.0f/s for %s", variant, rate, dur)
	wcpu0, _ := w.Stat()
	scpu0, _ := srv.Stat()
	busy0, _ := SystemBusy()
	// A new seed per run: articles the worker's dedup index has seen
	// in the previous run would be duplicates, which is other work.
	f := h.o.Feed
	f.Seed += int64(run) * 1000003
	l, err := MeasureLatency(ctx, srv.URL, f, rate, dur, warmup, run)
	if err != nil {
		return err
	}
	wcpu1, _ := w.Stat()
	scpu1, _ := srv.Stat()
	busy1, _ := SystemBusy()
	if h.o.TimelineDir != "" {
		if err := writeTimeline(filepath.Join(h.o.TimelineDir, timeline), &l); err != nil {
			return err
		}
	}
	r := Result{Scenario: "latency", Variant: variant, N: l.Sent, Latency: &l}
	d := &Drain{Articles: l.Sent, Seconds: float64(l.Sent) / l.Achieved, Usage: []Usage{
		{Name: "worker", CPU: (wcpu1.CPU - wcpu0.CPU).Seconds(), PeakRSS: wcpu1.HWM},
		{Name: "server", CPU: (scpu1.CPU - scpu0.CPU).Seconds(), PeakRSS: scpu1.HWM},
	}}
	d.OtherCores = max(0, (busy1-busy0-(wcpu1.CPU-wcpu0.CPU)-(scpu1.CPU-scpu0.CPU)).Seconds()) / d.Seconds
	d.finish(0)
	r.Drain = d
	h.logf("latency %s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, lost %d", r.Variant, l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs, l.Lost)
	h.Results = append(h.Results, r)
	return nil
}

// backlog: BacklogN articles preloaded, drained by one worker with
// FullStages while its RSS is sampled.
func (h *Harness) backlog(ctx context.Context) error {
	e, err := h.startEnv(ctx, h.o.BacklogN, false)
	if err != nil {
		return err
	}
	defer e.close()
	c := fmt.Sprintf("backlog%d", h.next())
	r := Result{Scenario: "backlog", Variant: "worker --stages " + h.o.FullStages, N: int(e.lastSeq), StoreBytes: e.srv.StoreBytes()}
	keep := func(w *Worker, r *Result) {
		if st, err := w.StageTimes(ctx); err == nil {
			r.StageUs = st
		}
	}
	if h.o.BacklogFor > 0 {
		r.Note = fmt.Sprintf("window capped at %s", h.o.BacklogFor)
	}
	_, err = h.drainFor(ctx, e, r, c, "worker", h.startWorkers(ctx, e, 1, h.workerSpec(h.o.FullStages, c)), keep, h.o.BacklogFor)
	return err
}

var summaryRE = regexp.MustCompile(`published (\d+), duplicates skipped by the server (\d+), failed (\d+) in (\S+) \(([\d.]+) msgs/s, ([\d.]+) MB/s\)`)

// publisher: bin/publisher against raw async publishing of the same
// payloads, Reps times each, on one server: reading a JSON-lines file
// against the same lines pregenerated in memory (nats bench style), and
// --generate against raw publishing of the generated articles, both
// pregenerated and generated inline as the publisher does.
func (h *Harness) publisher(ctx context.Context) error {
	srv, err := StartServer(ctx, h.o.Bins.Server, h.o.Tmp, false, h.o.ServerProcs)
	if err != nil {
		return err
	}
	defer srv.Close()
	f := Feed{Seed: h.o.Feed.Seed, Size: h.o.Feed.Size} // the publisher generates wire text only
	n := h.o.PublisherN
	run := func(rep int, variant, bin string, env []string, args []string, parse func(out string) (PubResult, error)) error {
		if err := h.quiet(ctx); err != nil {
			return err
		}
		s0, err := srv.Stat()
		if err != nil {
			return err
		}
		name := fmt.Sprintf("pub%d", h.next())
		p, err := StartProc(name, filepath.Join(h.o.Tmp, name+".log"), env, bin, args...)
		if err != nil {
			return err
		}
		// Peak RSS from VmHWM while it runs: the rusage of a child started
		// with vfork carries the parent's peak across exec.
		var hwm int64
		tick := time.NewTicker(50 * time.Millisecond)
	wait:
		for {
			select {
			case <-p.Done():
				break wait
			case <-ctx.Done():
				tick.Stop()
				_ = p.Stop(5 * time.Second)
				return ctx.Err()
			case <-tick.C:
				if st, err := p.Stat(); err == nil {
					hwm = max(hwm, st.HWM)
				}
			}
		}
		tick.Stop()
		s1, _ := srv.Stat()
		out, _ := os.ReadFile(p.LogPath)
		if p.Err() != nil {
			return fmt.Errorf("%s: %v\n%s", variant, p.Err(), p.Tail(2000))
		}
		res, err := parse(string(out))
		if err != nil {
			return fmt.Errorf("%s: %w\n%s", variant, err, p.Tail(2000))
		}
		ru := p.Rusage()
		r := Result{Scenario: "publisher", Variant: variant, N: n, Publish: &res, ClientRSS: hwm, Rep: rep}
		if res.Published > 0 {
			// The client's CPU is over its publishing loop when it says
			// (the raw publisher, which pregenerates), else over its
			// life (start-up and connecting are a few ms); the server's
			// is over the client's life.
			cpu := ru.CPU
			if res.CPU > 0 {
				cpu = res.CPU
			}
			r.ClientCPUUs = cpu.Seconds() / float64(res.Published) * 1e6
			r.ServerCPUUs = (s1.CPU - s0.CPU).Seconds() / float64(res.Published) * 1e6
		}
		msgs, mb := res.Rate()
		h.logf("publisher %s: %d in %s = %.0f msgs/s, %.1f MB/s", variant, res.Published, res.Elapsed.Round(time.Millisecond), msgs, mb)
		h.Results = append(h.Results, r)
		return nil
	}
	parseJSON := func(out string) (PubResult, error) {
		var res PubResult
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "{") {
				return res, json.Unmarshal(sc.Bytes(), &res)
			}
		}
		return res, fmt.Errorf("no result line")
	}
	parseSummary := func(out string) (PubResult, error) {
		m := summaryRE.FindStringSubmatch(out)
		if m == nil {
			return PubResult{}, fmt.Errorf("no summary line")
		}
		pub, _ := strconv.Atoi(m[1])
		el, err := time.ParseDuration(m[4])
		if err != nil {
			return PubResult{}, err
		}
		mbs, _ := strconv.ParseFloat(m[6], 64)
		return PubResult{Published: pub, Elapsed: el, Bytes: int64(mbs * 1e6 * el.Seconds())}, nil
	}
	rawArgs := func(source string, inline bool) []string {
		a := []string{"-url", srv.URL, "-seed", strconv.FormatInt(f.Seed, 10), "-size", strconv.Itoa(f.Size),
			"-n", strconv.Itoa(n), "-source", source, "-max-pending", "1024"}
		if inline {
			a = append(a, "-inline")
		}
		return a
	}
	jsonl := filepath.Join(h.o.Tmp, "articles.jsonl")
	if err := WriteJSONLines(jsonl, f, n); err != nil {
		return err
	}
	defer os.Remove(jsonl)
	for rep := 1; rep <= max(h.o.Reps, 1); rep++ {
		k := h.next()
		runs := []func() error{
			func() error {
				return run(rep, "raw async, JSON lines pregenerated", h.o.Bins.Self, []string{RoleEnv + "=" + roleRawPub},
					append(rawArgs(fmt.Sprintf("rawjson%d", k), false), "-file", jsonl), parseJSON)
			},
			func() error {
				return run(rep, "bin/publisher articles.jsonl", h.o.Bins.Publisher, nil,
					[]string{"--nats-url", srv.URL, "--source", fmt.Sprintf("pubjson%d", k), "--progress", "never", jsonl}, parseSummary)
			},
			func() error {
				return run(rep, "raw async, pregenerated", h.o.Bins.Self, []string{RoleEnv + "=" + roleRawPub},
					rawArgs(fmt.Sprintf("rawpre%d", k), false), parseJSON)
			},
			func() error {
				return run(rep, "bin/publisher --generate", h.o.Bins.Publisher, nil,
					[]string{"--nats-url", srv.URL, "--generate", strconv.Itoa(n), "--seed", strconv.FormatInt(f.Seed, 10),
						"--generate-size", strconv.Itoa(f.Size), "--source", fmt.Sprintf("pub%d", k), "--progress", "never"}, parseSummary)
			},
			func() error {
				return run(rep, "raw async, generated inline", h.o.Bins.Self, []string{RoleEnv + "=" + roleRawPub},
					rawArgs(fmt.Sprintf("rawinl%d", k), true), parseJSON)
			},
		}
		if err := runAlternated(rep, runs); err != nil {
			return err
		}
	}
	if h.o.ProfileDir == "" {
		return nil
	}
	// Profiled publisher runs, not recorded.
	saved := h.Results
	defer func() { h.Results = saved }()
	k := h.next()
	if err := run(0, "profiled publisher articles.jsonl", h.o.Bins.Profiled, []string{ProfileEnv + "=" + filepath.Join(h.o.ProfileDir, "publisher-jsonl.pprof")},
		[]string{"publisher", "--nats-url", srv.URL, "--source", fmt.Sprintf("profjson%d", k), "--progress", "never", jsonl}, parseSummary); err != nil {
		return err
	}
	return run(0, "profiled publisher --generate", h.o.Bins.Profiled, []string{ProfileEnv + "=" + filepath.Join(h.o.ProfileDir, "publisher-generate.pprof")},
		[]string{"publisher", "--nats-url", srv.URL, "--generate", strconv.Itoa(n), "--seed", strconv.FormatInt(f.Seed, 10),
			"--generate-size", strconv.Itoa(f.Size), "--source", fmt.Sprintf("profgen%d", k), "--progress", "never"}, parseSummary)
}

// runAlternated makes the runs of repetition rep (from 1) of a
// comparison: in order in odd repetitions, in reverse in even ones
// (A B, then B A). The machine's speed drifts over a run; a drift that
// favours the later variant of one pair favours the other in the next,
// and the geometric mean of the two ratios cancels a steady drift
// (see [Ratios]).
func runAlternated(rep int, runs []func() error) error {
	for i := range runs {
		j := i
		if rep%2 == 0 {
			j = len(runs) - 1 - i
		}
		if err := runs[j](); err != nil {
			return err
		}
	}
	return nil
}

// lastEventBytes is the mean event size of the last result of scenario
// and variant with one; 0 for none.
func (h *Harness) lastEventBytes(scenario, variant string) float64 {
	for i := len(h.Results) - 1; i >= 0; i-- {
		if r := h.Results[i]; r.Scenario == scenario && r.Variant == variant && r.EventBytes > 0 {
			return r.EventBytes
		}
	}
	return 0
}

// writeTimeline writes l's per-second timeline to path, counting an
// article as slow over the 50 ms target.
func writeTimeline(path string, l *Latency) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("latency timeline: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("latency timeline: %w", err)
	}
	if err := l.WriteTimeline(f, 50); err != nil {
		f.Close()
		return fmt.Errorf("latency timeline %s: %w", path, err)
	}
	return f.Close()
}
