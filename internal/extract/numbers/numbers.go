package numbers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "numbers"

// maxQuantities bounds the quantities reported per article; a real
// article has a few dozen. Past it the stage warns and stops.
const maxQuantities = 2048

// Numbers is the numbers stage. It is safe for concurrent use by several
// goroutines, each with its own Document; it holds no state between
// articles apart from pooled scratch memory.
type Numbers struct {
	pool sync.Pool // *state
}

var _ extract.Stage = (*Numbers)(nil)

// New returns the numbers stage.
func New() *Numbers {
	n := &Numbers{}
	n.pool.New = func() any { return new(state) }
	return n
}

// Name implements [extract.Stage].
func (n *Numbers) Name() string { return StageName }

// Process implements [extract.Stage]: it sets doc.Event.Numbers from
// doc.Event.Text and Paragraphs, leaving out the spans of doc.Event.Dates
// when the dates stage filled them. On a document in another language
// than English it marks the stage skipped and leaves the event alone. It
// never fails on any text; it returns an error only when ctx is done.
func (n *Numbers) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract numbers: %w", err)
	}
	if !doc.English() {
		doc.MarkSkipped(StageName, "language "+doc.Event.Language.Code)
		return nil
	}
	ev := &doc.Event
	qs, truncated := n.extract(ev.Text, ev.Paragraphs, ev.Dates)
	ev.Numbers = qs
	if truncated {
		doc.Warn(StageName, "more than "+strconv.Itoa(maxQuantities)+" quantities; the rest were not extracted")
	}
	return nil
}

// Extract returns the quantities of text in text order. paragraphs are
// the event's Paragraphs (when missing or invalid, blank lines separate
// paragraphs); numbers never combine across them. dates are the event's
// Dates, whose spans are not quantities; nil when the dates stage did not
// run. Texts, Counts and Contexts are substrings of text. The result is
// nil when there are no quantities.
func (n *Numbers) Extract(text string, paragraphs []event.Paragraph, dates []event.DateMention) []event.Quantity {
	qs, _ := n.extract(text, paragraphs, dates)
	return qs
}

func (n *Numbers) extract(text string, paragraphs []event.Paragraph, dates []event.DateMention) ([]event.Quantity, bool) {
	st := n.pool.Get().(*state)
	defer n.put(st)
	st.reset(text)
	st.paragraphs(paragraphs)
	for p, sp := range st.paras {
		st.tokenize(sp.start, sp.end, int32(p))
	}
	for _, d := range dates {
		if d.Start >= 0 && d.End <= len(text) && d.Start < d.End {
			st.dates = append(st.dates, span{int32(d.Start), int32(d.End)})
		}
	}
	slices.SortFunc(st.dates, func(a, b span) int { return int(a.start - b.start) })

	truncated := false
	for i := 0; i < len(st.toks); {
		// Most tokens are words that cannot start a number: skip them
		// without the cost of a call.
		if t := &st.toks[i]; t.kind != tkNum && (t.kind != tkWord || !mayStartNumber(st.text[t.start:t.end])) {
			i++
			continue
		}
		q, next, ok := st.quantityAt(i)
		if ok {
			if len(st.found) == maxQuantities {
				truncated = true
				break
			}
			st.found = append(st.found, q)
		}
		if ok || next > i+1 {
			// Consumed by a quantity or ruled out as a whole ("S-300"):
			// no later quantity may reach back into these tokens.
			st.floor = next
		}
		i = max(next, i+1)
	}
	return st.result(), truncated
}

// put returns st to the pool unless one huge article made it too big to
// keep around.
func (n *Numbers) put(st *state) {
	if cap(st.toks) > 1<<16 {
		return
	}
	st.text = ""
	n.pool.Put(st)
}

// span is a half-open byte range.
type span struct{ start, end int32 }

// state is the scratch memory of one extraction.
type state struct {
	text     string
	paras    []span
	headline []bool // per paragraph
	toks     []tok
	dates    []span
	found    []qty
	para     int32 // the paragraph of the number being read
	floor    int   // the first token not consumed by an earlier number
	lbuf     [32]byte
}

func (st *state) reset(text string) {
	st.text = text
	st.paras = st.paras[:0]
	st.headline = st.headline[:0]
	st.toks = st.toks[:0]
	st.dates = st.dates[:0]
	st.found = st.found[:0]
	st.floor = 0
}

// paragraphs sets st.paras from paras when they are valid (in order,
// inside the text), otherwise from the blocks of text between blank
// lines.
func (st *state) paragraphs(paras []event.Paragraph) {
	prev := 0
	valid := len(paras) > 0
	for _, p := range paras {
		if p.Start < prev || p.End < p.Start || p.End > len(st.text) {
			valid = false
			break
		}
		prev = p.End
	}
	if valid {
		for _, p := range paras {
			st.paras = append(st.paras, span{int32(p.Start), int32(p.End)})
			st.headline = append(st.headline, p.Kind == event.ParagraphHeadline)
		}
		return
	}
	start := 0
	for i := 0; i+1 < len(st.text); i++ {
		if st.text[i] == '\n' && st.text[i+1] == '\n' {
			if i > start {
				st.paras = append(st.paras, span{int32(start), int32(i)})
			}
			start = i + 2
			i++
		}
	}
	if start < len(st.text) {
		st.paras = append(st.paras, span{int32(start), int32(len(st.text))})
	}
	for range st.paras {
		st.headline = append(st.headline, false)
	}
}

// result converts the quantities found: one allocation.
func (st *state) result() []event.Quantity {
	if len(st.found) == 0 {
		return nil
	}
	out := make([]event.Quantity, len(st.found))
	for i, q := range st.found {
		start, end := st.toks[q.first].start, st.toks[q.end-1].end
		out[i] = event.Quantity{
			Start: int(start), End: int(end), Text: st.text[start:end],
			Value: q.value, Unit: q.unit, Approximate: q.approx,
			Counts: st.phrase(q.counts), Context: st.phrase(q.context),
		}
	}
	return out
}

// phrase is the text of a token range, "" for none.
func (st *state) phrase(r tokRange) string {
	if r.first < 0 {
		return ""
	}
	return st.text[st.toks[r.first].start:st.toks[r.last].end]
}

// low returns the lower-case form of token i in a scratch buffer that the
// next call overwrites; words too long for any list come back empty.
func (st *state) low(i int) []byte {
	t := st.toks[i]
	w := st.text[t.start:t.end]
	b := st.lbuf[:0]
	if len(w) > len(st.lbuf) {
		return b
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// word returns the text of token i as written, "" past the tokens.
func (st *state) word(i int) string {
	if i < 0 || i >= len(st.toks) {
		return ""
	}
	return st.text[st.toks[i].start:st.toks[i].end]
}

// wordOf returns the text of token i if it is a word of paragraph para,
// otherwise "".
func (st *state) wordOf(i int, para int32) string {
	if !st.wordIn(i, para) {
		return ""
	}
	return st.word(i)
}

// isWord reports whether token i is a word of the paragraph being read
// (st.para) equal to w (lower case).
func (st *state) isWord(i int, w string) bool {
	return st.wordIn(i, st.para) && string(st.low(i)) == w
}

// isPunct reports whether token i is the ASCII mark c.
func (st *state) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].end-st.toks[i].start == 1 && st.text[st.toks[i].start] == c
}

// glued reports whether token i exists and touches the token before it.
func (st *state) glued(i int) bool { return i > 0 && i < len(st.toks) && st.toks[i].glue }

// wordIn reports whether token i is a word in paragraph para.
func (st *state) wordIn(i int, para int32) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].para == para && st.toks[i].kind == tkWord
}

// inDate reports whether [start, end) overlaps a date mention.
func (st *state) inDate(start, end int32) bool {
	i, _ := slices.BinarySearchFunc(st.dates, start, func(d span, p int32) int { return int(d.start - p) })
	if i > 0 && st.dates[i-1].end > start {
		return true
	}
	return i < len(st.dates) && st.dates[i].start < end
}
