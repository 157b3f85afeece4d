package decode

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultSections returns the known-sections list: the section names that
// wire text glues to the end of a related-story teaser
// ("... against ISIS Middle East -"). The set of sections is not closed;
// names missing here are found by a fallback heuristic where it is sure
// and left empty where it is not (see sectionSet.split). Add names with
// [WithSections]. The caller owns the returned slice.
//
// The list holds the sections seen on the wire (Middle East, World News,
// Variety) and the usual desks of news sites. It leaves out names that end
// ordinary sentences too often to be told apart ("World", "News").
func DefaultSections() []string {
	return []string{
		"Middle East", "World News", "Variety",
		"Business", "Sport", "Sports", "Technology", "Tech", "Science",
		"Science & Technology", "Health", "Entertainment", "Politics",
		"Opinion", "Analysis", "Features",
		"Europe", "Asia", "Asia Pacific", "Africa", "Americas", "Latin America",
		"UK", "US", "Gulf",
		"Culture", "Arts", "Arts & Culture", "Lifestyle", "Travel", "Food & Drink",
		"Fashion", "Music", "Film", "Books",
		"Economy", "Markets", "Finance", "Energy", "Environment", "Climate",
		"Education", "Media", "Weather", "Obituaries", "Football", "Cricket",
		"Tennis",
	}
}

// sectionSet is the known-sections list, longest name first so that
// "World News" wins over a shorter name it ends with.
type sectionSet []string

func newSectionSet(names []string) sectionSet {
	s := slices.Clone(names)
	slices.SortFunc(s, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	return slices.Compact(s)
}

// maxHeuristicWords is the longest unknown section name the fallback
// heuristic accepts.
const maxHeuristicWords = 3

// split splits the section name glued to the end of a teaser, which must
// be normalized (single spaces, trimmed) and have its " -" marker removed.
// It returns the teaser unchanged and an empty section when it is unsure.
//
// A known section matches case-sensitively at the end of the teaser, on a
// word boundary. An unknown one is taken to be the trailing run of 1 to 3
// capitalized words when the word before it starts with a lowercase
// letter or a digit and is no function word ("in", "the", "with", ...),
// or when it ends with an ellipsis: in "talks with Angela Merkel" the
// capitalized words end the sentence, they do not name a section. A known
// section is rejected only after an article ("talks in the US"), because
// "banks stepped in Markets" is a teaser ending in a particle followed by
// its section.
func (s sectionSet) split(teaser string) (text, section string) {
	for _, name := range s {
		if !strings.HasSuffix(teaser, name) {
			continue
		}
		i := len(teaser) - len(name)
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(teaser[:i])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue // no word boundary: "Caucasus" does not end in "US"
			}
		}
		text = strings.TrimRight(teaser[:i], " ")
		if isArticle(lastWord(text)) {
			return teaser, ""
		}
		return text, name
	}
	return splitUnknownSection(teaser)
}

// splitUnknownSection is the fallback heuristic of split.
func splitUnknownSection(teaser string) (text, section string) {
	// start is the index of the space before the run of section words.
	start := len(teaser)
	words := 0
	for {
		j := strings.LastIndexByte(teaser[:start], ' ')
		w := teaser[j+1 : start]
		if !isSectionWord(w) || (w == "&" && words == 0) {
			break
		}
		words++
		if words > maxHeuristicWords || j < 0 {
			return teaser, "" // too long for a section, or the whole teaser
		}
		start = j
	}
	if words == 0 {
		return teaser, ""
	}
	text, section = teaser[:start], teaser[start+1:]
	if strings.HasPrefix(section, "& ") {
		return teaser, ""
	}
	prev := lastWord(text)
	if strings.HasSuffix(prev, "...") || strings.HasSuffix(prev, "…") {
		return text, section
	}
	r, _ := utf8.DecodeRuneInString(prev)
	if (unicode.IsLower(r) || unicode.IsDigit(r)) && !isFunctionWord(prev) {
		return text, section
	}
	return teaser, ""
}

// isSectionWord reports whether w can be a word of a section name: a
// capitalized word of letters (with inner hyphens or apostrophes), or "&".
func isSectionWord(w string) bool {
	if w == "&" {
		return true
	}
	first, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(first) {
		return false
	}
	for _, r := range w[size:] {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

func lastWord(s string) string {
	return s[strings.LastIndexByte(s, ' ')+1:]
}

// isArticle reports whether w is "a", "an" or "the", ignoring case.
func isArticle(w string) bool {
	switch strings.ToLower(w) {
	case "a", "an", "the":
		return true
	}
	return false
}

// isFunctionWord reports whether w is an article, preposition or
// conjunction that a sentence cannot end with, ignoring case.
func isFunctionWord(w string) bool {
	switch strings.ToLower(w) {
	case "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by",
		"with", "and", "or", "into", "onto", "about", "against", "over",
		"than", "as", "via", "across", "between", "among", "toward", "towards":
		return true
	}
	return false
}
