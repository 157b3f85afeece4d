package summary

import (
	"github.com/wirestream/wirestream/internal/extract/extracttest"
	"github.com/wirestream/wirestream/internal/extract/fallback"
	"os"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// FuzzSummarize checks the sentence splitter, the dateline and byline
// rules and both methods on any text: no panic, and every summary's
// spans sorted, inside the text and on rune boundaries, with Text made
// of them; and that paragraphs and sentences of any shape (as a buggy
// earlier stage might leave them) cannot break it.
func FuzzSummarize(f *testing.F) {
	for _, s := range []string{
		"Headline\n\nStandfirst.\n\nBONN, Germany (Wire) - Talks ended. By Friday they had failed. Gen. J. Smith left at 6 a.m. By noon he was home.",
		"H\n\nS\n\nBy Ann Lee, Reporter\n\nReporting by X; Editing by Y\n\n“Yes,” he said. “No.” Then? Done!",
		"WASHINGTON — A. — B — C -- D - E",
		"A\xffB. C\xe2\x80. D’s. ' . . . !!! ??? … …",
		"Ö'É-Ü\u0301. (X) ‘Y’ Z- 1,000,000.5. U.S. officials met U.N. envoys.",
		strings.Repeat("The river port closed. Barges wait at the river port. ", 30),
	} {
		f.Add(s, uint8(0))
	}
	if raw, err := os.ReadFile(extracttest.SharedSample); err == nil {
		f.Add(string(raw), uint8(1))
	}
	lead := newSummarizer(f)
	tr := newSummarizer(f, WithMethod(MethodTextRank), WithTextRankWindow(20))
	f.Fuzz(func(t *testing.T, text string, shape uint8) {
		doc := &extract.Document{Event: event.Event{Text: text}}
		n := len(text)
		switch shape % 4 {
		case 1:
			doc.Event.Paragraphs = extracttest.Paragraphs(text)
		case 2:
			doc.Event.Paragraphs = []event.Paragraph{{Kind: event.ParagraphBody, Start: n / 2, End: n}, {Start: 0, End: n / 3}}
			doc.Event.Sentences = []event.Span{{Start: 0, End: n / 2}, {Start: n / 3, End: n + 1}}
		case 3:
			doc.Event.Paragraphs = extracttest.Paragraphs(text)
			for _, p := range doc.Event.Paragraphs {
				doc.Event.Sentences = fallback.Sentences(doc.Event.Sentences, text, p.Start, p.End)
			}
		}
		if shape&4 != 0 {
			doc.Event.Byline = strings.TrimSpace(text[:n/4])
		}
		if shape&8 != 0 {
			doc.Event.Language = &event.Language{Code: "de"}
		}
		checkSummary(t, text, lead.Summarize(doc), DefaultSentences)
		checkSummary(t, text, tr.Summarize(doc), DefaultSentences)
	})
}
