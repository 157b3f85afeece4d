package entities

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

// Salience weights of one mention by where it stands. See the package
// documentation for the formula.
const (
	weightHeadline   = 3.0
	weightStandfirst = 2.0
	weightLead       = 2.0 // the first body paragraph
	weightBody       = 1.0
)

// titleReach is how far before a person span a title span may end and
// still qualify it, in bytes ("Ambassador to Russian Mehdi Sanaei").
const titleReach = 64

// mention is one entity span under linking.
type mention struct {
	start, end int
	typ        string
	weight     float64
	entry      gazetteer.Entry
	linked     bool
	tLo, tHi   int32 // its titles in linkState.titles
}

type entryKey struct{ name, typ, cc string }

// cluster is one canonical entity being built.
type cluster struct {
	first    int32 // its first mention
	longest  int32 // its longest mention
	linked   int32 // a mention linked to the gazetteer, or -1
	count    int
	raw      float64
	types    [5]int // mentions per type, by typeIndex
	nTitles  int
	salience float64
	name     string
	typ      string
	pos      int32 // its index in the result
}

// typeIndex ranks the entity types for a cluster whose mentions
// disagree (person first); typeAt is its inverse. -1 means not an entity
// type.
func typeIndex(t string) int {
	switch t {
	case event.EntityPerson:
		return 0
	case event.EntityOrganization:
		return 1
	case event.EntityLocation:
		return 2
	case event.EntityGroup:
		return 3
	case event.EntityMisc:
		return 4
	}
	return -1
}

func typeAt(i int) string {
	switch i {
	case 0:
		return event.EntityPerson
	case 1:
		return event.EntityOrganization
	case 2:
		return event.EntityLocation
	case 3:
		return event.EntityGroup
	}
	return event.EntityMisc
}

// linkState is the scratch memory of one article's linking, pooled.
type linkState struct {
	spans     []Span
	ments     []mention
	titles    []string
	pending   []Span
	parent    []int32
	linkOf    []int32 // per set root: a mention linked to the gazetteer, or -1
	clusterOf []int32
	clusters  []cluster
	order     []int32 // per mention: its cluster
	sorted    []int32 // clusters in result order
	persons   []int32 // mentions of persons with two words or more
	orgs      []int32 // mentions of organizations with two words or more
	byEntry   map[entryKey]int32
	byText    map[string]int32
}

func newLinkState() *linkState {
	return &linkState{
		spans:   make([]Span, 0, 256),
		byEntry: make(map[entryKey]int32, 64),
		byText:  make(map[string]int32, 64),
	}
}

// link turns the spans in st.spans into entities: it checks them,
// attaches titles, links mentions to the gazetteer, resolves
// within-document coreference, and aggregates per entity.
func (st *linkState) link(g *gazetteer.Gazetteer, text string, paragraphs []event.Paragraph) []event.Entity {
	st.collect(g, text, paragraphs)
	n := len(st.ments)
	if n == 0 {
		return []event.Entity{}
	}
	st.parent, st.linkOf = st.parent[:0], st.linkOf[:0]
	for i := range n {
		st.parent = append(st.parent, int32(i))
		l := int32(-1)
		if st.ments[i].linked {
			l = int32(i)
		}
		st.linkOf = append(st.linkOf, l)
	}
	clear(st.byEntry)
	clear(st.byText)
	// Same gazetteer entry, or same text: same entity.
	for i := range st.ments {
		m := &st.ments[i]
		if m.linked {
			k := entryKey{m.entry.Name, m.entry.Type, m.entry.CountryCode}
			if j, ok := st.byEntry[k]; ok {
				st.union(j, int32(i))
			} else {
				st.byEntry[k] = int32(i)
			}
		}
		t := text[m.start:m.end]
		if j, ok := st.byText[t]; ok {
			if compatible(st.ments[j].typ, m.typ) {
				st.union(j, int32(i))
			}
		} else {
			st.byText[t] = int32(i)
		}
	}
	st.persons, st.orgs = st.persons[:0], st.orgs[:0]
	for i := range st.ments {
		m := &st.ments[i]
		if strings.IndexByte(text[m.start:m.end], ' ') < 0 {
			continue
		}
		switch {
		case m.typ == event.EntityPerson || m.linked && m.entry.Type == event.EntityPerson:
			st.persons = append(st.persons, int32(i))
		case m.typ == event.EntityOrganization:
			st.orgs = append(st.orgs, int32(i))
		}
	}
	st.corefPersons(text)
	st.corefOrganizations(text)
	st.linkAcronyms(text)
	return st.aggregate(text)
}

// collect checks the tagger's spans, attaches title spans to the person
// after them, weights mentions by paragraph and links them to g.
func (st *linkState) collect(g *gazetteer.Gazetteer, text string, paragraphs []event.Paragraph) {
	st.ments = st.ments[:0]
	st.titles = st.titles[:0]
	st.pending = st.pending[:0]
	lastEnd := 0
	p, bodySeen := 0, 0
	for _, sp := range st.spans {
		if sp.Start < lastEnd || sp.End > len(text) || sp.Start >= sp.End ||
			!utf8.RuneStart(text[sp.Start]) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
			continue // a broken span from a buggy tagger: drop it
		}
		lastEnd = sp.End
		if sp.Type == TypeTitle {
			st.pending = append(st.pending, sp)
			continue
		}
		if typeIndex(sp.Type) < 0 {
			continue
		}
		end := trimPossessive(text, sp.Start, sp.End)
		if end <= sp.Start {
			continue
		}
		m := mention{start: sp.Start, end: end, typ: sp.Type}
		switch sp.Type {
		case event.EntityPerson:
			m.tLo = int32(len(st.titles))
			for _, t := range st.pending {
				if sp.Start-t.End <= titleReach {
					st.titles = append(st.titles, text[t.Start:t.End])
				}
			}
			m.tHi = int32(len(st.titles))
			st.pending = st.pending[:0]
		case event.EntityLocation, event.EntityGroup:
		default:
			st.pending = st.pending[:0]
		}
		// Weight by paragraph; spans and paragraphs are both in order.
		m.weight = weightBody
		for p < len(paragraphs) && paragraphs[p].End <= m.start {
			if paragraphs[p].Kind == event.ParagraphBody {
				bodySeen++
			}
			p++
		}
		if p < len(paragraphs) && paragraphs[p].Start <= m.start {
			switch paragraphs[p].Kind {
			case event.ParagraphHeadline:
				m.weight = weightHeadline
			case event.ParagraphStandfirst:
				m.weight = weightStandfirst
			case event.ParagraphBody:
				if bodySeen == 0 {
					m.weight = weightLead
				}
			}
		}
		m.entry, m.linked = lookup(g, text[m.start:m.end], m.typ)
		st.ments = append(st.ments, m)
	}
}

// lookup links a mention of the tagger's type typ to the gazetteer. A
// misc mention takes whatever the gazetteer knows; otherwise the types
// must agree.
func lookup(g *gazetteer.Gazetteer, s, typ string) (gazetteer.Entry, bool) {
	e, ok := g.Lookup(s)
	if ok && (typ == event.EntityMisc || e.Type == typ) {
		return e, true
	}
	if ok {
		return g.LookupType(s, typ)
	}
	return gazetteer.Entry{}, false
}

func trimPossessive(text string, start, end int) int {
	s := text[start:end]
	switch {
	case strings.HasSuffix(s, "'s"):
		return end - 2
	case strings.HasSuffix(s, "\u2019s"):
		return end - len("\u2019s")
	}
	return end
}

func compatible(a, b string) bool {
	return a == b || a == event.EntityMisc || b == event.EntityMisc
}

func (st *linkState) find(i int32) int32 {
	for st.parent[i] != i {
		st.parent[i] = st.parent[st.parent[i]]
		i = st.parent[i]
	}
	return i
}

// union merges the sets of a and b unless they are linked to different
// gazetteer entries.
func (st *linkState) union(a, b int32) {
	ra, rb := st.find(a), st.find(b)
	if ra == rb {
		return
	}
	la, lb := st.linkOf[ra], st.linkOf[rb]
	if la >= 0 && lb >= 0 {
		ea, eb := st.ments[la].entry, st.ments[lb].entry
		if ea.Name != eb.Name || ea.Type != eb.Type || ea.CountryCode != eb.CountryCode {
			return
		}
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	st.parent[rb] = ra
	if st.linkOf[ra] < 0 {
		st.linkOf[ra] = max(la, lb)
	}
}

// corefPersons links a one-word mention to the person whose name starts
// or ends with that word ("Putin" to "Vladimir Putin", "Assad" to "Bashar
// Assad"): the nearest such name before it, or else the first after it.
func (st *linkState) corefPersons(text string) {
	for i := range st.ments {
		m := &st.ments[i]
		if m.typ != event.EntityPerson && m.typ != event.EntityMisc {
			continue
		}
		if m.linked && m.entry.Type != event.EntityPerson {
			continue
		}
		w := text[m.start:m.end]
		if strings.IndexByte(w, ' ') >= 0 {
			continue
		}
		best := -1
		for _, j := range st.persons {
			o := &st.ments[j]
			name := text[o.start:o.end]
			sp := strings.IndexByte(name, ' ')
			last := name[strings.LastIndexByte(name, ' ')+1:]
			if name[:sp] != w && last != w && stripArticle(last) != w {
				continue
			}
			if int(j) < i {
				best = int(j) // the nearest before wins
			} else {
				if best < 0 {
					best = int(j)
				}
				break
			}
		}
		if best >= 0 {
			st.union(int32(best), int32(i))
		}
	}
}

// corefOrganizations links a one-word organization mention to the
// organization whose name ends with it ("Commission" to "European
// Commission"): the nearest before it, or else the first after it.
func (st *linkState) corefOrganizations(text string) {
	for i := range st.ments {
		m := &st.ments[i]
		if m.typ != event.EntityOrganization && m.typ != event.EntityMisc || m.linked {
			continue
		}
		w := text[m.start:m.end]
		if strings.IndexByte(w, ' ') >= 0 {
			continue
		}
		best := -1
		for _, j := range st.orgs {
			o := &st.ments[j]
			name := text[o.start:o.end]
			if name[strings.LastIndexByte(name, ' ')+1:] != w {
				continue
			}
			if int(j) < i {
				best = int(j)
			} else {
				if best < 0 {
					best = int(j)
				}
				break
			}
		}
		if best >= 0 {
			st.union(int32(best), int32(i))
		}
	}
}

// stripArticle removes an Arabic article from a surname: "al-Assad" is
// "Assad".
func stripArticle(w string) string {
	if i := strings.IndexByte(w, '-'); i < 0 || i > 3 {
		return w
	}
	for _, p := range [...]string{"al-", "el-", "Al-", "El-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-"} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			return rest
		}
	}
	return w
}

// linkAcronyms links "Islamic State of Iraq and Syria (ISIS)": an acronym
// in parentheses right after a name is the same entity.
func (st *linkState) linkAcronyms(text string) {
	for i := 0; i+1 < len(st.ments); i++ {
		m, a := &st.ments[i], &st.ments[i+1]
		gap := text[m.end:a.start]
		if gap != " (" && gap != "(" {
			continue
		}
		if a.end >= len(text) || text[a.end] != ')' {
			continue
		}
		acr := text[a.start:a.end]
		if !isAcronym(acr) || !strings.Contains(text[m.start:m.end], " ") {
			continue
		}
		if upper(acr[0]) != upper(text[m.start]) {
			continue
		}
		st.union(int32(i), int32(i+1))
	}
}

func isAcronym(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.' || c == '-' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// aggregate builds one event.Entity per set of mentions. The clusters
// are named, typed and sorted first, so that the result is written once,
// in order: moving event.Entity values around costs write barriers.
func (st *linkState) aggregate(text string) []event.Entity {
	n := len(st.ments)
	st.clusterOf = st.clusterOf[:0]
	for range n {
		st.clusterOf = append(st.clusterOf, -1)
	}
	st.clusters = st.clusters[:0]
	st.order = st.order[:0]
	points, titles := 0, 0
	for i := range st.ments {
		m := &st.ments[i]
		root := st.find(int32(i))
		ci := st.clusterOf[root]
		if ci < 0 {
			ci = int32(len(st.clusters))
			st.clusterOf[root] = ci
			st.clusters = append(st.clusters, cluster{first: int32(i), longest: int32(i), linked: -1})
		}
		c := &st.clusters[ci]
		c.count++
		c.raw += m.weight
		c.types[typeIndex(m.typ)]++
		if m.linked && c.linked < 0 {
			c.linked = int32(i)
			if m.entry.HasPoint {
				points++
			}
		}
		if l := st.ments[c.longest]; m.end-m.start > l.end-l.start {
			c.longest = int32(i)
		}
		c.nTitles += int(m.tHi - m.tLo)
		titles += int(m.tHi - m.tLo)
		st.order = append(st.order, ci)
	}

	maxRaw := 0.0
	for i := range st.clusters {
		maxRaw = max(maxRaw, st.clusters[i].raw)
	}
	st.sorted = st.sorted[:0]
	for i := range st.clusters {
		c := &st.clusters[i]
		c.salience = math.Round(c.raw/maxRaw*1000) / 1000
		if c.linked >= 0 {
			e := &st.ments[c.linked].entry
			c.name, c.typ = e.Name, e.Type
		} else {
			lm := st.ments[c.longest]
			c.name, c.typ = text[lm.start:lm.end], event.EntityMisc
			for t, k := range c.types[:4] {
				if k > 0 && (c.typ == event.EntityMisc || k > c.types[typeIndex(c.typ)]) {
					c.typ = typeAt(t)
				}
			}
		}
		st.sorted = append(st.sorted, int32(i))
	}
	slices.SortFunc(st.sorted, func(a, b int32) int {
		ca, cb := &st.clusters[a], &st.clusters[b]
		if c := cmp.Compare(cb.salience, ca.salience); c != 0 {
			return c
		}
		if c := strings.Compare(ca.name, cb.name); c != 0 {
			return c
		}
		if c := strings.Compare(ca.typ, cb.typ); c != 0 {
			return c
		}
		return cmp.Compare(ca.first, cb.first)
	})

	// Four allocations for the whole result: entities, mentions,
	// coordinates and titles.
	out := make([]event.Entity, len(st.clusters))
	ms := make([]event.Mention, n)
	var coords []float64
	if points > 0 {
		coords = make([]float64, 0, 2*points)
	}
	var ts []string
	if titles > 0 {
		ts = make([]string, 0, titles)
	}
	off := 0
	for pos, ci := range st.sorted {
		c := &st.clusters[ci]
		c.pos = int32(pos)
		e := &out[pos]
		e.Name, e.Type, e.Salience, e.Count = c.name, c.typ, c.salience, c.count
		e.Mentions = ms[off : off : off+c.count]
		off += c.count
		if c.linked >= 0 {
			en := &st.ments[c.linked].entry
			e.ID, e.CountryCode = en.ID, en.CountryCode
			if en.HasPoint {
				coords = append(coords, en.Lat, en.Lon)
				e.Lat, e.Lon = &coords[len(coords)-2], &coords[len(coords)-1]
			}
		}
		if c.nTitles > 0 {
			e.Titles = ts[len(ts) : len(ts) : len(ts)+c.nTitles]
			ts = ts[:len(ts)+c.nTitles]
		}
	}
	for i, ci := range st.order {
		m := &st.ments[i]
		e := &out[st.clusters[ci].pos]
		e.Mentions = append(e.Mentions, event.Mention{Start: m.start, End: m.end, Text: text[m.start:m.end]})
		for _, t := range st.titles[m.tLo:m.tHi] {
			if !slices.ContainsFunc(e.Titles, func(s string) bool { return strings.EqualFold(s, t) }) {
				e.Titles = append(e.Titles, t)
			}
		}
	}
	for i := range out {
		if out[i].Titles != nil && len(out[i].Titles) == 0 {
			out[i].Titles = nil
		}
	}
	return out
}
