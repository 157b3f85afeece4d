package decode

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/wirestream/wirestream/internal/extract"
)

func TestCheckJSONDepth(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		max        int
		wantOK     bool
		wantOffset int
	}{
		{name: "flat", in: `{"a":1}`, max: 1, wantOK: true},
		{name: "at the limit", in: `{"a":[{"b":[]}]}`, max: 4, wantOK: true},
		{name: "over the limit", in: `{"a":[{"b":[]}]}`, max: 3, wantOK: false, wantOffset: 11},
		{name: "brackets in strings do not count", in: `{"a":"[[[[{{{{"}`, max: 1, wantOK: true},
		{name: "escaped quote stays in the string", in: `{"a":"\"[[[["}`, max: 1, wantOK: true},
		{name: "escaped backslash ends before the quote", in: `{"a":"\\","b":[[]]}`, max: 2, wantOK: false, wantOffset: 15},
		{name: "siblings do not add up", in: `[[],[],[],[]]`, max: 2, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, ok := checkJSONDepth([]byte(tt.in), tt.max)
			if ok != tt.wantOK || !ok && off != tt.wantOffset {
				t.Errorf("checkJSONDepth(%q, %d) = %d, %v; want %d, %v", tt.in, tt.max, off, ok, tt.wantOffset, tt.wantOK)
			}
		})
	}
}

func TestScanHTML(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		reason extract.Reason // empty when the page passes
	}{
		{name: "flat page", in: "<html><body><p>a</p></body></html>"},
		{name: "depth at the limit", in: strings.Repeat("<div>", 8)},
		{name: "depth over the limit", in: strings.Repeat("<div>", 9), reason: extract.ReasonMalformed},
		{name: "closed siblings", in: strings.Repeat("<div><b>x</b></div>", 50)},
		{name: "unclosed paragraphs close each other", in: "<div>" + strings.Repeat("<p>text", 50)},
		{name: "unclosed list items close each other", in: "<ul>" + strings.Repeat("<li>item", 50)},
		{name: "unclosed cells and rows", in: "<table>" + strings.Repeat("<tr><td>a<td>b", 30)},
		{name: "void and self-closed SVG elements", in: "<div>" + strings.Repeat("<br><img src=x><svg><path/></svg>", 20)},
		{name: "self-closed HTML elements open", in: strings.Repeat("<div/>", 9), reason: extract.ReasonMalformed},
		{name: "unclosed p holding formatting re-creates it", in: "<p><b><i><u>" + strings.Repeat("<p>a", 30), reason: extract.ReasonTooLarge},
		{name: "end tag pops misnested elements", in: strings.Repeat("<div><span><i>x</div>", 12)},
		{name: "tags in scripts and comments", in: "<script>" + strings.Repeat("<div>", 50) + "</SCRIPT ><!--" + strings.Repeat("<div>", 50) + "-->"},
		{name: "quoted greater-than in attribute", in: strings.Repeat(`<div title="a>b"></div>`, 50)},
		{name: "unterminated comment", in: "<div><!-- " + strings.Repeat("<div>", 50)},
		{name: "empty comment does not hide markup", in: "<!-->" + strings.Repeat("<div>", 9), reason: extract.ReasonMalformed},
		{name: "comment closed by --!> does not hide markup", in: "<!-- x --!>" + strings.Repeat("<div>", 9), reason: extract.ReasonMalformed},
		{name: "unterminated script", in: "<script>" + strings.Repeat("<div>", 50)},
		{name: "plaintext ends the markup", in: "<plaintext>" + strings.Repeat("<div>", 50)},
		{name: "stray less-than signs", in: strings.Repeat("a < b <3 <", 50)},
		{name: "unknown elements nest", in: strings.Repeat("<my-widget>", 9), reason: extract.ReasonMalformed},
		{name: "too many elements", in: strings.Repeat("<br>", 101), reason: extract.ReasonTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := scanHTML(t.Context(), []byte(tt.in), 8, 100)
			var inErr *extract.InputError
			switch {
			case tt.reason == "" && err != nil:
				t.Errorf("scanHTML = %v, want nil", err)
			case tt.reason != "" && (!errors.As(err, &inErr) || inErr.Reason != tt.reason):
				t.Errorf("scanHTML = %v, want reason %q", err, tt.reason)
			}
		})
	}
}

// TestJSONDepthMatchesDecoder checks the byte scan against the depth a
// json.Decoder token pass sees.
func TestJSONDepthMatchesDecoder(t *testing.T) {
	inputs := []string{
		`{}`, `{"a":[1,{"b":"]]]"}]}`, `[[[[[]]]]]`, `{"a":"\\\"{"}`, `[{"a":[{"b":[{}]}]}]`,
	}
	for _, in := range inputs {
		want := tokenDepth(t, in)
		if _, ok := checkJSONDepth([]byte(in), want); !ok {
			t.Errorf("checkJSONDepth(%q, %d) failed, the decoder sees depth %d", in, want, want)
		}
		if _, ok := checkJSONDepth([]byte(in), want-1); ok && want > 0 {
			t.Errorf("checkJSONDepth(%q, %d) passed, the decoder sees depth %d", in, want-1, want)
		}
	}
}

// tokenDepth returns the maximum nesting depth of valid JSON s.
func tokenDepth(tb testing.TB, s string) int {
	tb.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return deepest
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			deepest = max(deepest, depth)
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

func TestCommentEnd(t *testing.T) {
	for _, text := range []string{
		"", ">", "->", "-->", "x-->", "x--!>", "x--!->", "x--!-->", "x---->", "x- ->", "x--", "x--!", "x--!x-->", "--!>", "x -- >-->",
	} {
		if got, want := commentEnd([]byte("<!--"+text+"<p>"), 4), tokenizerCommentEnd(t, "<!--"+text+"<p>"); got != want {
			t.Errorf("commentEnd(%q) = %d, the tokenizer ends it at %d", "<!--"+text, got, want)
		}
	}
}

// tokenizerCommentEnd returns where golang.org/x/net/html ends the comment
// that starts s.
func tokenizerCommentEnd(tb testing.TB, s string) int {
	tb.Helper()
	z := html.NewTokenizer(strings.NewReader(s))
	if tt := z.Next(); tt != html.CommentToken {
		tb.Fatalf("%q does not start with a comment: %v", s, tt)
	}
	return len(z.Raw())
}
