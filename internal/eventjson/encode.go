package eventjson

import (
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

// The append functions below write the JSON of an event to b, field by
// field in struct order, following encoding/json's rules: omitempty
// skips "", 0, false, nil pointers and empty slices; a nil slice without
// omitempty is null; strings are escaped with HTML escaping on; floats
// use the ES6 number format. *bad is set on a value encoding/json
// refuses (a NaN or infinite float, a time outside RFC 3339); Marshal
// then hands the event to segmentio/encoding, which the package used
// before, for its result. They take and return the buffer rather than
// keep it in a struct: appending to a struct field through a pointer
// pays a GC write barrier per append while the collector runs (a fifth
// of the encoding in a profile), a local slice does not.

// bufPool holds buffers grown to the size of a typical event, so that
// encoding appends without growing: Marshal copies the result out once,
// at its exact size.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// maxPooled is the largest buffer returned to the pool; a huge event's
// buffer is left to the garbage collector.
const maxPooled = 1 << 20

// appendEvent appends ev to b.
func appendEvent(b []byte, ev *event.Event, bad *bool) []byte {
	b = append(b, `{"schema_version":`...)
	b = appendStr(b, ev.SchemaVersion)
	b = append(b, `,"id":`...)
	b = appendStr(b, ev.ID)
	b = append(b, `,"article_id":`...)
	b = appendStr(b, ev.ArticleID)
	b = append(b, `,"source":`...)
	b = appendStr(b, ev.Source)
	b = appendOptStr(b, `,"provider":`, ev.Provider)
	b = append(b, `,"format":`...)
	b = appendStr(b, ev.Format)
	b = appendOptStr(b, `,"url":`, ev.URL)
	b = append(b, `,"headline":`...)
	b = appendStr(b, ev.Headline)
	b = appendOptStr(b, `,"standfirst":`, ev.Standfirst)
	b = appendOptStr(b, `,"byline":`, ev.Byline)
	b = appendOptStr(b, `,"section":`, ev.Section)
	if ev.PublishedAt != nil {
		b = append(b, `,"published_at":`...)
		b = appendTime(b, *ev.PublishedAt, bad)
	}
	b = append(b, `,"text":`...)
	b = appendStr(b, ev.Text)

	b = append(b, `,"paragraphs":`...)
	if ev.Paragraphs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, p := range ev.Paragraphs {
			b = comma(b, i)
			b = append(b, `{"kind":`...)
			b = appendStr(b, p.Kind)
			b = appendInt(b, `,"start":`, p.Start)
			b = appendInt(b, `,"end":`, p.End)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(ev.Related) > 0 {
		b = append(b, `,"related":[`...)
		for i := range ev.Related {
			b = comma(b, i)
			b = appendRelated(b, &ev.Related[i])
		}
		b = append(b, ']')
	}
	if l := ev.Language; l != nil {
		b = append(b, `,"language":{"code":`...)
		b = appendStr(b, l.Code)
		b = appendFloat(b, `,"confidence":`, l.Confidence, bad)
		b = append(b, '}')
	}
	if len(ev.Sentences) > 0 {
		b = append(b, `,"sentences":`...)
		b = appendSpans(b, ev.Sentences)
	}
	if ev.TokenCount != 0 {
		b = appendInt(b, `,"token_count":`, ev.TokenCount)
	}

	b = append(b, `,"entities":`...)
	if ev.Entities == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range ev.Entities {
			b = comma(b, i)
			b = appendEntity(b, &ev.Entities[i], bad)
		}
		b = append(b, ']')
	}
	if len(ev.Dates) > 0 {
		b = append(b, `,"dates":[`...)
		for i := range ev.Dates {
			b = comma(b, i)
			d := &ev.Dates[i]
			b = appendInt(b, `{"start":`, d.Start)
			b = appendInt(b, `,"end":`, d.End)
			b = append(b, `,"text":`...)
			b = appendStr(b, d.Text)
			b = append(b, `,"value":`...)
			b = appendStr(b, d.Value)
			b = append(b, `,"kind":`...)
			b = appendStr(b, d.Kind)
			b = appendBool(b, `,"relative":`, d.Relative)
			b = appendOptStr(b, `,"anchor":`, d.Anchor)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(ev.Quotes) > 0 {
		b = append(b, `,"quotes":[`...)
		for i := range ev.Quotes {
			b = comma(b, i)
			q := &ev.Quotes[i]
			b = appendInt(b, `{"start":`, q.Start)
			b = appendInt(b, `,"end":`, q.End)
			b = append(b, `,"text":`...)
			b = appendStr(b, q.Text)
			b = appendOptStr(b, `,"speaker":`, q.Speaker)
			b = appendInt(b, `,"speaker_entity":`, q.SpeakerEntity)
			b = appendOptStr(b, `,"cue":`, q.Cue)
			if q.SpeakerSpan != nil {
				b = appendInt(b, `,"speaker_span":{"start":`, q.SpeakerSpan.Start)
				b = appendInt(b, `,"end":`, q.SpeakerSpan.End)
				b = append(b, '}')
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(ev.Numbers) > 0 {
		b = append(b, `,"numbers":[`...)
		for i := range ev.Numbers {
			b = comma(b, i)
			q := &ev.Numbers[i]
			b = appendInt(b, `{"start":`, q.Start)
			b = appendInt(b, `,"end":`, q.End)
			b = append(b, `,"text":`...)
			b = appendStr(b, q.Text)
			b = appendFloat(b, `,"value":`, q.Value, bad)
			b = appendOptStr(b, `,"unit":`, q.Unit)
			b = appendOptStr(b, `,"counts":`, q.Counts)
			b = appendOptStr(b, `,"context":`, q.Context)
			if q.Approximate {
				b = append(b, `,"approximate":true`...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(ev.Keywords) > 0 {
		b = append(b, `,"keywords":[`...)
		for i := range ev.Keywords {
			b = comma(b, i)
			k := &ev.Keywords[i]
			b = append(b, `{"text":`...)
			b = appendStr(b, k.Text)
			b = appendFloat(b, `,"score":`, k.Score, bad)
			b = appendInt(b, `,"count":`, k.Count)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if t := ev.Topic; t != nil {
		b = append(b, `,"topic":{"label":`...)
		b = appendStr(b, t.Label)
		b = append(b, `,"source":`...)
		b = appendStr(b, t.Source)
		b = appendFloat(b, `,"confidence":`, t.Confidence, bad)
		b = append(b, '}')
	}
	if t := ev.Tone; t != nil {
		b = appendFloat(b, `,"tone":{"score":`, t.Score, bad)
		b = appendFloat(b, `,"positive":`, t.Positive, bad)
		b = appendFloat(b, `,"negative":`, t.Negative, bad)
		b = appendFloat(b, `,"polarity":`, t.Polarity, bad)
		b = appendInt(b, `,"word_count":`, t.WordCount)
		b = append(b, '}')
	}
	if s := ev.Summary; s != nil {
		b = append(b, `,"summary":{"text":`...)
		b = appendStr(b, s.Text)
		b = append(b, `,"sentences":`...)
		if s.Sentences == nil {
			b = append(b, "null"...)
		} else {
			b = appendSpans(b, s.Sentences)
		}
		b = append(b, '}')
	}
	if f := ev.Fingerprint; f != nil {
		b = append(b, `,"fingerprint":{"content_hash":`...)
		b = appendStr(b, f.ContentHash)
		b = append(b, `,"simhash":`...)
		b = appendStr(b, f.SimHash)
		b = append(b, `,"story_id":`...)
		b = appendStr(b, f.StoryID)
		b = appendOptStr(b, `,"duplicate_of":`, f.DuplicateOf)
		if f.Distance != 0 {
			b = appendInt(b, `,"distance":`, f.Distance)
		}
		if f.Exact {
			b = append(b, `,"exact":true`...)
		}
		b = append(b, '}')
	}

	r := &ev.Raw
	b = append(b, `,"raw":{"stream":`...)
	b = appendStr(b, r.Stream)
	b = append(b, `,"sequence":`...)
	b = strconv.AppendUint(b, r.Sequence, 10)
	b = append(b, `,"subject":`...)
	b = appendStr(b, r.Subject)
	b = appendOptStr(b, `,"msg_id":`, r.MsgID)
	b = append(b, `,"delivered":`...)
	b = strconv.AppendUint(b, r.Delivered, 10)
	b = append(b, `,"published":`...)
	b = appendTime(b, r.Published, bad)
	b = appendInt(b, `,"bytes":`, r.Bytes)
	b = append(b, '}')

	p := &ev.Pipeline
	b = append(b, `,"pipeline":{"version":`...)
	b = appendStr(b, p.Version)
	b = appendOptStr(b, `,"build":`, p.Build)
	b = append(b, `,"processed_at":`...)
	b = appendTime(b, p.ProcessedAt, bad)
	b = append(b, `,"stages":`...)
	if p.Stages == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range p.Stages {
			b = comma(b, i)
			b = append(b, `{"stage":`...)
			b = appendStr(b, s.Stage)
			b = append(b, `,"micros":`...)
			b = strconv.AppendInt(b, s.Micros, 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, '}')

	if len(ev.Warnings) > 0 {
		b = append(b, `,"warnings":[`...)
		for i, w := range ev.Warnings {
			b = comma(b, i)
			b = append(b, `{"stage":`...)
			b = appendStr(b, w.Stage)
			b = append(b, `,"message":`...)
			b = appendStr(b, w.Message)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendRelated appends one related story.
func appendRelated(b []byte, r *event.RelatedStory) []byte {
	b = append(b, `{"headline":`...)
	b = appendStr(b, r.Headline)
	b = appendOptStr(b, `,"teaser":`, r.Teaser)
	b = appendOptStr(b, `,"section":`, r.Section)
	if len(r.Entities) > 0 {
		b = append(b, `,"entities":[`...)
		for i, x := range r.Entities {
			b = comma(b, i)
			b = append(b, `{"name":`...)
			b = appendStr(b, x.Name)
			b = append(b, `,"type":`...)
			b = appendStr(b, x.Type)
			b = appendOptStr(b, `,"id":`, x.ID)
			b = appendOptStr(b, `,"country_code":`, x.CountryCode)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendEntity appends one entity.
func appendEntity(b []byte, x *event.Entity, bad *bool) []byte {
	b = append(b, `{"name":`...)
	b = appendStr(b, x.Name)
	b = append(b, `,"type":`...)
	b = appendStr(b, x.Type)
	b = appendOptStr(b, `,"id":`, x.ID)
	b = appendOptStr(b, `,"country_code":`, x.CountryCode)
	if x.Lat != nil {
		b = appendFloat(b, `,"lat":`, *x.Lat, bad)
	}
	if x.Lon != nil {
		b = appendFloat(b, `,"lon":`, *x.Lon, bad)
	}
	if len(x.Titles) > 0 {
		b = append(b, `,"titles":[`...)
		for i, t := range x.Titles {
			b = comma(b, i)
			b = appendStr(b, t)
		}
		b = append(b, ']')
	}
	b = appendInt(b, `,"count":`, x.Count)
	b = appendFloat(b, `,"salience":`, x.Salience, bad)
	b = append(b, `,"mentions":`...)
	if x.Mentions == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, m := range x.Mentions {
			b = comma(b, i)
			b = appendInt(b, `{"start":`, m.Start)
			b = appendInt(b, `,"end":`, m.End)
			b = append(b, `,"text":`...)
			b = appendStr(b, m.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendSpans appends a non-nil slice of spans.
func appendSpans(b []byte, ss []event.Span) []byte {
	b = append(b, '[')
	for i, s := range ss {
		b = comma(b, i)
		b = appendInt(b, `{"start":`, s.Start)
		b = appendInt(b, `,"end":`, s.End)
		b = append(b, '}')
	}
	return append(b, ']')
}

// comma appends the separator before element i of an array.
func comma(b []byte, i int) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	return b
}

// appendOptStr appends key and s unless s is empty (omitempty).
func appendOptStr(b []byte, key, s string) []byte {
	if s != "" {
		b = append(b, key...)
		b = appendStr(b, s)
	}
	return b
}

// appendInt appends key and n.
func appendInt(b []byte, key string, n int) []byte {
	b = append(b, key...)
	return strconv.AppendInt(b, int64(n), 10)
}

// appendBool appends key and v.
func appendBool(b []byte, key string, v bool) []byte {
	b = append(b, key...)
	return strconv.AppendBool(b, v)
}

// appendFloat appends key and f as encoding/json formats a float64: like
// %g but with 'e' only below 1e-6 and from 1e21 up, and the exponent not
// padded ("1e-7", not "1e-07").
func appendFloat(b []byte, key string, f float64, bad *bool) []byte {
	b = append(b, key...)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		*bad = true
		return b
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendTime appends t as time.Time.MarshalJSON does: RFC 3339 with
// nanoseconds, quoted. A year outside [0,9999] or a zone offset of 24
// hours or more cannot be written as RFC 3339 and sets *bad, the checks
// of time.Time.MarshalJSON.
func appendTime(b []byte, t time.Time, bad *bool) []byte {
	b = append(b, '"')
	n0 := len(b)
	b = t.AppendFormat(b, time.RFC3339Nano)
	switch {
	case b[n0+len("9999")] != '-':
		*bad = true
	case b[len(b)-1] != 'Z':
		c := b[len(b)-len("Z07:00")]
		h := b[len(b)-len("07:00"):]
		if '0' <= c && c <= '9' || 10*(h[0]-'0')+(h[1]-'0') >= 24 {
			*bad = true
		}
	}
	return append(b, '"')
}

// safe holds the ASCII bytes a JSON string carries as they are with
// HTML escaping on: everything from the space up but '"', '\\', '<',
// '>' and '&'.
var safe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

const hex = "0123456789abcdef"

// Lane constants of the eight-bytes-at-a-time test in str.
const (
	lanes01 = 0x0101010101010101
	lanes20 = 0x2020202020202020
	lanes80 = 0x8080808080808080
)

// appendStr appends s as a JSON string, escaped exactly as encoding/json
// escapes it (HTML escaping on): '"' and '\\' backslashed, \b \f \n \r
// \t by name, other control bytes and '<' '>' '&' as \u00XX, U+2028 and
// U+2029 as \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd.
// Runs of safe bytes are copied in one append.
func appendStr(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Skip eight safe bytes at a time: most of a text is plain
		// ASCII. The test is written out here rather than called, as a
		// call per block cost more than it saved. x ^ (lanes01*c) has a
		// zero byte where x holds c, and (y-lanes01)&^y&lanes80 is
		// non-zero exactly when y has a zero byte; x-lanes20 borrows in
		// a byte below the space. A block with anything to escape or a
		// non-ASCII byte goes to the byte loop.
		for i+8 <= len(s) {
			w := s[i : i+8]
			x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			q, bs, lt, gt, amp := x^(lanes01*'"'), x^(lanes01*'\\'), x^(lanes01*'<'), x^(lanes01*'>'), x^(lanes01*'&')
			if (x|(x-lanes20)&^x|(q-lanes01)&^q|(bs-lanes01)&^bs|(lt-lanes01)&^lt|(gt-lanes01)&^gt|(amp-lanes01)&^amp)&lanes80 != 0 {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
