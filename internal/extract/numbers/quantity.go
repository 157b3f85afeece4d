package numbers

import (
	"strings"
	"unicode/utf8"
)

// tokRange is an inclusive token range; first is -1 for none.
type tokRange struct{ first, last int }

var noRange = tokRange{-1, -1}

// qty is one quantity found: tokens [first, end) are its text.
type qty struct {
	first, end int
	value      float64
	unit       string
	counts     tokRange
	context    tokRange
	approx     bool
}

// Bounds of the look-around, in tokens.
const (
	maxLeft   = 5 // words skipped looking for the governing word before a number
	maxPhrase = 4 // words of the noun phrase a number counts
)

// quantityAt recognises a quantity starting at token i. next is the first
// token after everything it examined and ruled on, so that the parts of a
// designator ("S-300") or a time ("9:42") are not read again.
func (st *state) quantityAt(i int) (q qty, next int, ok bool) {
	t := st.toks[i]
	st.para = t.para
	var v value
	switch t.kind {
	case tkNum:
		if st.designatorGlue(i) {
			return q, st.runEnd(i), false
		}
		if end, phone := st.phoneEnd(i); phone {
			return q, end, false
		}
		if v, ok = st.digitValue(i); !ok {
			return q, st.runEnd(i), false
		}
	case tkWord:
		if !mayStartNumber(st.text[t.start:t.end]) {
			return q, i + 1, false
		}
		if v, ok = st.wordValue(i); !ok {
			return q, i + 1, false
		}
		if !st.countable(v) {
			return q, v.end, false
		}
	default:
		return q, i + 1, false
	}
	para := t.para
	q = qty{first: v.first, end: v.end, value: v.v, counts: noRange, context: noRange}
	scaled := v.scale > 1

	// Before the number: a currency sign or code, a sign, "magnitude".
	cur := ""
	if k := q.first - 1; k >= st.floor && st.toks[k].para == para {
		pk := st.toks[k]
		switch {
		case t.kind == tkNum && t.glue && pk.kind == tkSym:
			r, _ := utf8.DecodeRuneInString(st.text[pk.start:])
			if c := currencySymbol(r); c != "" {
				cur, q.first = c, k
				if r == '$' && pk.glue && k-1 >= st.floor && st.wordIn(k-1, para) {
					if c := dollarPrefix(st.word(k - 1)); c != "" {
						cur, q.first = c, k-1
					}
				}
			} else if r == '−' && !pk.glue {
				q.value, q.first = -q.value, k
			}
		case t.kind == tkNum && t.glue && st.isPunct(k, '-') && !pk.glue:
			q.value, q.first = -q.value, k
		case pk.kind == tkWord && isoCode(st.word(k)):
			cur, q.first = st.word(k), k
		case pk.kind == tkWord && string(st.low(k)) == "magnitude":
			q.unit, q.first = "magnitude", k
		}
	}

	// Against the digits: "$5bn", "10km", "1990s", "5th", "5G", "9:42",
	// "24/7", "48-hour", "10-20".
	attributive := false
	if t.kind == tkNum && v.end == i+1 && st.glued(i+1) {
		g := i + 1
		switch {
		case st.toks[g].kind == tkWord:
			suf := string(st.low(g))
			switch {
			case suf == "s" || suf == "st" || suf == "nd" || suf == "rd" || suf == "th" ||
				suf == "am" || suf == "pm" || suf == "a.m." || suf == "p.m." || suf == "h" || suf == "hrs":
				return q, st.runEnd(i), false // a decade, an ordinal, a time
			case cur != "" && gluedScale(suf) > 0:
				q.value *= gluedScale(suf)
				scaled = true
				q.end = g + 1
			case gluedUnit(suf) != "" && !(len(suf) == 1 && st.toks[g].upper):
				// "5km", "10kg", "5m" (not "5G", "3D": designators)
				q.unit = gluedUnit(suf)
				q.end = g + 1
			default:
				return q, st.runEnd(i), false // a designator: 5G, 3D, 4x4
			}
		case st.toks[g].kind == tkSym && st.text[st.toks[g].start] == '%':
			// read below with the other percent forms
		case st.isPunct(g, ':') || st.isPunct(g, '/') || st.isPunct(g, '.'):
			if st.glued(g+1) && st.toks[g+1].kind == tkNum {
				return q, st.runEnd(i), false // a time, a date, a fraction, a version
			}
		case st.isPunct(g, '-') || st.toks[g].kind == tkPunct && st.text[st.toks[g].start:st.toks[g].end] == "–":
			if !st.glued(g + 1) {
				break
			}
			switch st.toks[g+1].kind {
			case tkNum:
				if end, ok := st.numericPair(i, g+1, q.value); ok {
					q.end, q.approx = end, true
				} else {
					return q, st.runEnd(i), false
				}
			case tkWord:
				w := string(st.low(g + 1))
				switch {
				case scaleWord(w) > 0:
					q.value *= scaleWord(w)
					scaled = true
					q.end = g + 2
				case w == "plus" || w == "odd":
					q.approx = true
					q.end = g + 2
				default:
					// "48-hour strike", "26-seat council", "45-year-old".
					if u := unitWord(w); u != "" {
						q.unit = u
					} else {
						q.counts = tokRange{g + 1, g + 1}
					}
					q.end = g + 2
					if st.glued(q.end) && st.isPunct(q.end, '-') && st.glued(q.end+1) && st.isWord(q.end+1, "old") {
						q.end += 2
					}
					attributive = true
				}
			}
		}
	}
	if v.words && st.glued(q.end) && st.isPunct(q.end, '-') && st.glued(q.end+1) && st.wordIn(q.end+1, para) {
		w := string(st.low(q.end + 1))
		switch {
		case fraction(w):
			return q, q.end + 2, false // "two-thirds", "one-off", "one-time"
		case unitWord(w) != "":
			q.unit = unitWord(w) // "two-year yield"
		default:
			q.counts = tokRange{q.end + 1, q.end + 1} // "three-judge panel"
		}
		q.end += 2
		attributive = true
	}

	// After the number: percent, currency, unit.
	if !attributive && q.unit == "" {
		q.unit, q.end = st.suffix(q.end, para, cur, scaled)
	}

	// Not quantities: times of day, dates, years, designators.
	if st.wordIn(q.end, para) && clockWord(st.word(q.end)) && q.unit == "" {
		return q, q.end + 1, false
	}
	if q.unit == "" && !scaled && st.dateLike(q, para) {
		return q, q.end, false
	}
	if len(st.dates) > 0 && st.inDate(st.toks[q.first].start, st.toks[q.end-1].end) {
		return q, q.end, false
	}
	if t.kind == tkNum && q.unit == "" && !scaled && !attributive && st.designator(q.first, para) {
		return q, q.end, false
	}

	// A range: "between 10 and 20", "10 to 20 percent".
	if !attributive {
		q = st.rangeAfter(q, para, scaled)
	}
	if st.isWord(q.end, "or") && (st.isWord(q.end+1, "more") || st.isWord(q.end+1, "so")) {
		q.approx = true
	}
	q.approx = q.approx || st.approximated(q.first, para)

	// What it counts and what governs it.
	after := q.end
	if q.counts.first < 0 && !timeUnit(q.unit) && q.unit != "magnitude" {
		if q.unit == "" || st.isWord(after, "of") {
			q.counts = st.counted(after, para)
		}
	}
	if q.counts.first >= 0 && q.counts.first >= after {
		after = q.counts.last + 1
	}
	switch {
	case attributive:
		q.context = st.nounPhrase(q.end, para)
	case q.unit != "" && !timeUnit(q.unit) && st.wordIn(q.end, para) && !st.toks[q.end].upper:
		// "a 45 percent chance", "an 862 million euro contract".
		q.context = st.nounPhrase(q.end, para)
	}
	if q.context.first < 0 {
		q.context = st.leftContext(q.first, para)
		if q.context.first == -2 {
			q.context = st.rightContext(after, para)
		}
	}
	return q, q.end, true
}

// mayStartNumber reports whether a word, as written, can start a number
// written in words. It matches the text itself, lower case or
// capitalised, so that the many words that cannot start a number cost
// one switch and no case folding.
func mayStartNumber(w string) bool {
	switch w {
	case "zero", "Zero", "one", "One", "two", "Two", "three", "Three", "four", "Four", "five",
		"Five", "six", "Six", "seven", "Seven", "eight", "Eight", "nine", "Nine", "ten", "Ten",
		"eleven", "Eleven", "twelve", "Twelve", "thirteen", "Thirteen", "fourteen", "Fourteen",
		"fifteen", "Fifteen", "sixteen", "Sixteen", "seventeen", "Seventeen", "eighteen", "Eighteen",
		"nineteen", "Nineteen", "twenty", "Twenty", "thirty", "Thirty", "forty", "Forty", "fifty",
		"Fifty", "sixty", "Sixty", "seventy", "Seventy", "eighty", "Eighty", "ninety", "Ninety", "a",
		"A", "an", "An", "half", "Half":
		return true
	}
	return false
}

// countable reports whether number words v stand for a quantity: "one"
// alone only before a noun ("one terminal", not "one of", "no one").
func (st *state) countable(v value) bool {
	if v.end != v.first+1 || string(st.low(v.first)) != "one" {
		return true
	}
	if v.first > 0 && st.toks[v.first-1].para == st.toks[v.first].para && st.toks[v.first-1].kind == tkWord {
		switch string(st.low(v.first - 1)) {
		case "no", "the", "any", "every", "each", "this", "that", "which", "someone", "anyone", "everyone", "no-one":
			return false
		}
	}
	if !st.wordIn(v.end, st.toks[v.first].para) {
		return false
	}
	w := string(st.low(v.end))
	return !stopWord(w) && w != "another" && w != "day" && w != "time" && w != "thing"
}

// fraction reports whether w after "two-" makes a fraction, which is not a
// count.
func fraction(w string) bool {
	switch w {
	case "third", "thirds", "quarter", "quarters", "half", "halves", "fifth", "fifths",
		"tenth", "tenths", "sixth", "sixths", "eighth", "eighths", "time", "off", "way", "sided",
		"fold", "on", "liner", "stop", "size":
		return true
	}
	return false
}

// timeUnit reports whether unit is a span of time.
func timeUnit(u string) bool {
	switch u {
	case "second", "minute", "hour", "day", "week", "month", "year", "decade", "century":
		return true
	}
	return false
}

// runEnd returns the first token after the glued run that holds token i.
func (st *state) runEnd(i int) int {
	j := i + 1
	for j < len(st.toks) && st.toks[j].glue {
		j++
	}
	return j
}

// designatorGlue reports whether the digits at i are glued to what makes
// them a name or a code: a word ("G7", "A321"), a word and a hyphen
// ("S-300", "COVID-19", "mid-2024"), the end of a time or a date ("9:42",
// "24/7"), "#".
func (st *state) designatorGlue(i int) bool {
	if !st.glued(i) {
		return false
	}
	p := st.toks[i-1]
	switch p.kind {
	case tkWord:
		return !isoCode(st.word(i - 1))
	case tkSym:
		return st.text[p.start] == '#'
	case tkPunct:
		c := st.text[p.start]
		if c == '-' || c == ':' || c == '/' || c == '.' {
			return st.glued(i-1) && (st.toks[i-2].kind == tkWord || st.toks[i-2].kind == tkNum)
		}
		return c == '\''
	}
	return false
}

// phoneEnd reports whether the digits at i start a telephone number: a
// "+" before them, or three or more groups of digits joined by spaces,
// hyphens, points or parentheses with seven digits or more, or "555-0100".
// end is the first token after it.
func (st *state) phoneEnd(i int) (end int, phone bool) {
	para := st.toks[i].para
	plus := st.glued(i) && st.toks[i-1].kind == tkSym && st.text[st.toks[i-1].start] == '+'
	groups, digits, last := 0, 0, 0
	j := i
	for j < len(st.toks) && st.toks[j].para == para && j-i < 16 {
		t := st.toks[j]
		if j > i && t.start-st.toks[j-1].end > 1 {
			break
		}
		if t.kind == tkNum {
			s := st.text[t.start:t.end]
			if strings.ContainsAny(s, ",.") {
				break
			}
			groups++
			digits += len(s)
			last = len(s)
			j++
			continue
		}
		if t.end-t.start == 1 && strings.IndexByte("-.()", st.text[t.start]) >= 0 && j+1 < len(st.toks) && st.toks[j+1].kind != tkWord {
			j++
			continue
		}
		break
	}
	first := len(st.text[st.toks[i].start:st.toks[i].end])
	switch {
	case plus && digits >= 7,
		groups >= 3 && digits >= 7,
		groups == 2 && first == 3 && last == 4 && st.isPunct(i+1, '-'):
		for j > i && st.toks[j-1].kind != tkNum {
			j-- // not the trailing punctuation
		}
		return j, true
	}
	return 0, false
}

// numericPair handles "a-b" written with digits on both sides, the second
// at token j: a range when b > a ("10-20") and it is not a span of years,
// a date or a code; ok false otherwise ("3-2" scores, "2024-05-12").
func (st *state) numericPair(i, j int, a float64) (end int, ok bool) {
	if st.glued(j+1) && (st.isPunct(j+1, '-') || st.isPunct(j+1, '/')) {
		return 0, false
	}
	if st.text[st.toks[i].start] == '0' || st.text[st.toks[j].start] == '0' {
		return 0, false
	}
	bv, ok := st.digitValue(j)
	if !ok || bv.v <= a || bv.scale != 1 || bv.end != j+1 {
		return 0, false
	}
	if year(st.word(i)) && year(st.word(j)) {
		return 0, false
	}
	return j + 1, true
}

// year reports whether s is a bare four-digit number from 1900 to 2099.
func year(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20") && isDigit(s[2]) && isDigit(s[3])
}

// suffix reads what follows a number at token j: a percent form, a
// currency (cur is the one written before the number, if any) or a unit
// of measure. It returns the unit and the first token after it.
// scaled says whether a scale word came first ("5 million pounds" is
// money, "5 pounds" a weight).
func (st *state) suffix(j int, para int32, cur string, scaled bool) (unit string, end int) {
	switch {
	case j < len(st.toks) && st.toks[j].glue && st.toks[j].kind == tkSym && st.text[st.toks[j].start] == '%':
		return "percent", j + 1
	case cur == "" && j < len(st.toks) && st.toks[j].glue && st.text[st.toks[j].start:st.toks[j].end] == "°":
		// "41°C", "5°"
		if st.glued(j + 1) {
			switch st.wordOf(j+1, para) {
			case "C":
				return "°C", j + 2
			case "F":
				return "°F", j + 2
			}
		}
		return "degree", j + 1
	case !st.wordIn(j, para):
		return cur, j
	}
	w := string(st.low(j))
	switch {
	case w == "percent" || w == "pct":
		return "percent", j + 1
	case w == "per" && st.isWord(j+1, "cent"):
		return "percent", j + 2
	case w == "percentage" && (st.isWord(j+1, "point") || st.isWord(j+1, "points")):
		return "percentage point", j + 2
	case w == "basis" && (st.isWord(j+1, "point") || st.isWord(j+1, "points")):
		return "basis point", j + 2
	case w == "bps" || w == "bp":
		return "basis point", j + 1
	}
	if cur == "" {
		switch {
		case currencyWord(w) != "":
			c := currencyWord(w)
			return c, j + 1
		case w == "pound" || w == "pounds":
			if st.isWord(j+1, "sterling") {
				return "GBP", j + 2
			}
			if scaled {
				return "GBP", j + 1
			}
			return "lb", j + 1
		case w == "won" && scaled:
			return "KRW", j + 1
		case isoCode(st.word(j)):
			return st.word(j), j + 1
		}
		if c := dollarCountry(st.word(j)); c != "" && st.wordIn(j+1, para) && (st.isWord(j+1, "dollars") || st.isWord(j+1, "dollar")) {
			return c, j + 2
		}
		if (st.word(j) == "Hong" || st.word(j) == "New") && st.wordIn(j+2, para) && (st.isWord(j+2, "dollars") || st.isWord(j+2, "dollar")) {
			if c := dollarCountry(st.wordOf(j+1, para)); c != "" {
				return c, j + 3
			}
		}
	}
	if cur != "" {
		return cur, j
	}
	switch {
	case w == "square" || w == "sq":
		switch st.unitAt(j+1, para) {
		case "km":
			return "km2", j + 2
		case "mi":
			return "mi2", j + 2
		case "m":
			return "m2", j + 2
		case "ft":
			return "ft2", j + 2
		}
	case w == "cubic":
		switch st.unitAt(j+1, para) {
		case "m":
			return "m3", j + 2
		case "ft":
			return "ft3", j + 2
		case "km":
			return "km3", j + 2
		}
	case w == "metric" && (st.isWord(j+1, "tons") || st.isWord(j+1, "tonnes")):
		return "t", j + 2
	}
	u := unitWord(w)
	switch {
	case u == "degree":
		switch st.wordOf(j+1, para) {
		case "Celsius", "C", "centigrade":
			return "°C", j + 2
		case "Fahrenheit", "F":
			return "°F", j + 2
		}
	case u == "bbl" && (st.isWord(j+1, "per") || st.isWord(j+1, "a")) && st.isWord(j+2, "day"):
		return "bbl/d", j + 3
	case u == "":
		return "", j
	}
	return u, j + 1
}

// unitAt returns the unit of token i if it is a unit word.
func (st *state) unitAt(i int, para int32) string {
	if !st.wordIn(i, para) {
		return ""
	}
	return unitWord(string(st.low(i)))
}

// dateLike reports whether the bare number q is part of a date or a year:
// after a month ("Sept. 30", "October 2022"), before one ("30 September"),
// or a four-digit 1900–2099 that is not plainly a count ("in 2023", "the
// 1992 convention", but "killed 2000 people").
func (st *state) dateLike(q qty, para int32) bool {
	k := q.first - 1
	if st.isPunct(k, '.') {
		k--
	}
	if st.wordIn(k, para) && monthName(st.word(k)) {
		return true
	}
	if st.wordIn(q.end, para) && monthName(st.word(q.end)) && !st.toks[q.end].glue {
		return true
	}
	if q.end != q.first+1 || st.toks[q.first].kind != tkNum || !year(st.word(q.first)) {
		return false
	}
	k = q.first - 1
	if !st.wordIn(k, para) {
		return true
	}
	if yearLead(string(st.low(k))) || monthName(st.word(k)) {
		return true
	}
	// A count only when a noun follows: "killed 2000 people".
	return !st.wordIn(q.end, para) || st.toks[q.end].upper || stopWord(string(st.low(q.end)))
}

// designator reports whether the plain number starting at token first
// follows a capitalised name that makes it a model or a number in a
// series: "Boeing 737", "Ariane 6", "Article 5", "No. 1". Headlines,
// whose words are all capitalised, are left alone.
func (st *state) designator(first int, para int32) bool {
	if int(para) < len(st.headline) && st.headline[para] {
		return false
	}
	k := first - 1
	if st.isPunct(k, '.') && st.glued(k) {
		k--
	}
	if !st.wordIn(k, para) || !st.toks[k].upper {
		return false
	}
	if st.glued(first+1) && st.isPunct(first+1, '-') {
		return false // "U.S. 10-year"
	}
	w := st.word(k)
	if w == "No" || w == "Nos" {
		return true
	}
	if strings.ContainsAny(w, ".'’") || monthName(w) {
		return false // "U.S.", "Germany's"
	}
	lw := string(st.low(k))
	kind, _ := numberWord(lw)
	return kind == nwNone && !yearLead(lw) && !skipLeft(lw) && !stopWord(lw) && !clauseWord(lw) &&
		!approxBefore(lw) && !speechVerb(lw) && lw != "between" && lw != "some"
}

// rangeAfter extends q over "and 20" after "between 10", or "to 20" when
// the second number is larger ("10 to 20 percent"; not "from 10 to 20",
// a change, nor "379 to 258", a vote). A range is approximate and has
// the value of its lower end.
func (st *state) rangeAfter(q qty, para int32, scaled bool) qty {
	j := q.end
	if !st.wordIn(j, para) || j+1 >= len(st.toks) || st.toks[j+1].para != para {
		return q
	}
	w := string(st.low(j))
	before := q.first - 1
	between := before >= st.floor && st.isWord(before, "between")
	if !(w == "and" && between || w == "to" && !st.isWord(before, "from")) {
		return q
	}
	var b value
	ok := false
	switch st.toks[j+1].kind {
	case tkNum:
		if !st.designatorGlue(j + 1) {
			b, ok = st.digitValue(j + 1)
		}
	case tkWord:
		b, ok = st.wordValue(j + 1)
	}
	if !ok {
		return q
	}
	unit, end := st.suffix(b.end, para, "", b.scale > 1)
	if st.glued(b.first) && st.toks[b.first-1].kind == tkSym {
		return q // "10 to $20": read them apart
	}
	if q.unit != "" && unit != "" && unit != q.unit {
		return q
	}
	lo := q.value
	if !scaled && b.scale > 1 {
		lo *= b.scale // "10 to 20 million"
	}
	if b.v <= lo {
		return q
	}
	q.value = lo
	if q.unit == "" {
		q.unit = unit
	}
	q.end = end
	q.approx = true
	if between {
		q.first = before
	}
	return q
}

// approximated reports whether the words before token first make the
// number approximate: "about", "nearly", "over", "more than", "at
// least", "up to", "as many as", "in excess of".
func (st *state) approximated(first int, para int32) bool {
	w := func(k int) string {
		if !st.wordIn(k, para) {
			return ""
		}
		return string(st.low(k))
	}
	k := first - 1
	w1 := w(k)
	switch w1 {
	case "":
		return false
	case "than":
		switch w(k - 1) {
		case "more", "less", "fewer":
			return true
		}
	case "least", "most":
		return w(k-1) == "at"
	case "to":
		switch w(k - 1) {
		case "up", "close":
			return true
		}
	case "of":
		return w(k-1) == "upwards" || w(k-1) == "excess" && w(k-2) == "in"
	case "as":
		switch w(k - 1) {
		case "many", "much", "few":
			return w(k-2) == "as"
		}
	case "estimated", "some":
		return true
	case "a", "an":
		// "roughly a 45 percent chance", "an estimated 40,000".
		return approxBefore(w(k - 1))
	}
	return approxBefore(w1)
}

// counted returns the noun phrase head a bare number counts, reading
// through a partitive: "41 of the 44 economists" → "economists".
func (st *state) counted(j int, para int32) tokRange {
	if st.isWord(j, "of") {
		j++
		for j < len(st.toks) && st.toks[j].para == para {
			t := st.toks[j]
			if t.kind == tkNum {
				j++
				continue
			}
			if t.kind != tkWord {
				break
			}
			w := st.low(j)
			switch {
			case string(w) == "the" || string(w) == "its" || string(w) == "their" || string(w) == "his" ||
				string(w) == "her" || string(w) == "our" || string(w) == "these" || string(w) == "those" ||
				string(w) == "all":
				j++
				continue
			case possessive(w):
				j++
				continue
			}
			if k, _ := numberWord(string(w)); k != nwNone {
				j++
				continue
			}
			break
		}
	}
	return st.nounPhrase(j, para)
}

func possessive(w []byte) bool {
	n := len(w)
	return n > 2 && w[n-2] == '\'' && w[n-1] == 's' || n > 4 && string(w[n-4:]) == "’s" || n > 1 && w[n-1] == '\''
}

// nounPhrase returns the head of the noun phrase starting at token j: up
// to four words that are not function words, the last one its head, a
// trailing participle left out ("economists polled"). Hyphenated words
// count as one ("search-and-rescue specialists").
func (st *state) nounPhrase(j int, para int32) tokRange {
	head := noRange
	words := 0
	for k := j; k < len(st.toks) && st.toks[k].para == para; {
		if st.toks[k].kind != tkWord {
			break
		}
		w := st.low(k)
		if stopWord(string(w)) || monthName(st.word(k)) || words > 0 && (possessive(w) || verbLike(w) || postnominal(w)) {
			break
		}
		// "ships waiting at anchor", but "coal mining companies".
		if n := len(w); words > 0 && n > 4 && string(w[n-3:]) == "ing" && !st.nounAfter(k+1, para) {
			break
		}
		if kind, _ := numberWord(string(w)); kind != nwNone {
			break
		}
		// The word and its hyphenated continuation ("search-and-rescue",
		// "C-130").
		end := k
		for st.glued(end+1) && st.isPunct(end+1, '-') && st.glued(end+2) && st.toks[end+2].kind <= tkNum {
			end += 2
		}
		head = tokRange{k, end}
		words++
		k = end + 1
		// A plural ends the phrase: what follows is its verb ("people
		// face acute hunger") or a qualifier.
		if possessive(w) || words == maxPhrase || end == head.first && pluralLike(st.low(end)) {
			break
		}
	}
	if head.first < 0 || head.first != head.last {
		return head
	}
	if words == 1 && verbLike(st.low(head.first)) {
		return noRange // "9,800 damaged": no noun, the verb governs
	}
	return head
}

// verbLike reports whether a lower-case word after a noun is more likely
// its verb than part of the phrase: past forms in -ed and common verbs
// ("quake hit", "economists polled", "euro zone responds").
func verbLike(w []byte) bool {
	if n := len(w); n > 3 && string(w[n-2:]) == "ed" {
		return true
	}
	switch string(w) {
	case "hit", "struck", "rose", "fell", "grew", "began", "took", "came", "went", "made", "gave",
		"sent", "left", "held", "kept", "met", "led", "won", "lost", "paid", "saw", "told", "said",
		"says", "rises", "falls", "remains", "remain", "continues", "wants", "needs", "plans",
		"expects", "shows", "holds", "faces", "makes", "takes", "gives", "hopes", "seeks", "calls",
		"warns", "responds", "comes", "goes", "gets", "got", "ran", "runs", "set", "sets", "put",
		"puts", "cut", "cuts", "spent", "spends", "built", "fought", "flew", "fled", "died",
		"die", "voted", "joined", "stood", "stands", "lies", "lay", "sat", "sits", "became",
		"become", "becomes", "begin", "begins", "tends", "seems", "appears", "agree",
		"agreed", "account", "accounts", "carry", "carries", "live", "lives", "work", "works":
		return true
	}
	return false
}

// leftContext returns the word governing a number from the left, skipping
// determiners, prepositions and approximators ("killed over 250,000
// people" → "killed"); the governing word of the quantity just before
// when the number continues it ("fell 4 points to 2.31 percent");
// {-2, -2} when the number opens a clause and its verb is to the right.
func (st *state) leftContext(first int, para int32) tokRange {
	right := tokRange{-2, -2}
	prev := -1
	if n := len(st.found); n > 0 {
		prev = n - 1
	}
	for k, skipped := first-1, 0; k >= 0 && st.toks[k].para == para && skipped <= maxLeft; k-- {
		t := st.toks[k]
		if prev >= 0 && k >= st.found[prev].first && k < st.found[prev].end {
			return st.found[prev].context
		}
		switch t.kind {
		case tkWord:
			w := string(st.low(k))
			switch {
			case skipLeft(w) || possessive(st.low(k)):
				skipped++
				continue
			case speechVerb(w) || clauseWord(w) || stopWord(w):
				return right
			}
			if kind, _ := numberWord(w); kind != nwNone {
				return right
			}
			return tokRange{k, k}
		case tkPunct:
			if st.text[t.start] == '(' {
				continue
			}
		}
		return right
	}
	return right
}

// rightContext returns the verb after a counted noun phrase, past
// auxiliaries ("1,240 houses had been destroyed" → "destroyed").
func (st *state) rightContext(j int, para int32) tokRange {
	aux := false
	for st.wordIn(j, para) && auxiliary(string(st.low(j))) {
		j++
		aux = true
	}
	if !st.wordIn(j, para) || st.toks[j].upper {
		return noRange
	}
	w := st.low(j)
	if stopWord(string(w)) || clauseWord(string(w)) || postnominal(w) {
		return noRange
	}
	if kind, _ := numberWord(string(w)); kind != nwNone {
		return noRange
	}
	// Without an auxiliary the word must look like a verb: "workers
	// joined", not "people familiar".
	if !aux && !verbLike(w) {
		return noRange
	}
	return tokRange{j, j}
}

// pluralLike reports whether a lower-case word looks like a plural noun.
func pluralLike(w []byte) bool {
	switch string(w) {
	case "people", "children", "men", "women", "police", "cattle", "livestock", "staff",
		"personnel", "aircraft", "troops", "feet", "teeth", "sheep", "data", "media", "crew":
		return true
	}
	n := len(w)
	return n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i'
}

// nounAfter reports whether token k is a word that can continue a noun
// phrase.
func (st *state) nounAfter(k int, para int32) bool {
	if !st.wordIn(k, para) {
		return false
	}
	w := st.low(k)
	return !stopWord(string(w)) && !verbLike(w) && !postnominal(w)
}

// postnominal reports whether a lower-case word after a noun qualifies it
// rather than extending it: "two people familiar with", "20 people
// dead".
func postnominal(w []byte) bool {
	switch string(w) {
	case "familiar", "aware", "close", "dead", "alive", "missing", "old", "long", "wide", "high",
		"deep", "tall", "ago", "apiece", "each", "aboard", "abroad", "inside", "outside", "overall",
		"worldwide", "nationwide", "total", "combined", "respectively", "present", "responsible",
		"eligible", "available", "able", "unable", "likely", "unlikely", "due", "short":
		return true
	}
	return false
}
