package loadbench

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

func drainResult(scenario, variant string, rep int, perSec float64) Result {
	return Result{Scenario: scenario, Variant: variant, Rep: rep, Drain: &Drain{PerSec: perSec}}
}

func TestRatiosPairReplicasByStages(t *testing.T) {
	h := &Harness{Results: []Result{
		drainResult("replicas", "1× worker --stages none", 1, 1000),
		drainResult("replicas", "2× worker --stages none (GOMAXPROCS=1 each)", 1, 1500),
		drainResult("replicas", "1× worker --stages decode,fingerprint", 1, 400),
		drainResult("replicas", "2× worker --stages decode,fingerprint", 1, 360),
		// The second repetition runs in reverse: two before one.
		drainResult("replicas", "2× worker --stages none", 2, 1000),
		drainResult("replicas", "1× worker --stages none", 2, 2000),
	}}
	want := map[string][]float64{"none": {1.5, 0.5}, "decode,fingerprint": {0.9}}
	if got := h.Ratios().TwoReplicasToOne; !reflect.DeepEqual(got, want) {
		t.Errorf("two replicas ÷ one = %v, want %v", got, want)
	}
}

// A ratio pairs the two results of one repetition, whichever ran first;
// the sequence of results alone would pair the second repetition's
// worker with the first's sized reference.
func TestRatiosPairWithinRepetition(t *testing.T) {
	pub := func(variant string, rep int, perSec float64) Result {
		return Result{Scenario: "publisher", Variant: variant, Rep: rep,
			Publish: &PubResult{Published: int(perSec), Elapsed: 1e9}}
	}
	h := &Harness{Results: []Result{
		drainResult("passthrough", "reference", 1, 1000),
		drainResult("passthrough", "worker --stages none", 1, 900),
		drainResult("passthrough", "reference, 800 B events", 1, 1200),
		drainResult("passthrough", "reference, 799 B events", 2, 1000),
		drainResult("passthrough", "worker --stages none", 2, 1100),
		drainResult("passthrough", "reference", 2, 1000),
		pub("raw async, JSON lines pregenerated", 1, 100),
		pub("bin/publisher articles.jsonl", 1, 90),
		pub("raw async, pregenerated", 1, 200),
		pub("bin/publisher --generate", 1, 100),
		pub("raw async, generated inline", 1, 50),
		pub("raw async, generated inline", 2, 100),
		pub("bin/publisher --generate", 2, 100),
		pub("raw async, pregenerated", 2, 100),
		pub("bin/publisher articles.jsonl", 2, 120),
		pub("raw async, JSON lines pregenerated", 2, 100),
	}}
	got := h.Ratios()
	want := Ratios{
		WorkerToReference:      []float64{0.9, 1.1},
		WorkerToReferenceSized: []float64{0.75, 1.1},
		PublisherFileToRaw:     []float64{0.9, 1.2},
		PublisherToRaw:         []float64{0.5, 1},
		PublisherToRawInline:   []float64{2, 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Ratios() = %+v\nwant %+v", got, want)
	}
}

func TestGeoMean(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{0.9}, 0.9},
		{[]float64{0.8, 1.25}, 1},
		{[]float64{2, 8}, 4},
		{[]float64{1, 0}, 0}, // a failed run cannot be averaged away
	} {
		if got := GeoMean(tc.xs); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("GeoMean(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

func TestRunAlternated(t *testing.T) {
	for _, tc := range []struct {
		rep  int
		want string
	}{
		{1, "abc"}, {2, "cba"}, {3, "abc"}, {4, "cba"},
	} {
		var got strings.Builder
		runs := []func() error{
			func() error { got.WriteString("a"); return nil },
			func() error { got.WriteString("b"); return nil },
			func() error { got.WriteString("c"); return nil },
		}
		if err := runAlternated(tc.rep, runs); err != nil || got.String() != tc.want {
			t.Errorf("rep %d ran %q (err %v), want %q", tc.rep, got.String(), err, tc.want)
		}
	}
	var ran int
	boom := errors.New("boom")
	err := runAlternated(1, []func() error{
		func() error { ran++; return boom },
		func() error { ran++; return nil },
	})
	if !errors.Is(err, boom) || ran != 1 {
		t.Errorf("runAlternated after a failure: err %v, %d runs; want boom after 1", err, ran)
	}
}

func TestWriteMarkdownRatioLines(t *testing.T) {
	h := &Harness{Results: []Result{
		drainResult("passthrough", "reference", 1, 1000),
		drainResult("passthrough", "worker --stages none", 1, 800),
		drainResult("passthrough", "worker --stages none", 2, 1250),
		drainResult("passthrough", "reference", 2, 1000),
	}}
	for i := range h.Results {
		h.Results[i].Drain.Usage = []Usage{{Name: "worker"}}
	}
	var b strings.Builder
	h.WriteMarkdown(&b, Machine{})
	out := b.String()
	for _, want := range []string{
		"ratio worker pass-through / reference: 1.000 (geometric mean of 0.800, 1.250)",
		"| passthrough (rep 2) | worker --stages none |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}
