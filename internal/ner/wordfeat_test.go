package ner

import (
	"slices"
	"testing"
)

// referenceTags tags text the plain way, as the model defines it: each
// token's base features looked up one by one and all their weights added
// to int32 score rows, O included, then the generic Viterbi, for both
// passes. The tagger's word and shape caches, dense row sums and
// second-pass tables must give exactly these tags.
func referenceTags(tg *Tagger, text string) []uint8 {
	m := tg.m
	toks := Tokenize(nil, text)
	n := len(toks)
	if n == 0 {
		return nil
	}
	var a analysis
	a.analyze(text, toks, tg.g, tg.maxGaz)
	em := [2][]int32{make([]int32, n*numTags), make([]int32, n*numTags)}
	add := func(i int, hs []uint64) {
		for _, h := range hs {
			s := m.lookup(h)
			if s == nil {
				continue
			}
			wa, wb := m.weightsOf(s)
			for _, e := range wa {
				idx, w := unpackWeight(e)
				em[0][i*numTags+idx] += int32(w)
			}
			for _, e := range wb {
				idx, w := unpackWeight(e)
				em[1][i*numTags+idx-secondRow] += int32(w)
			}
		}
	}
	tags := make([]uint8, n)
	decode := func(p int) {
		for _, ln := range a.lines {
			k := ln.hi - ln.lo
			viterbi(em[p][ln.lo*numTags:ln.hi*numTags], numTags, k, &m.trans[p], &m.start[p], &m.end[p],
				make([]uint8, k*numTags), tags[ln.lo:ln.hi])
		}
	}
	for i := range n {
		add(i, baseFeatures(nil, &a, i))
	}
	decode(0)
	if !m.twoPass {
		return tags
	}
	a.secondPass(tags)
	for i := range n {
		add(i, secondFeatures(nil, &a, i))
	}
	decode(1)
	return tags
}

// TestTaggerMatchesReference checks that the tagger's tags are exactly
// referenceTags', over the sample article, the test texts and every
// CoNLL-2003 dev document (one tagger, so its caches carry words from
// document to document, fill up and start over).
func TestTaggerMatchesReference(t *testing.T) {
	tg := testTagger(t)
	texts := []string{
		readArticle(t),
		"KREMLIN HAILS IRAN, RUSSIA UNITY ON SYRIA\n\nThe Kremlin hailed Iran.",
		"Obama Hits New Low in Power Ranking as Putin and Merkel Top List\n\nPutin and Merkel lead.",
		"A\xffB Iran\xe2\x80 Syria's",
		"Putin",
		"",
	}
	if testing.Short() {
		t.Log("short: the dev set is left out")
	} else if docs, err := devDocs(); err == nil {
		for range 6 { // six times, so that the caches fill up and start over
			for _, d := range docs {
				texts = append(texts, d.Text)
			}
		}
	}
	st := &tagState{}
	for k, text := range texts {
		tg.run(st, text)
		if want := referenceTags(tg, text); !slices.Equal(st.tags, want) {
			t.Fatalf("text %d (%.40q): tags differ from the reference", k, text)
		}
	}
}

// TestWordFeaturesCoverBase checks that a token's word features in its
// five roles, its shape features and its pair features are its base
// features.
func TestWordFeaturesCoverBase(t *testing.T) {
	text := readArticle(t) + "\n\nPUTIN MEETS ASSAD\n\nPutin Meets Assad in Moscow to Discuss Peace Plan\n\nA b."
	toks := Tokenize(nil, text)
	var a analysis
	a.analyze(text, toks, testGazetteer(t), testGazetteer(t).MaxWords()+3)
	word := func(k int, ln lineRange) []uint64 {
		t := &a.info[min(max(k, 0), len(a.info)-1)]
		switch {
		case k < ln.lo:
			t = &a.bos
		case k >= ln.hi:
			t = &a.eos
		}
		wk := wordInfoOf(t)
		return wordFeatures(nil, &wk)
	}
	for i := range a.info {
		ln := a.lines[a.info[i].line]
		var got []uint64
		got = append(got, word(i, ln)[:roleEnd[roleSelf]]...)
		got = append(got, word(i-1, ln)[roleEnd[roleSelf]:roleEnd[roleM1]]...)
		got = append(got, word(i+1, ln)[roleEnd[roleM1]:roleEnd[roleP1]]...)
		got = append(got, word(i-2, ln)[roleEnd[roleP1]:roleEnd[roleM2]]...)
		got = append(got, word(i+2, ln)[roleEnd[roleM2]:roleEnd[roleP2]]...)
		sk := shapeKeyOf(&a, i)
		got = shapeFeatures(got, &sk)
		got = pairFeatures(got, &a, i)
		want := baseFeatures(nil, &a, i)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("token %d %q: word, shape and pair features differ from the base features", i, text[toks[i].Start:toks[i].End])
		}
	}
}

// TestDocNumberWrap checks that the word cache's per-document stat
// indexes survive the document numbers wrapping around.
func TestDocNumberWrap(t *testing.T) {
	tg := testTagger(t)
	text := readArticle(t)
	st := &tagState{}
	// Another text first, so that stale indexes would point elsewhere.
	tg.run(st, "The Kremlin hailed Iran and Russia, and Iran hailed the Kremlin.")
	st.words.doc = ^uint32(0) // the next document wraps, back to the first's number
	tg.run(st, text)
	if st.words.doc != 1 {
		t.Fatalf("document number %d after the wrap, want 1", st.words.doc)
	}
	if want := referenceTags(tg, text); !slices.Equal(st.tags, want) {
		t.Fatal("tags differ from the reference after the wrap")
	}
	var a analysis
	a.analyze(text, Tokenize(nil, text), tg.g, tg.maxGaz)
	for i := range a.info {
		if got, want := st.a.info[i].doc, a.info[i].doc; got != want {
			t.Fatalf("token %d: document casing %#x after the wrap, want %#x", i, got, want)
		}
	}
}
