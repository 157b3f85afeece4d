package ner

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

// samplePath is the shared real wire article, outside the repository.
const samplePath = "../../../shared/samples/wire-article.txt"

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

// testGazetteer loads the gazetteer once for all tests of the package.
func testGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	gazOnce.Do(func() { gaz, gazErr = gazetteer.Load() })
	if gazErr != nil {
		t.Fatalf("load gazetteer: %v", gazErr)
	}
	return gaz
}

func testTagger(t testing.TB, opts ...Option) *Tagger {
	t.Helper()
	tg, err := Load(append([]Option{WithGazetteer(testGazetteer(t))}, opts...)...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tg
}

// readArticle returns testdata/article.txt as the decode stage would
// give it: paragraphs separated by blank lines.
func readArticle(t testing.TB) string {
	t.Helper()
	raw, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// paragraphText joins the non-empty lines of wire text, all of them
// including the related stories, into paragraphs.
func paragraphText(raw string) string {
	var parts []string
	for line := range strings.SplitSeq(raw, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && line != "-" {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, "\n\n")
}

func TestLoad(t *testing.T) {
	tg := testTagger(t)
	m := tg.Model()
	if m.Features() < 1000 {
		t.Errorf("model has %d features", m.Features())
	}
	if m.Meta.DevF1 < 0.9 || m.Meta.Created == "" || m.Meta.Command == "" {
		t.Errorf("model metadata %+v", m.Meta)
	}
	m2, err := EmbeddedModel()
	if err != nil || m2 != m {
		t.Errorf("EmbeddedModel() = %p, %v; want the shared %p", m2, err, m)
	}
}

func TestLoadOptions(t *testing.T) {
	if _, err := Load(WithGazetteer(nil)); !errors.Is(err, ErrNoGazetteer) {
		t.Errorf("Load(WithGazetteer(nil)) error = %v, want ErrNoGazetteer", err)
	}
	// Without a gazetteer option the tagger loads its own.
	if _, err := Load(); err != nil {
		t.Errorf("Load() error = %v", err)
	}
}

// find returns the type the tagger gives to an exact span of text, or "".
func spanTypes(text string, spans []entities.Span) map[string][]string {
	out := map[string][]string{}
	for _, s := range spans {
		w := text[s.Start:s.End]
		if !slices.Contains(out[w], s.Type) {
			out[w] = append(out[w], s.Type)
		}
	}
	return out
}

func TestSampleArticle(t *testing.T) {
	raw, err := os.ReadFile(samplePath)
	if err != nil {
		t.Skipf("sample article absent: %v", err)
	}
	text := paragraphText(string(raw))
	tg := testTagger(t)
	spans := tg.Tag(text, nil, nil)
	checkSpans(t, text, spans)
	got := spanTypes(text, spans)
	tests := []struct {
		name string
		typ  string
	}{
		{"Vladimir Putin", event.EntityPerson},
		{"Ali Khamenei", event.EntityPerson},
		{"Bashar Assad", event.EntityPerson},
		{"Qassem Soleimani", event.EntityPerson},
		{"Mehdi Sanaei", event.EntityPerson},
		{"Barack Obama", event.EntityPerson},
		{"Syria", event.EntityLocation},
		{"Iran", event.EntityLocation},
		{"Russia", event.EntityLocation},
		{"Tehran", event.EntityLocation},
		{"Moscow", event.EntityLocation},
		{"Kremlin", event.EntityOrganization},
		{"ISIS", event.EntityOrganization},
		{"Hezbollah", event.EntityOrganization},
		{"Quds Force", event.EntityOrganization},
		{"NATO", event.EntityOrganization},
		{"State Department", event.EntityOrganization},
		{"Tasnim", event.EntityOrganization},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(text, tt.name) {
				t.Skipf("%q not in the sample", tt.name)
			}
			if !slices.Contains(got[tt.name], tt.typ) {
				t.Errorf("%q: got types %v, want %s", tt.name, got[tt.name], tt.typ)
			}
		})
	}
	// The title stays out of the name and comes as a title span.
	if types := got["Ayatollah"]; strings.Contains(text, "Ayatollah Ali Khamenei") && !slices.Contains(types, entities.TypeTitle) {
		t.Errorf("Ayatollah: got %v, want a title", types)
	}
}

func TestSampleThroughStage(t *testing.T) {
	raw, err := os.ReadFile(samplePath)
	if err != nil {
		t.Skipf("sample article absent: %v", err)
	}
	text := paragraphText(string(raw))
	st, err := entities.New(testGazetteer(t), entities.WithTagger(testTagger(t)))
	if err != nil {
		t.Fatal(err)
	}
	ents := st.Extract(text, nil)
	byName := map[string]event.Entity{}
	for _, e := range ents {
		byName[e.Name] = e
	}
	for _, name := range []string{"Vladimir Putin", "Bashar al-Assad", "Ali Khamenei", "Iran", "Russia", "Kremlin", "NATO"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("stage output lacks %q", name)
		}
	}
	if e := byName["Ali Khamenei"]; !slices.Contains(e.Titles, "Ayatollah") {
		t.Errorf("Ali Khamenei titles = %v, want Ayatollah", e.Titles)
	}
}

func TestTagInvariants(t *testing.T) {
	tg := testTagger(t)
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"spaces", " \n\n\t "},
		{"punctuation", "... -- ( ) “ ”"},
		{"invalid utf8", "A\xffB Iran\xe2\x80 Syria's"},
		{"headline caps", "KREMLIN HAILS IRAN, RUSSIA UNITY ON SYRIA\n\nThe Kremlin hailed Iran."},
		{"title case", "Obama Hits New Low in Power Ranking as Putin and Merkel Top List\n\nPutin and Merkel lead."},
		{"long line", strings.Repeat("Putin met Assad in Moscow ", 400)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSpans(t, tt.in, tg.Tag(tt.in, nil, nil))
		})
	}
}

// checkSpans checks the entities.Tagger contract.
func checkSpans(t *testing.T, text string, spans []entities.Span) {
	t.Helper()
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.Start >= s.End || s.End > len(text) {
			t.Fatalf("span %d %+v after %d in %d bytes", i, s, prev, len(text))
		}
		prev = s.End
		if utf8.ValidString(text) && (!utf8.RuneStart(text[s.Start]) || s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			t.Fatalf("span %d %+v off rune boundaries", i, s)
		}
		switch s.Type {
		case event.EntityPerson, event.EntityOrganization, event.EntityLocation, event.EntityGroup,
			event.EntityMisc, entities.TypeTitle:
		default:
			t.Fatalf("span %d type %q", i, s.Type)
		}
		if s.Type == entities.TypeTitle && (i+1 >= len(spans) || spans[i+1].Type != entities.TypeTitle && spans[i+1].Type != event.EntityPerson) {
			t.Fatalf("title span %d not followed by a person", i)
		}
	}
}

func TestHeadlines(t *testing.T) {
	tg := testTagger(t)
	tests := []struct {
		name, text, span, typ string
	}{
		{"caps", "PUTIN MEETS ASSAD IN MOSCOW\n\nRussian President Vladimir Putin met Syrian President Bashar Assad in Moscow on Tuesday.", "ASSAD", event.EntityPerson},
		{"title case", "Putin Meets Assad in Moscow to Discuss Peace Plan\n\nRussian President Vladimir Putin met Syrian President Bashar Assad in Moscow on Tuesday.", "Assad", event.EntityPerson},
		{"title case word", "Putin Meets Assad in Moscow to Discuss Peace Plan\n\nRussian President Vladimir Putin met Syrian President Bashar Assad in Moscow on Tuesday to discuss a plan for peace.", "Peace", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, _, _ := strings.Cut(tt.text, "\n")
			got := ""
			for _, s := range tg.Tag(tt.text, nil, nil) {
				if s.End <= len(head) && strings.Contains(tt.text[s.Start:s.End], tt.span) {
					got = s.Type
				}
			}
			if got != tt.typ {
				t.Errorf("%q in %q: type %q, want %q", tt.span, head, got, tt.typ)
			}
		})
	}
}

func TestConcurrentTag(t *testing.T) {
	tg := testTagger(t)
	texts := []string{readArticle(t), "Putin met Assad in Moscow.", "", "KREMLIN HAILS IRAN\n\nThe Kremlin hailed Iran."}
	want := make([][]entities.Span, len(texts))
	for i, s := range texts {
		want[i] = tg.Tag(s, nil, nil)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			var buf []entities.Span
			for k := range 20 {
				i := (g + k) % len(texts)
				buf = tg.Tag(texts[i], nil, buf[:0])
				if !slices.Equal(buf, want[i]) {
					t.Errorf("goroutine %d: text %d tagged differently", g, i)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestModelRoundTrip(t *testing.T) {
	tg := testTagger(t)
	var buf bytes.Buffer
	if _, err := tg.Model().WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if m.Features() != tg.Model().Features() || m.Meta.DevF1 != tg.Model().Meta.DevF1 {
		t.Fatalf("round trip: %d features, meta %+v", m.Features(), m.Meta)
	}
	tg2, err := NewTagger(m, WithGazetteer(testGazetteer(t)))
	if err != nil {
		t.Fatal(err)
	}
	text := readArticle(t)
	if a, b := tg.Tag(text, nil, nil), tg2.Tag(text, nil, nil); !slices.Equal(a, b) {
		t.Errorf("round-tripped model tags differently")
	}
}

func TestReadModelErrors(t *testing.T) {
	var good bytes.Buffer
	if _, err := testTagger(t).Model().WriteTo(&good); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("WSNER model")},
		{"truncated", good.Bytes()[:good.Len()/2]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadModel(bytes.NewReader(tt.in)); !errors.Is(err, ErrModel) {
				t.Errorf("ReadModel error = %v, want ErrModel", err)
			}
		})
	}
}

func TestTagAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items")
	}
	tg := testTagger(t)
	text := readArticle(t)
	buf := tg.Tag(text, nil, nil)
	allocs := testing.AllocsPerRun(20, func() { buf = tg.Tag(text, nil, buf[:0]) })
	if allocs > 0 {
		t.Errorf("Tag allocates %.1f times per article, want 0", allocs)
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"Syrian President Bashar Assad met Gen. Qassem Soleimani.",
		"KREMLIN HAILS IRAN\n\nThe Kremlin hailed Iran.",
		"Obama Hits New Low in Power Ranking as Putin and Merkel Top List",
		"A\xffB C\xe2\x80 ‘Y’ Z- U.S.-led",
	} {
		f.Add(s)
	}
	tg := testTagger(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, tg.Tag(text, nil, nil))
	})
}

func BenchmarkTagger(b *testing.B) {
	tg := testTagger(b)
	text := readArticle(b)
	ntok := len(Tokenize(nil, text))
	buf := make([]entities.Span, 0, 256)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		buf = tg.Tag(text, nil, buf[:0])
	}
	reportTokens(b, cpu0, ntok)
}

// reportTokens adds tokens per second of wall time and, where the CPU
// time is known, the CPU time per operation and tokens per CPU second:
// on a shared machine the process is often descheduled, which wall time
// counts.
func reportTokens(b *testing.B, cpu0 time.Duration, ntok int) {
	b.Helper()
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	cpu := processCPU() - cpu0
	if cpu <= 0 || b.N == 0 {
		return
	}
	perOp := float64(cpu.Nanoseconds()) / float64(b.N)
	b.ReportMetric(perOp, "cpu-ns/op")
	b.ReportMetric(float64(ntok)/perOp*1e9, "cpu-tokens/s")
}

func BenchmarkStage(b *testing.B) {
	st, err := entities.New(testGazetteer(b), entities.WithTagger(testTagger(b)))
	if err != nil {
		b.Fatal(err)
	}
	text := readArticle(b)
	ntok := len(Tokenize(nil, text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		st.Extract(text, nil)
	}
	reportTokens(b, cpu0, ntok)
}
