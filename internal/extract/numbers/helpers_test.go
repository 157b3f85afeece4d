package numbers

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

const (
	// samplesDir holds the project's sample articles.
	samplesDir = "../../../samples"
	// sharedSample is the real wire article the team shares; it lives
	// outside the repository and may be absent.
	sharedSample = "../../../../shared/samples/wire-article.txt"
	// fixture is this package's own 5 KB wire article.
	fixture = "testdata/drought.txt"
)

var (
	upstreamOnce sync.Once
	upstreamDec  *decode.Decoder
	upstreamEnt  *entities.Entities
	upstreamErr  error
)

// upstream returns the decode and entities stages that run before this
// one in the pipeline, built once for all tests of the package.
func upstream(tb testing.TB) (*decode.Decoder, *entities.Entities) {
	tb.Helper()
	upstreamOnce.Do(func() {
		upstreamDec, upstreamErr = decode.New()
		if upstreamErr != nil {
			return
		}
		var g *gazetteer.Gazetteer
		if g, upstreamErr = gazetteer.Load(); upstreamErr != nil {
			return
		}
		upstreamEnt, upstreamErr = entities.New(g)
	})
	if upstreamErr != nil {
		tb.Fatalf("build upstream stages: %v", upstreamErr)
	}
	return upstreamDec, upstreamEnt
}

// decodeFile runs decode and entities on the payload at path, as the
// pipeline does before this stage.
func decodeFile(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	payload, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	dec, ent := upstream(tb)
	doc := &extract.Document{Raw: extract.Raw{Payload: payload, Source: "test"}}
	if err := dec.Process(tb.Context(), doc); err != nil {
		tb.Fatalf("decode %s: %v", path, err)
	}
	if err := ent.Process(tb.Context(), doc); err != nil {
		tb.Fatalf("entities %s: %v", path, err)
	}
	return doc
}

// decodeFileIfPresent is decodeFile, or nil when path does not exist.
func decodeFileIfPresent(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return decodeFile(tb, path)
}

// checkQuantities checks what must hold for any output: quantities
// inside the text, in order, not overlapping, Text equal to the span,
// finite values, Counts and Context words of the text; on valid UTF-8,
// spans on rune boundaries.
func checkQuantities(tb testing.TB, text string, qs []event.Quantity) {
	tb.Helper()
	valid := utf8.ValidString(text)
	onRune := func(i int) bool { return i == len(text) || utf8.RuneStart(text[i]) }
	prevEnd := 0
	for i, q := range qs {
		if q.Start < prevEnd || q.Start >= q.End || q.End > len(text) {
			tb.Fatalf("quantity %d %d..%d after %d in text of %d bytes", i, q.Start, q.End, prevEnd, len(text))
		}
		prevEnd = q.End
		if text[q.Start:q.End] != q.Text {
			tb.Errorf("quantity %d: Text %q, span holds %q", i, q.Text, text[q.Start:q.End])
		}
		if valid && (!onRune(q.Start) || !onRune(q.End)) {
			tb.Errorf("quantity %d %d..%d not on rune boundaries", i, q.Start, q.End)
		}
		if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) {
			tb.Errorf("quantity %d %q: value %v", i, q.Text, q.Value)
		}
		for _, w := range []string{q.Counts, q.Context} {
			if w != "" && !strings.Contains(text, w) {
				tb.Errorf("quantity %d %q: %q is not in the text", i, q.Text, w)
			}
		}
	}
}

// sampleFiles returns the paths of the project's sample articles, sorted.
func sampleFiles(tb testing.TB) []string {
	tb.Helper()
	entries, err := os.ReadDir(samplesDir)
	if err != nil {
		tb.Fatalf("read samples: %v", err)
	}
	var files []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && (strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".html")) {
			files = append(files, samplesDir+"/"+n)
		}
	}
	if len(files) == 0 {
		tb.Fatalf("no samples in %s", samplesDir)
	}
	sort.Strings(files)
	return files
}

// splitParagraphs cuts text at blank lines the way decode's Text is
// joined: the headline, the standfirst, then body paragraphs.
func splitParagraphs(text string) []event.Paragraph {
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
