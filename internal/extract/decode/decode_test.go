package decode

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// view is the part of a decoded event that the table tests compare.
type view struct {
	Format      string
	ArticleID   string
	Source      string
	Provider    string
	URL         string
	Headline    string
	Standfirst  string
	Byline      string
	Section     string
	PublishedAt string
	Body        []string
	Related     []event.RelatedStory
	Warnings    int
}

func viewOf(ev event.Event) view {
	v := view{
		Format:     ev.Format,
		ArticleID:  ev.ArticleID,
		Source:     ev.Source,
		Provider:   ev.Provider,
		URL:        ev.URL,
		Headline:   ev.Headline,
		Standfirst: ev.Standfirst,
		Byline:     ev.Byline,
		Section:    ev.Section,
		Related:    ev.Related,
		Warnings:   len(ev.Warnings),
	}
	if ev.PublishedAt != nil {
		v.PublishedAt = ev.PublishedAt.Format(time.RFC3339Nano)
	}
	for _, p := range ev.Paragraphs {
		if p.Kind == event.ParagraphBody {
			v.Body = append(v.Body, ev.Text[p.Start:p.End])
		}
	}
	return v
}

func newDecoder(tb testing.TB, opts ...Option) *Decoder {
	tb.Helper()
	d, err := New(opts...)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return d
}

// paragraphsError checks the invariants of Text and Paragraphs: spans in
// order, in range, on rune boundaries, separated by "\n\n", trimmed, and
// covering Text exactly; the headline and standfirst spans hold the
// Headline and Standfirst fields.
func paragraphsError(ev event.Event) error {
	pos := 0
	for i, p := range ev.Paragraphs {
		if p.Start < 0 || p.End > len(ev.Text) || p.Start >= p.End {
			return fmt.Errorf("paragraph %d [%d,%d) out of range of text of %d bytes", i, p.Start, p.End, len(ev.Text))
		}
		if !utf8.RuneStart(ev.Text[p.Start]) || p.End < len(ev.Text) && !utf8.RuneStart(ev.Text[p.End]) {
			return fmt.Errorf("paragraph %d [%d,%d) not on rune boundaries", i, p.Start, p.End)
		}
		sep := ""
		if i > 0 {
			sep = "\n\n"
		}
		if ev.Text[pos:p.Start] != sep {
			return fmt.Errorf("paragraph %d starts at %d after %q, want %q", i, p.Start, ev.Text[pos:p.Start], sep)
		}
		s := ev.Text[p.Start:p.End]
		if strings.TrimSpace(s) != s || strings.Contains(s, "\n") || strings.Contains(s, "  ") {
			return fmt.Errorf("paragraph %d %q is not normalized", i, s)
		}
		switch p.Kind {
		case event.ParagraphHeadline:
			if i != 0 || s != ev.Headline {
				return fmt.Errorf("headline paragraph %d %q, headline %q", i, s, ev.Headline)
			}
		case event.ParagraphStandfirst:
			if s != ev.Standfirst {
				return fmt.Errorf("standfirst paragraph %d %q, standfirst %q", i, s, ev.Standfirst)
			}
		case event.ParagraphBody:
		default:
			return fmt.Errorf("paragraph %d has kind %q", i, p.Kind)
		}
		pos = p.End
	}
	if pos != len(ev.Text) {
		return fmt.Errorf("text has %d bytes after the last paragraph", len(ev.Text)-pos)
	}
	if !utf8.ValidString(ev.Text) {
		return errors.New("text is not valid UTF-8")
	}
	return nil
}

// decodeCase is one successful decoding.
type decodeCase struct {
	name        string
	payload     string
	contentType string
	msgID       string
	want        view
}

func textCases() []decodeCase {
	return []decodeCase{
		{
			name:    "full wire text",
			payload: "Leaders meet in Geneva\nTalks focus on trade\nThe leaders met on Monday.\nThey agreed to meet again.\n-\nMarkets rally on talks\nStocks rose 2 percent after the talks World News -\nEnvoy resigns\nThe envoy quit after 3 years Middle East",
			msgID:   "m1",
			want: view{
				Format: "text", ArticleID: "m1", Source: "wire",
				Headline: "Leaders meet in Geneva", Standfirst: "Talks focus on trade",
				Body: []string{"The leaders met on Monday.", "They agreed to meet again."},
				Related: []event.RelatedStory{
					{Headline: "Markets rally on talks", Teaser: "Stocks rose 2 percent after the talks", Section: "World News"},
					{Headline: "Envoy resigns", Teaser: "The envoy quit after 3 years", Section: "Middle East"},
				},
			},
		},
		{
			name:    "CRLF, blank lines, tabs and trailing white space",
			payload: "Headline  \r\n\r\nStand\t first \r\n\r\n  Body   one\t\r\n\r\nBody two\r\n-  \r\nRelated\r\nA teaser ... Variety -\r\n\r\n",
			msgID:   "m1",
			want: view{
				Format: "text", ArticleID: "m1", Source: "wire",
				Headline: "Headline", Standfirst: "Stand first", Body: []string{"Body one", "Body two"},
				Related: []event.RelatedStory{{Headline: "Related", Teaser: "A teaser ...", Section: "Variety"}},
			},
		},
		{
			name:    "no related block",
			payload: "H\nS\nB1\nB2\n",
			msgID:   "m1",
			want:    view{Format: "text", ArticleID: "m1", Source: "wire", Headline: "H", Standfirst: "S", Body: []string{"B1", "B2"}},
		},
		{
			name:    "headline only",
			payload: "Just a headline",
			msgID:   "m1",
			want:    view{Format: "text", ArticleID: "m1", Source: "wire", Headline: "Just a headline"},
		},
		{
			name:    "UTF-8 byte order mark",
			payload: "\xEF\xBB\xBFH\nS\nB",
			msgID:   "m1",
			want:    view{Format: "text", ArticleID: "m1", Source: "wire", Headline: "H", Standfirst: "S", Body: []string{"B"}},
		},
		{
			name:    "orphan teaser and headline without teaser",
			payload: "H\nS\nB\n-\nAn orphan teaser Business -\nHead A\nTeaser one Sport -\nHead B\n",
			msgID:   "m1",
			want: view{
				Format: "text", ArticleID: "m1", Source: "wire", Headline: "H", Standfirst: "S", Body: []string{"B"},
				Related:  []event.RelatedStory{{Headline: "Head A", Teaser: "Teaser one", Section: "Sport"}, {Headline: "Head B"}},
				Warnings: 1,
			},
		},
		{
			name:    "unknown sections: heuristic and unsure",
			payload: "H\nS\nB\n-\nHA\nEngineers fear the fault Pacific Rim -\nHB\nTalks with Angela Merkel -\nHC\nTrade fell 3 percent in the US -",
			msgID:   "m1",
			want: view{
				Format: "text", ArticleID: "m1", Source: "wire", Headline: "H", Standfirst: "S", Body: []string{"B"},
				Related: []event.RelatedStory{
					{Headline: "HA", Teaser: "Engineers fear the fault", Section: "Pacific Rim"},
					{Headline: "HB", Teaser: "Talks with Angela Merkel"},
					{Headline: "HC", Teaser: "Trade fell 3 percent in the US"},
				},
			},
		},
		{
			name:    "angle bracket without HTML tags is wire text",
			payload: "<b>Breaking</b> news\nMore to follow",
			msgID:   "m1",
			want:    view{Format: "text", ArticleID: "m1", Source: "wire", Headline: "<b>Breaking</b> news", Standfirst: "More to follow"},
		},
		{
			name:        "text/plain wins over a JSON-looking payload",
			payload:     "{not json}\nstandfirst",
			contentType: "text/plain; charset=utf-8",
			msgID:       "m1",
			want:        view{Format: "text", ArticleID: "m1", Source: "wire", Headline: "{not json}", Standfirst: "standfirst"},
		},
		{
			name:        "unreadable content type is sniffed with a warning",
			payload:     "H\nS",
			contentType: "text/plain; charset",
			msgID:       "m1",
			want:        view{Format: "text", ArticleID: "m1", Source: "wire", Headline: "H", Standfirst: "S", Warnings: 1},
		},
		{
			name:        "octet-stream is sniffed, no message id gives a hash id",
			payload:     "H\nS",
			contentType: "application/octet-stream",
			want:        view{Format: "text", ArticleID: "sha256:0a5adc8fb63b9705c72ca29cff882055", Source: "wire", Headline: "H", Standfirst: "S"},
		},
		{
			name:    "mislabelled but valid UTF-8 is read",
			payload: "Café opens\nIn Zürich",
			msgID:   "m1",
			want:    view{Format: "text", ArticleID: "m1", Source: "wire", Headline: "Café opens", Standfirst: "In Zürich"},
		},
	}
}

func jsonCases() []decodeCase {
	return []decodeCase{
		{
			name: "full envelope",
			payload: `{"id":"a-1","source":"feedx","url":"https://example.com/a","published_at":"2025-03-18T09:30:00+01:00",
				"headline":"  Big   news ","standfirst":"Short","body":"Para one.\n\nPara  two.\nPara three.",
				"section":"World","byline":"Jo Doe","related":[{"headline":"R","teaser":"T","section":"Sport"},{"headline":""}],
				"extra":{"nested":[1,2,{"a":null}]}}`,
			msgID: "m1",
			want: view{
				Format: "json", ArticleID: "a-1", Source: "wire", Provider: "feedx", URL: "https://example.com/a",
				Headline: "Big news", Standfirst: "Short", Byline: "Jo Doe", Section: "World",
				PublishedAt: "2025-03-18T08:30:00Z", Body: []string{"Para one.", "Para two.", "Para three."},
				Related: []event.RelatedStory{{Headline: "R", Teaser: "T", Section: "Sport"}},
			},
		},
		{
			name:    "aliases and body array",
			payload: `{"title":"T","summary":"S","description":"D","author":"A","body":["One","Two\n\nThree",""]}`,
			msgID:   "m1",
			want: view{
				Format: "json", ArticleID: "m1", Source: "wire", Headline: "T", Standfirst: "S", Byline: "A",
				Body: []string{"One", "Two", "Three"},
			},
		},
		{
			name:    "description alias and numeric id",
			payload: `{"id":12345,"headline":"H","description":"D"}`,
			msgID:   "m1",
			want:    view{Format: "json", ArticleID: "12345", Source: "wire", Headline: "H", Standfirst: "D"},
		},
		{
			name:    "unix seconds",
			payload: `{"headline":"H","published_at":1700000000}`,
			msgID:   "m1",
			want:    view{Format: "json", ArticleID: "m1", Source: "wire", Headline: "H", PublishedAt: "2023-11-14T22:13:20Z"},
		},
		{
			name:    "unix milliseconds",
			payload: `{"headline":"H","published_at":1700000000500}`,
			msgID:   "m1",
			want:    view{Format: "json", ArticleID: "m1", Source: "wire", Headline: "H", PublishedAt: "2023-11-14T22:13:20.5Z"},
		},
		{
			name:    "unix seconds as a string",
			payload: `{"headline":"H","published_at":"1700000000"}`,
			msgID:   "m1",
			want:    view{Format: "json", ArticleID: "m1", Source: "wire", Headline: "H", PublishedAt: "2023-11-14T22:13:20Z"},
		},
		{
			name:    "date and time without zone",
			payload: `{"headline":"H","published_at":"2023-11-14 22:13:20"}`,
			msgID:   "m1",
			want:    view{Format: "json", ArticleID: "m1", Source: "wire", Headline: "H", PublishedAt: "2023-11-14T22:13:20Z"},
		},
		{
			name:    "RFC 1123 with numeric zone",
			payload: `{"headline":"H","published_at":"Tue, 14 Nov 2023 23:13:20 +0100"}`,
			msgID:   "m1",
			want:    view{Format: "json", ArticleID: "m1", Source: "wire", Headline: "H", PublishedAt: "2023-11-14T22:13:20Z"},
		},
		{
			name:    "unknown date layout is a warning",
			payload: `{"headline":"H","published_at":"yesterday"}`,
			msgID:   "m1",
			want:    view{Format: "json", ArticleID: "m1", Source: "wire", Headline: "H", Warnings: 1},
		},
		{
			name:    "wire text body with related block",
			payload: `{"headline":"H","body":"B1\nB2\n-\nRH\nRT Middle East -"}`,
			msgID:   "m1",
			want: view{
				Format: "json", ArticleID: "m1", Source: "wire", Headline: "H", Body: []string{"B1", "B2"},
				Related: []event.RelatedStory{{Headline: "RH", Teaser: "RT", Section: "Middle East"}},
			},
		},
		{
			name:        "content type with suffix, body only",
			payload:     ` {"body":"Only body","headline":null} `,
			contentType: "application/vnd.wire+json",
			msgID:       "m1",
			want:        view{Format: "json", ArticleID: "m1", Source: "wire", Body: []string{"Only body"}},
		},
	}
}

const testPage = `<!DOCTYPE html><html><head>
<title>Port strike halts traffic | Daily</title>
<meta name="description" content="Dockworkers walked out on Monday.">
<meta name="author" content="Pieter de Wit">
<meta property="og:title" content="Port strike halts traffic">
<meta property="article:published_time" content="2025-10-06T14:05:00+02:00">
<meta property="article:section" content="Business">
<link rel="canonical" href="https://example.com/port-strike">
<script>var s = "<div><div><div>";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="ad">Advertisement</div>
<article><h1>Port strike halts traffic</h1>
<p>Thousands of dockworkers walked off the job at the port on Monday, halting most container traffic in a dispute over automation, the union said in a statement.</p>
<p>More than 40 ships were waiting at anchor by midday, according to the port authority, and the two largest terminals stopped loading and unloading containers.</p>
<p>&ldquo;Nobody is against progress,&rdquo; a union negotiator told workers gathered at the gates of one of the terminals on the first morning of the strike.</p>
</article>
<footer><p>Copyright 2025</p></footer>
</body></html>`

func htmlCases() []decodeCase {
	return []decodeCase{
		{
			name:    "news page",
			payload: testPage,
			msgID:   "m1",
			want: view{
				Format: "html", ArticleID: "m1", Source: "wire", URL: "https://example.com/port-strike",
				Headline: "Port strike halts traffic", Standfirst: "Dockworkers walked out on Monday.",
				Byline: "Pieter de Wit", Section: "Business", PublishedAt: "2025-10-06T12:05:00Z",
				Body: []string{
					"Thousands of dockworkers walked off the job at the port on Monday, halting most container traffic in a dispute over automation, the union said in a statement.",
					"More than 40 ships were waiting at anchor by midday, according to the port authority, and the two largest terminals stopped loading and unloading containers.",
					"“Nobody is against progress,” a union negotiator told workers gathered at the gates of one of the terminals on the first morning of the strike.",
				},
			},
		},
		{
			name:        "fragment without description has no standfirst",
			payload:     "<p>A short note with no title at all.</p>",
			contentType: "text/html; charset=utf-8",
			msgID:       "m1",
			want:        view{Format: "html", ArticleID: "m1", Source: "wire", Body: []string{"A short note with no title at all."}},
		},
	}
}

func runDecodeCases(t *testing.T, cases []decodeCase) {
	t.Helper()
	d := newDecoder(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := &extract.Document{Raw: extract.Raw{Payload: []byte(tc.payload), ContentType: tc.contentType, MsgID: tc.msgID, Source: "wire"}}
			if err := d.Process(t.Context(), doc); err != nil {
				t.Fatalf("Process: %v", err)
			}
			if err := paragraphsError(doc.Event); err != nil {
				t.Fatal(err)
			}
			if got := viewOf(doc.Event); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("decoded\n got %s\nwant %s\nwarnings %v", mustJSON(t, got), mustJSON(t, tc.want), doc.Event.Warnings)
			}
		})
	}
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecodeText(t *testing.T) { runDecodeCases(t, textCases()) }
func TestDecodeJSON(t *testing.T) { runDecodeCases(t, jsonCases()) }
func TestDecodeHTML(t *testing.T) { runDecodeCases(t, htmlCases()) }

// errorCase is one payload that must be rejected.
type errorCase struct {
	name        string
	payload     string
	contentType string
	opts        []Option
	reason      extract.Reason
	detail      string // a substring of the detail
}

func errorCases() []errorCase {
	return []errorCase{
		{name: "empty", payload: "", reason: extract.ReasonEmpty, detail: "empty"},
		{name: "white space", payload: " \r\n\t\n", reason: extract.ReasonEmpty, detail: "white space"},
		{name: "byte order mark only", payload: "\xEF\xBB\xBF \n", reason: extract.ReasonEmpty, detail: "payload of 5 bytes holds only white space"},
		{name: "too large", payload: strings.Repeat("a", 17), opts: []Option{WithMaxPayloadBytes(16)}, reason: extract.ReasonTooLarge, detail: "17 bytes, over the limit of 16"},
		{name: "too large comes before encoding", payload: "\xff\xfe" + strings.Repeat("\xff", 20), opts: []Option{WithMaxPayloadBytes(16)}, reason: extract.ReasonTooLarge, detail: "over the limit"},
		{name: "invalid UTF-8", payload: "Headline\n\xffbody", reason: extract.ReasonInvalidUTF8, detail: "byte 0xff at byte offset 9"},
		{name: "truncated UTF-8 sequence", payload: "Caf\xc3", reason: extract.ReasonInvalidUTF8, detail: "byte offset 3"},
		{name: "declared charset that is not UTF-8", payload: "Caf\xe9", contentType: "text/plain; charset=iso-8859-1", reason: extract.ReasonUnsupported, detail: `charset "iso-8859-1"`},
		{name: "UTF-16 little endian", payload: "\xff\xfeH\x00i\x00", reason: extract.ReasonUnsupported, detail: "UTF-16"},
		{name: "UTF-16 big endian", payload: "\xfe\xff\x00H\x00i", reason: extract.ReasonUnsupported, detail: "UTF-16"},
		{name: "unsupported content type", payload: "H\nS", contentType: "image/png", reason: extract.ReasonUnsupported, detail: `"image/png" is not supported`},
		{name: "NUL byte", payload: "Headline\x00body", reason: extract.ReasonMalformed, detail: "NUL byte at byte offset 8"},
		{name: "mostly control characters", payload: "\x01\x02\x03\x04\x05abc", reason: extract.ReasonMalformed, detail: "binary"},
		{name: "JSON syntax", payload: `{"headline": }`, reason: extract.ReasonMalformed, detail: "JSON does not parse at byte offset"},
		{name: "JSON trailing data", payload: `{"headline":"H"} x`, reason: extract.ReasonMalformed, detail: "JSON does not parse"},
		{name: "JSON array at top", payload: `["H"]`, contentType: "application/json", reason: extract.ReasonMalformed, detail: "must be an object, got array"},
		{name: "JSON headline not a string", payload: `{"headline": 5}`, reason: extract.ReasonMalformed, detail: `field "headline" has the wrong type: got number, want string`},
		{name: "JSON related not an array", payload: `{"headline":"H","related":"x"}`, reason: extract.ReasonMalformed, detail: `field "related" has the wrong type`},
		{name: "JSON body a number", payload: `{"headline":"H","body":5}`, reason: extract.ReasonMalformed, detail: `"body" has the wrong type: got number`},
		{name: "JSON body array of numbers", payload: `{"headline":"H","body":["a",1]}`, reason: extract.ReasonMalformed, detail: `"body" must be a string or an array of strings`},
		{name: "JSON id a bool", payload: `{"id":true,"headline":"H"}`, reason: extract.ReasonMalformed, detail: `"id" has the wrong type: got bool`},
		{name: "JSON id too long", payload: `{"id":"` + strings.Repeat("x", 257) + `","headline":"H"}`, reason: extract.ReasonMalformed, detail: `"id" is 257 bytes long, over the limit of 256`},
		{name: "JSON published_at an object", payload: `{"headline":"H","published_at":{}}`, reason: extract.ReasonMalformed, detail: `"published_at" has the wrong type: got object`},
		{name: "JSON too deep", payload: `{"x":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, reason: extract.ReasonMalformed, detail: "deeper than 32 levels at byte offset 36"},
		{name: "JSON 100k nested arrays", payload: "{" + strings.Repeat("[", 100_000), contentType: "application/json", reason: extract.ReasonMalformed, detail: "deeper than 32"},
		{name: "JSON without content", payload: `{"id":"x","headline":"  ","body":[]}`, reason: extract.ReasonNoContent, detail: "JSON payload of 36 bytes"},
		{name: "HTML too deep", payload: "<html><body>" + strings.Repeat("<div>", 300), reason: extract.ReasonMalformed, detail: "deeper than 128 levels"},
		{name: "HTML 100k nested tags", payload: "<div>" + strings.Repeat("<span>", 100_000), reason: extract.ReasonMalformed, detail: "deeper than"},
		{name: "HTML too many elements", payload: "<p>" + strings.Repeat("<br>", 20), opts: []Option{WithMaxHTMLElements(10)}, reason: extract.ReasonTooLarge, detail: "more than 10 elements"},
		{name: "HTML without content", payload: "<html><body><div> </div></body></html>", reason: extract.ReasonNoContent, detail: "HTML payload"},
		{name: "wire text with only related block", payload: "-\nRelated\nTeaser World News -", reason: extract.ReasonNoContent, detail: "wire text payload of 29 bytes has neither a headline nor body text"},
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range errorCases() {
		t.Run(tc.name, func(t *testing.T) {
			d := newDecoder(t, tc.opts...)
			doc := &extract.Document{Raw: extract.Raw{Payload: []byte(tc.payload), ContentType: tc.contentType, Source: "wire"}}
			doc.Event.Headline = "untouched"
			err := d.Process(t.Context(), doc)
			var inErr *extract.InputError
			if !errors.As(err, &inErr) || !errors.Is(err, extract.ErrBadInput) {
				t.Fatalf("Process = %v, want an *extract.InputError", err)
			}
			if inErr.Reason != tc.reason || !strings.Contains(inErr.Detail, tc.detail) {
				t.Errorf("Process = %q, want reason %q with detail containing %q", err, tc.reason, tc.detail)
			}
			if doc.Event.Headline != "untouched" || doc.Event.Format != "" {
				t.Errorf("a failed Process changed the event: %+v", doc.Event)
			}
		})
	}
}

func TestProcessCancelled(t *testing.T) {
	d := newDecoder(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	doc := &extract.Document{Raw: extract.Raw{Payload: []byte("H\nS")}}
	err := d.Process(ctx, doc)
	if !errors.Is(err, context.Canceled) || errors.Is(err, extract.ErrBadInput) {
		t.Fatalf("Process = %v, want context.Canceled and not bad input", err)
	}
}

func TestProcessCancelledInLongLoop(t *testing.T) {
	d := newDecoder(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var a article
	_, err := d.decodeWire(ctx, strings.Repeat("line\n", 2*ctxCheckEvery), &a)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("decodeWire = %v, want context.Canceled", err)
	}
	err = scanHTML(ctx, []byte(strings.Repeat("<br>", 2*ctxCheckEvery)), 10, 1<<20)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("scanHTML = %v, want context.Canceled", err)
	}
}

func TestProcessOverwritesEvent(t *testing.T) {
	d := newDecoder(t)
	doc := &extract.Document{Raw: extract.Raw{Payload: []byte("H\nS"), MsgID: "m1", Source: "wire"}}
	doc.Event.URL = "stale"
	doc.Event.Related = []event.RelatedStory{{Headline: "stale"}}
	doc.Event.Entities = []event.Entity{{Name: "kept"}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.Event.URL != "" || doc.Event.Related != nil || len(doc.Event.Entities) != 1 {
		t.Errorf("Process left stale fields or dropped others: %+v", doc.Event)
	}
}

func TestArticleIDIsStable(t *testing.T) {
	d := newDecoder(t)
	payload := []byte("Headline\nStandfirst")
	ids := make(map[string]bool)
	for range 3 {
		doc := &extract.Document{Raw: extract.Raw{Payload: payload}}
		if err := d.Process(t.Context(), doc); err != nil {
			t.Fatal(err)
		}
		ids[doc.Event.ArticleID] = true
	}
	if len(ids) != 1 {
		t.Errorf("ids %v, want one", ids)
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		opt     Option
		wantErr bool
	}{
		{name: "payload bytes", opt: WithMaxPayloadBytes(10), wantErr: false},
		{name: "zero payload bytes", opt: WithMaxPayloadBytes(0), wantErr: true},
		{name: "JSON depth", opt: WithMaxJSONDepth(3), wantErr: false},
		{name: "JSON depth too small", opt: WithMaxJSONDepth(2), wantErr: true},
		{name: "JSON depth too large", opt: WithMaxJSONDepth(1001), wantErr: true},
		{name: "HTML depth", opt: WithMaxHTMLDepth(400), wantErr: false},
		{name: "HTML depth above the parser's", opt: WithMaxHTMLDepth(401), wantErr: true},
		{name: "HTML elements", opt: WithMaxHTMLElements(1), wantErr: false},
		{name: "negative HTML elements", opt: WithMaxHTMLElements(-1), wantErr: true},
		{name: "sections", opt: WithSections("Sci Tech"), wantErr: false},
		{name: "empty section", opt: WithSections(""), wantErr: true},
		{name: "padded section", opt: WithSections(" Sci"), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(tt.opt)
			if (err != nil) != tt.wantErr || (d == nil) != tt.wantErr {
				t.Errorf("New = %v, %v; want error %v", d, err, tt.wantErr)
			}
		})
	}
}

func TestWithSections(t *testing.T) {
	d := newDecoder(t, WithSections("Sci Tech"))
	doc := &extract.Document{Raw: extract.Raw{Payload: []byte("H\n-\nR\nTalks in the Sci Tech -")}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	want := []event.RelatedStory{{Headline: "R", Teaser: "Talks in the Sci Tech"}}
	if !reflect.DeepEqual(doc.Event.Related, want) {
		t.Errorf("related %+v, want %+v", doc.Event.Related, want)
	}
	doc = &extract.Document{Raw: extract.Raw{Payload: []byte("H\n-\nR\nTalks in Geneva Sci Tech -")}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	want = []event.RelatedStory{{Headline: "R", Teaser: "Talks in Geneva", Section: "Sci Tech"}}
	if !reflect.DeepEqual(doc.Event.Related, want) {
		t.Errorf("related %+v, want %+v", doc.Event.Related, want)
	}
}

func TestName(t *testing.T) {
	if got := newDecoder(t).Name(); got != "decode" {
		t.Errorf("Name = %q, want decode", got)
	}
}

func TestNormalizeSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{in: "", want: ""},
		{in: "plain text", want: "plain text"},
		{in: "  two  spaces\t\ttabs \n newline ", want: "two spaces tabs newline"},
		{in: "no\u00a0break\u2003em", want: "no break em"},
		{in: "Zürich  café", want: "Zürich café"},
	}
	for _, tt := range tests {
		if got := normalizeSpace(tt.in); got != tt.want {
			t.Errorf("normalizeSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSniffFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{in: "  \n{\"a\":1}", want: FormatJSON},
		{in: "<!doctype html><title>x</title>", want: FormatHTML},
		{in: "<HTML><BODY>x", want: FormatHTML},
		{in: "<span>x</span><p>y", want: FormatHTML},
		{in: "<div class=a>", want: FormatHTML},
		{in: "<pre>x</pre>", want: FormatText},
		{in: "<b>x</b>", want: FormatText},
		{in: "Headline <p>", want: FormatText},
		{in: "[1,2]", want: FormatText},
	}
	for _, tt := range tests {
		if got := sniffFormat([]byte(tt.in)); got != tt.want {
			t.Errorf("sniffFormat(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
