package tone

import (
	"os"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// FuzzTone checks the word splitter and the scorer on any text: no
// panic, percentages in [0,100] that add up, a word count no larger than
// the text, the same tone from segment-like tokens as from the own
// split, and no harm from entity mentions out of range.
func FuzzTone(f *testing.F) {
	for _, s := range []string{
		"The deal was not good. Won’t help, didn't help!",
		"Putin’s visit; the ally's help; U.S.-led; well-being; ill-fated.",
		"Hope Hicks joined the Free Syrian Army.",
		"2024 3.5 — ! … ‘’ “” naïve gr8 n00b",
		"A\xffB C\xe2\x80 D’s 's ’s ' -- .. not",
		"Ö'É-Ü\u0301. (X) ‘Y’ Z- 1,000,000.5",
	} {
		f.Add(s, uint16(5))
	}
	if raw, err := os.ReadFile(extracttest.SharedSample); err == nil {
		f.Add(string(raw), uint16(0))
	}
	s := newScorer(f)
	f.Fuzz(func(t *testing.T, text string, mention uint16) {
		doc := &extract.Document{Event: event.Event{Text: text}}
		m := int(mention) % (len(text) + 2)
		doc.Event.Entities = []event.Entity{{Mentions: []event.Mention{{Start: m / 2, End: m}, {Start: -3, End: m}, {Start: m, End: len(text) + 1}}}}
		tn := s.Score(doc)
		checkTone(t, tn)
		if tn != nil && tn.WordCount > len(text) {
			t.Fatalf("%d words in %d bytes", tn.WordCount, len(text))
		}
		segmentLike(doc)
		tk := s.Score(doc)
		if (tn == nil) != (tk == nil) || tn != nil && *tn != *tk {
			t.Fatalf("tone from tokens %+v, own split %+v", tk, tn)
		}
	})
}
