// Command profiled runs cmd/worker's or cmd/publisher's code with a CPU
// profile: `profiled worker FLAGS...` or `profiled publisher FLAGS...`
// load the same configuration and run the same internal/app wiring as the
// binaries, with pprof writing to $LOADBENCH_CPUPROFILE until the run
// ends. Neither binary has a pprof endpoint; loadbench builds this for its
// profiled runs. It lives apart from cmd/loadbench so that the harness
// itself does not depend on the stage packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/wirestream/wirestream/internal/app"
	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/loadbench"
	"github.com/wirestream/wirestream/internal/logging"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "profiled: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 || (args[0] != "worker" && args[0] != "publisher") {
		return errors.New("usage: profiled worker|publisher [flags]")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if args[0] == "publisher" {
		return publisher(ctx, args[1:])
	}
	return worker(ctx, args[1:])
}

func worker(ctx context.Context, args []string) error {
	cfg, _, err := config.LoadWorker(args, os.LookupEnv)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	log, err := logging.New(cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		return err
	}
	defer func() { _ = log.Sync() }()
	stopProfile, err := loadbench.StartProfile(os.Getenv(loadbench.ProfileEnv))
	if err != nil {
		return err
	}
	defer stopProfile()
	return app.RunWorker(ctx, cfg, log, prometheus.NewRegistry(), app.WorkerHooks{})
}

func publisher(ctx context.Context, args []string) error {
	cfg, _, err := config.LoadPublisher(args, os.LookupEnv)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	log, err := logging.New(cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		return err
	}
	defer func() { _ = log.Sync() }()
	stopProfile, err := loadbench.StartProfile(os.Getenv(loadbench.ProfileEnv))
	if err != nil {
		return err
	}
	defer stopProfile()
	stats, err := app.RunPublisher(ctx, cfg, log, app.PublisherIO{Stdin: os.Stdin, Stdout: os.Stdout})
	fmt.Println(app.Summary(stats))
	return err
}
