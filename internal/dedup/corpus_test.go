package dedup

import (
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// corpusArticle is one generated article, decoded, with its ground truth.
type corpusArticle struct {
	id   string
	text string
	// root is the id of the story's first version: DuplicateOf, or the
	// article's own id for an original (samplegen copies originals only).
	root string
}

// corpus decodes the first n articles of samplegen seed with the given
// share of near duplicates, in all three formats.
func corpus(tb testing.TB, seed int64, n int, dupShare float64) []corpusArticle {
	tb.Helper()
	dec, err := decode.New()
	if err != nil {
		tb.Fatal(err)
	}
	g := samplegen.New(seed, samplegen.WithFormats(0.6, 0.3, 0.1), samplegen.WithDuplicates(dupShare))
	out := make([]corpusArticle, n)
	for i := range out {
		a := g.Next()
		doc := &extract.Document{Raw: extract.Raw{Payload: a.Payload, ContentType: a.Format.ContentType(), Source: a.Source}}
		if err := dec.Process(tb.Context(), doc); err != nil {
			tb.Fatalf("decode %s: %v", a.ID, err)
		}
		root := a.DuplicateOf
		if root == "" {
			root = a.ID
		}
		out[i] = corpusArticle{id: a.ID, text: doc.Event.Text, root: root}
	}
	return out
}

// fingerprinted returns the index's view of the corpus for shingle size k.
func fingerprinted(tb testing.TB, c []corpusArticle, k int) []Article {
	tb.Helper()
	f, err := fingerprint.New(fingerprint.WithShingleSize(k))
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]Article, len(c))
	for i, a := range c {
		out[i] = Article{ID: a.id, ContentHash: fingerprint.ContentHash(a.text), SimHash: f.SimHash(a.text)}
	}
	return out
}
