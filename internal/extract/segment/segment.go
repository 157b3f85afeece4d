package segment

import (
	"context"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the segment stage in metrics, timings and
// warnings, as returned by [Segmenter.Name].
const StageName = "segment"

// Segmenter is the segment stage. It is immutable after [New] and safe
// for concurrent use by several goroutines, each with its own Document.
type Segmenter struct {
	// extra holds the abbreviations added with [WithAbbreviations]; nil
	// when there are none.
	extra map[string]struct{}
}

var _ extract.Stage = (*Segmenter)(nil)

// config is what the options set.
type config struct {
	abbreviations []string
}

// Option changes a default of [New]. It returns an error when its value
// is invalid.
type Option func(*config) error

// maxAbbreviationBytes bounds an added abbreviation: the built-in ones
// are at most six bytes long.
const maxAbbreviationBytes = 32

// WithAbbreviations adds abbreviations to the built-in lists, written
// without their final period ("Rt", "Hon", "Bhd"). A period after one of
// them ends a sentence only when a common sentence opener ("The", "It",
// "But", …) follows, like after "Inc." or "U.S.". Each must be made of
// letters, optionally with inner periods ("Ph.D"), and be at most 32
// bytes long.
func WithAbbreviations(words ...string) Option {
	return func(c *config) error {
		for _, w := range words {
			if err := checkAbbreviation(w); err != nil {
				return err
			}
		}
		c.abbreviations = append(c.abbreviations, words...)
		return nil
	}
}

func checkAbbreviation(w string) error {
	if w == "" || len(w) > maxAbbreviationBytes || w[0] == '.' || w[len(w)-1] == '.' {
		return fmt.Errorf("%w: %q", ErrBadAbbreviation, w)
	}
	prevDot := false
	for _, r := range w {
		switch {
		case r == '.' && !prevDot:
			prevDot = true
		case unicode.IsLetter(r):
			prevDot = false
		default:
			return fmt.Errorf("%w: %q", ErrBadAbbreviation, w)
		}
	}
	return nil
}

// New returns a Segmenter with the defaults changed by opts.
func New(opts ...Option) (*Segmenter, error) {
	var cfg config
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("new segment stage: %w", err)
		}
	}
	s := &Segmenter{}
	if len(cfg.abbreviations) > 0 {
		s.extra = make(map[string]struct{}, len(cfg.abbreviations))
		for _, w := range cfg.abbreviations {
			s.extra[w] = struct{}{}
		}
	}
	return s, nil
}

// Name returns [StageName].
func (s *Segmenter) Name() string { return StageName }

// Process sets doc.Event.Sentences, doc.Event.TokenCount and doc.Tokens
// from doc.Event.Text and doc.Event.Paragraphs, which the decode and
// normalize stages fill. It reuses the capacity of doc.Tokens and of
// doc.Event.Sentences.
//
// It fails with an [*extract.InputError] of reason malformed when
// Paragraphs does not describe Text and too_large when Text is over 2 GiB
// (token offsets are int32); a cancelled ctx yields an error wrapping
// ctx.Err(). The document is left untouched when Process fails.
func (s *Segmenter) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("segment article: %w", err)
	}
	ev := &doc.Event
	toks, sents, err := s.Segment(ev.Text, ev.Paragraphs, doc.Tokens[:0], ev.Sentences[:0])
	if err != nil {
		return err
	}
	doc.Tokens = toks
	ev.Sentences = sents
	ev.TokenCount = len(toks)
	return nil
}

// Segment appends the tokens of text to toks and its sentences to sents
// and returns both. paras are the paragraph spans of text; a sentence
// never crosses one, and text outside every paragraph is ignored. When
// paras is empty, text is cut into paragraphs at each "\n\n". The Sentence
// field of each token indexes the returned sents.
//
// The errors are those of [Segmenter.Process]; toks and sents are
// returned unchanged with an error.
func (s *Segmenter) Segment(text string, paras []event.Paragraph, toks []extract.Token, sents []event.Span) ([]extract.Token, []event.Span, error) {
	if len(text) > math.MaxInt32 {
		return toks, sents, extract.BadInput(extract.ReasonTooLarge, "the text is %d bytes, over the segment stage's limit of %d", len(text), math.MaxInt32)
	}
	if err := checkParagraphs(text, paras); err != nil {
		return toks, sents, err
	}
	// Presize from typical news text, about five bytes per token and well
	// over 64 per sentence, so that an article costs one allocation each.
	if cap(toks)-len(toks) < len(text)/4 {
		toks = append(make([]extract.Token, 0, len(toks)+len(text)/4+16), toks...)
	}
	if cap(sents)-len(sents) < len(text)/64+len(paras) {
		sents = append(make([]event.Span, 0, len(sents)+len(text)/64+len(paras)+1), sents...)
	}
	st := state{text: text, extra: s.extra, toks: toks, sents: sents, sent: int32(len(sents)), open: -1, pend: pendStart}
	if len(paras) == 0 {
		for from := 0; from < len(text); {
			to := len(text)
			if i := indexBlankLine(text[from:]); i >= 0 {
				to = from + i
			}
			st.paragraph(from, to)
			from = to + 2
		}
	}
	for _, p := range paras {
		st.paragraph(p.Start, p.End)
	}
	return st.toks, st.sents, nil
}

// indexBlankLine returns the index of the first "\n\n" in s, or -1.
func indexBlankLine(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\n' && s[i+1] == '\n' {
			return i
		}
	}
	return -1
}

// checkParagraphs rejects paragraphs that do not describe text: out of
// range, out of order, overlapping or cutting a character in two. (Bytes
// that are not valid UTF-8 are no character: the UTF-8 check reports them
// with a better message.)
func checkParagraphs(text string, paras []event.Paragraph) error {
	prev := 0
	for i, p := range paras {
		if p.Start < prev || p.End < p.Start || p.End > len(text) {
			return extract.BadInput(extract.ReasonMalformed, "paragraph %d spans [%d,%d), which is not inside the text of %d bytes after the previous paragraph's end %d", i, p.Start, p.End, len(text), prev)
		}
		if cutsRune(text, p.Start) || cutsRune(text, p.End) {
			return extract.BadInput(extract.ReasonMalformed, "paragraph %d spans [%d,%d), which cuts a character in two", i, p.Start, p.End)
		}
		prev = p.End
	}
	return nil
}

// cutsRune reports whether offset i of text falls inside a valid
// multi-byte UTF-8 sequence.
func cutsRune(text string, i int) bool {
	if i <= 0 || i >= len(text) || utf8.RuneStart(text[i]) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-utf8.UTFMax+1; k-- {
		if utf8.RuneStart(text[k]) {
			r, size := utf8.DecodeRuneInString(text[k:])
			return (r != utf8.RuneError || size > 1) && k+size > i
		}
	}
	return false
}
