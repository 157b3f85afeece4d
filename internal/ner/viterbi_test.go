package ner

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFastViterbi checks the unrolled int32 decoder against the generic
// one, which training uses, on random scores, with and without runs of
// clear O tokens.
func TestFastViterbi(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 400 {
		n := 1 + rng.IntN(40)
		var trans [numTags * numTags]int32
		var start, end [numTags]int32
		for i := range trans {
			trans[i] = rng.Int32N(2001) - 1000
		}
		for i := range start {
			start[i], end[i] = rng.Int32N(2001)-1000, rng.Int32N(2001)-1000
		}
		em := make([]int32, (n-1)*rowStride+numTags)
		for i := range n {
			for tg := range numTags {
				em[i*rowStride+tg] = rng.Int32N(20001) - 10000
			}
			// In every other trial most tokens are clearly O, as in
			// text, so that the decoder's shortcut after O is taken as
			// well as its general step.
			if trial%2 == 1 && rng.IntN(4) > 0 {
				em[i*rowStride] += 20000
			}
		}
		back := make([]uint8, n*numTags)
		want, got := make([]uint8, n), make([]uint8, n)
		viterbi(em, rowStride, n, &trans, &start, &end, back, want)
		tt := newTransTable(&trans, &start, &end)
		tt.viterbi(em, n, make([]int32, n*numTags), got)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: fast %v, generic %v", trial, got, want)
		}
		// The path is a valid BILOU sequence.
		if !canStart(int(got[0])) || !canEnd(int(got[n-1])) {
			t.Fatalf("trial %d: path %v starts or ends badly", trial, got)
		}
	}
}

// BenchmarkViterbi measures the unrolled decoder on the real model's
// first-pass transitions over a 40-token line of random scores.
func BenchmarkViterbi(b *testing.B) {
	m := testTagger(b).m
	const n = 40
	rng := rand.New(rand.NewPCG(1, 2))
	em := make([]int32, n*rowStride)
	for i := range em {
		em[i] = rng.Int32N(4001) - 2000
	}
	delta, out := make([]int32, n*numTags), make([]uint8, n)
	b.ReportAllocs()
	for b.Loop() {
		m.tt[0].viterbi(em, n, delta, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/token")
}

// TestOpenIndex checks openIndex against openTags.
func TestOpenIndex(t *testing.T) {
	for k := range len(openTags) {
		if c := openTags[k]; int(openIndex[c]) != k {
			t.Errorf("openIndex[%d] = %d, want %d", c, openIndex[c], k)
		}
	}
}

// TestInnerTags checks innerTags against tagPart.
func TestInnerTags(t *testing.T) {
	for c := 1; c < numTags; c++ {
		want := tagPart(c) == partI || tagPart(c) == partL
		if got := innerTags>>c&1 != 0; got != want {
			t.Errorf("innerTags bit %d = %v, want %v", c, got, want)
		}
	}
	if innerTags&1 != 0 {
		t.Error("innerTags has O")
	}
}
