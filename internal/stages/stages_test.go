package stages

import (
	"slices"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	all, err := Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range all {
		got = append(got, s.Name())
	}
	if !slices.Equal(got, Names()) || got[0] != "decode" {
		t.Fatalf("Build(nil) = %v, want every stage %v", got, Names())
	}
	none, err := Build([]string{})
	if err != nil || len(none) != 0 {
		t.Fatalf("Build([]) = %d stages, %v; want none (pass-through)", len(none), err)
	}
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{[]string{"decode", "nosuch"}, "unknown stage"},
		{[]string{"decode", "decode"}, "twice"},
		{[]string{"entities"}, "needs decode"},
	} {
		if _, err := Build(tt.names); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build(%v) = %v, want an error with %q", tt.names, err, tt.want)
		}
	}
}
