package entities

import (
	"slices"
	"sync"

	"github.com/wirestream/wirestream/event"
)

// TypeTitle is the Span type of a title or role ("President", "Gen.",
// "supreme leader") that qualifies the next person span. It is not an
// entity type: the stage moves titles into the person's Entity.Titles.
const TypeTitle = "title"

// Span is one typed mention found by a [Tagger]: a half-open UTF-8 byte
// range of the text and its type, one of the event.Entity* types or
// [TypeTitle].
type Span struct {
	Start, End int
	Type       string
}

// Tagger finds entity mentions in an article. The rule-based [RuleTagger]
// is the default; a statistical tagger implements the same interface and
// replaces it with [WithTagger], or joins it with [Combine].
//
// Tag appends the spans found in text to buf and returns the extended
// slice, so callers can reuse one buffer. paragraphs are the article's
// paragraphs (event.Event.Paragraphs), telling the headline from the
// body; when there are none the whole text is body. The spans it appends
// must be sorted by Start, must not overlap, and must lie within text on
// rune boundaries; the stage drops any span that breaks these rules
// rather than trusting it. A title span is followed by the person span it
// qualifies. Tag must not keep text or buf, and must be safe for
// concurrent use.
type Tagger interface {
	Tag(text string, paragraphs []event.Paragraph, buf []Span) []Span
}

// Combine returns a Tagger that keeps every span of primary and adds the
// spans of secondary that overlap none of them: for example a statistical
// tagger first and the rule-based one to fill its gaps, or the other way
// round.
func Combine(primary, secondary Tagger) Tagger {
	c := &combined{primary: primary, secondary: secondary}
	c.pool.New = func() any { s := make([]Span, 0, 256); return &s }
	return c
}

type combined struct {
	primary, secondary Tagger
	pool               sync.Pool // *[]Span
}

func (c *combined) Tag(text string, paragraphs []event.Paragraph, buf []Span) []Span {
	n0 := len(buf)
	buf = c.primary.Tag(text, paragraphs, buf)
	n1 := len(buf)
	sp := c.pool.Get().(*[]Span)
	defer c.pool.Put(sp)
	extra := c.secondary.Tag(text, paragraphs, (*sp)[:0])
	*sp = extra[:0]
	j := n0
	for _, s := range extra {
		// Advance past primary spans that end before s starts.
		for j < n1 && buf[j].End <= s.Start {
			j++
		}
		if j < n1 && buf[j].Start < s.End {
			continue // overlaps a primary span
		}
		buf = append(buf, s)
	}
	slices.SortStableFunc(buf[n0:], func(a, b Span) int { return a.Start - b.Start })
	return buf
}
