package loadbench

import (
	"reflect"
	"testing"
)

func TestRatiosPairReplicasByStages(t *testing.T) {
	drain := func(scenario, variant string, perSec float64) Result {
		return Result{Scenario: scenario, Variant: variant, Drain: &Drain{PerSec: perSec}}
	}
	h := &Harness{Results: []Result{
		drain("replicas", "1× worker --stages none", 1000),
		drain("replicas", "2× worker --stages none (GOMAXPROCS=1 each)", 1500),
		drain("replicas", "1× worker --stages decode,fingerprint", 400),
		drain("replicas", "2× worker --stages decode,fingerprint", 360),
		drain("replicas", "1× worker --stages none", 2000),
		drain("replicas", "2× worker --stages none", 1000),
	}}
	want := map[string][]float64{"none": {1.5, 0.5}, "decode,fingerprint": {0.9}}
	if got := h.Ratios().TwoReplicasToOne; !reflect.DeepEqual(got, want) {
		t.Errorf("two replicas ÷ one = %v, want %v", got, want)
	}
}
