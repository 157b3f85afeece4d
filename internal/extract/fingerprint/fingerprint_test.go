package fingerprint

import (
	"errors"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// TestSimHashStable pins SimHash values: they are stored in the shared
// dedup index, so a change of the algorithm must be deliberate (and the
// index bucket rotated). The values were cross-checked with an independent
// Python implementation of the documented algorithm.
func TestSimHashStable(t *testing.T) {
	tests := []struct {
		name, text string
		k          int
		want       string
	}{
		{name: "empty", text: "", k: 3, want: "0000000000000000"},
		{name: "no words", text: " .,;!?\n\n—", k: 3, want: "0000000000000000"},
		{name: "one word", text: "Bonn", k: 3, want: "bbae76ef4f2e8a49"},
		{name: "sentence", text: "Negotiators at the U.N. climate talks in Bonn agreed early on Saturday.", k: 3, want: "83e950a5ab8cca8e"},
		{name: "sentence default k", text: "Negotiators at the U.N. climate talks in Bonn agreed early on Saturday.", k: DefaultShingleSize, want: "af1584271d155a62"},
		{name: "sentence k1", text: "Negotiators at the U.N. climate talks in Bonn agreed early on Saturday.", k: 1, want: "79809bc8efbfaa59"},
		{name: "unicode", text: "Ölpreise steigen: Straße gesperrt, Ärger in Zürich.", k: 3, want: "a47d2de65c4ca30b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FormatSimHash(newFingerprinter(t, WithShingleSize(tt.k)).SimHash(tt.text))
			if got != tt.want {
				t.Errorf("SimHash(%q, k=%d) = %s, want %s", tt.text, tt.k, got, tt.want)
			}
		})
	}
}

func TestSimHashMatchesReference(t *testing.T) {
	texts, _ := articleTexts(t, 40, samplegen.WithFormats(1, 1, 1))
	texts = append(texts, "", "a", "a b", "A B C", "Ünïcödé wörds and ǅ titlecase", "x\xffy z\xe2\x80 w", "e\u0301te 1,000 42")
	for k := 1; k <= MaxShingleSize; k++ {
		f := newFingerprinter(t, WithShingleSize(k))
		for i, text := range texts {
			if got, want := f.SimHash(text), referenceSimHash(text, k); got != want {
				t.Fatalf("text %d, k=%d: SimHash = %016x, reference %016x", i, k, got, want)
			}
		}
	}
}

// TestSimHashLaneFlush covers texts with more shingles than the 8-bit
// lanes hold between flushes.
func TestSimHashLaneFlush(t *testing.T) {
	f := newFingerprinter(t)
	for _, n := range []int{lanesFull - 1, lanesFull, lanesFull + 1, lanesFull + 2, 3 * lanesFull, 10000} {
		var sb strings.Builder
		for i := range n + 2 {
			sb.WriteString("w")
			sb.WriteString(strings.Repeat("x", i%7))
			sb.WriteString(" ")
		}
		if got, want := f.SimHash(sb.String()), referenceSimHash(sb.String(), DefaultShingleSize); got != want {
			t.Errorf("%d shingles: SimHash = %016x, reference %016x", n, got, want)
		}
	}
}

func TestSimHashIgnoresCaseAndPunctuation(t *testing.T) {
	f := newFingerprinter(t)
	a := f.SimHash("The central bank said on Monday that inflation had slowed.")
	b := f.SimHash("THE CENTRAL BANK — said, on Monday: that inflation had “slowed”")
	if a != b {
		t.Errorf("SimHash differs by case and punctuation: %016x vs %016x", a, b)
	}
}

func TestNearDuplicatesAreClose(t *testing.T) {
	text := fiveKB(t)
	f := newFingerprinter(t)
	h := f.SimHash(text)
	i := strings.Index(text, " said ")
	if i < 0 {
		t.Fatal("no ' said ' in the 5 KB article")
	}
	corrected := text[:i] + " added " + text[i+len(" said "):]
	if d := Distance(h, f.SimHash(corrected)); d > 6 {
		t.Errorf("one-word correction: distance %d, want at most 6", d)
	}
	others, _ := articleTexts(t, 30)
	for j, o := range others {
		if o == text {
			continue
		}
		if d := Distance(h, f.SimHash(o)); d < 12 {
			t.Errorf("unrelated article %d: distance %d, want at least 12", j, d)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b uint64
		want int
	}{
		{name: "equal", a: 0xdeadbeef, b: 0xdeadbeef, want: 0},
		{name: "one bit", a: 0, b: 1 << 63, want: 1},
		{name: "all bits", a: 0, b: ^uint64(0), want: 64},
		{name: "nibble", a: 0xf0, b: 0x0f, want: 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Distance(tt.a, tt.b); got != tt.want {
				t.Errorf("Distance(%x, %x) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestFormatParseSimHash(t *testing.T) {
	for _, h := range []uint64{0, 1, 0x0123456789abcdef, ^uint64(0)} {
		s := FormatSimHash(h)
		if len(s) != 16 || strings.ToLower(s) != s {
			t.Errorf("FormatSimHash(%x) = %q, want 16 lower-case hex digits", h, s)
		}
		got, err := ParseSimHash(s)
		if err != nil || got != h {
			t.Errorf("ParseSimHash(%q) = %x, %v; want %x", s, got, err, h)
		}
	}
	if got, err := ParseSimHash("0123456789ABCDEF"); err != nil || got != 0x0123456789abcdef {
		t.Errorf("ParseSimHash upper case = %x, %v", got, err)
	}
}

func TestParseSimHashErrors(t *testing.T) {
	for _, s := range []string{"", "0", "0123456789abcdef0", "0123456789abcdeg", "+123456789abcdef", "0x3456789abcdef0", "0_23456789abcdef", " 123456789abcdef"} {
		if _, err := ParseSimHash(s); !errors.Is(err, ErrSimHashSyntax) {
			t.Errorf("ParseSimHash(%q) error = %v, want ErrSimHashSyntax", s, err)
		}
	}
}

func TestProcess(t *testing.T) {
	f := newFingerprinter(t)
	doc := &extract.Document{}
	doc.Event.Text = "abc"
	if err := f.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	fp := doc.Event.Fingerprint
	if fp == nil {
		t.Fatal("Fingerprint not set")
	}
	// The SHA-256 test vector of FIPS 180-2 for "abc".
	if want := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; fp.ContentHash != want {
		t.Errorf("ContentHash = %s, want %s", fp.ContentHash, want)
	}
	if want := FormatSimHash(f.SimHash("abc")); fp.SimHash != want {
		t.Errorf("SimHash = %s, want %s", fp.SimHash, want)
	}
	if fp.StoryID != "" || fp.DuplicateOf != "" || fp.Distance != 0 || fp.Exact {
		t.Errorf("story fields set by the fingerprint stage: %+v", fp)
	}
}

func TestProcessCancelled(t *testing.T) {
	ctx, cancel := contextCancelled(t)
	defer cancel()
	doc := &extract.Document{}
	err := newFingerprinter(t).Process(ctx, doc)
	if err == nil || errors.Is(err, extract.ErrBadInput) {
		t.Errorf("Process on a cancelled context = %v, want a transient error", err)
	}
	if doc.Event.Fingerprint != nil {
		t.Error("Fingerprint set although Process failed")
	}
}

func TestNewRejectsBadShingleSize(t *testing.T) {
	for _, k := range []int{-1, 0, MaxShingleSize + 1} {
		if _, err := New(WithShingleSize(k)); err == nil {
			t.Errorf("New(WithShingleSize(%d)) succeeded", k)
		}
	}
	if f := newFingerprinter(t); f.Name() != StageName || f.shingle != DefaultShingleSize {
		t.Errorf("New() = %+v named %q", f, f.Name())
	}
}
