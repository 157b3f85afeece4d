package segment

import (
	"os"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// goldenDoc is what the golden files hold.
type goldenDoc struct {
	TokenCount int              `json:"token_count"`
	Sentences  []goldenSentence `json:"sentences"`
}

// goldenSentence repeats the sentence's text and shows its tokens as
// "text/kind" (w word, n number, p punctuation, s symbol) so that a
// reviewer can check both at a glance.
type goldenSentence struct {
	event.Span
	Text   string `json:"text"`
	Tokens string `json:"tokens"`
}

func goldenOf(text string, toks []extract.Token, sents []event.Span) goldenDoc {
	g := goldenDoc{TokenCount: len(toks)}
	i := 0
	for n, s := range sents {
		j := i
		for j < len(toks) && int(toks[j].Sentence) == n {
			j++
		}
		g.Sentences = append(g.Sentences, goldenSentence{Span: s, Text: text[s.Start:s.End], Tokens: tokenString(text, toks[i:j])})
		i = j
	}
	return g
}

// TestGolden runs decode, normalize and this stage on each project sample
// and each testdata/*.txt fixture and compares the sentences and tokens
// with testdata/<name>.golden.json. Accept a change with
// go test ./internal/extract/segment -run TestGolden -update
// and review the diff.
func TestGolden(t *testing.T) {
	s := newSegmenter(t)
	for _, path := range goldenInputs(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := prepare(t, path)
			extracttest.Run(t, doc, s)
			ev := &doc.Event
			if err := segmentError(ev.Text, ev.Paragraphs, doc.Tokens, ev.Sentences); err != nil {
				t.Fatal(err)
			}
			extracttest.Golden(t, extracttest.GoldenPath(name), goldenOf(ev.Text, doc.Tokens, ev.Sentences))
		})
	}
}

// TestSharedWireSample segments the team's real wire article after
// decode and normalize. It checks the cases that matter in it rather
// than a golden file: the article is not ours to copy into testdata.
func TestSharedWireSample(t *testing.T) {
	if _, err := os.Stat(extracttest.SharedSample); err != nil {
		t.Skipf("shared sample not present: %v", err)
	}
	doc := prepare(t, extracttest.SharedSample)
	s := newSegmenter(t)
	if err := s.Process(t.Context(), doc); err != nil {
		t.Fatalf("Process: %v", err)
	}
	ev := &doc.Event
	if err := segmentError(ev.Text, ev.Paragraphs, doc.Tokens, ev.Sentences); err != nil {
		t.Fatal(err)
	}
	sents := sentenceTexts(ev.Text, ev.Sentences)
	if len(sents) != 24 {
		t.Errorf("%d sentences, want 24:\n%s", len(sents), strings.Join(sents, "\n"))
	}
	if len(sents) < 2 || sents[0] != ev.Headline || sents[1] != ev.Standfirst {
		t.Errorf("the headline and standfirst are not the first two sentences: %q", sents[:min(2, len(sents))])
	}
	// Abbreviations inside sentences.
	for _, frag := range []string{"on Sept. 30 it launched", "a Jan. 1 deadline", "including Gen. Qassem Soleimani, who", "on Nov. 9."} {
		if sentenceWith(sents, frag) == "" {
			t.Errorf("no sentence holds %q whole", frag)
		}
	}
	// The ambassador's quotation: one sentence from the opening curly
	// quotation mark to the attribution's full stop.
	last := sents[len(sents)-1]
	if !strings.HasPrefix(last, "“Iran and Russia signed") || !strings.HasSuffix(last, "was quoted as saying by Tasnim.") || !strings.Contains(last, "has started,” Iran’s Ambassador") {
		t.Errorf("ambassador's quotation sentence %q", last)
	}
	// The related stories are not part of Text; segment them on their
	// own: "U.S." and "U.N." must not split any of them.
	for _, r := range ev.Related {
		for _, line := range []string{r.Headline, r.Teaser} {
			_, rs, err := s.Segment(line, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Errorf("%q is %d sentences, want 1: %q", line, len(rs), sentenceTexts(line, rs))
			}
		}
	}
	// Tokens: possessives split, designators whole.
	toks := tokenString(ev.Text, doc.Tokens)
	for _, frag := range []string{"Putin/w ’s/w trip/w", "S-300/w surface-to-air/w", "250,000/n", "(/p ISIS/w )/p"} {
		if !strings.Contains(toks, frag) {
			t.Errorf("tokens lack %q", frag)
		}
	}
}

func sentenceWith(sents []string, frag string) string {
	for _, s := range sents {
		if strings.Contains(s, frag) {
			return s
		}
	}
	return ""
}
