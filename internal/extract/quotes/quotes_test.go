package quotes

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

// wantQuote is an expected quotation: its words, the speaker as reported,
// the cue, the text of the speaker span and whether the speaker is an
// entity.
type wantQuote struct {
	text, speaker, cue, span string
	linked                   bool
}

func (w wantQuote) String() string {
	return fmt.Sprintf("%q by %q (cue %q, span %q, linked %v)", w.text, w.speaker, w.cue, w.span, w.linked)
}

func gotQuotes(text string, qs []event.Quote) []wantQuote {
	var out []wantQuote
	for _, q := range qs {
		out = append(out, wantQuote{q.Text, q.Speaker, q.Cue, speakerText(text, q), q.SpeakerEntity >= 0})
	}
	return out
}

func TestExtract(t *testing.T) {
	const h, s = "Headline of the story", "Standfirst of the story"
	tests := []struct {
		name  string
		paras []string
		want  []wantQuote
	}{
		{
			name:  "quote then speaker and verb",
			paras: []string{h, s, `"We will not back down," Vladimir Putin said on Monday.`},
			want:  []wantQuote{{`We will not back down,`, "Vladimir Putin", "said", "Vladimir Putin", true}},
		},
		{
			name:  "inverted verb",
			paras: []string{h, s, `"The talks were useful and frank," said Angela Merkel, the German chancellor.`},
			want:  []wantQuote{{`The talks were useful and frank,`, "Angela Merkel", "said", "Angela Merkel", true}},
		},
		{
			name:  "speaker said colon",
			paras: []string{h, s, `Vladimir Putin said: "We will respond to any attack."`},
			want:  []wantQuote{{`We will respond to any attack.`, "Vladimir Putin", "said", "Vladimir Putin", true}},
		},
		{
			name:  "said that",
			paras: []string{h, s, `Vladimir Putin said that "the West has lost its way" in Syria.`},
			want:  []wantQuote{{`the West has lost its way`, "Vladimir Putin", "said", "Vladimir Putin", true}},
		},
		{
			name:  "quoted as saying by a medium",
			paras: []string{h, s, `"Work on the deal has started," Vladimir Putin was quoted as saying by Tass.`},
			want:  []wantQuote{{`Work on the deal has started,`, "Vladimir Putin", "was quoted as saying", "Vladimir Putin", true}},
		},
		{
			name:  "according to",
			paras: []string{h, s, `"The plan is dead," according to a senior Western diplomat.`},
			want:  []wantQuote{{`The plan is dead,`, "a senior Western diplomat", "according to", "a senior Western diplomat", false}},
		},
		{
			name:  "told Reuters in curly quotes",
			paras: []string{h, s, `“We are ready for a deal,” Emmanuel Macron told Reuters in an interview.`},
			want:  []wantQuote{{`We are ready for a deal,`, "Emmanuel Macron", "told Reuters", "Emmanuel Macron", true}},
		},
		{
			name:  "warned with a role phrase",
			paras: []string{h, s, `"Prices will rise further," the central bank governor warned.`},
			want:  []wantQuote{{`Prices will rise further,`, "the central bank governor", "warned", "the central bank governor", false}},
		},
		{
			name:  "added colon",
			paras: []string{h, s, `Olaf Scholz added: "We stand with Ukraine, now and later."`},
			want:  []wantQuote{{`We stand with Ukraine, now and later.`, "Olaf Scholz", "added", "Olaf Scholz", true}},
		},
		{
			name:  "he said resolves to the person before",
			paras: []string{h, s, `Emmanuel Macron arrived in Berlin on Monday.`, `"It is a good day for Europe," he said.`},
			want:  []wantQuote{{`It is a good day for Europe,`, "Emmanuel Macron", "said", "he", true}},
		},
		{
			name:  "pronoun skips names inside quotations",
			paras: []string{h, s, `Emmanuel Macron met farmers in Lyon.`, `"Angela Merkel was right about this," he said.`},
			want:  []wantQuote{{`Angela Merkel was right about this,`, "Emmanuel Macron", "said", "he", true}},
		},
		{
			name:  "role noun linked to the titled person",
			paras: []string{h, s, `Russian Ambassador Anatoly Antonov met officials in Washington on Monday.`, `"Relations are at a low point," the ambassador said.`},
			want:  []wantQuote{{`Relations are at a low point,`, "Anatoly Antonov", "said", "the ambassador", true}},
		},
		{
			name:  "role noun kept as written",
			paras: []string{h, s, `"No decision has been taken yet," a Kremlin spokesman said.`},
			want:  []wantQuote{{`No decision has been taken yet,`, "a Kremlin spokesman", "said", "a Kremlin spokesman", false}},
		},
		{
			name:  "a person after for is not the speaker",
			paras: []string{h, s, `"The sanctions will fail," a spokesman for Vladimir Putin said.`},
			want:  []wantQuote{{`The sanctions will fail,`, "a spokesman for Vladimir Putin", "said", "a spokesman for Vladimir Putin", false}},
		},
		{
			name: "definite role refers back",
			paras: []string{h, s, `"The talks went well," a spokesman for the Kremlin said.`,
				`Describing the mood as "very calm", the spokesman said no deadline was set.`},
			want: []wantQuote{
				{`The talks went well,`, "a spokesman for the Kremlin", "said", "a spokesman for the Kremlin", false},
				{`very calm`, "a spokesman for the Kremlin", "said", "the spokesman", false},
			},
		},
		{
			name:  "short form links to the full name",
			paras: []string{h, s, `Angela Merkel spoke first.`, `"It is over," Merkel said.`},
			want:  []wantQuote{{`It is over,`, "Angela Merkel", "said", "Merkel", true}},
		},
		{
			name:  "attributed short quotation kept",
			paras: []string{h, s, `"Never," Vladimir Putin said.`},
			want:  []wantQuote{{`Never,`, "Vladimir Putin", "said", "Vladimir Putin", true}},
		},
		{
			name:  "scare quotes dropped",
			paras: []string{h, s, `The so-called "peace dividend" never came, and "reform" stalled.`},
		},
		{
			name:  "name in title case dropped",
			paras: []string{h, s, `The islands sit on the "Ring of Fire" belt.`},
		},
		{
			name:  "unattributed long quotation kept",
			paras: []string{h, s, `The banner read "we will not be silenced by anyone".`},
			want:  []wantQuote{{`we will not be silenced by anyone`, "", "", "", false}},
		},
		{
			name:  "stray opening mark",
			paras: []string{h, s, `He said "this quotation never closes and goes on`},
		},
		{
			name: "multi-paragraph quotation",
			paras: []string{h, s, `"We have done our part," the finance minister said. "Now it is time for others to act.`,
				`"History will judge us all by what we do next."`},
			want: []wantQuote{
				{`We have done our part,`, "the finance minister", "said", "the finance minister", false},
				{`Now it is time for others to act.`, "the finance minister", "said", "the finance minister", false},
				{`History will judge us all by what we do next.`, "the finance minister", "said", "the finance minister", false},
			},
		},
		{
			name: "multi-paragraph quotation attributed at its end",
			paras: []string{h, s, `Olaf Scholz spoke for an hour. "The first thing to say is simple.`,
				`"The second thing is harder to say," he said.`},
			want: []wantQuote{
				{`The first thing to say is simple.`, "Olaf Scholz", "said", "he", true},
				{`The second thing is harder to say,`, "Olaf Scholz", "said", "he", true},
			},
		},
		{
			name:  "next quotation in the paragraph inherits",
			paras: []string{h, s, `"The first point is simple," Christine Lagarde said. "The second point is longer than the first."`},
			want: []wantQuote{
				{`The first point is simple,`, "Christine Lagarde", "said", "Christine Lagarde", true},
				{`The second point is longer than the first.`, "Christine Lagarde", "said", "Christine Lagarde", true},
			},
		},
		{
			name:  "quotation inside reported speech",
			paras: []string{h, s, `Christine Lagarde said the bank was "in a good place" to wait.`},
			want:  []wantQuote{{`in a good place`, "Christine Lagarde", "said", "Christine Lagarde", true}},
		},
		{
			name:  "called it",
			paras: []string{h, s, `The union called the offer "an insult to every worker".`},
			want:  []wantQuote{{`an insult to every worker`, "The union", "called", "The union", false}},
		},
		{
			name:  "described as",
			paras: []string{h, s, `Aid officials privately describe the appeal as "underfunded by design."`},
			want:  []wantQuote{{`underfunded by design.`, "Aid officials", "describe", "Aid officials", false}},
		},
		{
			name:  "apposition after the speaker",
			paras: []string{h, s, `"The economy is slowing," said one economist at a Frankfurt bank, who asked not to be named.`},
			want:  []wantQuote{{`The economy is slowing,`, "one economist at a Frankfurt bank", "said", "one economist at a Frankfurt bank", false}},
		},
		{
			name:  "two quotations after one verb",
			paras: []string{h, s, `Officials said the deal was "within reach" but "not yet done."`},
			want: []wantQuote{
				{`within reach`, "Officials", "said", "Officials", false},
				{`not yet done.`, "Officials", "said", "Officials", false},
			},
		},
		{
			name:  "passive said is no cue",
			paras: []string{h, s, `The plan is said to include "a new framework for the whole region".`},
			want:  []wantQuote{{`a new framework for the whole region`, "", "", "", false}},
		},
		{
			name:  "attribution does not cross sentences",
			paras: []string{h, s, `Vladimir Putin said nothing. The report called for "urgent and sustained action".`},
			want:  []wantQuote{{`urgent and sustained action`, "The report", "called", "The report", false}},
		},
	}
	q := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, paras, ents := article(t, tt.paras...)
			qs := q.Extract(text, paras, ents)
			checkQuotes(t, text, ents, qs)
			got := gotQuotes(text, qs)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quotes %v, want %d %v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("quote %d:\n got %v\nwant %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestSharedSample runs decode, entities and quotes on the real wire
// article the team shares.
func TestSharedSample(t *testing.T) {
	doc := sharedDoc(t)
	if err := New().Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	ev := doc.Event
	checkQuotes(t, ev.Text, ev.Entities, ev.Quotes)
	want := []wantQuote{
		{"unity of views", "a spokesman for the Kremlin", "said", "a spokesman for the Kremlin", false},
		{"quite constructive", "a spokesman for the Kremlin", "said", "the spokesman", false},
		{"external attempts to dictate scenarios of political settlement in Syria", "a spokesman for the Kremlin", "said", "the spokesman", false},
		{"free and fair elections", "The proposal", "states", "The proposal", false},
		{"Iran and Russia signed a new contract and the procedure of delivery of S-300 has started,", "Mehdi Sanaei", "was quoted as saying", "Mehdi Sanaei", true},
	}
	got := gotQuotes(ev.Text, ev.Quotes)
	if len(got) != len(want) {
		t.Fatalf("got %d quotes %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("quote %d:\n got %v\nwant %v", i, got[i], want[i])
		}
	}
	// The required one, checked on its own terms too.
	last := ev.Quotes[len(ev.Quotes)-1]
	if !strings.HasPrefix(last.Text, "Iran and Russia signed a new contract") || ev.Entities[last.SpeakerEntity].Name != "Mehdi Sanaei" {
		t.Errorf("the S-300 quotation is %q by entity %d", last.Text, last.SpeakerEntity)
	}
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings %v", ev.Warnings)
	}
}

func sharedDoc(t *testing.T) *extract.Document {
	t.Helper()
	doc := extracttest.LoadIfPresent(t, extracttest.SharedSample, upstream(t)...)
	if doc == nil {
		t.Skipf("shared sample %s absent", extracttest.SharedSample)
	}
	return doc
}

// TestFixture checks the package's own article, which has every kind of
// attribution the stage reads.
func TestFixture(t *testing.T) {
	doc := decodeFile(t, fixture)
	ev := doc.Event
	qs := New().Extract(ev.Text, ev.Paragraphs, ev.Entities)
	checkQuotes(t, ev.Text, ev.Entities, qs)
	speakers := map[string]string{}
	for _, q := range qs {
		speakers[q.Text] = q.Speaker
	}
	for text, speaker := range map[string]string{
		"We are watching a slow disaster turn into a fast one,":                                 "Amina Yusuf",
		"Families have sold their last animals. There is nothing left to sell.":                 "Amina Yusuf",
		"not going to let a single child starve on our watch.":                                  "Daniel Kiprono",
		"Women are walking 12 kilometres each way for water.":                                   "Lars Eriksen",
		"We need the money now, not in three months, when the next harvest has already failed.": "Lars Eriksen",
		"underfunded by design,":                                                             "Aid officials",
		"The next 90 days will decide how many of them survive.":                             "Grace Otieno",
		"This is not charity, it is an investment in stability,":                             "Ousmane Diagne",
		"a tax on the hungry.":                                                               "Maria Lindqvist",
		"The rains will come back. The question is whether the farmers will still be there.": "Ousmane Diagne",
		"When the herds die, the whole rural economy dies with them,":                        "Rebecca Mwangi",
		"People walk for two days to reach us,":                                              "a nurse at a clinic near Gode",
	} {
		got, ok := speakers[text]
		if !ok {
			t.Errorf("quotation %q not found", text)
			continue
		}
		if got != speaker {
			t.Errorf("%q: speaker %q, want %q", text, got, speaker)
		}
	}
	if _, ok := speakers["anticipatory"]; ok {
		t.Error(`scare quote "anticipatory" reported`)
	}
}

func TestProcessSkipsOtherLanguages(t *testing.T) {
	doc := &extract.Document{Event: event.Event{
		Text:     `"Nous ne reculerons pas," a déclaré le ministre.`,
		Language: &event.Language{Code: "fr", Confidence: 0.97},
	}}
	if err := New().Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.Event.Quotes != nil {
		t.Errorf("quotes %v on a French article", doc.Event.Quotes)
	}
	if !doc.TakeSkipped() {
		t.Error("stage not marked skipped")
	}
	want := []event.Warning{{Stage: StageName, Message: "skipped: language fr"}}
	if len(doc.Event.Warnings) != 1 || doc.Event.Warnings[0] != want[0] {
		t.Errorf("warnings %v, want %v", doc.Event.Warnings, want)
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
		{"straight marks", fill(`"`)},
		{"curly openings", fill(`“`)},
		{"curly pairs", fill(`“”`)},
		{"mixed marks", fill(`“"”`)},
		{"one-word quotations", fill(`"a" `)},
		{"attributed quotations", fill(`"Go now," he said. `)},
		{"blank lines", fill("\"\n\n")},
		{"one long sentence", `"` + fill(`word said `) + `"`},
		{"abbreviations", fill(`U.S. Dr. "A. B.`)},
	}
	q := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &extract.Document{Event: event.Event{Text: tt.text, Paragraphs: extracttest.Paragraphs(tt.text)}}
			if err := q.Process(t.Context(), doc); err != nil {
				t.Fatal(err)
			}
			checkQuotes(t, tt.text, nil, doc.Event.Quotes)
			if n := len(doc.Event.Quotes); n > maxPieces {
				t.Errorf("%d quotes, more than the bound %d", n, maxPieces)
			}
		})
	}
}

// TestTruncationWarns checks that an article with more quotations than
// the stage examines says so.
func TestTruncationWarns(t *testing.T) {
	text := strings.Repeat(`"Go on now," he said. `, maxPieces+10)
	doc := &extract.Document{Event: event.Event{Text: text}}
	if err := New().Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Event.Warnings) != 1 || doc.Event.Warnings[0].Stage != StageName {
		t.Errorf("warnings %v, want one from %s", doc.Event.Warnings, StageName)
	}
	if n := len(doc.Event.Quotes); n != maxPieces {
		t.Errorf("%d quotes, want %d", n, maxPieces)
	}
}

// TestConcurrent runs one stage from several goroutines (run with -race)
// and checks that every result equals the serial one: the stage is
// deterministic and its pooled scratch memory is not shared.
func TestConcurrent(t *testing.T) {
	var docs []*extract.Document
	for _, f := range extracttest.SampleFiles(t) {
		docs = append(docs, decodeFile(t, f))
	}
	docs = append(docs, decodeFile(t, fixture))
	q := New()
	want := make([][]event.Quote, len(docs))
	for i, d := range docs {
		want[i] = q.Extract(d.Event.Text, d.Event.Paragraphs, d.Event.Entities)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for r := range 20 {
				i := (g + r) % len(docs)
				ev := docs[i].Event
				got := q.Extract(ev.Text, ev.Paragraphs, ev.Entities)
				if fmt.Sprint(gotQuotes(ev.Text, got)) != fmt.Sprint(gotQuotes(ev.Text, want[i])) {
					t.Errorf("doc %d: concurrent result differs from the serial one", i)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestNoParagraphs checks that text without paragraph spans is cut at
// blank lines.
func TestNoParagraphs(t *testing.T) {
	text := "Headline\n\n\"We will win this,\" she said.\n\n\"It will take years.\""
	qs := New().Extract(text, nil, nil)
	checkQuotes(t, text, nil, qs)
	got := gotQuotes(text, qs)
	want := []wantQuote{{"We will win this,", "she", "said", "she", false}, {"It will take years.", "", "", "", false}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
