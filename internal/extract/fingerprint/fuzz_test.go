package fingerprint

import (
	"context"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
)

// FuzzSimHash checks on any text that the fast SimHash equals the
// reference implementation for every shingle size, and that the stage's
// output parses back.
func FuzzSimHash(f *testing.F) {
	for _, s := range []string{
		"", "a", "Negotiators at the U.N. climate talks in Bonn agreed early on Saturday.",
		"Ölpreise steigen: Straße gesperrt", "x\xffy z\xe2\x80 w", "e\u0301te 1,000 42", "ǅ ǈ ǋ",
	} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, text string, k uint8) {
		size := int(k)%MaxShingleSize + 1
		fp := newFingerprinter(t, WithShingleSize(size))
		h := fp.SimHash(text)
		if want := referenceSimHash(text, size); h != want {
			t.Fatalf("SimHash(%q, %d) = %016x, reference %016x", text, size, h, want)
		}
		doc := &extract.Document{}
		doc.Event.Text = text
		if err := fp.Process(t.Context(), doc); err != nil {
			t.Fatal(err)
		}
		got, err := ParseSimHash(doc.Event.Fingerprint.SimHash)
		if err != nil || got != h {
			t.Fatalf("ParseSimHash(%q) = %x, %v; want %x", doc.Event.Fingerprint.SimHash, got, err, h)
		}
		if len(doc.Event.Fingerprint.ContentHash) != 64 {
			t.Fatalf("ContentHash %q is not 64 hex digits", doc.Event.Fingerprint.ContentHash)
		}
	})
}

func contextCancelled(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	return ctx, cancel
}
