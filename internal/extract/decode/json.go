package decode

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// envelope is the JSON envelope format. Unknown fields are ignored. When
// both a field and its alias are set, the first named wins: Headline over
// Title, Standfirst over Summary over Description, Byline over Author.
//
//   - ID is a string or a number.
//   - PublishedAt is RFC 3339, one of a few common layouts (see
//     [parseTime]), or a number of Unix seconds (milliseconds when above
//     1e11, which no date before the year 5000 reaches).
//   - Body is a string whose paragraphs are separated by line breaks
//     (blank lines or not), or an array of paragraph strings. A body that
//     is wire text with a "-" related block is cut at the "-" line, and
//     its related block is used when Related is empty.
type envelope struct {
	ID          json.RawMessage `json:"id"`
	Source      string          `json:"source"`
	URL         string          `json:"url"`
	PublishedAt json.RawMessage `json:"published_at"`
	Headline    string          `json:"headline"`
	Title       string          `json:"title"`
	Standfirst  string          `json:"standfirst"`
	Summary     string          `json:"summary"`
	Description string          `json:"description"`
	Body        json.RawMessage `json:"body"`
	Section     string          `json:"section"`
	Byline      string          `json:"byline"`
	Author      string          `json:"author"`
	Related     []envelopeStory `json:"related"`
}

// envelopeStory is one related story of an [envelope].
type envelopeStory struct {
	Headline string `json:"headline"`
	Teaser   string `json:"teaser"`
	Section  string `json:"section"`
}

// decodeJSON decodes a JSON envelope after bounding its nesting depth with
// a byte scan, so that deep nesting costs one linear pass and no stack.
func (d *Decoder) decodeJSON(ctx context.Context, payload []byte, a *article) (parts, error) {
	if off, ok := checkJSONDepth(payload, d.cfg.maxJSONDepth); !ok {
		return parts{}, extract.BadInput(extract.ReasonMalformed, "JSON nests arrays and objects deeper than %d levels at byte offset %d", d.cfg.maxJSONDepth, off)
	}
	if err := ctx.Err(); err != nil {
		return parts{}, fmt.Errorf("decode article: %w", err)
	}
	var env envelope
	if err := json.Unmarshal(payload, &env); err != nil {
		return parts{}, jsonError(err)
	}

	id, err := jsonID(env.ID)
	if err != nil {
		return parts{}, err
	}
	a.id = id
	a.source = strings.TrimSpace(env.Source)
	a.url = strings.TrimSpace(env.URL)
	a.section = env.Section
	a.byline = firstNonBlank(env.Byline, env.Author)
	a.publishedAt, err = jsonTime(env.PublishedAt, &a.warnings)
	if err != nil {
		return parts{}, err
	}

	p := parts{
		headline:   firstNonBlank(env.Headline, env.Title),
		standfirst: firstNonBlank(env.Standfirst, env.Summary, env.Description),
	}
	var relatedLines []string
	p.body, relatedLines, err = jsonBody(env.Body)
	if err != nil {
		return parts{}, err
	}
	for _, r := range env.Related {
		h := normalizeSpace(r.Headline)
		if h == "" {
			continue
		}
		a.related = append(a.related, event.RelatedStory{Headline: h, Teaser: normalizeSpace(r.Teaser), Section: normalizeSpace(r.Section)})
	}
	if len(a.related) == 0 && len(relatedLines) > 0 {
		a.related, a.warnings = d.parseRelated(relatedLines, a.warnings)
	}
	return p, nil
}

// checkJSONDepth reports whether the arrays and objects of b nest at most
// limit deep, and else the offset where they go deeper. It skips strings
// and does not validate; the decoder does that afterwards.
func checkJSONDepth(b []byte, limit int) (offset int, ok bool) {
	depth := 0
	inString, escaped := false, false
	for i, c := range b {
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
			if depth > limit {
				return i, false
			}
		case '}', ']':
			depth--
		}
	}
	return 0, true
}

// jsonError turns an encoding/json error into a malformed-input error that
// says where and what.
func jsonError(err error) error {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		return extract.BadInput(extract.ReasonMalformed, "JSON does not parse at byte offset %d: %s", syntaxErr.Offset, strings.TrimPrefix(syntaxErr.Error(), "json: "))
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return extract.BadInput(extract.ReasonMalformed, "JSON payload must be an object, got %s", typeErr.Value)
	case errors.As(err, &typeErr):
		return extract.BadInput(extract.ReasonMalformed, "JSON field %q has the wrong type: got %s, want %s", typeErr.Field, typeErr.Value, jsonTypeName(typeErr.Type.String()))
	}
	return extract.BadInput(extract.ReasonMalformed, "JSON does not decode: %s", strings.TrimPrefix(err.Error(), "json: "))
}

func jsonTypeName(goType string) string {
	switch {
	case goType == "string":
		return "string"
	case strings.HasPrefix(goType, "[]"):
		return "array"
	}
	return "object"
}

// maxIDBytes bounds the envelope id, which becomes the event's ArticleID
// and a key downstream.
const maxIDBytes = 256

// jsonID reads the envelope id, a string or a number.
func jsonID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var id string
	switch raw[0] {
	case '"':
		if err := json.Unmarshal(raw, &id); err != nil {
			return "", jsonError(err)
		}
		id = strings.TrimSpace(id)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		id = string(raw)
	default:
		return "", extract.BadInput(extract.ReasonMalformed, "JSON field \"id\" has the wrong type: got %s, want string or number", jsonKind(raw))
	}
	if len(id) > maxIDBytes {
		return "", extract.BadInput(extract.ReasonMalformed, "JSON field \"id\" is %d bytes long, over the limit of %d", len(id), maxIDBytes)
	}
	return id, nil
}

// jsonTime reads published_at. A string that matches no known layout is a
// warning, not an error: the article is still worth processing.
func jsonTime(raw json.RawMessage, warnings *[]string) (*time.Time, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, jsonError(err)
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil, nil
		}
		if t, ok := parseTime(s); ok {
			return &t, nil
		}
		*warnings = append(*warnings, fmt.Sprintf("published_at %q is in no known date layout; it was left out", truncate(s, 60)))
		return nil, nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			return nil, extract.BadInput(extract.ReasonMalformed, "JSON field \"published_at\" is not a usable number: %s", truncate(string(raw), 40))
		}
		t, ok := unixTime(f)
		if !ok {
			*warnings = append(*warnings, fmt.Sprintf("published_at %s is out of range for Unix seconds; it was left out", truncate(string(raw), 40)))
			return nil, nil
		}
		return &t, nil
	}
	return nil, extract.BadInput(extract.ReasonMalformed, "JSON field \"published_at\" has the wrong type: got %s, want string or number", jsonKind(raw))
}

// unixTime converts Unix seconds, or milliseconds when f > 1e11, to a UTC
// time between the years 1900 and 3000.
func unixTime(f float64) (time.Time, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return time.Time{}, false
	}
	if math.Abs(f) > 1e11 {
		f /= 1000
	}
	sec, frac := math.Modf(f)
	t := time.Unix(int64(sec), int64(frac*1e9)).UTC()
	if t.Year() < 1900 || t.Year() > 3000 {
		return time.Time{}, false
	}
	return t, true
}

// parseTime parses s as RFC 3339 or one of a few other common layouts,
// or as Unix seconds when it is all digits, and returns it in UTC.
// Layouts without a zone are read as UTC, and so are zone abbreviations
// other than UTC and GMT ("EST"), as time.Parse does.
func parseTime(s string) (time.Time, bool) {
	layouts := [...]string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05Z0700",
		"2006-01-02T15:04:05",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05",
		"2006-01-02T15:04Z07:00",
		"2006-01-02",
		time.RFC1123Z,
		time.RFC1123,
		"Mon, 2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04:05 MST",
		time.RFC850,
		time.ANSIC,
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	if isDigits(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return unixTime(f)
		}
	}
	return time.Time{}, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// jsonBody reads the body: a string or an array of strings. Every line
// break separates paragraphs; a line that is exactly "-" ends the body,
// and the lines after it are returned as related-story lines.
func jsonBody(raw json.RawMessage) (body, related []string, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil, nil
	}
	var chunks []string
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, nil, jsonError(err)
		}
		chunks = []string{s}
	case '[':
		if err := json.Unmarshal(raw, &chunks); err != nil {
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				return nil, nil, extract.BadInput(extract.ReasonMalformed, "JSON field \"body\" must be a string or an array of strings, got an array holding %s", typeErr.Value)
			}
			return nil, nil, jsonError(err)
		}
	default:
		return nil, nil, extract.BadInput(extract.ReasonMalformed, "JSON field \"body\" has the wrong type: got %s, want string or array of strings", jsonKind(raw))
	}
	inRelated := false
	for _, c := range chunks {
		for line := range strings.Lines(c) {
			line = strings.TrimSpace(line)
			switch {
			case line == "":
			case inRelated:
				related = append(related, line)
			case line == "-":
				inRelated = true
			default:
				body = append(body, line)
			}
		}
	}
	return body, related, nil
}

// jsonKind names the JSON type of a raw value for messages.
func jsonKind(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

func firstNonBlank(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
