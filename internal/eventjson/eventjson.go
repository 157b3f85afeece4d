// Package eventjson encodes enriched events for the wire. It produces
// exactly the bytes encoding/json produces (the tests compare both on
// every event the stages make from generated articles, on the documented
// example, on hostile strings and on an event with every field set).
//
// The encoder is written out field by field for [event.Event] (encode.go):
// no reflection, no per-field type dispatch, a pooled buffer so that the
// only allocation is the result, and plain ASCII skipped eight bytes at
// a time in strings. On the events of generated articles it takes about
// a fifth less time than github.com/segmentio/encoding/json, which the
// package used before and which is about twice as fast as encoding/json
// (BenchmarkEventJSON in internal/stages runs both). On a value
// encoding/json refuses (a NaN or infinite float, a time that RFC 3339
// cannot write) Marshal hands the event to segmentio/encoding, so such
// events encode, or fail, exactly as before. A field added to
// event.Event must be added to encode.go too:
// TestMarshalMatchesEncodingJSONOnFullEvent fails until it is.
package eventjson

import (
	"bytes"

	segjson "github.com/segmentio/encoding/json"

	"github.com/wirestream/wirestream/event"
)

// Marshal returns the JSON encoding of ev, byte for byte what
// encoding/json.Marshal returns.
func Marshal(ev *event.Event) ([]byte, error) {
	p := bufPool.Get().(*[]byte)
	bad := false
	b := appendEvent((*p)[:0], ev, &bad)
	var out []byte
	if !bad {
		out = bytes.Clone(b)
	}
	if cap(b) <= maxPooled {
		*p = b[:0]
		bufPool.Put(p)
	}
	if out == nil {
		return segjson.Marshal(ev)
	}
	return out, nil
}
