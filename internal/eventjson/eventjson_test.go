package eventjson

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"testing"
	"time"

	segjson "github.com/segmentio/encoding/json"

	"github.com/wirestream/wirestream/event"
)

// same fails t unless Marshal and encoding/json agree on ev, byte for byte.
func same(t *testing.T, ev *event.Event) {
	t.Helper()
	want, wantErr := json.Marshal(ev)
	got, err := Marshal(ev)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, encoding/json's %v", err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encodings differ:\n got %s\nwant %s", got, want)
	}
}

func TestMarshalMatchesEncodingJSONOnExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/example-event.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev event.Event
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	same(t, &ev)
}

func TestMarshalMatchesEncodingJSONOnHostileValues(t *testing.T) {
	strs := []string{
		"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>", "tab\tnl\ncr\r",
		"\x00\x01\x1f\x7f", "line\u2028sep\u2029", "invalid \xff\xfe utf-8", "truncated \xe2\x82",
		"emoji 👍 and ünïcödé", "\ufeffbom", "\ufffd",
	}
	floats := []float64{0, math.Copysign(0, -1), 1, 0.1, 1e-7, 1e21, 1e20, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, -3.5e-9}
	for i, s := range strs {
		f := floats[i%len(floats)]
		ev := &event.Event{
			ID: s, ArticleID: s, Source: s, Headline: s, Text: s,
			Language:   &event.Language{Code: s, Confidence: f},
			Entities:   []event.Entity{{Name: s, Type: event.EntityPerson, Salience: f, Mentions: []event.Mention{{Start: i, End: -i, Text: s}}}},
			Keywords:   []event.Keyword{{Text: s, Score: f, Count: i}},
			Warnings:   []event.Warning{{Stage: s, Message: s}},
			Raw:        event.RawRef{MsgID: s, Published: time.Date(2026, 11, 27, 7, 0, 0, i, time.FixedZone("x", 3600*i))},
			Paragraphs: []event.Paragraph{},
		}
		same(t, ev)
	}
	same(t, &event.Event{}) // every omitempty field empty
	nan := &event.Event{Language: &event.Language{Confidence: math.NaN()}}
	if _, err := Marshal(nan); err == nil {
		t.Error("NaN encoded without an error; encoding/json refuses it")
	}
}

func BenchmarkMarshal(b *testing.B) {
	data, err := os.ReadFile("../../docs/example-event.json")
	if err != nil {
		b.Fatal(err)
	}
	var ev event.Event
	if err := json.Unmarshal(data, &ev); err != nil {
		b.Fatal(err)
	}
	for _, bm := range []struct {
		name string
		fn   func(any) ([]byte, error)
	}{
		{"eventjson", func(v any) ([]byte, error) { return Marshal(v.(*event.Event)) }},
		{"segmentio", segjson.Marshal}, // what Marshal used before encode.go
		{"encoding_json", json.Marshal},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bm.fn(&ev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fill sets every field of the value v points to, recursively, to a
// non-zero value (slices get n elements, so n == 0 makes them empty but
// not nil), drawing strings and floats from the hostile lists by seed.
func fill(v reflect.Value, n, seed int) {
	strs := []string{"plain", `q"b\s/`, "<a>&amp;", "tab\tnl\n", "\x00\x1f\x7f", "\u2028\u2029", "bad \xff utf8", "ünï 👍"}
	floats := []float64{0.5, math.Copysign(0, -1), 1e-7, 1e21, 123456789.125, -3.5e-9, 42, 0.001}
	switch v.Kind() {
	case reflect.String:
		v.SetString(strs[seed%len(strs)])
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(seed*37 - 5))
	case reflect.Uint64:
		v.SetUint(uint64(seed*1000003 + 1))
	case reflect.Float64:
		v.SetFloat(floats[seed%len(floats)])
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n, seed+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(v.Index(i), n, seed+i+1)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 11, 27, 7, 0, seed, seed*1000, time.FixedZone("x", -3600*(seed%12)))))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i), n, seed+i)
		}
	default:
		panic("fill: unhandled kind " + v.Kind().String() + ": add it here and to encode.go")
	}
}

// TestMarshalMatchesEncodingJSONOnFullEvent sets every field of an event,
// at every depth, and compares: a field of event.Event that the encoder
// forgets makes the encodings differ.
func TestMarshalMatchesEncodingJSONOnFullEvent(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		for seed := range 8 {
			var ev event.Event
			fill(reflect.ValueOf(&ev).Elem(), n, seed)
			same(t, &ev)
		}
	}
}

// TestMarshalOnValuesEncodingJSONRefuses checks the values that make
// encoding/json fail: an infinite float and times RFC 3339 cannot write.
// Marshal hands them to segmentio/encoding, as before the hand-written
// encoder: the same error for the float, and for the times (which
// segmentio writes rather than refuses) the same bytes.
func TestMarshalOnValuesEncodingJSONRefuses(t *testing.T) {
	for name, ev := range map[string]*event.Event{
		"inf":        {Tone: &event.Tone{Score: math.Inf(-1)}},
		"year 10000": {Raw: event.RawRef{Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
		"year -1":    {Pipeline: event.PipelineInfo{ProcessedAt: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}},
		"zone 24h":   {Raw: event.RawRef{Published: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("z", 24*3600))}},
	} {
		if _, err := json.Marshal(ev); err == nil {
			t.Fatalf("%s: encoding/json accepts it; the test is wrong", name)
		}
		want, wantErr := segjson.Marshal(ev)
		got, err := Marshal(ev)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Errorf("%s: got %s, %v; segmentio/encoding gives %s, %v", name, got, err, want, wantErr)
		}
	}
	// Zone offsets below a day are fine.
	same(t, &event.Event{Raw: event.RawRef{Published: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("z", -23*3600-59*60))}})
}
