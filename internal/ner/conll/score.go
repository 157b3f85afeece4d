package conll

import "slices"

// Counts are the true positives, false positives and false negatives of
// one entity type.
type Counts struct {
	TP, FP, FN int
}

// PRF is precision, recall and F1, fractions in [0,1]; 0 when undefined.
type PRF struct {
	P  float64 `json:"p"`
	R  float64 `json:"r"`
	F1 float64 `json:"f1"`
}

// PRF returns the precision, recall and F1 of c.
func (c Counts) PRF() PRF {
	var s PRF
	if c.TP+c.FP > 0 {
		s.P = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.TP+c.FN > 0 {
		s.R = float64(c.TP) / float64(c.TP+c.FN)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// Scorer accumulates exact-match counts per type, the corpus's scoring
// rule: a predicted entity is right when its span and type both match a
// gold entity. The zero Scorer is ready; it is not safe for concurrent
// use.
type Scorer struct {
	byType [numTypes]Counts
}

func typeIndex(t string) int {
	switch t {
	case PER:
		return 0
	case LOC:
		return 1
	case ORG:
		return 2
	case MISC:
		return 3
	}
	return -1
}

// Add scores the predicted entities of one document against its gold
// entities. Entities of other types are ignored.
func (s *Scorer) Add(gold, pred []Entity) {
	type key struct {
		start, end int
		typ        string
	}
	g := make(map[key]bool, len(gold))
	for _, e := range gold {
		if i := typeIndex(e.Type); i >= 0 {
			g[key{e.Start, e.End, e.Type}] = true
			s.byType[i].FN++
		}
	}
	seen := make(map[key]bool, len(pred))
	for _, e := range pred {
		i := typeIndex(e.Type)
		k := key{e.Start, e.End, e.Type}
		if i < 0 || seen[k] {
			continue
		}
		seen[k] = true
		if g[k] {
			s.byType[i].TP++
			s.byType[i].FN--
		} else {
			s.byType[i].FP++
		}
	}
}

// Type returns the counts of one type.
func (s *Scorer) Type(t string) Counts {
	if i := typeIndex(t); i >= 0 {
		return s.byType[i]
	}
	return Counts{}
}

// Micro returns the counts summed over the given types.
func (s *Scorer) Micro(types ...string) Counts {
	var c Counts
	for i, t := range Types() {
		if slices.Contains(types, t) {
			c.TP += s.byType[i].TP
			c.FP += s.byType[i].FP
			c.FN += s.byType[i].FN
		}
	}
	return c
}
