package numbers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// want describes one expected quantity.
type want struct {
	text    string
	value   float64
	unit    string
	counts  string
	context string
	approx  bool
}

func (w want) String() string {
	return fmt.Sprintf("{%q %v %q counts=%q context=%q approx=%v}", w.text, w.value, w.unit, w.counts, w.context, w.approx)
}

func got(qs []event.Quantity) []want {
	var out []want
	for _, q := range qs {
		out = append(out, want{q.Text, q.Value, q.Unit, q.Counts, q.Context, q.Approximate})
	}
	return out
}

func compare(t *testing.T, qs []event.Quantity, wants []want) {
	t.Helper()
	g := got(qs)
	if len(g) != len(wants) {
		t.Fatalf("got %d quantities %v, want %d %v", len(g), g, len(wants), wants)
	}
	for i := range g {
		if g[i] != wants[i] {
			t.Errorf("quantity %d:\n got %v\nwant %v", i, g[i], wants[i])
		}
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"thousands separator and approximation", "The war has killed over 250,000 people.",
			[]want{{"250,000", 250000, "", "people", "killed", true}}},
		{"count of nations", "The plan was put forward by 17 nations.",
			[]want{{"17", 17, "", "nations", "put", false}}},
		{"percent word", "Deliveries rose 2.25 percent in May.",
			[]want{{"2.25 percent", 2.25, "percent", "", "rose", false}}},
		{"percent sign", "Inflation eased to 2.25% in May.",
			[]want{{"2.25%", 2.25, "percent", "", "eased", false}}},
		{"dollars with a scale word", "The company raised $862 million from investors.",
			[]want{{"$862 million", 862e6, "USD", "", "raised", false}}},
		{"euros after the number", "The agency signed a contract worth 862 million euros.",
			[]want{{"862 million euros", 862e6, "EUR", "", "worth", false}}},
		{"pounds sign with a glued scale", "London will spend £3bn on housing.",
			[]want{{"£3bn", 3e9, "GBP", "", "spend", false}}},
		{"prefixed dollar", "The stadium costs A$5 million.",
			[]want{{"A$5 million", 5e6, "AUD", "", "costs", false}}},
		{"currency code before", "The fund received USD 5 million.",
			[]want{{"USD 5 million", 5e6, "USD", "", "received", false}}},
		{"yen", "Imports rose to 120 billion yen.",
			[]want{{"120 billion yen", 120e9, "JPY", "", "rose", false}}},
		{"country dollars", "It borrowed 3 billion Australian dollars.",
			[]want{{"3 billion Australian dollars", 3e9, "AUD", "", "borrowed", false}}},
		{"pounds of money", "Farmers lost about 5 million pounds.",
			[]want{{"5 million pounds", 5e6, "GBP", "", "lost", true}}},
		{"pounds of weight", "The parcel weighed 5 pounds.",
			[]want{{"5 pounds", 5, "lb", "", "weighed", false}}},
		{"scale word alone", "Turnover reached 1.5 million.",
			[]want{{"1.5 million", 1.5e6, "", "", "reached", false}}},
		{"unit then what it measures", "The tanker carried 2 billion barrels of oil.",
			[]want{{"2 billion barrels", 2e9, "bbl", "oil", "carried", false}}},
		{"barrels per day", "The pipeline carries 1.2 million barrels per day.",
			[]want{{"1.2 million barrels per day", 1.2e6, "bbl/d", "", "carries", false}}},
		{"a dozen", "A dozen journalists were detained.",
			[]want{{"A dozen", 12, "", "journalists", "detained", false}}},
		{"number words with a scale", "Three hundred thousand people marched.",
			[]want{{"Three hundred thousand", 300000, "", "people", "marched", false}}},
		{"hyphenated number words", "Twenty-five soldiers were wounded.",
			[]want{{"Twenty-five", 25, "", "soldiers", "wounded", false}}},
		{"half a million", "Half a million people fled.",
			[]want{{"Half a million", 500000, "", "people", "fled", false}}},
		{"one before a noun", "Workers occupied one terminal.",
			[]want{{"one", 1, "", "terminal", "occupied", false}}},
		{"up to with a unit", "The storm dumped up to 30 centimetres of snow.",
			[]want{{"30 centimetres", 30, "cm", "snow", "dumped", true}}},
		{"nearly", "Nearly 500 families fled the fighting.",
			[]want{{"500", 500, "", "families", "fled", true}}},
		{"at least", "At least 38 people died.",
			[]want{{"38", 38, "", "people", "died", true}}},
		{"more than with the verb after", "More than 600 were injured.",
			[]want{{"600", 600, "", "", "injured", true}}},
		{"between and", "Between 10 and 20 percent of voters were undecided.",
			[]want{{"Between 10 and 20 percent", 10, "percent", "voters", "undecided", true}}},
		{"range with to", "Output fell 10 to 20 percent.",
			[]want{{"10 to 20 percent", 10, "percent", "", "fell", true}}},
		{"range with a shared scale", "Repairs will cost 10 to 20 million dollars.",
			[]want{{"10 to 20 million dollars", 10e6, "USD", "", "cost", true}}},
		{"range with a hyphen", "Each village needs 10-20 wells.",
			[]want{{"10-20", 10, "", "wells", "needs", true}}},
		{"from to is a change", "Prices rose from 10 to 20 dollars.",
			[]want{{"10", 10, "", "", "rose", false}, {"20 dollars", 20, "USD", "", "rose", false}}},
		{"a vote is not a range", "Lawmakers voted 379 to 258 for the bill.",
			[]want{{"379", 379, "", "", "voted", false}, {"258", 258, "", "", "voted", false}}},
		{"hyphenated unit", "A 48-hour strike halted the port.",
			[]want{{"48-hour", 48, "hour", "", "strike", false}}},
		{"hyphenated count", "The 26-seat council voted.",
			[]want{{"26-seat", 26, "", "seat", "council", false}}},
		{"number words and a time unit", "The talks took two weeks.",
			[]want{{"two weeks", 2, "week", "", "took", false}}},
		{"magnitude", "A magnitude 6.9 quake hit the island.",
			[]want{{"magnitude 6.9", 6.9, "magnitude", "", "quake", false}}},
		{"degrees Celsius", "Temperatures hit 41 degrees Celsius.",
			[]want{{"41 degrees Celsius", 41, "°C", "", "hit", false}}},
		{"degree sign", "It was 41°C in the shade and 5° at night.",
			[]want{{"41°C", 41, "°C", "", "", false}, {"5°", 5, "degree", "", "", false}}},
		{"square kilometres", "The fire burned 120 square kilometres of forest.",
			[]want{{"120 square kilometres", 120, "km2", "forest", "burned", false}}},
		{"negative", "Temperatures fell to −5 degrees.",
			[]want{{"−5 degrees", -5, "degree", "", "fell", false}}},
		{"verb after the counted noun", "Officials said 1,240 houses had been destroyed and 9,800 damaged.",
			[]want{{"1,240", 1240, "", "houses", "destroyed", false}, {"9,800", 9800, "", "", "damaged", false}}},
		{"partitive", "Eleven of the 23 member states took part.",
			[]want{{"Eleven", 11, "", "states", "took", false}, {"23", 23, "", "states", "took", false}}},
		{"percent of", "The bank holds 40 percent of the shares.",
			[]want{{"40 percent", 40, "percent", "shares", "holds", false}}},
		{"continues the quantity before", "The euro fell 0.3 percent to $1.0820.",
			[]want{{"0.3 percent", 0.3, "percent", "", "fell", false}, {"$1.0820", 1.082, "USD", "", "fell", false}}},
		{"percentage points", "Growth slowed by 1.2 percentage points.",
			[]want{{"1.2 percentage points", 1.2, "percentage point", "", "slowed", false}}},
		{"basis points", "The bank cut rates by 25 basis points.",
			[]want{{"25 basis points", 25, "basis point", "", "rates", false}}},
		{"plus", "The 100-plus delegates arrived.",
			[]want{{"100-plus", 100, "", "delegates", "arrived", true}}},
		{"attributive percent", "Traders saw a 45 percent chance of a cut.",
			[]want{{"45 percent", 45, "percent", "", "chance", false}}},
		{"a year that counts", "The fire killed 1900 sheep.",
			[]want{{"1900", 1900, "", "sheep", "killed", false}}},
	}
	n := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := n.Extract(tt.text, nil, nil)
			checkQuantities(t, tt.text, qs)
			compare(t, qs, tt.want)
		})
	}
}

// TestNotQuantities lists numbers that are designators, dates, years,
// times, telephone numbers, ordinals, fractions and vague plurals.
func TestNotQuantities(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"letter and hyphen", "Russia delivered S-300 missiles and F-16s flew over."},
		{"glued letters", "The G7 and G20 met; an A321 and a 5G mast were hit."},
		{"disease name", "COVID-19 cases fell."},
		{"model after a name", "A Boeing 737 and an Ariane 6 rocket were shown."},
		{"article number", "Article 5 and No. 2 were cited."},
		{"month and day", "The deadline is Sept. 30, and talks start on Jan. 1."},
		{"day and month", "They met on 30 September."},
		{"month and year", "Prices peaked in October 2022."},
		{"years", "It happened in 2023 and 2024, since 1990, by 2030."},
		{"year as a modifier", "The 1992 convention was signed."},
		{"year after a comma", "It ended on June 3, 2025."},
		{"times of day", "The quake struck at 9:42 a.m. and a second at 6 p.m. and 0900 GMT."},
		{"telephone numbers", "Call +44 20 7946 0958 or (202) 555-0100 or 555-0199."},
		{"ordinals", "It was the eighth cut and the 30th month."},
		{"decades", "Trade in the 1990s and the '80s was slower."},
		{"fractions", "Two-thirds of the staff left."},
		{"vague plurals", "Thousands of people and tens of thousands of others marched."},
		{"one as a pronoun", "No one came; one of them left."},
		{"score", "The team won 3-2."},
		{"version", "Version 2.1.3 was released."},
		{"slash", "It opens 24/7."},
		{"ISO date", "The file is dated 2024-05-12."},
	}
	n := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if qs := n.Extract(tt.text, nil, nil); len(qs) != 0 {
				t.Errorf("%q: got %v, want none", tt.text, got(qs))
			}
		})
	}
}

// TestHeadline checks that a Title Case headline's numbers are counts,
// not designators.
func TestHeadline(t *testing.T) {
	text := "Quake Kills 38 People Near Capital\n\nA strong quake struck on Tuesday."
	qs := New().Extract(text, extracttest.Paragraphs(text), nil)
	checkQuantities(t, text, qs)
	compare(t, qs, []want{{"38", 38, "", "People", "Kills", false}})
}

// TestDates checks that the dates stage's spans are left out, and what
// is reported without them.
func TestDates(t *testing.T) {
	text := "The talks ran for 18 months and ended on June 3, 2025."
	dates := []event.DateMention{
		{Start: strings.Index(text, "18 months"), End: strings.Index(text, "18 months") + len("18 months"), Text: "18 months", Value: "P18M", Kind: "duration"},
		{Start: strings.Index(text, "June"), End: len(text) - 1, Text: "June 3, 2025", Value: "2025-06-03", Kind: "date"},
	}
	n := New()
	if qs := n.Extract(text, nil, dates); len(qs) != 0 {
		t.Errorf("with dates: got %v, want none", got(qs))
	}
	compare(t, n.Extract(text, nil, nil), []want{{"18 months", 18, "month", "", "ran", false}})
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"250,000", 250000, true},
		{"1,000,000", 1e6, true},
		{"2.25", 2.25, true},
		{" 42 ", 42, true},
		{"1.5 million", 1.5e6, true},
		{"1.5-billion", 1.5e9, true},
		{"2 billion", 2e9, true},
		{"3bn", 3e9, true},
		{"-3.5", -3.5, true},
		{"−7", -7, true},
		{"zero", 0, true},
		{"seventeen", 17, true},
		{"Twenty-five", 25, true},
		{"twenty five", 25, true},
		{"one hundred", 100, true},
		{"two hundred and ten", 210, true},
		{"three hundred thousand", 300000, true},
		{"two million five hundred thousand", 2.5e6, true},
		{"a dozen", 12, true},
		{"two dozen", 24, true},
		{"a million", 1e6, true},
		{"half a million", 500000, true},
		{"", 0, false},
		{"abc", 0, false},
		{"million", 0, false},
		{"1,23", 0, false},
		{"12 people", 0, false},
		{"$5", 0, false},
		{"1.2.3", 0, false},
		{"twenty twenty", 0, false},
		{"5th", 0, false},
		{"S-300", 0, false},
		{"half", 0, false},
		{"a", 0, false},
		{"9:42", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, ok := ParseValue(tt.in)
			if v != tt.want || ok != tt.ok {
				t.Errorf("ParseValue(%q) = %v, %v; want %v, %v", tt.in, v, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestSharedSample runs decode and numbers on the real wire article the
// team shares.
func TestSharedSample(t *testing.T) {
	doc := extracttest.LoadIfPresent(t, extracttest.SharedSample, upstream(t)...)
	if doc == nil {
		t.Skipf("shared sample %s absent", extracttest.SharedSample)
	}
	if err := New().Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	ev := doc.Event
	checkQuantities(t, ev.Text, ev.Numbers)
	compare(t, ev.Numbers, []want{
		{"250,000", 250000, "", "people", "killed", true},
		{"17", 17, "", "nations", "put", false},
		{"18 months", 18, "month", "", "constitution", false},
	})
	if !strings.Contains(ev.Text, "which has killed over 250,000 people") {
		t.Error("the sample's wording changed")
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings %v", ev.Warnings)
	}
}

// TestFixture spot-checks the package's own article.
func TestFixture(t *testing.T) {
	ev := decodeFile(t, fixture).Event
	qs := New().Extract(ev.Text, ev.Paragraphs, nil)
	checkQuantities(t, ev.Text, qs)
	byText := map[string]want{}
	for _, w := range got(qs) {
		byText[w.text] = w
	}
	for _, w := range []want{
		{"90,000 tonnes", 90000, "t", "maize", "release", false},
		{"2.5 million", 2.5e6, "", "head", "lost", true},
		{"Between 10 and 15 percent", 10, "percent", "children", "", true},
		{"41 degrees Celsius", 41, "°C", "", "reached", false},
		{"1.2 percentage points", 1.2, "percentage point", "", "growth", false},
		{"20-litre", 20, "L", "", "jerrycan", false},
		{"1.5 million euros", 1.5e6, "EUR", "", "guarantee", true},
	} {
		if g, ok := byText[w.text]; !ok || g != w {
			t.Errorf("got %v, want %v", g, w)
		}
	}
	for _, text := range []string{"130", "737", "19", "20's", "3", "21", "2.4"} {
		if _, ok := byText[text]; ok {
			t.Errorf("%q reported as a quantity", text)
		}
	}
}

func TestProcessSkipsOtherLanguages(t *testing.T) {
	doc := &extract.Document{Event: event.Event{
		Text:     "La guerre a fait plus de 250 000 morts.",
		Language: &event.Language{Code: "fr", Confidence: 0.98},
	}}
	if err := New().Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.Event.Numbers != nil {
		t.Errorf("numbers %v on a French article", doc.Event.Numbers)
	}
	if !doc.TakeSkipped() {
		t.Error("stage not marked skipped")
	}
	w := event.Warning{Stage: StageName, Message: "skipped: language fr"}
	if len(doc.Event.Warnings) != 1 || doc.Event.Warnings[0] != w {
		t.Errorf("warnings %v, want [%v]", doc.Event.Warnings, w)
	}
}

func TestProcessUsesDates(t *testing.T) {
	text := "Rain fell for 18 months."
	i := strings.Index(text, "18")
	doc := &extract.Document{Event: event.Event{
		Text:  text,
		Dates: []event.DateMention{{Start: i, End: i + len("18 months"), Text: "18 months", Value: "P18M", Kind: "duration"}},
	}}
	if err := New().Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.Event.Numbers != nil {
		t.Errorf("numbers %v inside a date span", got(doc.Event.Numbers))
	}
}

func TestProcessCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := New().Process(ctx, &extract.Document{})
	if !errors.Is(err, context.Canceled) || errors.Is(err, extract.ErrBadInput) {
		t.Errorf("Process on a cancelled context: %v", err)
	}
}

// TestBounded feeds the stage hostile texts of 1 MiB: the work must stay
// linear and the output bounded.
func TestBounded(t *testing.T) {
	const size = 1 << 20
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	tests := []struct {
		name string
		text string
	}{
		{"digits", fill("1")},
		{"separated digits", fill("1 ")},
		{"commas", fill("1,000,")},
		{"hyphens", fill("1-2-")},
		{"currency", fill("$5bn ")},
		{"number words", fill("twenty-five hundred ")},
		{"ranges", fill("between 1 and 2 ")},
		{"phone-like", fill("+1 (2) 3-4 ")},
		{"letters", fill("a")},
		{"blank lines", fill("1\n\n")},
	}
	n := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &extract.Document{Event: event.Event{Text: tt.text, Paragraphs: extracttest.Paragraphs(tt.text)}}
			if err := n.Process(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			checkQuantities(t, tt.text, doc.Event.Numbers)
			if len(doc.Event.Numbers) > maxQuantities {
				t.Errorf("%d quantities, more than the bound %d", len(doc.Event.Numbers), maxQuantities)
			}
		})
	}
}

func TestTruncationWarns(t *testing.T) {
	text := strings.Repeat("It cost $5 million. ", maxQuantities+10)
	doc := &extract.Document{Event: event.Event{Text: text}}
	if err := New().Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Event.Numbers) != maxQuantities {
		t.Errorf("%d quantities, want %d", len(doc.Event.Numbers), maxQuantities)
	}
	if len(doc.Event.Warnings) != 1 || doc.Event.Warnings[0].Stage != StageName {
		t.Errorf("warnings %v, want one from %s", doc.Event.Warnings, StageName)
	}
}

// TestConcurrent runs one stage from several goroutines (run with -race)
// and checks that every result equals the serial one.
func TestConcurrent(t *testing.T) {
	var evs []event.Event
	for _, f := range extracttest.SampleFiles(t) {
		evs = append(evs, decodeFile(t, f).Event)
	}
	evs = append(evs, decodeFile(t, fixture).Event)
	n := New()
	wants := make([]string, len(evs))
	for i, ev := range evs {
		wants[i] = fmt.Sprint(n.Extract(ev.Text, ev.Paragraphs, ev.Dates))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for r := range 20 {
				i := (g + r) % len(evs)
				if s := fmt.Sprint(n.Extract(evs[i].Text, evs[i].Paragraphs, evs[i].Dates)); s != wants[i] {
					t.Errorf("doc %d: concurrent result differs from the serial one", i)
					return
				}
			}
		})
	}
	wg.Wait()
}
