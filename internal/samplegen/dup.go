package samplegen

import "bytes"

// corrections are the word swaps of a corrected re-send: each pair is
// tried in order on whole words of one paragraph.
var corrections = [...][2]string{
	{"Monday", "Tuesday"}, {"Tuesday", "Wednesday"}, {"Wednesday", "Thursday"},
	{"Thursday", "Friday"}, {"Friday", "Saturday"}, {"Sunday", "Saturday"},
	{"officials", "authorities"}, {"talks", "negotiations"}, {"largest", "biggest"},
	{"rose", "climbed"}, {"fell", "dropped"}, {"government", "administration"},
	{"week", "month"}, {"second", "third"}, {"people", "residents"}, {"said", "added"},
}

// nearDuplicate builds into g.st a re-send of orig under id: the same
// story with a corrected word in one paragraph, an extra paragraph, or
// both. It keeps the source, format, publication time and URL of orig.
func (g *Generator) nearDuplicate(orig *story, id string) {
	st := &g.st
	buf, paras, related := st.buf[:0], st.paras[:0], st.related[:0]
	*st = *orig
	st.buf, st.paras, st.related = buf, paras, related
	st.id = id

	st.headline = st.appendSpan(orig.text(orig.headline))
	st.standfirst = st.appendSpan(orig.text(orig.standfirst))
	st.byline = st.appendSpan(orig.text(orig.byline))
	for _, r := range orig.related {
		st.related = append(st.related, relatedStory{
			headline: st.appendSpan(orig.text(r.headline)),
			teaser:   st.appendSpan(orig.text(r.teaser)),
			section:  r.section,
		})
	}

	mode := g.rng.IntN(10) // 0-4: correction, 5-7: extra paragraph, 8-9: both
	if len(orig.paras) >= maxParas {
		mode = 0 // no room for another paragraph
	}
	fix := -1
	if mode < 5 || mode >= 8 {
		fix = g.rng.IntN(len(orig.paras))
	}
	for i, p := range orig.paras {
		if i == fix {
			start := len(st.buf)
			st.buf = correct(st.buf, orig.text(p))
			st.paras = append(st.paras, span{start, len(st.buf)})
			continue
		}
		st.paras = append(st.paras, st.appendSpan(orig.text(p)))
	}
	if mode >= 5 {
		g.cast = orig.cast
		p := g.paragraph(200+g.rng.IntN(300), false)
		at := 1 + g.rng.IntN(len(st.paras)) // never before the lead
		st.paras = append(st.paras, span{})
		copy(st.paras[at+1:], st.paras[at:])
		st.paras[at] = p
	}
	g.cast = orig.cast
}

// appendSpan appends b to the buffer and returns its span.
func (s *story) appendSpan(b []byte) span {
	start := len(s.buf)
	s.buf = append(s.buf, b...)
	return span{start, len(s.buf)}
}

// correct appends p with one word changed: the first whole word found of
// corrections, else a typo made by swapping two letters of its longest
// word (a re-send may as well add a typo as fix one).
func correct(out, p []byte) []byte {
	for _, c := range corrections {
		if i := indexWord(p, c[0]); i >= 0 {
			out = append(out, p[:i]...)
			out = append(out, c[1]...)
			return append(out, p[i+len(c[0]):]...)
		}
	}
	start := len(out)
	out = append(out, p...)
	best, bestLen := 0, 0
	for i := 0; i < len(p); {
		j := i
		for j < len(p) && p[j] >= 'a' && p[j] <= 'z' {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j + 1
	}
	if bestLen >= 4 {
		k := start + best + bestLen/2
		out[k-1], out[k] = out[k], out[k-1]
	}
	return out
}

// indexWord returns the index of the first occurrence of w in p that is a
// whole word, or -1.
func indexWord(p []byte, w string) int {
	for off := 0; ; {
		i := bytes.Index(p[off:], []byte(w))
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(w)
		if (i == 0 || !isWordByte(p[i-1])) && (end == len(p) || !isWordByte(p[end])) {
			return i
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// fitBounds makes sure the payload in out is within [MinSize, maxSize],
// which the size draw only aims at: it adds a paragraph to a short story
// and drops or trims paragraphs of a long one, re-rendering each time.
func (g *Generator) fitBounds(out []byte) []byte {
	st := &g.st
	for len(out) < MinSize {
		g.cast = st.cast
		st.paras = append(st.paras, g.paragraph(MinSize-len(out), false))
		out = g.render(out[:0], st)
	}
	for len(out) > g.maxSize() && len(st.paras) > minParas {
		st.paras = st.paras[:len(st.paras)-1]
		out = g.render(out[:0], st)
	}
	for len(out) > g.maxSize() {
		// Cut the longest paragraph after a sentence in its first half.
		longest := 0
		for i, p := range st.paras {
			if p.end-p.start > st.paras[longest].end-st.paras[longest].start {
				longest = i
			}
		}
		p := st.paras[longest]
		half := st.buf[p.start : p.start+(p.end-p.start)/2]
		cut := bytes.LastIndex(half, []byte(". "))
		if cut < 0 {
			break // one huge sentence: cannot happen with these templates
		}
		st.paras[longest].end = p.start + cut + 1
		out = g.render(out[:0], st)
	}
	return out
}
