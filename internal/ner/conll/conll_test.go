package conll

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

const sample = `-DOCSTART- -X- O O

CRICKET NNP I-NP O
- : O O
LEICESTERSHIRE NNP I-NP I-ORG
TAKE NNP I-NP O

West NNP I-NP I-MISC
Indian NNP I-NP I-MISC
Phil NNP I-NP I-PER
Simmons NNP I-NP I-PER
Leicestershire NNP I-NP I-ORG
Somerset NNP I-NP B-ORG

-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
`

func TestReadCoNLL(t *testing.T) {
	docs, err := ReadCoNLL(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	d := docs[0]
	wantText := "CRICKET - LEICESTERSHIRE TAKE\nWest Indian Phil Simmons Leicestershire Somerset"
	if d.Text != wantText {
		t.Errorf("text %q, want %q", d.Text, wantText)
	}
	var got []string
	for _, e := range d.Entities {
		got = append(got, e.Type+":"+d.Text[e.Start:e.End])
	}
	// I-MISC then I-PER: two entities; I-ORG then B-ORG: two entities.
	want := []string{"ORG:LEICESTERSHIRE", "MISC:West Indian", "PER:Phil Simmons", "ORG:Leicestershire", "ORG:Somerset"}
	if !slices.Equal(got, want) {
		t.Errorf("entities %q, want %q", got, want)
	}
	if len(d.Tokens) != 10 || len(d.Sentences) != 2 {
		t.Errorf("%d tokens, %d sentences; want 10, 2", len(d.Tokens), len(d.Sentences))
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"one column", "word\n"},
		{"bad tag", "word NN I-NP X-PER\n"},
		{"bad type", "word NN I-NP I-FOO\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadCoNLL(strings.NewReader(tt.in)); !errors.Is(err, ErrFormat) {
				t.Errorf("error %v, want ErrFormat", err)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"id":"d1","text":"EU rejects German call\nPeter Blackburn","entities":[{"start":0,"end":2,"type":"ORG","text":"EU"},{"start":11,"end":17,"type":"MISC"},{"start":23,"end":38,"type":"PER"}],"tokens":[[0,2],[3,10],[11,17],[18,22],[23,28],[29,38]],"sentences":[[0,22],[23,38]]}

`
	docs, err := ReadJSONL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "d1" || len(docs[0].Entities) != 3 || len(docs[0].Tokens) != 6 {
		t.Fatalf("docs %+v", docs)
	}
	if e := docs[0].Entities[2]; docs[0].Text[e.Start:e.End] != "Peter Blackburn" {
		t.Errorf("entity %+v", e)
	}
}

func TestReadJSONLErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"not json", "{"},
		{"entity outside", `{"text":"EU","entities":[{"start":0,"end":5,"type":"ORG"}]}`},
		{"entity type", `{"text":"EU","entities":[{"start":0,"end":2,"type":"GPE"}]}`},
		{"entity off tokens", `{"text":"EU x","entities":[{"start":0,"end":1,"type":"ORG"}],"tokens":[[0,2],[3,4]]}`},
		{"token order", `{"text":"EU x","tokens":[[3,4],[0,2]]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadJSONL(strings.NewReader(tt.in)); !errors.Is(err, ErrFormat) {
				t.Errorf("error %v, want ErrFormat", err)
			}
		})
	}
}

func TestScorer(t *testing.T) {
	var s Scorer
	gold := []Entity{{0, 2, ORG}, {5, 9, PER}, {10, 12, LOC}}
	pred := []Entity{{0, 2, ORG}, {5, 9, ORG}, {10, 12, LOC}, {10, 12, LOC}}
	s.Add(gold, pred)
	if c := s.Type(ORG); c != (Counts{TP: 1, FP: 1, FN: 0}) {
		t.Errorf("ORG %+v", c)
	}
	if c := s.Type(PER); c != (Counts{TP: 0, FP: 0, FN: 1}) {
		t.Errorf("PER %+v", c)
	}
	m := s.Micro(Types()...)
	if m != (Counts{TP: 2, FP: 1, FN: 1}) {
		t.Errorf("micro %+v", m)
	}
	if p := m.PRF(); p.P != 2.0/3 || p.R != 2.0/3 {
		t.Errorf("PRF %+v", p)
	}
	if p := (Counts{}).PRF(); p != (PRF{}) {
		t.Errorf("empty PRF %+v", p)
	}
}

// checkDocs checks the invariants every successfully read document keeps.
func checkDocs(t *testing.T, docs []Document) {
	t.Helper()
	for _, d := range docs {
		for _, s := range append(d.Tokens, d.Sentences...) {
			if s.Start < 0 || s.Start > s.End || s.End > len(d.Text) {
				t.Fatalf("span %+v outside %d bytes", s, len(d.Text))
			}
		}
		for _, e := range d.Entities {
			if e.Start < 0 || e.Start >= e.End || e.End > len(d.Text) || !slices.Contains(Types(), e.Type) {
				t.Fatalf("entity %+v outside %d bytes", e, len(d.Text))
			}
		}
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add(sample)
	f.Add("a b c I-PER\n\nd B-LOC\n-DOCSTART-\ne O\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		checkDocs(t, docs)
	})
}

func FuzzReadJSONL(f *testing.F) {
	f.Add(`{"id":"d1","text":"EU rejects","entities":[{"start":0,"end":2,"type":"ORG"}],"tokens":[[0,2],[3,10]],"sentences":[[0,10]]}`)
	f.Add(`{"text":"x","entities":[{"start":-1,"end":9,"type":"PER"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadJSONL(strings.NewReader(in))
		if err != nil {
			return
		}
		checkDocs(t, docs)
	})
}
