package keywords

import (
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

func newExtractor(tb testing.TB, opts ...Option) *Extractor {
	tb.Helper()
	x, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return x
}

// loadDoc runs the stages before this one that it reads (decode, then
// entities) on the payload in path.
func loadDoc(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	must := extracttest.Must(tb)
	return extracttest.Load(tb, path, must(decode.New()), must(entities.New(extracttest.Gazetteer(tb))))
}
