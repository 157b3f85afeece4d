package entities

import (
	"context"
	"slices"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

func TestRelatedEntities(t *testing.T) {
	s := newStage(t)
	text, paras := buildDoc("Minister Sees Talks Resume",
		"Foreign Minister Helena Marsh said on Tuesday that talks with Canada would resume.",
		"Marsh spoke in Ottawa after meeting officials.")
	doc := &extract.Document{}
	doc.Event.Text, doc.Event.Paragraphs = text, paras
	doc.Event.Related = []event.RelatedStory{
		{Headline: "Marsh to visit Germany next month", Teaser: "The trip will include talks in Berlin", Section: "World News"},
		{Headline: "Weather delays harvest", Section: "Business"},
	}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range doc.Event.Related[0].Entities {
		names = append(names, e.Type+":"+e.Name)
	}
	for _, want := range []string{"person:Helena Marsh", "location:Germany", "location:Berlin"} {
		if !slices.Contains(names, want) {
			t.Errorf("related[0] entities %v lack %s", names, want)
		}
	}
	for _, e := range doc.Event.Related[0].Entities {
		if e.Name == "Germany" && e.CountryCode != "DE" {
			t.Errorf("Germany without its ISO code: %+v", e)
		}
	}
	if got := doc.Event.Related[1].Entities; len(got) != 0 {
		t.Errorf("related[1] = %v, want no entities", got)
	}
}

func TestNonEnglishSkipped(t *testing.T) {
	s := newStage(t)
	doc := &extract.Document{}
	doc.Event.Text, doc.Event.Paragraphs = buildDoc("Le président Macron à Berlin", "Emmanuel Macron a rencontré le chancelier à Berlin.")
	doc.Event.Language = &event.Language{Code: "fr", Confidence: 0.99}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.Event.Entities != nil || !doc.TakeSkipped() {
		t.Fatalf("French article: entities %v, skipped not marked", doc.Event.Entities)
	}
}

func TestContainsWord(t *testing.T) {
	for _, tt := range []struct {
		text, w string
		want    bool
	}{
		{"Obama hits new low", "Obama", true},
		{"Obamacare vote", "Obama", false},
		{"ask Obama: why", "Obama", true},
		{"the Obama’s", "Obama", true},
		{"", "Obama", false},
		{"xObama", "Obama", false},
	} {
		if got := containsWord(tt.text, tt.w); got != tt.want {
			t.Errorf("containsWord(%q, %q) = %v", tt.text, tt.w, got)
		}
	}
}
