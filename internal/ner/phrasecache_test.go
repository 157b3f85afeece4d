package ner

import (
	"fmt"
	"testing"
)

// TestPhraseCache checks that the phrase cache answers as the gazetteer
// does, for names and non-names, asked again, and after it filled up and
// started over.
func TestPhraseCache(t *testing.T) {
	g := testGazetteer(t)
	phrases := []string{"United States", "New York", "Islamic State", "Vladimir Putin", "Prime Minister",
		"UNITED STATES", "United Nations Security Council", "New Mexico", "Not A Name", ""}
	for k := range maxCachedPhrases + 100 {
		phrases = append(phrases, fmt.Sprintf("Word%d Other", k))
	}
	var c phraseCache
	names := 0
	for round := range 3 {
		for _, s := range phrases {
			e, wantOK := g.Lookup(s)
			kind, typ, ok := c.lookup(g, s)
			if ok != wantOK || kind != e.Kind || typ != e.Type {
				t.Fatalf("round %d, %q: cache says %v %q %v, gazetteer %v %q %v", round, s, kind, typ, ok, e.Kind, e.Type, wantOK)
			}
			if ok {
				names++
			}
		}
	}
	if names == 0 {
		t.Fatal("no phrase is a name: the test checks only misses")
	}
}
