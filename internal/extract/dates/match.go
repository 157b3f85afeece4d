package dates

import (
	"sort"
	"strings"
	"time"

	"github.com/wirestream/wirestream/event"
)

// tenseWindow is how many words on each side of a bare weekday are
// searched for a tense cue.
const tenseWindow = 10

// reportReach is how close before a weekday a reporting verb must be to
// date the report itself ("said on Monday").
const reportReach = 3

// found is one expression: a byte range of the text and its value.
type found struct {
	start, end int32
	v          value
}

// extractor is the state of one pass over one text. It is reused through
// a sync.Pool; run resets it.
type extractor struct {
	text  string
	toks  []token
	a     anchor
	sents []event.Span
	found []found
	max   int
	// truncated says that more than max expressions were found.
	truncated bool
	// start is the index of the token the expression being read starts at.
	start int
	// lastEnd is the token index just after the last expression, and
	// lastKind its kind, for lists and ranges ("March and May").
	lastEnd  int
	lastKind kind
	// vbuf and offs hold the formatted values and their offsets.
	vbuf []byte
	offs []int32
}

// run finds the expressions of x.text into x.found.
func (x *extractor) run(lx *lexicon) {
	x.toks = tokenize(x.toks[:0], x.text, lx)
	x.found = x.found[:0]
	x.truncated = false
	x.lastEnd, x.lastKind = -1, 0
	for i := 0; i < len(x.toks); {
		if !x.toks[i].mayStart() {
			i++
			continue
		}
		x.start = i
		v, end, ok := x.matchAt(i)
		if !ok || end <= i {
			i++
			continue
		}
		if (v.relative && !x.a.ok) || !v.valid() {
			i = end
			continue
		}
		if len(x.found) == x.max {
			x.truncated = true
			return
		}
		x.found = append(x.found, found{start: x.toks[i].start, end: x.toks[end-1].end, v: v})
		x.lastEnd, x.lastKind = end, v.kind
		i = end
	}
}

// mayStart reports whether an expression can start at t: whether
// matchAt has a rule for it. Most tokens are other words and
// punctuation, and this test is cheaper than matchAt's answer.
func (t *token) mayStart() bool {
	switch t.kind {
	case tokNum, tokSuffix:
		return true
	case tokWord:
		switch t.lex.cat {
		case catMonth, catWeekday, catRelDay, catMod, catNumWord, catClock:
			return true
		}
	case tokPunct:
		return t.isApostrophe()
	}
	return false
}

// matchAt tries every expression that can start at token i. It returns
// the value and the index of the token after the expression.
func (x *extractor) matchAt(i int) (value, int, bool) {
	t := &x.toks[i]
	switch t.kind {
	case tokNum:
		if v, e, ok := x.isoDate(i); ok {
			return v, e, ok
		}
		if v, e, ok := x.timeThenDate(i); ok {
			return v, e, ok
		}
		if v, e, ok := x.dayMonth(i, true); ok {
			return v, e, ok
		}
		if v, e, ok := x.quantity(i); ok {
			return v, e, ok
		}
		return x.year(i)
	case tokSuffix:
		if v, e, ok := x.timeThenDate(i); ok {
			return v, e, ok
		}
		if v, e, ok := x.dayMonth(i, true); ok {
			return v, e, ok
		}
		return x.decade(i)
	case tokWord:
		switch t.lex.cat {
		case catMonth:
			return x.month(i, modNone, true)
		case catWeekday:
			return x.weekday(i, modNone, true)
		case catRelDay:
			return x.relDay(i, true)
		case catMod:
			return x.modified(i, true)
		case catNumWord:
			return x.quantity(i)
		case catClock:
			return x.timeThenDate(i)
		}
	case tokPunct:
		if t.isApostrophe() {
			return x.shortDecade(i)
		}
	}
	return value{}, 0, false
}

// cont reports whether token j exists and can be part of the expression
// that starts at token x.start: no expression crosses a line break.
func (x *extractor) cont(j int) bool {
	return j >= x.start && j < len(x.toks) && (j == x.start || x.toks[j].flags&flagBreak == 0)
}

// sameLine reports whether token j has a token before it on its line,
// for the words that come before an expression.
func (x *extractor) sameLine(j int) bool {
	return j > 0 && j < len(x.toks) && x.toks[j].flags&flagBreak == 0
}

// adj reports whether tokens j-1 and j touch, with no space between.
func (x *extractor) adj(j int) bool {
	return j > 0 && j < len(x.toks) && x.toks[j-1].end == x.toks[j].start
}

// word returns token j when it is a word, else nil.
func (x *extractor) word(j int) *token {
	if j < 0 || j >= len(x.toks) || x.toks[j].kind != tokWord {
		return nil
	}
	return &x.toks[j]
}

// wordBefore returns the word before token i on its line, skipping the
// period of an abbreviation ("No. 2015"), or nil.
func (x *extractor) wordBefore(i int) *token {
	if !x.sameLine(i) {
		return nil
	}
	if x.toks[i-1].is('.') && x.adj(i-1) && x.sameLine(i-1) {
		i--
	}
	return x.word(i - 1)
}

func (x *extractor) fnAt(j int) fn {
	if t := x.word(j); t != nil {
		return t.fnOf()
	}
	return fnNone
}

// suffix is the letters after the digits of a tokSuffix token.
func (x *extractor) suffix(t *token) string {
	return x.text[int(t.start)+int(t.digits) : t.end]
}

// numCleanBefore reports whether number token i is a number of its own
// on its left: not the tail of 250,000 or 2.5, not a price ($2015), not
// an id (S-300, 1/2015).
func (x *extractor) numCleanBefore(i int) bool {
	if !x.adj(i) {
		return true
	}
	p := &x.toks[i-1]
	if p.kind != tokPunct {
		return false
	}
	switch p.r {
	case '$', '€', '£', '¥', '#':
		return false
	case '-', '–':
		// S-300 and F-16 are ids; mid-1990s and pre-2008 are not.
		w := x.word(i - 2)
		return !x.adj(i-1) || w != nil && w.isLower()
	case '.', ',', '/', ':':
		return !x.adj(i - 1)
	}
	return true
}

// numCleanAfter reports whether number token i is a number of its own on
// its right: not the head of 250,000, 2.5 or 9:42, not a percentage.
func (x *extractor) numCleanAfter(i int) bool {
	if !x.adj(i + 1) {
		return true
	}
	q := &x.toks[i+1]
	if q.kind != tokPunct {
		return false
	}
	switch q.r {
	case '%':
		return false
	case '.', ',', ':', '/':
		return !(x.adj(i+2) && x.toks[i+2].kind != tokPunct)
	}
	return true
}

// isoDate reads an ISO 8601 date or date-time written in the text:
// 2015-09-30, 2015-09-30T14:05, 2015-09-30T14:05:00Z, …+02:00.
func (x *extractor) isoDate(i int) (value, int, bool) {
	t := &x.toks[i]
	if t.digits != 4 || !x.numCleanBefore(i) {
		return value{}, 0, false
	}
	s := x.text[t.start:]
	if len(s) < 10 || s[4] != '-' || s[7] != '-' || !digits(s[5:7]) || !digits(s[8:10]) {
		return value{}, 0, false
	}
	v := value{kind: kDate, y: int(t.num), m: atoi2(s[5:7]), d: atoi2(s[8:10])}
	n := 10
	if len(s) >= 16 && s[10] == 'T' && digits(s[11:13]) && s[13] == ':' && digits(s[14:16]) {
		v.kind, v.h, v.min = kDateTime, atoi2(s[11:13]), atoi2(s[14:16])
		n = 16
		if len(s) >= n+3 && s[n] == ':' && digits(s[n+1:n+3]) {
			n += 3
			if len(s) > n+1 && s[n] == '.' && isDigit(s[n+1]) {
				for n++; n < len(s) && isDigit(s[n]); n++ {
				}
			}
		}
		switch {
		case n < len(s) && s[n] == 'Z':
			v.zoned = true
			n++
		case len(s) >= n+6 && (s[n] == '+' || s[n] == '-') && digits(s[n+1:n+3]) && s[n+3] == ':' && digits(s[n+4:n+6]):
			v.zoned, v.zone = true, atoi2(s[n+1:n+3])*60+atoi2(s[n+4:n+6])
			if s[n] == '-' {
				v.zone = -v.zone
			}
			n += 6
		}
	}
	if n < len(s) && (isASCIIAlnum(s[n]) || s[n] == '-' && n+1 < len(s) && isDigit(s[n+1])) {
		return value{}, 0, false
	}
	end := int(t.start) + n
	j := i
	for j < len(x.toks) && int(x.toks[j].start) < end {
		j++
	}
	if int(x.toks[j-1].end) != end {
		return value{}, 0, false
	}
	return v, j, true
}

func digits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// clock is a time of day read from the text.
type clock struct {
	h, min int
	zone   int
	zoned  bool
}

// clock reads a time of day at token j: 9:42, 9:42 a.m., 9 p.m., 9pm,
// 14:05:30, noon, midnight, 1430 GMT (four digits need a zone), each with
// an optional zone in capitals (GMT, EDT).
func (x *extractor) clock(j int) (clock, int, bool) {
	var c clock
	if !x.cont(j) {
		return c, 0, false
	}
	t := &x.toks[j]
	k := j + 1
	needZone := false
	switch {
	case t.kind == tokWord && t.lex.cat == catClock && !t.isCap():
		c.h = int(t.lex.val)
	case t.kind == tokNum && t.digits <= 2:
		c.h = int(t.num)
		colon := false
		if x.adj(k) && x.toks[k].is(':') && x.adj(k+1) && x.toks[k+1].kind == tokNum && x.toks[k+1].digits == 2 {
			c.min, colon = int(x.toks[k+1].num), true
			k += 2
			if x.adj(k) && x.toks[k].is(':') && x.adj(k+1) && x.toks[k+1].kind == tokNum && x.toks[k+1].digits == 2 {
				k += 2 // seconds, dropped
			}
		}
		if pm, k2, ok := x.meridiem(k); ok {
			if c.h < 1 || c.h > 12 {
				return c, 0, false
			}
			c.h = c.h%12 + pm
			k = k2
		} else if !colon {
			return c, 0, false
		}
	case t.kind == tokNum && t.digits == 4 && x.numCleanBefore(j):
		c.h, c.min = int(t.num)/100, int(t.num)%100
		needZone = true
	case t.kind == tokSuffix && t.digits <= 2:
		sfx := strings.ToLower(x.suffix(t))
		if sfx != "am" && sfx != "pm" || t.num < 1 || t.num > 12 {
			return c, 0, false
		}
		c.h = int(t.num) % 12
		if sfx == "pm" {
			c.h += 12
		}
	default:
		return c, 0, false
	}
	if c.h > 23 || c.min > 59 {
		return c, 0, false
	}
	if z := x.word(k); z != nil && x.cont(k) && z.lex.cat == catZone && z.flags&flagUpper != 0 {
		c.zone, c.zoned = int(z.lex.val), true
		k++
	} else if needZone {
		return c, 0, false
	}
	return c, k, true
}

// meridiem reads a.m., p.m., am, pm, AM, PM at token k and returns 0 or
// 12.
func (x *extractor) meridiem(k int) (int, int, bool) {
	t := x.word(k)
	if t == nil || !x.cont(k) {
		return 0, 0, false
	}
	if t.lex.cat == catMeridiem && (t.isLower() || t.flags&flagUpper != 0) {
		return int(t.lex.val), k + 1, true
	}
	if t.end-t.start != 1 || !x.adj(k+1) || !x.toks[k+1].is('.') {
		return 0, 0, false
	}
	pm := 0
	switch x.text[t.start] | 0x20 {
	case 'a':
	case 'p':
		pm = 12
	default:
		return 0, 0, false
	}
	m := x.word(k + 2)
	if m == nil || !x.adj(k+2) || m.end-m.start != 1 || x.text[m.start]|0x20 != 'm' {
		return 0, 0, false
	}
	k += 3
	if x.adj(k) && x.toks[k].is('.') {
		k++
	}
	return pm, k, true
}

// withClock turns a date into a date-time at c.
func withClock(v *value, c clock) {
	v.kind, v.h, v.min, v.zone, v.zoned = kDateTime, c.h, c.min, c.zone, c.zoned
}

// atTime extends a date at token k with "at" and a clock time: "Tuesday
// at 3 p.m.". It returns the index after what it read.
func (x *extractor) atTime(v *value, k int) int {
	if v.kind != kDate || !x.cont(k) || x.fnAt(k) != fnAt {
		return k
	}
	c, e, ok := x.clock(k + 1)
	if !ok {
		return k
	}
	withClock(v, c)
	return e
}

// timeThenDate reads a clock time followed by a date: "9:42 a.m. on
// Tuesday", "3 p.m. Sept. 30". A clock time alone is not an expression.
func (x *extractor) timeThenDate(i int) (value, int, bool) {
	c, k, ok := x.clock(i)
	if !ok {
		return value{}, 0, false
	}
	if x.cont(k) && x.fnAt(k) == fnOn {
		k++
	}
	v, e, ok := x.dateAt(k)
	if !ok {
		return value{}, 0, false
	}
	withClock(&v, c)
	return v, e, true
}

// dateAt reads an expression of one day at token k, without a clock
// time.
func (x *extractor) dateAt(k int) (value, int, bool) {
	if !x.cont(k) {
		return value{}, 0, false
	}
	t := &x.toks[k]
	var v value
	var e int
	var ok bool
	switch {
	case t.kind == tokNum || t.kind == tokSuffix:
		v, e, ok = x.dayMonth(k, false)
	case t.kind != tokWord:
	case t.lex.cat == catWeekday:
		v, e, ok = x.weekday(k, modNone, false)
	case t.lex.cat == catMonth:
		v, e, ok = x.month(k, modNone, false)
	case t.lex.cat == catRelDay:
		v, e, ok = x.relDay(k, false)
	case t.lex.cat == catMod:
		v, e, ok = x.modified(k, false)
	}
	if !ok || v.kind != kDate {
		return value{}, 0, false
	}
	return v, e, true
}

// day reads a day of the month at token j: 1 to 31, or 1st to 31st.
func (x *extractor) day(j int) (int, int, bool) {
	if !x.cont(j) {
		return 0, 0, false
	}
	t := &x.toks[j]
	if t.digits == 0 || t.digits > 2 || t.num < 1 || t.num > 31 {
		return 0, 0, false
	}
	switch t.kind {
	case tokNum:
		if !x.numCleanAfter(j) {
			return 0, 0, false
		}
	case tokSuffix:
		switch strings.ToLower(x.suffix(t)) {
		case "st", "nd", "rd", "th":
		default:
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	return int(t.num), j + 1, true
}

// yearAfter reads a four-digit year at token j, as after a month or a
// day: "Sept. 30, 2015", "March 2025".
func (x *extractor) yearAfter(j int) (int, int, bool) {
	if !x.cont(j) {
		return 0, 0, false
	}
	t := &x.toks[j]
	if t.kind != tokNum || t.digits != 4 || t.num < 1000 || t.num > 2999 || !x.numCleanAfter(j) {
		return 0, 0, false
	}
	if x.adj(j+1) && x.toks[j+1].isDash() {
		return 0, 0, false
	}
	if w := x.word(j + 1); w != nil && x.cont(j+1) && (w.lex.bits&bQuantity != 0 || w.lex.cat == catUnit) && w.isLower() {
		return 0, 0, false
	}
	return int(t.num), j + 1, true
}

// monthWord reads a month name at token j, written as a name, with the
// period of an abbreviation. It returns the month and whether it is an
// abbreviation.
func (x *extractor) monthWord(j int) (int, int, bool, bool) {
	t := x.word(j)
	if t == nil || !x.cont(j) || t.lex.cat != catMonth || !t.isCap() {
		return 0, 0, false, false
	}
	k := j + 1
	if t.lex.abbr && x.adj(k) && x.toks[k].is('.') {
		k++
	}
	return int(t.lex.val), k, t.lex.abbr, true
}

// recurring reports whether the word before token i makes it a set
// ("every Monday", "each June") rather than a date.
func (x *extractor) recurring(i int) bool {
	p := x.word(i - 1)
	return p != nil && x.sameLine(i) && p.lex.bits&bSet != 0
}

// month reads an expression that starts with a month name at token i:
// Sept. 30, September 30, Sept. 30, 2015, Nov. 9-11, Sept. 30-Oct. 2,
// March 2025, March of 2025, and a bare month ("in March") when a cue
// word comes before it or md is set ("last March").
func (x *extractor) month(i int, md mod, withTime bool) (value, int, bool) {
	m, j, abbr, ok := x.monthWord(i)
	if !ok || x.recurring(i) {
		return value{}, 0, false
	}
	if d, k, ok := x.day(j); ok {
		return x.monthDayTail(m, d, k, withTime)
	}
	if y, k, ok := x.yearAfter(j); ok {
		return value{kind: kMonth, y: y, m: m}, k, true
	}
	if x.fnAt(j) == fnOf && x.cont(j) {
		if y, k, ok := x.yearAfter(j + 1); ok {
			return value{kind: kMonth, y: y, m: m}, k, true
		}
	}
	if abbr {
		return value{}, 0, false
	}
	if md == modNone {
		if !x.monthCue(i) {
			return value{}, 0, false
		}
		// April, May, June and August are also given names: "in May
		// Smith's view" is rare, "May Smith" is not.
		if n := x.word(j); n != nil && x.cont(j) && n.isCap() && (m == 4 || m == 5 || m == 6 || m == 8) {
			return value{}, 0, false
		}
	}
	if md == modNone && x.monthTakesTense(i) {
		md = x.tense(i)
	}
	if !x.a.ok {
		return value{kind: kMonth, relative: true}, j, true
	}
	return x.a.month(m, md), j, true
}

// monthTakesTense reports whether the bare month at token i is an event's
// time, which the tense of the sentence places ("slowed in November",
// "will open in June", "from January to June"), rather than a deadline
// or a bound, which it does not ("trimmed bets on a cut by March").
func (x *extractor) monthTakesTense(i int) bool {
	p := x.word(i - 1)
	if p == nil {
		return x.lastEnd == i-1 // "June-July"
	}
	switch p.fnOf() {
	case fnMid, fnEarly, fnLate, fnAnd, fnTo, fnOr, fnThrough:
		return true
	}
	return p.lex.bits&bEventCue != 0
}

// monthCue reports whether a bare month name at token i is a month: a
// cue word comes before it ("in March", "since May", "mid-June"), or it
// continues a list or range of months ("March and May", "June-July").
func (x *extractor) monthCue(i int) bool {
	if !x.sameLine(i) {
		return false
	}
	p := &x.toks[i-1]
	switch {
	case p.kind == tokWord && p.lex.bits&bMonthCue != 0:
		return true
	case p.isDash() && x.adj(i) && x.adj(i-1):
		switch x.fnAt(i - 2) {
		case fnMid, fnEarly, fnLate:
			return true
		}
	}
	if x.lastEnd != i-1 || (x.lastKind != kMonth && x.lastKind != kDate) {
		return false
	}
	switch p.fnOf() {
	case fnAnd, fnTo, fnOr, fnThrough:
		return true
	}
	return p.isDash() || p.is(',') || p.is('/')
}

// monthDayTail completes a month and day read up to token k: an
// optional day range, year and clock time.
func (x *extractor) monthDayTail(m, d, k int, withTime bool) (value, int, bool) {
	m2, d2 := 0, 0
	if x.cont(k) && x.adj(k) && x.toks[k].isDash() && x.adj(k+1) {
		if dd, k2, ok := x.day(k + 1); ok && dd > d {
			m2, d2, k = m, dd, k2
		} else if mm, j2, _, ok := x.monthWord(k + 1); ok {
			if dd, k2, ok := x.day(j2); ok {
				m2, d2, k = mm, dd, k2
			}
		}
	}
	y := 0
	if x.cont(k) && x.adj(k) && x.toks[k].is(',') {
		if yy, k2, ok := x.yearAfter(k + 1); ok {
			y, k = yy, k2
		}
	} else if yy, k2, ok := x.yearAfter(k); ok {
		y, k = yy, k2
	}
	return x.dayValue(y, m, d, m2, d2, k, withTime)
}

// dayValue builds the value of a day, or of a range of days when d2 is
// set, with the year y or, when y is 0, the year nearest the anchor.
func (x *extractor) dayValue(y, m, d, m2, d2, k int, withTime bool) (value, int, bool) {
	var v value
	switch {
	case y != 0:
		v = value{kind: kDate, y: y, m: m, d: d}
	case !x.a.ok:
		return value{kind: kDate, relative: true}, k, true
	default:
		var ok bool
		if v, ok = x.a.monthDay(m, d); !ok {
			return value{}, 0, false
		}
	}
	if d2 != 0 {
		v.kind, v.y2, v.m2, v.d2 = kDateRange, v.y, m2, d2
		if m2 < m {
			v.y2++
		}
		return v, k, true
	}
	if withTime {
		k = x.atTime(&v, k)
	}
	return v, k, true
}

// dayMonth reads an expression that starts with a day: 30 September,
// 30th of September, 30 Sept. 2015, 9-11 November.
func (x *extractor) dayMonth(i int, withTime bool) (value, int, bool) {
	if !x.numCleanBefore(i) {
		return value{}, 0, false
	}
	d, j, ok := x.day(i)
	if !ok {
		return value{}, 0, false
	}
	d2 := 0
	if x.adj(j) && x.toks[j].isDash() && x.adj(j+1) {
		dd, j2, ok := x.day(j + 1)
		if !ok || dd <= d {
			return value{}, 0, false
		}
		d2, j = dd, j2
	}
	if x.toks[i].kind == tokSuffix && x.fnAt(j) == fnOf && x.cont(j) {
		j++
	}
	m, k, _, ok := x.monthWord(j)
	if !ok || x.recurring(i) {
		return value{}, 0, false
	}
	y := 0
	if yy, k2, ok := x.yearAfter(k); ok {
		y, k = yy, k2
	}
	m2 := 0
	if d2 != 0 {
		m2 = m
	}
	return x.dayValue(y, m, d, m2, d2, k, withTime)
}

// weekday reads a weekday name at token i ("Monday", "MONDAY"), with the
// date after it if there is one ("Friday, Nov. 13"). md is the modifier
// read before it, if any; a bare weekday takes the tense of its sentence.
func (x *extractor) weekday(i int, md mod, withTime bool) (value, int, bool) {
	t := &x.toks[i]
	if !t.isCap() || x.recurring(i) {
		return value{}, 0, false
	}
	if p := x.word(i - 1); p != nil && md == modNone && x.sameLine(i) {
		if p.isCap() && p.lex.bits&bHoliday != 0 {
			return value{}, 0, false // Black Friday, Super Tuesday
		}
		if n := x.word(i + 1); n != nil && x.cont(i+1) && n.isCap() && n.lex.cat != catMonth && strings.EqualFold(x.text[p.start:p.end], "the") {
			return value{}, 0, false // the Sunday Telegraph
		}
	}
	k := i + 1
	if md == modNone {
		j := k
		if x.cont(j) && x.adj(j) && x.toks[j].is(',') {
			j++
		}
		var v value
		var e int
		var ok bool
		if w := x.word(j); w != nil && w.lex.cat == catMonth {
			v, e, ok = x.month(j, modNone, withTime)
		} else if j < len(x.toks) && (x.toks[j].kind == tokNum || x.toks[j].kind == tokSuffix) {
			v, e, ok = x.dayMonth(j, withTime)
		}
		if ok && (v.kind == kDate || v.kind == kDateTime) {
			return v, e, true
		}
		md = x.tense(i)
	}
	if !x.a.ok {
		return value{kind: kDate, relative: true}, k, true
	}
	v := x.a.weekday(time.Weekday(t.lex.val), md)
	if withTime {
		k = x.atTime(&v, k)
	}
	return v, k, true
}

// relDay reads yesterday, today, tomorrow and tonight.
func (x *extractor) relDay(i int, withTime bool) (value, int, bool) {
	if p := x.word(i - 1); p != nil && x.sameLine(i) && p.isCap() && x.toks[i].isCap() {
		return value{}, 0, false // USA Today
	}
	if !x.a.ok {
		return value{kind: kDate, relative: true}, i + 1, true
	}
	v := x.a.addDays(int(x.toks[i].lex.val))
	k := i + 1
	if withTime {
		k = x.atTime(&v, k)
	}
	return v, k, true
}

// modified reads an expression that starts with last, next, this, past
// or coming: last Friday, next March, this week, last month, next year,
// this morning, last night, the past week, the coming year.
func (x *extractor) modified(i int, withTime bool) (value, int, bool) {
	md := mod(x.toks[i].lex.val)
	j := i + 1
	u := x.word(j)
	if u == nil || !x.cont(j) {
		return value{}, 0, false
	}
	point := md == modLast || md == modNext || md == modThis
	delta := 0
	switch md {
	case modLast:
		delta = -1
	case modNext:
		delta = 1
	}
	switch {
	case u.lex.cat == catWeekday && point:
		return x.weekday(j, md, withTime)
	case u.lex.cat == catMonth && point && !u.lex.abbr:
		return x.month(j, md, withTime)
	case u.lex.cat == catUnit && u.lex.bits&bSingular != 0 && u.isLower():
		un := unit(u.lex.val)
		if !point {
			return value{kind: kDuration, n: 1, unit: un}, j + 1, true
		}
		if !x.a.ok {
			return value{kind: kYear, relative: true}, j + 1, true
		}
		switch un {
		case unitWeek:
			return x.a.addWeeks(delta), j + 1, true
		case unitMonth:
			return x.a.addMonths(delta), j + 1, true
		case unitYear:
			return x.a.addYears(delta), j + 1, true
		case unitDecade:
			if md == modThis {
				y := x.a.y / 10 * 10
				return value{kind: kYearRange, relative: true, y: y, y2: y + 9}, j + 1, true
			}
			return value{kind: kDuration, n: 1, unit: un}, j + 1, true
		}
	case u.lex.cat == catPartOfDay && u.isLower():
		night := x.text[u.start:u.end] == "night"
		switch {
		case md == modThis && !night:
		case md == modLast && night:
		default:
			return value{}, 0, false
		}
		if !x.a.ok {
			return value{kind: kDate, relative: true}, j + 1, true
		}
		return x.a.addDays(delta), j + 1, true
	}
	return value{}, 0, false
}

// quantity reads a number and a unit of time: "two years ago" (a point,
// at the unit's granularity) or, after a cue word, a duration ("within
// 18 months", "for about three weeks", "the past 24 hours").
func (x *extractor) quantity(i int) (value, int, bool) {
	t := &x.toks[i]
	n, frac, one := 0, "", false
	k := i + 1
	switch t.kind {
	case tokNum:
		if t.digits > 4 || t.num < 0 || !x.numCleanBefore(i) {
			return value{}, 0, false
		}
		n = int(t.num)
		if x.adj(k) && x.toks[k].is('.') && x.adj(k+1) && x.toks[k+1].kind == tokNum && x.toks[k+1].digits <= 3 {
			frac = x.text[x.toks[k+1].start:x.toks[k+1].end]
			k += 2
		} else if !x.numCleanAfter(i) {
			return value{}, 0, false
		}
		one = n == 1 && frac == ""
	case tokWord:
		n, one = int(t.lex.val), t.lex.bits&bSingular != 0
	default:
		return value{}, 0, false
	}
	u := x.word(k)
	if u == nil || !x.cont(k) || u.lex.cat != catUnit || !u.isLower() || x.adj(k) {
		return value{}, 0, false
	}
	if one != (u.lex.bits&bSingular != 0) || n == 0 && frac == "" {
		return value{}, 0, false
	}
	un := unit(u.lex.val)
	k++
	if x.cont(k) {
		switch x.fnAt(k) {
		case fnAgo:
			if frac != "" {
				return value{}, 0, false
			}
			if !x.a.ok {
				return value{kind: kDate, relative: true}, k + 1, true
			}
			v, ok := x.a.ago(n, un)
			return v, k + 1, ok
		case fnLater, fnEarlier:
			return value{}, 0, false
		}
	}
	if !x.durCue(i) {
		return value{}, 0, false
	}
	return value{kind: kDuration, n: n, frac: frac, unit: un}, k, true
}

// durCue reports whether a cue word for a duration comes before token i,
// with at most three qualifiers between ("for more than two years").
func (x *extractor) durCue(i int) bool {
	for p := i - 1; p >= i-4 && x.sameLine(p+1); p-- {
		w := x.word(p)
		switch {
		case w == nil:
			return false
		case w.lex.bits&bDurCue != 0:
			return true
		case w.lex.bits&bQualifier == 0:
			return false
		}
	}
	return false
}

// year reads a four-digit year (2015), a range of years (2015-17,
// 2015–2017, 2015/16) or a year and month (2025-09). A year from 1900 to
// 2099 stands alone; one from 1000 to 1899 or 2100 to 2999 needs a cue
// word before it ("in 1848"). A number that counts something ("2000
// people"), a price, a part of a larger number or an id is no year.
func (x *extractor) year(i int) (value, int, bool) {
	t := &x.toks[i]
	if t.digits != 4 || !x.numCleanBefore(i) {
		return value{}, 0, false
	}
	y := int(t.num)
	if y < 1000 || y > 2999 {
		return value{}, 0, false
	}
	if j := i + 1; x.adj(j) && (x.toks[j].isDash() || x.toks[j].is('/')) {
		if !x.adj(j+1) || x.toks[j+1].kind != tokNum || !x.numCleanAfter(j+1) {
			return value{}, 0, false
		}
		u := &x.toks[j+1]
		if x.adj(j+2) && (x.toks[j+2].isDash() || x.toks[j+2].is('/')) {
			return value{}, 0, false // 2015-09-30x, 1/2/2015
		}
		switch {
		case u.digits == 2 && y/100*100+int(u.num) > y:
			return value{kind: kYearRange, y: y, y2: y/100*100 + int(u.num)}, j + 2, true
		case u.digits == 4 && int(u.num) > y && int(u.num)-y <= 100:
			return value{kind: kYearRange, y: y, y2: int(u.num)}, j + 2, true
		case u.digits == 2 && x.toks[j].is('-') && u.num >= 1 && u.num <= 12:
			return value{kind: kMonth, y: y, m: int(u.num)}, j + 2, true
		}
		return value{}, 0, false
	}
	if !x.numCleanAfter(i) || x.adj(i+1) && x.toks[i+1].isDash() {
		return value{}, 0, false
	}
	if p := x.wordBefore(i); p != nil && p.lex.bits&bNotYear != 0 {
		return value{}, 0, false
	}
	if y < 1900 || y > 2099 {
		if p := x.wordBefore(i); p == nil || p.lex.bits&bYearCue == 0 {
			return value{}, 0, false
		}
		// "in 1848 the", "of 1848 delegates": a lower-case word after
		// an old year must be a function word.
		if w := x.word(i + 1); w != nil && x.cont(i+1) && w.isLower() && w.lex == (lexEntry{}) {
			return value{}, 0, false
		}
	}
	if w := x.word(i + 1); w != nil && x.cont(i+1) && w.isLower() && (w.lex.bits&bQuantity != 0 || w.lex.cat == catUnit) {
		return value{}, 0, false
	}
	return value{kind: kYear, y: y}, i + 1, true
}

// decade reads 1990s as the range 1990/1999.
func (x *extractor) decade(i int) (value, int, bool) {
	t := &x.toks[i]
	if t.digits != 4 || t.num%10 != 0 || t.num < 1000 || x.suffix(t) != "s" || !x.numCleanBefore(i) || !x.numCleanAfter(i) {
		return value{}, 0, false
	}
	return value{kind: kYearRange, y: int(t.num), y2: int(t.num) + 9}, i + 1, true
}

// shortDecade reads '90s at an apostrophe: the latest decade of that
// name that starts no later than the anchor's year.
func (x *extractor) shortDecade(i int) (value, int, bool) {
	j := i + 1
	if !x.adj(j) || x.toks[j].kind != tokSuffix || x.toks[j].digits != 2 || x.toks[j].num%10 != 0 || x.suffix(&x.toks[j]) != "s" {
		return value{}, 0, false
	}
	if x.adj(i) && x.toks[i-1].kind != tokPunct {
		return value{}, 0, false // rock'n'roll-like glue, not a decade
	}
	if !x.numCleanAfter(j) {
		return value{}, 0, false
	}
	if !x.a.ok {
		return value{kind: kYearRange, relative: true}, j + 1, true
	}
	return x.a.shortDecade(int(x.toks[j].num)), j + 1, true
}

// tense returns the tense cue for a bare weekday at token i:
// modPastTense, modFutureTense or modNone. "since" just before it means
// the past. Otherwise the nearest cue word wins, looking before and after
// in turn, up to tenseWindow words away: first within the weekday's
// clause (commas, dashes, brackets, quotes and words such as "but",
// "that", "while" end it), then within its sentence. A reporting verb
// ("said") is a past cue when it comes at most reportReach words before
// the weekday ("said on Monday"); elsewhere it counts only when no other
// cue is found in the same search, since it dates the report, not the
// event ("will travel on Monday, the Kremlin said").
func (x *extractor) tense(i int) mod {
	if x.fnAt(i-1) == fnSince && x.sameLine(i) {
		return modPastTense
	}
	lo, hi := x.sentence(i)
	if m := x.tenseWithin(i, lo, hi, true); m != modNone {
		return m
	}
	return x.tenseWithin(i, lo, hi, false)
}

// tenseWithin is one search of [extractor.tense], within the clause or
// the sentence of token i.
func (x *extractor) tenseWithin(i int, lo, hi int32, clause bool) mod {
	report := false
	b, a := i, i
	for step := 1; step <= tenseWindow && (b >= 0 || a >= 0); step++ {
		if b >= 0 {
			b = x.prevWord(b, lo, clause)
		}
		if b >= 0 {
			switch c := x.tenseOf(b); {
			case c == bReport && step <= reportReach:
				return modPastTense
			case c == bReport:
				report = true
			case c == bPast:
				return modPastTense
			case c == bFuture:
				return modFutureTense
			}
		}
		if a >= 0 {
			a = x.nextWord(a, hi, clause)
		}
		if a >= 0 {
			switch x.tenseOf(a) {
			case bReport:
				report = true
			case bPast:
				return modPastTense
			case bFuture:
				return modFutureTense
			}
		}
	}
	if report {
		return modPastTense
	}
	return modNone
}

// sentence returns the byte range of the sentence of token i when the
// segment stage has set the sentences, else the whole text; prevWord and
// nextWord also stop at sentence ends they see themselves.
func (x *extractor) sentence(i int) (int32, int32) {
	if len(x.sents) == 0 {
		return 0, int32(len(x.text))
	}
	start := int(x.toks[i].start)
	k := sort.Search(len(x.sents), func(k int) bool { return x.sents[k].End > start })
	if k == len(x.sents) || x.sents[k].Start > start {
		return 0, int32(len(x.text))
	}
	return int32(x.sents[k].Start), int32(x.sents[k].End)
}

// maxSkip bounds the tokens that prevWord and nextWord step over between
// two words, so that the tense search costs a bounded number of steps
// whatever the text ("Monday $ $ $ $ …").
const maxSkip = 8

// prevWord returns the index of the word before token j in the same
// sentence (and clause, if clause is set), or -1.
func (x *extractor) prevWord(j int, lo int32, clause bool) int {
	for range maxSkip {
		if x.toks[j].flags&flagBreak != 0 {
			return -1
		}
		j--
		if j < 0 || x.toks[j].start < lo || x.endsSentence(j) || clause && x.endsClause(j) {
			return -1
		}
		if x.toks[j].kind == tokWord {
			return j
		}
	}
	return -1
}

// nextWord returns the index of the word after token j in the same
// sentence (and clause, if clause is set), or -1.
func (x *extractor) nextWord(j int, hi int32, clause bool) int {
	for range maxSkip {
		j++
		if j >= len(x.toks) || x.toks[j].end > hi || x.toks[j].flags&flagBreak != 0 || x.endsSentence(j) || clause && x.endsClause(j) {
			return -1
		}
		if x.toks[j].kind == tokWord {
			return j
		}
	}
	return -1
}

// endsClause reports whether token j is a clause boundary: a comma,
// colon, dash, bracket or quotation mark, or a word such as "but".
func (x *extractor) endsClause(j int) bool {
	t := &x.toks[j]
	switch t.kind {
	case tokPunct:
		switch t.r {
		case ',', ':', '(', ')', '"', '“', '”', '—', '–':
			return true
		case '-':
			return !x.adj(j) // a spaced hyphen used as a dash
		}
	case tokWord:
		return t.lex.bits&bClause != 0
	}
	return false
}

// endsSentence reports whether punctuation token j ends a sentence: ?, !
// and ;, or a period followed by space that does not end an
// abbreviation (U.S., Sept., Gen.).
func (x *extractor) endsSentence(j int) bool {
	t := &x.toks[j]
	if t.kind != tokPunct {
		return false
	}
	switch t.r {
	case '?', '!', ';':
		return true
	case '.':
		if x.adj(j + 1) {
			return false // 2.25, U.S., example.com
		}
		p := x.word(j - 1)
		return p == nil || !x.adj(j) || p.end-p.start > 1 && !p.lex.abbr && p.lex.bits&bAbbrev == 0
	}
	return false
}

// tenseOf returns the tense cue of word j: bPast, bFuture, bReport or 0.
func (x *extractor) tenseOf(j int) bits {
	t := &x.toks[j]
	e := t.lex
	switch {
	case e.cat == catFunc && (fn(e.val) == fnSet || fn(e.val) == fnGoing):
		if x.fnAt(j+1) == fnTo {
			return bFuture
		}
		return 0
	case e.cat == catFunc && fn(e.val) == fnWon:
		if x.adj(j+1) && x.toks[j+1].isApostrophe() && x.adj(j+2) && x.text[x.toks[j+2].start:x.toks[j+2].end] == "t" {
			return bFuture // won't
		}
		return bPast
	case e.bits&bFuture != 0:
		if e.cat == catMonth && !t.isLower() {
			return 0 // May the month, not may the verb
		}
		return bFuture
	case e.bits&bReport != 0:
		return bReport
	}
	past := e.bits&bPast != 0 || e.cat == catNone && e.bits == 0 && t.isLower() && regularPast(x.text[t.start:t.end])
	if !past {
		return 0
	}
	p := x.prevWord(j, 0, false)
	switch {
	case x.fnAt(p) == fnBe:
		return bFuture // "will be held", "to be released"
	case x.fnAt(p) == fnTo || p >= 0 && x.toks[p].lex.bits&bFuture != 0 && x.toks[p].lex.cat != catMonth:
		return bFuture // "expected to hit", "will cut"
	}
	return bPast
}

// regularPast reports whether a lower-case word looks like a regular
// past form: five letters or more ending in -ed ("agreed", "lowered"),
// but not in -ceed (proceed) and not one of the common words that only
// look like one.
func regularPast(w string) bool {
	if len(w) < 5 || !strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ceed") {
		return false
	}
	switch w {
	case "indeed", "speed", "breed", "bleed", "greed", "creed", "steed", "tweed", "hundred", "kindred",
		"sacred", "naked", "wicked", "rugged", "ragged", "beloved", "wretched", "crooked", "jagged":
		return false
	}
	return true
}
