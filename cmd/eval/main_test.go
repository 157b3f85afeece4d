package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/ner/conll"
)

// corpus is a tiny JSONL corpus written for the test (not CoNLL data).
const corpus = `{"id":"t1","text":"Vladimir Putin met Angela Merkel in Berlin .\nThe Kremlin said NATO had called .","entities":[{"start":0,"end":14,"type":"PER"},{"start":19,"end":32,"type":"PER"},{"start":36,"end":42,"type":"LOC"},{"start":49,"end":56,"type":"LOC"},{"start":62,"end":66,"type":"ORG"}],"tokens":[[0,8],[9,14],[15,18],[19,25],[26,32],[33,35],[36,42],[43,44],[45,48],[49,56],[57,61],[62,66],[67,70],[71,77],[78,79]],"sentences":[[0,44],[45,79]]}
`

func TestRunJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny.jsonl")
	if err := os.WriteFile(path, []byte(corpus), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tagger := range []string{"ner", "rule", "combined"} {
		t.Run(tagger, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(context.Background(), []string{"-json", "-repeat", "1", "-tagger", tagger, path}, &out); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			var res result
			dec := json.NewDecoder(strings.NewReader(lines[len(lines)-1]))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&res); err != nil {
				t.Fatalf("last line %q: %v", lines[len(lines)-1], err)
			}
			if res.TokensPerSecond <= 0 {
				t.Errorf("result %+v", res)
			}
			for name, p := range map[string]conll.PRF{"micro": res.Micro, "micro_with_misc": res.MicroWithMisc, "PER": res.Types.PER, "LOC": res.Types.LOC, "ORG": res.Types.ORG, "MISC": res.Types.MISC} {
				for _, v := range []float64{p.P, p.R, p.F1} {
					if v < 0 || v > 1 {
						t.Errorf("%s: %+v outside [0,1]", name, p)
					}
				}
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		args []string
		ok   bool
	}{
		{"defaults", []string{"a.conll"}, true},
		{"no files", nil, false},
		{"bad tagger", []string{"-tagger", "crf", "a.conll"}, false},
		{"bad repeat", []string{"-repeat", "0", "a.conll"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parse(tt.args); (err == nil) != tt.ok {
				t.Errorf("parse(%q) error %v, want ok=%v", tt.args, err, tt.ok)
			}
		})
	}
}

func TestMentionsOf(t *testing.T) {
	ents := []event.Entity{
		{Type: event.EntityPerson, Mentions: []event.Mention{{Start: 0, End: 5}, {Start: 9, End: 12}}},
		{Type: event.EntityGroup, Mentions: []event.Mention{{Start: 20, End: 27}}},
		{Type: "other", Mentions: []event.Mention{{Start: 30, End: 31}}},
	}
	got := mentionsOf(nil, ents)
	want := []conll.Entity{{Start: 0, End: 5, Type: "PER"}, {Start: 9, End: 12, Type: "PER"}, {Start: 20, End: 27, Type: "MISC"}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
		}
	}
}
