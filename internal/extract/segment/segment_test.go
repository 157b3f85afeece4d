package segment

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{
			name: "plain sentences",
			text: "The talks resumed. They ended at noon! Was it worth it? Nobody knows.",
			want: []string{"The talks resumed.", "They ended at noon!", "Was it worth it?", "Nobody knows."},
		},
		{
			name: "no final punctuation",
			text: "Kremlin hails Iran, Russia ‘unity’ on Syria",
			want: []string{"Kremlin hails Iran, Russia ‘unity’ on Syria"},
		},
		{
			name: "paragraphs always end sentences",
			text: "A headline without a stop\n\nA standfirst without one either\n\nA body. Two sentences",
			want: []string{"A headline without a stop", "A standfirst without one either", "A body.", "Two sentences"},
		},
		{
			name: "titles never end a sentence",
			text: "Gen. Qassem Soleimani met Mr. Smith, Dr. No and Sen. Jones. Prof. A. Lee came too.",
			want: []string{"Gen. Qassem Soleimani met Mr. Smith, Dr. No and Sen. Jones.", "Prof. A. Lee came too."},
		},
		{
			name: "months and numbers",
			text: "On Sept. 30 it launched strikes. The plan sets a Jan. 1 deadline. Talks end on Nov. 9. The vote is in Dec. But nobody knows.",
			want: []string{"On Sept. 30 it launched strikes.", "The plan sets a Jan. 1 deadline.", "Talks end on Nov. 9.", "The vote is in Dec.", "But nobody knows."},
		},
		{
			name: "dotted abbreviations",
			text: "U.S. President Barack Obama and U.N. officials met U.K. ministers. Troops left the U.S. The U.N. said so. It was 9 a.m. Monday in the U.S.",
			want: []string{"U.S. President Barack Obama and U.N. officials met U.K. ministers.", "Troops left the U.S.", "The U.N. said so.", "It was 9 a.m. Monday in the U.S."},
		},
		{
			name: "company suffixes",
			text: "Apple Inc. said it would buy Widget Corp. for cash. Shares of Acme Corp. The firm fell.",
			want: []string{"Apple Inc. said it would buy Widget Corp. for cash.", "Shares of Acme Corp.", "The firm fell."},
		},
		{
			name: "Latin abbreviations and numbered items",
			text: "Some firms, e.g. Shell, paid. The rest, i.e. The Big Three, did not. Resolution No. 5 passed. He said no. It failed.",
			want: []string{"Some firms, e.g. Shell, paid.", "The rest, i.e. The Big Three, did not.", "Resolution No. 5 passed.", "He said no.", "It failed."},
		},
		{
			name: "initials",
			text: "J. R. R. Tolkien and George W. Bush never met. J.R.R. Tolkien did write. Plan B. It failed.",
			want: []string{"J. R. R. Tolkien and George W. Bush never met.", "J.R.R. Tolkien did write.", "Plan B.", "It failed."},
		},
		{
			name: "saints and streets",
			text: "She flew to St. Petersburg via St. Moritz. He lives on Main St. The house is old.",
			want: []string{"She flew to St. Petersburg via St. Moritz.", "He lives on Main St.", "The house is old."},
		},
		{
			name: "decimals and money",
			text: "Rates fell to 2.25 percent from 2.5 percent. The euro slipped 0.3% to $1.0820. Oil rose.",
			want: []string{"Rates fell to 2.25 percent from 2.5 percent.", "The euro slipped 0.3% to $1.0820.", "Oil rose."},
		},
		{
			name: "ellipses",
			text: "He paused... and went on. It was late… The lights went out. Talks on U.N.-mediated ...",
			want: []string{"He paused... and went on.", "It was late…", "The lights went out.", "Talks on U.N.-mediated ..."},
		},
		{
			name: "sentence ending inside a quotation",
			text: `Iran has "unity of views" with Russia, he said. "We will win." Then he left.`,
			want: []string{`Iran has "unity of views" with Russia, he said.`, `"We will win."`, "Then he left."},
		},
		{
			name: "quotation before the attribution",
			text: `"We will win," he said. “We will win,” she said. 'We will win,' they said.`,
			want: []string{`"We will win," he said.`, "“We will win,” she said.", "'We will win,' they said."},
		},
		{
			name: "question and exclamation inside a quotation",
			text: `“Will we win?” he asked. "Never!" she shouted. “Go!” The crowd cheered.`,
			want: []string{"“Will we win?” he asked.", `"Never!" she shouted.`, "“Go!”", "The crowd cheered."},
		},
		{
			name: "quotation of several sentences",
			text: "“We will win. We will never give up,” he said. “I doubt it. They have been promised a share three times.” Nobody answered.",
			want: []string{"“We will win.", "We will never give up,” he said.", "“I doubt it.", "They have been promised a share three times.”", "Nobody answered."},
		},
		{
			name: "straight quotation of several sentences",
			text: `She said: "We will be there. We always are." The U.K. agreed.`,
			want: []string{`She said: "We will be there.`, `We always are."`, "The U.K. agreed."},
		},
		{
			name: "single quotation marks",
			text: "'We have heard this before,' she said. 'The envoy is sincere. But nobody asked us!' She left. ‘It works,’ he said.",
			want: []string{"'We have heard this before,' she said.", "'The envoy is sincere.", "But nobody asked us!'", "She left.", "‘It works,’ he said."},
		},
		{
			name: "abbreviation before a closing quotation mark",
			text: "He called it “made in the U.S.” The phrase stuck. They saw “the U.S.” plan.",
			want: []string{"He called it “made in the U.S.”", "The phrase stuck.", "They saw “the U.S.” plan."},
		},
		{
			name: "brackets",
			text: "Costs rose (about 13 million a year.) Tourism fell. The costs (see above.) were high.",
			want: []string{"Costs rose (about 13 million a year.)", "Tourism fell.", "The costs (see above.) were high."},
		},
		{
			name: "a closing mark after a space stays with its sentence",
			text: "He said “stop. ” Then left.",
			want: []string{"He said “stop. ”", "Then left."},
		},
		{
			name: "punctuation that continues a sentence",
			text: "“Stop!”, he said. Yes?; no. Why?: because.",
			want: []string{"“Stop!”, he said.", "Yes?; no.", "Why?: because."},
		},
		{
			name: "missing space is no sentence end",
			text: "Shares of Yahoo!Japan rose. See example.com for more.",
			want: []string{"Shares of Yahoo!Japan rose.", "See example.com for more."},
		},
		{
			name: "repeated terminators",
			text: "Really?! Yes!!! Fine.. Next.",
			want: []string{"Really?!", "Yes!!!", "Fine..", "Next."},
		},
		{
			name: "sentence starting with a number",
			text: "Many died. 20 people are missing.",
			want: []string{"Many died.", "20 people are missing."},
		},
		{
			name: "Chinese full stops need no space",
			text: "今天天气很好。明天下雨！后天呢？",
			want: []string{"今天天气很好。", "明天下雨！", "后天呢？"},
		},
		{
			name: "Arabic question mark and Hindi danda",
			text: "هل ستأتي؟ نعم. यह अच्छा है। वह आया।",
			want: []string{"هل ستأتي؟", "نعم.", "यह अच्छा है।", "वह आया।"},
		},
	}
	s := newSegmenter(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks, sents, err := s.Segment(tc.text, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := segmentError(tc.text, nil, toks, sents); err != nil {
				t.Fatal(err)
			}
			if got := sentenceTexts(tc.text, sents); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("sentences\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{
			name: "words and punctuation",
			text: "Talks resumed, officials said.",
			want: "Talks/w resumed/w ,/p officials/w said/w ./p",
		},
		{
			name: "possessive and contraction clitics are split",
			text: "Iran's envoy, Putin’s visit, it's over, IRAN'S ARMY, Texas’s law",
			want: "Iran/w 's/w envoy/w ,/p Putin/w ’s/w visit/w ,/p it/w 's/w over/w ,/p IRAN/w 'S/w ARMY/w ,/p Texas/w ’s/w law/w",
		},
		{
			name: "other inner apostrophes join",
			text: "O'Brien don't N’Djamena rock'n'roll d'Ivoire shouldn’t",
			want: "O'Brien/w don't/w N’Djamena/w rock'n'roll/w d'Ivoire/w shouldn’t/w",
		},
		{
			name: "apostrophes that are quotation marks",
			text: "the Syrians’ future, ‘unity’ and 'peace' in the '90s",
			want: "the/w Syrians/w ’/p future/w ,/p ‘/p unity/w ’/p and/w '/p peace/w '/p in/w the/w '/p 90s/n",
		},
		{
			name: "hyphenated words and designators",
			text: "S-300 surface-to-air COVID-19 al-Assad F-16s anti‑missile U.N.-mediated U.S.-led",
			want: "S-300/w surface-to-air/w COVID-19/w al-Assad/w F-16s/w anti‑missile/w U.N.-mediated/w U.S.-led/w",
		},
		{
			name: "hyphens and dashes that are punctuation",
			text: "20-nation - a dash -- and – en — em -x",
			want: "20/n -/p nation/w -/p a/w dash/w --/p and/w –/p en/w —/p em/w -/p x/w",
		},
		{
			name: "abbreviations keep their period",
			text: "Gen. Smith, U.S. troops, e.g. this, J. R. R. Tolkien, Jr. Ph.D. No. 5 no.",
			want: "Gen./w Smith/w ,/p U.S./w troops/w ,/p e.g./w this/w ,/p J./w R./w R./w Tolkien/w ,/p Jr./w Ph.D./w No./w 5/n no/w ./p",
		},
		{
			name: "numbers",
			text: "250,000 2.25 1990s 10:30 9/11 21st 2.5bn 1,000.50 ½ ٢٠٢٥ 3D",
			want: "250,000/n 2.25/n 1990s/n 10:30/n 9/11/n 21st/n 2.5bn/n 1,000.50/n ½/n ٢٠٢٥/n 3D/n",
		},
		{
			name: "numbers end before a trailing separator",
			text: "in 2023. On 5, 6 and 7: (8)",
			want: "in/w 2023/n ./p On/w 5/n ,/p 6/n and/w 7/n :/p (/p 8/n )/p",
		},
		{
			name: "symbols",
			text: "$1.08 2.25% €3 +5 -5 #tag @user 5‰ AT&T R & D x=y",
			want: "$/s 1.08/n 2.25/n %/s €/s 3/n +/s 5/n -/p 5/n #/s tag/w @/s user/w 5/n ‰/s AT&T/w R/w &/s D/w x/w =/s y/w",
		},
		{
			name: "ellipses are one token",
			text: "wait... what… so.. ok....",
			want: "wait/w .../p what/w …/p so/w ./p ./p ok/w ..../p",
		},
		{
			name: "quotation marks one per mark",
			text: `“Yes,” he said. "No." «Oui» „Ja“ ?!`,
			want: `“/p Yes/w ,/p ”/p he/w said/w ./p "/p No/w ./p "/p «/p Oui/w »/p „/p Ja/w “/p ?/p !/p`,
		},
		{
			name: "emoji",
			text: "Go 👍🏽 🇲🇹 👩\u200d👧 ❤\ufe0f!",
			want: "Go/w 👍🏽/s 🇲🇹/s 👩\u200d👧/s ❤\ufe0f/s !/p",
		},
		{
			name: "accents, joiners and marks",
			text: "Zürich Ångström مي\u200cخواهم e\u0301t\u0301 \u0301x",
			want: "Zürich/w Ångström/w مي\u200cخواهم/w e\u0301t\u0301/w \u0301/s x/w",
		},
		{
			name: "scripts without spaces",
			text: "今天天气很好。",
			want: "今天天气很好/w 。/p",
		},
		{
			name: "invisible characters outside words are skipped",
			text: "a \u200b b\u00ad c \u200d d\u2028e",
			want: "a/w b/w c/w d/w e/w",
		},
	}
	s := newSegmenter(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks, sents, err := s.Segment(tc.text, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := segmentError(tc.text, nil, toks, sents); err != nil {
				t.Fatal(err)
			}
			if got := tokenString(tc.text, toks); got != tc.want {
				t.Errorf("tokens\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestWithAbbreviations(t *testing.T) {
	text := "Maybank Bhd. Chairman Ali spoke. Maybank Bhd. The bank rose."
	plain, err := New()
	if err != nil {
		t.Fatal(err)
	}
	extended, err := New(WithAbbreviations("Bhd", "Rt.Hon"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		s    *Segmenter
		want []string
	}{
		{name: "built-in lists", s: plain, want: []string{"Maybank Bhd.", "Chairman Ali spoke.", "Maybank Bhd.", "The bank rose."}},
		{name: "added abbreviation", s: extended, want: []string{"Maybank Bhd. Chairman Ali spoke.", "Maybank Bhd.", "The bank rose."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, sents, err := tc.s.Segment(text, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := sentenceTexts(text, sents); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWithAbbreviationsInvalid(t *testing.T) {
	for _, w := range []string{"", "Bhd.", ".x", "a b", "x..y", "1st", strings.Repeat("a", 33)} {
		if _, err := New(WithAbbreviations(w)); !errors.Is(err, ErrBadAbbreviation) {
			t.Errorf("WithAbbreviations(%q): New = %v, want ErrBadAbbreviation", w, err)
		}
	}
}

func TestProcess(t *testing.T) {
	doc := &extract.Document{Event: event.Event{
		Text: "Head line\n\nStand first\n\nBody one. Body two.\n\nBody three",
		Paragraphs: []event.Paragraph{
			{Kind: event.ParagraphHeadline, Start: 0, End: 9},
			{Kind: event.ParagraphStandfirst, Start: 11, End: 22},
			{Kind: event.ParagraphBody, Start: 24, End: 43},
			{Kind: event.ParagraphBody, Start: 45, End: 55},
		},
	}}
	s := newSegmenter(t)
	if err := s.Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	ev := &doc.Event
	if err := segmentError(ev.Text, ev.Paragraphs, doc.Tokens, ev.Sentences); err != nil {
		t.Fatal(err)
	}
	want := []string{"Head line", "Stand first", "Body one.", "Body two.", "Body three"}
	if got := sentenceTexts(ev.Text, ev.Sentences); !reflect.DeepEqual(got, want) {
		t.Errorf("sentences %q, want %q", got, want)
	}
	if ev.TokenCount != 12 || len(doc.Tokens) != 12 {
		t.Errorf("TokenCount %d, %d tokens, want 12", ev.TokenCount, len(doc.Tokens))
	}

	// A second run reuses both slices and allocates nothing.
	toks, sents := &doc.Tokens[0], &ev.Sentences[0]
	allocs := testing.AllocsPerRun(20, func() {
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 || &doc.Tokens[0] != toks || &ev.Sentences[0] != sents || ev.TokenCount != 12 || len(ev.Sentences) != 5 {
		t.Errorf("second run: %v allocations, slices reused %v %v, %d tokens, %d sentences", allocs, &doc.Tokens[0] == toks, &ev.Sentences[0] == sents, ev.TokenCount, len(ev.Sentences))
	}
}

func TestProcessErrors(t *testing.T) {
	tests := []struct {
		name   string
		ev     event.Event
		detail string
	}{
		{name: "paragraph out of range", ev: event.Event{Text: "abc", Paragraphs: []event.Paragraph{{Start: 1, End: 9}}}, detail: "paragraph 0 spans [1,9)"},
		{name: "overlapping paragraphs", ev: event.Event{Text: "abcdef", Paragraphs: []event.Paragraph{{Start: 0, End: 4}, {Start: 3, End: 6}}}, detail: "paragraph 1 spans [3,6)"},
		{name: "paragraph cuts a character", ev: event.Event{Text: "aéb", Paragraphs: []event.Paragraph{{Start: 2, End: 4}}}, detail: "cuts a character in two"},
	}
	s := newSegmenter(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &extract.Document{Event: tc.ev}
			err := s.Process(t.Context(), doc)
			var inErr *extract.InputError
			if !errors.As(err, &inErr) || inErr.Reason != extract.ReasonMalformed || !strings.Contains(inErr.Detail, tc.detail) {
				t.Fatalf("Process = %v, want malformed with %q", err, tc.detail)
			}
			if doc.Tokens != nil || doc.Event.Sentences != nil || doc.Event.TokenCount != 0 {
				t.Error("the document changed although Process failed")
			}
		})
	}
}

func TestProcessCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := newSegmenter(t).Process(ctx, &extract.Document{Event: event.Event{Text: "x"}})
	if !errors.Is(err, context.Canceled) || errors.Is(err, extract.ErrBadInput) {
		t.Fatalf("Process = %v, want a context.Canceled error that is not bad input", err)
	}
}

// TestEmptyText checks that an empty article yields no tokens and no
// sentences rather than an error: normalize rejects it before this stage.
func TestEmptyText(t *testing.T) {
	doc := &extract.Document{}
	if err := newSegmenter(t).Process(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Tokens) != 0 || len(doc.Event.Sentences) != 0 || doc.Event.TokenCount != 0 {
		t.Errorf("tokens %v, sentences %v", doc.Tokens, doc.Event.Sentences)
	}
}

// TestConcurrent shares one Segmenter between goroutines; run it with
// -race.
func TestConcurrent(t *testing.T) {
	s := newSegmenter(t, WithAbbreviations("Bhd"))
	text := "Gen. Smith met Mr. Jones in the U.S. on Sept. 30. “We will win,” he said. Maybank Bhd. rose."
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			doc := &extract.Document{Event: event.Event{Text: text}}
			for range 200 {
				if err := s.Process(context.Background(), doc); err != nil {
					t.Error(err)
					return
				}
				if len(doc.Event.Sentences) != 3 {
					t.Errorf("%d sentences, want 3", len(doc.Event.Sentences))
					return
				}
			}
		})
	}
	wg.Wait()
}
