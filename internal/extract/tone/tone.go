package tone

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "tone"

// DefaultNegationWindow is how many words after a negator a lexicon word
// is negated: "not good", "did not seem good".
const DefaultNegationWindow = 3

// Scorer is the tone stage: it sets Event.Tone. It is immutable after
// [New] and safe for concurrent use by several goroutines, each with its
// own Document; it allocates only the result.
type Scorer struct {
	lex            *lexicon
	negationWindow int
	pool           sync.Pool // *[]span: sorted entity mentions
}

var _ extract.Stage = (*Scorer)(nil)

// Option changes a default of [New]. It returns an error wrapping
// [ErrInvalidOption] when its value is out of range.
type Option func(*Scorer) error

// WithNegationWindow sets how many words after a negator a lexicon word
// counts for the opposite list, 0 (no negation handling: plain GDELT
// tone) to 10.
func WithNegationWindow(n int) Option {
	return func(s *Scorer) error {
		if n < 0 || n > 10 {
			return fmt.Errorf("%w: negation window %d not in [0,10]", ErrInvalidOption, n)
		}
		s.negationWindow = n
		return nil
	}
}

// New returns the tone stage with the defaults changed by opts. It fails
// only on an invalid option.
func New(opts ...Option) (*Scorer, error) {
	s := &Scorer{negationWindow: DefaultNegationWindow}
	for _, opt := range opts {
		if err := opt(s); err != nil {
			return nil, fmt.Errorf("new tone stage: %w", err)
		}
	}
	lex, err := loadLexicon()
	if err != nil {
		return nil, fmt.Errorf("new tone stage: %w", err)
	}
	s.lex = lex
	s.pool.New = func() any { return new([]span) }
	return s, nil
}

// Name implements [extract.Stage].
func (s *Scorer) Name() string { return StageName }

// Process implements [extract.Stage]: for English articles it sets
// Event.Tone (nil for a text without words); other languages are marked
// skipped and get no tone. It never fails on any text; it returns an
// error only when ctx is done.
func (s *Scorer) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("score tone: %w", err)
	}
	if !doc.English() {
		doc.Event.Tone = nil
		doc.MarkSkipped(StageName, "language "+doc.Event.Language.Code)
		return nil
	}
	doc.Event.Tone = s.Score(doc)
	return nil
}

// Score returns the tone of doc's text, whatever its language, or nil
// when the text has no words. It reads Event.Text, Event.Entities and
// doc.Tokens, and changes nothing.
func (s *Scorer) Score(doc *extract.Document) *event.Tone {
	c := s.count(doc)
	if c.words == 0 {
		return nil
	}
	pct := func(n int) float64 { return round3(100 * float64(n) / float64(c.words)) }
	return &event.Tone{
		Score:     pct(c.positive - c.negative),
		Positive:  pct(c.positive),
		Negative:  pct(c.negative),
		Polarity:  pct(c.positive + c.negative),
		WordCount: c.words,
	}
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
