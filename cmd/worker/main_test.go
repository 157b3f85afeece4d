package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"

	"github.com/wirestream/wirestream/internal/app"
	"github.com/wirestream/wirestream/internal/config"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

// These tests run the real worker binary as a subprocess against an
// in-process JetStream server and stop it the way an orchestrator does:
// SIGTERM (graceful drain) and SIGKILL (a crash or node loss).

const articles = 3000

func buildWorker(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "worker")
	// go test puts its own GOROOT/bin first in PATH: the go that runs the test.
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has been reaped
	err  error         // Wait's result, valid after done
}

func startProc(t *testing.T, bin, natsURL string, extra ...string) (*proc, string) {
	t.Helper()
	addr := natstest.FreeAddr(t)
	args := append([]string{"--nats-url", natsURL, "--http-addr", addr, "--log-level", "warn"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, done: make(chan struct{})}
	go func() { // owned by p: reaps the process; cleanup waits for it
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.done
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, addr
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker not ready on %s after 20s (last error %v)", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func publishGenerated(t *testing.T, url string, n int) {
	t.Helper()
	cfg, _, err := config.LoadPublisher([]string{"--nats-url", url, "--progress", "never", "--source", "proc",
		"--generate", fmt.Sprint(n)}, func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	st, err := app.RunPublisher(context.Background(), cfg, zap.NewNop(), app.PublisherIO{Stdout: io.Discard})
	if err != nil || st.Published != n {
		t.Fatalf("published %+v, err %v; want %d", st, err, n)
	}
}

func js(t *testing.T, url string) jetstream.JetStream { return natstest.JetStream(t, url) }

func msgs(t *testing.T, j jetstream.JetStream, stream string) uint64 {
	t.Helper()
	s, err := j.Stream(context.Background(), stream)
	if err != nil {
		t.Fatal(err)
	}
	return s.CachedInfo().State.Msgs
}

func consumerInfo(t *testing.T, j jetstream.JetStream) *jetstream.ConsumerInfo {
	t.Helper()
	c, err := j.Consumer(context.Background(), "ARTICLES_RAW", "enrich")
	if err != nil {
		t.Fatal(err)
	}
	return c.CachedInfo()
}

// waitFor polls cond every 20 ms for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stopAndFinish stops the first worker with sig mid-run, then runs a
// second one to the end and checks that every article was enriched exactly
// once.
func stopAndFinish(t *testing.T, sig syscall.Signal) {
	if testing.Short() {
		t.Skip("subprocess test")
	}
	bin := buildWorker(t)
	srv := natstest.Start(t, nil)
	url := srv.ClientURL()
	j := js(t, url)

	// A short ack wait makes the killed worker's unacked messages come
	// back quickly; the duplicate window still covers MaxDeliver×AckWait.
	flags := []string{"--ack-wait", "2s", "--shutdown-timeout", "10s"}
	first, _ := startProc(t, bin, url, flags...)
	publishGenerated(t, url, articles)
	waitFor(t, 60*time.Second, "some events", func() bool { return msgs(t, j, "ARTICLES_ENRICHED") >= articles/10 })

	start := time.Now()
	if err := first.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case <-first.done:
		err = first.err
	case <-time.After(15 * time.Second):
		t.Fatalf("worker still running 15s after %v", sig)
	}
	took := time.Since(start)
	midway := msgs(t, j, "ARTICLES_ENRICHED")
	t.Logf("after %v: %d of %d enriched, worker exited in %v (%v)", sig, midway, articles, took, err)

	if sig == syscall.SIGTERM {
		if err != nil {
			t.Fatalf("worker exit after SIGTERM: %v, want status 0", err)
		}
		// A graceful drain leaves nothing delivered and unacknowledged.
		if ci := consumerInfo(t, j); ci.NumAckPending != 0 {
			t.Fatalf("after the drain %d messages are still unacked", ci.NumAckPending)
		}
	} else {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("killed worker: %v", err)
		}
	}

	startProc(t, bin, url, flags...)
	waitFor(t, 90*time.Second, "all events", func() bool {
		ci := consumerInfo(t, j)
		return ci.NumPending == 0 && ci.NumAckPending == 0 && msgs(t, j, "ARTICLES_ENRICHED") >= articles
	})
	// Give late redeliveries a chance to (wrongly) add events.
	time.Sleep(500 * time.Millisecond)
	if got := msgs(t, j, "ARTICLES_ENRICHED"); got != articles {
		t.Fatalf("enriched stream holds %d events for %d articles", got, articles)
	}
	if got := msgs(t, j, "ARTICLES_DLQ"); got != 0 {
		t.Fatalf("%d articles dead-lettered", got)
	}
}

func TestSIGTERMDrainsAndExitsZero(t *testing.T) { stopAndFinish(t, syscall.SIGTERM) }

func TestSIGKILLLosesAndDoublesNothing(t *testing.T) { stopAndFinish(t, syscall.SIGKILL) }
