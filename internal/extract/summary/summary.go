package summary

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "summary"

// Method is a way of choosing the summary's sentences.
type Method string

// Methods.
const (
	// MethodLead takes the first body sentences: wire copy is written as
	// an inverted pyramid, most important first.
	MethodLead Method = "lead"
	// MethodTextRank ranks the first sentences by their word overlap
	// with the others (TextRank) and takes the most central ones.
	MethodTextRank Method = "textrank"
)

// Defaults of [New].
const (
	DefaultMethod    = MethodLead // see the package documentation for why
	DefaultSentences = 3          // sentences per summary
	// DefaultTextRankWindow is how many body sentences TextRank ranks:
	// the cost grows with its square, and wire stories put what matters
	// early.
	DefaultTextRankWindow = 40
	// minWords is the fewest words a summary sentence has, so that
	// leftovers of page furniture ("Share this article.") stay out.
	minWords = 4
)

// Summarizer is the summary stage: it sets Event.Summary. It is
// immutable after [New] and safe for concurrent use by several
// goroutines, each with its own Document; it keeps no state between
// articles apart from pooled scratch memory.
type Summarizer struct {
	method    Method
	sentences int
	window    int
	stop      map[string]struct{}
	pool      sync.Pool // *scratch
}

var _ extract.Stage = (*Summarizer)(nil)

// Option changes a default of [New]. It returns an error wrapping
// [ErrInvalidOption] when its value is out of range.
type Option func(*Summarizer) error

// WithMethod sets how sentences are chosen: [MethodLead] or
// [MethodTextRank].
func WithMethod(m Method) Option {
	return func(s *Summarizer) error {
		if m != MethodLead && m != MethodTextRank {
			return fmt.Errorf("%w: method %q", ErrInvalidOption, m)
		}
		s.method = m
		return nil
	}
}

// WithSentences sets how many sentences a summary has, 1 to 10.
func WithSentences(n int) Option {
	return func(s *Summarizer) error {
		if n < 1 || n > 10 {
			return fmt.Errorf("%w: sentences %d not in [1,10]", ErrInvalidOption, n)
		}
		s.sentences = n
		return nil
	}
}

// WithTextRankWindow sets how many body sentences, from the first,
// TextRank ranks: 2 to 200.
func WithTextRankWindow(n int) Option {
	return func(s *Summarizer) error {
		if n < 2 || n > 200 {
			return fmt.Errorf("%w: textrank window %d not in [2,200]", ErrInvalidOption, n)
		}
		s.window = n
		return nil
	}
}

// New returns the summary stage with the defaults changed by opts. It
// fails only on an invalid option.
func New(opts ...Option) (*Summarizer, error) {
	s := &Summarizer{method: DefaultMethod, sentences: DefaultSentences, window: DefaultTextRankWindow}
	for _, opt := range opts {
		if err := opt(s); err != nil {
			return nil, fmt.Errorf("new summary stage: %w", err)
		}
	}
	s.stop = loadStopWords()
	s.pool.New = func() any { return newScratch() }
	return s, nil
}

// Name implements [extract.Stage].
func (s *Summarizer) Name() string { return StageName }

// Process implements [extract.Stage]: it sets Event.Summary, nil when
// the article has no body sentence. It runs on any language; TextRank
// needs English stop words, so other languages get the lead summary. It
// never fails on any text; it returns an error only when ctx is done.
func (s *Summarizer) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("summarize: %w", err)
	}
	doc.Event.Summary = s.Summarize(doc)
	return nil
}

// Summarize returns the summary of doc: the chosen sentences in text
// order, or nil when the article has no body sentence. It reads
// Event.Text, Event.Paragraphs, Event.Sentences, Event.Byline and
// Event.Language, and changes nothing.
func (s *Summarizer) Summarize(doc *extract.Document) *event.Summary {
	st := s.pool.Get().(*scratch)
	defer func() {
		st.reset() // drop the words before the scratch goes back to the pool
		s.pool.Put(st)
	}()
	method := s.method
	if method == MethodTextRank && !doc.English() {
		method = MethodLead
	}
	limit := s.sentences
	if method == MethodTextRank {
		limit = s.window
	}
	// Only the sentences a method may use are split and checked: the
	// lead needs the first few, TextRank its window.
	st.candidates(doc, limit)
	if len(st.cands) == 0 {
		return nil
	}
	var chosen []event.Span
	if method == MethodTextRank && len(st.cands) > s.sentences {
		chosen = s.textRank(st, doc.Event.Text)
	} else {
		chosen = st.cands[:min(s.sentences, len(st.cands))]
	}
	return build(doc.Event.Text, chosen)
}

// build returns the summary made of the spans of text, which are in
// text order.
func build(text string, spans []event.Span) *event.Summary {
	n := len(spans) - 1
	for _, sp := range spans {
		n += sp.End - sp.Start
	}
	var b strings.Builder
	b.Grow(n)
	for i, sp := range spans {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeSingleSpaced(&b, text[sp.Start:sp.End])
	}
	out := make([]event.Span, len(spans))
	copy(out, spans)
	return &event.Summary{Text: b.String(), Sentences: out}
}

// writeSingleSpaced writes s with every run of white space as one
// space: a sentence may hold a line break.
func writeSingleSpaced(b *strings.Builder, s string) {
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r':
			space = true
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
		}
	}
}
