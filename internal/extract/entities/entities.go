package entities

import (
	"context"
	"fmt"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "entities"

// Entities is the entities stage. It is safe for concurrent use by
// several goroutines, each with its own Document; it holds no state
// between articles apart from pooled scratch memory.
type Entities struct {
	g      *gazetteer.Gazetteer
	tagger Tagger
	pool   sync.Pool // *linkState
}

var _ extract.Stage = (*Entities)(nil)

// Option configures [New].
type Option func(*options) error

type options struct {
	tagger Tagger
}

// WithTagger makes the stage use t instead of the rule-based tagger: a
// statistical tagger, or one made with [Combine].
func WithTagger(t Tagger) Option {
	return func(o *options) error {
		if t == nil {
			return ErrNoTagger
		}
		o.tagger = t
		return nil
	}
}

// New returns the entities stage linking mentions to g. Without
// [WithTagger] it tags with a [RuleTagger] over g.
func New(g *gazetteer.Gazetteer, opts ...Option) (*Entities, error) {
	if g == nil {
		return nil, fmt.Errorf("new entities stage: %w", ErrNoGazetteer)
	}
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, fmt.Errorf("new entities stage: %w", err)
		}
	}
	if o.tagger == nil {
		rt, err := NewRuleTagger(g)
		if err != nil {
			return nil, fmt.Errorf("new entities stage: %w", err)
		}
		o.tagger = rt
	}
	s := &Entities{g: g, tagger: o.tagger}
	s.pool.New = func() any { return newLinkState() }
	return s, nil
}

// Name implements [extract.Stage].
func (s *Entities) Name() string { return StageName }

// Process implements [extract.Stage]: it sets doc.Event.Entities from
// doc.Event.Text and doc.Event.Paragraphs, which the decode stage fills,
// and the Entities of each related story. An article in a language other
// than English is skipped (MarkSkipped), as the taggers are English.
// It never fails on any text; it returns an error only when ctx is done.
func (s *Entities) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract entities: %w", err)
	}
	if !doc.English() {
		// The statistical tagger and the rules' cue words are English.
		doc.MarkSkipped(StageName, "language "+doc.Event.Language.Code)
		return nil
	}
	doc.Event.Entities = s.Extract(doc.Event.Text, doc.Event.Paragraphs)
	s.tagRelated(doc.Event.Related, doc.Event.Entities)
	return nil
}

// Extract returns the entities of an article: one per distinct canonical
// entity, sorted by salience (highest first), then name. Mention texts
// are substrings of text. The result is never nil.
func (s *Entities) Extract(text string, paragraphs []event.Paragraph) []event.Entity {
	st := s.pool.Get().(*linkState)
	defer s.pool.Put(st)
	st.spans = s.tagger.Tag(text, paragraphs, st.spans[:0])
	return st.link(s.g, text, paragraphs)
}
