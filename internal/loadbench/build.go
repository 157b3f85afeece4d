package loadbench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Binaries are the programs the harness runs.
type Binaries struct {
	Server    string // nats-server
	Worker    string
	Publisher string
	// Self is the harness's own executable, re-run for the reference
	// pass-through and the raw publisher (see [RunRole]).
	Self string
	// Profiled is cmd/loadbench/profiled, the worker's and the
	// publisher's code with a CPU profile; built only when profiles are
	// asked for.
	Profiled string
}

// Build compiles whatever of b is empty into dir: nats-server from the
// nats-server module that go.mod requires, and ./cmd/worker and
// ./cmd/publisher of the module in the current directory, with the
// Makefile's build flags; with profiling also ./cmd/loadbench/profiled.
func Build(ctx context.Context, dir string, b Binaries, profiling bool) (Binaries, error) {
	root := ""
	build := func(out, pkg string) error {
		if root == "" {
			r, err := ModuleRoot(ctx)
			if err != nil {
				return fmt.Errorf("build %s: %w", pkg, err)
			}
			root = r
		}
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", out, pkg)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
		}
		return nil
	}
	for _, t := range []struct {
		path *string
		name string
		pkg  string
	}{
		{&b.Server, "nats-server", "github.com/nats-io/nats-server/v2"},
		{&b.Worker, "worker", "./cmd/worker"},
		{&b.Publisher, "publisher", "./cmd/publisher"},
		{&b.Profiled, "profiled", "./cmd/loadbench/profiled"},
	} {
		if *t.path != "" || (t.name == "profiled" && !profiling) {
			continue
		}
		out := filepath.Join(dir, t.name)
		if err := build(out, t.pkg); err != nil {
			return b, err
		}
		*t.path = out
	}
	return b, nil
}

// ModuleRoot returns the directory of the main module, for go build.
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module")
	}
	return filepath.Dir(mod), nil
}

// Version runs bin with args and returns its first output line.
func Version(ctx context.Context, bin string, args ...string) string {
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil && len(out) == 0 {
		return "unknown"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}
