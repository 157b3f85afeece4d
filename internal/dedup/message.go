package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

// The two kinds of log message. A claim enters an article into the log;
// its stream sequence number fixes its place among all articles. A result
// records the story a claim was given; the first result of a claim is the
// one every replica uses.
const (
	kindClaim  = "claim"
	kindResult = "result"
)

// claimMsg is the body of a claim: the article's id and fingerprint.
type claimMsg struct {
	ArticleID   string `json:"a"`
	SimHash     string `json:"h"` // 16 hex digits
	ContentHash string `json:"c"` // 64 hex digits
}

// resultMsg is the body of a result: the claim's sequence number and the
// story fields given to it.
type resultMsg struct {
	Claim       uint64 `json:"q"`
	StoryID     string `json:"s"`
	DuplicateOf string `json:"d,omitempty"`
	Distance    int    `json:"n,omitempty"`
	Exact       bool   `json:"x,omitempty"`
}

// claimID is a claim's Nats-Msg-Id: derived from the article id, so that a
// redelivery inside the stream's duplicate window gets the first claim's
// sequence number back instead of adding a claim.
func claimID(articleID string) string {
	sum := sha256.Sum256([]byte(articleID))
	return "c." + hex.EncodeToString(sum[:16])
}

// resultID is a result's Nats-Msg-Id: one per claim, so that a second
// replica recording the same claim's result adds nothing.
func resultID(claim uint64) string {
	return "r." + strconv.FormatUint(claim, 10)
}

func encodeClaim(a Article) ([]byte, error) {
	return json.Marshal(claimMsg{ArticleID: a.ID, SimHash: fingerprint.FormatSimHash(a.SimHash), ContentHash: a.ContentHash})
}

func encodeResult(claim uint64, r Result) ([]byte, error) {
	return json.Marshal(resultMsg{Claim: claim, StoryID: r.StoryID, DuplicateOf: r.DuplicateOf, Distance: r.Distance, Exact: r.Exact})
}

// decodeClaim parses a claim body into the record fields it sets.
func decodeClaim(b []byte) (id string, sim uint64, content contentKey, err error) {
	var m claimMsg
	if err := json.Unmarshal(b, &m); err != nil {
		return "", 0, content, fmt.Errorf("claim: %w", err)
	}
	if m.ArticleID == "" || len(m.ArticleID) > MaxIDBytes {
		return "", 0, content, fmt.Errorf("claim: article id of %d bytes", len(m.ArticleID))
	}
	if sim, err = fingerprint.ParseSimHash(m.SimHash); err != nil {
		return "", 0, content, fmt.Errorf("claim: %w", err)
	}
	var full [32]byte
	if len(m.ContentHash) != 2*len(full) {
		return "", 0, content, fmt.Errorf("claim: content hash %q is not 64 hex digits", m.ContentHash)
	}
	if _, err := hex.Decode(full[:], []byte(m.ContentHash)); err != nil {
		return "", 0, content, fmt.Errorf("claim: content hash %q is not 64 hex digits", m.ContentHash)
	}
	copy(content[:], full[:])
	return m.ArticleID, sim, content, nil
}

// decodeResult parses a result body.
func decodeResult(b []byte) (claim uint64, r Result, err error) {
	var m resultMsg
	if err := json.Unmarshal(b, &m); err != nil {
		return 0, Result{}, fmt.Errorf("result: %w", err)
	}
	if m.Claim == 0 || m.StoryID == "" || m.Distance < 0 || m.Distance > 64 {
		return 0, Result{}, fmt.Errorf("result: claim %d, story %q, distance %d", m.Claim, m.StoryID, m.Distance)
	}
	return m.Claim, Result{StoryID: m.StoryID, DuplicateOf: m.DuplicateOf, Distance: m.Distance, Exact: m.Exact}, nil
}
