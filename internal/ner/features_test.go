package ner

import (
	"strings"
	"testing"
)

func TestIsParticle(t *testing.T) {
	tests := []struct {
		name string
		w    string
		want bool
	}{
		{name: "hyphen", w: "al-", want: true},
		{name: "apostrophe", w: "'s", want: true},
		{name: "right quote", w: "d\u2019", want: true},
		{name: "plain", w: "of", want: false},
		{name: "other e2 rune", w: "x\u2018", want: false},
		{name: "cut right quote", w: "d\xe2\x80", want: false},
		{name: "invalid before hyphen", w: "\xe2-", want: true},
		{name: "empty", w: "", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isParticle(tt.w); got != tt.want {
				t.Errorf("isParticle(%q) = %v, want %v", tt.w, got, tt.want)
			}
		})
	}
}

// FuzzIsParticle checks isParticle against the rune-decoding
// definition, strings.ContainsAny, on any bytes.
func FuzzIsParticle(f *testing.F) {
	for _, s := range []string{"al-Assad", "d\u2019Ivoire", "'s", "of", "\xe2\x80", "\xe2\xe2\x80\x99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := isParticle(w), strings.ContainsAny(w, "-'\u2019"); got != want {
			t.Errorf("isParticle(%q) = %v, want %v", w, got, want)
		}
	})
}
