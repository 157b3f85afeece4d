// Command publisher pushes raw wire articles (files, directories, JSON
// lines, stdin or synthetic ones) onto articles.raw.<source>. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/wirestream/wirestream/internal/app"
	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/logging"
)

func main() {
	os.Exit(run())
}

func run() int {
	cfg, _, err := config.LoadPublisher(os.Args[1:], os.LookupEnv)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "publisher: %v\n", err)
		return 2
	}
	log, err := logging.New(cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		fmt.Fprintf(os.Stderr, "publisher: %v\n", err)
		return 2
	}
	defer func() { _ = log.Sync() }()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stats, err := app.RunPublisher(ctx, cfg, log, app.PublisherIO{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		TTY:    term.IsTerminal(int(os.Stdout.Fd())),
	})
	fmt.Println(app.Summary(stats))
	if err != nil {
		fmt.Fprintf(os.Stderr, "publisher: %v\n", err)
		return 1
	}
	return 0
}
