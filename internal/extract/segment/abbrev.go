package segment

import (
	"unicode"
	"unicode/utf8"
)

// abbreviation decides whether the period at text[dot] belongs to the
// word text[start:dot] and returns fTitle for an abbreviation that never
// ends a sentence, fWeak for one that may, or 0 when the period is a full
// stop. The period is not taken when another period follows ("etc...").
func (st *state) abbreviation(start, dot, to int) uint8 {
	text := st.text
	if dot+1 < to && text[dot+1] == '.' {
		return 0
	}
	w := text[start:dot]
	switch {
	case len(w) > maxAbbreviationBytes:
		return 0
	case isInitial(w):
		return fWeak // "J.", "W.": "George W. Bush", but "Plan B. The"
	case isDotted(w):
		switch w {
		case "e.g", "i.e", "E.g", "I.e":
			return fTitle
		}
		return fWeak // "U.S.", "a.m."
	}
	if f := listed(w); f != 0 {
		if f == fNumeric {
			if nextIsDigit(text, dot+1, to) {
				return fTitle // "No. 5", "p. 12"
			}
			return 0 // "He said no."
		}
		return f
	}
	if st.extra != nil {
		if _, ok := st.extra[w]; ok {
			return fWeak
		}
	}
	return 0
}

// fNumeric marks abbreviations that are only abbreviations before a
// number ("No. 5", "Art. 9"); it is never a token flag.
const fNumeric uint8 = 1 << 7

// listed returns the class of a known abbreviation, written without its
// period, or 0. The lists are for English news: case matters, so that the
// word at a sentence end ("a new tax law.") is not taken for one.
func listed(w string) uint8 {
	switch w {
	// Titles and honorifics: a name follows, never the end of a sentence.
	case "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Rev", "Hon", "Rt", "Msgr", "Fr",
		"Gen", "Gens", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Cmdt",
		"Gov", "Sen", "Sens", "Rep", "Reps", "Pres", "Supt", "Insp", "Det", "Atty", "Amb",
		// Latin and reference abbreviations that a clause follows.
		"vs", "v", "cf", "viz", "approx", "ca", "Approx":
		return fTitle
	// Abbreviations that end sentences often enough: company suffixes,
	// generational suffixes, months, weekdays, "etc.", places, US states
	// in AP style.
	case "Inc", "Corp", "Co", "Cos", "Ltd", "Plc", "Bros", "Jr", "Sr", "Esq", "Ph.D",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat",
		"etc", "al", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Hwy", "St", "Ste", "Mt", "Ft",
		"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
		"La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn",
		"Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo":
		return fWeak
	// Abbreviations only before a number.
	case "No", "Nos", "no", "nos", "Nr", "Art", "Arts", "Fig", "Figs", "Vol", "Vols", "Ch", "Chap",
		"p", "pp", "Para", "Sec", "Sect", "Op", "Rs", "Tab", "Ex":
		return fNumeric
	}
	return 0
}

// isInitial reports whether w is one upper-case letter.
func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && size > 0 && unicode.IsUpper(r)
}

// isDotted reports whether w is two or more single letters joined by
// periods: "U.S", "e.g", "a.m", "J.R.R".
func isDotted(w string) bool {
	letters := 0
	wantLetter := true
	for _, r := range w {
		switch {
		case wantLetter && unicode.IsLetter(r):
			letters++
		case !wantLetter && r == '.':
		default:
			return false
		}
		wantLetter = !wantLetter
	}
	return letters >= 2 && !wantLetter
}

// nextIsDigit reports whether the first character after the spaces at
// text[i:to] is a digit.
func nextIsDigit(text string, i, to int) bool {
	for i < to && text[i] == ' ' {
		i++
	}
	return digitAt(text, i, to)
}

// isOpener reports whether w commonly opens a sentence in English news:
// the closed-class words (articles, pronouns, conjunctions, prepositions,
// some adverbs) that are capitalised only there. After an abbreviation or
// an ellipsis, a sentence ends only before one of them, which keeps
// "U.S. President" and "Sept. 30" together and splits "the U.S. The".
func isOpener(w string) bool {
	switch w {
	case "A", "After", "All", "Also", "Although", "An", "And", "Another", "Any", "As", "At",
		"Because", "Before", "Both", "But", "By", "Despite", "During", "Each", "Earlier", "Even", "Every",
		"For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If", "In", "It", "Its",
		"Last", "Later", "Many", "Meanwhile", "More", "Most", "My", "No", "Not", "Now",
		"On", "One", "Only", "Other", "Our", "She", "Since", "So", "Some", "Still",
		"That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Though", "Thus", "To",
		"Under", "Until", "We", "What", "When", "Where", "Which", "While", "Who", "Why", "With", "Yet", "You", "Your":
		return true
	}
	return false
}
