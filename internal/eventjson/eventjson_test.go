package eventjson

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"testing"
	"time"

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
	floats := []float64{0, -0.0, 1, 0.1, 1e-7, 1e21, 1e20, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, -3.5e-9}
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
