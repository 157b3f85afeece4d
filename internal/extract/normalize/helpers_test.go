package normalize

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

func newNormalizer(tb testing.TB, opts ...Option) *Normalizer {
	tb.Helper()
	n, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return n
}

// rawDoc builds a Document the way decode lays out Text, but without
// normalizing anything: parts are the headline, the standfirst and the
// body paragraphs, joined with "\n\n"; empty parts are skipped. Unlike
// [extracttest.Doc], Headline and Standfirst hold the raw parts too, as
// the stage rewrites them.
func rawDoc(parts ...string) *extract.Document {
	doc := extracttest.Doc(parts...)
	if len(parts) > 0 {
		doc.Event.Headline = parts[0]
	}
	if len(parts) > 1 {
		doc.Event.Standfirst = parts[1]
	}
	return doc
}

// decodeFile runs the decode stage on a payload file.
func decodeFile(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	return extracttest.Load(tb, path, extracttest.Must(tb)(decode.New()))
}

// goldenInputs returns the project's samples and this package's own
// fixtures (testdata/*.json and *.txt that are not golden files).
func goldenInputs(tb testing.TB) []string {
	tb.Helper()
	files := extracttest.SampleFiles(tb)
	for _, pattern := range []string{"testdata/*.txt", "testdata/*.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range m {
			if !strings.HasSuffix(f, ".golden.json") {
				files = append(files, f)
			}
		}
	}
	return files
}

// normalError checks the invariants of a normalized event: valid UTF-8
// in NFC; paragraphs tiling Text with exactly "\n\n" between them, none
// empty, each free of control, invisible and non-ASCII space characters,
// trimmed and without double spaces; Headline and Standfirst equal to
// their paragraphs; the other fields normalized too.
func normalError(ev *event.Event) error {
	if !utf8.ValidString(ev.Text) {
		return errors.New("text is not valid UTF-8")
	}
	if !norm.NFC.IsNormalString(ev.Text) {
		return errors.New("text is not in NFC")
	}
	if len(ev.Paragraphs) == 0 {
		return errors.New("no paragraphs")
	}
	pos := 0
	for i, p := range ev.Paragraphs {
		sep := ""
		if i > 0 {
			sep = "\n\n"
		}
		if p.Start < pos || p.End > len(ev.Text) || p.Start >= p.End {
			return fmt.Errorf("paragraph %d [%d,%d) out of order or range (text %d bytes)", i, p.Start, p.End, len(ev.Text))
		}
		if ev.Text[pos:p.Start] != sep {
			return fmt.Errorf("paragraph %d starts after %q, want %q", i, ev.Text[pos:p.Start], sep)
		}
		if err := lineError(ev.Text[p.Start:p.End]); err != nil {
			return fmt.Errorf("paragraph %d: %w", i, err)
		}
		switch p.Kind {
		case event.ParagraphHeadline:
			if ev.Text[p.Start:p.End] != ev.Headline {
				return fmt.Errorf("headline %q, its paragraph %q", ev.Headline, ev.Text[p.Start:p.End])
			}
		case event.ParagraphStandfirst:
			if ev.Text[p.Start:p.End] != ev.Standfirst {
				return fmt.Errorf("standfirst %q, its paragraph %q", ev.Standfirst, ev.Text[p.Start:p.End])
			}
		}
		pos = p.End
	}
	if pos != len(ev.Text) {
		return fmt.Errorf("%d bytes after the last paragraph", len(ev.Text)-pos)
	}
	for _, f := range []string{ev.Headline, ev.Standfirst, ev.Byline, ev.Section} {
		if f == "" {
			continue
		}
		if err := lineError(f); err != nil {
			return fmt.Errorf("field %q: %w", f, err)
		}
	}
	for i, r := range ev.Related {
		if r.Headline == "" {
			return fmt.Errorf("related story %d has no headline", i)
		}
		for _, f := range []string{r.Headline, r.Teaser, r.Section} {
			if f == "" {
				continue
			}
			if err := lineError(f); err != nil {
				return fmt.Errorf("related story %d field %q: %w", i, f, err)
			}
		}
	}
	return nil
}

// lineError checks one normalized paragraph or field. It is written
// independently of the stage's own tables, from the rules in doc.go.
func lineError(s string) error {
	if s == "" {
		return errors.New("empty")
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return fmt.Errorf("%q is not trimmed or has a double space", s)
	}
	if !norm.NFC.IsNormalString(s) {
		return fmt.Errorf("%q is not in NFC", s)
	}
	for i, r := range s {
		switch {
		case r == ' ':
		case unicode.IsControl(r):
			return fmt.Errorf("%q has control character %U at %d", s, r, i)
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			return fmt.Errorf("%q has space character %U at %d", s, r, i)
		case r == 0xad || r == 0x200b || r == 0x2060 || r == 0xfeff || r == 0x200e || r == 0x200f || r == 0x061c ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			return fmt.Errorf("%q has invisible character %U at %d", s, r, i)
		case r == 0x200c || r == 0x200d:
			before, n := utf8.DecodeLastRuneInString(s[:i])
			after, m := utf8.DecodeRuneInString(s[i+3:])
			if n == 0 || m == 0 || !isJoinContext(before) || !isJoinContext(after) {
				return fmt.Errorf("%q has joiner %U at %d between %q and %q", s, r, i, before, after)
			}
		}
	}
	return nil
}

func isJoinContext(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.So, unicode.Sk)
}
