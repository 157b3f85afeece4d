package extracttest

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

// Doc builds a document from a headline, a standfirst and body
// paragraphs the way the decode stage lays out Text: the parts joined
// with "\n\n", one [event.Paragraph] each, its kind given by the part's
// position. Empty parts are skipped, as decode skips them, so
// Doc("", "", body) has only a body paragraph. Only Text and Paragraphs
// are set.
func Doc(parts ...string) *extract.Document {
	var b strings.Builder
	var paras []event.Paragraph
	for i, p := range parts {
		if p == "" {
			continue
		}
		kind := event.ParagraphBody
		switch i {
		case 0:
			kind = event.ParagraphHeadline
		case 1:
			kind = event.ParagraphStandfirst
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		paras = append(paras, event.Paragraph{Kind: kind, Start: start, End: b.Len()})
	}
	return &extract.Document{Event: event.Event{Text: b.String(), Paragraphs: paras}}
}

// Paragraphs cuts text at "\n\n" the way decode joins Text: the first
// non-empty part is the headline, the second the standfirst, the rest
// body. Empty parts are no paragraph but still count for the kinds.
func Paragraphs(text string) []event.Paragraph {
	var paras []event.Paragraph
	start := 0
	for {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		if end > start {
			kind := event.ParagraphBody
			switch len(paras) {
			case 0:
				kind = event.ParagraphHeadline
			case 1:
				kind = event.ParagraphStandfirst
			}
			paras = append(paras, event.Paragraph{Kind: kind, Start: start, End: end})
		}
		if i < 0 {
			return paras
		}
		start = end + 2
	}
}

// Run runs stages on doc in order, as the pipeline would, and fails the
// test on the first error.
func Run(tb testing.TB, doc *extract.Document, stages ...extract.Stage) {
	tb.Helper()
	for _, s := range stages {
		if err := s.Process(tb.Context(), doc); err != nil {
			tb.Fatalf("%s: %v", s.Name(), err)
		}
	}
}

// Must returns a function that unwraps a stage constructor's results and
// fails the test on its error, so that stages can be built inline:
//
//	must := extracttest.Must(tb)
//	doc := extracttest.Load(tb, path, must(decode.New()))
func Must(tb testing.TB) func(extract.Stage, error) extract.Stage {
	tb.Helper()
	return func(s extract.Stage, err error) extract.Stage {
		tb.Helper()
		if err != nil {
			tb.Fatalf("build stage: %v", err)
		}
		return s
	}
}

// Load reads the payload at path and runs stages on it (decode first,
// then whatever the stage under test reads), as the worker does before
// that stage.
func Load(tb testing.TB, path string, stages ...extract.Stage) *extract.Document {
	tb.Helper()
	payload, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc := &extract.Document{Raw: extract.Raw{Payload: payload, Source: "samples"}}
	for _, s := range stages {
		if err := s.Process(tb.Context(), doc); err != nil {
			tb.Fatalf("%s %s: %v", s.Name(), path, err)
		}
	}
	return doc
}

// LoadIfPresent is [Load], or nil when path does not exist (the shared
// sample, for one, lives outside the repository).
func LoadIfPresent(tb testing.TB, path string, stages ...extract.Stage) *extract.Document {
	tb.Helper()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return Load(tb, path, stages...)
}

var gaz struct {
	once sync.Once
	g    *gazetteer.Gazetteer
	err  error
}

// Gazetteer loads the gazetteer once for the whole test binary: the
// entities stage needs it and loading it is slow. It is safe for
// concurrent use.
func Gazetteer(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	gaz.once.Do(func() { gaz.g, gaz.err = gazetteer.Load() })
	if gaz.err != nil {
		tb.Fatalf("load gazetteer: %v", gaz.err)
	}
	return gaz.g
}
