package language

import (
	"context"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// TestDetectArticles checks every fixture and sample article: the right
// code with a confidence of at least 0.9.
func TestDetectArticles(t *testing.T) {
	d := newDetector(t)
	for _, f := range articleFiles(t) {
		t.Run(f, func(t *testing.T) {
			got := d.Detect(articleText(t, f))
			if want := codeOf(f); got.Code != want || got.Confidence < 0.9 {
				t.Errorf("Detect = %+v, want %s with confidence >= 0.9", got, want)
			}
		})
	}
}

// TestDetectShort checks one- and two-sentence texts of each default
// language.
func TestDetectShort(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"en", "The central bank left interest rates unchanged on Thursday and said it would wait for more data.", "en"},
		{"en headline", "Floods cut rail link between the two largest cities", "en"},
		{"fr", "Le gouvernement a présenté mercredi un projet de loi pour réduire les délais de construction des logements sociaux.", "fr"},
		{"fr headline", "La ville interdit les voitures dans le centre le dimanche", "fr"},
		{"de", "Die Regierung will die Förderung für Wärmepumpen im kommenden Jahr deutlich kürzen, wie aus einem Entwurf hervorgeht.", "de"},
		{"de headline", "Stadtrat beschließt neue Radwege entlang des Flusses", "de"},
		{"es", "El ayuntamiento aprobó el martes un plan para plantar diez mil árboles en los barrios más calurosos de la ciudad.", "es"},
		{"es headline", "Los precios del aceite de oliva bajan por primera vez en dos años", "es"},
		{"it", "Il governo ha approvato un decreto che prevede nuovi fondi per le scuole colpite dal terremoto.", "it"},
		{"pt", "O parlamento aprovou nesta quinta-feira uma nova lei sobre o arrendamento de casas para estudantes.", "pt"},
		{"nl", "De gemeente wil volgend jaar meer geld uitgeven aan het onderhoud van bruggen en kademuren.", "nl"},
		{"ru", "Правительство одобрило план строительства новой дороги между двумя крупнейшими городами региона.", "ru"},
		{"ar", "أعلنت وزارة الصحة عن افتتاح مستشفى جديد في العاصمة الأسبوع المقبل.", "ar"},
		{"zh", "市政府宣布将在明年新建五所学校，以缓解城区入学压力。", "zh"},
	}
	d := newDetector(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.Detect(tt.text); got.Code != tt.want || got.Confidence < DefaultMinConfidence {
				t.Errorf("Detect(%q) = %+v, want %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestUndetermined checks texts too short or too odd to tell.
func TestUndetermined(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"no letters", "12345 !!! 67.8% -- 2015"},
		{"one word", "OK"},
		{"few letters", "zzzz qqqq xxxx"},
		{"keyboard rows", "asdf qwer zxcv uiop"},
		{"repeated", "hjkl hjkl hjkl hjkl"},
	}
	d := newDetector(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.Detect(tt.text); got != (event.Language{Code: Undetermined}) {
				t.Errorf("Detect(%q) = %+v, want und with confidence 0", tt.text, got)
			}
		})
	}
}

func TestConfidenceRange(t *testing.T) {
	d := newDetector(t, WithMinConfidence(0))
	for _, p := range fixtureParagraphs(t) {
		for _, n := range []int{20, 40, 80} {
			got := d.Detect(Sample(p.text, n))
			if !(got.Confidence >= 0 && got.Confidence <= 1) || math.Round(got.Confidence*1000) != got.Confidence*1000 {
				t.Fatalf("Detect(%q) confidence %v not in [0,1] with 3 decimals", Sample(p.text, n), got.Confidence)
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want error
	}{
		{"unknown code", WithLanguages("en", "xx"), ErrUnknownLanguage},
		{"one language", WithLanguages("en", "EN"), ErrTooFewLanguages},
		{"no language", WithLanguages(), ErrTooFewLanguages},
		{"confidence above 1", WithMinConfidence(1.5), ErrBadOption},
		{"confidence NaN", WithMinConfidence(math.NaN()), ErrBadOption},
		{"sample too small", WithMaxBytes(10), ErrBadOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("New error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestLanguages(t *testing.T) {
	if got := newDetector(t).Languages(); !slices.Equal(got, DefaultLanguages()) {
		t.Errorf("default languages %v, want %v", got, DefaultLanguages())
	}
	d := newDetector(t, WithLanguages("fr", " EN ", "fr"))
	if got, want := d.Languages(), []string{"fr", "en"}; !slices.Equal(got, want) {
		t.Errorf("languages %v, want %v", got, want)
	}
	// Outside its set a detector names the nearest language it knows.
	if got := d.Detect("Die Regierung will die Förderung für Wärmepumpen im kommenden Jahr deutlich kürzen."); got.Code != "en" && got.Code != "fr" {
		t.Errorf("German with {fr, en}: %+v", got)
	}
}

func TestProcess(t *testing.T) {
	d := newDetector(t)
	doc := decodeFile(t, "testdata/fr-port.txt")
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if doc.Event.Language == nil || doc.Event.Language.Code != "fr" {
		t.Fatalf("Language %+v, want fr", doc.Event.Language)
	}
	if doc.English() {
		t.Error("a French article is English()")
	}
	if d.Name() != StageName {
		t.Errorf("Name %q", d.Name())
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	doc = &extract.Document{}
	if err := d.Process(ctx, doc); !errors.Is(err, context.Canceled) || doc.Event.Language != nil {
		t.Errorf("cancelled: error %v, language %+v", err, doc.Event.Language)
	}
}

func TestSample(t *testing.T) {
	tests := []struct {
		name string
		text string
		n    int
		want string
	}{
		{"short", "Hello world", 64, "Hello world"},
		{"at a space", "aaaa bbbb cccc", 9, "aaaa"},
		{"exactly", "aaaa bbbb", 9, "aaaa bbbb"},
		{"word cut back", "aaaa bbbbbbbb", 7, "aaaa"},
		{"no space", "abcdefgh", 5, "abcde"},
		{"rune boundary", "日本語の文", 7, "日本"},
		{"zero", "abc", 0, ""},
		{"space too far", strings.Repeat("x", 40) + " " + strings.Repeat("y", 40), 80, strings.Repeat("x", 40) + " " + strings.Repeat("y", 39)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sample(tt.text, tt.n); got != tt.want {
				t.Errorf("Sample(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
		})
	}
}

// TestConcurrent runs one detector from several goroutines (run with
// -race) and checks that each gets the serial answer.
func TestConcurrent(t *testing.T) {
	d := newDetector(t)
	paras := fixtureParagraphs(t)
	want := make([]event.Language, len(paras))
	for i, p := range paras {
		want[i] = d.Detect(p.text)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range paras {
				j := (i + g*7) % len(paras)
				doc := &extract.Document{Event: event.Event{Text: paras[j].text}}
				if err := d.Process(t.Context(), doc); err != nil {
					t.Error(err)
					return
				}
				if *doc.Event.Language != want[j] {
					t.Errorf("goroutine %d paragraph %d: %+v, serial %+v", g, j, *doc.Event.Language, want[j])
				}
			}
		})
	}
	wg.Wait()
}

func TestSharedSample(t *testing.T) {
	if _, err := os.Stat(sharedSample); err != nil {
		t.Skipf("shared sample not present: %v", err)
	}
	if got := newDetector(t).Detect(articleText(t, sharedSample)); got.Code != "en" || got.Confidence < 0.9 {
		t.Errorf("shared sample: %+v, want en", got)
	}
}
