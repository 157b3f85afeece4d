package ner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/internal/ner/conll"
)

// toyCorpus builds a small CoNLL corpus from a template, so that training
// can be tested without the licensed data: people, places and
// organizations in a few sentence frames.
func toyCorpus(t *testing.T, n int) []conll.Document {
	t.Helper()
	people := []string{"Anna Berg", "Omar Haddad", "Li Wei", "Maria Costa", "John Smith", "Ivan Petrov"}
	places := []string{"Paris", "Nairobi", "Lima", "Oslo", "Hanoi", "Quito"}
	orgs := []string{"Acme Corp", "Red Cross", "World Bank", "Bolt Motors"}
	var b strings.Builder
	line := func(words string, tag string) {
		if tag != "O" {
			tag = "I-" + tag
		}
		for w := range strings.FieldsSeq(words) {
			fmt.Fprintf(&b, "%s X X %s\n", w, tag)
		}
	}
	for d := range n {
		b.WriteString("-DOCSTART- -X- O O\n\n")
		for s := range 4 {
			k := d*4 + s
			line(people[k%len(people)], "PER")
			line("said in", "O")
			line(places[(k+1)%len(places)], "LOC")
			line("that", "O")
			line(orgs[k%len(orgs)], "ORG")
			line("would hire staff .", "O")
			b.WriteString("\n")
		}
	}
	docs, err := conll.ReadCoNLL(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestTrainDeterministic(t *testing.T) {
	train, dev := toyCorpus(t, 12), toyCorpus(t, 3)
	cfg := TrainConfig{Epochs: 4, Seed: 7, Folds: 2}
	var files [2][]byte
	for i := range files {
		m, rep, err := Train(context.Background(), train, dev, testGazetteer(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Epochs1 < 1 || rep.Epochs2 < 1 || m.Features() == 0 {
			t.Fatalf("report %+v, %d features", rep, m.Features())
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		files[i] = buf.Bytes()
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two trainings with one seed wrote different models")
	}
	// The toy model learnt the toy data.
	m, err := ReadModel(bytes.NewReader(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := NewTagger(m, WithGazetteer(testGazetteer(t)))
	if err != nil {
		t.Fatal(err)
	}
	got := tg.Find("Maria Costa said in Oslo that Red Cross would hire staff .", nil)
	want := []conll.Entity{{Start: 0, End: 11, Type: conll.PER}, {Start: 20, End: 24, Type: conll.LOC}, {Start: 30, End: 39, Type: conll.ORG}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("toy model found %v, want %v", got, want)
	}
}

func TestTrainErrors(t *testing.T) {
	docs := toyCorpus(t, 1)
	if _, _, err := Train(context.Background(), nil, docs, testGazetteer(t), TrainConfig{}); !errors.Is(err, ErrNoData) {
		t.Errorf("no training data: error %v, want ErrNoData", err)
	}
	if _, _, err := Train(context.Background(), docs, docs, nil, TrainConfig{}); !errors.Is(err, ErrNoGazetteer) {
		t.Errorf("nil gazetteer: error %v, want ErrNoGazetteer", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Train(ctx, docs, docs, testGazetteer(t), TrainConfig{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}
