package normalize

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCleanSpanMatchesBytewise checks the eight-bytes-at-a-time scan of
// cleanSpan against the byte loop it speeds up (cleanSpanBytewise, the
// code before the fast path), on random strings.
func TestCleanSpanMatchesBytewise(t *testing.T) {
	for _, strip := range []bool{false, true} {
		n := newNormalizer(t)
		n.stripJoiners = strip
		for _, s := range wordAtATimeInputs() {
			c1, b1 := n.cleanSpan(s)
			c2, b2 := n.cleanSpanBytewise(s)
			if c1 != c2 || b1 != b2 {
				t.Fatalf("cleanSpan(%q) = %v, %d; the byte loop gives %v, %d", s, c1, b1, c2, b2)
			}
		}
	}
}

// wordAtATimeInputs returns strings that probe the eight-byte fast path:
// random mixes of letters, spaces, controls, DEL and multi-byte
// characters, of every length around the block size and offset.
func wordAtATimeInputs() []string {
	pieces := []string{"a", "Z", " ", " ", " ", "  ", ".", "\x7f", "\x1f", "\t", "\n", "\n\n", "\u00a0", "é", "e\u0301", "’", "\u200d", "\xff", "\u2028"}
	rng := rand.New(rand.NewPCG(1, 2))
	var out []string
	for range 20000 {
		var b strings.Builder
		n := rng.IntN(40)
		for range n {
			if rng.IntN(3) > 0 {
				b.WriteString("abcdefgh"[:1+rng.IntN(8)])
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		out = append(out, b.String())
	}
	return out
}

// cleanSpanBytewise is cleanSpan without the fast path: the reference.
func (n *Normalizer) cleanSpanBytewise(s string) (clean bool, bad int) {
	for i := 0; i < len(s); {
		c := s[i]
		if c-0x21 < 0x7f-0x21 { // printable ASCII other than space: one comparison
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c != ' ' || i == 0 || i+1 == len(s) || s[i+1] == ' ' {
				return false, -1
			}
			i++
			continue
		}
		k := i
		for k < len(s) && s[k] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[k:])
			if r == utf8.RuneError && size == 1 {
				return false, k
			}
			switch classify(r) {
			case classKeep:
			case classJoiner:
				prevRune, _ := utf8.DecodeLastRuneInString(s[:k])
				if n.stripJoiners || k == 0 || !joinable(prevRune) || !joinableAt(s, k+size) {
					return false, -1
				}
			default:
				return false, -1
			}
			k += size
		}
		if !isNFC(s[max(i-1, 0):k]) {
			return false, -1
		}
		i = k
	}
	return true, -1
}
