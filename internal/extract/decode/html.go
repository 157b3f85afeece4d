package decode

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"

	"github.com/wirestream/wirestream/internal/extract"
)

// decodeHTML reduces an HTML page to its article with go-readability. The
// page is first bounded by a linear scan of its tags (see scanHTML), then
// parsed once with golang.org/x/net/html, which assumes UTF-8 as checked
// before (go-readability's own entry point would guess a charset).
func (d *Decoder) decodeHTML(ctx context.Context, payload []byte, a *article) (parts, error) {
	if err := scanHTML(ctx, payload, d.cfg.maxHTMLDepth, d.cfg.maxHTMLElements); err != nil {
		return parts{}, err
	}
	root, err := html.Parse(bytes.NewReader(payload))
	if err != nil {
		return parts{}, extract.BadInput(extract.ReasonMalformed, "HTML does not parse: %v", err)
	}
	if err := ctx.Err(); err != nil {
		return parts{}, fmt.Errorf("decode article: %w", err)
	}

	// Read the metadata go-readability does not return before it mutates
	// the tree.
	meta := readMeta(root)
	if limit := 2*d.cfg.maxHTMLElements + 16; meta.elements > limit {
		// Backstop for the scan's estimate (see FuzzScanHTML).
		return parts{}, extract.BadInput(extract.ReasonTooLarge, "HTML page makes %d elements once parsed, over the limit of %d", meta.elements, limit)
	}
	a.url = meta.url()
	a.section = meta.section
	if meta.published != "" {
		if t, ok := parseTime(meta.published); ok {
			a.publishedAt = &t
		} else {
			a.warnings = append(a.warnings, fmt.Sprintf("published time %q is in no known date layout; it was left out", truncate(meta.published, 60)))
		}
	}

	var pageURL *url.URL
	if a.url != "" {
		pageURL, _ = url.Parse(a.url) // a.url parsed in meta.url already
	}
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(root, pageURL)
	if err != nil {
		return parts{}, extract.BadInput(extract.ReasonMalformed, "HTML article extraction failed: %v", err)
	}
	if err := ctx.Err(); err != nil {
		return parts{}, fmt.Errorf("decode article: %w", err)
	}

	p := parts{headline: art.Title()}
	a.byline = art.Byline()
	if a.publishedAt == nil && meta.published == "" {
		// go-readability also reads JSON-LD datePublished and Dublin Core.
		if t, err := art.PublishedTime(); err == nil {
			t = t.UTC()
			a.publishedAt = &t
		}
	}
	if art.Node != nil {
		for line := range strings.Lines(render.InnerText(art.Node)) {
			if line = strings.TrimSpace(line); line != "" {
				p.body = append(p.body, line)
			}
		}
	}
	// Excerpt falls back to the first paragraph when the page has no
	// description; a standfirst that repeats the body is no standfirst.
	if ex := art.Excerpt(); len(p.body) == 0 || normalizeSpace(p.body[0]) != ex {
		p.standfirst = ex
	}
	if len(p.body) > 0 && normalizeSpace(p.body[0]) == normalizeSpace(p.headline) {
		p.body = p.body[1:]
	}
	return p, nil
}

// pageMeta is the metadata of a page that go-readability does not return.
type pageMeta struct {
	canonical string
	ogURL     string
	section   string
	published string
	elements  int // the number of elements in the tree
}

// url returns the absolute canonical URL of the page, else og:url.
func (m pageMeta) url() string {
	for _, s := range []string{m.canonical, m.ogURL} {
		s = strings.TrimSpace(s)
		if u, err := url.Parse(s); err == nil && u.IsAbs() && u.Host != "" {
			return s
		}
	}
	return ""
}

// readMeta walks the tree (at most 512 deep, the parser's bound), counts
// its elements and reads link rel=canonical and the og:url,
// article:section and article:published_time metadata.
func readMeta(root *html.Node) pageMeta {
	var m pageMeta
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		m.elements++
		switch n.Data {
		case "link":
			if hasToken(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = attr(n, "href")
			}
		case "meta":
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			content := strings.TrimSpace(attr(n, "content"))
			if content == "" {
				continue
			}
			switch strings.ToLower(key) {
			case "og:url":
				setOnce(&m.ogURL, content)
			case "article:section":
				setOnce(&m.section, content)
			case "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publish-date":
				setOnce(&m.published, content)
			}
		}
	}
	return m
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasToken reports whether the space-separated list s holds tok, ignoring
// case.
func hasToken(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
