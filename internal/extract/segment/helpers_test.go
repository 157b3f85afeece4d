package segment

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
	"github.com/wirestream/wirestream/internal/extract/normalize"
)

func newSegmenter(tb testing.TB, opts ...Option) *Segmenter {
	tb.Helper()
	s, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}

// prepare runs decode and normalize on a payload file, as the worker
// does before this stage.
func prepare(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	must := extracttest.Must(tb)
	return extracttest.Load(tb, path, must(decode.New()), must(normalize.New()))
}

// goldenInputs returns the project's samples and this package's own
// fixtures (testdata/*.txt).
func goldenInputs(tb testing.TB) []string {
	tb.Helper()
	fixtures, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return append(extracttest.SampleFiles(tb), fixtures...)
}

// kindLetter names token kinds in test expectations.
var kindLetter = [...]string{extract.TokenWord: "w", extract.TokenNumber: "n", extract.TokenPunct: "p", extract.TokenSymbol: "s"}

// tokenString shows tokens as "text/kind", separated by spaces.
func tokenString(text string, toks []extract.Token) string {
	parts := make([]string, len(toks))
	for i, tk := range toks {
		parts[i] = text[tk.Start:tk.End] + "/" + kindLetter[tk.Kind]
	}
	return strings.Join(parts, " ")
}

// sentenceTexts returns the text of each sentence.
func sentenceTexts(text string, sents []event.Span) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = text[s.Start:s.End]
	}
	return out
}

// skipped mirrors the stage's rule for characters that are no token's:
// white space, controls and the invisible formatting characters that
// the normalize stage removes.
func skipped(r rune) bool {
	switch {
	case unicode.IsSpace(r) || unicode.IsControl(r):
		return true
	case r == 0xad || r == 0x061c || r == 0x180e || r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2060 && r <= 0x206f:
		return true
	}
	return false
}

// segmentError checks the invariants of a segmentation of text with the
// paragraph spans paras: tokens ordered, not overlapping, non-empty, on
// rune boundaries (for valid UTF-8), inside one paragraph and inside
// their sentence, with sentence indexes that never go down; every
// character outside the tokens skipped; sentences ordered, not
// overlapping, non-empty, inside one paragraph, starting at a token's
// start and ending at a token's end, each with at least one token.
func segmentError(text string, paras []event.Paragraph, toks []extract.Token, sents []event.Span) error {
	valid := utf8.ValidString(text)
	prevEnd, prevSent, para := 0, int32(0), 0
	firstOf := make([]int, len(sents))
	for i := range firstOf {
		firstOf[i] = -1
	}
	for i, tk := range toks {
		start, end := int(tk.Start), int(tk.End)
		if start < prevEnd || start >= end || end > len(text) {
			return fmt.Errorf("token %d [%d,%d) after %d, text %d bytes", i, start, end, prevEnd, len(text))
		}
		if valid && (!utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end])) {
			return fmt.Errorf("token %d %q not on rune boundaries", i, text[start:end])
		}
		if tk.Kind > extract.TokenSymbol {
			return fmt.Errorf("token %d %q has kind %d", i, text[start:end], tk.Kind)
		}
		for para < len(paras) && paras[para].End <= start {
			para++
		}
		if para < len(paras) && (start < paras[para].Start || end > paras[para].End) {
			return fmt.Errorf("token %d %q [%d,%d) crosses paragraph %+v", i, text[start:end], start, end, paras[para])
		}
		if tk.Sentence < prevSent || int(tk.Sentence) >= len(sents) {
			return fmt.Errorf("token %d %q in sentence %d after %d of %d", i, text[start:end], tk.Sentence, prevSent, len(sents))
		}
		s := sents[tk.Sentence]
		if start < s.Start || end > s.End {
			return fmt.Errorf("token %d %q [%d,%d) outside its sentence [%d,%d)", i, text[start:end], start, end, s.Start, s.End)
		}
		if firstOf[tk.Sentence] < 0 {
			firstOf[tk.Sentence] = i
			if start != s.Start {
				return fmt.Errorf("sentence %d starts at %d, its first token at %d", tk.Sentence, s.Start, start)
			}
		}
		if (i+1 == len(toks) || toks[i+1].Sentence != tk.Sentence) && end != s.End {
			return fmt.Errorf("sentence %d ends at %d, its last token at %d", tk.Sentence, s.End, end)
		}
		prevEnd, prevSent = end, tk.Sentence
	}
	if valid {
		if err := coverageError(text, paras, toks); err != nil {
			return err
		}
	}
	prev := 0
	for i, s := range sents {
		if s.Start < prev || s.Start >= s.End || s.End > len(text) {
			return fmt.Errorf("sentence %d [%d,%d) after %d", i, s.Start, s.End, prev)
		}
		if firstOf[i] < 0 {
			return fmt.Errorf("sentence %d %q has no token", i, text[s.Start:s.End])
		}
		if len(paras) > 0 && !inOneParagraph(paras, s) {
			return fmt.Errorf("sentence %d %q [%d,%d) crosses a paragraph boundary", i, text[s.Start:s.End], s.Start, s.End)
		}
		if len(paras) == 0 && strings.Contains(text[s.Start:s.End], "\n\n") {
			return fmt.Errorf("sentence %d %q crosses a blank line", i, text[s.Start:s.End])
		}
		prev = s.End
	}
	return nil
}

func inOneParagraph(paras []event.Paragraph, s event.Span) bool {
	for _, p := range paras {
		if s.Start >= p.Start && s.End <= p.End {
			return true
		}
	}
	return false
}

// coverageError checks that every character of every paragraph (of the
// whole text when there are none) is either skipped or in a token.
func coverageError(text string, paras []event.Paragraph, toks []extract.Token) error {
	covered := make([]bool, len(text))
	for _, tk := range toks {
		for i := tk.Start; i < tk.End; i++ {
			covered[i] = true
		}
	}
	if len(paras) == 0 {
		paras = []event.Paragraph{{Start: 0, End: len(text)}}
	}
	for _, p := range paras {
		for i, r := range text[p.Start:p.End] {
			if !skipped(r) && !covered[p.Start+i] {
				return fmt.Errorf("character %q at %d belongs to no token", r, p.Start+i)
			}
		}
	}
	return nil
}
