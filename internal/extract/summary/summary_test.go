package summary

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

// checkSummary checks what must hold for any summary: at most limit
// sentences, spans sorted, not overlapping, inside the text and on rune
// boundaries, and Text their texts joined by one space, white space
// runs made single.
func checkSummary(t testing.TB, text string, sum *event.Summary, limit int) {
	t.Helper()
	if sum == nil {
		return
	}
	if len(sum.Sentences) == 0 || len(sum.Sentences) > limit {
		t.Fatalf("%d sentences, limit %d", len(sum.Sentences), limit)
	}
	prev := 0
	parts := make([]string, len(sum.Sentences))
	for i, sp := range sum.Sentences {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
			t.Fatalf("sentence %d span %+v after %d in a text of %d bytes", i, sp, prev, len(text))
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[sp.Start]) || sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
			t.Fatalf("sentence %d span %+v not on rune boundaries", i, sp)
		}
		prev = sp.End
		parts[i] = strings.Join(strings.FieldsFunc(text[sp.Start:sp.End], func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '\r'
		}), " ")
	}
	if want := strings.Join(parts, " "); sum.Text != want {
		t.Errorf("summary text %q, want %q", sum.Text, want)
	}
}

func TestNewOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		wantErr bool
	}{
		{name: "defaults"},
		{name: "textrank", opts: []Option{WithMethod(MethodTextRank)}},
		{name: "unknown method", opts: []Option{WithMethod("lsa")}, wantErr: true},
		{name: "one sentence", opts: []Option{WithSentences(1)}},
		{name: "no sentences", opts: []Option{WithSentences(0)}, wantErr: true},
		{name: "too many sentences", opts: []Option{WithSentences(11)}, wantErr: true},
		{name: "window", opts: []Option{WithTextRankWindow(10)}},
		{name: "window too small", opts: []Option{WithTextRankWindow(1)}, wantErr: true},
		{name: "window too large", opts: []Option{WithTextRankWindow(201)}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(tt.opts...)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidOption) {
					t.Fatalf("New error = %v, want ErrInvalidOption", err)
				}
				return
			}
			if err != nil || s.Name() != StageName {
				t.Fatalf("New: %v", err)
			}
		})
	}
}

// TestLead checks the lead method's choice of sentences; parts are the
// headline, standfirst and body paragraphs.
func TestLead(t *testing.T) {
	tests := []struct {
		name   string
		parts  []string
		byline string
		n      int
		want   []string
	}{
		{
			name:  "first body sentences, not headline or standfirst",
			parts: []string{"Bank cuts rates", "A standfirst that sums it all up nicely.", "The bank cut its rate on Thursday. It said more cuts could follow soon.", "Markets rose on the news of the cut. Traders had expected it for weeks."},
			n:     3,
			want:  []string{"The bank cut its rate on Thursday.", "It said more cuts could follow soon.", "Markets rose on the news of the cut."},
		},
		{
			name:  "fewer sentences than asked",
			parts: []string{"Headline", "", "Only one sentence is in this body."},
			n:     3,
			want:  []string{"Only one sentence is in this body."},
		},
		{
			name:  "dateline with agency",
			parts: []string{"Headline", "", "BONN, Germany (Wire) - Negotiators agreed on a draft text early on Saturday. They went home."},
			n:     1,
			want:  []string{"Negotiators agreed on a draft text early on Saturday."},
		},
		{
			name:  "dateline in capitals with an em dash",
			parts: []string{"Headline", "", "WASHINGTON — The Senate passed the budget bill late on Friday."},
			n:     1,
			want:  []string{"The Senate passed the budget bill late on Friday."},
		},
		{
			name:  "dash in a sentence is no dateline",
			parts: []string{"Headline", "", "NATO allies — including Germany — agreed to spend more on defence."},
			n:     1,
			want:  []string{"NATO allies — including Germany — agreed to spend more on defence."},
		},
		{
			name:   "byline paragraphs skipped",
			parts:  []string{"Headline", "", "By Maren Holst, Science Correspondent", "The agency picked a builder for its lunar lander on Tuesday."},
			byline: "",
			n:      1,
			want:   []string{"The agency picked a builder for its lunar lander on Tuesday."},
		},
		{
			name:   "the decoder's byline skipped",
			parts:  []string{"Headline", "", "Pieter de Wit", "Dockworkers walked out at the port on Monday morning."},
			byline: "Pieter de Wit",
			n:      1,
			want:   []string{"Dockworkers walked out at the port on Monday morning."},
		},
		{
			name:  "credit line skipped",
			parts: []string{"Headline", "", "Reporting by Ann Lee; Editing by Tom Rye", "The port reopened on Wednesday after two days."},
			n:     2,
			want:  []string{"The port reopened on Wednesday after two days."},
		},
		{
			name:  "a sentence starting with By is kept",
			parts: []string{"Headline", "", "By Friday the talks had collapsed."},
			n:     1,
			want:  []string{"By Friday the talks had collapsed."},
		},
		{
			name:  "short leftovers skipped",
			parts: []string{"Headline", "", "Advertisement", "Share this.", "The council approved the new housing plan on Monday."},
			n:     1,
			want:  []string{"The council approved the new housing plan on Monday."},
		},
		{
			name:  "only short sentences",
			parts: []string{"Headline", "", "Markets calm. Euro up."},
			n:     3,
			want:  []string{"Markets calm.", "Euro up."},
		},
		{
			name:  "no body",
			parts: []string{"Headline only", "A standfirst too."},
			n:     3,
		},
		{
			name:  "empty",
			parts: []string{"", "", ""},
			n:     3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSummarizer(t, WithSentences(tt.n))
			doc := extracttest.Doc(tt.parts...)
			doc.Event.Byline = tt.byline
			sum := s.Summarize(doc)
			checkSummary(t, doc.Event.Text, sum, tt.n)
			if got := sentenceTexts(doc.Event.Text, sum); !slices.Equal(got, tt.want) {
				t.Errorf("summary = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNoParagraphs summarises a text that has no paragraph spans: all
// of it is body.
func TestNoParagraphs(t *testing.T) {
	s := newSummarizer(t, WithSentences(2))
	doc := extracttest.Doc("", "", "")
	doc.Event.Text = "First line of the story here.\n\nSecond paragraph is here now. Third one."
	sum := s.Summarize(doc)
	checkSummary(t, doc.Event.Text, sum, 2)
	want := []string{"First line of the story here.", "Second paragraph is here now."}
	if got := sentenceTexts(doc.Event.Text, sum); !slices.Equal(got, want) {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

// TestSegmentSentences checks that the segment stage's sentences are
// used when they are valid, and ignored when they are not.
func TestSegmentSentences(t *testing.T) {
	s := newSummarizer(t, WithSentences(2))
	doc := extracttest.Doc("Headline here", "", "One sentence here and. Another one there now.")
	text := doc.Event.Text
	body := doc.Event.Paragraphs[1]
	// The segment stage split after "and." differently: one sentence.
	doc.Event.Sentences = []event.Span{{Start: 0, End: len("Headline here")}, {Start: body.Start, End: body.End}}
	sum := s.Summarize(doc)
	checkSummary(t, text, sum, 2)
	if got := sentenceTexts(text, sum); !slices.Equal(got, []string{text[body.Start:body.End]}) {
		t.Errorf("with segment sentences: %q", got)
	}
	doc.Event.Sentences = []event.Span{{Start: 5, End: 2}}
	sum = s.Summarize(doc)
	if got := sentenceTexts(text, sum); !slices.Equal(got, []string{"One sentence here and.", "Another one there now."}) {
		t.Errorf("with invalid segment sentences: %q", got)
	}
}

func TestTextRank(t *testing.T) {
	// Sentences 2 and 4 share the story's words with most others; 1, 3
	// and 5 are asides.
	doc := extracttest.Doc("Headline", "",
		"Weather was mild on the coast today. "+
			"The river port closed after the drought cut river levels and stranded barges. "+
			"A spokesman declined to comment further. "+
			"Barges stranded at the river port wait for river levels to rise after the drought. "+
			"Tickets for the concert sold out fast.")
	text := doc.Event.Text
	s := newSummarizer(t, WithMethod(MethodTextRank), WithSentences(2))
	sum := s.Summarize(doc)
	checkSummary(t, text, sum, 2)
	want := []string{
		"The river port closed after the drought cut river levels and stranded barges.",
		"Barges stranded at the river port wait for river levels to rise after the drought.",
	}
	if got := sentenceTexts(text, sum); !slices.Equal(got, want) {
		t.Errorf("textrank = %q, want %q", got, want)
	}
	// Deterministic: the same choice every time.
	for range 20 {
		if got := s.Summarize(doc); got.Text != sum.Text {
			t.Fatalf("textrank not deterministic: %q then %q", sum.Text, got.Text)
		}
	}
	// A window of 2 only ranks the first two sentences.
	small := newSummarizer(t, WithMethod(MethodTextRank), WithSentences(1), WithTextRankWindow(2))
	if got := sentenceTexts(text, small.Summarize(doc)); len(got) != 1 || got[0] != want[0] && got[0] != "Weather was mild on the coast today." {
		t.Errorf("textrank window 2 = %q", got)
	}
	// Not English: the lead, whatever the method.
	doc.Event.Language = &event.Language{Code: "fr", Confidence: 0.9}
	if got := sentenceTexts(text, s.Summarize(doc)); !slices.Equal(got, []string{"Weather was mild on the coast today.", want[0]}) {
		t.Errorf("textrank on French = %q, want the lead", got)
	}
}

func TestProcess(t *testing.T) {
	s := newSummarizer(t)
	doc := extracttest.Doc("Headline", "", "Le conseil a approuvé le plan lundi soir. Les travaux commencent en mai prochain.")
	doc.Event.Language = &event.Language{Code: "fr", Confidence: 0.95}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.TakeSkipped() || doc.Event.Summary == nil || len(doc.Event.Summary.Sentences) != 2 {
		t.Errorf("summary of a French article = %+v", doc.Event.Summary)
	}
	empty := extracttest.Doc("Just a headline", "", "")
	empty.Event.Summary = &event.Summary{Text: "stale"}
	if err := s.Process(context.Background(), empty); err != nil || empty.Event.Summary != nil {
		t.Errorf("summary of an article without body = %+v, %v", empty.Event.Summary, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Process(ctx, doc); !errors.Is(err, context.Canceled) {
		t.Errorf("Process with a cancelled context: %v", err)
	}
}

// TestSharedSample summarises the real wire article: the lead is its
// first three body sentences, not the headline or standfirst.
func TestSharedSample(t *testing.T) {
	if _, err := os.Stat(extracttest.SharedSample); errors.Is(err, os.ErrNotExist) {
		t.Skipf("sample %s absent", extracttest.SharedSample)
	}
	doc := loadDoc(t, extracttest.SharedSample)
	text := doc.Event.Text
	for _, m := range []Method{MethodLead, MethodTextRank} {
		t.Run(string(m), func(t *testing.T) {
			s := newSummarizer(t, WithMethod(m))
			if err := s.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			sum := doc.Event.Summary
			checkSummary(t, text, sum, DefaultSentences)
			got := sentenceTexts(text, sum)
			if len(got) != 3 || !strings.HasPrefix(got[0], "Russia and Iran have \"unity of views\" on Syria") {
				t.Errorf("summary = %q", got)
			}
			if m == MethodLead && !strings.HasPrefix(got[1], "Describing the meeting") {
				t.Errorf("lead = %q", got)
			}
			for _, sent := range got {
				if strings.Contains(sent, "Kremlin hails") || strings.Contains(sent, "Moscow and Tehran have been the key backers of Syrian President Bashar Assad throughout Syria's") {
					t.Errorf("headline or standfirst in the summary: %q", sent)
				}
			}
		})
	}
}

// TestConcurrent runs one summarizer of each method from several
// goroutines; run it with -race.
func TestConcurrent(t *testing.T) {
	files := extracttest.SampleFiles(t)
	docs := make([]*extract.Document, len(files))
	for i, f := range files {
		docs[i] = loadDoc(t, f)
	}
	for _, m := range []Method{MethodLead, MethodTextRank} {
		s := newSummarizer(t, WithMethod(m))
		want := make([]string, len(files))
		for i, doc := range docs {
			want[i] = s.Summarize(doc).Text
		}
		errs := make(chan string, 8)
		for g := range 8 {
			go func() {
				msg := ""
				for r := range 30 {
					i := (g + r) % len(files)
					if got := s.Summarize(docs[i]).Text; got != want[i] {
						msg = "concurrent summary differs for " + files[i]
					}
				}
				errs <- msg
			}()
		}
		for range 8 {
			if msg := <-errs; msg != "" {
				t.Error(msg)
			}
		}
	}
}
