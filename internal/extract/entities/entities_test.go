package entities

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// want describes one expected entity; empty fields are not checked.
type want struct {
	name, typ, id, cc string
	titles            []string
	mentions          []string // the mention texts, in order
	point             bool     // has coordinates
}

func findEntity(es []event.Entity, name, typ string) (event.Entity, bool) {
	for _, e := range es {
		if e.Name == name && e.Type == typ {
			return e, true
		}
	}
	return event.Entity{}, false
}

func mentionTexts(e event.Entity) []string {
	out := make([]string, len(e.Mentions))
	for i, m := range e.Mentions {
		out[i] = m.Text
	}
	return out
}

func checkWant(t *testing.T, es []event.Entity, w want) {
	t.Helper()
	e, ok := findEntity(es, w.name, w.typ)
	if !ok {
		t.Errorf("no %s %q in %s", w.typ, w.name, summary(es))
		return
	}
	if w.id != "" && e.ID != w.id {
		t.Errorf("%q: ID = %q, want %q", w.name, e.ID, w.id)
	}
	if w.cc != "" && e.CountryCode != w.cc {
		t.Errorf("%q: CountryCode = %q, want %q", w.name, e.CountryCode, w.cc)
	}
	if w.titles != nil && !slices.Equal(e.Titles, w.titles) {
		t.Errorf("%q: Titles = %q, want %q", w.name, e.Titles, w.titles)
	}
	if w.mentions != nil && !slices.Equal(mentionTexts(e), w.mentions) {
		t.Errorf("%q: mentions = %q, want %q", w.name, mentionTexts(e), w.mentions)
	}
	if w.point && (e.Lat == nil || e.Lon == nil) {
		t.Errorf("%q: no coordinates", w.name)
	}
	if e.Count != len(e.Mentions) {
		t.Errorf("%q: Count = %d with %d mentions", w.name, e.Count, len(e.Mentions))
	}
}

func summary(es []event.Entity) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.Type + ":" + e.Name + " " + strings.Join(mentionTexts(e), "|") + "; ")
	}
	return b.String()
}

// checkEntities checks what must hold for any output: mentions inside
// the text on rune boundaries with matching Text, salience in [0,1],
// sorted by salience then name.
func checkEntities(t testing.TB, text string, es []event.Entity) {
	t.Helper()
	if es == nil {
		t.Fatal("entities are nil")
	}
	for i, e := range es {
		if e.Salience < 0 || e.Salience > 1 {
			t.Errorf("%q: salience %v out of [0,1]", e.Name, e.Salience)
		}
		if i > 0 {
			p := es[i-1]
			if p.Salience < e.Salience || p.Salience == e.Salience && p.Name > e.Name {
				t.Errorf("entities not sorted: %q (%v) before %q (%v)", p.Name, p.Salience, e.Name, e.Salience)
			}
		}
		if e.Count != len(e.Mentions) || e.Count == 0 {
			t.Errorf("%q: Count %d, %d mentions", e.Name, e.Count, len(e.Mentions))
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("%q: mention %d..%d outside text of %d bytes", e.Name, m.Start, m.End, len(text))
			}
			if !utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End]) {
				t.Errorf("%q: mention %d..%d not on rune boundaries", e.Name, m.Start, m.End)
			}
			if text[m.Start:m.End] != m.Text {
				t.Errorf("%q: mention text %q, text has %q", e.Name, m.Text, text[m.Start:m.End])
			}
		}
	}
}

// TestSample runs the stage on the shared sample wire article.
func TestSample(t *testing.T) {
	raw, err := os.ReadFile(extracttest.SharedSample)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("sample %s absent", extracttest.SharedSample)
	}
	if err != nil {
		t.Fatal(err)
	}
	text, paras := wireDoc(string(raw))
	es := newStage(t).Extract(text, paras)
	checkEntities(t, text, es)

	for _, w := range []want{
		{name: "Vladimir Putin", typ: event.EntityPerson, id: "Q7747", cc: "RU", titles: []string{"President"}, mentions: []string{"Putin", "Vladimir Putin", "Putin"}},
		{name: "Ali Khamenei", typ: event.EntityPerson, id: "Q57336", titles: []string{"supreme leader", "Ayatollah"}, mentions: []string{"Ali Khamenei"}},
		{name: "Bashar al-Assad", typ: event.EntityPerson, cc: "SY", titles: []string{"President"}},
		{name: "Qassem Soleimani", typ: event.EntityPerson, titles: []string{"Gen."}, mentions: []string{"Qassem Soleimani"}},
		{name: "Mehdi Sanaei", typ: event.EntityPerson, titles: []string{"Ambassador"}, mentions: []string{"Mehdi Sanaei"}},
		{name: "Syria", typ: event.EntityLocation, cc: "SY", point: true},
		{name: "Iran", typ: event.EntityLocation, cc: "IR", point: true},
		{name: "Russia", typ: event.EntityLocation, cc: "RU", point: true},
		{name: "Tehran", typ: event.EntityLocation, cc: "IR", point: true},
		{name: "Moscow", typ: event.EntityLocation, cc: "RU", point: true},
		{name: "Paris", typ: event.EntityLocation, cc: "FR", point: true},
		{name: "Egypt", typ: event.EntityLocation, cc: "EG", point: true},
		{name: "Kremlin", typ: event.EntityOrganization, id: "Q49296", mentions: []string{"Kremlin", "Kremlin"}},
		{name: "Islamic State", typ: event.EntityOrganization, id: "Q2429253", mentions: []string{"Islamic State of Iraq and Syria", "ISIS", "ISIS"}},
		{name: "Hezbollah", typ: event.EntityOrganization, id: "Q41053"},
		{name: "Quds Force", typ: event.EntityOrganization},
		{name: "NATO", typ: event.EntityOrganization, id: "Q7184"},
		{name: "United States Department of State", typ: event.EntityOrganization, id: "Q789915", mentions: []string{"State Department"}},
		{name: "Tasnim News Agency", typ: event.EntityOrganization, mentions: []string{"Tasnim", "Tasnim"}},
		{name: "Syrian", typ: event.EntityGroup, cc: "SY"},
		{name: "Shiite", typ: event.EntityGroup},
		{name: "Alawite", typ: event.EntityGroup},
	} {
		t.Run(w.name, func(t *testing.T) { checkWant(t, es, w) })
	}

	e, _ := findEntity(es, "Bashar al-Assad", event.EntityPerson)
	if got := mentionTexts(e); len(got) < 9 || got[0] != "Bashar Assad" || !slices.Contains(got, "Assad") {
		t.Errorf("Assad mentions = %q, want Bashar Assad then Assad ×8", got)
	}
	// Nothing from the related-stories block: it is not in Text.
	for _, name := range []string{"Barack Obama", "Salman of Saudi Arabia", "Abdullah II of Jordan", "Mali", "Yemen", "Jordan"} {
		for _, e := range es {
			if e.Name == name {
				t.Errorf("related-stories entity %q tagged", name)
			}
		}
	}
	// No sentence-initial common word, title, day or month as an entity.
	for _, e := range es {
		switch e.Name {
		case "The", "But", "Describing", "Taking", "To", "Monday", "President", "Sept.", "Jan.", "Nov.", "S-300", "Gen.":
			t.Errorf("tagged %s %q", e.Type, e.Name)
		}
		if e.Type == event.EntityMisc {
			t.Errorf("unexpected misc entity %q", e.Name)
		}
	}
	if es[0].Salience != 1 {
		t.Errorf("top salience = %v, want 1", es[0].Salience)
	}
}

// TestExtractCases covers the tricky cases of the rules one at a time.
// parts are the headline, standfirst and body paragraphs.
func TestExtractCases(t *testing.T) {
	tests := []struct {
		name   string
		parts  []string
		want   []want
		absent []string // no entity has this name or mention text
	}{
		{
			name:   "sentence-initial common words",
			parts:  []string{"", "", "Describing the talks as useful, officials left. Taking a break, they ate. But nobody spoke."},
			absent: []string{"Describing", "Taking", "But"},
		},
		{
			name:   "days and months",
			parts:  []string{"", "", "The Kremlin said on Monday that on Sept. 30 and Jan. 1 nothing happened."},
			want:   []want{{name: "Kremlin", typ: event.EntityOrganization, mentions: []string{"Kremlin"}}},
			absent: []string{"The", "Monday", "Sept.", "Jan.", "The Kremlin"},
		},
		{
			name:  "capitalised titles kept apart",
			parts: []string{"", "", "Prime Minister Zorana Belic met Gen. Ivo Marek in Vienna."},
			want: []want{
				{name: "Zorana Belic", typ: event.EntityPerson, titles: []string{"Prime Minister"}},
				{name: "Ivo Marek", typ: event.EntityPerson, titles: []string{"Gen."}},
				{name: "Vienna", typ: event.EntityLocation, cc: "AT", point: true},
			},
			absent: []string{"Prime Minister", "Gen."},
		},
		{
			name:  "lower-case title before a capitalised one",
			parts: []string{"", "", "Talks with supreme leader Ayatollah Ali Khamenei ended."},
			want:  []want{{name: "Ali Khamenei", typ: event.EntityPerson, titles: []string{"supreme leader", "Ayatollah"}, mentions: []string{"Ali Khamenei"}}},
		},
		{
			name:  "demonym before a title",
			parts: []string{"", "", "Syrian President Bashar Assad spoke."},
			want: []want{
				{name: "Bashar al-Assad", typ: event.EntityPerson, titles: []string{"President"}, mentions: []string{"Bashar Assad"}},
				{name: "Syrian", typ: event.EntityGroup, cc: "SY"},
			},
		},
		{
			name:  "title carried over to",
			parts: []string{"", "", "Iran’s Ambassador to Russia Mehdi Sanaei said so."},
			want: []want{
				{name: "Mehdi Sanaei", typ: event.EntityPerson, titles: []string{"Ambassador"}},
				{name: "Iran", typ: event.EntityLocation, mentions: []string{"Iran"}},
				{name: "Russia", typ: event.EntityLocation},
			},
		},
		{
			name:  "possessives stripped",
			parts: []string{"", "", "Putin’s visit showed Russia's role and the Syrians’ fate."},
			want: []want{
				{name: "Vladimir Putin", typ: event.EntityPerson, mentions: []string{"Putin"}},
				{name: "Russia", typ: event.EntityLocation, mentions: []string{"Russia"}},
				{name: "Syrian", typ: event.EntityGroup, mentions: []string{"Syrians"}},
			},
		},
		{
			name:  "acronym in parentheses, known",
			parts: []string{"", "", "The Islamic State of Iraq and Syria (ISIS) group lost ground. ISIS fighters fled."},
			want:  []want{{name: "Islamic State", typ: event.EntityOrganization, id: "Q2429253", mentions: []string{"Islamic State of Iraq and Syria", "ISIS", "ISIS"}}},
		},
		{
			name:  "acronym in parentheses, unknown",
			parts: []string{"", "", "The Zorn Liberation Front (ZLF) attacked. Later ZLF fighters withdrew."},
			want:  []want{{name: "Zorn Liberation Front", typ: event.EntityOrganization, mentions: []string{"Zorn Liberation Front", "ZLF", "ZLF"}}},
		},
		{
			name:  "organization named after a country",
			parts: []string{"", "", "The Syrian Observatory for Human Rights (SOHR) said the Russian Defence Ministry lied."},
			want: []want{
				{name: "Syrian Observatory for Human Rights", typ: event.EntityOrganization, mentions: []string{"Syrian Observatory for Human Rights", "SOHR"}},
				{name: "Russian Defence Ministry", typ: event.EntityOrganization},
			},
		},
		{
			name:  "organization cues and of",
			parts: []string{"", "", "The Bank of England and the Central Bank of Iran met the Quds Force of the Revolutionary Guard."},
			want: []want{
				{name: "Bank of England", typ: event.EntityOrganization},
				{name: "Central Bank of Iran", typ: event.EntityOrganization},
				{name: "Quds Force", typ: event.EntityOrganization},
				{name: "Islamic Revolutionary Guard Corps", typ: event.EntityOrganization, mentions: []string{"Revolutionary Guard"}},
			},
		},
		{
			name:  "news agency context",
			parts: []string{"", "", "According to the Kelva news agency, Kelva staff left."},
			want:  []want{{name: "Kelva", typ: event.EntityOrganization, mentions: []string{"Kelva", "Kelva"}}},
		},
		{
			name:  "headline title case needs confirmation",
			parts: []string{"Minister Ivo Marek Hails Tehran Deal", "", "Defence minister Ivo Marek said the deal with Tehran was fair."},
			want: []want{
				{name: "Ivo Marek", typ: event.EntityPerson, mentions: []string{"Ivo Marek", "Ivo Marek"}},
				{name: "Tehran", typ: event.EntityLocation, mentions: []string{"Tehran", "Tehran"}},
			},
			absent: []string{"Hails", "Deal", "Ivo Marek Hails", "Hails Tehran Deal"},
		},
		{
			name:  "headline surname confirmed by body",
			parts: []string{"Belic wins vote", "", "Zorana Belic won. Belic thanked voters."},
			want:  []want{{name: "Zorana Belic", typ: event.EntityPerson, mentions: []string{"Belic", "Zorana Belic", "Belic"}}},
		},
		{
			name:  "hyphenated and al- names",
			parts: []string{"", "", "Hamid al-Zubaidi met Jean-Marc Ayrault and Abu Bakr al-Baghdadi's deputy in Rostov-on-Don."},
			want: []want{
				{name: "Hamid al-Zubaidi", typ: event.EntityPerson},
				{name: "Jean-Marc Ayrault", typ: event.EntityPerson},
				{name: "Abu Bakr al-Baghdadi", typ: event.EntityPerson, mentions: []string{"Abu Bakr al-Baghdadi"}},
				{name: "Rostov-on-Don", typ: event.EntityLocation, cc: "RU"},
			},
		},
		{
			name:  "U.S. and U.N. abbreviations",
			parts: []string{"", "", "The U.S.-led coalition and U.N. envoys met U.S. officials in the U.K. on Friday."},
			want: []want{
				{name: "United States", typ: event.EntityLocation, cc: "US", mentions: []string{"U.S.", "U.S."}, point: true},
				{name: "United Nations", typ: event.EntityOrganization, id: "Q1065", mentions: []string{"U.N."}},
				{name: "United Kingdom", typ: event.EntityLocation, cc: "GB", mentions: []string{"U.K."}},
			},
			absent: []string{"U.S.-led", "Friday"},
		},
		{
			name:  "surname and first name coreference",
			parts: []string{"", "", "Ivo Marek arrived. Marek said Ivo was tired."},
			want:  []want{{name: "Ivo Marek", typ: event.EntityPerson, mentions: []string{"Ivo Marek", "Marek", "Ivo"}}},
		},
		{
			name:   "model numbers are not names",
			parts:  []string{"", "", "Moscow sold S-300 systems and Su-24 jets."},
			want:   []want{{name: "Moscow", typ: event.EntityLocation}},
			absent: []string{"S", "S-300", "Su", "Su-24"},
		},
		{
			name:  "groups and demonyms",
			parts: []string{"", "", "Shiite Iran backed Alawite leaders against Sunni monarchies and Russian jets."},
			want: []want{
				{name: "Shiite", typ: event.EntityGroup},
				{name: "Iran", typ: event.EntityLocation},
				{name: "Alawite", typ: event.EntityGroup},
				{name: "Sunni", typ: event.EntityGroup},
				{name: "Russian", typ: event.EntityGroup, cc: "RU"},
			},
		},
		{
			name:  "given name before a country name",
			parts: []string{"", "", "Israel Katz met Jordan officials."},
			want: []want{
				{name: "Israel Katz", typ: event.EntityPerson},
				{name: "Jordan", typ: event.EntityLocation, cc: "JO"},
			},
		},
	}
	s := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, paras := buildDoc(tt.parts...)
			es := s.Extract(text, paras)
			checkEntities(t, text, es)
			for _, w := range tt.want {
				checkWant(t, es, w)
			}
			for _, a := range tt.absent {
				for _, e := range es {
					if e.Name == a || slices.Contains(mentionTexts(e), a) {
						t.Errorf("tagged %q as %s %q", a, e.Type, e.Name)
					}
				}
			}
		})
	}
}

func TestProcess(t *testing.T) {
	s := newStage(t)
	if s.Name() != "entities" {
		t.Errorf("Name = %q", s.Name())
	}
	text, paras := buildDoc("Putin visits Tehran", "", "Vladimir Putin arrived in Tehran.")
	doc := &extract.Document{Event: event.Event{Text: text, Paragraphs: paras}}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatalf("Process: %v", err)
	}
	if len(doc.Event.Entities) != 2 {
		t.Errorf("entities = %s", summary(doc.Event.Entities))
	}

	empty := &extract.Document{}
	if err := s.Process(context.Background(), empty); err != nil || empty.Event.Entities == nil || len(empty.Event.Entities) != 0 {
		t.Errorf("empty article: %v, %#v", err, empty.Event.Entities)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Process(ctx, doc); !errors.Is(err, context.Canceled) {
		t.Errorf("Process on a done context = %v", err)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil); !errors.Is(err, ErrNoGazetteer) {
		t.Errorf("New(nil) = %v", err)
	}
	if _, err := New(extracttest.Gazetteer(t), WithTagger(nil)); !errors.Is(err, ErrNoTagger) {
		t.Errorf("WithTagger(nil) = %v", err)
	}
	if _, err := NewRuleTagger(nil); !errors.Is(err, ErrNoGazetteer) {
		t.Errorf("NewRuleTagger(nil) = %v", err)
	}
}

// fixedTagger returns the same spans for any text: a stand-in for a
// statistical tagger, and a misbehaving one.
type fixedTagger []Span

func (f fixedTagger) Tag(_ string, _ []event.Paragraph, buf []Span) []Span { return append(buf, f...) }

func TestWithTagger(t *testing.T) {
	text, paras := buildDoc("", "", "Kelva met Zorn in Paris, and Kelva left.")
	tagger := fixedTagger{
		{Start: 0, End: 5, Type: event.EntityPerson},         // Kelva
		{Start: 2, End: 8, Type: event.EntityPerson},         // overlaps: dropped
		{Start: 10, End: 14, Type: event.EntityOrganization}, // Zorn
		{Start: 18, End: 23, Type: event.EntityMisc},         // Paris: linked, typed by the gazetteer
		{Start: 29, End: 34, Type: event.EntityPerson},       // Kelva again
		{Start: 35, End: 99, Type: event.EntityPerson},       // beyond the text: dropped
		{Start: 36, End: 38, Type: "weapon"},                 // unknown type: dropped
	}
	es := newStage(t, WithTagger(tagger)).Extract(text, paras)
	checkEntities(t, text, es)
	checkWant(t, es, want{name: "Kelva", typ: event.EntityPerson, mentions: []string{"Kelva", "Kelva"}})
	checkWant(t, es, want{name: "Zorn", typ: event.EntityOrganization})
	checkWant(t, es, want{name: "Paris", typ: event.EntityLocation, cc: "FR", point: true})
	if len(es) != 3 {
		t.Errorf("entities = %s", summary(es))
	}
}

func TestCombine(t *testing.T) {
	text, paras := buildDoc("", "", "Kelva met Vladimir Putin in Paris.")
	stat := fixedTagger{
		{Start: 0, End: 5, Type: event.EntityPerson},   // Kelva: the rules miss it
		{Start: 10, End: 18, Type: event.EntityPerson}, // Vladimir: overlaps the rules' span, primary wins
	}
	rt, err := NewRuleTagger(extracttest.Gazetteer(t))
	if err != nil {
		t.Fatal(err)
	}
	spans := Combine(rt, stat).Tag(text, paras, nil)
	got := make([]string, len(spans))
	for i, s := range spans {
		got[i] = s.Type + ":" + text[s.Start:s.End]
	}
	wantSpans := []string{"person:Kelva", "person:Vladimir Putin", "location:Paris"}
	if !slices.Equal(got, wantSpans) {
		t.Errorf("Combine spans = %q, want %q", got, wantSpans)
	}
}

// TestConcurrent runs the stage from several goroutines; run it with -race.
func TestConcurrent(t *testing.T) {
	s := newStage(t)
	text, paras := buildDoc("Putin visits Tehran", "", "Vladimir Putin met Ali Khamenei in Tehran. Putin left.")
	want := summary(s.Extract(text, paras))
	done := make(chan string)
	for range 8 {
		go func() {
			var got string
			for range 50 {
				got = summary(s.Extract(text, paras))
			}
			done <- got
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent result %s, want %s", got, want)
		}
	}
}
