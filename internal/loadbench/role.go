package loadbench

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

// RoleEnv names the environment variable with which the harness re-runs
// its own executable as one of its helper processes.
const RoleEnv = "LOADBENCH_ROLE"

// ProfileEnv carries the CPU profile path to cmd/loadbench/profiled.
const ProfileEnv = "LOADBENCH_CPUPROFILE"

const (
	roleReference = "reference"
	roleRawPub    = "rawpub"
)

// RunRole runs the helper process named by $LOADBENCH_ROLE with args
// and returns its exit code; ok is false when the variable is unset and
// the caller should carry on as the harness. Helpers run as separate
// processes so that their CPU time and RSS are measured apart from the
// harness's:
//
//   - reference: the reference pass-through ([RunReference]) until SIGTERM;
//   - rawpub: one raw publishing run ([RawPublish]), its [PubResult] as
//     JSON on stdout.
func RunRole(args []string) (code int, ok bool) {
	role := os.Getenv(RoleEnv)
	if role == "" {
		return 0, false
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch role {
	case roleReference:
		err = referenceRole(ctx, args)
	case roleRawPub:
		err = rawPubRole(ctx, args)
	default:
		err = fmt.Errorf("unknown %s %q", RoleEnv, role)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "loadbench %s: %v\n", role, err)
		return 1, true
	}
	return 0, true
}

func referenceRole(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet(roleReference, flag.ContinueOnError)
	var c ReferenceConfig
	fs.StringVar(&c.URL, "url", "", "NATS URL")
	fs.StringVar(&c.Consumer, "consumer", "reference", "durable consumer")
	fs.IntVar(&c.Batch, "batch", 256, "pull batch")
	fs.IntVar(&c.MaxInFlight, "max-in-flight", 1024, "messages between pull and ack")
	fs.StringVar(&c.IDPrefix, "id-prefix", "ref:", "event Nats-Msg-Id prefix")
	fs.IntVar(&c.EventBytes, "event-bytes", 0, "publish only this many bytes of each payload (0: all)")
	profile := fs.String("cpuprofile", "", "write a CPU profile here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	stopProfile, err := StartProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	return RunReference(ctx, c)
}

func rawPubRole(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet(roleRawPub, flag.ContinueOnError)
	var (
		f             Feed
		url, source   string
		n, maxPending int
		inline        bool
	)
	fs.StringVar(&url, "url", "", "NATS URL")
	fs.Int64Var(&f.Seed, "seed", 1, "generator seed")
	fs.IntVar(&f.Size, "size", 5000, "mean article size")
	fs.IntVar(&n, "n", 1000, "articles")
	fs.StringVar(&source, "source", "raw", "subject token")
	fs.IntVar(&maxPending, "max-pending", 1024, "unacknowledged publishes in flight")
	fs.BoolVar(&inline, "inline", false, "generate while publishing instead of before")
	file := fs.String("file", "", "publish the lines of this JSON-lines file instead")
	if err := fs.Parse(args); err != nil {
		return err
	}
	res, err := RawPublish(ctx, url, f, n, source, maxPending, !inline, *file)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// StartProfile starts a CPU profile into path; stop ends it. An empty
// path profiles nothing.
func StartProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
