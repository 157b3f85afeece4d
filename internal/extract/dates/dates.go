package dates

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "dates"

// DefaultMaxMentions bounds the date mentions of one article; a real
// article has a few dozen.
const DefaultMaxMentions = 1000

// Dates is the dates stage. It is immutable after [New] and safe for
// concurrent use by several goroutines, each with its own Document; it
// holds no state between articles apart from pooled scratch memory.
type Dates struct {
	lex         *lexicon
	maxMentions int
	pool        sync.Pool // *extractor
}

var _ extract.Stage = (*Dates)(nil)

// Option changes a default of [New]. It returns an error when its value
// is out of range.
type Option func(*Dates) error

// WithMaxMentions sets the most date mentions kept for one article (n >=
// 1); the stage warns when an article has more.
func WithMaxMentions(n int) Option {
	return func(d *Dates) error {
		if n < 1 {
			return fmt.Errorf("%w: max mentions %d below 1", ErrBadOption, n)
		}
		d.maxMentions = n
		return nil
	}
}

// New returns the dates stage.
func New(opts ...Option) (*Dates, error) {
	d := &Dates{lex: newLexicon(), maxMentions: DefaultMaxMentions}
	for _, opt := range opts {
		if err := opt(d); err != nil {
			return nil, fmt.Errorf("new dates stage: %w", err)
		}
	}
	d.pool.New = func() any { return &extractor{toks: make([]token, 0, 1024)} }
	return d, nil
}

// Name implements [extract.Stage].
func (d *Dates) Name() string { return StageName }

// Anchor is the time that relative expressions are resolved against,
// and what it is (event.AnchorPublished or event.AnchorIngested). Its
// civil date is taken in Time's own location.
type Anchor struct {
	Time time.Time
	Kind string
}

// AnchorOf returns the anchor of doc: the publication time when the
// article gave one, else the time JetStream stored the raw message, else
// the time the worker received it. Time is zero when doc has none of
// them.
func AnchorOf(doc *extract.Document) Anchor {
	switch {
	case doc.Event.PublishedAt != nil && !doc.Event.PublishedAt.IsZero():
		return Anchor{Time: *doc.Event.PublishedAt, Kind: event.AnchorPublished}
	case !doc.Raw.Published.IsZero():
		return Anchor{Time: doc.Raw.Published, Kind: event.AnchorIngested}
	case !doc.Raw.Received.IsZero():
		return Anchor{Time: doc.Raw.Received, Kind: event.AnchorIngested}
	}
	return Anchor{Kind: event.AnchorIngested}
}

// Process implements [extract.Stage]: it sets doc.Event.Dates from
// doc.Event.Text, resolved against [AnchorOf](doc). On a non-English
// article it marks the stage skipped and leaves the event alone. It uses
// doc.Event.Sentences when the segment stage has set them. It never fails
// on any text; it returns an error only when ctx is done.
func (d *Dates) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract dates: %w", err)
	}
	if !doc.English() {
		doc.MarkSkipped(StageName, "language "+doc.Event.Language.Code)
		return nil
	}
	a := AnchorOf(doc)
	if a.Time.IsZero() {
		doc.Warn(StageName, "no publication or ingest time: relative dates left out")
	}
	ms, truncated := d.extract(doc.Event.Text, doc.Event.Sentences, a)
	if truncated {
		doc.Warn(StageName, "more than "+strconv.Itoa(d.maxMentions)+" date mentions: the rest left out")
	}
	doc.Event.Dates = ms
	return nil
}

// Extract returns the date and time expressions of text, in order and
// without overlaps, resolved against a. Expressions that need the anchor
// are left out when a.Time is zero. The result is nil when there are
// none; mention texts are substrings of text.
func (d *Dates) Extract(text string, a Anchor) []event.DateMention {
	ms, _ := d.extract(text, nil, a)
	return ms
}

func (d *Dates) extract(text string, sents []event.Span, a Anchor) ([]event.DateMention, bool) {
	x := d.pool.Get().(*extractor)
	defer d.pool.Put(x)
	x.text, x.sents, x.a, x.max = text, sents, newAnchor(a), d.maxMentions
	x.run(d.lex)
	x.text, x.sents = "", nil // do not keep the article alive in the pool
	if len(x.found) == 0 {
		return nil, x.truncated
	}
	// All values go into one string: two allocations per article.
	x.vbuf, x.offs = x.vbuf[:0], x.offs[:0]
	for i := range x.found {
		x.offs = append(x.offs, int32(len(x.vbuf)))
		x.vbuf = appendValue(x.vbuf, &x.found[i].v)
	}
	x.offs = append(x.offs, int32(len(x.vbuf)))
	values := string(x.vbuf)
	offs := x.offs
	ms := make([]event.DateMention, len(x.found))
	for i, f := range x.found {
		m := &ms[i]
		m.Start, m.End, m.Text = int(f.start), int(f.end), text[f.start:f.end]
		m.Value = values[offs[i]:offs[i+1]]
		m.Kind = f.v.kind.String()
		if f.v.relative {
			m.Relative, m.Anchor = true, a.Kind
		}
	}
	return ms, x.truncated
}
