package entities

import (
	"embed"
	"fmt"
	"strings"
)

// The rule tagger's word lists. They are the tagger's own knowledge of
// English news text, apart from the gazetteer's names; lexicon/*.txt say
// what each list is for.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// wordSet is a set of words or phrases. Lookups take substrings of the
// article text, which Go's map lookups do without allocating.
type wordSet map[string]struct{}

func (s wordSet) has(w string) bool {
	_, ok := s[w]
	return ok
}

// lexicon holds the parsed word lists. words maps a word to its lexical
// facts (lex* bits), so that a token needs one map probe whatever is
// asked about it.
type lexicon struct {
	words      map[string]uint8
	titles     wordSet // whole titles, lower case
	titleWords int     // the most words in a title
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{words: make(map[string]uint8, 2048), titles: make(wordSet)}
	for _, l := range []struct {
		file string
		bit  uint8
	}{
		{"lexicon/stopwords.txt", lexStop},
		{"lexicon/generic.txt", lexGeneric},
		{"lexicon/firstnames.txt", lexFirstName},
		{"lexicon/orgcues.txt", lexOrgCue},
		{"lexicon/titles.txt", lexTitle},
	} {
		b, err := lexiconFS.ReadFile(l.file)
		if err != nil {
			return nil, fmt.Errorf("load lexicon %s: %w", l.file, err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			if l.bit != lexTitle {
				lx.words[line] |= l.bit
				continue
			}
			// Titles match in any case; their first word marks the
			// tokens worth a title lookup, in lower case and
			// capitalised ("secretary-general" starts with the token
			// "secretary").
			t := strings.ToLower(line)
			lx.titles[t] = struct{}{}
			words := strings.Fields(t)
			lx.titleWords = max(lx.titleWords, len(words))
			first, _, _ := strings.Cut(words[0], "-")
			for _, w := range []string{first, words[0]} {
				lx.words[w] |= lexTitle
				lx.words[strings.ToUpper(w[:1])+w[1:]] |= lexTitle
				lx.words[strings.ToUpper(w)] |= lexTitle
			}
		}
	}
	return lx, nil
}

// isConnector reports whether a lower-case word may stand inside a
// capitalised name: "Bank of England", "Islamic State of Iraq and Syria",
// "Mohammed bin Salman", "Ursula von der Leyen".
func isConnector(w string) bool {
	switch w {
	case "of", "the", "and", "de", "du", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "bint", "ibn",
		"al", "el", "ad", "ul", "la", "le", "y", "dos", "das", "do", "on", "upon", "for":
		return true
	}
	return false
}

// isParticle reports whether a connector belongs to a person's name rather
// than joining two names ("bin", "al-", "von"), so that it does not end a
// person or unknown name.
func isParticle(w string) bool {
	switch w {
	case "de", "du", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "bint", "ibn", "al", "el", "ad", "ul", "la", "le", "dos", "das":
		return true
	}
	return false
}

// isHyphenParticle reports whether w starts names in the "al-Assad" form.
func isHyphenParticle(w string) bool {
	switch w {
	case "al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ibn", "bin", "abu", "ul":
		return true
	}
	return false
}

// isAgencyNoun reports whether a lower-case word after a capitalised name
// makes it an organization: "the Tasnim news agency", "the Kommersant
// daily".
func isAgencyNoun(w string) bool {
	switch w {
	case "agency", "newspaper", "daily", "weekly", "broadcaster", "television", "channel", "network", "website", "outlet",
		"magazine", "radio", "party", "group", "militia", "movement", "company", "firm", "corporation", "bank", "ministry",
		"government", "administration", "organization", "organisation", "alliance", "coalition":
		return true
	}
	return false
}

// isPlaceNoun reports whether a lower-case word after a capitalised name
// makes it a place: "Borno state", "Idlib province".
func isPlaceNoun(w string) bool {
	switch w {
	case "state", "province", "region", "district", "county", "governorate", "city", "town", "village",
		"neighbourhood", "neighborhood", "municipality", "oblast", "prefecture", "valley", "river", "mountains":
		return true
	}
	return false
}

// isPlaceCue reports whether a capitalised word inside an unknown name
// makes it a place.
func isPlaceCue(w string) bool {
	switch w {
	case "River", "Mountains", "Mount", "Mt.", "Valley", "Island", "Islands", "Sea", "Bay", "Desert", "Province",
		"Region", "District", "County", "Governorate", "Oblast", "Square", "Street", "Avenue", "Airport", "Bridge",
		"Strait", "Peninsula", "Coast", "Canal", "Lake", "Heights", "Plain", "Basin", "Gulf", "Camp", "Crossing":
		return true
	}
	return false
}

// isPlacePrefix reports whether w names a place after another name:
// "Lake Chad", "Mount Lebanon".
func isPlacePrefix(w string) bool {
	switch w {
	case "Lake", "Mount", "Mt.", "Cape", "Port", "Fort":
		return true
	}
	return false
}
