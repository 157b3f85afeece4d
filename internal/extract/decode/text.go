package decode

import (
	"context"
	"fmt"
	"strings"

	"github.com/wirestream/wirestream/event"
)

// ctxCheckEvery is how many lines or tags a loop handles between two
// looks at its context: often enough to stop a 1 MiB payload within
// microseconds, rarely enough to cost nothing.
const ctxCheckEvery = 1024

// decodeWire decodes wire text (see the package documentation for the format).
// Lines are cut by hand rather than with bufio.Scanner, whose 64 KiB token
// limit would reject a long paragraph; the payload bound bounds the lines.
func (d *Decoder) decodeWire(ctx context.Context, s string, a *article) (parts, error) {
	var p parts
	var relatedLines []string
	inRelated := false
	n := 0
	for rest := s; rest != ""; {
		var line string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, ""
		}
		n++
		if n%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return parts{}, fmt.Errorf("decode article: %w", err)
			}
		}
		line = strings.TrimSpace(line) // also drops the \r of CRLF
		switch {
		case line == "":
			continue
		case inRelated:
			relatedLines = append(relatedLines, line)
		case line == "-":
			inRelated = true
		case p.headline == "":
			p.headline = line
		case p.standfirst == "":
			p.standfirst = line
		default:
			p.body = append(p.body, line)
		}
	}
	a.related, a.warnings = d.parseRelated(relatedLines, a.warnings)
	return p, nil
}

// parseRelated reads the related-stories lines that follow the "-" line:
// pairs of a headline and a teaser with the section glued to its end and
// an optional trailing " -". A teaser-like line (ending in " -") where a
// headline is due is skipped with a warning; a last headline without a
// teaser is kept.
func (d *Decoder) parseRelated(lines []string, warnings []string) ([]event.RelatedStory, []string) {
	if len(lines) == 0 {
		return nil, warnings
	}
	related := make([]event.RelatedStory, 0, (len(lines)+1)/2)
	var headline string
	pending := false
	for _, line := range lines {
		if line == "-" {
			continue
		}
		text, marked := trimItemMarker(line)
		text = normalizeSpace(text)
		if !pending {
			if marked {
				warnings = append(warnings, fmt.Sprintf("related stories: skipped teaser %q that has no headline line before it", truncate(text, 60)))
				continue
			}
			headline, pending = text, true
			continue
		}
		teaser, section := d.cfg.sections.split(text)
		related = append(related, event.RelatedStory{Headline: headline, Teaser: teaser, Section: section})
		pending = false
	}
	if pending {
		related = append(related, event.RelatedStory{Headline: headline})
	}
	return related, warnings
}

// trimItemMarker removes the " -" that ends a related-story item.
func trimItemMarker(line string) (string, bool) {
	if len(line) < 2 || line[len(line)-1] != '-' {
		return line, false
	}
	if c := line[len(line)-2]; c != ' ' && c != '\t' {
		return line, false
	}
	return strings.TrimRight(line[:len(line)-1], " \t"), true
}

// truncate shortens s to at most n runes for messages.
func truncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
