package dates

import (
	"strconv"
	"time"
)

// Kinds of a date mention: event.DateMention.Kind.
const (
	KindDate     = "date"     // a calendar day: 2015-09-30
	KindMonth    = "month"    // a calendar month: 2015-09
	KindYear     = "year"     // a calendar year: 2015
	KindWeek     = "week"     // an ISO week: 2015-W40
	KindDateTime = "datetime" // a day and a clock time: 2015-09-30T14:00:00Z, or without Z when the zone is unknown
	KindDuration = "duration" // a length of time: P18M, P3W, PT24H
	KindRange    = "range"    // an interval of days or years: 1990/1999, 2015-11-09/2015-11-11
)

// kind is a Kind as a small integer.
type kind uint8

const (
	kDate kind = iota + 1
	kMonth
	kYear
	kWeek
	kDateTime
	kDuration
	kDateRange
	kYearRange
)

func (k kind) String() string {
	switch k {
	case kDate:
		return KindDate
	case kMonth:
		return KindMonth
	case kYear:
		return KindYear
	case kWeek:
		return KindWeek
	case kDateTime:
		return KindDateTime
	case kDuration:
		return KindDuration
	case kDateRange, kYearRange:
		return KindRange
	}
	return ""
}

// value is a resolved expression, before formatting.
type value struct {
	kind     kind
	relative bool
	// y, m, d: the date, month or year; the start of a range. For kWeek,
	// y is the ISO year and d the ISO week.
	y, m, d int
	// y2, m2, d2: the end of a range, inclusive.
	y2, m2, d2 int
	// h, min: the clock time of a kDateTime; zoned says whether zone, the
	// offset from UTC in minutes, is known.
	h, min int
	zone   int
	zoned  bool
	// n, frac and unit: a kDuration of n (and a decimal fraction of digits
	// frac) units.
	n    int
	frac string
	unit unit
}

// maxYear bounds every year a value may have: ISO 8601 without an
// agreed expansion has four digits.
const maxYear = 9999

// valid reports whether v can be written in ISO 8601.
func (v *value) valid() bool {
	switch v.kind {
	case kDate, kDateTime, kDateRange:
		if v.kind == kDateRange && (!validDate(v.y2, v.m2, v.d2) ||
			// The end must come after the start ("Nov 7-Nov 1" is no range).
			v.y2*10000+v.m2*100+v.d2 <= v.y*10000+v.m*100+v.d) {
			return false
		}
		return validDate(v.y, v.m, v.d) && v.h >= 0 && v.h < 24 && v.min >= 0 && v.min < 60
	case kMonth:
		return inYears(v.y) && v.m >= 1 && v.m <= 12
	case kYear:
		return inYears(v.y)
	case kYearRange:
		return inYears(v.y) && inYears(v.y2) && v.y <= v.y2
	case kWeek:
		return inYears(v.y) && v.d >= 1 && v.d <= 53
	case kDuration:
		return v.n > 0 && v.unit != unitNone || v.n == 0 && v.frac != ""
	}
	return false
}

func inYears(y int) bool { return y >= 1 && y <= maxYear }

// validDate reports whether y-m-d is a day of the calendar.
func validDate(y, m, d int) bool {
	return inYears(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m))
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// appendValue writes v in ISO 8601.
func appendValue(b []byte, v *value) []byte {
	switch v.kind {
	case kDate:
		return appendDate(b, v.y, v.m, v.d)
	case kMonth:
		return append(append(appendPadded(b, v.y, 4), '-'), pad2(v.m)...)
	case kYear:
		return appendPadded(b, v.y, 4)
	case kWeek:
		return append(append(appendPadded(b, v.y, 4), "-W"...), pad2(v.d)...)
	case kDateTime:
		y, m, d, h, mi := v.y, v.m, v.d, v.h, v.min
		if v.zoned {
			t := time.Date(y, time.Month(m), d, h, mi, 0, 0, time.FixedZone("", v.zone*60)).UTC()
			y, d, h, mi = t.Year(), t.Day(), t.Hour(), t.Minute()
			m = int(t.Month())
		}
		b = appendDate(b, y, m, d)
		b = append(append(append(append(b, 'T'), pad2(h)...), ':'), pad2(mi)...)
		b = append(b, ":00"...)
		if v.zoned {
			b = append(b, 'Z')
		}
		return b
	case kDuration:
		b = append(b, 'P')
		if v.unit == unitHour || v.unit == unitMinute {
			b = append(b, 'T')
		}
		n := v.n
		if v.unit == unitDecade {
			n *= 10
		}
		b = strconv.AppendInt(b, int64(n), 10)
		if v.frac != "" {
			b = append(append(b, '.'), v.frac...)
		}
		switch v.unit {
		case unitMinute, unitMonth:
			return append(b, 'M')
		case unitHour:
			return append(b, 'H')
		case unitDay:
			return append(b, 'D')
		case unitWeek:
			return append(b, 'W')
		default:
			return append(b, 'Y')
		}
	case kDateRange:
		return appendDate(append(appendDate(b, v.y, v.m, v.d), '/'), v.y2, v.m2, v.d2)
	case kYearRange:
		return appendPadded(append(appendPadded(b, v.y, 4), '/'), v.y2, 4)
	}
	return b
}

func appendDate(b []byte, y, m, d int) []byte {
	b = append(appendPadded(b, y, 4), '-')
	b = append(append(b, pad2(m)...), '-')
	return append(b, pad2(d)...)
}

func appendPadded(b []byte, n, width int) []byte {
	var buf [8]byte
	s := strconv.AppendInt(buf[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

func pad2(n int) string {
	const digits = "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849505152535455565758596061"
	if n < 0 || n > 61 {
		return "00"
	}
	return digits[2*n : 2*n+2]
}

// anchor is the resolved anchor: the civil date of the anchor time in
// its own location.
type anchor struct {
	ok      bool
	kind    string
	day     time.Time // midnight UTC of the civil date
	y, m, d int
	wd      time.Weekday
}

func newAnchor(a Anchor) anchor {
	if a.Time.IsZero() {
		return anchor{}
	}
	y, m, d := a.Time.Date()
	if !inYears(y) {
		return anchor{}
	}
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return anchor{ok: true, kind: a.Kind, day: day, y: y, m: int(m), d: d, wd: day.Weekday()}
}

// addDays is the date n days from the anchor.
func (a *anchor) addDays(n int) value {
	t := a.day.AddDate(0, 0, n)
	return value{kind: kDate, relative: true, y: t.Year(), m: int(t.Month()), d: t.Day()}
}

// weekday resolves a weekday name with its modifier:
//   - modNone: the day within three days of the anchor, before or after;
//   - modPastTense: the last such day on or before the anchor;
//   - modFutureTense: the next such day on or after the anchor;
//   - modLast: strictly before (1–7 days back); modNext: strictly after;
//   - modThis: in the anchor's ISO week (Monday to Sunday).
func (a *anchor) weekday(wd time.Weekday, m mod) value {
	diff := int(wd) - int(a.wd) // -6..6
	switch m {
	case modPastTense:
		if diff > 0 {
			diff -= 7
		}
	case modFutureTense:
		if diff < 0 {
			diff += 7
		}
	case modLast:
		if diff >= 0 {
			diff -= 7
		}
	case modNext:
		if diff <= 0 {
			diff += 7
		}
	case modThis:
		diff = (int(wd)+6)%7 - (int(a.wd)+6)%7
	default:
		if diff > 3 {
			diff -= 7
		} else if diff < -3 {
			diff += 7
		}
	}
	return a.addDays(diff)
}

// monthDay resolves a day of a month without a year to the year that
// puts it nearest the anchor; on a tie, the earlier. ok is false when the
// day exists in none of the three years around the anchor (Feb. 30).
func (a *anchor) monthDay(m, d int) (value, bool) {
	best, bestDist := 0, 0
	for y := a.y - 1; y <= a.y+1; y++ {
		if !validDate(y, m, d) {
			continue
		}
		dist := int(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Sub(a.day).Hours() / 24)
		if dist < 0 {
			dist = -dist
		}
		if best == 0 || dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return value{kind: kDate, relative: true, y: best, m: m, d: d}, best != 0
}

// month resolves a month name without a year: with modNone the month
// nearest the anchor's (up to five months ahead or six back), with
// modPastTense/modFutureTense the latest on or before it/the first on or
// after it, with modLast/modNext the one strictly before/after it, with
// modThis the anchor's year.
func (a *anchor) month(m int, md mod) value {
	diff := m - a.m // -11..11
	switch md {
	case modPastTense:
		if diff > 0 {
			diff -= 12
		}
	case modFutureTense:
		if diff < 0 {
			diff += 12
		}
	case modLast:
		if diff >= 0 {
			diff -= 12
		}
	case modNext:
		if diff <= 0 {
			diff += 12
		}
	case modThis:
	default:
		if diff > 5 {
			diff -= 12
		} else if diff < -6 {
			diff += 12
		}
	}
	return a.addMonths(diff)
}

// addMonths is the month n months from the anchor's.
func (a *anchor) addMonths(n int) value {
	total := a.y*12 + a.m - 1 + n
	return value{kind: kMonth, relative: true, y: total / 12, m: total%12 + 1}
}

// addYears is the year n years from the anchor's.
func (a *anchor) addYears(n int) value {
	return value{kind: kYear, relative: true, y: a.y + n}
}

// addWeeks is the ISO week n weeks from the anchor's.
func (a *anchor) addWeeks(n int) value {
	y, w := a.day.AddDate(0, 0, 7*n).ISOWeek()
	return value{kind: kWeek, relative: true, y: y, d: w}
}

// ago resolves "n units ago" at the unit's granularity.
func (a *anchor) ago(n int, u unit) (value, bool) {
	switch u {
	case unitDay:
		return a.addDays(-n), true
	case unitWeek:
		return a.addWeeks(-n), true
	case unitMonth:
		return a.addMonths(-n), true
	case unitYear:
		return a.addYears(-n), true
	case unitDecade:
		return a.addYears(-10 * n), true
	}
	return value{}, false
}

// shortDecade resolves "'90s": the latest decade of that name that
// starts no later than the anchor's year.
func (a *anchor) shortDecade(dd int) value {
	y := a.y/100*100 + dd
	if y > a.y {
		y -= 100
	}
	return value{kind: kYearRange, relative: true, y: y, y2: y + 9}
}
