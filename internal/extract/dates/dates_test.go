package dates

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// Anchors of the table tests.
var (
	sat = day(2015, time.October, 10) // a Saturday, in ISO week 2015-W41
	jun = day(2015, time.June, 15)    // a Monday
	jan = day(2016, time.January, 3)  // a Sunday
)

// exprTest is one table row: the text, the anchor and the mentions as
// "text=value/kind", with a "~" before the kind for relative mentions.
type exprTest struct {
	name   string
	text   string
	anchor time.Time
	want   []string
}

func runExprTests(t *testing.T, tests []exprTest) {
	t.Helper()
	d := newStage(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := d.Extract(tt.text, Anchor{Time: tt.anchor, Kind: event.AnchorPublished})
			checkMentions(t, tt.text, ms)
			got := []string{}
			for _, m := range ms {
				rel := ""
				if m.Relative {
					rel = "~"
				}
				got = append(got, m.Text+"="+m.Value+"/"+rel+m.Kind)
			}
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Extract(%q)\n got %q\nwant %q", tt.text, got, want)
			}
		})
	}
}

// TestWeekdays: a weekday with last/next/this, or with the tense of its
// sentence (anchor: Saturday 2015-10-10).
func TestWeekdays(t *testing.T) {
	runExprTests(t, []exprTest{
		{"said Monday", "The Kremlin said Monday that talks went well.", sat, []string{"Monday=2015-10-05/~date"}},
		{"future Tuesday", "He will fly to Paris on Tuesday.", sat, []string{"Tuesday=2015-10-13/~date"}},
		{"past Wednesday", "Talks resumed on Wednesday.", sat, []string{"Wednesday=2015-10-07/~date"}},
		{"past in -eed", "Negotiators agreed early on Tuesday on a text.", sat, []string{"Tuesday=2015-10-06/~date"}},
		{"not a past form", "Talks proceed on Tuesday at speed.", sat, []string{"Tuesday=2015-10-13/~date"}},
		{"future Wednesday", "Talks will resume on Wednesday.", sat, []string{"Wednesday=2015-10-14/~date"}},
		{"no tense, nearest", "Talks on Wednesday.", sat, []string{"Wednesday=2015-10-07/~date"}},
		{"no tense, ahead", "Talks on Tuesday.", sat, []string{"Tuesday=2015-10-13/~date"}},
		{"anchor day", "The vote took place on Saturday.", sat, []string{"Saturday=2015-10-10/~date"}},
		{"last Friday", "It happened last Friday.", sat, []string{"last Friday=2015-10-09/~date"}},
		{"last Saturday", "It happened last Saturday.", sat, []string{"last Saturday=2015-10-03/~date"}},
		{"next Monday", "They meet next Monday.", sat, []string{"next Monday=2015-10-12/~date"}},
		{"this Thursday", "They met this Thursday.", sat, []string{"this Thursday=2015-10-08/~date"}},
		{"report before", "The ministry said on Monday it will announce the plan.", sat, []string{"Monday=2015-10-05/~date"}},
		{"report after", "Putin will travel to Tehran on Monday, the Kremlin said.", sat, []string{"Monday=2015-10-12/~date"}},
		{"report then future clause", "A spokesman said in Washington on Friday that the U.S. would continue.", sat, []string{"Friday=2015-10-09/~date"}},
		{"passive future", "The summit is expected to be held on Sunday.", sat, []string{"Sunday=2015-10-11/~date"}},
		{"to be released", "Figures are to be released on Thursday.", sat, []string{"Thursday=2015-10-15/~date"}},
		{"since", "Since Tuesday, prices have risen.", sat, []string{"Tuesday=2015-10-06/~date"}},
		{"cue after", "On Tuesday the department added 140 companies.", sat, []string{"Tuesday=2015-10-06/~date"}},
		{"won't", "The bank won't decide before Thursday.", sat, []string{"Thursday=2015-10-15/~date"}},
		{"decimal is no sentence end", "The bank lowered its rate to 2.25 percent on Thursday but said it would wait.", sat, []string{"Thursday=2015-10-08/~date"}},
		{"expected to hit", "The storm is expected to hit on Tuesday.", sat, []string{"Tuesday=2015-10-13/~date"}},
		{"capitals", "STRIKE ENDS MONDAY", sat, []string{"MONDAY=2015-10-12/~date"}},
		{"weekday and date", "It opens on Friday, Nov. 13.", sat, []string{"Friday, Nov. 13=2015-11-13/~date"}},
		{"weekday and full date", "Polls closed on Monday, Sept. 28, 2015, at noon.", sat, []string{"Monday, Sept. 28, 2015=2015-09-28/date"}},
		{"possessive", "Sunday's vote will be close.", sat, []string{"Sunday=2015-10-11/~date"}},
		{"lower case", "a monday feeling", sat, nil},
		{"every", "Markets close every Monday.", sat, nil},
		{"plural", "Markets close on Mondays.", sat, nil},
		{"holiday", "Black Friday sales and Super Tuesday votes.", sat, nil},
		{"newspaper", "The Sunday Telegraph said so on Sunday.", sat, []string{"Sunday=2015-10-04/~date"}},
	})
}

// TestMonthDays: month and day with and without a year; without one, the
// year nearest the anchor.
func TestMonthDays(t *testing.T) {
	runExprTests(t, []exprTest{
		{"abbreviation", "It launched on Sept. 30.", sat, []string{"Sept. 30=2015-09-30/~date"}},
		{"ahead", "They signed on Nov. 9.", sat, []string{"Nov. 9=2015-11-09/~date"}},
		{"full name", "By September 30 it was over.", sat, []string{"September 30=2015-09-30/~date"}},
		{"day first", "On 30 September it was over.", sat, []string{"30 September=2015-09-30/~date"}},
		{"no period", "Due Sept 30.", sat, []string{"Sept 30=2015-09-30/~date"}},
		{"ordinal", "Due September 30th.", sat, []string{"September 30th=2015-09-30/~date"}},
		{"ordinal of", "On the 30th of September.", sat, []string{"30th of September=2015-09-30/~date"}},
		{"with year", "It launched on Sept. 30, 2015, at dawn.", sat, []string{"Sept. 30, 2015=2015-09-30/date"}},
		{"day first with year", "On 30 September 2014 it began.", sat, []string{"30 September 2014=2014-09-30/date"}},
		{"previous year", "It began on Dec. 28.", jan, []string{"Dec. 28=2015-12-28/~date"}},
		{"next year", "It ends on Jan. 5.", jan, []string{"Jan. 5=2016-01-05/~date"}},
		{"nearest, whatever the tense", "It began on March 2.", sat, []string{"March 2=2016-03-02/~date"}},
		{"at a paragraph start", "Talks.\n\n30 September was the day.", sat, []string{"30 September=2015-09-30/~date"}},
		{"day range", "Talks run Nov. 9-11.", sat, []string{"Nov. 9-11=2015-11-09/2015-11-11/~range"}},
		{"day range day first", "Talks run 9-11 November 2016.", sat, []string{"9-11 November 2016=2016-11-09/2016-11-11/range"}},
		{"cross-month range", "Talks run Sept. 30-Oct. 2.", sat, []string{"Sept. 30-Oct. 2=2015-09-30/2015-10-02/~range"}},
		{"year-end range", "Closed Dec. 30-Jan. 2.", jan, []string{"Dec. 30-Jan. 2=2015-12-30/2016-01-02/~range"}},
		{"impossible day", "On Feb. 30 nothing.", sat, nil},
		{"leap day", "On Feb. 29, 2016.", sat, []string{"Feb. 29, 2016=2016-02-29/date"}},
		{"no day 29 in 2015", "On Feb. 29, 2015.", sat, nil},
		{"not a day", "Sept. 300 and Oct. 2.5 and Nov. 5,000 and Dec. 5%", sat, nil},
		{"abbreviation alone", "Jan and Sept. and Mar are no dates.", sat, nil},
		{"across a paragraph", "It was Sept.\n\n30 of them.", sat, nil},
		{"time of day", "Polls close Nov. 9 at 8 p.m.", sat, []string{"Nov. 9 at 8 p.m.=2015-11-09T20:00:00/~datetime"}},
	})
}

// TestMonthsAndYears: months alone, months with years, years, decades
// and ranges of years.
func TestMonthsAndYears(t *testing.T) {
	runExprTests(t, []exprTest{
		{"month year", "Rates rose in March 2025.", sat, []string{"March 2025=2025-03/month"}},
		{"month of year", "In October of 2022 it peaked.", sat, []string{"October of 2022=2022-10/month"}},
		{"bare month with cue", "Figures in November.", sat, []string{"November=2015-11/~month"}},
		{"bare month six back", "Figures in April.", sat, []string{"April=2015-04/~month"}},
		{"bare month five ahead", "Figures in March.", sat, []string{"March=2016-03/~month"}},
		{"bare month past tense", "Inflation slowed in November.", sat, []string{"November=2014-11/~month"}},
		{"bare month future tense", "The plant will open in June.", sat, []string{"June=2016-06/~month"}},
		{"from month to month", "From January to June it exported more.", sat, []string{"January=2015-01/~month", "June=2015-06/~month"}},
		{"deadline takes no tense", "Traders trimmed bets on a cut by March.", sat, []string{"March=2016-03/~month"}},
		{"mid-month", "Due by mid-March.", sat, []string{"March=2016-03/~month"}},
		{"anchor month", "Prices rose in October.", sat, []string{"October=2015-10/~month"}},
		{"last March", "Since last March.", sat, []string{"last March=2015-03/~month"}},
		{"next October", "Until next October.", sat, []string{"next October=2016-10/~month"}},
		{"list of months", "Between March and May it rained.", jun, []string{"March=2015-03/~month", "May=2015-05/~month"}},
		{"bare month no cue", "March organisers said so.", sat, nil},
		{"every June", "Held every June.", sat, nil},
		{"year", "It happened in 2015.", sat, []string{"2015=2015/year"}},
		{"years", "Deals struck in 2023 and 2024.", sat, []string{"2023=2023/year", "2024=2024/year"}},
		{"old year with cue", "Founded in 1848.", sat, []string{"1848=1848/year"}},
		{"old year without cue", "A total of 1848 delegates and 1848 more.", sat, nil},
		{"old year then a function word", "Since 1848 the city has grown.", sat, []string{"1848=1848/year"}},
		{"decade", "In the 1990s and mid-1980s.", sat, []string{"1990s=1990/1999/range", "1980s=1980/1989/range"}},
		{"short decade", "Back in the '90s.", sat, []string{"'90s=1990/1999/~range"}},
		{"short decade curly", "Back in the ’20s.", day(2025, time.May, 1), []string{"’20s=2020/2029/~range"}},
		{"short decade last century", "Back in the ‘20s.", sat, []string{"‘20s=1920/1929/~range"}},
		{"year range", "The 2015-17 plan and 2015–2017 and 2014/15.", sat, []string{"2015-17=2015/2017/range", "2015–2017=2015/2017/range", "2014/15=2014/2015/range"}},
		{"iso month", "Data for 2025-09 are due.", sat, []string{"2025-09=2025-09/month"}},
		{"not years", "S-300 missiles, 2,500 soldiers, 250,000 people, A321, $2015, 2015 people, No. 2015, 2015.5 and 20.15% and 2015% and 2015-era.", sat, nil},
		{"may the verb", "He may go, and May we ask? Theresa May said. Prime Minister May agreed.", sat, nil},
		{"May with day", "May 5 is the deadline.", sat, []string{"May 5=2015-05-05/~date"}},
		{"since May", "Prices have risen since May.", sat, []string{"May=2015-05/~month"}},
		{"May year", "May 2017 was warm.", sat, []string{"May 2017=2017-05/month"}},
	})
}

// TestRelative: yesterday, today, tomorrow, last/this/next week, month
// and year, and "ago".
func TestRelative(t *testing.T) {
	runExprTests(t, []exprTest{
		{"days", "Yesterday, today, tomorrow and tonight.", sat, []string{
			"Yesterday=2015-10-09/~date", "today=2015-10-10/~date", "tomorrow=2015-10-11/~date", "tonight=2015-10-10/~date"}},
		{"weeks", "last week, this week and next week", sat, []string{"last week=2015-W40/~week", "this week=2015-W41/~week", "next week=2015-W42/~week"}},
		{"week at year end", "next week", day(2015, time.December, 30), []string{"next week=2016-W01/~week"}},
		{"months", "last month, this month and next month", jan, []string{"last month=2015-12/~month", "this month=2016-01/~month", "next month=2016-02/~month"}},
		{"years", "Last year, earlier this year and next year.", sat, []string{"Last year=2014/~year", "this year=2015/~year", "next year=2016/~year"}},
		{"ago", "two years ago, three days ago, a week ago, six months ago, a decade ago", sat, []string{
			"two years ago=2013/~year", "three days ago=2015-10-07/~date", "a week ago=2015-W40/~week", "six months ago=2015-04/~month", "a decade ago=2005/~year"}},
		{"parts of day", "This morning and last night.", sat, []string{"This morning=2015-10-10/~date", "last night=2015-10-09/~date"}},
		{"this decade", "this decade", sat, []string{"this decade=2010/2019/~range"}},
		{"a name", "USA Today reported it today.", sat, []string{"today=2015-10-10/~date"}},
		{"no tomorrow-like words", "Todays and yesterdays are not words here; nor is lasting.", sat, nil},
	})
}

// TestDurations: a number and a unit after a cue word.
func TestDurations(t *testing.T) {
	runExprTests(t, []exprTest{
		{"within", "Elections within 18 months.", sat, []string{"18 months=P18M/duration"}},
		{"for", "Talks lasted for three weeks.", sat, []string{"three weeks=P3W/duration"}},
		{"qualifiers", "It lasted for more than two years.", sat, []string{"two years=P2Y/duration"}},
		{"hours", "In the past 24 hours.", sat, []string{"24 hours=PT24H/duration"}},
		{"minutes", "After 90 minutes of talks.", sat, []string{"90 minutes=PT90M/duration"}},
		{"decimal", "After 1.5 years of work.", sat, []string{"1.5 years=P1.5Y/duration"}},
		{"next", "Over the next five years.", sat, []string{"five years=P5Y/duration"}},
		{"a year", "Frozen for a year.", sat, []string{"a year=P1Y/duration"}},
		{"days", "A strike of three days, for 10 days.", sat, []string{"10 days=P10D/duration"}},
		{"decades", "For two decades.", sat, []string{"two decades=P20Y/duration"}},
		{"the past week", "Over the past week.", sat, []string{"past week=P1W/duration"}},
		{"the last decade", "In the last decade.", sat, []string{"last decade=P10Y/duration"}},
		{"adjective", "A 10-year bond and an 18-month plan.", sat, nil},
		{"no cue", "The 18 months were hard.", sat, nil},
		{"later", "For two hours later nothing.", sat, nil},
		{"number agreement", "For one years and for two year.", sat, nil},
	})
}

// TestISOAndTimes: ISO 8601 in the text, and clock times attached to a
// date.
func TestISOAndTimes(t *testing.T) {
	runExprTests(t, []exprTest{
		{"iso date", "Filed on 2015-09-30.", sat, []string{"2015-09-30=2015-09-30/date"}},
		{"iso utc", "At 2015-09-30T14:05:00Z.", sat, []string{"2015-09-30T14:05:00Z=2015-09-30T14:05:00Z/datetime"}},
		{"iso offset", "At 2015-09-30T01:05+02:00 local.", sat, []string{"2015-09-30T01:05+02:00=2015-09-29T23:05:00Z/datetime"}},
		{"iso fraction", "At 2015-09-30T14:05:00.123-04:00.", sat, []string{"2015-09-30T14:05:00.123-04:00=2015-09-30T18:05:00Z/datetime"}},
		{"iso floating", "At 2015-09-30T14:05 local.", sat, []string{"2015-09-30T14:05=2015-09-30T14:05:00/datetime"}},
		{"iso invalid", "Not 2015-02-30 nor 2015-13-01 nor 2015-09-30x.", sat, nil},
		{"weekday at time", "They meet Tuesday at 3 p.m.", sat, []string{"Tuesday at 3 p.m.=2015-10-13T15:00:00/~datetime"}},
		{"time on weekday", "The quake hit at 9:42 a.m. on Tuesday.", sat, []string{"9:42 a.m. on Tuesday=2015-10-06T09:42:00/~datetime"}},
		{"zone", "Trading opens Sept. 30 at 14:00 GMT.", sat, []string{"Sept. 30 at 14:00 GMT=2015-09-30T14:00:00Z/~datetime"}},
		{"wire time", "Talks began at 1430 GMT on Friday.", sat, []string{"1430 GMT on Friday=2015-10-09T14:30:00Z/~datetime"}},
		{"zone next day", "They vote Tuesday at 9 p.m. EDT.", sat, []string{"Tuesday at 9 p.m. EDT=2015-10-14T01:00:00Z/~datetime"}},
		{"noon", "They meet at noon on Tuesday.", sat, []string{"noon on Tuesday=2015-10-13T12:00:00/~datetime"}},
		{"tomorrow", "Polls open tomorrow at 10am.", sat, []string{"tomorrow at 10am=2015-10-11T10:00:00/~datetime"}},
		{"time alone", "It hit at 9:42 a.m. local time and 1430 and 25:00.", sat, nil},
	})
}

func TestNoAnchor(t *testing.T) {
	text := "On Sept. 30, 2015, and on Tuesday, in 2015, within 18 months, last week and on Nov. 9."
	ms := newStage(t).Extract(text, Anchor{})
	checkMentions(t, text, ms)
	var got []string
	for _, m := range ms {
		got = append(got, m.Text)
	}
	if want := []string{"Sept. 30, 2015", "2015", "18 months"}; !slices.Equal(got, want) {
		t.Errorf("without anchor: %q, want %q", got, want)
	}
}

func TestAnchorOf(t *testing.T) {
	pub := time.Date(2015, 10, 10, 23, 30, 0, 0, time.FixedZone("", -4*3600))
	stored := time.Date(2015, 10, 11, 3, 31, 0, 0, time.UTC)
	received := stored.Add(time.Second)
	tests := []struct {
		name string
		doc  extract.Document
		want Anchor
	}{
		{"published", extract.Document{Event: event.Event{PublishedAt: &pub}, Raw: extract.Raw{Published: stored}}, Anchor{pub, event.AnchorPublished}},
		{"stored", extract.Document{Raw: extract.Raw{Published: stored, Received: received}}, Anchor{stored, event.AnchorIngested}},
		{"received", extract.Document{Raw: extract.Raw{Received: received}}, Anchor{received, event.AnchorIngested}},
		{"none", extract.Document{}, Anchor{Kind: event.AnchorIngested}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AnchorOf(&tt.doc); !got.Time.Equal(tt.want.Time) || got.Kind != tt.want.Kind {
				t.Errorf("AnchorOf = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestProcess checks the stage's use of the document: the anchor (the
// publication's own civil date), the relative flag and anchor kind, the
// sentences, the warnings and the skip of non-English articles.
func TestProcess(t *testing.T) {
	d := newStage(t)
	if d.Name() != StageName {
		t.Errorf("Name %q", d.Name())
	}
	// 23:30 on Saturday in New York is Sunday in UTC: the article's own
	// date counts.
	pub := time.Date(2015, 10, 10, 23, 30, 0, 0, time.FixedZone("", -4*3600))
	doc := &extract.Document{Event: event.Event{Text: "Talks ended yesterday.", PublishedAt: &pub}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	want := []event.DateMention{{Start: 12, End: 21, Text: "yesterday", Value: "2015-10-09", Kind: KindDate, Relative: true, Anchor: event.AnchorPublished}}
	if !slices.Equal(doc.Event.Dates, want) {
		t.Errorf("Dates %+v, want %+v", doc.Event.Dates, want)
	}

	doc = &extract.Document{Event: event.Event{Text: "Talks ended yesterday.", Language: &event.Language{Code: "en", Confidence: 1}}}
	doc.Raw.Received = sat
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Event.Dates) != 1 || doc.Event.Dates[0].Anchor != event.AnchorIngested || doc.Event.Dates[0].Value != "2015-10-09" {
		t.Errorf("ingest anchor: %+v", doc.Event.Dates)
	}

	doc = &extract.Document{Event: event.Event{Text: "Le 30 septembre, mardi.", Language: &event.Language{Code: "fr", Confidence: 1}}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if !doc.TakeSkipped() || doc.Event.Dates != nil || len(doc.Event.Warnings) != 1 || doc.Event.Warnings[0] != (event.Warning{Stage: StageName, Message: "skipped: language fr"}) {
		t.Errorf("French article: dates %+v, warnings %+v", doc.Event.Dates, doc.Event.Warnings)
	}

	doc = &extract.Document{Event: event.Event{Text: "On Tuesday and in 2015."}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Event.Dates) != 1 || len(doc.Event.Warnings) != 1 || !strings.Contains(doc.Event.Warnings[0].Message, "relative dates left out") {
		t.Errorf("no anchor: dates %+v, warnings %+v", doc.Event.Dates, doc.Event.Warnings)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := d.Process(ctx, &extract.Document{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestSentences checks that the segment stage's sentences, when set,
// bound the search for a tense cue.
func TestSentences(t *testing.T) {
	text := "Trading halts on Wednesday analysts will meet"
	cut := strings.Index(text, "analysts")
	d := newStage(t)
	doc := &extract.Document{Event: event.Event{Text: text, PublishedAt: &sat}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Event.Dates[0].Value; got != "2015-10-14" {
		t.Errorf("one sentence: %s, want the future 2015-10-14", got)
	}
	doc.Event.Sentences = []event.Span{{Start: 0, End: cut - 1}, {Start: cut, End: len(text)}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Event.Dates[0].Value; got != "2015-10-07" {
		t.Errorf("two sentences: %s, want the nearest 2015-10-07", got)
	}
}

func TestMaxMentions(t *testing.T) {
	d := newStage(t, WithMaxMentions(2))
	doc := &extract.Document{Event: event.Event{Text: "In 2013, 2014 and 2015."}}
	if err := d.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Event.Dates) != 2 || len(doc.Event.Warnings) != 2 {
		t.Errorf("dates %+v, warnings %+v", doc.Event.Dates, doc.Event.Warnings)
	}
	if _, err := New(WithMaxMentions(0)); !errors.Is(err, ErrBadOption) {
		t.Errorf("WithMaxMentions(0): %v", err)
	}
}

// TestSharedSample checks the real wire article, with the fixed ingest
// anchor 2015-10-12 (it gives no publication time).
func TestSharedSample(t *testing.T) {
	doc := decodeFileOrSkip(t, extracttest.SharedSample, time.Date(2015, 10, 12, 9, 0, 0, 0, time.UTC))
	if err := newStage(t).Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	checkMentions(t, doc.Event.Text, doc.Event.Dates)
	want := map[string]string{
		"Sept. 30":  "2015-09-30",
		"Nov. 9":    "2015-11-09",
		"Jan. 1":    "2016-01-01",
		"18 months": "P18M",
		"last week": "2015-W41",
	}
	for _, m := range doc.Event.Dates {
		if v, ok := want[m.Text]; ok {
			if m.Value != v {
				t.Errorf("%q = %s, want %s", m.Text, m.Value, v)
			}
			if m.Text != "18 months" && (!m.Relative || m.Anchor != event.AnchorIngested) {
				t.Errorf("%q: relative %v anchor %q, want relative to the ingest time", m.Text, m.Relative, m.Anchor)
			}
			delete(want, m.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found: %v in %+v", want, doc.Event.Dates)
	}
}

func decodeFileOrSkip(t *testing.T, path string, ingested time.Time) *extract.Document {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared sample not present: %v", err)
	}
	return decodeFile(t, path, ingested)
}
