// Package gazetteer owns the embedded lists of known names that the
// entities stage links mentions to: every ISO 3166-1 country with its
// aliases and demonyms, capitals and large cities with coordinates,
// regions, and a curated list of organizations, groups and people with
// Wikidata ids where those are known for certain. The data files and
// their sources are described in data/README.md.
//
// [Load] parses the files once; the returned [*Gazetteer] is read-only and
// safe for concurrent use, so a program loads it once and passes it to
// whoever needs it. The package keeps no state of its own.
package gazetteer

import (
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wirestream/wirestream/event"
)

//go:embed data/*.tsv
var dataFS embed.FS

// ErrData marks a malformed data file; it can only happen when the
// embedded files were edited badly, so tests catch it.
var ErrData = errors.New("gazetteer data")

// Kind refines an entry's Type.
type Kind uint8

// Entry kinds.
const (
	KindCountry      Kind = iota + 1 // an ISO 3166-1 country or territory
	KindCity                         // a capital or a large or newsworthy city
	KindRegion                       // a region, sea or sub-national area
	KindDemonym                      // a nationality adjective or noun ("Russian", "Iranians")
	KindGroup                        // a religious, ethnic or political group ("Shiite", "Kurds")
	KindOrganization                 // an organization ("NATO", "the Kremlin")
	KindPerson                       // a person ("Vladimir Putin")
)

func (k Kind) String() string {
	switch k {
	case KindCountry:
		return "country"
	case KindCity:
		return "city"
	case KindRegion:
		return "region"
	case KindDemonym:
		return "demonym"
	case KindGroup:
		return "group"
	case KindOrganization:
		return "organization"
	case KindPerson:
		return "person"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one known entity. Entries are values: changing a returned
// Entry does not change the gazetteer.
type Entry struct {
	// Name is the canonical name ("United States", "Islamic State").
	Name string
	// Type is one of the event.Entity* types.
	Type string
	Kind Kind
	// ID is a Wikidata id (Q…) or empty when none is known for certain.
	ID string
	// CountryCode is the ISO 3166-1 alpha-2 code of the country the entry
	// is, is in or belongs to; empty for international entries.
	CountryCode string
	// Lat and Lon are WGS84 degrees; they are set only when HasPoint.
	Lat, Lon float64
	// HasPoint reports whether the entry has coordinates: countries (their
	// capital or another representative point, see [Country]), cities.
	HasPoint bool
}

// Country is one ISO 3166-1 entry with its representative point.
type Country struct {
	Alpha2, Alpha3 string
	// Name is the common English short name ("Iran", "United Kingdom").
	Name string
	// Point says what Lat and Lon are: "capital", "seat" (the seat of
	// government where the capital is disputed or split), "largest-city",
	// "centroid" (uninhabited territories) or "" when there is none.
	Point string
	// PointName names the city of the point, if it is one.
	PointName string
	Lat, Lon  float64
	HasPoint  bool
}

// Gazetteer holds the parsed lists. It is immutable after [Load] and safe
// for concurrent use.
type Gazetteer struct {
	entries   []Entry
	exact     map[string]int32    // surface form -> preferred entry
	folded    map[string]int32    // fold(surface) -> preferred entry
	firsts    map[string]struct{} // the first word of every folded form
	alts      map[string][]int32  // surface form -> all entries, when there is more than one
	countries map[string]int32    // upper-case alpha-2 and alpha-3 -> index into countryList
	list      []Country
	maxWords  int
	maxBytes  int
}

// Load parses the embedded data files. It takes about a millisecond; call
// it once and share the result.
func Load() (*Gazetteer, error) {
	g := &Gazetteer{
		exact:     make(map[string]int32, 4096),
		folded:    make(map[string]int32, 4096),
		firsts:    make(map[string]struct{}, 2048),
		alts:      make(map[string][]int32),
		countries: make(map[string]int32, 512),
	}
	if err := g.loadCountries("data/countries.tsv"); err != nil {
		return nil, err
	}
	if err := g.loadCities("data/cities.tsv"); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		file string
		kind Kind
	}{
		{"data/organizations.tsv", KindOrganization},
		{"data/people.tsv", KindPerson},
		{"data/groups.tsv", KindGroup},
		{"data/regions.tsv", KindRegion},
	} {
		if err := g.loadNamed(f.file, f.kind); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Lookup returns the entry for an exact surface form ("U.S.", "Syrian",
// "Islamic State of Iraq and Syria"). When the exact form is unknown it
// tries a normalised form: case, diacritics, dots, hyphens and apostrophe
// styles folded ("ERDOGAN" finds "Recep Tayyip Erdoğan"). Short all-capital
// acronyms ("US", "IS", "WHO") match exactly only, so that "us", "is" and
// "who" never do. When several entries share a form, the preferred one is
// returned: a country before a person or organization, before a
// demonym or group, before a city, before a region; among cities, the
// capital or the larger one.
func (g *Gazetteer) Lookup(surface string) (Entry, bool) {
	if i, ok := g.exact[surface]; ok {
		return g.entries[i], true
	}
	if len(surface) > g.maxBytes {
		return Entry{}, false
	}
	var buf [foldBufSize]byte
	f, ok := foldInto(buf[:0], firstWord(surface))
	if !ok {
		return Entry{}, false
	}
	// Most forms asked for are not names: their first word already
	// tells, for the price of folding one word.
	if _, ok := g.firsts[string(f)]; !ok {
		return Entry{}, false
	}
	f, ok = foldInto(buf[:0], surface)
	if !ok {
		return Entry{}, false
	}
	if i, ok := g.folded[string(f)]; ok {
		return g.entries[i], true
	}
	return Entry{}, false
}

// MayStart reports whether some surface form of two words or more could
// start with word, folded: a phrase matcher asks it once before trying
// the windows that start at a word. A false answer is certain.
func (g *Gazetteer) MayStart(word string) bool {
	var buf [foldBufSize]byte
	f, ok := foldInto(buf[:0], firstWord(word))
	if !ok {
		return false
	}
	_, ok = g.firsts[string(f)]
	return ok
}

// firstWord returns s up to its first space or hyphen, the first word of
// its folded form.
func firstWord(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '-' {
			return s[:i]
		}
	}
	return s
}

// LookupType is [Gazetteer.Lookup] restricted to entries of the given
// event.Entity* type, for callers that already know the type (a person
// "Jordan" is not the country). It considers exact forms only.
func (g *Gazetteer) LookupType(surface, typ string) (Entry, bool) {
	if all, ok := g.alts[surface]; ok {
		for _, i := range all {
			if g.entries[i].Type == typ {
				return g.entries[i], true
			}
		}
		return Entry{}, false
	}
	e, ok := g.Lookup(surface)
	if ok && e.Type == typ {
		return e, true
	}
	return Entry{}, false
}

// Country returns the country with the ISO 3166-1 alpha-2 or alpha-3 code,
// in any case. It also knows XK/XKX (Kosovo), a user-assigned code in wide
// use.
func (g *Gazetteer) Country(code string) (Country, bool) {
	if len(code) < 2 || len(code) > 3 {
		return Country{}, false
	}
	var b [3]byte
	for i := 0; i < len(code); i++ {
		c := code[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b[i] = c
	}
	i, ok := g.countries[string(b[:len(code)])]
	if !ok {
		return Country{}, false
	}
	return g.list[i], true
}

// Countries returns a copy of the country list in alpha-2 order.
func (g *Gazetteer) Countries() []Country {
	return append([]Country(nil), g.list...)
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// Surfaces returns the number of distinct exact surface forms.
func (g *Gazetteer) Surfaces() int { return len(g.exact) }

// MaxWords returns the largest number of space-separated words in a
// surface form, the longest window a phrase matcher needs to try.
func (g *Gazetteer) MaxWords() int { return g.maxWords }

func (g *Gazetteer) loadCountries(file string) error {
	return eachRow(file, 9, func(line int, f []string) error {
		a2, a3, name, point, pointName := f[0], f[1], f[2], f[3], f[4]
		if len(a2) != 2 || len(a3) != 3 || name == "" {
			return rowError(file, line, "bad codes or name")
		}
		c := Country{Alpha2: a2, Alpha3: a3, Name: name, Point: point, PointName: pointName}
		if point == "none" {
			c.Point = ""
		}
		if f[5] != "" {
			lat, lon, err := parsePoint(f[5], f[6])
			if err != nil {
				return rowError(file, line, err.Error())
			}
			c.Lat, c.Lon, c.HasPoint = lat, lon, true
		}
		if _, dup := g.countries[a2]; dup {
			return rowError(file, line, "duplicate code "+a2)
		}
		g.countries[a2] = int32(len(g.list))
		g.countries[a3] = int32(len(g.list))
		g.list = append(g.list, c)

		e := Entry{Name: name, Type: event.EntityLocation, Kind: KindCountry, CountryCode: a2,
			Lat: c.Lat, Lon: c.Lon, HasPoint: c.HasPoint}
		idx := g.add(e)
		g.index(name, idx)
		for a := range strings.SplitSeq(f[7], "|") {
			g.index(a, idx)
		}
		if f[8] != "" {
			forms := strings.Split(f[8], "|")
			d := g.add(Entry{Name: forms[0], Type: event.EntityGroup, Kind: KindDemonym, CountryCode: a2})
			for _, form := range forms {
				g.index(form, d)
			}
		}
		return nil
	})
}

func (g *Gazetteer) loadCities(file string) error {
	return eachRow(file, 8, func(line int, f []string) error {
		name, cc, surface := f[0], f[1], f[6]
		if _, ok := g.countries[cc]; !ok || name == "" {
			return rowError(file, line, "unknown country "+cc)
		}
		lat, lon, err := parsePoint(f[2], f[3])
		if err != nil {
			return rowError(file, line, err.Error())
		}
		idx := g.add(Entry{Name: name, Type: event.EntityLocation, Kind: KindCity, CountryCode: cc,
			Lat: lat, Lon: lon, HasPoint: true})
		if surface == "no" {
			// A common word or personal name ("Victoria", "Douglas"):
			// known as a capital, never matched as text.
			return nil
		}
		g.index(name, idx)
		for a := range strings.SplitSeq(f[7], "|") {
			g.index(a, idx)
		}
		return nil
	})
}

func (g *Gazetteer) loadNamed(file string, kind Kind) error {
	return eachRow(file, 5, func(line int, f []string) error {
		name, typ, id, cc := f[0], f[1], f[2], f[3]
		switch typ {
		case event.EntityPerson, event.EntityOrganization, event.EntityLocation, event.EntityGroup:
		default:
			return rowError(file, line, "unknown type "+typ)
		}
		if id != "" && !validQID(id) {
			return rowError(file, line, "bad id "+id)
		}
		if cc != "" {
			if _, ok := g.countries[cc]; !ok {
				return rowError(file, line, "unknown country "+cc)
			}
		}
		idx := g.add(Entry{Name: name, Type: typ, Kind: kind, ID: id, CountryCode: cc})
		g.index(name, idx)
		for a := range strings.SplitSeq(f[4], "|") {
			g.index(a, idx)
		}
		return nil
	})
}

func (g *Gazetteer) add(e Entry) int32 {
	g.entries = append(g.entries, e)
	return int32(len(g.entries) - 1)
}

// index makes surface find entry idx, keeping the preferred entry when
// the form is already taken.
func (g *Gazetteer) index(surface string, idx int32) {
	if surface == "" {
		return
	}
	if w := strings.Count(surface, " ") + 1; w > g.maxWords {
		g.maxWords = w
	}
	if len(surface) > g.maxBytes {
		g.maxBytes = len(surface)
	}
	if prev, ok := g.exact[surface]; ok {
		if prev == idx {
			return
		}
		all, ok := g.alts[surface]
		if !ok {
			all = []int32{prev}
		}
		g.alts[surface] = append(all, idx)
		if g.prefer(idx, prev) {
			g.exact[surface] = idx
		}
	} else {
		g.exact[surface] = idx
	}
	if exactOnly(surface) {
		return
	}
	f, ok := foldInto(make([]byte, 0, len(surface)), surface)
	if !ok {
		return
	}
	key := string(f)
	if prev, ok := g.folded[key]; !ok || g.prefer(idx, prev) {
		g.folded[key] = idx
	}
	first, _, _ := strings.Cut(key, " ")
	g.firsts[first] = struct{}{}
}

// prefer reports whether entry a wins over entry b for the same form.
// Files load countries first and cities capitals first, so among equals
// the earlier entry stays.
func (g *Gazetteer) prefer(a, b int32) bool {
	return kindRank(g.entries[a].Kind) < kindRank(g.entries[b].Kind)
}

func kindRank(k Kind) int {
	switch k {
	case KindCountry:
		return 0
	case KindPerson, KindOrganization:
		return 1
	case KindDemonym, KindGroup:
		return 2
	case KindCity:
		return 3
	default:
		return 4
	}
}

// exactOnly reports whether a form is a short all-capital acronym ("US",
// "IS", "WHO", "U.N.") whose folded form would be a common word.
func exactOnly(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.':
		default:
			return false
		}
	}
	return letters <= 3
}

func validQID(id string) bool {
	if len(id) < 2 || id[0] != 'Q' || id[1] == '0' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

func parsePoint(latS, lonS string) (float64, float64, error) {
	lat, err := strconv.ParseFloat(latS, 64)
	if err != nil || lat < -90 || lat > 90 {
		return 0, 0, fmt.Errorf("bad latitude %q", latS)
	}
	lon, err := strconv.ParseFloat(lonS, 64)
	if err != nil || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("bad longitude %q", lonS)
	}
	return lat, lon, nil
}

// eachRow calls fn with the tab-separated fields of every row of an
// embedded file; lines starting with '#' and empty lines are skipped. The
// fields are substrings of the embedded data, so the strings the
// gazetteer keeps cost no heap.
func eachRow(file string, fields int, fn func(line int, f []string) error) error {
	b, err := dataFS.ReadFile(file)
	if err != nil {
		return fmt.Errorf("%w: read %s: %w", ErrData, file, err)
	}
	// ReadFile copies; one string conversion keeps a single copy alive
	// that every field points into.
	s := string(b)
	f := make([]string, 0, fields)
	line := 0
	for rest := s; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		line++
		l = strings.TrimSuffix(l, "\r")
		if l == "" || l[0] == '#' {
			continue
		}
		f = f[:0]
		for field := range strings.SplitSeq(l, "\t") {
			f = append(f, strings.TrimSpace(field))
		}
		if len(f) != fields {
			return rowError(file, line, fmt.Sprintf("%d fields, want %d", len(f), fields))
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
	return nil
}

func rowError(file string, line int, msg string) error {
	return fmt.Errorf("%w: %s:%d: %s", ErrData, file, line, msg)
}
