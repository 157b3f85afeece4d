package quotes

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "quotes"

// maxPieces bounds the quotations examined per article; real articles
// have a few dozen. Past it the stage warns and keeps what it found.
const maxPieces = 1024

// Quotes is the quotes stage. It is safe for concurrent use by several
// goroutines, each with its own Document; it holds no state between
// articles apart from pooled scratch memory.
type Quotes struct {
	pool sync.Pool // *state
}

var _ extract.Stage = (*Quotes)(nil)

// New returns the quotes stage.
func New() *Quotes {
	q := &Quotes{}
	q.pool.New = func() any { return new(state) }
	return q
}

// Name implements [extract.Stage].
func (q *Quotes) Name() string { return StageName }

// Process implements [extract.Stage]: it sets doc.Event.Quotes from
// doc.Event.Text, Paragraphs and Entities. On a document in another
// language than English it marks the stage skipped and leaves the event
// alone. It never fails on any text; it returns an error only when ctx is
// done.
func (q *Quotes) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract quotes: %w", err)
	}
	if !doc.English() {
		doc.MarkSkipped(StageName, "language "+doc.Event.Language.Code)
		return nil
	}
	ev := &doc.Event
	quotes, truncated := q.extract(ev.Text, ev.Paragraphs, ev.Entities)
	ev.Quotes = quotes
	if truncated {
		doc.Warn(StageName, "more than "+strconv.Itoa(maxPieces)+" quotations; the rest were not examined")
	}
	return nil
}

// Extract returns the direct quotations of text, in text order, with
// their speakers linked to entities (indices into entities, which must be
// the event's Entities for the same text). paragraphs are the event's
// Paragraphs; when they are missing or invalid, blank lines separate
// paragraphs. Quote texts and speakers are substrings of text or entity
// names. The result is nil when there are no quotations.
func (q *Quotes) Extract(text string, paragraphs []event.Paragraph, entities []event.Entity) []event.Quote {
	quotes, _ := q.extract(text, paragraphs, entities)
	return quotes
}

func (q *Quotes) extract(text string, paragraphs []event.Paragraph, entities []event.Entity) ([]event.Quote, bool) {
	st := q.pool.Get().(*state)
	defer q.put(st)
	st.reset(text, entities)

	paras := st.paragraphs(paragraphs)
	truncated := st.findPieces(paras)
	if len(st.pieces) == 0 {
		return nil, truncated
	}
	st.dropUnclosed()
	st.splitSentences(paras)
	st.indexMentions()
	for i := range st.pieces {
		if st.pieces[i].drop {
			continue
		}
		if a, ok := st.attribute(i); ok {
			st.pieces[i].attr = int32(len(st.attrs))
			st.attrs = append(st.attrs, a)
			if a.role.end > 0 {
				st.roles = append(st.roles, a.who)
			}
		}
	}
	st.propagate()
	return st.result(), truncated
}

// put returns st to the pool unless one huge article made it too big to
// keep around.
func (q *Quotes) put(st *state) {
	if cap(st.sents) > 1<<14 || cap(st.ments) > 1<<14 || cap(st.paras) > 1<<14 {
		return
	}
	st.reset("", nil)
	q.pool.Put(st)
}

// state is the scratch memory of one extraction.
type state struct {
	text    string
	ents    []event.Entity
	paras   []span
	pieces  []piece
	sents   []span
	ments   []ment
	persons []ment
	toks    []tok
	cues    []cue
	attrs   []attrib
	roles   []who // role speakers so far, for "the spokesman"
	lbuf    [32]byte
}

func (st *state) reset(text string, ents []event.Entity) {
	st.text, st.ents = text, ents
	st.paras = st.paras[:0]
	st.pieces = st.pieces[:0]
	st.sents = st.sents[:0]
	st.ments = st.ments[:0]
	st.persons = st.persons[:0]
	st.toks = st.toks[:0]
	st.cues = st.cues[:0]
	clear(st.attrs) // drop references to the last article's strings
	st.attrs = st.attrs[:0]
	clear(st.roles)
	st.roles = st.roles[:0]
}

// propagate gives unattributed pieces the attribution of their
// multi-paragraph quotation, or, for a quotation that opens its sentence,
// of the last attributed quotation before it in the same paragraph (`"…,"
// she said. "…"`).
func (st *state) propagate() {
	ps := st.pieces
	chain := func() {
		for i := 1; i < len(ps); i++ {
			if ps[i].cont && ps[i].attr < 0 {
				ps[i].attr = ps[i-1].attr
			}
		}
		for i := len(ps) - 1; i > 0; i-- {
			if ps[i].cont && ps[i-1].attr < 0 {
				ps[i-1].attr = ps[i].attr
			}
		}
	}
	chain()
	for i := range ps {
		p := &ps[i]
		if p.attr >= 0 || p.drop || p.cont || p.open != st.sents[p.sent].start {
			continue
		}
		for j := i - 1; j >= 0 && ps[j].para == p.para; j-- {
			if ps[j].attr >= 0 {
				p.attr = ps[j].attr
				break
			}
		}
	}
	chain()
}

// keep reports whether piece p is a quotation worth reporting: attributed
// quotations always are; unattributed ones need three words or more and
// must not be a name in Title Case ("Ring of Fire").
func (st *state) keep(p *piece) bool {
	if p.drop {
		return false
	}
	if p.attr >= 0 {
		return true
	}
	words := st.text[p.start:p.end]
	return countWords(words, 3) >= 3 && !titleCase(words)
}

// result builds the event's quotations: one allocation for the quotes
// and one for their speaker spans.
func (st *state) result() []event.Quote {
	n, spans := 0, 0
	for i := range st.pieces {
		if p := &st.pieces[i]; st.keep(p) {
			n++
			if p.attr >= 0 {
				spans++
			}
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]event.Quote, 0, n)
	slab := make([]event.Span, spans)
	for i := range st.pieces {
		p := &st.pieces[i]
		if !st.keep(p) {
			continue
		}
		qt := event.Quote{Start: int(p.start), End: int(p.end), Text: st.text[p.start:p.end], SpeakerEntity: -1}
		if p.attr >= 0 {
			a := &st.attrs[p.attr]
			qt.Speaker, qt.SpeakerEntity, qt.Cue = a.text, a.ent, a.cue
			slab[0] = event.Span{Start: int(a.start), End: int(a.end)}
			qt.SpeakerSpan = &slab[0]
			slab = slab[1:]
		}
		out = append(out, qt)
	}
	return out
}

// titleCase reports whether s reads as a name: every word capitalised
// except function words, six words at most.
func titleCase(s string) bool {
	words := 0
	for s != "" {
		i := 0
		for i < len(s) && !isWordByte(s[i]) {
			i++
		}
		j := i
		for j < len(s) && (isWordByte(s[j]) || s[j] == '\'' || s[j] == '-' || s[j] == '.') {
			j++
		}
		if i == j {
			break
		}
		w := s[i:j]
		if !(w[0] >= 'A' && w[0] <= 'Z' || w[0] >= 0x80 || w[0] >= '0' && w[0] <= '9') && !functionWord(w) {
			return false
		}
		words++
		if words > 6 {
			return false
		}
		s = s[j:]
	}
	return words > 0
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
