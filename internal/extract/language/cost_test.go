package language

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pemistahl/lingua-go"
)

var (
	costChild = flag.String("cost-child", "", "internal: run one detector cost measurement (preload, lazy or high) and print it")
	costHigh  = flag.Bool("cost-high", false, "TestDetectorCost: also measure high-accuracy mode (about 1 GB of heap)")
)

// cost is what one child process measures. Heap figures are in MiB,
// after a GC: HeapAlloc (live objects) and HeapInuse (the spans holding
// them).
type cost struct {
	Mode        string        `json:"mode"`
	HeapBefore  heap          `json:"heap_before"`
	HeapNew     heap          `json:"heap_after_new"`
	HeapFirst   heap          `json:"heap_after_first"`
	New         time.Duration `json:"new"`
	First       time.Duration `json:"first"`
	SecondFirst time.Duration `json:"second"`
}

type heap struct {
	Alloc float64 `json:"alloc_mib"`
	Inuse float64 `json:"inuse_mib"`
}

// TestDetectorCost measures, in fresh processes (lingua caches its models
// for the life of the process), the heap the detector costs after New and
// after the first detection, and the latency of New and of the first two
// detections, with models preloaded at New (what New does) and loaded
// lazily (lingua's default). Run it with -v to see the figures; add
// -cost-high for high-accuracy mode.
func TestDetectorCost(t *testing.T) {
	if *costChild != "" {
		measureCost(t, *costChild)
		return
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	modes := []string{"preload", "lazy"}
	if *costHigh {
		modes = append(modes, "high")
	}
	for _, mode := range modes {
		out, err := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestDetectorCost$", "-cost-child="+mode).CombinedOutput()
		if err != nil {
			t.Fatalf("child %s: %v\n%s", mode, err, out)
		}
		var c cost
		line := lineWith(string(out), "COST ")
		if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "COST ")), &c); err != nil {
			t.Fatalf("child %s output %q: %v", mode, out, err)
		}
		t.Logf("%-7s heap alloc/in use: before %.1f/%.1f MiB, after New +%.1f/+%.1f MiB, after the first article +%.1f/+%.1f MiB; New %v, first article %v, second %v",
			c.Mode, c.HeapBefore.Alloc, c.HeapBefore.Inuse,
			c.HeapNew.Alloc-c.HeapBefore.Alloc, c.HeapNew.Inuse-c.HeapBefore.Inuse,
			c.HeapFirst.Alloc-c.HeapBefore.Alloc, c.HeapFirst.Inuse-c.HeapBefore.Inuse,
			c.New.Round(time.Millisecond), c.First.Round(time.Microsecond), c.SecondFirst.Round(time.Microsecond))
	}
}

func lineWith(out, prefix string) string {
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}

func measureCost(t *testing.T, mode string) {
	text := articleText(t, filepath.Join(samplesDir, "01-ecb-rates.txt"))
	measure := func() heap {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return heap{Alloc: float64(ms.HeapAlloc) / (1 << 20), Inuse: float64(ms.HeapInuse) / (1 << 20)}
	}
	c := cost{Mode: mode, HeapBefore: measure()}
	start := time.Now()
	var detect func(string)
	switch mode {
	case "preload", "high":
		var opts []Option
		if mode == "high" {
			opts = append(opts, WithHighAccuracy())
		}
		d, err := New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		detect = func(s string) { d.Detect(s) }
	case "lazy":
		det := lingua.NewLanguageDetectorBuilder().FromLanguages(defaultLanguages()...).WithLowAccuracyMode().Build()
		detect = func(s string) { det.ComputeLanguageConfidenceValues(Sample(s, DefaultMaxBytes)) }
	default:
		t.Fatalf("unknown mode %q", mode)
	}
	c.New = time.Since(start)
	c.HeapNew = measure()
	start = time.Now()
	detect(text)
	c.First = time.Since(start)
	start = time.Now()
	detect(text)
	c.SecondFirst = time.Since(start)
	c.HeapFirst = measure()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("COST " + string(b))
}

// TestSampleSize logs the accuracy of the default detector against the
// number of bytes it looks at, over the start of every paragraph of the
// fixtures and samples, and checks that the default size gets them all.
func TestSampleSize(t *testing.T) {
	paras := fixtureParagraphs(t)
	d := newDetector(t, WithMinConfidence(0))
	for _, n := range []int{24, 32, 48, 64, 96, 128, DefaultMaxBytes} {
		right := 0
		var wrong []string
		for _, p := range paras {
			got := d.Detect(Sample(p.text, n))
			if got.Code == p.code {
				right++
			} else {
				wrong = append(wrong, fmt.Sprintf("%s→%s %q", p.code, got.Code, Sample(p.text, n)))
			}
		}
		t.Logf("%4d bytes: %d/%d right %v", n, right, len(paras), wrong)
		if n == DefaultMaxBytes && right != len(paras) {
			t.Errorf("default sample size %d: %d of %d paragraphs wrong: %v", n, len(wrong), len(paras), wrong)
		}
	}
}
