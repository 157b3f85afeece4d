package segment

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
	"github.com/wirestream/wirestream/internal/extract/normalize"
)

// FuzzSegment checks the stage on any text, raw and normalized: no panic;
// tokens and sentences in order, not overlapping, in range and inside
// their paragraph; every visible character in exactly one token; each
// token inside its sentence; on normalized text every paragraph (the
// headline and standfirst included) tiled by its sentences; the same
// result twice, and the same whether the paragraphs are given or found
// at "\n\n".
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"Gen. Smith met Mr. Jones in the U.S. on Sept. 30. “We will win,” he said.",
		`He said. "We will win." "We will win," he said. “We will win. We never give up,” he said.`,
		"J. R. R. Tolkien and George W. Bush. U.S.-led S-300 2.25% $1,000.50 1990s Iran's it’s Syrians’",
		"Wait... The end… no. e.g. The No. 5 no. Inc. The U.K.” The (x.) y",
		"今天天气很好。明天下雨！هل ستأتي؟ नमस्ते।",
		"👍🏽 🇲🇹 👩\u200d👧 ❤\ufe0f \u0301x a\u200cb \u200d \U000E0067",
		"Head\n\nStand\n\nBody one. Body two.\n\n\n\nlast",
		"a\xffb \xe2\x80 '.'.'.' ---...!!!???",
		"",
	} {
		f.Add(s)
	}
	// The samples go in paragraph by paragraph: whole articles make every
	// new input found expensive to minimize, and the fuzzer slow.
	paths := goldenInputs(f)
	if _, err := os.Stat(extracttest.SharedSample); err == nil {
		paths = append(paths, extracttest.SharedSample)
	}
	for _, path := range paths {
		ev := prepare(f, path).Event
		for _, p := range ev.Paragraphs {
			f.Add(ev.Text[p.Start:p.End])
		}
		f.Add(ev.Headline + "\n\n" + ev.Standfirst)
	}
	s := newSegmenter(f)
	n, err := normalize.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// Raw text, paragraphs found at "\n\n".
		toks, sents, err := s.Segment(text, nil, nil, nil)
		if err != nil {
			t.Fatalf("Segment: %v", err)
		}
		if err := segmentError(text, nil, toks, sents); err != nil {
			t.Fatalf("%v\ntext %q", err, text)
		}

		// The same text with the paragraphs given, as decode lays them out.
		doc := &extract.Document{Event: event.Event{Text: text, Paragraphs: splitParagraphs(text)}}
		if err := s.Process(t.Context(), doc); err != nil {
			t.Fatalf("Process: %v", err)
		}
		if err := segmentError(text, doc.Event.Paragraphs, doc.Tokens, doc.Event.Sentences); err != nil {
			t.Fatalf("with paragraphs: %v\ntext %q", err, text)
		}
		if !slices.Equal(doc.Tokens, toks) || !slices.Equal(doc.Event.Sentences, sents) {
			t.Fatalf("given paragraphs change the result of %q", text)
		}
		toks1, sents1 := slices.Clone(doc.Tokens), slices.Clone(doc.Event.Sentences)
		if err := s.Process(t.Context(), doc); err != nil || !slices.Equal(doc.Tokens, toks1) || !slices.Equal(doc.Event.Sentences, sents1) {
			t.Fatalf("second Process differs (%v)", err)
		}

		// Normalized text, as in the pipeline.
		if !utf8.ValidString(text) {
			return
		}
		nd := &extract.Document{Event: event.Event{Text: text, Paragraphs: splitParagraphs(text)}}
		if len(nd.Event.Paragraphs) > 0 {
			nd.Event.Paragraphs[0].Kind = event.ParagraphHeadline
		}
		if err := n.Process(t.Context(), nd); err != nil {
			return // nothing left to segment
		}
		if err := s.Process(t.Context(), nd); err != nil {
			t.Fatalf("Process after normalize: %v", err)
		}
		ev := &nd.Event
		if err := segmentError(ev.Text, ev.Paragraphs, nd.Tokens, ev.Sentences); err != nil {
			t.Fatalf("normalized: %v\ntext %q", err, ev.Text)
		}
		if err := tilingError(ev.Text, ev.Paragraphs, ev.Sentences); err != nil {
			t.Fatalf("normalized: %v\ntext %q", err, ev.Text)
		}
		if ev.TokenCount != len(nd.Tokens) {
			t.Fatalf("TokenCount %d, %d tokens", ev.TokenCount, len(nd.Tokens))
		}
	})
}

// tilingError checks that the sentences of each normalized paragraph
// start at its start, end at its end and are separated by at most one
// space.
func tilingError(text string, paras []event.Paragraph, sents []event.Span) error {
	i := 0
	for _, p := range paras {
		pos := p.Start
		for i < len(sents) && sents[i].Start < p.End {
			// Sentences after 。！？ need no space between them.
			if gap := text[pos:sents[i].Start]; pos == p.Start && gap != "" || gap != "" && gap != " " {
				return fmt.Errorf("sentence %d starts after %q in paragraph %+v", i, text[pos:sents[i].Start], p)
			}
			pos = sents[i].End
			i++
		}
		if pos != p.End {
			return fmt.Errorf("paragraph %+v %q: its sentences end at %d", p, text[p.Start:p.End], pos)
		}
	}
	return nil
}

// splitParagraphs cuts text at "\n\n" like decode lays out Text; empty
// parts are no paragraph.
func splitParagraphs(text string) []event.Paragraph {
	var paras []event.Paragraph
	start := 0
	for {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		if end > start {
			paras = append(paras, event.Paragraph{Kind: event.ParagraphBody, Start: start, End: end})
		}
		if i < 0 {
			return paras
		}
		start = end + 2
	}
}
