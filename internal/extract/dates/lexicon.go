package dates

import "strings"

// category is what a word of the lexicon is, for the matchers.
type category uint8

const (
	catNone      category = iota
	catMonth              // val 1..12
	catWeekday            // val time.Weekday
	catRelDay             // yesterday, today, tomorrow, tonight: val the day offset
	catMod                // last, next, this, past, coming: val a mod
	catUnit               // day, week, …: val a unit
	catNumWord            // one … ninety, a, an: val the number
	catPartOfDay          // morning, afternoon, evening, night
	catClock              // noon (val 12), midnight (val 0)
	catMeridiem           // am (val 0), pm (val 12)
	catZone               // GMT, EST, …: val the UTC offset in minutes
	catFunc               // words some matcher asks for by name: val a fn
)

// mod is the modifier of a relative expression.
type mod uint8

const (
	modNone   mod = iota
	modLast       // strictly before the anchor's day, week, month or year
	modNext       // strictly after
	modThis       // the anchor's own week, month or year
	modPast       // "the past week": a duration up to the anchor
	modComing     // "the coming weeks": a duration from the anchor
	// modPastTense and modFutureTense are a bare weekday's tense cues.
	modPastTense
	modFutureTense
)

// unit is a unit of time.
type unit uint8

const (
	unitNone unit = iota
	unitMinute
	unitHour
	unitDay
	unitWeek
	unitMonth
	unitYear
	unitDecade
)

// fn names the function words that matchers look for.
type fn uint8

const (
	fnNone fn = iota
	fnAt
	fnOn
	fnOf
	fnAnd
	fnTo
	fnOr
	fnThrough
	fnAgo
	fnBe
	fnSet
	fnGoing
	fnSince
	fnMid
	fnEarly
	fnLate
	fnLater
	fnEarlier
	fnWon
)

// bits are the roles a word plays as context for another expression.
type bits uint16

const (
	bMonthCue  bits = 1 << iota // may come before a bare month name: "in March"
	bYearCue                    // may come before a year outside 1900–2099: "in 1848"
	bDurCue                     // may come before a duration: "within 18 months"
	bQualifier                  // may stand between a cue and a duration: "for about two years"
	bPast                       // past tense: the bare weekday is on or before the anchor
	bFuture                     // future: the bare weekday is on or after the anchor
	bReport                     // reporting verb: a weak past cue ("said")
	bSet                        // every, each: a recurring day or month, not a date
	bQuantity                   // a noun that a number counts: the number is no year
	bNotYear                    // "No.", "flight": the number after it is no year
	bHoliday                    // "Black Friday": the weekday after it is a name
	bSingular                   // a unit in the singular, or "a"/"an"/"one"
	bAbbrev                     // a title or abbreviation written with a period: "Gen.", "Mr."
	bClause                     // starts a clause: "but", "that", "while"
	bEventCue                   // before a bare month, makes it an event's time: "in", "during"
)

// lexEntry is what the lexicon knows of a lower-case word.
type lexEntry struct {
	cat  category
	abbr bool // a month abbreviation: only with a day or a year
	val  int16
	bits bits
}

// lexicon maps lower-case ASCII words to their entries. It is an
// open-addressing table with the FNV-1a hash that the tokenizer computes
// while it scans a word, about three times faster than a Go map here,
// where every word of the text is looked up. It is read-only after
// newLexicon.
type lexicon struct {
	slots []lexSlot
	mask  uint32
}

type lexSlot struct {
	key string
	e   lexEntry
}

// FNV-1a, 32 bits.
const (
	hashInit  uint32 = 2166136261
	hashPrime uint32 = 16777619
)

// hashWord is the hash of a lower-case word, as the tokenizer computes it.
func hashWord(w string) uint32 {
	h := hashInit
	for i := range len(w) {
		h = (h ^ uint32(w[i])) * hashPrime
	}
	return h
}

// lookup returns the entry of the ASCII word w, in any case, whose
// lower-case form has hash h.
func (lx *lexicon) lookup(w string, h uint32) lexEntry {
	for i := h & lx.mask; ; i = (i + 1) & lx.mask {
		s := &lx.slots[i]
		if s.key == "" {
			return lexEntry{}
		}
		if len(s.key) == len(w) && equalLower(w, s.key) {
			return s.e
		}
	}
}

// equalLower reports whether the ASCII letters w equal the lower-case
// key, ignoring case.
func equalLower(w, key string) bool {
	for i := range len(w) {
		if w[i]|0x20 != key[i] {
			return false
		}
	}
	return true
}

// maxWordLen is the longest word the tokenizer looks up.
const maxWordLen = 13

// newLexicon builds the word table. The lists are small and fixed: they
// describe English news copy, not a general English grammar.
func newLexicon() *lexicon {
	lx := make(map[string]lexEntry, 512)
	add := func(words string, e lexEntry) {
		for w := range strings.FieldsSeq(words) {
			old := lx[w]
			if old.cat == catNone {
				old.cat, old.abbr, old.val = e.cat, e.abbr, e.val
			}
			old.bits |= e.bits
			lx[w] = old
		}
	}
	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, m := range months {
		add(m, lexEntry{cat: catMonth, val: int16(i + 1)})
	}
	for i, a := range []string{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep sept", "oct", "nov", "dec"} {
		add(a, lexEntry{cat: catMonth, abbr: true, val: int16(i + 1)})
	}
	for i, d := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		add(d, lexEntry{cat: catWeekday, val: int16(i)})
	}
	add("yesterday", lexEntry{cat: catRelDay, val: -1})
	add("today tonight", lexEntry{cat: catRelDay, val: 0})
	add("tomorrow", lexEntry{cat: catRelDay, val: 1})
	add("last", lexEntry{cat: catMod, val: int16(modLast)})
	add("next", lexEntry{cat: catMod, val: int16(modNext)})
	add("this", lexEntry{cat: catMod, val: int16(modThis)})
	add("past", lexEntry{cat: catMod, val: int16(modPast)})
	add("coming", lexEntry{cat: catMod, val: int16(modComing)})
	for _, u := range []struct {
		one, many string
		u         unit
	}{
		{"minute", "minutes", unitMinute}, {"hour", "hours", unitHour}, {"day", "days", unitDay},
		{"week", "weeks", unitWeek}, {"month", "months", unitMonth}, {"year", "years", unitYear},
		{"decade", "decades", unitDecade},
	} {
		add(u.one, lexEntry{cat: catUnit, val: int16(u.u), bits: bSingular})
		add(u.many, lexEntry{cat: catUnit, val: int16(u.u)})
	}
	add("a an one", lexEntry{cat: catNumWord, val: 1, bits: bSingular})
	for i, w := range []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"} {
		add(w, lexEntry{cat: catNumWord, val: int16(i + 2)})
	}
	for i, w := range []string{"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(w, lexEntry{cat: catNumWord, val: int16(30 + 10*i)})
	}
	add("morning afternoon evening night", lexEntry{cat: catPartOfDay})
	add("noon", lexEntry{cat: catClock, val: 12})
	add("midnight", lexEntry{cat: catClock, val: 0})
	add("am", lexEntry{cat: catMeridiem, val: 0})
	add("pm", lexEntry{cat: catMeridiem, val: 12})
	// Zones with one fixed offset only: the generic ET or PT would need
	// the time-zone database; IST, CST, AST and GST are each several
	// zones. BST is British Summer Time, as in wire copy.
	for _, z := range []struct {
		names string
		min   int16
	}{
		{"gmt utc", 0}, {"bst cet", 60}, {"cest eet sast", 120}, {"eest msk", 180},
		{"pkt", 300}, {"wib ict", 420}, {"hkt sgt awst pht", 480}, {"jst kst", 540}, {"aest", 600}, {"aedt", 660},
		{"nzst", 720}, {"nzdt", 780}, {"edt", -240}, {"est cdt", -300}, {"mdt", -360}, {"mst pdt", -420}, {"pst", -480},
	} {
		add(z.names, lexEntry{cat: catZone, val: z.min})
	}
	for _, f := range []struct {
		word string
		fn   fn
	}{
		{"at", fnAt}, {"on", fnOn}, {"of", fnOf}, {"and", fnAnd}, {"to", fnTo}, {"or", fnOr}, {"through", fnThrough},
		{"ago", fnAgo}, {"be", fnBe}, {"set", fnSet}, {"going", fnGoing}, {"since", fnSince}, {"mid", fnMid},
		{"early", fnEarly}, {"late", fnLate}, {"later", fnLater}, {"earlier", fnEarlier}, {"won", fnWon},
	} {
		add(f.word, lexEntry{cat: catFunc, val: int16(f.fn)})
	}

	add("in since until till by from of early mid late last next this through throughout during before after between",
		lexEntry{bits: bMonthCue})
	add("in since of from until till by before after during between year circa", lexEntry{bits: bYearCue})
	add("in during since from throughout", lexEntry{bits: bEventCue})
	add("within for over during after in past last next first coming lasting spanning by",
		lexEntry{bits: bDurCue})
	add("nearly almost about around roughly some approximately just only least at more less fewer than up to under another further additional the its their",
		lexEntry{bits: bQualifier})
	add("every each", lexEntry{bits: bSet})
	add(`people persons troops soldiers police officers workers employees staff students children families homes houses
		jobs cars vehicles units shares votes seats points deaths cases patients refugees migrants tonnes tons barrels
		kilometres kilometers km metres meters miles feet kg mw mph dollars euros pounds yuan yen rupees percent per
		hundred thousand million billion trillion times`, lexEntry{bits: bQuantity})
	add("no number flight route page highway interstate room platform gate article section model version resolution",
		lexEntry{bits: bNotYear})
	add("mr mrs ms dr gen sen rep gov lt col sgt maj capt adm jr sr st co inc corp ltd vs no", lexEntry{bits: bAbbrev})
	add("a an", lexEntry{bits: bQualifier})
	add("but while whereas although though because that which who whose when where if unless", lexEntry{bits: bClause})
	add("black good super bloody ash holy cyber giving easter palm shrove maundy whit", lexEntry{bits: bHoliday})

	// Tense cues for bare weekdays (see doc.go). Regular past forms in
	// -ed are recognised by their ending; these are the exceptions.
	add("hit cut was were had did met held made took gave came went saw left began won lost struck rose fell sent spent paid built brought bought caught fought found got kept led ran sold spoke stood thought wrote broke chose drove flew grew knew threw wore quit shot sank fled fed felt heard hung lent meant sought shook sat slept stole stuck swept taught tore understood woke withdrew became forgot froze hid blew drew ate overtook undertook arose",
		lexEntry{bits: bPast})
	add("said told added announced reported stated according", lexEntry{bits: bReport})
	add("will shall would could might should must may can ll due expected scheduled slated planned plans plan planning intends aims upcoming",
		lexEntry{bits: bFuture})

	size := 1
	for size < 4*len(lx) {
		size *= 2
	}
	t := &lexicon{slots: make([]lexSlot, size), mask: uint32(size - 1)}
	for w, e := range lx {
		i := hashWord(w) & t.mask
		for t.slots[i].key != "" {
			i = (i + 1) & t.mask
		}
		t.slots[i] = lexSlot{key: w, e: e}
	}
	return t
}
