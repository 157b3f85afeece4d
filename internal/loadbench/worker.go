package loadbench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// WorkerSpec says how to run one worker process.
type WorkerSpec struct {
	Stages          string // --stages
	Consumer        string // --consumer
	PipelineVersion string // --pipeline-version; a new one per run, so events are never duplicates
	Extra           []string
	// CPUProfile, when set, runs cmd/loadbench/profiled (cmd/worker's
	// code with a CPU profile, as the worker has no pprof endpoint) and
	// writes the profile there when it stops.
	CPUProfile string
	// Procs, when positive, is the worker's GOMAXPROCS: what a pod's CPU
	// limit of that many cores gives it (Go follows the limit since 1.25).
	Procs int
}

// Worker is a running worker subprocess.
type Worker struct {
	*Proc
	HTTP string // host:port of /metrics
}

// StartWorker starts a worker against url and returns once it is ready
// (/readyz answers 200), or fails.
func StartWorker(ctx context.Context, bins Binaries, dir, name, url string, spec WorkerSpec) (*Worker, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	args := []string{"--nats-url", url, "--http-addr", addr, "--log-level", "warn",
		"--stages", spec.Stages, "--consumer", spec.Consumer, "--pipeline-version", spec.PipelineVersion}
	args = append(args, spec.Extra...)
	bin, env := bins.Worker, []string(nil)
	if spec.CPUProfile != "" {
		if bins.Profiled == "" {
			return nil, fmt.Errorf("no profiling binary")
		}
		bin, env = bins.Profiled, []string{ProfileEnv + "=" + spec.CPUProfile}
		args = append([]string{"worker"}, args...)
	}
	if spec.Procs > 0 {
		env = append(env, "GOMAXPROCS="+strconv.Itoa(spec.Procs))
	}
	p, err := StartProc(name, filepath.Join(dir, name+".log"), env, bin, args...)
	if err != nil {
		return nil, err
	}
	w := &Worker{Proc: p, HTTP: addr}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if err := httpGet(ctx, "http://"+addr+"/readyz", io.Discard); err == nil {
			return w, nil
		}
		select {
		case <-p.Done():
			return nil, fmt.Errorf("%s exited at start: %v\n%s", name, p.Err(), p.Tail(3000))
		case <-ctx.Done():
			_ = p.Stop(10 * time.Second)
			return nil, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = p.Stop(10 * time.Second)
			return nil, fmt.Errorf("%s not ready after 60s\n%s", name, p.Tail(3000))
		}
	}
}

func httpGet(ctx context.Context, url string, w io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	_, err = io.Copy(w, resp.Body)
	return err
}

// StageTimes reads the worker's /metrics and returns, per stage, the mean
// time a stage spent on one article in microseconds
// (wirestream_stage_duration_seconds sum/count), plus "end_to_end" for
// wirestream_end_to_end_latency_seconds. The stage names are also the
// record of which stages the worker ran.
func (w *Worker) StageTimes(ctx context.Context) (map[string]float64, error) {
	var b strings.Builder
	if err := httpGet(ctx, "http://"+w.HTTP+"/metrics", &b); err != nil {
		return nil, err
	}
	sums, counts := map[string]float64{}, map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(b.String()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		name, rest, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		if err != nil {
			continue
		}
		key, target := "", map[string]float64(nil)
		switch {
		case strings.HasPrefix(name, "wirestream_stage_duration_seconds_sum{"):
			key, target = labelValue(name, "stage"), sums
		case strings.HasPrefix(name, "wirestream_stage_duration_seconds_count{"):
			key, target = labelValue(name, "stage"), counts
		case name == "wirestream_end_to_end_latency_seconds_sum":
			key, target = "end_to_end", sums
		case name == "wirestream_end_to_end_latency_seconds_count":
			key, target = "end_to_end", counts
		default:
			continue
		}
		target[key] += v
	}
	out := map[string]float64{}
	for k, s := range sums {
		if c := counts[k]; c > 0 {
			out[k] = s / c * 1e6
		}
	}
	return out, nil
}

func labelValue(series, label string) string {
	_, rest, ok := strings.Cut(series, label+`="`)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, `"`)
	return v
}
