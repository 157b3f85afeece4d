package ner

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/wirestream/wirestream/internal/gazetteer"
	"github.com/wirestream/wirestream/internal/ner/conll"
)

// TrainConfig configures [Train]. Zero fields take the defaults.
type TrainConfig struct {
	// Epochs is the most passes over the training data per model
	// (default 30); the epoch with the best dev F1 is kept.
	Epochs int
	// Patience stops a model after this many epochs without a better dev
	// F1 (default 6).
	Patience int
	// Seed fixes the document order of every epoch and the jackknife
	// folds, so that training is deterministic.
	Seed uint64
	// Folds is the number of jackknife folds that give the training data
	// its first-pass predictions for the second-pass features (default
	// 5).
	Folds int
	// SinglePass trains a first-pass model only: no document-level label
	// features, one decode.
	SinglePass bool
	// Logf, when set, receives progress lines.
	Logf func(format string, args ...any)
}

func (c *TrainConfig) defaults() {
	if c.Epochs <= 0 {
		c.Epochs = 30
	}
	if c.Patience <= 0 {
		c.Patience = 6
	}
	if c.Folds <= 1 {
		c.Folds = 5
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
}

// TrainReport says what [Train] did.
type TrainReport struct {
	Epochs1, Epochs2 int     // epochs of the first- and second-pass models
	DevF1            float64 // dev micro F1 (PER, LOC, ORG, MISC) of the float model
	Features         int     // features seen in training; the model keeps those with a weight
	Duration         time.Duration
}

// prepDoc is one document made ready for training: its tokens, gold tags
// and feature indices.
type prepDoc struct {
	text    string
	toks    []Token
	gold    []uint8
	ents    []conll.Entity
	a       analysis
	base    []int32 // feature indices, -1 unknown
	baseOff []int32 // token i's base features are base[baseOff[i]:baseOff[i+1]]
	sec     []int32
	secOff  []int32
}

// featMap numbers feature hashes and counts how often the training data
// has each (frequent features go to the model's hot table).
type featMap struct {
	idx    map[uint64]int32
	counts map[uint64]int32
}

func (m *featMap) index(h uint64, add bool) int32 {
	if i, ok := m.idx[h]; ok {
		return i
	}
	if !add {
		return -1
	}
	i := int32(len(m.idx))
	m.idx[h] = i
	return i
}

// project turns gold entities into BILOU tags over toks. It returns the
// number of entities whose bounds fall inside a token (the tokenizer cut
// differently from the corpus); their tokens keep O.
func project(toks []Token, ents []conll.Entity, tags []uint8) int {
	bad := 0
	k := 0
	for _, e := range ents {
		ty := -1
		for i := range numTypes {
			if typeName(i) == e.Type {
				ty = i
			}
		}
		for k < len(toks) && toks[k].End <= e.Start {
			k++
		}
		j := k
		for j < len(toks) && toks[j].Start < e.End {
			j++
		}
		if ty < 0 || k >= len(toks) || toks[k].Start != e.Start || toks[j-1].End != e.End {
			bad++
			continue
		}
		if j-k == 1 {
			tags[k] = uint8(tagOf(ty, partU))
			continue
		}
		tags[k] = uint8(tagOf(ty, partB))
		for x := k + 1; x < j-1; x++ {
			tags[x] = uint8(tagOf(ty, partI))
		}
		tags[j-1] = uint8(tagOf(ty, partL))
	}
	return bad
}

func prepare(docs []conll.Document, g *gazetteer.Gazetteer, fm *featMap, add bool) ([]*prepDoc, int) {
	out := make([]*prepDoc, 0, len(docs))
	bad := 0
	maxGaz := g.MaxWords() + 3
	hashes := make([][]uint64, len(docs))
	for i := range docs {
		d := &docs[i]
		p := &prepDoc{text: d.Text, ents: d.Entities}
		p.toks = Tokenize(nil, d.Text)
		p.gold = make([]uint8, len(p.toks))
		bad += project(p.toks, d.Entities, p.gold)
		p.a.analyze(d.Text, p.toks, g, maxGaz)
		p.baseOff = make([]int32, 0, len(p.toks)+1)
		var hs []uint64
		for t := range p.toks {
			p.baseOff = append(p.baseOff, int32(len(hs)))
			hs = baseFeatures(hs, &p.a, t)
		}
		p.baseOff = append(p.baseOff, int32(len(hs)))
		hashes[i] = hs
		out = append(out, p)
	}
	if add {
		for _, hs := range hashes {
			for _, h := range hs {
				fm.counts[h]++
			}
		}
	}
	// Offsets were of hashes; unknown dev features shift them.
	for i, p := range out {
		hs := hashes[i]
		p.base = make([]int32, 0, len(hs))
		for t := range p.toks {
			lo, hi := p.baseOff[t], p.baseOff[t+1]
			p.baseOff[t] = int32(len(p.base))
			for _, h := range hs[lo:hi] {
				if x := fm.index(h, add); x >= 0 {
					p.base = append(p.base, x)
				}
			}
		}
		p.baseOff[len(p.toks)] = int32(len(p.base))
	}
	return out, bad
}

// setSecond computes the second-pass features of p from first-pass tags.
func (p *prepDoc) setSecond(tags []uint8, fm *featMap, add bool) {
	p.a.secondPass(tags)
	p.sec, p.secOff = p.sec[:0], p.secOff[:0]
	var hs [8]uint64
	for t := range p.toks {
		p.secOff = append(p.secOff, int32(len(p.sec)))
		for _, h := range secondFeatures(hs[:0], &p.a, t) {
			if x := fm.index(h, add); x >= 0 {
				p.sec = append(p.sec, x)
			}
		}
	}
	p.secOff = append(p.secOff, int32(len(p.sec)))
}

// perceptron is an averaged structured perceptron over BILOU tags.
type perceptron struct {
	w        []int32 // feature*numTags + tag
	acc      []int64 // the averaging sums: c times each update
	trans    [numTags * numTags]int32
	transAcc [numTags * numTags]int64
	start    [numTags]int32
	startAcc [numTags]int64
	end      [numTags]int32
	endAcc   [numTags]int64
	c        int64
}

func newPerceptron(nf int) *perceptron {
	return &perceptron{w: make([]int32, nf*numTags), acc: make([]int64, nf*numTags), c: 1}
}

// weights is a float view of a model for decoding: the averaged weights
// of a perceptron.
type weights struct {
	w          []float32
	trans      [numTags * numTags]float32
	start, end [numTags]float32
}

func (p *perceptron) average() *weights {
	ws := &weights{w: make([]float32, len(p.w))}
	c := float64(p.c)
	for i := range p.w {
		ws.w[i] = float32(float64(p.w[i]) - float64(p.acc[i])/c)
	}
	for i := range p.trans {
		ws.trans[i] = float32(float64(p.trans[i]) - float64(p.transAcc[i])/c)
	}
	for i := range p.start {
		ws.start[i] = float32(float64(p.start[i]) - float64(p.startAcc[i])/c)
		ws.end[i] = float32(float64(p.end[i]) - float64(p.endAcc[i])/c)
	}
	return ws
}

func addRow[S score](em []S, w []S, f int32) {
	row := w[int(f)*numTags : int(f)*numTags+numTags]
	for t := range numTags {
		em[t] += row[t]
	}
}

// emission fills em with the scores of tokens lo..hi of p.
func emission[S score](em []S, w []S, p *prepDoc, lo, hi int, second bool) {
	for i := lo; i < hi; i++ {
		row := em[(i-lo)*numTags : (i-lo)*numTags+numTags]
		clear(row)
		for _, f := range p.base[p.baseOff[i]:p.baseOff[i+1]] {
			addRow(row, w, f)
		}
		if second && len(p.secOff) > 0 {
			for _, f := range p.sec[p.secOff[i]:p.secOff[i+1]] {
				addRow(row, w, f)
			}
		}
	}
}

// scratch is the decoding memory of training.
type scratch struct {
	emI  []int32
	emF  []float32
	back []uint8
	pred []uint8
}

func (s *scratch) grow(n int) {
	if cap(s.back) < n*numTags {
		s.emI = make([]int32, n*numTags)
		s.emF = make([]float32, n*numTags)
		s.back = make([]uint8, n*numTags)
		s.pred = make([]uint8, n)
	}
}

// learn decodes one line and updates the weights where it is wrong.
func (p *perceptron) learn(d *prepDoc, ln lineRange, second bool, s *scratch) {
	n := ln.hi - ln.lo
	s.grow(n)
	em := s.emI[:n*numTags]
	emission(em, p.w, d, ln.lo, ln.hi, second)
	pred := s.pred[:n]
	viterbi(em, numTags, n, &p.trans, &p.start, &p.end, s.back, pred)
	gold := d.gold[ln.lo:ln.hi]
	c := p.c
	upd := func(i int, tag uint8, delta int32) {
		k := ln.lo + i
		feats := d.base[d.baseOff[k]:d.baseOff[k+1]]
		for _, f := range feats {
			j := int(f)*numTags + int(tag)
			p.w[j] += delta
			p.acc[j] += c * int64(delta)
		}
		if second && len(d.secOff) > 0 {
			for _, f := range d.sec[d.secOff[k]:d.secOff[k+1]] {
				j := int(f)*numTags + int(tag)
				p.w[j] += delta
				p.acc[j] += c * int64(delta)
			}
		}
	}
	tr := func(prev, cur uint8, delta int32) {
		j := int(cur)*numTags + int(prev) // transposed, as viterbi reads it
		p.trans[j] += delta
		p.transAcc[j] += c * int64(delta)
	}
	for i := range n {
		if pred[i] != gold[i] {
			upd(i, gold[i], 1)
			upd(i, pred[i], -1)
		}
		if i > 0 && (pred[i] != gold[i] || pred[i-1] != gold[i-1]) {
			tr(gold[i-1], gold[i], 1)
			tr(pred[i-1], pred[i], -1)
		}
	}
	if pred[0] != gold[0] {
		p.start[gold[0]]++
		p.startAcc[gold[0]] += c
		p.start[pred[0]]--
		p.startAcc[pred[0]] -= c
	}
	if pred[n-1] != gold[n-1] {
		p.end[gold[n-1]]++
		p.endAcc[gold[n-1]] += c
		p.end[pred[n-1]]--
		p.endAcc[pred[n-1]] -= c
	}
	p.c++
}

// decodeDoc tags every line of d with ws into tags.
func (ws *weights) decodeDoc(d *prepDoc, second bool, s *scratch, tags []uint8) {
	for _, ln := range d.a.lines {
		n := ln.hi - ln.lo
		s.grow(n)
		em := s.emF[:n*numTags]
		emission(em, ws.w, d, ln.lo, ln.hi, second)
		viterbi(em, numTags, n, &ws.trans, &ws.start, &ws.end, s.back, tags[ln.lo:ln.hi])
	}
}

// spansOf appends the entities that BILOU tags over toks mark.
func spansOf(dst []conll.Entity, toks []Token, tags []uint8) []conll.Entity {
	for i := 0; i < len(tags); i++ {
		t := int(tags[i])
		if t == 0 {
			continue
		}
		ty := tagType(t)
		switch tagPart(t) {
		case partU:
			dst = append(dst, conll.Entity{Start: toks[i].Start, End: toks[i].End, Type: typeName(ty)})
		case partB:
			j := i + 1
			for j < len(tags) && int(tags[j]) == tagOf(ty, partI) {
				j++
			}
			if j < len(tags) && int(tags[j]) == tagOf(ty, partL) {
				dst = append(dst, conll.Entity{Start: toks[i].Start, End: toks[j].End, Type: typeName(ty)})
				i = j
			}
		}
	}
	return dst
}

// pipeline is a first-pass and, optionally, a second-pass model in float
// form, for scoring during training.
type pipeline struct {
	first, second *weights
	fm            *featMap
}

// tagDocs tags docs with the pipeline and returns the micro F1 over the
// four types. With a second model it sets each document's second-pass
// features from the first pass first.
func (pl *pipeline) score(docs []*prepDoc) (float64, *conll.Scorer) {
	var s scratch
	var sc conll.Scorer
	var ents []conll.Entity
	for _, d := range docs {
		tags := make([]uint8, len(d.toks))
		pl.first.decodeDoc(d, false, &s, tags)
		if pl.second != nil {
			d.setSecond(tags, pl.fm, false)
			pl.second.decodeDoc(d, true, &s, tags)
		}
		ents = spansOf(ents[:0], d.toks, tags)
		sc.Add(d.ents, ents)
	}
	return sc.Micro(conll.Types()...).PRF().F1, &sc
}

// trainModel runs the perceptron over docs for up to cfg.Epochs epochs
// and returns the averaged weights of the epoch that scored best on dev
// (through score), or of the last epoch when score is nil.
func trainModel(ctx context.Context, docs []*prepDoc, nf int, second bool, epochs int, cfg *TrainConfig, rng *rand.Rand,
	score func(*weights) float64, name string) (*weights, int, float64, error) {
	p := newPerceptron(nf)
	var s scratch
	var best *weights
	bestF, bestE, since := -1.0, 0, 0
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	for e := 1; e <= epochs; e++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, 0, fmt.Errorf("train %s: %w", name, err)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			d := docs[di]
			for _, ln := range d.a.lines {
				p.learn(d, ln, second, &s)
			}
		}
		if score == nil {
			continue
		}
		ws := p.average()
		f := score(ws)
		cfg.Logf("%s epoch %d: dev F1 %.4f", name, e, f)
		if f > bestF {
			best, bestF, bestE, since = ws, f, e, 0
		} else if since++; since >= cfg.Patience {
			break
		}
	}
	if score == nil {
		return p.average(), epochs, 0, nil
	}
	return best, bestE, bestF, nil
}

// Train trains a model on train, choosing epochs on dev, and returns it
// quantized and pruned, ready to [Model.Save] or tag with. Training is
// deterministic for a given cfg.Seed and input. g is the gazetteer whose
// membership features the model uses: it must be the one the model is
// later loaded with.
func Train(ctx context.Context, train, dev []conll.Document, g *gazetteer.Gazetteer, cfg TrainConfig) (*Model, TrainReport, error) {
	cfg.defaults()
	if len(train) == 0 || len(dev) == 0 {
		return nil, TrainReport{}, ErrNoData
	}
	if g == nil {
		return nil, TrainReport{}, fmt.Errorf("train: %w", ErrNoGazetteer)
	}
	r, err := trainFloat(ctx, train, dev, g, &cfg)
	if err != nil {
		return nil, TrainReport{}, err
	}
	m := buildModel(r.fm, r.first, r.second)
	r.rep.Duration = time.Since(r.t0)
	return m, r.rep, nil
}

// trained is the float result of training.
type trained struct {
	fm            *featMap
	first, second *weights
	rep           TrainReport
	t0            time.Time
}

func trainFloat(ctx context.Context, train, dev []conll.Document, g *gazetteer.Gazetteer, cfg *TrainConfig) (trained, error) {
	var rep TrainReport
	t0 := time.Now()
	fm := &featMap{idx: make(map[uint64]int32, 1<<21), counts: make(map[uint64]int32, 1<<21)}
	tr, bad := prepare(train, g, fm, true)
	nBase := len(fm.idx)
	dv, badDev := prepare(dev, g, fm, false)
	cfg.Logf("prepared %d train docs (%d entities off token bounds), %d dev docs (%d); %d base features in %v",
		len(tr), bad, len(dv), badDev, nBase, time.Since(t0).Round(time.Millisecond))
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x6e6572))

	// First pass: the local model, epochs chosen on dev.
	first, e1, f1, err := trainModel(ctx, tr, nBase, false, cfg.Epochs, cfg, rng, func(ws *weights) float64 {
		f, _ := (&pipeline{first: ws, fm: fm}).score(dv)
		return f
	}, "pass 1")
	if err != nil {
		return trained{}, err
	}
	rep.Epochs1, rep.DevF1 = e1, f1
	cfg.Logf("pass 1: best epoch %d, dev F1 %.4f", e1, f1)
	if cfg.SinglePass {
		rep.Features = nBase
		return trained{fm: fm, first: first, rep: rep, t0: t0}, nil
	}

	// Jackknife: the training documents' first-pass tags come from models
	// that did not see them, so the second pass learns how far to trust
	// a first pass on unseen text.
	perm := rng.Perm(len(tr))
	fold := make([]int, len(tr))
	for i, di := range perm {
		fold[di] = i % cfg.Folds
	}
	var s scratch
	for k := range cfg.Folds {
		var sub []*prepDoc
		for i, d := range tr {
			if fold[i] != k {
				sub = append(sub, d)
			}
		}
		ws, _, _, err := trainModel(ctx, sub, nBase, false, e1, cfg, rng, nil, "fold")
		if err != nil {
			return trained{}, err
		}
		for i, d := range tr {
			if fold[i] == k {
				tags := make([]uint8, len(d.toks))
				ws.decodeDoc(d, false, &s, tags)
				d.setSecond(tags, fm, true)
			}
		}
		cfg.Logf("fold %d/%d done", k+1, cfg.Folds)
	}
	nAll := len(fm.idx)
	// Second pass: all features, first-pass tags from the full first
	// model on dev.
	second, e2, f2, err := trainModel(ctx, tr, nAll, true, cfg.Epochs, cfg, rng, func(ws *weights) float64 {
		f, _ := (&pipeline{first: first, second: ws, fm: fm}).score(dv)
		return f
	}, "pass 2")
	if err != nil {
		return trained{}, err
	}
	rep.Epochs2, rep.DevF1, rep.Features = e2, f2, nAll
	cfg.Logf("pass 2: best epoch %d, dev F1 %.4f", e2, f2)
	return trained{fm: fm, first: first, second: second, rep: rep, t0: t0}, nil
}
