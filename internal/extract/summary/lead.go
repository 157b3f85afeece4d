package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fallback"
)

// scratch is the per-article working memory, reused through a pool.
type scratch struct {
	paras []event.Paragraph
	sents []event.Span
	cands []event.Span // the body sentences a method may choose from
	short []event.Span // body sentences too short to be chosen, in case there is nothing else

	// TextRank
	arena  []byte
	lower  string
	ids    map[string]int32
	wordAt []wordRef
	bags   []int32 // sorted distinct word ids of each sentence, concatenated
	bagOff []int32 // sentence i's bag is bags[bagOff[i]:bagOff[i+1]]
	w      []float64
	rowSum []float64
	score  []float64
	next   []float64
	order  []int32
	chosen []event.Span
}

// wordRef is a content word of sentence sent: its lower-case form is
// arena[off:off+n].
type wordRef struct {
	sent   int32
	off, n int32
}

func newScratch() *scratch {
	return &scratch{ids: map[string]int32{}}
}

func (st *scratch) reset() {
	st.paras, st.sents, st.cands, st.short = st.paras[:0], st.sents[:0], st.cands[:0], st.short[:0]
	st.arena, st.lower, st.wordAt, st.bags, st.bagOff = st.arena[:0], "", st.wordAt[:0], st.bags[:0], st.bagOff[:0]
	clear(st.ids)
}

// candidates fills st.cands with the first limit body sentences of doc
// that can be summary sentences: not a byline or a credit line, with a
// dateline cut off the first, and of at least minWords words; when none
// is long enough, the short ones.
func (st *scratch) candidates(doc *extract.Document, limit int) {
	ev := &doc.Event
	text := ev.Text
	st.paras = paragraphs(st.paras[:0], text, ev.Paragraphs)
	own := !validSpans(ev.Sentences, len(text))
	byline := strings.TrimSpace(ev.Byline)
	firstBody := true
	si := 0
	for _, p := range st.paras {
		if p.Kind == event.ParagraphHeadline || p.Kind == event.ParagraphStandfirst {
			continue
		}
		if own {
			st.sents = fallback.Sentences(st.sents[:0], text, p.Start, p.End)
		} else {
			// The segment stage's sentences that start in p.
			st.sents = st.sents[:0]
			for si < len(ev.Sentences) && ev.Sentences[si].Start < p.Start {
				si++
			}
			for ; si < len(ev.Sentences) && ev.Sentences[si].Start < p.End; si++ {
				st.sents = append(st.sents, ev.Sentences[si])
			}
		}
		for _, sp := range st.sents {
			s := text[sp.Start:sp.End]
			if isByline(s, byline) {
				continue
			}
			if firstBody {
				firstBody = false
				sp = trimDateline(text, sp)
				s = text[sp.Start:sp.End]
			}
			if countWords(s, minWords) < minWords {
				if len(st.short) < limit {
					st.short = append(st.short, sp)
				}
				continue
			}
			st.cands = append(st.cands, sp)
			if len(st.cands) == limit {
				return
			}
		}
	}
	if len(st.cands) == 0 {
		st.cands = append(st.cands, st.short...)
	}
}

// paragraphs returns the article's paragraphs: Event.Paragraphs when they
// are sorted and inside the text, else the text cut at blank lines, all
// body.
func paragraphs(dst []event.Paragraph, text string, ps []event.Paragraph) []event.Paragraph {
	ok := len(ps) > 0
	prev := 0
	for _, p := range ps {
		if p.Start < prev || p.End < p.Start || p.End > len(text) {
			ok = false
			break
		}
		prev = p.End
	}
	if ok {
		return append(dst, ps...)
	}
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if end > start {
			dst = append(dst, event.Paragraph{Kind: event.ParagraphBody, Start: start, End: end})
		}
		start = end + 2
	}
	return dst
}

// validSpans reports whether spans is non-empty, sorted, non-overlapping
// and inside a text of n bytes: what the segment stage promises.
func validSpans(spans []event.Span, n int) bool {
	if len(spans) == 0 {
		return false
	}
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > n {
			return false
		}
		prev = s.End
	}
	return true
}

// isByline reports whether the sentence s is the byline (the decoder's
// Byline, or a short "By Name, Title" line without a final period) or a
// credit line ("Reporting by …").
func isByline(s, byline string) bool {
	if byline != "" && strings.TrimSpace(s) == byline {
		return true
	}
	for _, p := range [...]string{"Reporting by ", "(Reporting by ", "Additional reporting by ", "(Additional reporting by ", "Writing by ", "Editing by ", "Compiled by "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(s, "By "); ok && rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsUpper(r) && !strings.HasSuffix(s, ".") && countWords(s, 11) <= 10
	}
	return false
}

// maxDateline is the longest dateline, in bytes.
const maxDateline = 80

// trimDateline returns sp without a leading dateline: up to eight words
// ending in a dash, either holding a parenthesised agency ("Paris, Jan.
// 5 (AFP) —") or all capitals up to the first comma ("BONN, Germany —",
// "WASHINGTON —"). "NATO allies — including Germany — agreed" keeps its
// words.
func trimDateline(text string, sp event.Span) event.Span {
	s := text[sp.Start:sp.End]
	head := s[:min(len(s), maxDateline)]
	for _, sep := range [...]string{" - ", " – ", " — ", " -- "} {
		i := strings.Index(head, sep)
		if i <= 0 {
			continue
		}
		prefix := s[:i]
		if countWords(prefix, 9) > 8 || !isDateline(prefix) {
			return sp
		}
		start := sp.Start + i + len(sep)
		for start < sp.End && text[start] == ' ' {
			start++
		}
		if countWords(text[start:sp.End], minWords) < minWords {
			return sp
		}
		return event.Span{Start: start, End: sp.End}
	}
	return sp
}

// isDateline reports whether prefix, the words before a dash at the
// start of a sentence, is a dateline.
func isDateline(prefix string) bool {
	r, _ := utf8.DecodeRuneInString(prefix)
	if !unicode.IsUpper(r) {
		return false
	}
	if strings.HasSuffix(prefix, ")") && strings.Contains(prefix, "(") {
		return true // an agency: "Paris (AFP)"
	}
	place, _, _ := strings.Cut(prefix, ",")
	letters := 0
	for _, r := range place {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		}
	}
	return letters >= 2
}

// countWords counts the words of s (runs of letters and digits), up to
// limit.
func countWords(s string, limit int) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
			if n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}
