package samplegen

import (
	"strconv"
	"time"
)

// render appends the payload of st in its format to out.
func (g *Generator) render(out []byte, st *story) []byte {
	switch st.format {
	case FormatJSON:
		return g.renderJSON(out, st)
	case FormatHTML:
		return g.renderHTML(out, st)
	default:
		return renderText(out, st)
	}
}

// renderText writes the wire format: headline, standfirst and body
// paragraphs one per line, a "-" line, then related stories as a headline
// line and a teaser line with the section glued to its end and " -"
// after every item but the last. There is no final newline, as on the
// wire.
func renderText(out []byte, st *story) []byte {
	out = append(out, st.text(st.headline)...)
	out = append(out, '\n')
	out = append(out, st.text(st.standfirst)...)
	for _, p := range st.paras {
		out = append(out, '\n')
		out = append(out, st.text(p)...)
	}
	out = append(out, "\n-"...)
	for i, r := range st.related {
		out = append(out, '\n')
		out = append(out, st.text(r.headline)...)
		out = append(out, '\n')
		out = append(out, st.text(r.teaser)...)
		out = append(out, ' ')
		out = append(out, sections[r.section].name...)
		if i < len(st.related)-1 {
			out = append(out, " -"...)
		}
	}
	return out
}

// renderJSON writes the JSON envelope on one line.
func (g *Generator) renderJSON(out []byte, st *story) []byte {
	out = append(out, `{"id":`...)
	out = appendJSONString(out, st.id)
	out = append(out, `,"source":`...)
	out = appendJSONString(out, st.source)
	out = append(out, `,"url":"`...)
	out = g.appendURL(out, st) // URL characters need no escaping
	out = append(out, `","published_at":"`...)
	out = st.published.AppendFormat(out, time.RFC3339)
	out = append(out, `","headline":`...)
	out = appendJSONString(out, st.text(st.headline))
	out = append(out, `,"standfirst":`...)
	out = appendJSONString(out, st.text(st.standfirst))
	out = append(out, `,"body":"`...)
	for i, p := range st.paras {
		if i > 0 {
			out = append(out, `\n\n`...)
		}
		out = appendJSONChars(out, st.text(p))
	}
	out = append(out, `","section":`...)
	out = appendJSONString(out, sections[st.section].name)
	out = append(out, `,"byline":`...)
	out = appendJSONString(out, st.text(st.byline))
	out = append(out, `,"related":[`...)
	for i, r := range st.related {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"headline":`...)
		out = appendJSONString(out, st.text(r.headline))
		out = append(out, `,"teaser":`...)
		out = appendJSONString(out, st.text(r.teaser))
		out = append(out, `,"section":`...)
		out = appendJSONString(out, sections[r.section].name)
		out = append(out, '}')
	}
	return append(out, "]}"...)
}

// renderHTML writes a plain news page: the metadata the decoder reads in
// the head, navigation, the article, related stories and a footer.
func (g *Generator) renderHTML(out []byte, st *story) []byte {
	out = append(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"...)
	out = appendHTML(out, st.text(st.headline), false)
	out = append(out, " | "...)
	out = appendSiteName(out, st.source)
	out = append(out, "</title>\n<meta name=\"description\" content=\""...)
	out = appendHTML(out, st.text(st.standfirst), true)
	out = append(out, "\">\n<meta property=\"article:published_time\" content=\""...)
	out = st.published.AppendFormat(out, time.RFC3339)
	out = append(out, "\">\n<meta property=\"article:section\" content=\""...)
	out = append(out, sections[st.section].name...)
	out = append(out, "\">\n<link rel=\"canonical\" href=\""...)
	out = g.appendURL(out, st)
	out = append(out, "\">\n</head>\n<body>\n<header><nav>"...)
	out = append(out, `<a href="/">Home</a>`...)
	for _, s := range [...]int{secWorld, secMiddleEast, secEurope, secBusiness, secTechnology, secSport} {
		out = append(out, ` <a href="/`...)
		out = append(out, sections[s].slug...)
		out = append(out, `/">`...)
		out = append(out, sections[s].name...)
		out = append(out, "</a>"...)
	}
	out = append(out, "</nav></header>\n<main>\n<article>\n<h1>"...)
	out = appendHTML(out, st.text(st.headline), false)
	out = append(out, "</h1>\n<p class=\"standfirst\">"...)
	out = appendHTML(out, st.text(st.standfirst), false)
	out = append(out, "</p>\n<p class=\"byline\">"...)
	out = appendHTML(out, st.text(st.byline), false)
	out = append(out, " | <time datetime=\""...)
	out = st.published.AppendFormat(out, time.RFC3339)
	out = append(out, "\">"...)
	out = st.published.AppendFormat(out, "Jan 2, 2006 15:04 MST")
	out = append(out, "</time></p>\n"...)
	for _, p := range st.paras {
		out = append(out, "<p>"...)
		out = appendHTML(out, st.text(p), false)
		out = append(out, "</p>\n"...)
	}
	out = append(out, "</article>\n"...)
	if len(st.related) > 0 {
		out = append(out, "<aside class=\"related\">\n<h2>Related</h2>\n<ul>\n"...)
		for _, r := range st.related {
			out = append(out, "<li><a href=\"/"...)
			out = append(out, sections[r.section].slug...)
			out = append(out, "/\">"...)
			out = appendHTML(out, st.text(r.headline), false)
			out = append(out, "</a> <p>"...)
			out = appendHTML(out, st.text(r.teaser), false)
			out = append(out, "</p> <span class=\"section\">"...)
			out = append(out, sections[r.section].name...)
			out = append(out, "</span></li>\n"...)
		}
		out = append(out, "</ul>\n</aside>\n"...)
	}
	out = append(out, "</main>\n<footer><p>&copy; "...)
	out = strconv.AppendInt(out, int64(st.published.Year()), 10)
	out = append(out, ' ')
	out = appendSiteName(out, st.source)
	out = append(out, ". All rights reserved.</p></footer>\n</body>\n</html>\n"...)
	return out
}

// appendURL appends the article URL:
// https://www.<source>.example/<section>/<yyyy>/<mm>/<dd>/<slug>-<n>.
// Near duplicates keep the URL of their original.
func (g *Generator) appendURL(out []byte, st *story) []byte {
	out = append(out, "https://www."...)
	out = append(out, st.source...)
	out = append(out, ".example/"...)
	out = append(out, sections[st.section].slug...)
	out = st.published.AppendFormat(out, "/2006/01/02/")
	out = appendSlug(out, st.text(st.headline))
	out = append(out, '-')
	return strconv.AppendUint(out, st.n, 10)
}

// latin1Fold maps the second byte of the UTF-8 encodings of U+00C0 to
// U+00FF (first byte 0xC3) to an ASCII letter, or '.' to drop the rune.
const latin1Fold = "aaaaaaaceeeeiiiidnooooo.ouuuuy.saaaaaaaceeeeiiiidnooooo.ouuuuy.y"

// appendSlug appends the lower-case ASCII words of s joined by hyphens,
// at most about 60 bytes of them. Latin-1 accented letters lose their
// accents; other non-ASCII runes are dropped.
func appendSlug(out []byte, s []byte) []byte {
	start := len(out)
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xc3 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xc0:
			i++
			if c = latin1Fold[s[i]-0x80]; c == '.' {
				continue
			}
		case c == '.' || c == '\'' || c >= 0x80:
			continue // "U.S." → "us"; drop the bytes of other runes
		default:
			dash = len(out) > start
			continue
		}
		if len(out)-start >= 60 && dash {
			break
		}
		if dash {
			out = append(out, '-')
			dash = false
		}
		out = append(out, c)
	}
	return out
}

// appendSiteName appends the source with its first letter upper-cased.
func appendSiteName(out []byte, source string) []byte {
	start := len(out)
	out = append(out, source...)
	capitalize(out[start:])
	return out
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString[T string | []byte](out []byte, s T) []byte {
	out = append(out, '"')
	out = appendJSONChars(out, s)
	return append(out, '"')
}

// appendJSONChars appends s escaped for a JSON string, without quotes.
// It escapes only what JSON requires: the payload is not embedded in
// HTML, so "S&P 500" stays readable.
func appendJSONChars[T string | []byte](out []byte, s T) []byte {
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		out = append(out, s[last:i]...)
		switch c {
		case '"', '\\':
			out = append(out, '\\', c)
		case '\n':
			out = append(out, '\\', 'n')
		case '\t':
			out = append(out, '\\', 't')
		default:
			out = append(out, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		last = i + 1
	}
	return append(out, s[last:]...)
}

// appendHTML appends s escaped for HTML text, or for a double-quoted
// attribute value when attr is set.
func appendHTML(out []byte, s []byte, attr bool) []byte {
	last := 0
	for i, c := range s {
		var esc string
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '"' && attr:
			esc = "&#34;"
		default:
			continue
		}
		out = append(out, s[last:i]...)
		out = append(out, esc...)
		last = i + 1
	}
	return append(out, s[last:]...)
}
