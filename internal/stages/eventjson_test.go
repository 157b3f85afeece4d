package stages

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	segjson "github.com/segmentio/encoding/json"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/eventjson"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// TestEventJSONMatchesEncodingJSON encodes the events every CPU stage makes
// of generated articles in all three formats with the worker's encoder and
// with encoding/json: the bytes must be the same.
func TestEventJSONMatchesEncodingJSON(t *testing.T) {
	list, err := Build(context.Background(), CPUNames(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 300
	if testing.Short() {
		n = 30
	}
	g := samplegen.New(11, samplegen.WithFormats(0.5, 0.3, 0.2), samplegen.WithDuplicates(0.1))
	published := time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)
	for range n {
		a := g.Next()
		doc := &extract.Document{Raw: extract.Raw{Payload: a.Payload, Subject: "articles.raw." + a.Source, Source: a.Source,
			MsgID: a.ID, ContentType: a.Format.ContentType(), Published: published, Received: published}}
		doc.Event.Source = a.Source
		for _, s := range list {
			if err := s.Process(context.Background(), doc); err != nil {
				t.Fatalf("%s on %s: %v", s.Name(), a.ID, err)
			}
			doc.TakeSkipped()
		}
		want, err := json.Marshal(&doc.Event)
		if err != nil {
			t.Fatal(err)
		}
		got, err := eventjson.Marshal(&doc.Event)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Fatalf("article %s: encodings differ at byte %d: got …%s…, want …%s…", a.ID, i,
				got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
	}
}

// BenchmarkEventJSON encodes the events the CPU stages make of generated
// articles with eventjson.Marshal and with segmentio/encoding, which it
// replaced, taking turns on each event and swapping which goes first, so
// that a shared machine's load and a cold cache hit both alike. It
// reports each one's time per event as eventjson-µs/op and
// segmentio-µs/op. Run with:
//
//	go test ./internal/stages -run '^$' -bench EventJSON -benchtime 20000x
func BenchmarkEventJSON(b *testing.B) {
	list, err := Build(context.Background(), CPUNames(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	published := time.Date(2026, 3, 19, 12, 0, 0, 0, time.UTC)
	var evs []*event.Event
	for _, a := range benchArticles(64) {
		doc := &extract.Document{Raw: extract.Raw{Payload: a.Payload, Subject: "articles.raw." + a.Source, Source: a.Source,
			MsgID: a.ID, ContentType: a.Format.ContentType(), Published: published, Received: published}}
		doc.Event.Source = a.Source
		for _, s := range list {
			if err := s.Process(context.Background(), doc); err != nil {
				b.Fatalf("%s on %s: %v", s.Name(), a.ID, err)
			}
			doc.TakeSkipped()
		}
		evs = append(evs, &doc.Event)
	}
	encoders := [2]func(*event.Event) error{
		func(ev *event.Event) error { _, err := eventjson.Marshal(ev); return err },
		func(ev *event.Event) error { _, err := segjson.Marshal(ev); return err },
	}
	var spent [2]time.Duration
	i := 0
	for b.Loop() {
		ev := evs[i%len(evs)]
		for k := range 2 {
			j := (i + k) % 2
			t0 := time.Now()
			if err := encoders[j](ev); err != nil {
				b.Fatal(err)
			}
			spent[j] += time.Since(t0)
		}
		i++
	}
	b.ReportMetric(float64(spent[0].Nanoseconds())/1e3/float64(b.N), "eventjson-µs/op")
	b.ReportMetric(float64(spent[1].Nanoseconds())/1e3/float64(b.N), "segmentio-µs/op")
}
