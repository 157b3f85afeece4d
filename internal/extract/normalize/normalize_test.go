package normalize

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// view is what the table tests compare: each paragraph as "kind: text".
type view struct {
	Paragraphs []string
	Headline   string
	Standfirst string
	Byline     string
	Related    []event.RelatedStory
	Warnings   []string
}

func viewOf(ev *event.Event) view {
	v := view{Headline: ev.Headline, Standfirst: ev.Standfirst, Byline: ev.Byline, Related: ev.Related}
	for _, p := range ev.Paragraphs {
		v.Paragraphs = append(v.Paragraphs, p.Kind+": "+ev.Text[p.Start:p.End])
	}
	for _, w := range ev.Warnings {
		v.Warnings = append(v.Warnings, w.Stage+": "+w.Message)
	}
	return v
}

// snapshot copies ev deeply enough to see whether Process changed it.
func snapshot(ev *event.Event) event.Event {
	c := *ev
	c.Paragraphs = slices.Clone(ev.Paragraphs)
	c.Related = slices.Clone(ev.Related)
	c.Warnings = slices.Clone(ev.Warnings)
	return c
}

// withFields sets the fields that rawDoc leaves empty.
func withFields(doc *extract.Document, byline string, related ...event.RelatedStory) *extract.Document {
	doc.Event.Byline = byline
	doc.Event.Related = related
	return doc
}

// textOnly is a Document with Text but no Paragraphs.
func textOnly(text string) *extract.Document {
	return &extract.Document{Event: event.Event{Text: text}}
}

// withOutside is a Document with text between its two paragraphs.
func withOutside() *extract.Document {
	return &extract.Document{Event: event.Event{
		Text:       "Head\n\nstray\n\nBody",
		Headline:   "Head",
		Paragraphs: []event.Paragraph{{Kind: event.ParagraphHeadline, Start: 0, End: 4}, {Kind: event.ParagraphBody, Start: 13, End: 17}},
	}}
}

func TestProcess(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		in   *extract.Document
		want view
	}{
		{
			name: "already normalized",
			in:   rawDoc("Talks resume", "Envoys meet in Geneva", "The talks resumed on Monday. “We are close,” one said."),
			want: view{
				Paragraphs: []string{"headline: Talks resume", "standfirst: Envoys meet in Geneva", "body: The talks resumed on Monday. “We are close,” one said."},
				Headline:   "Talks resume", Standfirst: "Envoys meet in Geneva",
			},
		},
		{
			name: "NFC composes decomposed accents",
			in:   rawDoc("Cafe\u0301 in Zu\u0308rich", "", "A\u030angstro\u0308m"),
			want: view{Paragraphs: []string{"headline: Café in Zürich", "body: Ångström"}, Headline: "Café in Zürich"},
		},
		{
			name: "space separators and tabs become one space",
			in:   rawDoc("a\u00a0b\u2009c\t d\u3000e\u202f%\u2007f\u1680g"),
			want: view{Paragraphs: []string{"headline: a b c d e % f g"}, Headline: "a b c d e % f g"},
		},
		{
			name: "line breaks inside a paragraph become spaces",
			in:   rawDoc("H", "", "line one\nline two\r\nthree\u2028four\u2029five\u0085six"),
			want: view{Paragraphs: []string{"headline: H", "body: line one line two three four five six"}, Headline: "H"},
		},
		{
			name: "trim and collapse",
			in:   rawDoc("  a   b  ", " \t s  t\n"),
			want: view{Paragraphs: []string{"headline: a b", "standfirst: s t"}, Headline: "a b", Standfirst: "s t"},
		},
		{
			name: "C0 and C1 controls are removed and counted",
			in:   rawDoc("a\x07b\x00c\x7fd\u009fe\u0080f"),
			want: view{
				Paragraphs: []string{"headline: abcdef"}, Headline: "abcdef",
				Warnings: []string{"normalize: removed 5 control or invisible formatting characters"},
			},
		},
		{
			name: "invisible formatting characters are removed",
			in:   rawDoc("co\u00adop\u200b \ufeffx\u2066y\u2069 \u200eR\u202bL\u202c\u2060z\u180e"),
			want: view{
				Paragraphs: []string{"headline: coop xy RLz"}, Headline: "coop xy RLz",
				Warnings: []string{"normalize: removed 10 control or invisible formatting characters"},
			},
		},
		{
			name: "removal can bring a mark to its letter",
			in:   rawDoc("e\u200b\u0301t\u00ade\u0301"),
			want: view{
				Paragraphs: []string{"headline: été"}, Headline: "été",
				Warnings: []string{"normalize: removed 2 control or invisible formatting characters"},
			},
		},
		{
			name: "joiners are kept between letters and symbols only",
			in:   rawDoc("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645 \U0001F469\u200d\U0001F467 \u200ca\u200d b\u200c \u200d"),
			want: view{
				Paragraphs: []string{"headline: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645 \U0001F469\u200d\U0001F467 a b"},
				Headline:   "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645 \U0001F469\u200d\U0001F467 a b",
				Warnings:   []string{"normalize: removed 4 control or invisible formatting characters"},
			},
		},
		{
			name: "double joiner keeps one",
			in:   rawDoc("a\u200c\u200cb"),
			want: view{
				Paragraphs: []string{"headline: a\u200cb"}, Headline: "a\u200cb",
				Warnings: []string{"normalize: removed 1 control or invisible formatting character"},
			},
		},
		{
			name: "strip joiners option",
			opts: []Option{WithStripJoiners()},
			in:   rawDoc("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645"),
			want: view{
				Paragraphs: []string{"headline: \u0645\u06cc\u062e\u0648\u0627\u0647\u06cc\u0645"}, Headline: "\u0645\u06cc\u062e\u0648\u0627\u0647\u06cc\u0645",
				Warnings: []string{"normalize: removed 1 control or invisible formatting character"},
			},
		},
		{
			name: "typographic quotes, dashes and apostrophes are kept",
			in:   rawDoc("“Quote” — it’s… ‘x’ – «y» „z“ don't \"w\" 'v'"),
			want: view{
				Paragraphs: []string{"headline: “Quote” — it’s… ‘x’ – «y» „z“ don't \"w\" 'v'"},
				Headline:   "“Quote” — it’s… ‘x’ – «y» „z“ don't \"w\" 'v'",
			},
		},
		{
			name: "a paragraph left empty is dropped",
			in:   rawDoc("H", "S", "\u200b\u00a0\u2060", "Body"),
			want: view{
				Paragraphs: []string{"headline: H", "standfirst: S", "body: Body"}, Headline: "H", Standfirst: "S",
				Warnings: []string{
					"normalize: removed 2 control or invisible formatting characters",
					"normalize: dropped 1 paragraph that held no visible text",
				},
			},
		},
		{
			name: "an empty headline paragraph empties the headline",
			in:   rawDoc("\u200b", "S", "B"),
			want: view{
				Paragraphs: []string{"standfirst: S", "body: B"}, Standfirst: "S",
				Warnings: []string{
					"normalize: removed 1 control or invisible formatting character",
					"normalize: dropped 1 paragraph that held no visible text",
				},
			},
		},
		{
			name: "byline and related stories",
			in: withFields(rawDoc("H"), " By\u00a0Jo  Doe ",
				event.RelatedStory{Headline: "Rates\u00a0rise", Teaser: "Banks\u200b act", Section: "Business"},
				event.RelatedStory{Headline: "\u200e", Teaser: "Gone"},
				event.RelatedStory{Headline: "Kept", Teaser: "As is", Section: "World News"},
			),
			want: view{
				Paragraphs: []string{"headline: H"}, Headline: "H", Byline: "By Jo Doe",
				Related: []event.RelatedStory{
					{Headline: "Rates rise", Teaser: "Banks act", Section: "Business"},
					{Headline: "Kept", Teaser: "As is", Section: "World News"},
				},
				Warnings: []string{
					"normalize: removed 2 control or invisible formatting characters",
					"normalize: dropped 1 related story without a headline",
				},
			},
		},
		{
			name: "text without paragraphs is split at blank lines",
			in:   textOnly("\n One\ntwo \n \t\nThree\u00a0\n\n\n"),
			want: view{Paragraphs: []string{"body: One two", "body: Three"}},
		},
		{
			name: "text outside the paragraphs is dropped with a warning",
			in:   withOutside(),
			want: view{
				Paragraphs: []string{"headline: Head", "body: Body"}, Headline: "Head",
				Warnings: []string{"normalize: dropped 5 characters outside the paragraphs"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := newNormalizer(t, tc.opts...)
			if err := n.Process(t.Context(), tc.in); err != nil {
				t.Fatalf("Process: %v", err)
			}
			if err := normalError(&tc.in.Event); err != nil {
				t.Fatal(err)
			}
			if got := viewOf(&tc.in.Event); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%#v\nwant\n%#v", got, tc.want)
			}
		})
	}
}

func TestProcessErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     *extract.Document
		reason extract.Reason
		detail string
	}{
		{name: "invalid UTF-8 in a clean paragraph", in: rawDoc("Head", "Stand\xff"), reason: extract.ReasonInvalidUTF8, detail: "the text is not valid UTF-8: bad byte 0xff at byte offset 11"},
		{name: "invalid UTF-8 after a change", in: rawDoc("He\u00a0ad", "Sta\xc3"), reason: extract.ReasonInvalidUTF8, detail: "bad byte 0xc3 at byte offset 11"},
		{name: "invalid UTF-8 in a standalone field", in: withFields(rawDoc("", "", "Body"), "By \xe2\x80"), reason: extract.ReasonInvalidUTF8, detail: "the byline is not valid UTF-8: bad byte 0xe2 at byte offset 3"},
		{name: "invalid UTF-8 in a related teaser", in: withFields(rawDoc("H"), "", event.RelatedStory{Headline: "R"}, event.RelatedStory{Headline: "R", Teaser: "\x80"}), reason: extract.ReasonInvalidUTF8, detail: "the teaser of related story 2 is not valid UTF-8"},
		{name: "no text", in: rawDoc(), reason: extract.ReasonNoContent, detail: "the article has no text"},
		{name: "only invisible text", in: rawDoc("\u200b", "\u00a0 \u2060", "\x07"), reason: extract.ReasonNoContent, detail: "no text is left after normalization"},
		{name: "text without paragraphs that is blank", in: textOnly(" \n\n \t"), reason: extract.ReasonNoContent, detail: "no text is left"},
		{
			name:   "paragraph out of range",
			in:     &extract.Document{Event: event.Event{Text: "abc", Paragraphs: []event.Paragraph{{Kind: event.ParagraphBody, Start: 1, End: 9}}}},
			reason: extract.ReasonMalformed, detail: "paragraph 0 spans [1,9)",
		},
		{
			name:   "overlapping paragraphs",
			in:     &extract.Document{Event: event.Event{Text: "abcdef", Paragraphs: []event.Paragraph{{Start: 0, End: 4}, {Start: 3, End: 6}}}},
			reason: extract.ReasonMalformed, detail: "paragraph 1 spans [3,6)",
		},
		{
			name:   "paragraph cuts a character",
			in:     &extract.Document{Event: event.Event{Text: "aéb", Paragraphs: []event.Paragraph{{Start: 0, End: 2}}}},
			reason: extract.ReasonMalformed, detail: "cuts a character in two",
		},
	}
	n := newNormalizer(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(&tc.in.Event)
			err := n.Process(t.Context(), tc.in)
			var inErr *extract.InputError
			if !errors.As(err, &inErr) || !errors.Is(err, extract.ErrBadInput) {
				t.Fatalf("Process = %v, want an *extract.InputError", err)
			}
			if inErr.Reason != tc.reason || !strings.Contains(inErr.Detail, tc.detail) {
				t.Errorf("Process = %q (%s), want reason %s with %q", inErr.Detail, inErr.Reason, tc.reason, tc.detail)
			}
			if !reflect.DeepEqual(tc.in.Event, before) {
				t.Errorf("the event changed although Process failed")
			}
		})
	}
}

func TestProcessCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := newNormalizer(t).Process(ctx, rawDoc("H"))
	if !errors.Is(err, context.Canceled) || errors.Is(err, extract.ErrBadInput) {
		t.Fatalf("Process = %v, want a context.Canceled error that is not bad input", err)
	}
}

// TestFastPath checks that normalized text is recognised and kept as it
// is: the same string, the same paragraphs, no allocation.
func TestFastPath(t *testing.T) {
	n := newNormalizer(t)
	for _, path := range goldenInputs(t) {
		doc := decodeFile(t, path)
		if err := n.Process(t.Context(), doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		text, paras := doc.Event.Text, doc.Event.Paragraphs
		if err := n.Process(t.Context(), doc); err != nil {
			t.Fatalf("%s again: %v", path, err)
		}
		if unsafe.StringData(doc.Event.Text) != unsafe.StringData(text) || &doc.Event.Paragraphs[0] != &paras[0] {
			t.Errorf("%s: normalized text was copied on the second run", path)
		}
		allocs := testing.AllocsPerRun(50, func() {
			if err := n.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("%s: %v allocations per run on normalized text, want 0", path, allocs)
		}
	}
}

// TestConcurrent shares one Normalizer between goroutines; run it with
// -race.
func TestConcurrent(t *testing.T) {
	n := newNormalizer(t)
	want := "Café owners protest rent rises"
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				doc := rawDoc("Cafe\u0301\u00a0owners\u200b protest  rent rises")
				if err := n.Process(context.Background(), doc); err != nil {
					t.Error(err)
					return
				}
				if doc.Event.Text != want {
					t.Errorf("got %q, want %q", doc.Event.Text, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{1, "paragraph", "1 paragraph"},
		{2, "paragraph", "2 paragraphs"},
		{1, "related story", "1 related story"},
		{3, "related story", "3 related stories"},
	}
	for _, tc := range tests {
		if got := count(tc.n, tc.noun); got != tc.want {
			t.Errorf("count(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
}
