package keywords

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAddWordFormAndHash checks the one-pass lower-casing and hashing of
// addWord against lower and fnv1a, which it stands for: on random text
// each word's form in the arena is lower of its span (the span itself
// for an acronym) and its hash is fnv1a of that form.
func TestAddWordFormAndHash(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{"a", "B", "rate", "Rates", "U.S.", "Gen.", "A.", "..", "e.g.", "NATO", "ÉCU", "ümlaut", "Ärger",
		"’", "'", "-", ".", "0", "42", "\u212a", "\u0130", "\xff", "ß", "ﬁ", "Σ", " ", " ", " ", ", "}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		st := newScratch()
		x.scanWords(st, text, 0, len(text), 0, zoneBody)
		for _, w := range st.words {
			want := lower(nil, text[w.start:w.end])
			if w.flags&flagAcronym != 0 {
				want = []byte(text[w.start:w.end])
			}
			got := st.arena[w.lowOff : w.lowOff+w.lowLen]
			if string(got) != string(want) || w.hash != fnv1a(want) {
				t.Fatalf("text %q, word %q: form %q hash %x, want %q hash %x", text, text[w.start:w.end], got, w.hash, want, fnv1a(want))
			}
		}
	}
}
