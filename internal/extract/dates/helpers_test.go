package dates

import (
	"os"
	"regexp"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

func newStage(tb testing.TB, opts ...Option) *Dates {
	tb.Helper()
	d, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return d
}

// day is midnight UTC of a date, for anchors.
func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
}

// decodeFile runs the decode stage on a payload file, as the worker does
// before this stage, with an ingest time for articles that give no
// publication time (which is why it is not [extracttest.Load]).
func decodeFile(tb testing.TB, path string, ingested time.Time) *extract.Document {
	tb.Helper()
	payload, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc := &extract.Document{Raw: extract.Raw{Payload: payload, Source: "test", Published: ingested}}
	extracttest.Run(tb, doc, extracttest.Must(tb)(decode.New()))
	return doc
}

// valueFormats are the shapes of the values of each kind.
var valueFormats = map[string]*regexp.Regexp{
	KindDate:     regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`),
	KindMonth:    regexp.MustCompile(`^\d{4}-\d{2}$`),
	KindYear:     regexp.MustCompile(`^\d{4}$`),
	KindWeek:     regexp.MustCompile(`^\d{4}-W\d{2}$`),
	KindDateTime: regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$`),
	KindDuration: regexp.MustCompile(`^P(T\d+(\.\d+)?[HM]|\d+(\.\d+)?[YMWD])$`),
	KindRange:    regexp.MustCompile(`^(\d{4}/\d{4}|\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2})$`),
}

// checkMentions checks the invariants of a result: offsets in range, in
// order and without overlaps, on rune boundaries of valid text, Text the
// slice they span, values that parse for their kind, Anchor set exactly
// on relative mentions.
func checkMentions(t testing.TB, text string, ms []event.DateMention) {
	t.Helper()
	prev := 0
	for i, m := range ms {
		if m.Start < prev || m.Start >= m.End || m.End > len(text) {
			t.Fatalf("mention %d %+v: offsets out of order or range (previous end %d, text %d bytes)", i, m, prev, len(text))
		}
		prev = m.End
		if m.Text != text[m.Start:m.End] {
			t.Fatalf("mention %d: Text %q, text[%d:%d] = %q", i, m.Text, m.Start, m.End, text[m.Start:m.End])
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			t.Fatalf("mention %d %q not on rune boundaries", i, m.Text)
		}
		if err := parseValue(m.Kind, m.Value); err != nil {
			t.Fatalf("mention %d %q: %v", i, m.Text, err)
		}
		if m.Relative != (m.Anchor != "") {
			t.Fatalf("mention %d %+v: Relative and Anchor disagree", i, m)
		}
	}
}

// parseValue checks that value is well-formed ISO 8601 for kind and
// that its dates exist.
func parseValue(kind, value string) error {
	re, ok := valueFormats[kind]
	if !ok {
		return &valueError{kind, value, "unknown kind"}
	}
	if !re.MatchString(value) {
		return &valueError{kind, value, "does not match " + re.String()}
	}
	var layouts []string
	switch kind {
	case KindDate:
		layouts = []string{"2006-01-02"}
	case KindMonth:
		layouts = []string{"2006-01"}
	case KindDateTime:
		layouts = []string{"2006-01-02T15:04:05Z", "2006-01-02T15:04:05"}
	case KindRange:
		if len(value) > 9 {
			layouts = []string{"2006-01-02/2006-01-02"}
		}
	}
	for _, l := range layouts {
		if l == "2006-01-02/2006-01-02" {
			a, errA := time.Parse("2006-01-02", value[:10])
			b, errB := time.Parse("2006-01-02", value[11:])
			if errA != nil || errB != nil || b.Before(a) {
				return &valueError{kind, value, "not an interval of days"}
			}
			return nil
		}
		if _, err := time.Parse(l, value); err == nil {
			return nil
		}
	}
	if len(layouts) > 0 {
		return &valueError{kind, value, "does not parse"}
	}
	return nil
}

type valueError struct{ kind, value, why string }

func (e *valueError) Error() string { return e.kind + " value " + e.value + ": " + e.why }
