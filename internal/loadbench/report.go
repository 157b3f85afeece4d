package loadbench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"
)

// Machine describes where the numbers were measured.
type Machine struct {
	CPUs          int    `json:"cpus"`
	CPUModel      string `json:"cpu_model"`
	Kernel        string `json:"kernel"`
	GoVersion     string `json:"go_version"`
	ServerVersion string `json:"nats_server_version"`
	// ServerProcs is the server's GOMAXPROCS when the run set it, else 0.
	ServerProcs int `json:"server_gomaxprocs,omitempty"`
}

// Describe returns the machine's description.
func Describe(ctx context.Context, bins Binaries) Machine {
	m := Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), ServerVersion: Version(ctx, bins.Server, "--version")}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	return m
}

// Ratios are the comparisons the targets are stated in, one per
// repetition, each pairing two results of the same repetition. The runs
// of a repetition alternate their order from one repetition to the next
// (see runAlternated), so the geometric mean of an even number of them
// ([GeoMean]) cancels a steady drift of the machine's speed; it is the
// figure a target is read against, every repetition printed beside it.
type Ratios struct {
	// WorkerToReference is the pass-through worker's throughput over the
	// reference's, per repetition; ...Sized is over the reference that
	// publishes events of the worker's event size.
	WorkerToReference      []float64 `json:"worker_to_reference,omitempty"`
	WorkerToReferenceSized []float64 `json:"worker_to_reference_sized,omitempty"`
	// PublisherToRaw is bin/publisher's throughput over raw async
	// publishing of pregenerated payloads, per repetition; ...Inline is the
	// same against raw publishing that generates inline.
	PublisherToRaw       []float64 `json:"publisher_to_raw,omitempty"`
	PublisherToRawInline []float64 `json:"publisher_to_raw_inline,omitempty"`
	// PublisherFileToRaw is bin/publisher reading a JSON-lines file over
	// raw async publishing of the same lines from memory.
	PublisherFileToRaw []float64 `json:"publisher_file_to_raw,omitempty"`
	// TwoReplicasToOne is two workers' throughput over one's, per --stages,
	// per repetition.
	TwoReplicasToOne map[string][]float64 `json:"two_replicas_to_one,omitempty"`
}

// GeoMean is the geometric mean of xs; 0 for none.
func GeoMean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		if x <= 0 {
			return 0
		}
		sum += math.Log(x)
	}
	return math.Exp(sum / float64(len(xs)))
}

// Ratios computes the ratios, pairing results of one scenario and
// repetition by their variants.
func (h *Harness) Ratios() Ratios {
	var r Ratios
	type key struct {
		scenario string
		rep      int
	}
	rate := map[key]map[string]float64{}
	var keys []key
	for _, x := range h.Results {
		var v float64
		switch {
		case x.Drain != nil:
			v = x.Drain.PerSec
		case x.Publish != nil:
			v, _ = x.Publish.Rate()
		default:
			continue
		}
		k := key{x.Scenario, x.Rep}
		if rate[k] == nil {
			rate[k] = map[string]float64{}
			keys = append(keys, k)
		}
		variant := x.Variant
		if x.Scenario == "passthrough" && strings.HasPrefix(variant, "reference,") {
			variant = "reference, sized"
		}
		rate[k][variant] = v
	}
	ratio := func(to *[]float64, m map[string]float64, num, den string) {
		if a, b := m[num], m[den]; a > 0 && b > 0 {
			*to = append(*to, a/b)
		}
	}
	for _, k := range keys {
		m := rate[k]
		switch k.scenario {
		case "passthrough":
			ratio(&r.WorkerToReference, m, "worker --stages none", "reference")
			ratio(&r.WorkerToReferenceSized, m, "worker --stages none", "reference, sized")
		case "publisher":
			ratio(&r.PublisherFileToRaw, m, "bin/publisher articles.jsonl", "raw async, JSON lines pregenerated")
			ratio(&r.PublisherToRaw, m, "bin/publisher --generate", "raw async, pregenerated")
			ratio(&r.PublisherToRawInline, m, "bin/publisher --generate", "raw async, generated inline")
		case "replicas":
			one := map[string]float64{}
			two := map[string]float64{}
			for v, x := range m {
				count, stages, _ := strings.Cut(v, "× worker --stages ")
				stages, _, _ = strings.Cut(stages, " (") // a note such as "(GOMAXPROCS=1 each)"
				switch count {
				case "1":
					one[stages] = x
				case "2":
					two[stages] = x
				}
			}
			for stages, x := range two {
				if one[stages] > 0 {
					if r.TwoReplicasToOne == nil {
						r.TwoReplicasToOne = map[string][]float64{}
					}
					r.TwoReplicasToOne[stages] = append(r.TwoReplicasToOne[stages], x/one[stages])
				}
			}
		}
	}
	return r
}

// WriteMarkdown writes the results as markdown tables.
func (h *Harness) WriteMarkdown(w io.Writer, m Machine) {
	server := "nats-server " + m.ServerVersion
	if m.ServerProcs > 0 {
		server += fmt.Sprintf(" (GOMAXPROCS=%d)", m.ServerProcs)
	}
	fmt.Fprintf(w, "machine: %d CPUs, %s, Linux %s, %s, %s\n\n", m.CPUs, m.CPUModel, m.Kernel, m.GoVersion, server)
	var drains, lats, pubs []Result
	for _, r := range h.Results {
		switch {
		case r.Latency != nil:
			lats = append(lats, r)
		case r.Publish != nil:
			pubs = append(pubs, r)
		case r.Drain != nil:
			drains = append(drains, r)
		}
	}
	if len(drains) > 0 {
		fmt.Fprintln(w, "| scenario | variant | backlog | drain s | articles/s | MB/s | proc CPU µs/article | server CPU µs/article | proc cores | server cores | proc peak RSS MB | server peak RSS MB | event B | others cores | CPU-bound capacity/s |")
		fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
		for _, r := range drains {
			d := r.Drain
			if d.Partial {
				r.Variant += fmt.Sprintf(" (first %d)", d.Articles)
			}
			p, s := d.Usage[0], d.UsageOf("server")
			fmt.Fprintf(w, "| %s | %s | %d | %.2f | %.0f | %.1f | %.1f | %.1f | %.2f | %.2f | %.0f | %.0f | %.0f | %.2f | %.0f |\n",
				r.label(r.Scenario), r.Variant, r.N, d.Seconds, d.PerSec, d.MBPerSec, p.CPUPerArticleUs, s.CPUPerArticleUs,
				p.Cores, s.Cores, mb(p.PeakRSS), mb(s.PeakRSS), r.EventBytes, d.OtherCores, d.Capacity(m.CPUs))
		}
		fmt.Fprintln(w)
	}
	if len(lats) > 0 {
		fmt.Fprintln(w, "| latency run | offered/s | sent/s | measured | lost | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | worker CPU µs/article | server CPU µs/article | worker peak RSS MB | others cores |")
		fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
		for _, r := range lats {
			l := r.Latency
			fmt.Fprintf(w, "| %s | %.0f | %.0f | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.0f | %.2f |\n",
				r.Variant, l.Rate, l.Achieved, l.Measured, l.Lost, l.P50Ms, l.P95Ms, l.P99Ms, l.P999Ms, l.MaxMs,
				r.Drain.UsageOf("worker").CPUPerArticleUs, r.Drain.UsageOf("server").CPUPerArticleUs, mb(r.Drain.UsageOf("worker").PeakRSS), r.Drain.OtherCores)
		}
		fmt.Fprintln(w)
	}
	if len(pubs) > 0 {
		fmt.Fprintln(w, "| publishing | messages | s | msgs/s | MB/s | client CPU µs/msg | server CPU µs/msg | client peak RSS MB |")
		fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|")
		for _, r := range pubs {
			msgs, mbs := r.Publish.Rate()
			fmt.Fprintf(w, "| %s | %d | %.2f | %.0f | %.1f | %.1f | %.1f | %.0f |\n",
				r.label(r.Variant), r.Publish.Published, r.Publish.Elapsed.Seconds(), msgs, mbs, r.ClientCPUUs, r.ServerCPUUs, mb(r.ClientRSS))
		}
		fmt.Fprintln(w)
	}
	for _, r := range h.Results {
		if len(r.StageUs) == 0 {
			continue
		}
		keys := make([]string, 0, len(r.StageUs))
		for k := range r.StageUs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %.0f", k, r.StageUs[k]))
		}
		fmt.Fprintf(w, "worker stage means (µs/article, from /metrics), %s %s: %s\n\n", r.Scenario, r.Variant, strings.Join(parts, ", "))
	}
	for _, r := range h.Results {
		if r.Drain != nil && len(r.Drain.RSSSeries) > 2 {
			fmt.Fprintf(w, "RSS every 30 s (MiB), %s %s: %v\n\n", r.Scenario, r.Variant, r.Drain.RSSSeries)
		}
	}
	rt := h.Ratios()
	line := func(name string, xs []float64) {
		if len(xs) == 0 {
			return
		}
		reps := make([]string, len(xs))
		for i, x := range xs {
			reps[i] = fmt.Sprintf("%.3f", x)
		}
		fmt.Fprintf(w, "ratio %s: %.3f (geometric mean of %s)\n", name, GeoMean(xs), strings.Join(reps, ", "))
	}
	line("worker pass-through / reference", rt.WorkerToReference)
	line("worker pass-through / reference with events of the worker's size", rt.WorkerToReferenceSized)
	line("publisher (JSON-lines file) / raw async (same lines from memory)", rt.PublisherFileToRaw)
	line("publisher / raw async (pregenerated)", rt.PublisherToRaw)
	line("publisher / raw async (generated inline)", rt.PublisherToRawInline)
	keys := make([]string, 0, len(rt.TwoReplicasToOne))
	for k := range rt.TwoReplicasToOne {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		line("two replicas / one (--stages "+k+")", rt.TwoReplicasToOne[k])
	}
}

// label is s with the result's repetition, if it has one.
func (r Result) label(s string) string {
	if r.Rep == 0 {
		return s
	}
	return fmt.Sprintf("%s (rep %d)", s, r.Rep)
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

// WriteJSON writes everything as one JSON line prefixed with "JSON ".
func (h *Harness) WriteJSON(w io.Writer, m Machine, command string) error {
	b, err := json.Marshal(struct {
		Command string   `json:"command"`
		Machine Machine  `json:"machine"`
		Results []Result `json:"results"`
		Ratios  Ratios   `json:"ratios"`
	}{command, m, h.Results, h.Ratios()})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "JSON %s\n", b)
	return err
}
