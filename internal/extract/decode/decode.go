// Package decode owns the first extraction stage: it turns a raw article
// payload into the decoded fields of the event (ids, headline, standfirst,
// body text with paragraph offsets, related stories and metadata).
//
// Three payload formats are read, chosen by the Content-Type header when it
// is set and by sniffing the payload otherwise (a leading "{" is JSON, a
// leading "<" with an html, head, body, article, p or div tag is HTML,
// anything else is wire text):
//
//   - Wire text (text/plain): line 1 the headline, line 2 the standfirst,
//     then one body paragraph per line, then a line that is exactly "-",
//     then the related stories as pairs of lines, a headline and a teaser
//     with the section name glued to its end and an optional trailing " -"
//     ("... against ISIS Middle East -"). The section is split off with the
//     known-sections list ([DefaultSections], [WithSections]) or, for
//     other names, a cautious heuristic that leaves it empty when unsure.
//   - A JSON envelope (application/json) with the fields id, source, url,
//     published_at, headline (or title), standfirst (or summary or
//     description), body (a string or an array of strings), section,
//     byline (or author) and related ([{headline, teaser, section}]).
//   - An HTML page (text/html), reduced to its article by go-readability;
//     the canonical URL, article:section and article:published_time come
//     from the page's link and meta tags.
//
// Every input is bounded before it is parsed: the payload size, the JSON
// nesting depth and the HTML nesting depth and element count, so that a
// hostile payload costs linear time and bounded stack.
package decode

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"mime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the decode stage, as returned by [Decoder.Name].
const StageName = "decode"

// Payload formats, the values of event.Event.Format.
const (
	FormatText = "text"
	FormatJSON = "json"
	FormatHTML = "html"
)

// Decoder is the decode stage. It is immutable after [New] and safe for
// concurrent use by several goroutines, each with its own Document.
type Decoder struct {
	cfg config
}

var _ extract.Stage = (*Decoder)(nil)

// New returns a Decoder with the default limits changed by opts. It
// returns an error when an option is out of range.
func New(opts ...Option) (*Decoder, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("decode: %w", err)
		}
	}
	cfg.sections = newSectionSet(cfg.sectionNames)
	return &Decoder{cfg: cfg}, nil
}

// Name returns [StageName].
func (d *Decoder) Name() string { return StageName }

// Process decodes doc.Raw.Payload into doc.Event: Format, ArticleID,
// Source, Provider, URL, Headline, Standfirst, Byline, Section, PublishedAt, Related,
// Text and Paragraphs are all overwritten; non-fatal findings are added to
// doc.Event.Warnings. doc.Event is left untouched when Process fails.
//
// Bad payloads yield an [*extract.InputError] whose Detail says what is
// wrong and where; a cancelled ctx yields an error wrapping ctx.Err(). The
// formats are described in the package documentation; wire text may have
// CRLF line ends, blank lines, trailing white space and no "-" block.
func (d *Decoder) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("decode article: %w", err)
	}
	a, err := d.decode(ctx, doc.Raw.Payload, doc.Raw.ContentType)
	if err != nil {
		return err
	}

	ev := &doc.Event
	ev.Format = a.format
	ev.ArticleID = a.id
	if ev.ArticleID == "" {
		ev.ArticleID = doc.Raw.MsgID
	}
	if ev.ArticleID == "" {
		ev.ArticleID = payloadID(doc.Raw.Payload)
	}
	ev.Source = doc.Raw.Source
	ev.Provider = a.source
	ev.URL = a.url
	ev.Headline = a.headline
	ev.Standfirst = a.standfirst
	ev.Byline = a.byline
	ev.Section = a.section
	ev.PublishedAt = a.publishedAt
	ev.Related = a.related
	ev.Text = a.text
	ev.Paragraphs = a.paragraphs
	for _, w := range a.warnings {
		doc.Warn(StageName, w)
	}
	return nil
}

// payloadID is the fallback article id: a stable hash of the payload.
func payloadID(payload []byte) string {
	sum := sha256.Sum256(payload)
	return "sha256:" + hex.EncodeToString(sum[:16])
}

// article is the format-independent result of decoding one payload. Its
// text fields are already normalized.
type article struct {
	format      string
	id          string
	source      string
	url         string
	headline    string
	standfirst  string
	byline      string
	section     string
	publishedAt *time.Time
	related     []event.RelatedStory
	text        string
	paragraphs  []event.Paragraph
	warnings    []string
}

// parts are the raw pieces of an article before assembly.
type parts struct {
	headline   string
	standfirst string
	body       []string
}

// decode runs the checks shared by all formats, picks the format and
// decodes the payload.
func (d *Decoder) decode(ctx context.Context, payload []byte, contentType string) (*article, error) {
	ct := parseContentType(contentType)
	if err := d.checkPayload(payload, ct.charset); err != nil {
		return nil, err
	}
	size := len(payload)
	payload = bytes.TrimPrefix(payload, []byte(utf8BOM))
	if len(bytes.TrimSpace(payload)) == 0 {
		return nil, extract.BadInput(extract.ReasonEmpty, "payload of %d bytes holds only white space", size)
	}
	if err := checkText(payload); err != nil {
		return nil, err
	}

	a := &article{}
	if ct.warning != "" {
		a.warnings = append(a.warnings, ct.warning)
	}
	format, err := chooseFormat(ct.mediaType, payload)
	if err != nil {
		return nil, err
	}
	a.format = format

	var p parts
	switch format {
	case FormatJSON:
		p, err = d.decodeJSON(ctx, payload, a)
	case FormatHTML:
		p, err = d.decodeHTML(ctx, payload, a)
	default:
		p, err = d.decodeWire(ctx, string(payload), a)
	}
	if err != nil {
		return nil, err
	}
	a.assemble(p)
	if a.headline == "" && !a.hasBody() {
		return nil, extract.BadInput(extract.ReasonNoContent, "%s payload of %d bytes has neither a headline nor body text", formatName(format), size)
	}
	return a, nil
}

// Byte order marks.
const (
	utf8BOM    = "\xEF\xBB\xBF"
	utf16BEBOM = "\xFE\xFF"
	utf16LEBOM = "\xFF\xFE"
)

// formatName names a format in messages.
func formatName(format string) string {
	switch format {
	case FormatJSON:
		return "JSON"
	case FormatHTML:
		return "HTML"
	}
	return "wire text"
}

// checkPayload applies the checks that come before any decoding, in the
// order of the reasons' precedence: size, emptiness, encoding. charset is
// the one the content type declares, if any: it only makes the message
// for a payload that is not UTF-8 more helpful, as a payload that is valid
// UTF-8 is read as UTF-8 whatever its label says.
func (d *Decoder) checkPayload(payload []byte, charset string) error {
	if len(payload) > d.cfg.maxPayloadBytes {
		return extract.BadInput(extract.ReasonTooLarge, "payload is %d bytes, over the limit of %d bytes", len(payload), d.cfg.maxPayloadBytes)
	}
	if len(payload) == 0 {
		return extract.BadInput(extract.ReasonEmpty, "payload is empty")
	}
	if bytes.HasPrefix(payload, []byte(utf16BEBOM)) || bytes.HasPrefix(payload, []byte(utf16LEBOM)) {
		return extract.BadInput(extract.ReasonUnsupported, "payload starts with a UTF-16 byte order mark; only UTF-8 is supported, re-encode the article as UTF-8")
	}
	if !utf8.Valid(payload) {
		off, b := firstInvalidUTF8(payload)
		if charset != "" && !isUTF8Charset(charset) {
			return extract.BadInput(extract.ReasonUnsupported, "content type declares charset %q and the payload is not UTF-8 (byte 0x%02x at byte offset %d); only UTF-8 is supported", charset, b, off)
		}
		return extract.BadInput(extract.ReasonInvalidUTF8, "payload is not valid UTF-8: bad byte 0x%02x at byte offset %d", b, off)
	}
	return nil
}

// firstInvalidUTF8 returns the offset and value of the first byte that
// does not start a valid UTF-8 sequence.
func firstInvalidUTF8(b []byte) (int, byte) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i, b[i]
		}
		i += size
	}
	return len(b), 0
}

// maxControlShare is the share of control characters above which a
// payload is taken for binary data: real articles have next to none.
const maxControlShare = 0.10

// checkText rejects valid UTF-8 that is not text: NUL bytes or a payload
// made mostly of control characters. It counts bytes, not runes, which
// only makes it more lenient on non-Latin text.
func checkText(payload []byte) error {
	if i := bytes.IndexByte(payload, 0); i >= 0 {
		return extract.BadInput(extract.ReasonMalformed, "payload contains a NUL byte at byte offset %d; it looks like binary data, not article text", i)
	}
	controls := countControls(payload)
	if float64(controls) > maxControlShare*float64(len(payload)) {
		return extract.BadInput(extract.ReasonMalformed, "payload looks like binary data: %d of its %d bytes are control characters", controls, len(payload))
	}
	return nil
}

// countControls returns the number of control characters in payload
// but for white space: the sum of controlAt over its bytes.
func countControls(payload []byte) int {
	controls := 0
	i := 0
	for ; i+8 <= len(payload); i += 8 {
		if mayHoldControl(binary.LittleEndian.Uint64(payload[i:])) {
			for j := i; j < i+8; j++ {
				controls += controlAt(payload, j)
			}
		}
	}
	for ; i < len(payload); i++ {
		controls += controlAt(payload, i)
	}
	return controls
}

// controlAt returns 1 when a control character starts at payload[i]
// (a C1 control, U+0080 to U+009F, is 0xC2 and a second byte below
// 0xA0), else 0.
func controlAt(payload []byte, i int) int {
	switch c := payload[i]; {
	case c < 0x20:
		if c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
			return 1
		}
	case c == 0x7F:
		return 1
	case c == 0xC2 && i+1 < len(payload) && payload[i+1] < 0xA0:
		return 1
	}
	return 0
}

// mayHoldControl reports whether any of the eight bytes of x is one
// that controlAt looks at: below 0x20, 0x7F or 0xC2. The tests work on
// all eight bytes at once (the "has less" and "has zero" byte tricks,
// exact as to whether any byte matches), so that checkText skips text
// without controls eight bytes at a time.
func mayHoldControl(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	hasZero := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	below := (x - 0x20*ones) &^ x & highs
	return below|hasZero(x^0x7F*ones)|hasZero(x^0xC2*ones) != 0
}

// contentType is a parsed Content-Type header.
type contentType struct {
	mediaType string // lower case, empty when absent or unreadable
	charset   string
	warning   string // set when the header does not parse
}

func parseContentType(s string) contentType {
	s = strings.TrimSpace(s)
	if s == "" {
		return contentType{}
	}
	mediaType, params, err := mime.ParseMediaType(s)
	if err != nil {
		return contentType{warning: fmt.Sprintf("content type %q does not parse (%v); the format was sniffed from the payload", truncate(s, 80), err)}
	}
	return contentType{mediaType: mediaType, charset: params["charset"]}
}

// chooseFormat picks the format from the media type, or by sniffing when
// it is empty or generic.
func chooseFormat(mediaType string, payload []byte) (string, error) {
	switch {
	case mediaType == "" || mediaType == "application/octet-stream":
		return sniffFormat(payload), nil
	case mediaType == "text/plain":
		return FormatText, nil
	case mediaType == "application/json" || mediaType == "text/json" || strings.HasSuffix(mediaType, "+json"):
		return FormatJSON, nil
	case mediaType == "text/html" || mediaType == "application/xhtml+xml":
		return FormatHTML, nil
	}
	return "", extract.BadInput(extract.ReasonUnsupported, "content type %q is not supported; send text/plain (wire text), application/json or text/html", mediaType)
}

func isUTF8Charset(cs string) bool {
	switch strings.ToLower(strings.TrimSpace(cs)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
}

// sniffFormat guesses the format of a payload without a content type: a
// leading "{" is JSON, a leading "<" followed somewhere by an html, head,
// body, article, p or div tag (or an HTML doctype) is HTML, anything else
// is wire text.
func sniffFormat(payload []byte) string {
	s := bytes.TrimLeftFunc(payload, unicode.IsSpace)
	if len(s) == 0 {
		return FormatText
	}
	switch s[0] {
	case '{':
		return FormatJSON
	case '<':
		if hasHTMLTag(s) {
			return FormatHTML
		}
	}
	return FormatText
}

// hasHTMLTag reports whether b contains a start tag that only HTML pages
// have. It is a linear scan over the '<' bytes of b.
func hasHTMLTag(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			return false
		}
		b = b[i+1:]
		if len(b) > 0 && b[0] == '!' {
			if hasFoldPrefix(b[1:], "doctype html") {
				return true
			}
			continue
		}
		n := 0
		for n < len(b) && n < 8 && isASCIILetter(b[n]) {
			n++
		}
		if n == len(b) || n == 0 {
			continue
		}
		if c := b[n]; c != '>' && c != '/' && !isHTMLSpace(c) {
			continue
		}
		switch strings.ToLower(string(b[:n])) {
		case "html", "head", "body", "article", "p", "div":
			return true
		}
	}
}

func hasFoldPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// assemble normalizes the parts and builds Text and Paragraphs.
func (a *article) assemble(p parts) {
	a.headline = normalizeSpace(p.headline)
	a.standfirst = normalizeSpace(p.standfirst)
	a.byline = normalizeSpace(a.byline)
	a.section = normalizeSpace(a.section)

	size := len(a.headline) + len(a.standfirst) + 4
	for _, b := range p.body {
		size += len(b) + 2
	}
	var sb strings.Builder
	sb.Grow(size)
	paras := make([]event.Paragraph, 0, len(p.body)+2)
	add := func(kind, s string) {
		if s == "" {
			return
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		start := sb.Len()
		sb.WriteString(s)
		paras = append(paras, event.Paragraph{Kind: kind, Start: start, End: sb.Len()})
	}
	add(event.ParagraphHeadline, a.headline)
	add(event.ParagraphStandfirst, a.standfirst)
	for _, b := range p.body {
		add(event.ParagraphBody, normalizeSpace(b))
	}
	a.text = sb.String()
	a.paragraphs = paras
}

func (a *article) hasBody() bool {
	for _, p := range a.paragraphs {
		if p.Kind == event.ParagraphBody {
			return true
		}
	}
	return false
}

// normalizeSpace trims s and collapses every internal run of white space,
// line breaks included, to one space: a part of Text never holds the
// "\n\n" that separates parts. It returns s itself when nothing changes.
func normalizeSpace(s string) string {
	s = strings.TrimSpace(s)
	prevSpace := false
	for i := 0; i < len(s); i++ {
		// Skip plain ASCII eight bytes at a time: byte by byte, this
		// loop was half of the stage's CPU.
		for i+8 <= len(s) {
			sp, ok := plainASCII8(s, i)
			if !ok || sp&(sp>>8) != 0 || prevSpace && sp&0x80 != 0 {
				break // for the byte loop to judge
			}
			prevSpace = sp>>63 != 0
			i += 8
		}
		if i == len(s) {
			break
		}
		switch c := s[i]; {
		case c > ' ' && c < utf8.RuneSelf:
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return collapseSpace(s)
			}
			prevSpace = true
		case c < ' ':
			if sp, _ := spaceAt(s, i); sp {
				return collapseSpace(s)
			}
			prevSpace = false
		default:
			if sp, _ := spaceAt(s, i); sp {
				return collapseSpace(s)
			}
			prevSpace = false // continuation bytes land here too
		}
	}
	return s
}

// Lane constants of plainASCII8.
const (
	lanes20 = 0x2020202020202020
	lanes60 = 0x6060606060606060
	lanes7f = 0x7f7f7f7f7f7f7f7f
	lanes80 = 0x8080808080808080
)

// plainASCII8 reports whether the eight bytes s[i:i+8] are all ASCII from
// the space up (no control byte), and returns in sp 0x80 in the lane of
// each space (byte i+k is lane k). The compiler makes the shifts one
// load. The lane tests are exact because every lane is first checked to
// be below 0x80, so no addition carries into the next lane: lane+0x60
// reaches 0x80 exactly when lane >= 0x20, and (lane^0x20)+0x7f stays
// below 0x80 exactly for a space.
func plainASCII8(s string, i int) (sp uint64, ok bool) {
	b := s[i : i+8]
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	if x&lanes80 != 0 || (x+lanes60)&lanes80 != lanes80 {
		return 0, false
	}
	return ^((x ^ lanes20) + lanes7f) & lanes80, true
}

// spaceAt reports whether a white-space rune starts at s[i], and the
// number of bytes to step. Only the lead bytes of the non-ASCII spaces
// (U+0085, U+00A0, U+1680, U+2000 to U+3000) need decoding.
func spaceAt(s string, i int) (bool, int) {
	switch c := s[i]; {
	case c < utf8.RuneSelf:
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f', 1
	case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
		r, size := utf8.DecodeRuneInString(s[i:])
		return unicode.IsSpace(r), size
	}
	return false, 1
}

func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for i := 0; i < len(s); {
		sp, size := spaceAt(s, i)
		switch {
		case sp:
			inSpace = true
		case inSpace:
			b.WriteByte(' ')
			inSpace = false
			fallthrough
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
