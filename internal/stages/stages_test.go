package stages

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	all := buildAll(t)
	var got []string
	for _, s := range all {
		got = append(got, s.Name())
	}
	if !slices.Equal(got, Names()) || got[0] != "decode" {
		t.Fatalf("Build(nil) = %v, want every stage %v", got, Names())
	}
	ctx := context.Background()
	none, err := Build(ctx, []string{}, Options{})
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
		{[]string{"decode", "dedup"}, "needs fingerprint"},
		{[]string{"decode", "fingerprint", "dedup"}, "needs a JetStream"},
	} {
		if _, err := Build(ctx, tt.names, Options{}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build(%v) = %v, want an error with %q", tt.names, err, tt.want)
		}
	}
}

func TestBuildTaggers(t *testing.T) {
	for _, tagger := range Taggers() {
		if _, err := Build(context.Background(), []string{"decode", "entities"}, Options{Tagger: tagger}); err != nil {
			t.Errorf("tagger %s: %v", tagger, err)
		}
	}
	if _, err := Build(context.Background(), []string{"decode", "entities"}, Options{Tagger: "crf"}); err == nil {
		t.Error("unknown tagger accepted")
	}
	if _, err := Build(context.Background(), []string{"decode", "language"}, Options{Languages: []string{"en"}}); err == nil {
		t.Error("a single language accepted")
	}
}
