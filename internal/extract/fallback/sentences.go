// Package fallback holds the sentence splitter that stages use when the
// segment stage has not filled Event.Sentences (a pipeline run without it).
// The segment stage is the real splitter; this one is deliberately simple.
package fallback

import (
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

// Sentences appends the sentences of the paragraph text[start:end]
// to dst. It is the fallback for articles the segment stage has not
// split: a sentence ends at ".", "!", "?" or "…" (with any closing quotes
// or brackets after it) followed by white space and an upper-case letter,
// a digit or an opening quote or bracket, unless the period ends a title,
// a month, an initial or a dotted abbreviation ("Gen.", "Sept.", "J.",
// "U.S."). The keywords and summary stages use it; both give way to
// Event.Sentences when the segment stage filled them.
func Sentences(dst []event.Span, text string, start, end int) []event.Span {
	s := start
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		j := i + size
		for j < end {
			r2, n := utf8.DecodeRuneInString(text[j:end])
			if r2 != '.' && r2 != '!' && r2 != '?' && r2 != '…' && !isClosing(r2) {
				break
			}
			j += n
		}
		k := j
		for k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r') {
			k++
		}
		if k == j || k >= end {
			i = j
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[k:end])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !isOpening(next) {
			i = j
			continue
		}
		if r == '.' && j == i+1 && noBreakAfter(text[start:i], next) {
			i = j
			continue
		}
		dst = appendTrimmed(dst, text, s, j)
		s = k
		i = k
	}
	return appendTrimmed(dst, text, s, end)
}

// appendTrimmed appends text[s:e] without surrounding white space, if
// anything is left.
func appendTrimmed(dst []event.Span, text string, s, e int) []event.Span {
	for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\n' || text[s] == '\r') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\n' || text[e-1] == '\r') {
		e--
	}
	if e > s {
		dst = append(dst, event.Span{Start: s, End: e})
	}
	return dst
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '’', '”', '»':
		return true
	}
	return false
}

func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '‘', '“', '«':
		return true
	}
	return false
}

// noBreakAfter reports whether a period after before (the text up to the
// period) does not end the sentence, given the rune that follows.
func noBreakAfter(before string, next rune) bool {
	i := len(before)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= size
	}
	w := before[i:]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial: "J. Smith"
	}
	for k := 0; k < len(w); k++ {
		if w[k] == '.' {
			// A dotted abbreviation: "U.S. officials". Times end
			// sentences before a capital ("at 6 a.m. By midday").
			switch w {
			case "a.m", "p.m", "A.M", "P.M":
				return !unicode.IsUpper(next)
			}
			return true
		}
	}
	if len(w) > 5 {
		return false
	}
	var buf [5]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	switch string(buf[:len(w)]) {
	case "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt",
		"cmdr", "adm", "sgt", "cpl", "pvt", "rep", "sen", "gov", "pres",
		"rev", "hon", "st", "mt", "ft", "no", "nos", "vs", "fig", "dept",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "approx", "est", "ave", "blvd":
		return true
	}
	return false
}
