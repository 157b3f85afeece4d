// Command worker consumes raw wire articles from NATS JetStream, runs the
// extraction pipeline and publishes enriched events. See README.md.
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
	"github.com/wirestream/wirestream/internal/logging"
)

func main() {
	os.Exit(run())
}

func run() int {
	cfg, _, err := config.LoadWorker(os.Args[1:], os.LookupEnv)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "worker: %v\n", err)
		return 2
	}
	log, err := logging.New(cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		fmt.Fprintf(os.Stderr, "worker: %v\n", err)
		return 2
	}
	defer func() { _ = log.Sync() }()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := app.RunWorker(ctx, cfg, log, prometheus.NewRegistry(), app.WorkerHooks{}); err != nil {
		return 1
	}
	return 0
}
