package quotes

import (
	"os"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// FuzzQuotes checks the stage on any text: no panic, quotations inside
// the text, in order and matching their spans, speakers linked to real
// entities; with the entities stage's real output and with entities whose
// mentions point anywhere (a buggy upstream stage must not break this
// one).
func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		`"We will not back down," Vladimir Putin said on Monday.`,
		"Headline\n\nStandfirst\n\n“Curly,” she said. “Then more.\n\n“And more,” he added.",
		`Putin said: "A." "B," said a spokesman for the Kremlin, according to "C D E".`,
		`"""“”“"”` + "\n\n" + `" “ ” "`,
		`Iran’s Ambassador to Russian Mehdi Sanaei was quoted as saying by Tasnim "x y z"`,
		"A\xffB \"C\xe2\x80\" D\xe2\x80\x9c",
		`U.S. Dr. "A. B. C." Gen. X said. "Y"`,
	} {
		f.Add(s)
	}
	for _, p := range []string{extracttest.SharedSample, fixture} {
		if raw, err := os.ReadFile(p); err == nil {
			f.Add(string(raw))
		}
	}
	ent := entitiesStage(f)
	q := New()
	f.Fuzz(func(t *testing.T, text string) {
		paras := extracttest.Paragraphs(text)
		ents := ent.Extract(text, paras)
		checkQuotes(t, text, ents, q.Extract(text, paras, ents))

		// Entities with mentions at arbitrary offsets, paragraphs out of
		// order: only the invariants that do not depend on them.
		n := len(text)
		odd := []event.Entity{
			{Name: "A", Type: event.EntityPerson, Titles: []string{"Ambassador", ""}, Mentions: []event.Mention{{Start: n / 3, End: n/3 + 2}, {Start: -1, End: n + 5}, {Start: n / 2, End: n / 2}}},
			{Name: "B", Type: event.EntityOrganization, Mentions: []event.Mention{{Start: 0, End: n}, {Start: n / 4, End: n/4 + 1}}},
		}
		badParas := []event.Paragraph{{Start: n / 2, End: n}, {Start: 0, End: n / 2}}
		for _, ps := range [][]event.Paragraph{paras, badParas, nil} {
			for _, qt := range q.Extract(text, ps, odd) {
				if qt.Start < 0 || qt.Start >= qt.End || qt.End > n || text[qt.Start:qt.End] != qt.Text {
					t.Fatalf("quote %+v outside text of %d bytes", qt, n)
				}
				if qt.SpeakerEntity < -1 || qt.SpeakerEntity >= len(odd) {
					t.Fatalf("speaker entity %d", qt.SpeakerEntity)
				}
			}
		}
	})
}

// FuzzMarkFinder checks that markFinder, stepping through a text as
// findPieces does, stops at exactly the bytes a byte-by-byte scan would
// look at: '"' and 0xE2, the lead byte of '“' and '”'.
func FuzzMarkFinder(f *testing.F) {
	for _, s := range []string{"", `"a" “b” ‘c’ — d`, "\xe2\x80\x9c\xe2", `no marks at all`, `""""`} {
		f.Add(s, 0, 2)
	}
	f.Fuzz(func(t *testing.T, text string, start, step int) {
		start = max(0, min(start, len(text)))
		step = max(1, min(step, 4))
		marks := markFinder{straight: -1, curly: -1}
		for i := start; i < len(text); i += step {
			want := i
			for want < len(text) && text[want] != '"' && text[want] != 0xE2 {
				want++
			}
			got := marks.next(text, i, len(text))
			if got != want {
				t.Fatalf("next(%q, %d) = %d, want %d", text, i, got, want)
			}
			i = got
		}
	})
}
