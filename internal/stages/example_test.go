package stages

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

var update = flag.Bool("update", false, "rewrite docs/example-event.json")

const exampleFile = "../../docs/example-event.json"

// TestDocsExampleEvent keeps the example in docs/event.md real: it is the
// event every stage makes of samples/01-ecb-rates.txt, with the fields the
// worker adds (ids, raw reference, pipeline info) set to fixed values.
// Regenerate with: go test ./internal/stages -run DocsExample -update
func TestDocsExampleEvent(t *testing.T) {
	payload, err := os.ReadFile("../../samples/01-ecb-rates.txt")
	if err != nil {
		t.Fatal(err)
	}
	list := buildAll(t)
	published := time.Date(2026, 3, 19, 13, 45, 0, 0, time.UTC)
	doc := &extract.Document{Raw: extract.Raw{
		Payload: payload, Subject: "articles.raw.demo", Source: "demo", MsgID: "demo:ecb-2026-03-19",
		Stream: "ARTICLES_RAW", Sequence: 1, Delivered: 1, Published: published, Received: published.Add(40 * time.Millisecond),
	}}
	doc.Event.Source = "demo"
	for _, s := range list {
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatalf("stage %s: %v", s.Name(), err)
		}
		doc.TakeSkipped()
		doc.Event.Pipeline.Stages = append(doc.Event.Pipeline.Stages, event.StageTiming{Stage: s.Name(), Micros: 0})
	}
	ev := &doc.Event
	ev.SchemaVersion = event.SchemaVersion
	ev.ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
	ev.Raw = event.RawRef{Stream: "ARTICLES_RAW", Sequence: 1, Subject: "articles.raw.demo", MsgID: "demo:ecb-2026-03-19",
		Delivered: 1, Published: published, Bytes: len(payload)}
	ev.Pipeline.Version, ev.Pipeline.Build, ev.Pipeline.ProcessedAt = "1", "v0.1.0", published.Add(41*time.Millisecond)
	got, err := json.MarshalIndent(ev, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(exampleFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(exampleFile)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is out of date; run: go test ./internal/stages -run DocsExample -update", exampleFile)
	}
}
