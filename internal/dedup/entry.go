package dedup

import (
	"cmp"
	"encoding/json"

	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

// entry is one recorded article, as it is stored in the lists under band
// and content keys and, alone, under the article's own key. It carries the
// article's result so that other articles can adopt its story and tell
// which articles were linked to them.
type entry struct {
	ArticleID   string `json:"a"`
	StoryID     string `json:"s"`
	SimHash     string `json:"h"` // 16 hex digits
	ContentHash string `json:"c"`
	DuplicateOf string `json:"d,omitempty"`
	Distance    int    `json:"n,omitempty"`
	Exact       bool   `json:"x,omitempty"`
	// At is when the entry was recorded, in Unix milliseconds.
	At int64 `json:"t"`
}

func (e entry) result() Result {
	return Result{StoryID: e.StoryID, DuplicateOf: e.DuplicateOf, Distance: e.Distance, Exact: e.Exact}
}

// decodeList decodes a key's value. A value that does not decode is
// treated as an empty list, so that the next write repairs it instead of
// failing every article that maps to the key.
func decodeList(b []byte) []entry {
	var list []entry
	if json.Unmarshal(b, &list) != nil {
		return nil
	}
	return list
}

// upsert returns list with own's previous entry (same article) and the
// entries recorded before cutoff removed, own appended as the newest, and
// the oldest entries dropped beyond max.
func upsert(list []entry, own entry, max int, cutoff int64) []entry {
	out := make([]entry, 0, len(list)+1)
	for _, e := range list {
		if e.ArticleID == own.ArticleID || e.At < cutoff {
			continue
		}
		out = append(out, e)
	}
	out = append(out, own)
	if len(out) > max {
		out = out[len(out)-max:]
	}
	return out
}

// candidate is an entry that may be the article's earlier version.
type candidate struct {
	e        *entry
	distance int
	exact    bool
}

// better reports whether c is a better earlier version than d: an exact
// copy first, then the nearest, then the oldest, then the smallest id so
// that the choice never depends on the order of the lists.
func (c candidate) better(d candidate) bool {
	if c.exact != d.exact {
		return c.exact
	}
	return cmp.Or(
		cmp.Compare(c.distance, d.distance),
		cmp.Compare(c.e.At, d.e.At),
		cmp.Compare(c.e.ArticleID, d.e.ArticleID),
	) < 0
}

// decide picks a's result from the entries of lists: the story of the
// best candidate within threshold (see candidate.better), or a new story.
//
// It skips a's own entries (a redelivery must not link an article to
// itself), entries that name a as their DuplicateOf (an article linked to
// a is a later version, never an earlier one; skipping them is also what
// keeps two racing replicas from linking each article to the other),
// entries recorded before cutoff, and entries it cannot read.
func decide(a Article, lists [][]entry, threshold int, cutoff int64) Result {
	var best candidate
	for _, list := range lists {
		for i := range list {
			e := &list[i]
			if e.ArticleID == a.ID || e.DuplicateOf == a.ID || e.At < cutoff || e.StoryID == "" {
				continue
			}
			h, err := fingerprint.ParseSimHash(e.SimHash)
			if err != nil {
				continue
			}
			c := candidate{e: e, distance: fingerprint.Distance(a.SimHash, h), exact: e.ContentHash == a.ContentHash}
			if !c.exact && c.distance > threshold {
				continue
			}
			if best.e == nil || c.better(best) {
				best = c
			}
		}
	}
	if best.e == nil {
		return Result{StoryID: NewStoryID(a.ContentHash)}
	}
	return Result{StoryID: best.e.StoryID, DuplicateOf: best.e.ArticleID, Distance: best.distance, Exact: best.exact}
}

// NewStoryID returns the StoryID of a story whose first version has the
// given content hash: "s-" and the hash's first 16 hex digits.
func NewStoryID(contentHash string) string {
	return "s-" + contentHash[:min(16, len(contentHash))]
}
