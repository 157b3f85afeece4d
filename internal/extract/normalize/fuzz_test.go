package normalize

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// FuzzNormalize checks the stage on any text, laid out the way decode
// lays out Text (paragraphs separated by "\n\n") but not normalized: it
// never panics; it fails only with invalid_utf8 (exactly when the text is
// not valid UTF-8) or no_content; on success the event keeps every
// invariant of normalized text, a second run changes nothing and copies
// nothing, the same text without Paragraphs gives the same words, and the
// strip-joiners variant is idempotent too.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Talks resume\n\nEnvoys meet\n\nThe talks resumed. “We are close,” one said.",
		"Cafe\u0301 in Zu\u0308rich\n\n\n\nA\u030angstro\u0308m",
		"a\u00a0b\u2009c\t d\u3000e\u202f%\u2007f\u1680g\u2028h\u0085i",
		"a\x07b\x00c\x7fd\u009fe\u0080f\n\n\u200b\u00a0\u2060\n\nco\u00adop\u200b \ufeffx\u2066y\u2069",
		"e\u200b\u0301 \u0645\u06cc\u200c\u062e\u0648 \U0001F469\u200d\U0001F467 \u200ca\u200d b\u200c \u200d a\u200c\u200cb",
		"\u1fef\u200d\u0301 \u2126\u200c\u212b \u0958\u200d\u0344 \u0f73\u0f75",
		"  lead\n trail \n\n \n\n\t\n",
		"Stand\xff\n\nx",
		"\u200b",
		"",
	} {
		f.Add(s)
	}
	// The samples go in paragraph by paragraph: whole articles make every
	// new input found expensive to minimize, and the fuzzer slow.
	paths := goldenInputs(f)
	if _, err := os.Stat(extracttest.SharedSample); err == nil {
		paths = append(paths, extracttest.SharedSample)
	}
	for _, path := range paths {
		ev := decodeFile(f, path).Event
		for _, p := range ev.Paragraphs {
			f.Add(ev.Text[p.Start:p.End])
		}
		f.Add(ev.Headline + "\n\n" + ev.Standfirst)
	}
	n := newNormalizer(f)
	strip := newNormalizer(f, WithStripJoiners())
	f.Fuzz(func(t *testing.T, text string) {
		doc := rawDoc(strings.Split(text, "\n\n")...)
		err := n.Process(t.Context(), doc)
		checkOutcome(t, n, text, doc, err)

		flat := textOnly(text)
		flatErr := n.Process(t.Context(), flat)
		checkOutcome(t, n, text, flat, flatErr)
		if (err == nil) != (flatErr == nil) {
			t.Fatalf("with paragraphs: %v; without: %v", err, flatErr)
		}
		if err == nil && strings.ReplaceAll(doc.Event.Text, "\n\n", " ") != strings.ReplaceAll(flat.Event.Text, "\n\n", " ") {
			t.Fatalf("with paragraphs %q, without %q", doc.Event.Text, flat.Event.Text)
		}

		stripped := rawDoc(strings.Split(text, "\n\n")...)
		err = strip.Process(t.Context(), stripped)
		checkOutcome(t, strip, text, stripped, err)
		if err == nil && strings.ContainsAny(stripped.Event.Text, "\u200c\u200d") {
			t.Fatalf("joiners left in %q", stripped.Event.Text)
		}
	})
}

// checkOutcome checks the result of one Process on text.
func checkOutcome(t *testing.T, n *Normalizer, text string, doc *extract.Document, err error) {
	t.Helper()
	if err != nil {
		var inErr *extract.InputError
		if !errors.As(err, &inErr) {
			t.Fatalf("Process = %v, want an *extract.InputError", err)
		}
		if want := !utf8.ValidString(text); (inErr.Reason == extract.ReasonInvalidUTF8) != want {
			t.Fatalf("Process = %v on text that is valid UTF-8: %v", err, !want)
		}
		if inErr.Reason != extract.ReasonInvalidUTF8 && inErr.Reason != extract.ReasonNoContent {
			t.Fatalf("Process = %v, want reason invalid_utf8 or no_content", err)
		}
		return
	}
	if !utf8.ValidString(text) {
		t.Fatalf("Process accepted invalid UTF-8 %q", text)
	}
	ev := &doc.Event
	if err := normalError(ev); err != nil {
		t.Fatalf("%v\ntext %q", err, ev.Text)
	}
	text1, paras1, warnings := ev.Text, slices.Clone(ev.Paragraphs), len(ev.Warnings)
	if err := n.Process(t.Context(), doc); err != nil {
		t.Fatalf("second Process = %v", err)
	}
	if unsafe.StringData(ev.Text) != unsafe.StringData(text1) || !slices.Equal(ev.Paragraphs, paras1) || len(ev.Warnings) != warnings {
		t.Fatalf("not idempotent:\n first %q\nsecond %q\nwarnings %v", text1, ev.Text, ev.Warnings[warnings:])
	}
}
