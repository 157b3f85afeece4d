package language

import (
	"testing"
	"unicode/utf8"
)

// FuzzDetect checks that any text, valid UTF-8 or not, yields a known code
// or "und" with a confidence in [0,1], and that Sample stays a prefix on a
// rune boundary.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"", "OK", "The bank cut rates on Thursday.", "Le président a dit que", "日本語の文", "عربي",
		"a\xffb\xe2\x80 c", "ﬀﬁ ǅ ß ẞ İ", "\u0301\u0301\u0301 x",
	} {
		f.Add(s, 64)
	}
	d := newDetector(f)
	f.Fuzz(func(t *testing.T, text string, n int) {
		got := d.Detect(text)
		if got.Code == "" || !(got.Confidence >= 0 && got.Confidence <= 1) {
			t.Fatalf("Detect(%q) = %+v", text, got)
		}
		s := Sample(text, n)
		if len(s) > len(text) || text[:len(s)] != s || (n >= 0 && len(s) > n) {
			t.Fatalf("Sample(%q, %d) = %q", text, n, s)
		}
		if utf8.ValidString(text) && !utf8.ValidString(s) {
			t.Fatalf("Sample(%q, %d) = %q cuts a rune", text, n, s)
		}
	})
}
