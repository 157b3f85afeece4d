package entities

import (
	"strings"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

// tagRelated fills the Entities of every related story: each item's
// headline and teaser are tagged as a two-paragraph text of their own.
// A one-word person name ("Obama") takes the full name that ends with it,
// from the article's entities first, then from the other items, so the
// same person has one name across the event.
func (s *Entities) tagRelated(related []event.RelatedStory, main []event.Entity) {
	if len(related) == 0 {
		return
	}
	var b strings.Builder
	perItem := make([][]event.Entity, len(related))
	known := make([]event.EntityRef, 0, len(main))
	for _, e := range main {
		known = append(known, refOf(e))
	}
	for i, r := range related {
		b.Reset()
		b.WriteString(r.Headline)
		paras := []event.Paragraph{{Kind: event.ParagraphHeadline, Start: 0, End: len(r.Headline)}}
		if r.Teaser != "" {
			b.WriteByte('\n')
			start := b.Len()
			b.WriteString(r.Teaser)
			paras = append(paras, event.Paragraph{Kind: event.ParagraphBody, Start: start, End: b.Len()})
		}
		perItem[i] = s.Extract(b.String(), paras)
		for _, e := range perItem[i] {
			known = append(known, refOf(e))
		}
	}
	for i, ents := range perItem {
		var refs []event.EntityRef
		seen := map[string]bool{}
		for _, e := range ents {
			ref := resolveShort(refOf(e), known)
			if key := ref.Type + "\x00" + ref.Name; !seen[key] {
				seen[key] = true
				refs = append(refs, ref)
			}
		}
		// A surname the tagger missed in a short headline ("Obama hits
		// new low") still names a person seen in full elsewhere.
		text := related[i].Headline + "\n" + related[i].Teaser
		for _, k := range known {
			if k.Type != event.EntityPerson {
				continue
			}
			sp := strings.LastIndexByte(k.Name, ' ')
			if sp < 0 || seen[k.Type+"\x00"+k.Name] || !containsWord(text, k.Name[sp+1:]) {
				continue
			}
			seen[k.Type+"\x00"+k.Name] = true
			refs = append(refs, k)
		}
		related[i].Entities = refs
	}
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
