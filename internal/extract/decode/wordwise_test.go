package decode

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// TestNormalizeSpaceMatchesBytewise checks the eight-bytes-at-a-time scan
// of normalizeSpace against the byte loop it speeds up
// (normalizeSpaceBytewise, the code before the fast path), on random
// strings.
func TestNormalizeSpaceMatchesBytewise(t *testing.T) {
	for _, s := range wordAtATimeInputs() {
		if got, want := normalizeSpace(s), normalizeSpaceBytewise(s); got != want {
			t.Fatalf("normalizeSpace(%q) = %q; the byte loop gives %q", s, got, want)
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

// normalizeSpaceBytewise is normalizeSpace without the fast path: the
// reference.
func normalizeSpaceBytewise(s string) string {
	s = strings.TrimSpace(s)
	prevSpace := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c > ' ' && c < utf8.RuneSelf:
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return collapseSpace(s)
			}
			prevSpace = true
		case c < ' ':
			if sp, _ := spaceAt(s, i); sp {
				return collapseSpace(s)
			}
			prevSpace = false
		default:
			if sp, _ := spaceAt(s, i); sp {
				return collapseSpace(s)
			}
			prevSpace = false // continuation bytes land here too
		}
	}
	return s
}

// BenchmarkNormalizeSpace measures normalizeSpace against the byte loop
// it replaced on the paragraphs of a decoded sample article, both in one
// binary so that a shared machine's load hits them alike.
func BenchmarkNormalizeSpace(b *testing.B) {
	doc := decodeFile(b, newDecoder(b), filepath.Join(extracttest.SamplesDir, "01-ecb-rates.txt"))
	var paras []string
	for _, p := range doc.Event.Paragraphs {
		paras = append(paras, doc.Event.Text[p.Start:p.End])
	}
	for _, bm := range []struct {
		name string
		fn   func(string) string
	}{{"words", normalizeSpace}, {"bytewise", normalizeSpaceBytewise}} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(doc.Event.Text)))
			for b.Loop() {
				for _, p := range paras {
					bm.fn(p)
				}
			}
		})
	}
}
