package samplegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// generate returns the first n articles of seed with opts.
func generate(t testing.TB, n int, seed int64, opts ...Option) []Article {
	t.Helper()
	g := New(seed, opts...)
	arts := make([]Article, n)
	for i := range arts {
		arts[i] = g.Next()
	}
	return arts
}

// allFormats makes a third of the articles of each format, and some near
// duplicates, so that every code path runs.
var allFormats = []Option{WithFormats(1, 1, 1), WithDuplicates(0.1)}

func TestDeterministic(t *testing.T) {
	a := generate(t, 300, 42, allFormats...)
	b := generate(t, 300, 42, allFormats...)
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Source != b[i].Source || a[i].Format != b[i].Format ||
			a[i].DuplicateOf != b[i].DuplicateOf || !bytes.Equal(a[i].Payload, b[i].Payload) {
			t.Fatalf("article %d differs between two generators with seed 42", i)
		}
	}

	c := generate(t, 20, 43, allFormats...)
	same := 0
	for i := range c {
		if bytes.Equal(a[i].Payload, c[i].Payload) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d of 20 articles are the same for seeds 42 and 43", same)
	}
}

func TestIDs(t *testing.T) {
	tests := []struct {
		name string
		seed int64
		want []string
	}{
		{"positive seed", 7, []string{"gen-7-0", "gen-7-1", "gen-7-2"}},
		{"zero seed", 0, []string{"gen-0-0", "gen-0-1", "gen-0-2"}},
		{"negative seed", -3, []string{"gen--3-0", "gen--3-1", "gen--3-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range generate(t, len(tt.want), tt.seed, WithDuplicates(0.5)) {
				got = append(got, a.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("IDs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSizeDistribution(t *testing.T) {
	tests := []struct {
		name   string
		opts   []Option
		target int
	}{
		{"default", nil, DefaultTargetSize},
		{"2 KiB text", []Option{WithTargetSize(2 << 10)}, 2 << 10},
		{"8 KiB all formats", []Option{WithTargetSize(8 << 10), WithFormats(1, 1, 1)}, 8 << 10},
		{"5 KiB json", []Option{WithFormats(0, 1, 0)}, DefaultTargetSize},
		{"5 KiB html", []Option{WithFormats(0, 0, 1)}, DefaultTargetSize},
		{"20 KiB with duplicates", []Option{WithTargetSize(20 << 10), WithDuplicates(0.2)}, 20 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const n = 1000
			var sum, small, large int
			for _, a := range generate(t, n, 1, tt.opts...) {
				size := len(a.Payload)
				if size < MinSize || size > 4*tt.target {
					t.Errorf("%s: %d bytes, outside [%d, %d]", a.ID, size, MinSize, 4*tt.target)
				}
				sum += size
				if size < tt.target*7/10 {
					small++
				}
				if size > tt.target*14/10 {
					large++
				}
			}
			mean := float64(sum) / n
			if math.Abs(mean-float64(tt.target)) > 0.15*float64(tt.target) {
				t.Errorf("mean size %.0f, want within 15%% of %d", mean, tt.target)
			}
			// A realistic spread: well over 5% of the articles below
			// 0.7× and above 1.4× the target.
			if small < n/20 || large < n/20 {
				t.Errorf("%d articles below 0.7× and %d above 1.4× the target, want at least %d each", small, large, n/20)
			}
		})
	}
}

func TestWireText(t *testing.T) {
	known := Sections()
	for _, a := range generate(t, 500, 3, WithDuplicates(0.2)) {
		if a.Format != FormatText {
			t.Fatalf("%s: format %q, want text by default", a.ID, a.Format)
		}
		checkText(t, a, string(a.Payload))
		lines := strings.Split(string(a.Payload), "\n")
		sep := slices.Index(lines, "-")
		if sep < 0 {
			t.Errorf("%s: no \"-\" line", a.ID)
			continue
		}
		if body := sep - 2; body < minParas || body > maxParas {
			t.Errorf("%s: %d body paragraphs, want %d to %d", a.ID, body, minParas, maxParas)
		}
		for i, line := range lines[:sep] {
			if line == "" || line != strings.TrimSpace(line) {
				t.Errorf("%s: line %d is empty or padded: %q", a.ID, i+1, line)
			}
		}
		related := lines[sep+1:]
		if len(related)%2 != 0 || len(related) > 24 {
			t.Errorf("%s: %d related-story lines, want pairs, at most 12", a.ID, len(related))
			continue
		}
		for i := 1; i < len(related); i += 2 {
			teaser, last := related[i], i == len(related)-1
			if strings.HasSuffix(teaser, " -") == last {
				t.Errorf("%s: teaser %q: trailing \" -\" must mark every item but the last", a.ID, teaser)
			}
			teaser = strings.TrimSuffix(teaser, " -")
			if !slices.ContainsFunc(known, func(s string) bool { return strings.HasSuffix(teaser, " "+s) }) {
				t.Errorf("%s: teaser %q does not end with a section", a.ID, teaser)
			}
			if strings.HasSuffix(related[i-1], " -") {
				t.Errorf("%s: headline %q ends like a teaser", a.ID, related[i-1])
			}
		}
	}
}

// envelope is the JSON envelope, field for field.
type envelope struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	URL         string `json:"url"`
	PublishedAt string `json:"published_at"`
	Headline    string `json:"headline"`
	Standfirst  string `json:"standfirst"`
	Body        string `json:"body"`
	Section     string `json:"section"`
	Byline      string `json:"byline"`
	Related     []struct {
		Headline string `json:"headline"`
		Teaser   string `json:"teaser"`
		Section  string `json:"section"`
	} `json:"related"`
}

func TestJSON(t *testing.T) {
	known := Sections()
	for _, a := range generate(t, 300, 4, WithFormats(0, 1, 0), WithDuplicates(0.2)) {
		var env envelope
		dec := json.NewDecoder(bytes.NewReader(a.Payload))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&env); err != nil {
			t.Fatalf("%s: %v\n%s", a.ID, err, a.Payload)
		}
		if env.ID != a.ID || env.Source != a.Source {
			t.Errorf("%s: envelope id %q, source %q, want %q, %q", a.ID, env.ID, env.Source, a.ID, a.Source)
		}
		if _, err := time.Parse(time.RFC3339, env.PublishedAt); err != nil {
			t.Errorf("%s: published_at: %v", a.ID, err)
		}
		if u, err := url.Parse(env.URL); err != nil || !u.IsAbs() || u.Host == "" {
			t.Errorf("%s: url %q is not absolute", a.ID, env.URL)
		}
		if env.Headline == "" || env.Standfirst == "" || !strings.HasPrefix(env.Byline, "By ") {
			t.Errorf("%s: empty headline or standfirst, or byline %q", a.ID, env.Byline)
		}
		if n := len(strings.Split(env.Body, "\n\n")); n < minParas || n > maxParas {
			t.Errorf("%s: %d body paragraphs, want %d to %d", a.ID, n, minParas, maxParas)
		}
		checkText(t, a, env.Body)
		if !slices.Contains(known, env.Section) {
			t.Errorf("%s: unknown section %q", a.ID, env.Section)
		}
		for _, r := range env.Related {
			if r.Headline == "" || r.Teaser == "" || !slices.Contains(known, r.Section) {
				t.Errorf("%s: related story %+v", a.ID, r)
			}
		}
	}
}

func TestHTML(t *testing.T) {
	for _, a := range generate(t, 300, 5, WithFormats(0, 0, 1), WithDuplicates(0.2)) {
		if !utf8.Valid(a.Payload) {
			t.Fatalf("%s: invalid UTF-8", a.ID)
		}
		checkBalanced(t, a)
		doc, err := html.Parse(bytes.NewReader(a.Payload))
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		var title, h1, published, description string
		var paras int
		inArticle := false
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "title":
				title = textOf(n)
			case "h1":
				h1 = textOf(n)
			case "meta":
				switch attr(n, "property") + attr(n, "name") {
				case "article:published_time":
					published = attr(n, "content")
				case "description":
					description = attr(n, "content")
				}
			case "article":
				inArticle = true
			case "p":
				if inArticle && attr(n, "class") == "" && n.Parent.Data == "article" {
					paras++
				}
			}
		}
		if h1 == "" || !strings.HasPrefix(title, h1+" | ") {
			t.Errorf("%s: title %q does not start with the h1 %q", a.ID, title, h1)
		}
		if _, err := time.Parse(time.RFC3339, published); err != nil {
			t.Errorf("%s: article:published_time: %v", a.ID, err)
		}
		if description == "" {
			t.Errorf("%s: no meta description", a.ID)
		}
		if paras < minParas || paras > maxParas {
			t.Errorf("%s: %d body paragraphs, want %d to %d", a.ID, paras, minParas, maxParas)
		}
	}
}

// checkBalanced checks that the non-void elements of the page open and
// close in order, which html.Parse would quietly repair.
func checkBalanced(t *testing.T, a Article) {
	t.Helper()
	var stack []string
	z := html.NewTokenizer(bytes.NewReader(a.Payload))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if len(stack) > 0 {
				t.Errorf("%s: unclosed elements %q", a.ID, stack)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if s := string(name); s != "meta" && s != "link" {
				stack = append(stack, s)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Errorf("%s: </%s> closes %q", a.ID, name, stack)
				return
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// checkText checks article text for what a template mistake leaves.
func checkText(t *testing.T, a Article, text string) {
	t.Helper()
	for _, bad := range []string{"{", "}", "  ", " ,", " .", "..", "the the ", "a a "} {
		if i := strings.Index(strings.ReplaceAll(text, " ...", ""), bad); i >= 0 {
			t.Errorf("%s: text holds %q: ...%s...", a.ID, bad, text[max(0, i-40):min(len(text), i+40)])
		}
	}
	if !utf8.ValidString(text) {
		t.Errorf("%s: invalid UTF-8", a.ID)
	}
}

func TestNamedEntities(t *testing.T) {
	// Each article names at least min distinct capitalized words that do
	// not start a sentence: the names of people, places, organizations and
	// dates that the entity stage should find.
	tests := []struct {
		name   string
		target int
		min    int
	}{
		{"smallest", MinSize, 5},
		{"default", DefaultTargetSize, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, a := range generate(t, 500, 6, WithTargetSize(tt.target), WithDuplicates(0.2)) {
				text := string(a.Payload[:bytes.Index(a.Payload, []byte("\n-"))])
				if names := capitalizedWords(text); len(names) < tt.min {
					t.Errorf("%s: %d capitalized names %q, want at least %d\n%s", a.ID, len(names), names, tt.min, text)
				}
			}
		})
	}
}

// capitalizedWords returns the distinct capitalized words of text that do
// not start a sentence or a quote.
func capitalizedWords(text string) []string {
	seen := map[string]bool{}
	for line := range strings.SplitSeq(text, "\n") {
		start := true
		for w := range strings.FieldsSeq(line) {
			r, _ := utf8.DecodeRuneInString(w)
			if !start && unicode.IsUpper(r) {
				seen[strings.TrimRight(w, ".,;:’'\"”")] = true
			}
			start = strings.HasSuffix(w, ".") && !isAbbreviation(w) || strings.ContainsAny(w[:1], "“\"")
		}
	}
	names := make([]string, 0, len(seen))
	for w := range seen {
		names = append(names, w)
	}
	slices.Sort(names)
	return names
}

func isAbbreviation(w string) bool {
	switch strings.TrimRight(w, ",") {
	case "U.S.", "U.N.", "Gen.", "Lt.", "Col.", "Sen.", "Gov.", "No.", "Jr.", "St.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.":
		return true
	}
	return false
}

func TestDuplicates(t *testing.T) {
	const n = 1000
	arts := generate(t, n, 8, WithDuplicates(0.3), WithFormats(1, 1, 1))
	byID := map[string]Article{}
	dups := 0
	for _, a := range arts {
		byID[a.ID] = a
		if a.DuplicateOf == "" {
			continue
		}
		dups++
		orig, ok := byID[a.DuplicateOf]
		if !ok {
			t.Fatalf("%s: duplicate of %q, which is not an earlier article", a.ID, a.DuplicateOf)
		}
		if orig.DuplicateOf != "" {
			t.Errorf("%s: duplicate of %s, itself a duplicate", a.ID, orig.ID)
		}
		if orig.Source != a.Source || orig.Format != a.Format {
			t.Errorf("%s: source or format differs from its original", a.ID)
		}
		if bytes.Equal(orig.Payload, a.Payload) {
			t.Errorf("%s: identical to its original", a.ID)
		}
		// The re-send keeps nearly every word of the original: it only
		// corrects one and may add a paragraph.
		if c := containment(orig.Payload, a.Payload); c < 0.95 {
			t.Errorf("%s: holds %.2f of the distinct words of its original, want a near duplicate (≥ 0.95)", a.ID, c)
		}
	}
	if frac := float64(dups) / n; math.Abs(frac-0.3) > 0.05 {
		t.Errorf("%.2f of the articles are duplicates, want 0.3 ± 0.05", frac)
	}
	for _, a := range generate(t, 200, 8) {
		if a.DuplicateOf != "" {
			t.Fatalf("%s: duplicate without WithDuplicates", a.ID)
		}
	}
}

// containment is the fraction of the distinct words of a found in b.
func containment(a, b []byte) float64 {
	words := func(p []byte) map[string]bool {
		m := map[string]bool{}
		for _, w := range bytes.Fields(p) {
			m[string(w)] = true
		}
		return m
	}
	wa, wb := words(a), words(b)
	inter := 0
	for w := range wa {
		if wb[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(wa))
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want map[Format]float64
	}{
		{"default", nil, map[Format]float64{FormatText: 1}},
		{"mix", []Option{WithFormats(0.5, 0.3, 0.2)}, map[Format]float64{FormatText: 0.5, FormatJSON: 0.3, FormatHTML: 0.2}},
		{"html only", []Option{WithFormats(0, 0, 3)}, map[Format]float64{FormatHTML: 1}},
		{"all zero", []Option{WithFormats(0, 0, 0)}, map[Format]float64{FormatText: 1}},
		{"negative", []Option{WithFormats(-1, 1, 0)}, map[Format]float64{FormatJSON: 1}},
		{"NaN and infinity", []Option{WithFormats(math.NaN(), math.Inf(1), 1)}, map[Format]float64{FormatHTML: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const n = 2000
			got := map[Format]int{}
			for _, a := range generate(t, n, 9, tt.opts...) {
				got[a.Format]++
			}
			for _, f := range []Format{FormatText, FormatJSON, FormatHTML} {
				if frac := float64(got[f]) / n; math.Abs(frac-tt.want[f]) > 0.04 {
					t.Errorf("%s: %.3f of the articles, want %.2f", f, frac, tt.want[f])
				}
			}
		})
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want config
	}{
		{"tiny target", WithTargetSize(10), config{targetSize: MinSize}},
		{"negative duplicates", WithDuplicates(-1), config{duplicates: 0}},
		{"NaN duplicates", WithDuplicates(math.NaN()), config{duplicates: 0}},
		{"duplicates above 1", WithDuplicates(2), config{duplicates: 1}},
		{"sources", WithSources("a", "b"), config{sources: []string{"a", "b"}}},
		{"no sources", WithSources(), config{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got config
			tt.opt(&got)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("config = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSources(t *testing.T) {
	got := map[string]bool{}
	for _, a := range generate(t, 200, 10, WithSources("alpha", "beta")) {
		got[a.Source] = true
	}
	if len(got) != 2 || !got["alpha"] || !got["beta"] {
		t.Errorf("sources %v, want alpha and beta", got)
	}
}

func TestContentType(t *testing.T) {
	tests := []struct {
		f    Format
		want string
	}{
		{FormatText, "text/plain; charset=utf-8"},
		{FormatJSON, "application/json"},
		{FormatHTML, "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		if got := tt.f.ContentType(); got != tt.want {
			t.Errorf("%s: ContentType() = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// TestTemplates expands every template of the tables once for every
// topic's cast, so that a typo in a rarely drawn template fails here.
func TestTemplates(t *testing.T) {
	g := New(11)
	var all []string
	for _, tp := range topics {
		all = slices.Concat(all, tp.headlines, tp.standfirsts, tp.leads, tp.body, tp.teasers)
	}
	all = slices.Concat(all, general, neutral, quotes, officials)
	for topic := range numTopics {
		g.pickCast(topic)
		for _, tpl := range all {
			g.st.buf = g.st.buf[:0]
			g.st.buf = g.expand(g.st.buf, compile(tpl, map[string]slotID{}))
			if s := string(g.st.buf); s != tpl {
				t.Errorf("template %q compiles with no slots to %q", tpl, s)
			}
			g.st.buf = g.st.buf[:0]
			g.st.buf = g.expand(g.st.buf, compileOne(tpl))
			if s := string(g.st.buf); strings.ContainsAny(s, "{}") {
				t.Errorf("template %q expands to %q", tpl, s)
			}
		}
	}
	for _, tp := range topics {
		if len(tp.body) > 64 || len(tp.headlines) == 0 || len(tp.standfirsts) == 0 || len(tp.leads) == 0 || len(tp.teasers) == 0 {
			t.Errorf("topic with headline %q: a template list is empty, or body has over 64", tp.headlines)
		}
	}
	if len(general) > 64 || len(neutral) > 64 {
		t.Errorf("shared pools hold %d and %d templates, at most 64 each", len(general), len(neutral))
	}
}

// compileOne compiles s with all the slots known.
func compileOne(s string) tmpl {
	byName := map[string]slotID{}
	for id, name := range slotNames[1:] {
		byName[name] = slotID(id + 1)
	}
	return compile(s, byName)
}

func TestVocabulary(t *testing.T) {
	ix := buildIndexes()
	for i, p := range people {
		if ix.personCountry[i] < 0 && ix.personOrg[i] < 0 {
			t.Errorf("%s: home %q is neither a country nor an organization", p.name, p.home)
		}
	}
	for i, o := range orgs {
		if o.home != "" && ix.orgCountry[i] < 0 {
			t.Errorf("%s: home %q is not a country", o.name, o.home)
		}
	}
	for k, list := range ix.byKind {
		if len(list) == 0 {
			t.Errorf("no people of kind %d", k)
		}
	}
	for k, list := range ix.orgByKind {
		if len(list) == 0 {
			t.Errorf("no organizations of kind %d", k)
		}
	}
	for i := range ix.byKind[kindEcon] {
		p := ix.byKind[kindEcon][i]
		if ix.centralBank[ix.personCountry[p]] < 0 {
			t.Errorf("%s: no central bank for %s", people[p].name, people[p].home)
		}
	}
	if len(people) < 150 || len(countries) < 75 || len(orgs) < 80 {
		t.Errorf("%d people, %d countries, %d organizations: the vocabulary shrank", len(people), len(countries), len(orgs))
	}
}

func TestSections(t *testing.T) {
	got := Sections()
	if len(got) != len(sections) || got[0] != "Middle East" {
		t.Errorf("Sections() = %q", got)
	}
	got[0] = "changed"
	if Sections()[0] != "Middle East" {
		t.Error("Sections() returned shared state")
	}
}

func TestAppendSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Argentina edge Norway to reach Copa América quarterfinals", "argentina-edge-norway-to-reach-copa-america-quarterfinals"},
		{"U.S. says 14 killed in strikes near São Paulo", "us-says-14-killed-in-strikes-near-sao-paulo"},
		{"Kremlin hails ‘unity’ after Świątek’s visit", "kremlin-hails-unity-after-witeks-visit"},
		{"S&P 500 hits record high as tech stocks rally and investors bet on cuts", "s-p-500-hits-record-high-as-tech-stocks-rally-and-investors-bet"},
	}
	for _, tt := range tests {
		if got := string(appendSlug(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("appendSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkNext(b *testing.B) {
	benchmarks := []struct {
		name string
		opts []Option
	}{
		{"text", nil},
		{"json", []Option{WithFormats(0, 1, 0)}},
		{"html", []Option{WithFormats(0, 0, 1)}},
		{"mixed_dup", []Option{WithFormats(1, 1, 1), WithDuplicates(0.1)}},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			g := New(1, bm.opts...)
			var total int64
			b.ReportAllocs()
			for b.Loop() {
				total += int64(len(g.Next().Payload))
			}
			b.SetBytes(total / int64(b.N))
		})
	}
}

func TestAppendJSONString(t *testing.T) {
	tests := []string{
		"",
		"plain text",
		`quote " and backslash \ here`,
		"control \x00\x01\x1f tab\t newline\n",
		"S&P 500 <b> “curly” ‘quotes’ São Paulo \u2028",
	}
	for _, in := range tests {
		raw := appendJSONString(nil, in)
		var got string
		if err := json.Unmarshal(raw, &got); err != nil || got != in {
			t.Errorf("appendJSONString(%q) = %s, decodes to %q, %v", in, raw, got, err)
		}
	}
}

func TestAppendHTML(t *testing.T) {
	tests := []struct {
		in   string
		attr bool
		want string
	}{
		{`S&P 500 <up> "x"`, false, `S&amp;P 500 &lt;up&gt; "x"`},
		{`S&P 500 <up> "x"`, true, `S&amp;P 500 &lt;up&gt; &#34;x&#34;`},
		{"“São Paulo”", true, "“São Paulo”"},
	}
	for _, tt := range tests {
		if got := string(appendHTML(nil, []byte(tt.in), tt.attr)); got != tt.want {
			t.Errorf("appendHTML(%q, %v) = %q, want %q", tt.in, tt.attr, got, tt.want)
		}
	}
}
