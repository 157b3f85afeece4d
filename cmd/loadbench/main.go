// Command loadbench is the end-to-end load benchmark of issue 7: it runs a
// JetStream server (built from the nats-server module), the worker and
// the publisher as subprocesses on preloaded synthetic articles and
// reports drain throughput, CPU per article for each process, peak RSS,
// open-loop end-to-end latency and the ratios to a reference pass-through
// and to raw async publishing, as markdown tables and one JSON line.
// `make bench-load` and `make bench-backlog` run it; docs/BENCHMARKS.md
// has the numbers and how they were taken.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/wirestream/wirestream/internal/loadbench"
)

func main() {
	if code, ok := loadbench.RunRole(os.Args[1:]); ok {
		os.Exit(code)
	}
	os.Exit(run(os.Args[1:]))
}

// config is loadbench's configuration, from flags.
type config struct {
	scenarios  []string
	opts       loadbench.Options
	keep       bool
	workerArgs string
	tmpParent  string
}

func parse(args []string) (*config, error) {
	fs := flag.NewFlagSet("loadbench", flag.ContinueOnError)
	c := &config{}
	o := &c.opts
	scenario := fs.String("scenario", "all", "comma-separated: passthrough, replicas, publisher, full, latency, backlog, or all (everything but backlog)")
	n := fs.Int("n", 100000, "articles preloaded for passthrough")
	fs.IntVar(&o.ReplicasN, "replicas-n", 30000, "articles preloaded for replicas")
	fs.IntVar(&o.FullN, "full-n", 30000, "articles preloaded for the full pipeline drain")
	fs.IntVar(&o.PublisherN, "publisher-n", 100000, "articles per publishing run")
	fs.IntVar(&o.BacklogN, "backlog-n", 1000000, "articles preloaded for the backlog drain")
	fs.DurationVar(&o.BacklogFor, "backlog-for", 0, "end the backlog measurement after this long, drained or not (0: drain it all)")
	fs.IntVar(&o.Reps, "reps", 2, "repetitions of the passthrough and publisher comparisons")
	fs.Int64Var(&o.Feed.Seed, "seed", 1, "article generator seed")
	fs.IntVar(&o.Feed.Size, "size", 5000, "mean article size in bytes")
	formats := fs.String("formats", "", "relative weights text,json,html of the generated formats (default: wire text only, like publisher --generate)")
	fs.StringVar(&o.FullStages, "stages", "all", "--stages of the worker in the full, latency and backlog scenarios")
	replicaStages := fs.String("replica-stages", "none,all", "--stages values (separated by ';' or ',') the replicas scenario runs with")
	fs.StringVar(&c.workerArgs, "worker-args", "", "extra worker flags, space-separated")
	fs.IntVar(&o.ServerProcs, "server-procs", 0, "GOMAXPROCS of the nats-server subprocess (0: the Go default, every CPU)")
	fs.Float64Var(&o.MaxRate, "max-rate", 0, "full pipeline maximum articles/s for the latency scenario (0: from the full scenario of this run)")
	fractions := fs.String("load", "0.5,0.8", "offered loads of the latency scenario as fractions of the maximum")
	fs.DurationVar(&o.LatencyDur, "latency-duration", 30*time.Second, "length of each latency run")
	fs.DurationVar(&o.Warmup, "warmup", 3*time.Second, "start of each latency run left out of the percentiles")
	fs.BoolVar(&o.SplitProcs, "replica-procs-split", true, "run each of the replicas scenario's N workers at GOMAXPROCS = CPUs/N, as pods sharing the machine under CPU limits would be (false: every worker at the Go default)")
	fs.DurationVar(&o.ColdStart, "cold-start", 15*time.Second, "length of a first latency run from the freshly started worker, reported as its own row before the steady-state runs (0: none)")
	fs.StringVar(&o.TimelineDir, "latency-timeline", "", "write each latency run's per-second p50, p99, max and count over 50 ms to latency-<load>pct.tsv in this directory")
	fs.DurationVar(&o.DrainTimeout, "drain-timeout", 30*time.Minute, "longest a drain may take")
	fs.Float64Var(&o.QuietThreshold, "quiet", 0.3, "before each measurement wait for the machine's CPU use to fall to this many cores")
	fs.DurationVar(&o.QuietWait, "quiet-wait", 2*time.Minute, "longest wait for -quiet (0: do not wait)")
	fs.StringVar(&o.ProfileDir, "profile-dir", "", "also run a profiled full drain and write worker and server CPU profiles here, and profile the latency scenario's worker (worker-latency.pprof)")
	fs.StringVar(&o.Bins.Server, "nats-server", "", "nats-server binary (default: built from the nats-server module)")
	fs.StringVar(&o.Bins.Worker, "worker", "", "worker binary (default: built from ./cmd/worker)")
	fs.StringVar(&o.Bins.Publisher, "publisher", "", "publisher binary (default: built from ./cmd/publisher)")
	fs.StringVar(&c.tmpParent, "tmp", "", "parent of the temporary directory (default: $TMPDIR)")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary directory (logs) instead of removing it")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o.PassthroughN = *n
	for s := range strings.SplitSeq(*scenario, ",") {
		switch s = strings.TrimSpace(s); s {
		case "all":
			c.scenarios = append(c.scenarios, "passthrough", "publisher", "replicas", "full", "latency")
		case "passthrough", "replicas", "publisher", "full", "latency", "backlog":
			c.scenarios = append(c.scenarios, s)
		default:
			return nil, fmt.Errorf("-scenario: unknown %q", s)
		}
	}
	for s := range strings.FieldsFuncSeq(*replicaStages, func(r rune) bool { return r == ';' }) {
		o.ReplicaStages = append(o.ReplicaStages, strings.Split(s, ",")...)
	}
	for s := range strings.SplitSeq(*fractions, ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || f <= 0 || f > 1.5 {
			return nil, fmt.Errorf("-load: %q is not a fraction in (0, 1.5]", s)
		}
		o.LoadFractions = append(o.LoadFractions, f)
	}
	if *formats != "" {
		parts := strings.Split(*formats, ",")
		if len(parts) != 3 {
			return nil, fmt.Errorf("-formats: want three weights text,json,html")
		}
		for i, p := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return nil, fmt.Errorf("-formats: %w", err)
			}
			o.Feed.Formats[i] = f
		}
	}
	c.opts.WorkerArgs = strings.Fields(c.workerArgs)
	if *n < 1 || o.ReplicasN < 1 || o.FullN < 1 || o.PublisherN < 1 || o.BacklogN < 1 || o.Feed.Size < 1 {
		return nil, errors.New("article counts and -size must be positive")
	}
	return c, nil
}

func run(args []string) int {
	c, err := parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "loadbench: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := runBench(ctx, c, strings.Join(append([]string{"loadbench"}, args...), " ")); err != nil {
		fmt.Fprintf(os.Stderr, "loadbench: %v\n", err)
		return 1
	}
	return 0
}

func runBench(ctx context.Context, c *config, command string) error {
	tmp, err := os.MkdirTemp(c.tmpParent, "loadbench-")
	if err != nil {
		return err
	}
	if c.keep {
		fmt.Fprintf(os.Stderr, "loadbench: keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	o := c.opts
	o.Tmp, o.Log = tmp, os.Stderr
	if o.Bins, err = loadbench.Build(ctx, tmp, o.Bins, o.ProfileDir != ""); err != nil {
		return err
	}
	if o.Bins.Self, err = os.Executable(); err != nil {
		return err
	}
	if o.ProfileDir != "" {
		if err := os.MkdirAll(o.ProfileDir, 0o755); err != nil {
			return err
		}
	}
	h := loadbench.New(o)
	m := loadbench.Describe(ctx, o.Bins)
	m.ServerProcs = o.ServerProcs
	var runErr error
	for _, s := range c.scenarios {
		if runErr = h.Run(ctx, s); runErr != nil {
			runErr = fmt.Errorf("scenario %s: %w", s, runErr)
			break
		}
	}
	// Report whatever was measured, even after a failure.
	fmt.Printf("command: %s\n\n", command)
	h.WriteMarkdown(os.Stdout, m)
	if err := h.WriteJSON(os.Stdout, m, command); err != nil {
		return err
	}
	return runErr
}
