package entities

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// FuzzTag checks the rule tagger on any text: no panic, spans sorted,
// non-overlapping and inside the text, titles before a person, and on
// valid UTF-8 spans on rune boundaries; and the stage's output on the
// same text keeps its invariants.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"Syrian President Bashar Assad met Gen. Qassem Soleimani.",
		"the Islamic State of Iraq and Syria (ISIS) group",
		"Iran’s Ambassador to Russian Mehdi Sanaei said",
		"U.S.-led forces hit S-300 sites on Sept. 30.",
		"al-Qaeda and Abu Bakr al-Baghdadi's men",
		"“Iran and Russia signed,” Iran’s envoy said.\n\nPutin’s visit",
		"KREMLIN HAILS IRAN\n\nThe Kremlin hailed Iran.",
		"Ö'É-Ü\u0301. (X) ‘Y’ Z-",
		"A\xffB C\xe2\x80",
	} {
		f.Add(s)
	}
	if raw, err := os.ReadFile(extracttest.SharedSample); err == nil {
		f.Add(string(raw))
	}
	g := extracttest.Gazetteer(f)
	rt, err := NewRuleTagger(g)
	if err != nil {
		f.Fatal(err)
	}
	s := newStage(f)
	f.Fuzz(func(t *testing.T, text string) {
		paras := extracttest.Paragraphs(text)
		spans := rt.Tag(text, paras, nil)
		valid := utf8.ValidString(text)
		prevEnd := 0
		for i, sp := range spans {
			if sp.Start < prevEnd || sp.Start >= sp.End || sp.End > len(text) {
				t.Fatalf("span %d %+v after %d in text of %d bytes", i, sp, prevEnd, len(text))
			}
			// Text is valid UTF-8 (the decode stage dead-letters anything
			// else); on invalid input only the other rules hold.
			if valid && (!utf8.RuneStart(text[sp.Start]) || sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
				t.Fatalf("span %+v %q not on rune boundaries", sp, text[sp.Start:sp.End])
			}
			prevEnd = sp.End
		}
		// Every title qualifies a person after it.
		for i := len(spans) - 1; i >= 0 && spans[i].Type != event.EntityPerson; i-- {
			if spans[i].Type == TypeTitle {
				t.Fatalf("title span %+v %q qualifies no person", spans[i], text[spans[i].Start:spans[i].End])
			}
		}
		// Raw paragraphs of any shape must not break the tagger either.
		rt.Tag(text, []event.Paragraph{{Kind: event.ParagraphHeadline, Start: len(text) / 3, End: len(text)}, {Start: -1, End: 5}}, nil)
		es := s.Extract(text, paras)
		if valid {
			checkEntities(t, text, es)
		}
	})
}
