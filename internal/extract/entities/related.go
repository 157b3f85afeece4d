package entities

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

// tagRelated fills the Entities of every related story. The items are
// tagged and linked as one text, each headline a headline paragraph and
// each teaser a body paragraph, which costs one tagger call instead of one
// per item and lets the linker join a surname in one item to the full
// name in another. A one-word person name left over ("Obama") takes the
// full name that ends with it from the article's own entities, so the same
// person has one name across the event.
func (s *Entities) tagRelated(related []event.RelatedStory, main []event.Entity) {
	if len(related) == 0 {
		return
	}
	var b strings.Builder
	paras := make([]event.Paragraph, 0, 2*len(related))
	ends := make([]int, len(related)) // item i is text[ends[i-1]:ends[i]]
	for i, r := range related {
		start := b.Len()
		b.WriteString(r.Headline)
		paras = append(paras, event.Paragraph{Kind: event.ParagraphHeadline, Start: start, End: b.Len()})
		if r.Teaser != "" {
			b.WriteByte('\n')
			start = b.Len()
			b.WriteString(r.Teaser)
			paras = append(paras, event.Paragraph{Kind: event.ParagraphBody, Start: start, End: b.Len()})
		}
		ends[i] = b.Len()
		b.WriteString("\n\n")
	}
	ents := s.Extract(b.String(), paras)
	known := make([]event.EntityRef, 0, len(main)+len(ents))
	for _, e := range main {
		known = append(known, refOf(e))
	}
	for _, e := range ents {
		known = append(known, refOf(e))
	}
	seen := make([]map[string]bool, len(related))
	add := func(i int, ref event.EntityRef) {
		if seen[i] == nil {
			seen[i] = map[string]bool{}
		}
		if key := ref.Type + "\x00" + ref.Name; !seen[i][key] {
			seen[i][key] = true
			related[i].Entities = append(related[i].Entities, ref)
		}
	}
	for _, e := range ents {
		ref := resolveShort(refOf(e), known)
		for _, m := range e.Mentions {
			if i, _ := slices.BinarySearch(ends, m.Start+1); i < len(related) {
				add(i, ref)
			}
		}
	}
	// A surname the tagger missed in a short headline ("Obama hits new
	// low") still names a person seen in full elsewhere.
	for i, r := range related {
		text := r.Headline + "\n" + r.Teaser
		for _, k := range known {
			if sp := strings.LastIndexByte(k.Name, ' '); k.Type == event.EntityPerson && sp >= 0 && containsWord(text, k.Name[sp+1:]) {
				add(i, k)
			}
		}
	}
}

func refOf(e event.Entity) event.EntityRef {
	return event.EntityRef{Name: e.Name, Type: e.Type, ID: e.ID, CountryCode: e.CountryCode}
}

// resolveShort returns the first person of known whose name ends with
// ref's one-word name, or ref itself.
func resolveShort(ref event.EntityRef, known []event.EntityRef) event.EntityRef {
	if ref.Type != event.EntityPerson || strings.ContainsRune(ref.Name, ' ') {
		return ref
	}
	for _, k := range known {
		if k.Type == event.EntityPerson && strings.HasSuffix(k.Name, " "+ref.Name) {
			return k
		}
	}
	return ref
}

// containsWord reports whether w occurs in text between non-word runes
// (isWordRune; the text's ends decode as utf8.RuneError, not a word rune).
func containsWord(text, w string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(w)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		off = i + 1
	}
}
