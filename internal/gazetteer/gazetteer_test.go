package gazetteer

import (
	"runtime"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/event"
)

func load(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := load(t)
	tests := []struct {
		name, surface string
		want          Entry // Lat/Lon compared to 0.1°
	}{
		{"country", "Russia", Entry{Name: "Russia", Type: event.EntityLocation, Kind: KindCountry, CountryCode: "RU", Lat: 55.75, Lon: 37.62, HasPoint: true}},
		{"country alias", "Russian Federation", Entry{Name: "Russia", Type: event.EntityLocation, Kind: KindCountry, CountryCode: "RU", Lat: 55.75, Lon: 37.62, HasPoint: true}},
		{"dotted abbreviation", "U.S.", Entry{Name: "United States", Type: event.EntityLocation, Kind: KindCountry, CountryCode: "US", Lat: 38.9, Lon: -77.0, HasPoint: true}},
		{"America", "America", Entry{Name: "United States", Type: event.EntityLocation, Kind: KindCountry, CountryCode: "US", Lat: 38.9, Lon: -77.0, HasPoint: true}},
		{"Britain", "Britain", Entry{Name: "United Kingdom", Type: event.EntityLocation, Kind: KindCountry, CountryCode: "GB", Lat: 51.5, Lon: -0.1, HasPoint: true}},
		{"capital", "Tehran", Entry{Name: "Tehran", Type: event.EntityLocation, Kind: KindCity, CountryCode: "IR", Lat: 35.7, Lon: 51.4, HasPoint: true}},
		{"city", "Aleppo", Entry{Name: "Aleppo", Type: event.EntityLocation, Kind: KindCity, CountryCode: "SY", Lat: 36.2, Lon: 37.2, HasPoint: true}},
		{"country wins over its capital", "Singapore", Entry{Name: "Singapore", Type: event.EntityLocation, Kind: KindCountry, CountryCode: "SG", Lat: 1.3, Lon: 103.9, HasPoint: true}},
		{"demonym", "Syrian", Entry{Name: "Syrian", Type: event.EntityGroup, Kind: KindDemonym, CountryCode: "SY"}},
		{"demonym plural", "Iranians", Entry{Name: "Iranian", Type: event.EntityGroup, Kind: KindDemonym, CountryCode: "IR"}},
		{"group", "Shiite", Entry{Name: "Shiite", Type: event.EntityGroup, Kind: KindGroup}},
		{"organization", "NATO", Entry{Name: "NATO", Type: event.EntityOrganization, Kind: KindOrganization, ID: "Q7184"}},
		{"long alias", "Islamic State of Iraq and Syria", Entry{Name: "Islamic State", Type: event.EntityOrganization, Kind: KindOrganization, ID: "Q2429253"}},
		{"acronym alias", "ISIS", Entry{Name: "Islamic State", Type: event.EntityOrganization, Kind: KindOrganization, ID: "Q2429253"}},
		{"short acronym exact", "IS", Entry{Name: "Islamic State", Type: event.EntityOrganization, Kind: KindOrganization, ID: "Q2429253"}},
		{"kremlin", "Kremlin", Entry{Name: "Kremlin", Type: event.EntityOrganization, Kind: KindOrganization, ID: "Q49296", CountryCode: "RU"}},
		{"person", "Vladimir Putin", Entry{Name: "Vladimir Putin", Type: event.EntityPerson, Kind: KindPerson, ID: "Q7747", CountryCode: "RU"}},
		{"folded case", "VLADIMIR PUTIN", Entry{Name: "Vladimir Putin", Type: event.EntityPerson, Kind: KindPerson, ID: "Q7747", CountryCode: "RU"}},
		{"folded diacritics", "Recep Tayyip ERDOGAN", Entry{Name: "Recep Tayyip Erdoğan", Type: event.EntityPerson, Kind: KindPerson, ID: "Q39259", CountryCode: "TR"}},
		{"folded apostrophe", "Côte d’Ivoire", Entry{Name: "Ivory Coast", Type: event.EntityLocation, Kind: KindCountry, CountryCode: "CI", Lat: 6.8, Lon: -5.3, HasPoint: true}},
		{"folded hyphen", "Al Qaeda", Entry{Name: "al-Qaeda", Type: event.EntityOrganization, Kind: KindOrganization, ID: "Q34490"}},
		{"region", "Middle East", Entry{Name: "Middle East", Type: event.EntityLocation, Kind: KindRegion}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := g.Lookup(tt.surface)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.surface)
			}
			if !near(got.Lat, tt.want.Lat) || !near(got.Lon, tt.want.Lon) {
				t.Errorf("Lookup(%q) point = %.2f,%.2f, want %.2f,%.2f", tt.surface, got.Lat, got.Lon, tt.want.Lat, tt.want.Lon)
			}
			got.Lat, got.Lon, tt.want.Lat, tt.want.Lon = 0, 0, 0, 0
			if got != tt.want {
				t.Errorf("Lookup(%q) = %+v, want %+v", tt.surface, got, tt.want)
			}
		})
	}
}

func TestLookupMisses(t *testing.T) {
	g := load(t)
	for _, s := range []string{"us", "Us", "is", "Is", "who", "Who", "it", "IT", "In", "The", "Victoria", "Douglas", "", strings.Repeat("x", 500)} {
		if e, ok := g.Lookup(s); ok {
			t.Errorf("Lookup(%q) = %+v, want no entry", s, e)
		}
	}
}

func TestLookupType(t *testing.T) {
	g := load(t)
	if e, ok := g.LookupType("Singapore", event.EntityLocation); !ok || e.Kind != KindCountry {
		t.Errorf("LookupType(Singapore, location) = %+v, %v", e, ok)
	}
	if _, ok := g.LookupType("Syria", event.EntityPerson); ok {
		t.Errorf("LookupType(Syria, person) found an entry")
	}
	if e, ok := g.LookupType("Putin", event.EntityPerson); !ok || e.ID != "Q7747" {
		t.Errorf("LookupType(Putin, person) = %+v, %v", e, ok)
	}
}

func TestCountry(t *testing.T) {
	g := load(t)
	tests := []struct {
		code, alpha2, alpha3, name, point string
	}{
		{"SY", "SY", "SYR", "Syria", "capital"},
		{"irn", "IR", "IRN", "Iran", "capital"},
		{"RU", "RU", "RUS", "Russia", "capital"},
		{"FR", "FR", "FRA", "France", "capital"},
		{"EG", "EG", "EGY", "Egypt", "capital"},
		{"IL", "IL", "ISR", "Israel", "seat"},
		{"XK", "XK", "XKX", "Kosovo", "capital"},
		{"BV", "BV", "BVT", "Bouvet Island", "centroid"},
		{"AQ", "AQ", "ATA", "Antarctica", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, ok := g.Country(tt.code)
			if !ok {
				t.Fatalf("Country(%q) not found", tt.code)
			}
			if c.Alpha2 != tt.alpha2 || c.Alpha3 != tt.alpha3 || c.Name != tt.name || c.Point != tt.point {
				t.Errorf("Country(%q) = %+v", tt.code, c)
			}
			if c.HasPoint != (tt.point != "") {
				t.Errorf("Country(%q).HasPoint = %v", tt.code, c.HasPoint)
			}
		})
	}
	if _, ok := g.Country("ZZ"); ok {
		t.Error("Country(ZZ) found")
	}
}

// TestDataIntegrity checks what a bad edit of the data files would break.
func TestDataIntegrity(t *testing.T) {
	g := load(t)
	list := g.Countries()
	// 249 officially assigned ISO 3166-1 codes plus XK.
	if len(list) != 250 {
		t.Errorf("%d countries, want 250", len(list))
	}
	capitals := 0
	for _, c := range list {
		if c.Point == "capital" {
			capitals++
		}
		if c.HasPoint && c.Point != "centroid" && c.PointName == "" {
			t.Errorf("%s: point %q has no name", c.Alpha2, c.Point)
		}
	}
	if capitals < 235 {
		t.Errorf("%d countries with a capital point, want at least 235", capitals)
	}
	cities := 0
	for _, e := range g.entries {
		if e.Kind == KindCity {
			cities++
		}
		if e.Type == event.EntityLocation && e.Kind != KindRegion && !e.HasPoint && e.Kind != KindCountry {
			t.Errorf("%s has no point", e.Name)
		}
	}
	if cities < 440 {
		t.Errorf("%d cities, want at least 440 (capitals and ~200 large cities)", cities)
	}
	if g.MaxWords() < 6 {
		t.Errorf("MaxWords = %d", g.MaxWords())
	}
}

func TestFoldTable(t *testing.T) {
	if len(latinBase) != 0x180-0xC0 {
		t.Fatalf("latinBase has %d entries, want %d", len(latinBase), 0x180-0xC0)
	}
	tests := []struct{ in, want string }{
		{"São Tomé", "sao tome"},
		{"U.S.", "us"},
		{"al-Qaeda", "al qaeda"},
		{"N’Djamena", "n'djamena"},
		{"Łódź", "lodz"},
		{"  Straße ", "strasse"},
	}
	for _, tt := range tests {
		got, ok := foldInto(nil, tt.in)
		if !ok || string(got) != tt.want {
			t.Errorf("fold(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func near(a, b float64) bool { return a-b < 0.1 && b-a < 0.1 }

// TestMemory measures the heap a loaded gazetteer keeps; the figure is in
// data/README.md. It fails only on a large regression.
func TestMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	g := load(t)
	runtime.GC()
	runtime.ReadMemStats(&after)
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("gazetteer: %d entries, %d surface forms, %d countries; heap kept %d KiB", g.Len(), g.Surfaces(), len(g.list), kept/1024)
	if kept > 4<<20 {
		t.Errorf("gazetteer keeps %d bytes, want under 4 MiB", kept)
	}
	runtime.KeepAlive(g)
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := load(b)
	forms := []string{"Russia", "Islamic State of Iraq and Syria", "Describing", "ERDOGAN", "Vladimir Putin"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Lookup(forms[i%len(forms)])
	}
}
