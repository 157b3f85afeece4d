package ner

import (
	"hash/maphash"

	"github.com/wirestream/wirestream/internal/gazetteer"
)

// maxCachedPhrases bounds a phraseCache: about 0.9 MB once full.
const maxCachedPhrases = 1 << 14

// phraseCache remembers the gazetteer's answers to the phrases of
// several words that gazMatch asks about ("United States", "New York
// Times", "Prime Minister") and to the spans whose type Tag checks, from
// document to document: news articles ask about the same phrases again
// and again, and most answers are no.
// It holds the first maxCachedPhrases phrases asked and then starts
// over. What it holds changes how much work a document takes, never its
// answers, which are the gazetteer's. Each tagState has its own, so it
// needs no locking; it is tied to the one gazetteer of its Tagger.
type phraseCache struct {
	seed maphash.Seed
	// index is an open-addressing table on the phrase's hash: the high
	// 32 bits of the hash and the phrase's number + 1 in the low 32, 0
	// empty.
	index []uint64
	mask  uint64
	text  []byte    // the phrases' bytes, one after the other
	ends  []uint32  // per phrase, the end of its bytes in text
	found []gazWord // per phrase, gazName with the kind, or 0
	types []string  // per phrase, the entry's event type, or ""
}

// lookup returns what g.Lookup(s) says of the phrase s: whether it is a
// name, of which kind and of which event type.
func (c *phraseCache) lookup(g *gazetteer.Gazetteer, s string) (gazetteer.Kind, string, bool) {
	if c.index == nil {
		c.seed = maphash.MakeSeed()
		c.index = make([]uint64, 2*maxCachedPhrases)
		c.mask = uint64(len(c.index) - 1)
	}
	h := maphash.String(c.seed, s)
	tag := h &^ (1<<32 - 1)
	j := h & c.mask
	for ; c.index[j] != 0; j = (j + 1) & c.mask {
		if e := c.index[j]; e&^(1<<32-1) == tag {
			id := uint32(e) - 1
			start := uint32(0)
			if id > 0 {
				start = c.ends[id-1]
			}
			if string(c.text[start:c.ends[id]]) == s {
				f := c.found[id]
				return gazetteer.Kind(f & gazKind), c.types[id], f&gazName != 0
			}
		}
	}
	e, ok := g.Lookup(s)
	var f gazWord
	if ok {
		f = gazName | gazWord(e.Kind)&gazKind
	}
	if len(c.ends) == maxCachedPhrases {
		// Full: start over, and keep this phrase next time.
		clear(c.index)
		c.text, c.ends, c.found, c.types = c.text[:0], c.ends[:0], c.found[:0], c.types[:0]
		return e.Kind, e.Type, ok
	}
	c.text = append(c.text, s...)
	c.ends = append(c.ends, uint32(len(c.text)))
	c.found = append(c.found, f)
	c.types = append(c.types, e.Type)
	c.index[j] = tag | uint64(len(c.ends))
	return e.Kind, e.Type, ok
}
