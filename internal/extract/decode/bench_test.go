package decode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

func BenchmarkDecode(b *testing.B) {
	large := func(n int) string {
		var sb strings.Builder
		sb.WriteString("Headline of a long article\nStandfirst of a long article\n")
		for sb.Len() < n {
			sb.WriteString("The central bank said on Monday that inflation had slowed to 2.1 percent, according to figures released in Frankfurt.\n")
		}
		return sb.String()
	}
	largeHTML := func(n int) string {
		var sb strings.Builder
		sb.WriteString("<html><head><title>Long page</title></head><body><nav><a href=/>Home</a></nav><article>")
		for sb.Len() < n {
			sb.WriteString("<p>The central bank said on Monday that inflation had slowed to 2.1 percent, according to <a href=/x>figures</a> released in Frankfurt.</p>\n")
		}
		sb.WriteString("</article></body></html>")
		return sb.String()
	}
	benches := []struct {
		name    string
		payload []byte
		reject  bool
	}{
		{name: "text", payload: readFile(b, filepath.Join(extracttest.SamplesDir, "01-ecb-rates.txt"))},
		{name: "json", payload: readFile(b, filepath.Join(extracttest.SamplesDir, "05-esa-lunar-lander.json"))},
		{name: "html", payload: readFile(b, filepath.Join(extracttest.SamplesDir, "06-rotterdam-port-strike.html"))},
		{name: "text-1MiB", payload: []byte(large(1<<20 - 200))},
		{name: "html-1MiB", payload: []byte(largeHTML(1<<20 - 200))},
		// The costliest page the default limits let through: every element
		// at the deepest level.
		{name: "html-worst", payload: []byte(strings.Repeat("<div>", DefaultMaxHTMLDepth-1) + strings.Repeat("<p>x, y</p>", DefaultMaxHTMLElements-DefaultMaxHTMLDepth))},
		{name: "json-deep-reject", payload: []byte("{" + strings.Repeat("[", 1<<20-1)), reject: true},
		{name: "html-deep-reject", payload: []byte(strings.Repeat("<div>", (1<<20)/5)), reject: true},
	}
	d := newDecoder(b)
	for _, bm := range benches {
		b.Run(bm.name, func(b *testing.B) {
			doc := &extract.Document{Raw: extract.Raw{Payload: bm.payload, Source: "bench"}}
			if err := d.Process(b.Context(), doc); (err != nil) != bm.reject {
				b.Fatalf("Process = %v, want rejection %v", err, bm.reject)
			}
			b.SetBytes(int64(len(bm.payload)))
			b.ReportAllocs()
			for b.Loop() {
				doc := &extract.Document{Raw: extract.Raw{Payload: bm.payload, Source: "bench"}}
				_ = d.Process(b.Context(), doc)
			}
		})
	}
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
