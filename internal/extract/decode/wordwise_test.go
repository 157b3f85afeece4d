package decode

import (
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
	for _, s := range extracttest.WordAtATimeInputs() {
		if got, want := normalizeSpace(s), normalizeSpaceBytewise(s); got != want {
			t.Fatalf("normalizeSpace(%q) = %q; the byte loop gives %q", s, got, want)
		}
	}
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
