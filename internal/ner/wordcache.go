package ner

import "hash/maphash"

// wordInfo is the part of a tokInfo that depends on the token's text
// alone (and on whether its line is a Title Case headline, which
// describe writes in capitals): what describe computes and wordFeatures
// reads.
type wordInfo struct {
	w, lw, shape, sshape uint64
	pre, suf             [4]uint64
	flags                uint32
}

func wordInfoOf(t *tokInfo) wordInfo {
	return wordInfo{w: t.w, lw: t.lw, shape: t.shape, sshape: t.sshape, pre: t.pre, suf: t.suf, flags: t.flags}
}

// wordTok is what the tagger reads of a known word per token, 32 bytes
// where a wordInfo has 104, so that the words of the cache that a
// document's tokens look up stay in the core's cache.
type wordTok struct {
	lw, sshape uint64
	flags      uint32
	// gaz is what the gazetteer says of the word alone, once asked
	// (gazWord).
	gaz gazWord
	// wcase is what lineCase reads of the word.
	wcase wordCase
	// stat is the index of the word's stat in the current document's
	// table (analysis.words) when doc is the cache's current document
	// number.
	stat int32
	doc  uint32
}

// restore sets the part of t that the tagger reads per token: its
// lower-case form, short shape and flags. The rest of the word part (w,
// shape, pre, suf) is only read to sum the word's rows, which it does
// from the cache's wordInfo.
func (wt *wordTok) restore(t *tokInfo) {
	t.lw, t.sshape, t.flags = wt.lw, wt.sshape, wt.flags
}

// wordCache numbers the words of the documents a tagState tags, by their
// text and whether they are in a Title Case headline, and keeps for
// each what describe says of it and the sums of its word features'
// weights in each role (numRoles rows), from document to document: news
// articles share most of their words ("the", "said", "government"), so
// most of a document's words are known before it starts. The first
// maxCachedWords words seen are kept (frequent words come early); once
// it is full, a document's other words are kept for that document only,
// and after refreshDocs documents the cache starts over. What the cache
// holds changes how much work a document takes, never its scores. Word
// 0 is the boundary before a line and word 1 the one after. Each
// tagState has its own, so it needs no locking.
type wordCache struct {
	seed maphash.Seed
	// index is an open-addressing table on the word's hash: the high 32
	// bits of the hash and the word's number + 1 in the low 32, 0 empty;
	// local the same for the current document's words past the kept ones.
	index, local []uint64
	mask, lmask  uint64
	text         []byte   // the words' bytes, one after the other
	ends         []uint32 // per word, the end of its bytes in text
	title        []bool   // per word, whether it is a Title Case headline's
	info         []wordInfo
	tok          []wordTok // per word, what tokens read of it
	rows         []laneRow // numRoles per word
	kept         int       // words kept from document to document
	full         int       // documents since the cache filled up
	todo         []int32   // words new in the current document, rows not summed
	doc          uint32    // the current document's number, from 1
}

// start prepares the cache for a document of n tokens.
func (c *wordCache) start(n int) {
	c.todo = c.todo[:0]
	if c.doc++; c.doc == 0 {
		// Numbers wrapped: forget the old documents' stat indexes.
		for k := range c.tok {
			c.tok[k].doc = 0
		}
		c.doc = 1
	}
	if c.index == nil {
		c.seed = maphash.MakeSeed()
		c.index = make([]uint64, 2*maxCachedWords)
		c.mask = uint64(len(c.index) - 1)
	}
	if c.kept == maxCachedWords {
		if c.full++; c.full > refreshDocs {
			c.kept, c.full = 0, 0
			clear(c.index)
		}
	}
	c.truncate(c.kept)
	if c.kept == 0 {
		// The boundary words, which no token matches: no text.
		for _, b := range [2]tokInfo{{w: bosHash, lw: bosHash, shape: bosHash, sshape: bosHash},
			{w: eosHash, lw: eosHash, shape: eosHash, sshape: eosHash}} {
			c.info[c.add("", false)] = wordInfoOf(&b)
		}
		c.kept = 2
	}
	size := 16
	for size < 2*n {
		size <<= 1
	}
	if cap(c.local) < size {
		c.local = make([]uint64, size)
	}
	c.local = c.local[:size]
	clear(c.local)
	c.lmask = uint64(size - 1)
}

// truncate forgets the words from number k on.
func (c *wordCache) truncate(k int) {
	end := 0
	if k > 0 {
		end = int(c.ends[k-1])
	}
	c.text, c.ends, c.title = c.text[:end], c.ends[:k], c.title[:k]
	c.info, c.tok, c.rows = c.info[:k], c.tok[:k], c.rows[:k*numRoles]
}

// number returns the number of word w (in a Title Case headline when
// title is set) and whether it is new, in which case the caller fills
// c.info for it; its rows are zero, and it is in c.todo.
func (c *wordCache) number(w string, title bool) (int32, bool) {
	h := maphash.String(c.seed, w)
	if title {
		h = ^h
	}
	tag := h &^ (1<<32 - 1)
	for j := h & c.mask; ; j = (j + 1) & c.mask {
		e := c.index[j]
		if e == 0 {
			if c.kept < maxCachedWords {
				id := c.add(w, title)
				c.index[j] = tag | uint64(id+1)
				c.kept++
				return id, true
			}
			break
		}
		if e&^(1<<32-1) == tag {
			if id := int32(uint32(e)) - 1; c.is(id, w, title) {
				return id, false
			}
		}
	}
	for j := h & c.lmask; ; j = (j + 1) & c.lmask {
		e := c.local[j]
		if e == 0 {
			id := c.add(w, title)
			c.local[j] = tag | uint64(id+1)
			return id, true
		}
		if e&^(1<<32-1) == tag {
			if id := int32(uint32(e)) - 1; c.is(id, w, title) {
				return id, false
			}
		}
	}
}

// is reports whether word id is w with title.
func (c *wordCache) is(id int32, w string, title bool) bool {
	start := uint32(0)
	if id > 0 {
		start = c.ends[id-1]
	}
	return c.title[id] == title && string(c.text[start:c.ends[id]]) == w
}

func (c *wordCache) add(w string, title bool) int32 {
	id := int32(len(c.ends))
	c.text = append(c.text, w...)
	c.ends = append(c.ends, uint32(len(c.text)))
	c.title = append(c.title, title)
	c.info = append(c.info, wordInfo{})
	c.tok = append(c.tok, wordTok{})
	c.rows = append(c.rows, make([]laneRow, numRoles)...)
	c.todo = append(c.todo, id)
	return id
}
