package normalize

import (
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// TestCleanSpanMatchesBytewise checks the eight-bytes-at-a-time scan of
// cleanSpan against the byte loop it speeds up (cleanSpanBytewise, the
// code before the fast path), on random strings.
func TestCleanSpanMatchesBytewise(t *testing.T) {
	for _, strip := range []bool{false, true} {
		n := newNormalizer(t)
		n.stripJoiners = strip
		for _, s := range extracttest.WordAtATimeInputs() {
			c1, b1 := n.cleanSpan(s)
			c2, b2 := n.cleanSpanBytewise(s)
			if c1 != c2 || b1 != b2 {
				t.Fatalf("cleanSpan(%q) = %v, %d; the byte loop gives %v, %d", s, c1, b1, c2, b2)
			}
		}
	}
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
