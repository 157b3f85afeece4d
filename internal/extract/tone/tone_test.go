package tone

import (
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// checkTone checks what must hold for any tone: percentages in [0,100],
// Score and Polarity the difference and sum of the two.
func checkTone(t testing.TB, tn *event.Tone) {
	t.Helper()
	if tn == nil {
		return
	}
	if tn.WordCount <= 0 {
		t.Errorf("tone with %d words", tn.WordCount)
	}
	for _, v := range []float64{tn.Positive, tn.Negative, tn.Polarity} {
		if !(v >= 0 && v <= 100) {
			t.Errorf("percentage %v out of [0,100] in %+v", v, *tn)
		}
	}
	if math.Abs(tn.Score-(tn.Positive-tn.Negative)) > 0.0015 || math.Abs(tn.Polarity-(tn.Positive+tn.Negative)) > 0.0015 {
		t.Errorf("score or polarity inconsistent: %+v", *tn)
	}
}

func TestNewOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		wantErr bool
	}{
		{name: "defaults"},
		{name: "no negation", opts: []Option{WithNegationWindow(0)}},
		{name: "window 10", opts: []Option{WithNegationWindow(10)}},
		{name: "window negative", opts: []Option{WithNegationWindow(-1)}, wantErr: true},
		{name: "window too wide", opts: []Option{WithNegationWindow(11)}, wantErr: true},
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

func TestLexicon(t *testing.T) {
	lex, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word string
		want int8
	}{
		{"good", 1},
		{"killed", -1},
		{"well-being", 1},
		{"ill-fated", -1},
		{"naïve", -1},
		{"like", 0},     // excluded: a preposition in news
		{"interest", 0}, // excluded: interest rates
		{"no", 0},       // excluded: a negator
		{"the", 0},
	}
	for _, tt := range tests {
		if got := lex.valence[tt.word]; got != tt.want {
			t.Errorf("valence(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestScoreCases(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		window   int
		mentions []string // entity mentions, each at its first place in the text
		wantPos  int
		wantNeg  int
		wantWC   int
	}{
		{name: "positive", text: "A good and welcome agreement.", window: 3, wantPos: 3, wantWC: 5},
		{name: "negative", text: "The attack killed civilians and destroyed homes.", window: 3, wantNeg: 3, wantWC: 7},
		{name: "mixed", text: "Peace talks failed.", window: 3, wantPos: 1, wantNeg: 1, wantWC: 3},
		{name: "case and curly apostrophe", text: "GOOD. Won’t HELP.", window: 3, wantPos: 1, wantNeg: 1, wantWC: 3},
		{name: "negated positive", text: "The deal was not good for anyone.", window: 3, wantNeg: 1, wantWC: 7},
		{name: "negated negative", text: "He said he would not be intimidated.", window: 3, wantPos: 1, wantWC: 7},
		{name: "contraction negates", text: "It didn't help.", window: 3, wantNeg: 1, wantWC: 3},
		{name: "negation window ends", text: "Not that it was ever very good.", window: 3, wantPos: 1, wantWC: 7},
		{name: "punctuation ends negation", text: "Not yet, but good.", window: 3, wantPos: 1, wantWC: 4},
		{name: "negation off", text: "The deal was not good.", window: 0, wantPos: 1, wantWC: 5},
		{name: "excluded words", text: "Shares like interest rates rose.", window: 3, wantWC: 5, wantPos: 1},
		{name: "numbers are not words", text: "Growth of 2.5 percent in 2024.", window: 3, wantPos: 1, wantWC: 4},
		{name: "possessive", text: "The ally's help.", window: 3, wantPos: 2, wantWC: 3},
		{name: "negation spans a possessive", text: "Not the ally’s help.", window: 3, wantNeg: 2, wantWC: 4},
		{name: "possessive of a name", text: "Hope’s plan was good.", window: 3, mentions: []string{"Hope"}, wantPos: 1, wantWC: 4},
		{name: "hyphenated entry", text: "An ill-fated and well-established plan.", window: 3, wantPos: 1, wantNeg: 1, wantWC: 5},
		{name: "entity names are not tone", text: "Hope Hicks joined the Free Syrian Army.", window: 3, mentions: []string{"Hope Hicks", "Free Syrian Army"}, wantWC: 7},
		{name: "without mentions the names count", text: "Hope Hicks joined the Free Syrian Army.", window: 3, wantPos: 2, wantWC: 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScorer(t, WithNegationWindow(tt.window))
			doc := &extract.Document{Event: event.Event{Text: tt.text}}
			for _, m := range tt.mentions {
				i := strings.Index(tt.text, m)
				doc.Event.Entities = append(doc.Event.Entities, event.Entity{Name: m, Mentions: []event.Mention{{Start: i, End: i + len(m), Text: m}}})
			}
			c := s.count(doc)
			if c.positive != tt.wantPos || c.negative != tt.wantNeg || c.words != tt.wantWC {
				t.Errorf("counts = %+v, want positive %d negative %d words %d", c, tt.wantPos, tt.wantNeg, tt.wantWC)
			}
			checkTone(t, s.Score(doc))
			segmentLike(doc)
			if ct := s.count(doc); ct != c {
				t.Errorf("counts from tokens = %+v, own split %+v", ct, c)
			}
		})
	}
}

func TestScoreValues(t *testing.T) {
	s := newScorer(t)
	doc := &extract.Document{Event: event.Event{Text: "A good deal, a bad deal, a good plan and some war."}}
	got := s.Score(doc)
	// 12 words: good, good positive; bad, war negative.
	want := event.Tone{Score: 0, Positive: 16.667, Negative: 16.667, Polarity: 33.333, WordCount: 12}
	if got == nil || *got != want {
		t.Errorf("Score = %+v, want %+v", got, want)
	}
	if got := s.Score(&extract.Document{Event: event.Event{Text: " 2024, 3.5 — !"}}); got != nil {
		t.Errorf("tone of a text without words = %+v, want nil", *got)
	}
}

// TestSegmentTokens checks that the segment stage's tokens give the same
// tone as the stage's own split, on every sample.
func TestSegmentTokens(t *testing.T) {
	s := newScorer(t)
	for _, path := range extracttest.SampleFiles(t) {
		t.Run(extracttest.SampleName(path), func(t *testing.T) {
			doc := loadDoc(t, path)
			want := s.Score(doc)
			segmentLike(doc)
			if got := s.Score(doc); got == nil || *got != *want {
				t.Errorf("tone from tokens %+v, own split %+v", got, want)
			}
			doc.Tokens = append(doc.Tokens, extract.Token{Start: 0, End: 3}) // out of order: not used
			if got := s.Score(doc); got == nil || *got != *want {
				t.Errorf("tone from bad tokens %+v, own split %+v", got, want)
			}
		})
	}
}

// segmentLike fills doc.Tokens the way the segment stage is specified
// to: a possessive "'s" is a word token of its own ("Iran" "'s"). The
// curly "’s" is split further, into "’" and "s", to exercise the other
// form a tokenizer may give.
func segmentLike(doc *extract.Document) {
	text := doc.Event.Text
	var toks []extract.Token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ' ' || r == '\n':
			i += size
		case isWordRune(r):
			j := wordEnd(text, i, len(text))
			kind := extract.TokenNumber
			if hasLetter(text[i:j]) {
				kind = extract.TokenWord
			}
			toks = append(toks, extract.Token{Start: int32(i), End: int32(j), Kind: kind})
			for k := possessiveEnd(text, j); kind == extract.TokenWord && k > 0; k = possessiveEnd(text, j) {
				if text[j] == '\'' {
					toks = append(toks, extract.Token{Start: int32(j), End: int32(k), Kind: extract.TokenWord})
				} else {
					toks = append(toks,
						extract.Token{Start: int32(j), End: int32(k - 1), Kind: extract.TokenPunct},
						extract.Token{Start: int32(k - 1), End: int32(k), Kind: extract.TokenWord})
				}
				j = k
			}
			i = j
		default:
			toks = append(toks, extract.Token{Start: int32(i), End: int32(i + size), Kind: extract.TokenPunct})
			i += size
		}
	}
	doc.Tokens = toks
}

func TestProcess(t *testing.T) {
	s := newScorer(t)
	tests := []struct {
		name        string
		lang        *event.Language
		wantSkipped bool
	}{
		{name: "english", lang: &event.Language{Code: "en", Confidence: 0.98}},
		{name: "not detected", lang: nil},
		{name: "undetermined", lang: &event.Language{Code: "und"}},
		{name: "german", lang: &event.Language{Code: "de", Confidence: 0.9}, wantSkipped: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &extract.Document{Event: event.Event{Text: "Gut. The good news is welcome.", Language: tt.lang, Tone: &event.Tone{}}}
			if err := s.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if got := doc.TakeSkipped(); got != tt.wantSkipped {
				t.Errorf("skipped = %v", got)
			}
			if tt.wantSkipped {
				if doc.Event.Tone != nil || len(doc.Event.Warnings) != 1 || doc.Event.Warnings[0].Message != "skipped: language de" {
					t.Errorf("tone %+v, warnings %v", doc.Event.Tone, doc.Event.Warnings)
				}
				return
			}
			if doc.Event.Tone == nil || doc.Event.Tone.Positive <= 0 {
				t.Errorf("tone = %+v", doc.Event.Tone)
			}
			checkTone(t, doc.Event.Tone)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Process(ctx, &extract.Document{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Process with a cancelled context: %v", err)
	}
}

// TestSharedSample scores the real wire article, a story of civil war,
// air strikes and terror attacks that is also about a peace plan and
// "free and fair elections": AFINN finds as many negative words as
// positive ones (1.99% each, Score 0), so the test asks for a tone that
// is not positive and a clear share of negative words.
func TestSharedSample(t *testing.T) {
	if _, err := os.Stat(extracttest.SharedSample); errors.Is(err, os.ErrNotExist) {
		t.Skipf("sample %s absent", extracttest.SharedSample)
	}
	doc := loadDoc(t, extracttest.SharedSample)
	s := newScorer(t)
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	tn := doc.Event.Tone
	checkTone(t, tn)
	if tn == nil || tn.Score > 0 || tn.Negative < 1.5 || tn.WordCount < 500 {
		t.Errorf("tone = %+v, want Score <= 0, Negative >= 1.5%% over 500+ words", tn)
	}
}

// TestSampleTones checks the sign of the tone where the story leaves no
// doubt, and that each sample has one.
func TestSampleTones(t *testing.T) {
	s := newScorer(t)
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := loadDoc(t, path)
			tn := s.Score(doc)
			checkTone(t, tn)
			if tn == nil {
				t.Fatal("no tone")
			}
			if name == "03-mindanao-earthquake" && tn.Score >= 0 {
				t.Errorf("earthquake tone %+v, want negative", *tn)
			}
		})
	}
}

// TestConcurrent runs one scorer from several goroutines; run it with
// -race.
func TestConcurrent(t *testing.T) {
	s := newScorer(t)
	files := extracttest.SampleFiles(t)
	docs := make([]*extract.Document, len(files))
	want := make([]event.Tone, len(files))
	for i, f := range files {
		docs[i] = loadDoc(t, f)
		want[i] = *s.Score(docs[i])
	}
	errs := make(chan string, 8)
	for g := range 8 {
		go func() {
			msg := ""
			for r := range 50 {
				i := (g + r) % len(docs)
				if got := s.Score(docs[i]); *got != want[i] {
					msg = "concurrent tone differs for " + files[i]
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
