package keywords

import (
	"context"
	"errors"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
	"github.com/wirestream/wirestream/internal/extract/fallback"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// checkKeywords checks what must hold for any output: at most limit
// phrases, scores in [0,1] best first with the best at 1, counts of at
// least one, and every phrase a phrase of text.
func checkKeywords(t testing.TB, text string, kws []event.Keyword, limit int) {
	t.Helper()
	if len(kws) > limit {
		t.Errorf("%d keywords, limit %d", len(kws), limit)
	}
	folded := strings.ToLower(strings.Join(strings.Fields(text), " "))
	seen := map[string]bool{}
	for i, k := range kws {
		if !(k.Score >= 0 && k.Score <= 1) {
			t.Errorf("%q: score %v not in [0,1]", k.Text, k.Score)
		}
		if i == 0 && k.Score != 1 {
			t.Errorf("best keyword %q has score %v, want 1", k.Text, k.Score)
		}
		if i > 0 && k.Score > kws[i-1].Score {
			t.Errorf("keywords not sorted: %q (%v) after %q (%v)", k.Text, k.Score, kws[i-1].Text, kws[i-1].Score)
		}
		if k.Count < 1 {
			t.Errorf("%q: count %d", k.Text, k.Count)
		}
		if k.Text == "" || !utf8.ValidString(k.Text) || k.Text != strings.TrimSpace(k.Text) {
			t.Errorf("bad keyword text %q", k.Text)
		}
		if utf8.ValidString(text) && !strings.Contains(folded, strings.ToLower(k.Text)) {
			t.Errorf("keyword %q is not in the text", k.Text)
		}
		if seen[k.Text] {
			t.Errorf("keyword %q twice", k.Text)
		}
		seen[k.Text] = true
	}
}

func keywordTexts(kws []event.Keyword) []string {
	out := make([]string, len(kws))
	for i, k := range kws {
		out[i] = k.Text
	}
	return out
}

func TestNewOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		wantErr bool
	}{
		{name: "defaults"},
		{name: "max keywords", opts: []Option{WithMaxKeywords(5)}},
		{name: "max keywords zero", opts: []Option{WithMaxKeywords(0)}, wantErr: true},
		{name: "max keywords too many", opts: []Option{WithMaxKeywords(101)}, wantErr: true},
		{name: "max words", opts: []Option{WithMaxWords(1000)}},
		{name: "max words too few", opts: []Option{WithMaxWords(10)}, wantErr: true},
		{name: "max words too many", opts: []Option{WithMaxWords(2_000_000)}, wantErr: true},
		{name: "confidence", opts: []Option{WithMinTopicConfidence(0.5)}},
		{name: "confidence above one", opts: []Option{WithMinTopicConfidence(1.5)}, wantErr: true},
		{name: "confidence negative", opts: []Option{WithMinTopicConfidence(-0.1)}, wantErr: true},
		{name: "sections", opts: []Option{WithSectionTopics(map[string]string{"Pitch Side": LabelSport, "Business": ""})}},
		{name: "section with unknown label", opts: []Option{WithSectionTopics(map[string]string{"Gadgets": "gadgets"})}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := New(tt.opts...)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidOption) {
					t.Fatalf("New error = %v, want ErrInvalidOption", err)
				}
				return
			}
			if err != nil || x == nil {
				t.Fatalf("New: %v", err)
			}
			if x.Name() != StageName {
				t.Errorf("Name = %q", x.Name())
			}
		})
	}
}

func TestLexicon(t *testing.T) {
	lex, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.stop) < 300 {
		t.Errorf("%d stop words", len(lex.stop))
	}
	perLabel := map[int]int{}
	for _, term := range lex.topics {
		perLabel[term.label]++
		if _, stop := lex.stop[term.words[0]]; stop {
			t.Errorf("topic term %q starts with a stop word", strings.Join(term.words[:term.n], " "))
		}
	}
	for i, l := range labelSet() {
		if perLabel[i] < 20 {
			t.Errorf("label %s has %d terms", l.name, perLabel[i])
		}
	}
	if got := Labels(); len(got) != numLabels || got[0] != LabelArts || !slices.Contains(got, LabelConflict) {
		t.Errorf("Labels() = %q", got)
	}
	if code, ok := IPTCCode(LabelEconomy); !ok || code != "medtop:04000000" {
		t.Errorf("IPTCCode(economy) = %q, %v", code, ok)
	}
	if _, ok := IPTCCode("gadgets"); ok {
		t.Error("IPTCCode(gadgets) ok")
	}
}

func TestPluralStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"rates", "rate"},
		{"companies", "company"},
		{"businesses", "business"},
		{"taxes", "tax"},
		{"matches", "match"},
		{"crashes", "crash"},
		{"news", "news"},
		{"crisis", "crisis"},
		{"status", "status"},
		{"class", "class"},
		{"gas", "gas"},
		{"series", "series"},
		{"dies", "die"},
		{"keys", "key"},
		{"earthquake", "earthquake"},
		{"u.s.", "u.s."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, y := pluralStem([]byte(tt.in))
			got := tt.in[:n]
			if y {
				got += "y"
			}
			if got != tt.want {
				t.Errorf("pluralStem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{name: "plain", text: "One thing. Another thing! A third? Yes.", want: []string{"One thing.", "Another thing!", "A third?", "Yes."}},
		{name: "titles and initials", text: "Gen. Ivo Marek met Dr. J. Smith on Sept. 30 in the U.S. capital. He left.", want: []string{"Gen. Ivo Marek met Dr. J. Smith on Sept. 30 in the U.S. capital.", "He left."}},
		{name: "closing quote", text: `"We are ready." The minister left. "Are you?" she asked.`, want: []string{`"We are ready."`, "The minister left.", `"Are you?" she asked.`}},
		{name: "times", text: "It began at 6 a.m. By noon it was over. It ended at 9 p.m. on Monday.", want: []string{"It began at 6 a.m.", "By noon it was over.", "It ended at 9 p.m. on Monday."}},
		{name: "numbers", text: "Rates fell to 2.25 percent. 41 of 44 agreed.", want: []string{"Rates fell to 2.25 percent.", "41 of 44 agreed."}},
		{name: "no terminator", text: "A headline without a stop", want: []string{"A headline without a stop"}},
		{name: "curly quotes", text: "“Iran and Russia signed,” he said. “It has started.” Then", want: []string{"“Iran and Russia signed,” he said.", "“It has started.”", "Then"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range fallback.Sentences(nil, tt.text, 0, len(tt.text)) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestKeywordCases checks single behaviours of the phrase extraction.
// parts are the headline, standfirst and body paragraphs.
func TestKeywordCases(t *testing.T) {
	tests := []struct {
		name    string
		parts   []string
		present []string // phrases that must be among the keywords
		absent  []string // phrases that must not be
	}{
		{
			name: "repeated phrase wins",
			parts: []string{"Drought grips the valley", "",
				"The drought has cut river levels. Farmers blame the drought for poor yields. Officials said the drought would last.",
				"River levels fell again on Monday, and river traffic stopped."},
			present: []string{"drought", "river levels"},
			absent:  []string{"the drought", "Monday", "said"},
		},
		{
			name: "no stop word at either end",
			parts: []string{"", "",
				"The Bank of England raised rates. The Bank of England said the rise was needed. Analysts at the bank agreed with the Bank of England."},
			present: []string{"Bank of England"},
			absent:  []string{"the Bank", "England said", "of England"},
		},
		{
			name: "plural variants are one phrase",
			parts: []string{"", "",
				"Rare earth magnets are scarce. Exports of rare earths fell. The rare earth market is small. Magnets made from rare earth metals cost more."},
			present: []string{"rare earth"},
			absent:  []string{"rare earths", "earth"},
		},
		{
			name: "numbers are no phrases",
			parts: []string{"", "",
				"The index rose 2.5 percent to 1,240 points in 2024. The index fell 3 percent in 2023 and 4 percent in 2022."},
			present: []string{"index"},
			absent:  []string{"2.5", "1,240", "2024", "percent"},
		},
		{
			name: "sentence-initial capital lowered",
			parts: []string{"", "",
				"Tariffs went up. The new tariffs hit steel. Importers said tariffs would hurt. Tariffs are a tax."},
			present: []string{"tariffs"},
			absent:  []string{"Tariffs"},
		},
		{
			name:    "empty text",
			parts:   []string{"", "", ""},
			present: nil,
		},
	}
	x := newExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extracttest.Doc(tt.parts...)
			kws := x.Keywords(doc)
			checkKeywords(t, doc.Event.Text, kws, DefaultMaxKeywords)
			got := keywordTexts(kws)
			for _, p := range tt.present {
				if !slices.Contains(got, p) {
					t.Errorf("%q missing from %q", p, got)
				}
			}
			for _, a := range tt.absent {
				if slices.Contains(got, a) {
					t.Errorf("%q in %q", a, got)
				}
			}
		})
	}
}

// TestEntities checks the two uses of the entities stage's mentions: a
// phrase that cuts through a name is dropped, and two phrases that name
// one entity are one keyword.
func TestEntities(t *testing.T) {
	doc := extracttest.Doc("", "",
		"The European Central Bank lowered rates. The European Central Bank said the ECB would wait. "+
			"Later the ECB said again that the ECB was ready. Central Bank lowered is no phrase.")
	text := doc.Event.Text
	var mentions []event.Mention
	for _, m := range []string{"European Central Bank", "ECB"} {
		for i := 0; ; {
			j := strings.Index(text[i:], m)
			if j < 0 {
				break
			}
			mentions = append(mentions, event.Mention{Start: i + j, End: i + j + len(m), Text: m})
			i += j + len(m)
		}
	}
	slices.SortFunc(mentions, func(a, b event.Mention) int { return a.Start - b.Start })
	x := newExtractor(t)
	without := keywordTexts(x.Keywords(doc))
	if !slices.Contains(without, "ECB") || !slices.Contains(without, "European Central Bank") {
		t.Fatalf("without entities: %q", without)
	}
	doc.Event.Entities = []event.Entity{{Name: "European Central Bank", Type: event.EntityOrganization, Count: len(mentions), Mentions: mentions}}
	got := keywordTexts(x.Keywords(doc))
	n := 0
	for _, k := range got {
		if k == "ECB" || k == "European Central Bank" {
			n++
		}
		if k == "Central Bank" || k == "Central Bank lowered" || k == "European Central" {
			t.Errorf("phrase %q cuts through a mention: %q", k, got)
		}
	}
	if n != 1 {
		t.Errorf("want one of ECB and European Central Bank, got %q", got)
	}
}

// TestSegmentTokens checks that the stage gives the same keywords and
// topic from the segment stage's sentences and tokens as from its own
// split, and that it survives tokens it cannot use.
func TestSegmentTokens(t *testing.T) {
	x := newExtractor(t)
	for _, path := range extracttest.SampleFiles(t) {
		t.Run(extracttest.SampleName(path), func(t *testing.T) {
			doc := loadDoc(t, path)
			wantKW, wantTopic := x.Keywords(doc), x.Topic(doc)
			segmentLike(doc)
			if len(doc.Tokens) == 0 || len(doc.Event.Sentences) == 0 {
				t.Fatal("no tokens")
			}
			gotKW, gotTopic := x.Keywords(doc), x.Topic(doc)
			if !slices.Equal(gotKW, wantKW) {
				t.Errorf("keywords from tokens:\n %v\nown split:\n %v", gotKW, wantKW)
			}
			if (gotTopic == nil) != (wantTopic == nil) || gotTopic != nil && *gotTopic != *wantTopic {
				t.Errorf("topic from tokens %v, own split %v", gotTopic, wantTopic)
			}
			// Tokens out of order or pointing outside the text are not
			// used; neither are sentences beyond the text.
			doc.Tokens[1], doc.Tokens[0] = doc.Tokens[0], doc.Tokens[1]
			if got := x.Keywords(doc); !slices.Equal(got, wantKW) {
				t.Errorf("keywords from bad tokens differ: %v", got)
			}
			doc.Event.Sentences = append(doc.Event.Sentences, event.Span{Start: len(doc.Event.Text), End: len(doc.Event.Text) + 5})
			if got := x.Keywords(doc); !slices.Equal(got, wantKW) {
				t.Errorf("keywords from bad sentences differ: %v", got)
			}
		})
	}
}

// segmentLike fills doc.Tokens and Event.Sentences the way the segment
// stage is specified to (possessives split off as in "Putin" "’s", to
// exercise that path), from this package's own split.
func segmentLike(doc *extract.Document) {
	text := doc.Event.Text
	var sents []event.Span
	for _, p := range paragraphs(nil, text, doc.Event.Paragraphs) {
		sents = fallback.Sentences(sents, text, p.Start, p.End)
	}
	var toks []extract.Token
	for si, s := range sents {
		for i := s.Start; i < s.End; {
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == ' ' || r == '\n':
				i += size
			case isWordRune(r):
				j := wordEnd(text, i, s.End)
				kind := extract.TokenNumber
				for _, c := range text[i:j] {
					if !('0' <= c && c <= '9') && c != '.' && c != ',' {
						kind = extract.TokenWord
						break
					}
				}
				switch {
				case kind == extract.TokenWord && strings.HasSuffix(text[i:j], "’s"):
					toks = append(toks,
						extract.Token{Start: int32(i), End: int32(j - 4), Kind: kind, Sentence: int32(si)},
						extract.Token{Start: int32(j - 4), End: int32(j - 3), Kind: extract.TokenPunct, Sentence: int32(si)},
						extract.Token{Start: int32(j - 1), End: int32(j), Kind: kind, Sentence: int32(si)})
				default:
					toks = append(toks, extract.Token{Start: int32(i), End: int32(j), Kind: kind, Sentence: int32(si)})
				}
				i = j
			default:
				toks = append(toks, extract.Token{Start: int32(i), End: int32(i + size), Kind: extract.TokenPunct, Sentence: int32(si)})
				i += size
			}
		}
	}
	doc.Event.Sentences, doc.Tokens = sents, toks
}

func TestTopicCases(t *testing.T) {
	tests := []struct {
		name      string
		section   string
		parts     []string
		wantLabel string // "" means no topic
		wantSrc   string
	}{
		{name: "feed section", section: "Business", parts: []string{"Anything at all", "", "The weather was fine."}, wantLabel: LabelEconomy, wantSrc: SourceFeed},
		{name: "feed section normalised", section: "  sports  NEWS ", parts: []string{"x"}, wantLabel: LabelSport, wantSrc: SourceFeed},
		{name: "feed section with ampersand", section: "Science & Technology", parts: []string{"x"}, wantLabel: LabelScience, wantSrc: SourceFeed},
		{
			name: "regional section falls through", section: "Middle East",
			parts:     []string{"Rebels shell city as ceasefire collapses", "", "Artillery and airstrikes hit the city as rebel fighters and government troops battled for control. The ceasefire collapsed after militants attacked an army post."},
			wantLabel: LabelConflict, wantSrc: SourceRules,
		},
		{
			name:      "rules: sport",
			parts:     []string{"Late goal sends champions into cup final", "", "The striker scored in the 89th minute as the champions beat their rivals 2-1 in the semi-final. The coach praised the team and the fans at the stadium. The league season ends next week."},
			wantLabel: LabelSport, wantSrc: SourceRules,
		},
		{
			name:      "rules: health",
			parts:     []string{"Measles outbreak fills hospital wards", "", "Doctors reported a rise in measles cases as the outbreak spread. The hospital said patients were treated in isolation, and health officials urged parents to get children vaccinated. The vaccine is safe, nurses said."},
			wantLabel: LabelHealth, wantSrc: SourceRules,
		},
		{
			name:      "rules: crime",
			parts:     []string{"Police arrest three over bank fraud", "", "Police arrested three suspects in a fraud investigation. Prosecutors said the men would appear in court on charges of money laundering. A judge will decide on bail at the trial."},
			wantLabel: LabelCrime, wantSrc: SourceRules,
		},
		{
			name:  "too little evidence",
			parts: []string{"A day in the life", "", "She walked to the shop and bought bread. Then she went home."},
		},
		{
			name:  "empty",
			parts: []string{"", "", ""},
		},
	}
	x := newExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extracttest.Doc(tt.parts...)
			doc.Event.Section = tt.section
			got := x.Topic(doc)
			if tt.wantLabel == "" {
				if got != nil {
					t.Errorf("topic = %+v, want none", *got)
				}
				return
			}
			if got == nil {
				t.Fatalf("no topic, want %s", tt.wantLabel)
			}
			if got.Label != tt.wantLabel || got.Source != tt.wantSrc {
				t.Errorf("topic = %+v, want %s from %s", *got, tt.wantLabel, tt.wantSrc)
			}
			if got.Confidence < DefaultMinTopicConfidence || got.Confidence > 1 {
				t.Errorf("confidence %v", got.Confidence)
			}
		})
	}
}

// TestSampleTopics checks the labels the brief asks for on the project's
// samples, from the rules alone (sections removed) and through Process.
func TestSampleTopics(t *testing.T) {
	want := map[string][]string{
		"01-ecb-rates":             {LabelEconomy},
		"02-un-climate-summit":     {LabelEnvironment},
		"03-mindanao-earthquake":   {LabelDisaster},
		"04-us-china-trade":        {LabelEconomy},
		"05-esa-lunar-lander":      {LabelScience},
		"06-rotterdam-port-strike": {LabelLabour, LabelEconomy},
	}
	x := newExtractor(t)
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			labels, ok := want[name]
			if !ok {
				t.Skipf("no expectation for %s", name)
			}
			doc := loadDoc(t, path)
			if err := x.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if tp := doc.Event.Topic; tp == nil || !slices.Contains(labels, tp.Label) {
				t.Errorf("Process topic = %+v, want one of %q", tp, labels)
			}
			doc.Event.Section = ""
			if tp := x.Topic(doc); tp == nil || tp.Source != SourceRules || !slices.Contains(labels, tp.Label) {
				t.Errorf("rules topic = %+v, want one of %q", tp, labels)
			}
		})
	}
}

// TestSharedSample runs the stage on the real wire article.
func TestSharedSample(t *testing.T) {
	if _, err := os.Stat(extracttest.SharedSample); errors.Is(err, os.ErrNotExist) {
		t.Skipf("sample %s absent", extracttest.SharedSample)
	}
	doc := loadDoc(t, extracttest.SharedSample)
	x := newExtractor(t)
	if err := x.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	tp := doc.Event.Topic
	if tp == nil || tp.Source != SourceRules || (tp.Label != LabelConflict && tp.Label != LabelPolitics) {
		t.Errorf("topic = %+v, want conflict or politics", tp)
	}
	checkKeywords(t, doc.Event.Text, doc.Event.Keywords, DefaultMaxKeywords)
	got := keywordTexts(doc.Event.Keywords)
	for _, w := range []string{"Assad", "Syria", "Iran", "Russia", "Tehran"} {
		if !slices.Contains(got, w) {
			t.Errorf("%q missing from %q", w, got)
		}
	}
	for _, k := range got {
		// Nothing from the related stories (not in Text), no title alone.
		if k == "Obama" || k == "Mali" || k == "President" {
			t.Errorf("unexpected keyword %q in %q", k, got)
		}
	}
}

func TestProcess(t *testing.T) {
	x := newExtractor(t, WithMaxKeywords(3))
	tests := []struct {
		name        string
		lang        *event.Language
		section     string
		wantSkipped bool
		wantKW      bool
		wantTopic   string
	}{
		{name: "english", lang: &event.Language{Code: "en", Confidence: 0.99}, wantKW: true, wantTopic: LabelConflict},
		{name: "language not detected", lang: nil, wantKW: true, wantTopic: LabelConflict},
		{name: "undetermined", lang: &event.Language{Code: "und"}, wantKW: true, wantTopic: LabelConflict},
		{name: "english with section", lang: &event.Language{Code: "en"}, section: "Politics", wantKW: true, wantTopic: LabelPolitics},
		{name: "french", lang: &event.Language{Code: "fr", Confidence: 0.9}, wantSkipped: true},
		{name: "french with section", lang: &event.Language{Code: "fr"}, section: "Sport", wantSkipped: true, wantTopic: LabelSport},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extracttest.Doc("Rebels shell city as ceasefire collapses", "",
				"Artillery and airstrikes hit the city as rebel fighters and government troops battled. The ceasefire collapsed after militants attacked an army post, and rebel fighters fled.")
			doc.Event.Language = tt.lang
			doc.Event.Section = tt.section
			doc.Event.Keywords = []event.Keyword{{Text: "stale"}}
			if err := x.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if got := doc.TakeSkipped(); got != tt.wantSkipped {
				t.Errorf("skipped = %v", got)
			}
			if tt.wantSkipped && (len(doc.Event.Warnings) != 1 || doc.Event.Warnings[0].Message != "skipped: language "+tt.lang.Code) {
				t.Errorf("warnings = %v", doc.Event.Warnings)
			}
			if got := len(doc.Event.Keywords) > 0; got != tt.wantKW {
				t.Errorf("keywords = %v", doc.Event.Keywords)
			}
			checkKeywords(t, doc.Event.Text, doc.Event.Keywords, 3)
			switch tp := doc.Event.Topic; {
			case tt.wantTopic == "" && tp != nil:
				t.Errorf("topic = %+v, want none", *tp)
			case tt.wantTopic != "" && (tp == nil || tp.Label != tt.wantTopic):
				t.Errorf("topic = %+v, want %s", tp, tt.wantTopic)
			}
		})
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := x.Process(ctx, extracttest.Doc("a", "", "b")); !errors.Is(err, context.Canceled) {
		t.Errorf("Process with a cancelled context: %v", err)
	}
}

func TestMaxWords(t *testing.T) {
	x := newExtractor(t, WithMaxWords(100))
	body := strings.Repeat("The harbour cranes stood idle while dockworkers held a strike. ", 40)
	doc := extracttest.Doc("Strike at the harbour", "", body)
	if err := x.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Event.Warnings) != 1 || !strings.Contains(doc.Event.Warnings[0].Message, "100 words") {
		t.Errorf("warnings = %v", doc.Event.Warnings)
	}
	checkKeywords(t, doc.Event.Text, doc.Event.Keywords, DefaultMaxKeywords)
	if len(doc.Event.Keywords) == 0 {
		t.Error("no keywords from the first 100 words")
	}
}

// TestConcurrent runs one extractor from several goroutines on
// different articles; run it with -race.
func TestConcurrent(t *testing.T) {
	x := newExtractor(t)
	files := extracttest.SampleFiles(t)
	docs := make([]*extract.Document, len(files))
	want := make([][]event.Keyword, len(files))
	for i, f := range files {
		docs[i] = loadDoc(t, f)
		want[i] = x.Keywords(docs[i])
	}
	errs := make(chan string, 8)
	for g := range 8 {
		go func() {
			msg := ""
			for r := range 20 {
				i := (g + r) % len(docs)
				if got := x.Keywords(docs[i]); !slices.Equal(got, want[i]) {
					msg = "concurrent keywords differ for " + files[i]
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
