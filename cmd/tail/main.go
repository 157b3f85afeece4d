// Command tail prints enriched events (or dead-letter records) as they
// are stored: a debugging aid for downstream teams and the demo.
//
//	tail [--dlq] [--count N] [--new] [--wait 30s] [--subject articles.enriched.>]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"syscall"
	"time"

	"go.uber.org/zap"

	"github.com/wirestream/wirestream/internal/natsx"
)

func main() {
	os.Exit(run())
}

func run() int {
	fs := flag.NewFlagSet("tail", flag.ContinueOnError)
	topo := natsx.DefaultTopology()
	url := fs.String("nats-url", envOr("NATS_URL", "nats://127.0.0.1:4222"), "NATS server URLs (env NATS_URL)")
	creds := fs.String("nats-creds-file", os.Getenv("NATS_CREDS"), "NATS credentials file (env NATS_CREDS)")
	dlq := fs.Bool("dlq", false, "print dead-letter records instead of enriched events")
	subject := fs.String("subject", "", "subject filter (default: every subject of the stream)")
	count := fs.Int("count", 0, "stop after N messages (0: run until interrupted)")
	newOnly := fs.Bool("new", false, "only messages stored from now on")
	wait := fs.Duration("wait", 0, "keep trying to connect this long (for scripts that start a server)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 2
	}
	stream, subj := topo.EnrichedStream, topo.EnrichedPrefix+".>"
	if *dlq {
		stream, subj = topo.DLQStream, topo.DLQPrefix+".>"
	}
	if *subject != "" {
		subj = *subject
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	log := zap.NewNop()
	cc := natsx.ConnConfig{URL: *url, Name: "wirestream-tail", CredsFile: *creds, ConnectTimeout: 2 * time.Second}
	nc, js, err := connect(ctx, cc, stream, *wait, log)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tail: %v\n", err)
		return 1
	}
	defer nc.Close()
	n := 0
	err = natsx.Tail(ctx, js, stream, subj, *newOnly, func(subject string, header map[string][]string, data []byte) error {
		n++
		fmt.Printf("# %s\n", subject)
		keys := make([]string, 0, len(header))
		for k := range header {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Printf("# %s: %s\n", k, header[k][0])
		}
		var out bytes.Buffer
		if json.Indent(&out, data, "", "  ") == nil {
			fmt.Println(out.String())
		} else {
			fmt.Printf("%q\n", data)
		}
		if *count > 0 && n >= *count {
			return natsx.ErrStopTail
		}
		return nil
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "tail: %v\n", err)
		return 1
	}
	return 0
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// connect retries until the stream is reachable or wait has passed.
func connect(ctx context.Context, cc natsx.ConnConfig, stream string, wait time.Duration, log *zap.Logger) (*natsx.Conn, natsx.JetStream, error) {
	deadline := time.Now().Add(wait)
	for {
		nc, js, err := try(ctx, cc, stream, log)
		if err == nil || time.Now().After(deadline) || ctx.Err() != nil {
			return nc, js, err
		}
		select {
		case <-time.After(200 * time.Millisecond):
		case <-ctx.Done():
		}
	}
}

func try(ctx context.Context, cc natsx.ConnConfig, stream string, log *zap.Logger) (*natsx.Conn, natsx.JetStream, error) {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	nc, err := natsx.Connect(cctx, cc, log, nil)
	if err != nil {
		return nil, nil, err
	}
	js, err := natsx.NewJetStream(nc, 16, 5*time.Second)
	if err == nil {
		_, err = js.Stream(cctx, stream)
	}
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}
