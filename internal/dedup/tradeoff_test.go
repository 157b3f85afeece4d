package dedup

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

var tradeoff = flag.Bool("tradeoff", false, "run TestTradeoff: precision and recall of near-duplicate linking over several layouts (slow)")

// linkScore is the quality of the links made over a corpus.
type linkScore struct {
	articles, dups, links, correct int
	// storyOK counts near duplicates whose StoryID is their original's.
	storyOK int
	// merged counts originals given another story's StoryID.
	merged int
	// Near duplicates by kind, and how many of each were linked right:
	// a correction keeps the text's length within 50 bytes, an added
	// paragraph does not.
	corrections, correctionsFound int
	additions, additionsFound     int
	// byDistance counts near duplicates, and those linked right, by the
	// Hamming distance between their SimHash and their original's.
	byDistance [65]struct{ dups, found int }
	// maxList is the most claims held under one band value.
	maxList int
}

func (s linkScore) precision() float64 { return ratio(s.correct, s.links) }
func (s linkScore) recall() float64    { return ratio(s.correct, s.dups) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// score links the corpus, in order, through an Index with cfg over an
// in-memory log, and compares the results with the ground truth.
func score(tb testing.TB, c []corpusArticle, arts []Article, cfg Config) linkScore {
	tb.Helper()
	x, _ := newMemIndex(tb, cfg)
	pos := make(map[string]int, len(c))
	story := make(map[string]string, len(c))
	s := linkScore{articles: len(c)}
	for i, a := range arts {
		pos[a.ID] = i
		res, err := x.Link(tb.Context(), a)
		if err != nil {
			tb.Fatalf("Link %s: %v", a.ID, err)
		}
		story[a.ID] = res.StoryID
		right := res.DuplicateOf != "" && c[pos[res.DuplicateOf]].root == c[i].root
		if res.DuplicateOf != "" {
			s.links++
			if right {
				s.correct++
			}
		}
		if c[i].root == a.ID {
			if res.StoryID != NewStoryID(a.ContentHash) {
				s.merged++
			}
			continue
		}
		s.dups++
		if res.StoryID == story[c[i].root] {
			s.storyOK++
		}
		orig := pos[c[i].root]
		dist := &s.byDistance[fingerprint.Distance(a.SimHash, arts[orig].SimHash)]
		dist.dups++
		if right {
			dist.found++
		}
		if d := len(c[i].text) - len(c[orig].text); d > -50 && d < 50 {
			s.corrections++
			if right {
				s.correctionsFound++
			}
		} else {
			s.additions++
			if right {
				s.additionsFound++
			}
		}
	}
	x.mu.Lock()
	for _, b := range x.st.bands {
		perValue := map[uint64]int{}
		for i := range x.st.n {
			if r := x.st.recs[x.st.slot(i)]; r.alias == 0 {
				perValue[b.value(r.sim)]++
			}
		}
		for _, n := range perValue {
			s.maxList = max(s.maxList, n)
		}
	}
	x.mu.Unlock()
	return s
}

// TestTradeoff measures precision and recall of near-duplicate linking
// for several shingle sizes, band layouts, thresholds and windows on
// samplegen's ground truth, and logs the tables that doc.go quotes. Run
// it with
//
//	go test ./internal/dedup -run TestTradeoff -v -tradeoff
func TestTradeoff(t *testing.T) {
	if !*tradeoff {
		t.Skip("opt-in: pass -tradeoff")
	}
	const small, large = 4000, 20000
	var b strings.Builder
	row := func(cells ...any) {
		b.WriteString("|")
		for _, c := range cells {
			switch v := c.(type) {
			case float64:
				fmt.Fprintf(&b, " %.3f |", v)
			default:
				fmt.Fprintf(&b, " %v |", v)
			}
		}
		b.WriteString("\n")
	}
	header := func(title string, cols ...string) {
		fmt.Fprintf(&b, "\n%s\n\n", title)
		row(toAny(cols)...)
		row(toAny(strings.Split(strings.Repeat("---,", len(cols)-1)+"---", ","))...)
	}
	with := func(bands, threshold int) Config {
		cfg := DefaultConfig()
		cfg.Bands, cfg.Threshold = bands, threshold
		return cfg
	}

	c := corpus(t, 1, small, 0.2)
	header(fmt.Sprintf("Shingle size k, 4 bands, %d articles (seed 1):", small),
		"k", "threshold", "precision", "recall", "story ok", "merged originals")
	for _, k := range []int{1, 2, 3, 4, 5, 6, 8} {
		arts := fingerprinted(t, c, k)
		for _, th := range []int{3, 6} {
			s := score(t, c, arts, with(4, th))
			row(k, th, s.precision(), s.recall(), ratio(s.storyOK, s.dups), s.merged)
		}
	}

	arts := fingerprinted(t, c, fingerprint.DefaultShingleSize)
	header(fmt.Sprintf("Bands × threshold, k=%d, %d articles (seed 1):", fingerprint.DefaultShingleSize, small),
		"bands", "band bits", "threshold", "precision", "recall", "story ok", "merged originals", "longest band list")
	for _, bandsN := range []int{4, 5, 6, 8} {
		for _, th := range []int{3, 4, 5, 6, 7, 8, 10} {
			s := score(t, c, arts, with(bandsN, th))
			row(bandsN, 64/bandsN, th, s.precision(), s.recall(), ratio(s.storyOK, s.dups), s.merged, s.maxList)
		}
	}

	c = corpus(t, 2, large, 0.2)
	header(fmt.Sprintf("A five times larger index, %d articles (seed 2):", large),
		"k", "bands", "threshold", "links", "wrong links", "precision", "recall", "corrections found", "added paragraph found")
	layouts := []struct{ k, bands, from, to int }{
		{3, 4, 3, 6}, {4, 4, 4, 7}, {5, 4, 4, 8}, {5, 5, 5, 8}, {6, 4, 5, 8}, {8, 4, 5, 8},
	}
	byK := map[int][]Article{}
	for _, l := range layouts {
		if byK[l.k] == nil {
			byK[l.k] = fingerprinted(t, c, l.k)
		}
		for th := l.from; th <= l.to; th++ {
			s := score(t, c, byK[l.k], with(l.bands, th))
			row(l.k, l.bands, th, s.links, s.links-s.correct, s.precision(), s.recall(),
				ratio(s.correctionsFound, s.corrections), ratio(s.additionsFound, s.additions))
		}
	}

	def := DefaultConfig()
	arts = byK[fingerprint.DefaultShingleSize]
	s := score(t, c, arts, def)
	header(fmt.Sprintf("Recall by SimHash distance to the original, defaults (k=%d, %d bands, threshold %d), %d articles:",
		fingerprint.DefaultShingleSize, def.Bands, def.Threshold, large), "distance", "near duplicates", "linked right", "recall")
	for d, n := range s.byDistance {
		if n.dups > 0 && d <= def.Threshold+2 {
			row(d, n.dups, n.found, ratio(n.found, n.dups))
		}
	}

	header(fmt.Sprintf("Window (log messages, two an article), defaults otherwise, %d articles:", large),
		"window", "precision", "recall", "most claims under one band value")
	for _, w := range []int{MinWindow, 4_000, 10_000, 40_000, DefaultWindow} {
		cfg := def
		cfg.Window = w
		s := score(t, c, arts, cfg)
		row(w, s.precision(), s.recall(), s.maxList)
	}

	const originals = 1500
	c = corpus(t, 3, originals, 0)
	header(fmt.Sprintf("Scattered word edits (a light rewrite): %d originals, then one copy of each with a share of its words replaced:", originals),
		"k", "bands", "threshold", "1% of words", "2%", "5%")
	for _, l := range []struct{ k, bands, threshold int }{{3, 4, 3}, {3, 4, 6}, {5, 4, 6}, {5, 5, 6}} {
		cells := []any{l.k, l.bands, l.threshold}
		for _, rate := range []float64{0.01, 0.02, 0.05} {
			cells = append(cells, rewriteRecall(t, c, l.k, with(l.bands, l.threshold), rate))
		}
		row(cells...)
	}
	t.Log(b.String())
}

// rewriteRecall records the corpus, then a copy of each article with a
// share rate of its words replaced by other words of the article, and
// returns the share of copies linked to their original.
func rewriteRecall(t *testing.T, c []corpusArticle, k int, cfg Config, rate float64) float64 {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(k), uint64(rate*1000)))
	edited := make([]corpusArticle, len(c))
	for i, a := range c {
		words := strings.Fields(a.text)
		for j := range words {
			if rng.Float64() < rate {
				words[j] = words[rng.IntN(len(words))] + "x"
			}
		}
		edited[i] = corpusArticle{id: a.id + "-edited", text: strings.Join(words, " "), root: a.id}
	}
	all := append(append([]corpusArticle(nil), c...), edited...)
	s := score(t, all, fingerprinted(t, all, k), cfg)
	return s.recall()
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
