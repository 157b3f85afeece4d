package decode

import (
	"slices"
	"testing"
)

func TestSplitSection(t *testing.T) {
	tests := []struct {
		name, teaser, wantText, wantSection string
	}{
		{name: "known two words", teaser: "Talks resumed Middle East", wantText: "Talks resumed", wantSection: "Middle East"},
		{name: "longest known wins", teaser: "Markets rose World News", wantText: "Markets rose", wantSection: "World News"},
		{name: "known after ellipsis", teaser: "including U.N.-mediated ... World News", wantText: "including U.N.-mediated ...", wantSection: "World News"},
		{name: "known glued to punctuation", teaser: "They agreed.Variety", wantText: "They agreed.", wantSection: "Variety"},
		{name: "known after a particle", teaser: "state banks stepped in Markets", wantText: "state banks stepped in", wantSection: "Markets"},
		{name: "known after an article is unsure", teaser: "Trade fell in the US", wantText: "Trade fell in the US"},
		{name: "known needs a word boundary", teaser: "Clashes in the Caucasus", wantText: "Clashes in the Caucasus"},
		{name: "known is case-sensitive", teaser: "the slow economy", wantText: "the slow economy"},
		{name: "teaser is only the section", teaser: "Business", wantText: "", wantSection: "Business"},
		{name: "unknown after lowercase word", teaser: "Engineers fear the fault Pacific Rim", wantText: "Engineers fear the fault", wantSection: "Pacific Rim"},
		{name: "unknown after digit", teaser: "Prices up 4 Motoring", wantText: "Prices up 4", wantSection: "Motoring"},
		{name: "unknown after ellipsis", teaser: "He said ... Arts Desk", wantText: "He said ...", wantSection: "Arts Desk"},
		{name: "unknown with ampersand", teaser: "new rules apply Home & Garden", wantText: "new rules apply", wantSection: "Home & Garden"},
		{name: "unknown after function word is unsure", teaser: "Obama met with Angela Merkel", wantText: "Obama met with Angela Merkel"},
		{name: "unknown after capitalized word is unsure", teaser: "Talks with Prime Minister Narendra Modi", wantText: "Talks with Prime Minister Narendra Modi"},
		{name: "unknown longer than three words is unsure", teaser: "it was said Alpha Beta Gamma Delta", wantText: "it was said Alpha Beta Gamma Delta"},
		{name: "whole teaser capitalized is unsure", teaser: "Big Sky Country", wantText: "Big Sky Country"},
		{name: "lowercase end has no section", teaser: "prices rose sharply", wantText: "prices rose sharply"},
		{name: "ampersand cannot start the run", teaser: "rules apply & Garden", wantText: "rules apply & Garden"},
		{name: "ampersand cannot end the run", teaser: "rules apply Home &", wantText: "rules apply Home &"},
		{name: "empty", teaser: "", wantText: ""},
	}
	sections := newSectionSet(DefaultSections())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, section := sections.split(tt.teaser)
			if text != tt.wantText || section != tt.wantSection {
				t.Errorf("split(%q) = %q, %q; want %q, %q", tt.teaser, text, section, tt.wantText, tt.wantSection)
			}
		})
	}
}

func TestTrimItemMarker(t *testing.T) {
	tests := []struct {
		in, want string
		marked   bool
	}{
		{in: "Teaser World News -", want: "Teaser World News", marked: true},
		{in: "Teaser Variety\t -", want: "Teaser Variety", marked: true},
		{in: "Teaser Variety", want: "Teaser Variety", marked: false},
		{in: "Anti-", want: "Anti-", marked: false},
		{in: "-", want: "-", marked: false},
		{in: " -", want: "", marked: true},
	}
	for _, tt := range tests {
		got, marked := trimItemMarker(tt.in)
		if got != tt.want || marked != tt.marked {
			t.Errorf("trimItemMarker(%q) = %q, %v; want %q, %v", tt.in, got, marked, tt.want, tt.marked)
		}
	}
}

func TestNewSectionSet(t *testing.T) {
	got := newSectionSet([]string{"Asia", "World News", "Arts", "Asia", "US"})
	want := sectionSet{"World News", "Arts", "Asia", "US"}
	if !slices.Equal(got, want) {
		t.Errorf("newSectionSet = %q, want %q", got, want)
	}
}
