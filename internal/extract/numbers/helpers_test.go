package numbers

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// fixture is this package's own 5 KB wire article.
const fixture = "testdata/drought.txt"

// upstream builds the stages that run before this one in the pipeline
// and that it reads: decode, then entities.
func upstream(tb testing.TB) []extract.Stage {
	tb.Helper()
	must := extracttest.Must(tb)
	return []extract.Stage{must(decode.New()), must(entities.New(extracttest.Gazetteer(tb)))}
}

// decodeFile runs the stages before this one on the payload at path.
func decodeFile(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	return extracttest.Load(tb, path, upstream(tb)...)
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
