package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

func FuzzDecode(f *testing.F) {
	for _, path := range extracttest.SampleFiles(f) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	if b, err := os.ReadFile(extracttest.SharedSample); err == nil {
		f.Add(b, "")
		f.Add(b, "text/plain")
	}
	for _, cases := range [][]decodeCase{textCases(), jsonCases(), htmlCases()} {
		for _, tc := range cases {
			f.Add([]byte(tc.payload), tc.contentType)
		}
	}
	for _, tc := range errorCases() {
		if len(tc.payload) < 4096 {
			f.Add([]byte(tc.payload), tc.contentType)
		}
	}

	d := newDecoder(f, WithMaxPayloadBytes(64<<10))
	f.Fuzz(func(t *testing.T, payload []byte, contentType string) {
		doc := &extract.Document{Raw: extract.Raw{Payload: payload, ContentType: contentType, Source: "fuzz"}}
		err := d.Process(t.Context(), doc)
		if err != nil {
			var inErr *extract.InputError
			if !errors.As(err, &inErr) || !slices.Contains(extract.Reasons(), inErr.Reason) || inErr.Detail == "" {
				t.Fatalf("Process = %v, want an *extract.InputError with a known reason and a detail", err)
			}
			return
		}
		ev := doc.Event
		if err := paragraphsError(ev); err != nil {
			t.Fatal(err)
		}
		if ev.Headline == "" && len(ev.Paragraphs) == 0 {
			t.Fatal("success without headline or body")
		}
		if ev.ArticleID == "" || ev.Source == "" || !slices.Contains([]string{FormatText, FormatJSON, FormatHTML}, ev.Format) {
			t.Fatalf("incomplete event: id %q, source %q, format %q", ev.ArticleID, ev.Source, ev.Format)
		}
		for _, r := range ev.Related {
			if r.Headline == "" || normalizeSpace(r.Headline) != r.Headline || normalizeSpace(r.Teaser) != r.Teaser {
				t.Fatalf("related story not normalized: %+v", r)
			}
		}
		again := &extract.Document{Raw: doc.Raw}
		if err := d.Process(t.Context(), again); err != nil {
			t.Fatalf("second Process = %v, first succeeded", err)
		}
		if a, b := mustJSON(t, goldenOf(ev)), mustJSON(t, goldenOf(again.Event)); string(a) != string(b) {
			t.Fatalf("decoding is not deterministic:\n%s\n%s", a, b)
		}
	})
}

func FuzzSplitSection(f *testing.F) {
	for _, s := range []string{
		"Talks resumed Middle East", "including U.N.-mediated ... World News", "Trade fell in the US",
		"Engineers fear the fault Pacific Rim", "rules apply Home & Garden", "They agreed.Variety", "",
	} {
		f.Add(s)
	}
	sections := newSectionSet(DefaultSections())
	f.Fuzz(func(t *testing.T, teaser string) {
		teaser = normalizeSpace(teaser)
		text, section := sections.split(teaser)
		switch {
		case section == "" && text != teaser:
			t.Fatalf("split(%q) = %q, %q: changed the teaser without a section", teaser, text, section)
		case section != "" && text+section != teaser && text+" "+section != teaser:
			t.Fatalf("split(%q) = %q, %q: does not rebuild the teaser", teaser, text, section)
		case section != "" && normalizeSpace(section) != section:
			t.Fatalf("split(%q) = %q, %q: section not normalized", teaser, text, section)
		}
	})
}

func FuzzCheckJSONDepth(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"]]"}]}`, `[[[]]]`, `{"a":"\\\"{"}`, `"x"`, `[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			checkJSONDepth(data, 8) // must not panic
			return
		}
		depth := tokenDepth(t, string(data))
		if _, ok := checkJSONDepth(data, max(depth, 1)); !ok {
			t.Fatalf("checkJSONDepth(%q, %d) failed, the decoder sees depth %d", data, depth, depth)
		}
		if _, ok := checkJSONDepth(data, depth-1); ok && depth > 1 {
			t.Fatalf("checkJSONDepth(%q, %d) passed, the decoder sees depth %d", data, depth-1, depth)
		}
	})
}

// FuzzScanHTML checks that scanHTML never fails other than with bad
// input, and that its estimates bound what the HTML parser really builds:
// the point of the scan is that a page it lets through cannot make the
// parser build a much larger or deeper tree.
func FuzzScanHTML(f *testing.F) {
	for _, s := range []string{
		testPage, "<div><p>a<p>b</div>", "<script>'<div>'</script>", "<!-- <div> -->", `<a title="x>y">`,
		"<table><tr><td>a<td>b</table>", strings.Repeat("<div>", 20),
		strings.Repeat("<div><span><i>x</div>", 30),
		"<p><b x=1><b x=2><i></p>" + strings.Repeat("<p>a</p>", 10),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := htmlScanner{maxDepth: maxHTMLDepthLimit, maxElems: 1 << 30}
		err := sc.scan(t.Context(), data)
		var inErr *extract.InputError
		switch {
		case err != nil && !errors.As(err, &inErr):
			t.Fatalf("scan = %v, want nil or an *extract.InputError", err)
		case err != nil:
			return
		}
		elems, depth, err := parserStats(data)
		if err != nil {
			t.Fatalf("the parser fails (%v) on a page the scan passes with depth %d", err, sc.deepest)
		}
		// +4 for the html, head and body elements the parser adds.
		if elems > 2*sc.elems+4 || depth > 2*sc.deepest+4 {
			t.Fatalf("the parser builds %d elements %d deep, the scan estimated %d elements %d deep", elems, depth, sc.elems, sc.deepest)
		}
	})
}

// parserStats returns the number of elements and the depth of the tree
// that golang.org/x/net/html builds from data.
func parserStats(data []byte) (elems, depth int, err error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return 0, 0, err
	}
	var walk func(n *html.Node, d int)
	walk = func(n *html.Node, d int) {
		if n.Type == html.ElementNode {
			elems++
			depth = max(depth, d)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, d+1)
		}
	}
	walk(doc, 0)
	return elems, depth, nil
}

func FuzzCommentEnd(f *testing.F) {
	for _, s := range []string{"", ">", "->", "x--!>", "x--!-->", "x---->", "x--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := "<!--" + text
		if got, want := commentEnd([]byte(s), 4), tokenizerCommentEnd(t, s); got != want {
			t.Fatalf("commentEnd(%q) = %d, the tokenizer ends it at %d", s, got, want)
		}
	})
}

// FuzzCountControls checks countControls, which skips eight bytes at a
// time, against controlAt on every byte.
func FuzzCountControls(f *testing.F) {
	for _, s := range []string{"", "plain text, long enough for two words", "a\x01b\x7fc\xc2\x85d\xc2\xa0e\tf\ng", "\xc2\xc2\xc2\xc2\xc2\xc2\xc2\x80\x1f"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		want := 0
		for i := range payload {
			want += controlAt(payload, i)
		}
		if got := countControls(payload); got != want {
			t.Fatalf("countControls(%q) = %d, want %d", payload, got, want)
		}
	})
}
