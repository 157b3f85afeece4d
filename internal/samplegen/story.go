package samplegen

import (
	"bytes"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
)

// indexes are lookups over the vocabulary tables, built once per
// Generator and read-only afterwards.
type indexes struct {
	personCountry []int // country of each person, -1 if none
	personOrg     []int // organization of each person, -1 if none
	byKind        [numPersonKinds][]int
	techPeople    []int // business people of technology companies
	orgCountry    []int // home country of each organization, -1 if none
	orgByKind     [numOrgKinds][]int
	centralBank   []int // central bank of each country, -1 if none
	observers     []int // organizations that observe elections
	// conflictPeople are the leaders and generals of the countries where
	// conflict stories are set.
	conflictPeople []int
	// electionPeople are the presidents and prime ministers who can run
	// in a contested election.
	electionPeople []int
	fed            int
}

func buildIndexes() *indexes {
	countryIdx := make(map[string]int, len(countries))
	for i, c := range countries {
		countryIdx[c.name] = i
	}
	orgIdx := make(map[string]int, len(orgs))
	for i, o := range orgs {
		orgIdx[o.name] = i
	}
	lookup := func(m map[string]int, key string) int {
		if i, ok := m[key]; ok {
			return i
		}
		return -1
	}

	ix := &indexes{
		personCountry: make([]int, len(people)),
		personOrg:     make([]int, len(people)),
		orgCountry:    make([]int, len(orgs)),
		centralBank:   make([]int, len(countries)),
	}
	for i, o := range orgs {
		ix.orgCountry[i] = lookup(countryIdx, o.home)
		ix.orgByKind[o.kind] = append(ix.orgByKind[o.kind], i)
		switch o.name {
		case "United Nations", "European Union", "African Union", "Organization for Security and Co-operation in Europe":
			ix.observers = append(ix.observers, i)
		}
	}
	for i, p := range people {
		ix.personCountry[i] = lookup(countryIdx, p.home)
		ix.personOrg[i] = lookup(orgIdx, p.home)
		if org := ix.personOrg[i]; org >= 0 {
			ix.personCountry[i] = ix.orgCountry[org]
			if p.kind == kindBusiness && orgs[org].kind == orgTechCompany {
				ix.techPeople = append(ix.techPeople, i)
			}
		}
		ix.byKind[p.kind] = append(ix.byKind[p.kind], i)
		c := ix.personCountry[i]
		if c < 0 {
			continue
		}
		if (p.kind == kindLeader || p.kind == kindMilitary) && countries[c].conflict {
			ix.conflictPeople = append(ix.conflictPeople, i)
		}
		if p.kind == kindLeader && !countries[c].noVote && (p.title == "President" || p.title == "Prime Minister" || p.title == "Chancellor") {
			ix.electionPeople = append(ix.electionPeople, i)
		}
	}
	ecb := orgIdx["European Central Bank"]
	ix.fed = orgIdx["Federal Reserve"]
	for i, c := range countries {
		ix.centralBank[i] = -1
		if c.euro {
			ix.centralBank[i] = ecb
		}
	}
	for _, i := range ix.orgByKind[orgCentralBank] {
		// The Bundesbank does not set rates; the ECB stays Germany's bank.
		if c := ix.orgCountry[i]; c >= 0 && ix.centralBank[c] < 0 {
			ix.centralBank[c] = i
		}
	}
	return ix
}

// cast is who and what a story is about, and the per-story style.
type cast struct {
	topic       int
	c1, c2      int // countries
	p1, p2      int // people
	o1, o2      int // organizations
	city        string
	agency      int
	curly       bool // curly rather than straight quotes
	pctWord     bool // "percent" rather than "%"
	seen        uint8
	usedBody    uint64 // topic body templates used, to avoid repeats
	usedGeneral uint64 // general or neutral templates used
}

// Bits of cast.seen: which cast members had their full first mention.
const (
	seenP1 uint8 = 1 << iota
	seenP2
	seenO1
	seenO2
)

// span is a byte range of story.buf.
type span struct{ start, end int }

type relatedStory struct {
	headline, teaser span
	section          int
}

// story is an article before rendering: its parts are spans of buf.
type story struct {
	buf        []byte
	id         string
	n          uint64 // index of the original, for the URL
	source     string
	format     Format
	section    int
	published  time.Time
	headline   span
	standfirst span
	byline     span
	paras      []span
	related    []relatedStory
	cast       cast
}

func (s *story) text(sp span) []byte { return s.buf[sp.start:sp.end] }

// copyFrom makes s a copy of o, reusing s's buffers.
func (s *story) copyFrom(o *story) {
	buf, paras, related := s.buf, s.paras, s.related
	*s = *o
	s.buf = append(buf[:0], o.buf...)
	s.paras = append(paras[:0], o.paras...)
	s.related = append(related[:0], o.related...)
}

// The number of body paragraphs of an article.
const (
	minParas = 4
	maxParas = 14
)

// compose builds a new original story into g.st.
func (g *Generator) compose(id string) {
	st := &g.st
	st.buf, st.paras, st.related = st.buf[:0], st.paras[:0], st.related[:0]
	st.id = id
	st.n = g.n - 1
	st.source = g.cfg.sources[g.rng.IntN(len(g.cfg.sources))]
	st.format = g.drawFormat()
	st.published = g.published
	size := g.drawSize()

	g.pickCast(g.pickTopic(size))
	g.cast.curly = g.rng.IntN(10) < 7
	g.cast.pctWord = g.rng.IntN(2) == 0
	st.section = g.sectionOf(&g.cast)

	t := &g.tpl.topics[g.cast.topic]
	st.headline = g.sentence(pickTmpl(g, t.headlines))
	st.standfirst = g.sentence(pickTmpl(g, t.standfirsts))
	g.cast.seen = 0 // the body introduces the cast again
	start := len(st.buf)
	st.buf = append(st.buf, "By "...)
	st.buf = append(st.buf, pick(g, bylineFirst)...)
	st.buf = append(st.buf, ' ')
	st.buf = append(st.buf, pick(g, bylineLast)...)
	st.byline = span{start, len(st.buf)}

	g.composeRelated(size)

	// Measure what the page costs without its body, then spend the rest
	// of the size on paragraphs.
	g.out = g.render(g.out[:0], st)
	body := size - len(g.out)
	perPara := paraOverhead(st.format)
	paraLen := 220 + g.rng.IntN(330)
	n := min(max((body+paraLen/2)/paraLen, minParas), maxParas)
	for i := range n {
		budget := (body - perPara*(n-i)) / (n - i)
		budget = budget * (80 + g.rng.IntN(41)) / 100
		if i == n-1 {
			budget = body - perPara
		}
		p := g.paragraph(budget, i == 0)
		st.paras = append(st.paras, p)
		body -= p.end - p.start + perPara
	}
	// Keep the cast for near duplicates, whose extra paragraphs use the
	// short forms.
	st.cast = g.cast
	st.cast.seen = seenP1 | seenP2 | seenO1 | seenO2
}

// composeRelated adds the related stories, spending at most about 40% of
// size on them.
func (g *Generator) composeRelated(size int) {
	st := &g.st
	n := min(12, size*2/5/220)
	n = g.rng.IntN(n + 1)
	main := g.cast
	for range n {
		if g.rng.IntN(2) == 0 {
			g.cast = main // a follow-up on the same story
			g.cast.topic = g.drawTopic()
			if g.cast.topic != main.topic {
				g.pickCast(g.cast.topic)
			}
		} else {
			g.pickCast(g.drawTopic())
		}
		t := &g.tpl.topics[g.cast.topic]
		h := g.sentence(pickTmpl(g, t.headlines))
		tz := g.sentence(pickTmpl(g, t.teasers))
		if g.rng.IntN(7) == 0 {
			tz = g.truncateTeaser(tz)
		}
		st.related = append(st.related, relatedStory{headline: h, teaser: tz, section: g.sectionOf(&g.cast)})
	}
	g.cast = main
}

// truncateTeaser cuts a teaser at a word boundary past 60 bytes and ends
// it with " ...", as feeds do with long teasers.
func (g *Generator) truncateTeaser(sp span) span {
	t := g.st.buf[sp.start:sp.end]
	if len(t) < 90 {
		return sp
	}
	cut := bytes.LastIndexByte(t[:60+g.rng.IntN(len(t)-75)], ' ')
	if cut < 30 {
		return sp
	}
	if t[cut-1] == ',' {
		cut--
	}
	end := sp.start + cut
	g.st.buf = append(g.st.buf[:end], " ..."...)
	return span{sp.start, len(g.st.buf)}
}

// paragraph writes one body paragraph of about budget bytes: whole
// sentences, at least one.
func (g *Generator) paragraph(budget int, lead bool) span {
	st := &g.st
	start := len(st.buf)
	t := g.cast.topic
	for first := true; ; first = false {
		s0 := len(st.buf)
		if !first {
			st.buf = append(st.buf, ' ')
		}
		if first && lead {
			g.sentence(pickTmpl(g, g.tpl.topics[t].leads))
		} else {
			g.sentence(g.nextTemplate(t))
		}
		if n := len(st.buf) - start; n >= budget {
			if !first && n-budget > (len(st.buf)-s0)/2 {
				st.buf = st.buf[:s0] // closer to the budget without it
			}
			return span{start, len(st.buf)}
		}
	}
}

// nextTemplate picks a body sentence template for topic t: 70% from the
// topic's own, 30% from the shared pool, and never one the article has
// used before it has used every template of both.
func (g *Generator) nextTemplate(topic int) tmpl {
	t := &g.tpl.topics[topic]
	pool := g.tpl.neutral
	if topics[topic].political {
		pool = g.tpl.general
	}
	c := &g.cast
	bodyFull := c.usedBody == 1<<len(t.body)-1
	poolFull := c.usedGeneral == 1<<len(pool)-1
	if bodyFull && poolFull {
		c.usedBody, c.usedGeneral = 0, 0
		bodyFull, poolFull = false, false
	}
	if poolFull || !bodyFull && g.rng.IntN(10) < 7 {
		return t.body[g.fresh(&c.usedBody, len(t.body))]
	}
	return pool[g.fresh(&c.usedGeneral, len(pool))]
}

// sharedPool returns the shared sentences that suit topic t.
func sharedPool(t *topic) []string {
	if t.political {
		return general
	}
	return neutral
}

// fresh picks an index in [0, n) whose bit is clear in used, and sets
// it. n is at most 64 and some bit must be clear.
func (g *Generator) fresh(used *uint64, n int) int {
	free := ^*used
	if n < 64 {
		free &= 1<<n - 1
	}
	for k := g.rng.IntN(bits.OnesCount64(free)); k > 0; k-- {
		free &= free - 1 // clear the lowest free bit
	}
	i := bits.TrailingZeros64(free)
	*used |= 1 << i
	return i
}

// topicCapacity is roughly the largest article that topic t fills without
// using any sentence template more than twice and a half.
func topicCapacity(t int) int {
	const avgSentence = 150
	return (len(topics[t].body) + len(sharedPool(&topics[t]))) * avgSentence * 5 / 2
}

func paraOverhead(f Format) int {
	switch f {
	case FormatJSON:
		return len(`\n\n`)
	case FormatHTML:
		return len("<p></p>\n")
	default:
		return len("\n")
	}
}

func pick(g *Generator, list []string) string { return list[g.rng.IntN(len(list))] }

// pickTopic draws a topic by topicWeights among those that can fill size
// bytes (see topicCapacity): long articles are the big running stories.
func (g *Generator) pickTopic(size int) int {
	for {
		t := g.drawTopic()
		if topicCapacity(t) >= size {
			return t
		}
		if size > topicCapacity(topicConflict) {
			return []int{topicConflict, topicDiplomacy}[g.rng.IntN(2)]
		}
	}
}

func (g *Generator) drawTopic() int {
	u := g.rng.IntN(100)
	for i, w := range topicWeights {
		if u < w {
			return i
		}
		u -= w
	}
	return topicConflict
}

func (g *Generator) sectionOf(c *cast) int {
	if s := topics[c.topic].section; s >= 0 {
		return s
	}
	if g.rng.IntN(5) == 0 {
		return secWorld
	}
	return countries[c.c1].region
}

// pickCast chooses the people, places and organizations of a story on
// topic, keeping the agency and style of g.cast.
func (g *Generator) pickCast(topic int) {
	ix := g.ix
	c := &g.cast
	c.topic = topic
	c.seen, c.usedBody, c.usedGeneral = 0, 0, 0
	c.agency = g.rng.IntN(len(agencies))
	anyOrg := func(k orgKind) int { return ix.orgByKind[k][g.rng.IntN(len(ix.orgByKind[k]))] }
	anyPerson := func(k personKind) int { return ix.byKind[k][g.rng.IntN(len(ix.byKind[k]))] }
	// other picks a person of kind k from another country than c.c1,
	// from the same region when sameRegion.
	other := func(k personKind, sameRegion bool) int {
		p := -1
		for range 24 {
			p = anyPerson(k)
			pc := ix.personCountry[p]
			if pc < 0 || pc == c.c1 {
				continue
			}
			if !sameRegion || countries[pc].region == countries[c.c1].region {
				return p
			}
		}
		return p
	}
	home := func(p int) int {
		if h := ix.personCountry[p]; h >= 0 {
			return h
		}
		return g.rng.IntN(len(countries))
	}

	switch topic {
	case topicConflict:
		c.p1 = ix.conflictPeople[g.rng.IntN(len(ix.conflictPeople))]
		c.c1 = home(c.p1)
		c.p2 = other(kindLeader, g.rng.IntN(10) < 7)
		c.o1, c.o2 = anyOrg(orgIntl), anyOrg(orgAid)
	case topicDiplomacy:
		c.p1 = anyPerson(kindLeader)
		c.c1 = home(c.p1)
		c.p2 = other(kindLeader, g.rng.IntN(2) == 0)
		c.o1, c.o2 = anyOrg(orgIntl), anyOrg(orgIntl)
	case topicEconomy:
		c.p1 = anyPerson(kindEcon)
		c.c1 = home(c.p1)
		c.p2 = anyPerson(kindIntl)
		c.o1, c.o2 = ix.centralBank[c.c1], anyOrg(orgFinance)
	case topicMarkets:
		c.p1 = anyPerson(kindBusiness)
		c.o1 = ix.personOrg[c.p1]
		c.c1 = home(c.p1)
		c.p2 = anyPerson(kindEcon)
		c.o2 = ix.centralBank[c.c1]
		if c.o2 < 0 || g.rng.IntN(2) == 0 {
			c.o2 = ix.fed // the market mover everywhere
		}
	case topicClimate:
		c.p1 = anyPerson(kindLeader)
		c.c1 = home(c.p1)
		c.p2 = other(kindLeader, false)
		c.o1, c.o2 = anyOrg(orgClimate), anyOrg(orgClimate)
	case topicQuake, topicWeather, topicCrash:
		c.p1 = anyPerson(kindLeader)
		c.c1 = home(c.p1)
		c.p2 = other(kindLeader, g.rng.IntN(2) == 0)
		c.o1, c.o2 = anyOrg(orgAid), anyOrg(orgAid)
	case topicElection:
		c.p1 = ix.electionPeople[g.rng.IntN(len(ix.electionPeople))]
		c.c1 = home(c.p1)
		c.p2 = other(kindLeader, g.rng.IntN(2) == 0)
		c.o1, c.o2 = ix.observers[g.rng.IntN(len(ix.observers))], anyOrg(orgIntl)
	case topicTechnology:
		c.p1 = ix.techPeople[g.rng.IntN(len(ix.techPeople))]
		c.o1 = ix.personOrg[c.p1]
		c.c1 = home(c.p1)
		c.p2 = ix.techPeople[g.rng.IntN(len(ix.techPeople))]
		c.o2 = anyOrg(orgTechCompany)
		if c.o2 == c.o1 {
			c.o2 = anyOrg(orgTechCompany)
		}
	case topicFootball, topicTennis, topicSport:
		k := kindAthlete
		switch topic {
		case topicFootball:
			k = kindFootball
		case topicTennis:
			k = kindTennis
		}
		c.p1 = anyPerson(k)
		c.c1 = home(c.p1)
		c.p2 = other(k, false)
		c.o1, c.o2 = anyOrg(orgSport), anyOrg(orgSport)
	default: // topicVariety
		c.p1 = anyPerson([...]personKind{kindLeader, kindFigure, kindBusiness}[g.rng.IntN(3)])
		c.c1 = home(c.p1)
		c.p2 = other([...]personKind{kindLeader, kindFigure}[g.rng.IntN(2)], false)
		c.o1, c.o2 = anyOrg(orgTechCompany), anyOrg(orgIntl)
	}
	if c.p2 < 0 || c.p2 == c.p1 {
		c.p2 = anyPerson(kindIntl)
	}
	c.c2 = ix.personCountry[c.p2]
	if c.c2 < 0 || c.c2 == c.c1 {
		c.c2 = (c.c1 + 1 + g.rng.IntN(len(countries)-1)) % len(countries)
	}
	if c.o1 < 0 {
		c.o1 = anyOrg(orgFinance)
	}
	if c.o2 < 0 || c.o2 == c.o1 {
		c.o2 = anyOrg(orgFinance)
	}
	c.city = g.cityOf(c.c1)
}

// cityOf picks the capital or another city of country i.
func (g *Generator) cityOf(i int) string {
	cities := countries[i].cities
	if j := g.rng.IntN(len(cities) + 1); j < len(cities) {
		return cities[j]
	}
	return countries[i].capital
}

// roundish draws a number in [lo, hi), log-uniformly, rounded to two
// significant digits as reports round casualty and crowd figures.
func (g *Generator) roundish(lo, hi int) int {
	v := float64(lo) * math.Pow(float64(hi)/float64(lo), g.rng.Float64())
	n := int(v)
	unit := 1
	for n/unit >= 100 {
		unit *= 10
	}
	return n / unit * unit
}

// appendGrouped appends n with thousands separators: 250,000.
func appendGrouped(b []byte, n int) []byte {
	var tmp [24]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, d)
	}
	return b
}

func (g *Generator) date(b []byte) []byte {
	b = append(b, pick(g, monthsAP)...)
	b = append(b, ' ')
	return strconv.AppendInt(b, int64(1+g.rng.IntN(28)), 10)
}

// person appends the first or a later mention of people[i].
func (g *Generator) person(b []byte, i int, bit uint8) []byte {
	p := &people[i]
	if g.cast.seen&bit != 0 {
		return append(b, shortName(p)...)
	}
	g.cast.seen |= bit
	switch {
	case p.prefix == "-":
	case p.prefix != "":
		b = append(b, p.prefix...)
		b = append(b, ' ')
	default:
		if c := g.ix.personCountry[i]; c >= 0 && p.title != "" && g.ix.personOrg[i] < 0 && g.rng.IntN(2) == 0 {
			b = append(b, countries[c].demonym...)
			b = append(b, ' ')
		}
	}
	if p.title != "" {
		b = append(b, p.title...)
		b = append(b, ' ')
	}
	return append(b, p.name...)
}

func shortName(p *person) string {
	if p.short != "" {
		return p.short
	}
	return p.name[strings.LastIndexByte(p.name, ' ')+1:]
}

// org appends the first or a later mention of orgs[i].
func (g *Generator) org(b []byte, i int, bit uint8) []byte {
	o := &orgs[i]
	if g.cast.seen&bit != 0 {
		if o.the && (o.abbr == "" || !o.bareAbbr) {
			b = append(b, "the "...)
		}
		return append(b, shortOrg(i)...)
	}
	g.cast.seen |= bit
	if o.the {
		b = append(b, "the "...)
	}
	b = append(b, o.name...)
	if o.abbr != "" {
		b = append(b, " ("...)
		b = append(b, o.abbr...)
		b = append(b, ')')
	}
	return b
}

func shortOrg(i int) string {
	if a := orgs[i].abbr; a != "" {
		return a
	}
	return orgs[i].name
}

func countryName(b []byte, i int) []byte {
	if countries[i].the {
		b = append(b, "the "...)
	}
	return append(b, countries[i].name...)
}

// appendArticle appends w preceded by "a" or "an". Initialisms such as
// "U.S." take "a".
func appendArticle(b []byte, w string) []byte {
	if strings.IndexByte("AEIOU", w[0]) >= 0 && (len(w) < 2 || w[1] != '.') {
		b = append(b, "an "...)
	} else {
		b = append(b, "a "...)
	}
	return append(b, w...)
}

func headlineCountry(i int) string {
	if s := countries[i].short; s != "" {
		return s
	}
	return countries[i].name
}
