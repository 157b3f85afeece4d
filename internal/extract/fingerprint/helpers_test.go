package fingerprint

import (
	"hash/fnv"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// referenceSimHash is the SimHash of the package documentation written the
// obvious way (hash/fnv, a 64-compare loop); the fast implementation must
// agree with it on every input.
func referenceSimHash(text string, k int) uint64 {
	var words []uint64
	var word []byte
	flush := func() {
		if len(word) > 0 {
			h := fnv.New64a()
			h.Write(word)
			words = append(words, h.Sum64())
			word = word[:0]
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			word = utf8.AppendRune(word, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	var shingles [][]uint64
	for i := 0; i+k <= len(words); i++ {
		shingles = append(shingles, words[i:i+k])
	}
	if len(words) > 0 && len(words) < k {
		shingles = append(shingles, words)
	}
	var count [64]int
	for _, s := range shingles {
		h := shingleHash(s)
		for b := range 64 {
			if h>>b&1 == 1 {
				count[b]++
			}
		}
	}
	var out uint64
	for b, c := range count {
		if 2*c > len(shingles) {
			out |= 1 << b
		}
	}
	return out
}

// articleTexts decodes the first n articles of a samplegen generator and
// returns their texts with the generator's articles.
func articleTexts(tb testing.TB, n int, opts ...samplegen.Option) ([]string, []samplegen.Article) {
	tb.Helper()
	dec := extracttest.Must(tb)(decode.New())
	g := samplegen.New(7, opts...)
	texts := make([]string, n)
	arts := make([]samplegen.Article, n)
	for i := range n {
		a := g.Next()
		doc := &extract.Document{Raw: extract.Raw{Payload: a.Payload, ContentType: a.Format.ContentType(), Source: a.Source}}
		extracttest.Run(tb, doc, dec)
		texts[i], arts[i] = doc.Event.Text, a
	}
	return texts, arts
}

// fiveKB returns the text of a generated wire article of about 5 KB.
func fiveKB(tb testing.TB) string {
	tb.Helper()
	texts, _ := articleTexts(tb, 50)
	for _, t := range texts {
		if len(t) >= 4800 && len(t) <= 5400 {
			return t
		}
	}
	tb.Fatal("no generated article of about 5 KB")
	return ""
}

func newFingerprinter(tb testing.TB, opts ...Option) *Fingerprinter {
	tb.Helper()
	f, err := New(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}
