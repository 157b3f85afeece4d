package event_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
	sjs "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/wirestream/wirestream/event"
)

var update = flag.Bool("update", false, "rewrite event.schema.json from the Go type")

// generateSchema reflects the schema from the Go type and its doc comments.
func generateSchema(t *testing.T) []byte {
	t.Helper()
	r := &jsonschema.Reflector{AllowAdditionalProperties: true}
	if err := r.AddGoComments("github.com/wirestream/wirestream/event", "./"); err != nil {
		t.Fatal(err)
	}
	s := r.Reflect(&event.Event{})
	s.ID = jsonschema.ID("https://wirestream.dev/schemas/event/" + event.SchemaVersion + "/event.schema.json")
	s.Title = "wirestream enriched article event " + event.SchemaVersion
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// TestSchemaMatchesType keeps the checked-in schema in step with the Go
// type: change the type, then run go test ./event -update.
func TestSchemaMatchesType(t *testing.T) {
	got := generateSchema(t)
	if *update {
		if err := os.WriteFile("event.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, event.Schema) {
		t.Fatal("event.schema.json is out of date with the Event type; run: go test ./event -update")
	}
}

func TestSchemaRejectsWrongTypes(t *testing.T) {
	doc, err := sjs.UnmarshalJSON(bytes.NewReader(event.Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := sjs.NewCompiler()
	if err := c.AddResource("event.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("event.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	good, _ := json.Marshal(event.Event{SchemaVersion: event.SchemaVersion, Paragraphs: []event.Paragraph{}, Entities: []event.Entity{},
		Pipeline: event.PipelineInfo{Stages: []event.StageTiming{}}})
	for name, tc := range map[string]struct {
		doc string
		ok  bool
	}{
		"good":           {string(good), true},
		"offset string":  {strings.Replace(string(good), `"paragraphs":[]`, `"paragraphs":[{"kind":"body","start":"x","end":3}]`, 1), false},
		"missing id":     {strings.Replace(string(good), `"id":"",`, ``, 1), false},
		"extra property": {strings.Replace(string(good), `{`, `{"added_in_1_1":true,`, 1), true},
	} {
		inst, err := sjs.UnmarshalJSON(strings.NewReader(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(inst); (err == nil) != tc.ok {
			t.Errorf("%s: Validate = %v, want ok=%v", name, err, tc.ok)
		}
	}
}
