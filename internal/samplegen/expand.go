package samplegen

import (
	"strconv"
	"strings"
)

// Templates are compiled once per Generator into segments, so that
// expanding one costs no searching for braces and no string switch.

// slotID names a template slot; see (*Generator).slot for what each
// writes.
type slotID uint8

const (
	slotNone slotID = iota
	slotP
	slotP2
	slotPs
	slotPs2
	slotC
	slotC2
	slotCs
	slotCs2
	slotAD
	slotAD2
	slotD
	slotD2
	slotK
	slotK2
	slotT
	slotSeat
	slotO
	slotO2
	slotOs
	slotOs2
	slotOb
	slotA
	slotX
	slotY
	slotParty
	slotOfficial
	slotQuote
	slotSaid
	slotLq
	slotRq
	slotDay
	slotDate
	slotMonth
	slotYear
	slotYear2
	slotWithin
	slotFuture
	slotQuarter
	slotNum
	slotFew
	slotOrd
	slotBig
	slotKilled
	slotToll
	slotMoney
	slotBn
	slotPct
	slotShare
	slotMove
	slotYield
	slotWin
	slotLose
	slotPrice
	slotF1
	slotDeg
	slotDegshort
	slotMag
	slotKmh
	slotScore
	slotTscore
	slotWeapon
	slotAircraft
	slotIndex
	slotCommodity
	slotCurrency
	slotChip
	slotStorm
	slotTevent
	slotFevent
	slotSevent
	slotIssue
	slotVote
	numSlots
)

var slotNames = [numSlots]string{
	slotP:         "P",
	slotP2:        "P2",
	slotPs:        "Ps",
	slotPs2:       "Ps2",
	slotC:         "C",
	slotC2:        "C2",
	slotCs:        "Cs",
	slotCs2:       "Cs2",
	slotAD:        "aD",
	slotAD2:       "aD2",
	slotD:         "D",
	slotD2:        "D2",
	slotK:         "K",
	slotK2:        "K2",
	slotT:         "T",
	slotSeat:      "seat",
	slotO:         "O",
	slotO2:        "O2",
	slotOs:        "Os",
	slotOs2:       "Os2",
	slotOb:        "Ob",
	slotA:         "A",
	slotX:         "X",
	slotY:         "Y",
	slotParty:     "party",
	slotOfficial:  "official",
	slotQuote:     "quote",
	slotSaid:      "said",
	slotLq:        "lq",
	slotRq:        "rq",
	slotDay:       "day",
	slotDate:      "date",
	slotMonth:     "month",
	slotYear:      "year",
	slotYear2:     "year2",
	slotWithin:    "within",
	slotFuture:    "future",
	slotQuarter:   "quarter",
	slotNum:       "num",
	slotFew:       "few",
	slotOrd:       "ord",
	slotBig:       "big",
	slotKilled:    "killed",
	slotToll:      "toll",
	slotMoney:     "money",
	slotBn:        "bn",
	slotPct:       "pct",
	slotShare:     "share",
	slotMove:      "move",
	slotYield:     "yield",
	slotWin:       "win",
	slotLose:      "lose",
	slotPrice:     "price",
	slotF1:        "f1",
	slotDeg:       "deg",
	slotDegshort:  "degshort",
	slotMag:       "mag",
	slotKmh:       "kmh",
	slotScore:     "score",
	slotTscore:    "tscore",
	slotWeapon:    "weapon",
	slotAircraft:  "aircraft",
	slotIndex:     "index",
	slotCommodity: "commodity",
	slotCurrency:  "currency",
	slotChip:      "chip",
	slotStorm:     "storm",
	slotTevent:    "tevent",
	slotFevent:    "fevent",
	slotSevent:    "sevent",
	slotIssue:     "issue",
	slotVote:      "vote",
}

// segment is literal text followed by a slot, or by nothing (slotNone).
type segment struct {
	lit  string
	slot slotID
}

// tmpl is a compiled template.
type tmpl []segment

// compile compiles template s. An unknown slot name is kept as literal
// text in braces, which the tests look for.
func compile(s string, byName map[string]slotID) tmpl {
	var t tmpl
	for s != "" {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[i+1:], '}') + i + 1
		if i < 0 || j <= i {
			return append(t, segment{lit: s})
		}
		id, ok := byName[s[i+1:j]]
		if !ok {
			t = append(t, segment{lit: s[:j+1]})
			s = s[j+1:]
			continue
		}
		t = append(t, segment{lit: s[:i], slot: id})
		s = s[j+1:]
	}
	return t
}

// templates are the compiled template tables.
type templates struct {
	topics    [numTopics]compiledTopic
	general   []tmpl
	neutral   []tmpl
	quotes    []tmpl
	officials []tmpl
}

type compiledTopic struct {
	headlines, standfirsts, leads, body, teasers []tmpl
}

func compileTemplates() *templates {
	byName := make(map[string]slotID, numSlots)
	for id, name := range slotNames {
		if name != "" {
			byName[name] = slotID(id)
		}
	}
	list := func(ss []string) []tmpl {
		ts := make([]tmpl, len(ss))
		for i, s := range ss {
			ts[i] = compile(s, byName)
		}
		return ts
	}
	t := &templates{
		general:   list(general),
		neutral:   list(neutral),
		quotes:    list(quotes),
		officials: list(officials),
	}
	for i := range topics {
		src := &topics[i]
		t.topics[i] = compiledTopic{
			headlines:   list(src.headlines),
			standfirsts: list(src.standfirsts),
			leads:       list(src.leads),
			body:        list(src.body),
			teasers:     list(src.teasers),
		}
	}
	return t
}

func pickTmpl(g *Generator, list []tmpl) tmpl { return list[g.rng.IntN(len(list))] }

// sentence expands t at the end of the story buffer, capitalizes its
// first letter and returns its span.
func (g *Generator) sentence(t tmpl) span {
	start := len(g.st.buf)
	g.st.buf = g.expand(g.st.buf, t)
	capitalize(g.st.buf[start:])
	return span{start, len(g.st.buf)}
}

// capitalize upper-cases the first ASCII letter of b when it comes before
// any other letter or digit, skipping opening quotes.
func capitalize(b []byte) {
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
			return
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c >= 0x80 && c != 0xe2:
			// A letter, a digit, or a non-ASCII rune other than the
			// “ and ‘ quotes (whose UTF-8 starts with 0xe2).
			return
		}
	}
}

// expand appends t with its slots filled to b. The buffer travels as an
// argument rather than as g.st.buf so that appends need no write barrier.
func (g *Generator) expand(b []byte, t tmpl) []byte {
	for i, seg := range t {
		lit := seg.lit
		// "Marcos Jr." or "U.S." ending a sentence takes no second period.
		if i > 0 && t[i-1].slot != slotNone && strings.HasPrefix(lit, ".") && len(b) > 0 && b[len(b)-1] == '.' {
			lit = lit[1:]
		}
		b = append(b, lit...)
		if seg.slot != slotNone {
			b = g.slot(b, seg.slot)
		}
	}
	return b
}

// slot appends the text of one template slot.
func (g *Generator) slot(b []byte, id slotID) []byte {
	c := &g.cast
	r := g.rng
	switch id {
	// The cast.
	case slotP:
		b = g.person(b, c.p1, seenP1)
	case slotP2:
		b = g.person(b, c.p2, seenP2)
	case slotPs:
		b = append(b, shortName(&people[c.p1])...)
	case slotPs2:
		b = append(b, shortName(&people[c.p2])...)
	case slotC:
		b = countryName(b, c.c1)
	case slotC2:
		b = countryName(b, c.c2)
	case slotCs:
		b = append(b, headlineCountry(c.c1)...)
	case slotCs2:
		b = append(b, headlineCountry(c.c2)...)
	case slotAD:
		b = appendArticle(b, countries[c.c1].demonym)
	case slotAD2:
		b = appendArticle(b, countries[c.c2].demonym)
	case slotD:
		b = append(b, countries[c.c1].demonym...)
	case slotD2:
		b = append(b, countries[c.c2].demonym...)
	case slotK:
		b = append(b, countries[c.c1].capital...)
	case slotK2:
		b = append(b, countries[c.c2].capital...)
	case slotT:
		b = append(b, c.city...)
	case slotSeat:
		if s := countries[c.c1].seat; s != "" {
			b = append(b, s...)
		} else {
			b = append(b, countries[c.c1].capital...)
		}
	case slotO:
		b = g.org(b, c.o1, seenO1)
	case slotO2:
		b = g.org(b, c.o2, seenO2)
	case slotOs:
		b = append(b, shortOrg(c.o1)...)
	case slotOs2:
		b = append(b, shortOrg(c.o2)...)
	case slotOb:
		b = append(b, orgs[g.ix.orgByKind[orgBank][r.IntN(len(g.ix.orgByKind[orgBank]))]].name...)
	case slotA:
		b = append(b, agencies[c.agency]...)
	case slotX:
		b = countryName(b, r.IntN(len(countries)))
	case slotY:
		b = append(b, g.cityOf(r.IntN(len(countries)))...)
	case slotParty:
		b = append(b, pick(g, parties)...)

	// Nested phrases, themselves templates.
	case slotOfficial:
		return g.expand(b, g.tpl.officials[g.rng.IntN(len(g.tpl.officials))])
	case slotQuote:
		return g.expand(b, g.tpl.quotes[g.rng.IntN(len(g.tpl.quotes))])
	case slotSaid:
		b = append(b, pick(g, saids)...)
	case slotLq:
		if c.curly {
			b = append(b, "“"...)
		} else {
			b = append(b, '"')
		}
	case slotRq:
		if c.curly {
			b = append(b, "”"...)
		} else {
			b = append(b, '"')
		}

	// Dates.
	case slotDay:
		switch u := r.IntN(10); {
		case u < 5:
			b = append(b, "on "...)
			b = append(b, pick(g, weekdays)...)
		case u < 7:
			b = append(b, "on "...)
			b = g.date(b)
		default:
			b = append(b, pick(g, relDays)...)
		}
	case slotDate:
		b = g.date(b)
	case slotMonth:
		b = append(b, pick(g, months)...)
	case slotYear:
		b = strconv.AppendInt(b, int64(2005+r.IntN(19)), 10)
	case slotYear2:
		b = strconv.AppendInt(b, int64(2030+5*r.IntN(5)), 10)
	case slotWithin:
		b = append(b, pick(g, withins)...)
	case slotFuture:
		b = append(b, pick(g, futures)...)
	case slotQuarter:
		b = append(b, pick(g, quarters)...)

	// Numbers with what they count.
	case slotNum:
		b = strconv.AppendInt(b, int64(10+r.IntN(90)), 10)
	case slotFew:
		b = append(b, [...]string{"two", "three", "four", "five", "six", "seven", "eight", "nine"}[r.IntN(8)]...)
	case slotOrd:
		b = append(b, pick(g, ordinals)...)
	case slotBig:
		b = appendGrouped(b, g.roundish(1000, 950_000))
	case slotKilled:
		v := r.IntN(4)
		b = append(b, [...]string{"killed at least ", "killed ", "killed more than ", "left at least "}[v]...)
		b = appendGrouped(b, g.roundish(10, 400))
		b = append(b, " people"...)
		if v == 3 {
			b = append(b, " dead"...)
		}
	case slotToll:
		v := r.IntN(3)
		b = append(b, [...]string{"killed over ", "killed more than ", "left more than "}[v]...)
		b = appendGrouped(b, g.roundish(10_000, 500_000))
		b = append(b, " people"...)
		if v == 2 {
			b = append(b, " dead"...)
		}
	case slotMoney, slotBn:
		b = append(b, [...]string{"$", "$", "$", "€", "£"}[r.IntN(5)]...)
		switch u := r.IntN(10); {
		case u < 5:
			b = strconv.AppendFloat(b, 1.2+r.Float64()*8.7, 'f', 1, 64)
		case u < 9:
			b = strconv.AppendInt(b, int64(10+r.IntN(90)), 10)
		default:
			b = strconv.AppendInt(b, int64(100+10*r.IntN(90)), 10)
		}
		if id == slotBn {
			b = append(b, " billion"...)
		} else {
			b = append(b, " million"...)
		}
	case slotPct, slotShare, slotMove, slotYield, slotWin, slotLose:
		// pct is a change or rate, share a part of a whole, move a
		// market move, yield a bond yield.
		var v float64
		prec := 1
		switch id {
		case slotPct:
			v = float64(1+r.IntN(99)) / 10
		case slotShare:
			v = float64(100+r.IntN(651)) / 10
		case slotMove:
			v = float64(1+r.IntN(29)) / 10
		case slotWin:
			v = float64(505+r.IntN(200)) / 10
		case slotLose:
			v = float64(200+r.IntN(290)) / 10
		default:
			v, prec = float64(350+r.IntN(150))/100, 2
		}
		b = strconv.AppendFloat(b, v, 'f', prec, 64)
		if c.pctWord {
			b = append(b, " percent"...)
		} else {
			b = append(b, '%')
		}
	case slotPrice:
		b = append(b, '$')
		b = strconv.AppendFloat(b, 10+r.Float64()*990, 'f', 2, 64)
	case slotF1:
		b = strconv.AppendFloat(b, 1.1+r.Float64()*0.6, 'f', 2, 64)
	case slotDeg, slotDegshort:
		t := 38 + r.Float64()*12
		b = strconv.AppendFloat(b, t, 'f', 1, 64)
		if id == slotDegshort {
			b = append(b, 'C')
			break
		}
		b = append(b, " degrees Celsius ("...)
		b = strconv.AppendFloat(b, t*9/5+32, 'f', 1, 64)
		b = append(b, " degrees Fahrenheit)"...)
	case slotMag:
		b = strconv.AppendFloat(b, 5+r.Float64()*3, 'f', 1, 64)
	case slotKmh:
		b = strconv.AppendInt(b, int64(120+10*r.IntN(15)), 10)
		b = append(b, " kilometers per hour"...)
	case slotScore:
		w := 1 + r.IntN(4)
		b = strconv.AppendInt(b, int64(w), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(r.IntN(w)), 10)
	case slotTscore:
		won := [...]string{"6-4", "6-3", "6-2", "7-5", "7-6 (7-4)", "6-1", "7-6 (10-8)"}
		lost := [...]string{"4-6", "3-6", "6-7 (5-7)", "5-7"}
		b = append(b, won[r.IntN(len(won))]...)
		if r.IntN(2) == 0 {
			b = append(b, ", "...)
			b = append(b, lost[r.IntN(len(lost))]...)
		}
		b = append(b, ", "...)
		b = append(b, won[r.IntN(len(won))]...)

	// Designators and names of things.
	case slotWeapon:
		b = append(b, pick(g, weapons)...)
	case slotAircraft:
		b = append(b, pick(g, aircraft)...)
	case slotIndex:
		b = append(b, pick(g, marketIndexes)...)
	case slotCommodity:
		b = append(b, pick(g, commodities)...)
	case slotCurrency:
		b = append(b, pick(g, currencies)...)
	case slotChip:
		b = append(b, pick(g, chips)...)
	case slotStorm:
		b = append(b, pick(g, storms)...)
	case slotTevent:
		b = append(b, pick(g, tennisEvts)...)
	case slotFevent:
		b = append(b, pick(g, footEvts)...)
	case slotSevent:
		b = append(b, pick(g, sportEvts)...)
	case slotIssue:
		b = append(b, pick(g, issues)...)
	case slotVote:
		// The kind of election the main person stands in.
		if strings.Contains(people[c.p1].title, "President") {
			b = append(b, "presidential"...)
		} else {
			b = append(b, "general"...)
		}
	}
	return b
}
