package fingerprint

import (
	"encoding/hex"
	"fmt"
	"math/bits"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// FNV-1a 64 constants (http://www.isthe.com/chongo/tech/comp/fnv/).
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// asciiFold maps an ASCII byte to its lower-case form when it is a letter
// or a digit, and to 0 when it separates words.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	return t
}()

// spread maps a byte to eight 8-bit lanes holding its bits, so that eight
// bit counters can be bumped with one addition (see simhasher.add).
var spread = func() (t [256]uint64) {
	for v := range t {
		for j := range 8 {
			t[v] |= uint64(v>>j&1) << (8 * j)
		}
	}
	return t
}()

// lanesFull is how many shingles the 8-bit lanes can count before they
// must be flushed into the 32-bit counters.
const lanesFull = 255

// simhasher accumulates the SimHash of one text. Its zero value is not
// ready: set k. It lives on the stack of [Fingerprinter.SimHash].
type simhasher struct {
	k     int
	words int // words seen
	// ring holds the hashes of the last k words twice: the word of slot
	// j (word number j mod k) is at ring[j] and ring[j+k], so that the
	// last k words, oldest first, are the contiguous ring[p+1:p+1+k]
	// after a word went to slot p. A ring that shifted its words down
	// on every word spent a memmove call per word.
	ring  [2 * MaxShingleSize]uint64
	pos   int       // slot of the next word
	lanes [8]uint64 // per hash byte, eight 8-bit bit counters
	inLan int       // shingles counted in lanes since the last flush
	count [64]int32 // per hash bit, shingles with the bit set
	total int32     // shingles counted
}

// word adds the word whose FNV-1a hash is w.
func (s *simhasher) word(w uint64) {
	p := s.pos
	s.ring[p] = w
	s.ring[p+s.k] = w
	if s.pos++; s.pos == s.k {
		s.pos = 0
	}
	s.words++
	if s.words >= s.k {
		s.add(shingleHash(s.ring[p+1 : p+1+s.k]))
	}
}

// finish returns the SimHash. A text with fewer than k words is one
// shingle of all of them; a text without words hashes to 0.
func (s *simhasher) finish() uint64 {
	if s.words > 0 && s.words < s.k {
		s.add(shingleHash(s.ring[:s.words]))
	}
	s.flush()
	var h uint64
	for i, c := range s.count {
		if 2*c > s.total {
			h |= 1 << i
		}
	}
	return h
}

// add counts the bits of one shingle hash: eight table look-ups and
// additions instead of 64 compares.
func (s *simhasher) add(h uint64) {
	for b := range s.lanes {
		s.lanes[b] += spread[byte(h>>(8*b))]
	}
	s.total++
	s.inLan++
	if s.inLan == lanesFull {
		s.flush()
	}
}

// flush moves the lane counts into the 32-bit counters.
func (s *simhasher) flush() {
	for b, l := range s.lanes {
		for j := range 8 {
			s.count[8*b+j] += int32(l >> (8 * j) & 0xff)
		}
	}
	s.lanes = [8]uint64{}
	s.inLan = 0
}

// shingleHash hashes a run of word hashes with FNV-1a over 64-bit symbols
// and finishes with MurmurHash3's fmix64. FNV alone is not enough for
// SimHash, which needs every output bit to be an even, independent coin:
// FNV's low bits mix poorly (bit 0 of an FNV-1a hash is the parity of
// bit 0 of the input bytes).
func shingleHash(words []uint64) uint64 {
	h := uint64(fnvOffset64)
	for _, w := range words {
		h ^= w
		h *= fnvPrime64
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// simHash computes the SimHash of text with k-word shingles. Words are
// maximal runs of letters, digits and combining marks, lower-cased
// (unicode.ToLower); everything else separates them, including
// apostrophes and invalid UTF-8. Each word is hashed with FNV-1a 64 over
// the UTF-8 bytes of its lower-cased form.
func simHash(text string, k int) uint64 {
	s := simhasher{k: k}
	w := uint64(fnvOffset64)
	inWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if l := asciiFold[c]; l != 0 {
				w = (w ^ uint64(l)) * fnvPrime64
				inWord = true
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
				var buf [utf8.UTFMax]byte
				n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
				for _, b := range buf[:n] {
					w = (w ^ uint64(b)) * fnvPrime64
				}
				inWord = true
				continue
			}
		}
		if inWord {
			s.word(w)
			w, inWord = fnvOffset64, false
		}
	}
	if inWord {
		s.word(w)
	}
	return s.finish()
}

// Distance returns the Hamming distance between two SimHashes: the number
// of bits in which they differ, 0 to 64.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// FormatSimHash formats h as 16 lower-case hex digits, the form of
// event.Fingerprint.SimHash.
func FormatSimHash(h uint64) string {
	var buf [16]byte
	return string(appendSimHash(buf[:0], h))
}

func appendSimHash(dst []byte, h uint64) []byte {
	const digits = "0123456789abcdef"
	for i := 60; i >= 0; i -= 4 {
		dst = append(dst, digits[h>>i&0xf])
	}
	return dst
}

// ParseSimHash parses the 16 hex digits of event.Fingerprint.SimHash
// (either case).
func ParseSimHash(s string) (uint64, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("parse simhash %q: %w", s, ErrSimHashSyntax)
	}
	h, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("parse simhash %q: %w", s, ErrSimHashSyntax)
	}
	return h, nil
}

// formatContentHash formats a SHA-256 sum as 64 lower-case hex digits.
func formatContentHash(sum [32]byte) string {
	var buf [64]byte
	hex.Encode(buf[:], sum[:])
	return string(buf[:])
}
