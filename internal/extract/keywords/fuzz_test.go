package keywords

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// FuzzKeywords checks the stage on any text: no panic, at most the limit
// of phrases, scores in [0,1] best first, every phrase taken from the
// text, a topic from the label set with a confidence in [0,1]; and that
// paragraphs, sentences and tokens of any shape (as a buggy earlier stage
// might leave them) cannot break it.
func FuzzKeywords(f *testing.F) {
	for _, s := range []string{
		"ECB cuts rates\n\nThe European Central Bank cut rates. Lagarde said the ECB's rates would stay.",
		"Strong earthquake kills 38\n\nA magnitude 6.9 quake struck at 9:42 a.m. on Tuesday. Rescuers searched rubble.",
		"“Iran and Russia signed,” Iran’s envoy said.\n\nPutin’s visit. U.S.-led forces hit S-300 sites on Sept. 30.",
		"the the the of of and . . . ! ? …",
		"A\xffB C\xe2\x80 D’s 's ’s '",
		"Ö'É-Ü\u0301. (X) ‘Y’ Z- 1,000,000.5 x.y.z. a.m. p.m. Gen. J. Smith",
		strings.Repeat("rare earth magnets ", 50),
	} {
		f.Add(s, uint8(0))
	}
	if raw, err := os.ReadFile(extracttest.SharedSample); err == nil {
		f.Add(string(raw), uint8(1))
	}
	x := newExtractor(f)
	labels := Labels()
	f.Fuzz(func(t *testing.T, text string, shape uint8) {
		doc := &extract.Document{Event: event.Event{Text: text}}
		switch shape % 4 {
		case 1: // paragraphs at blank lines, the first the headline
			doc.Event.Paragraphs = extracttest.Paragraphs(text)
		case 2: // paragraphs, sentences and tokens out of range or order
			n := len(text)
			doc.Event.Paragraphs = []event.Paragraph{{Kind: event.ParagraphHeadline, Start: n / 2, End: n}, {Start: 0, End: n / 3}}
			doc.Event.Sentences = []event.Span{{Start: 0, End: n / 2}, {Start: n / 3, End: n + 1}}
			doc.Tokens = []extract.Token{{Start: 0, End: int32(n), Kind: extract.TokenWord, Sentence: 3}}
		case 3: // segment-like sentences and tokens
			doc.Event.Paragraphs = extracttest.Paragraphs(text)
			segmentLike(doc)
		}
		if shape&4 != 0 {
			doc.Event.Entities = []event.Entity{{Name: "x", Mentions: []event.Mention{{Start: 0, End: len(text) / 2}, {Start: len(text) / 3, End: len(text)}, {Start: -1, End: 2}}}}
		}
		if err := x.Process(t.Context(), doc); err != nil {
			t.Fatal(err)
		}
		kws := doc.Event.Keywords
		if len(kws) > DefaultMaxKeywords {
			t.Fatalf("%d keywords", len(kws))
		}
		for i, k := range kws {
			if !(k.Score >= 0 && k.Score <= 1) || i > 0 && k.Score > kws[i-1].Score || k.Count < 1 || k.Text == "" {
				t.Fatalf("bad keyword %d: %+v", i, k)
			}
			if utf8.ValidString(text) {
				if !utf8.ValidString(k.Text) || !strings.Contains(strings.ToLower(strings.Join(strings.Fields(text), " ")), strings.ToLower(k.Text)) {
					t.Fatalf("keyword %q not in the text", k.Text)
				}
			}
		}
		if tp := doc.Event.Topic; tp != nil {
			ok := false
			for _, l := range labels {
				ok = ok || l == tp.Label
			}
			if !ok || !(tp.Confidence >= 0 && tp.Confidence <= 1) || tp.Source != SourceRules {
				t.Fatalf("bad topic %+v", *tp)
			}
		}
	})
}
