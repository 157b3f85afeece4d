package loadbench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/wirestream/wirestream/internal/freeport"
)

// Server is a nats-server subprocess with JetStream on file storage in a
// temporary directory.
type Server struct {
	*Proc
	URL        string
	ProfileURL string // pprof base URL, or "" without profiling
	dir        string
}

// FreePort returns a loopback TCP port that was free a moment ago, below
// the kernel's ephemeral range where it can (see [freeport.Pick]).
func FreePort() (int, error) { return freeport.Pick() }

// StartServer starts bin as a JetStream server storing under a new
// directory in tmp, and waits until it accepts connections. With profile,
// the server also serves pprof on another port. procs, when positive, is
// the server's GOMAXPROCS; 0 leaves the Go runtime's default (every CPU).
func StartServer(ctx context.Context, bin, tmp string, profile bool, procs int) (*Server, error) {
	dir, err := os.MkdirTemp(tmp, "js-")
	if err != nil {
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	args := []string{"-js", "-sd", filepath.Join(dir, "store"), "-a", "127.0.0.1", "-p", strconv.Itoa(port)}
	s := &Server{URL: fmt.Sprintf("nats://127.0.0.1:%d", port), dir: dir}
	if profile {
		pp, err := FreePort()
		if err != nil {
			return nil, err
		}
		args = append(args, "--profile", strconv.Itoa(pp))
		s.ProfileURL = fmt.Sprintf("http://127.0.0.1:%d/debug/pprof", pp)
	}
	var env []string
	if procs > 0 {
		env = []string{"GOMAXPROCS=" + strconv.Itoa(procs)}
	}
	p, err := StartProc("nats-server", filepath.Join(dir, "server.log"), env, bin, args...)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s.Proc = p
	deadline := time.Now().Add(15 * time.Second)
	for {
		nc, err := nats.Connect(s.URL, nats.Timeout(time.Second))
		if err == nil {
			nc.Close()
			return s, nil
		}
		select {
		case <-p.Done():
			s.Close()
			return nil, fmt.Errorf("nats-server exited at start: %v\n%s", p.Err(), p.Tail(2000))
		case <-ctx.Done():
			s.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Close()
			return nil, fmt.Errorf("nats-server not accepting connections after 15s: %w", err)
		}
	}
}

// Close stops the server and removes its store.
func (s *Server) Close() {
	if s.Proc != nil {
		_ = s.Stop(30 * time.Second)
	}
	os.RemoveAll(s.dir)
}

// StoreBytes is the size of the server's store directory on disk.
func (s *Server) StoreBytes() int64 {
	var n int64
	_ = filepath.Walk(filepath.Join(s.dir, "store"), func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// CPUProfile fetches a CPU profile of the server over d into path. It
// needs a server started with profiling.
func (s *Server) CPUProfile(ctx context.Context, d time.Duration, path string) error {
	if s.ProfileURL == "" {
		return fmt.Errorf("server started without profiling")
	}
	url := fmt.Sprintf("%s/profile?seconds=%d", s.ProfileURL, max(1, int(d.Seconds())))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("fetch server profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fetch server profile: %s", resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
