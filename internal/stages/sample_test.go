package stages

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// sharedSample is the real wire payload of the workspace; users' clones do
// not have it and the test skips there.
const sharedSample = "../../../shared/samples/wire-article.txt"

// TestSharedWireSample runs every stage, dedup included, over the real wire
// article and checks what a wire desk needs from it. The payload carries
// no date, so the raw message's stream time (the day after Putin's visit)
// anchors the relative dates.
func TestSharedWireSample(t *testing.T) {
	payload, err := os.ReadFile(sharedSample)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present (only in the development workspace)", sharedSample)
	}
	if err != nil {
		t.Fatal(err)
	}
	published := time.Date(2015, 11, 24, 9, 30, 0, 0, time.UTC)
	doc := &extract.Document{Raw: extract.Raw{Payload: payload, Subject: "articles.raw.wire", Source: "wire",
		MsgID: "wire:putin-tehran", Stream: "ARTICLES_RAW", Sequence: 1, Delivered: 1, Published: published, Received: published}}
	doc.Event.Source = "wire"
	run(t, buildAll(t), doc)
	ev := &doc.Event

	t.Run("headline and standfirst", func(t *testing.T) {
		if want := "Kremlin hails Iran, Russia ‘unity’ on Syria after Putin’s visit to Tehran"; ev.Headline != want {
			t.Errorf("headline %q, want %q", ev.Headline, want)
		}
		if !strings.HasPrefix(ev.Standfirst, "Moscow and Tehran have been the key backers of Syrian President Bashar Assad") {
			t.Errorf("standfirst %q", ev.Standfirst)
		}
	})
	t.Run("related stories", func(t *testing.T) {
		if len(ev.Related) != 12 {
			t.Fatalf("%d related stories, want 12", len(ev.Related))
		}
		sections := map[string]int{}
		for _, r := range ev.Related {
			sections[r.Section]++
			if strings.HasSuffix(r.Teaser, r.Section) || strings.HasSuffix(r.Teaser, "-") {
				t.Errorf("teaser keeps its section or dash: %q", r.Teaser)
			}
		}
		for s := range sections {
			if s != "Middle East" && s != "World News" && s != "Variety" {
				t.Errorf("unexpected section %q", s)
			}
		}
		if len(sections) != 3 {
			t.Errorf("sections %v, want Middle East, World News and Variety", sections)
		}
		var obama bool
		for _, r := range ev.Related {
			for _, e := range r.Entities {
				obama = obama || e.Name == "Barack Obama" && e.Type == event.EntityPerson
			}
		}
		if !obama {
			t.Error("Barack Obama not among the related stories' people")
		}
	})
	t.Run("language", func(t *testing.T) {
		if ev.Language == nil || ev.Language.Code != "en" {
			t.Errorf("language %+v, want en", ev.Language)
		}
	})
	t.Run("entities", func(t *testing.T) {
		// find returns the entity of type typ named name, or with a
		// mention reading name.
		find := func(typ, name string) *event.Entity {
			for i, e := range ev.Entities {
				if e.Type != typ {
					continue
				}
				if e.Name == name || slices.ContainsFunc(e.Mentions, func(m event.Mention) bool { return m.Text == name }) {
					return &ev.Entities[i]
				}
			}
			return nil
		}
		for _, p := range []string{"Vladimir Putin", "Ali Khamenei", "Bashar Assad", "Qassem Soleimani", "Mehdi Sanaei"} {
			if find(event.EntityPerson, p) == nil {
				t.Errorf("person %s missing", p)
			}
		}
		for place, iso := range map[string]string{"Syria": "SY", "Iran": "IR", "Russia": "RU", "Tehran": "IR", "Moscow": "RU"} {
			e := find(event.EntityLocation, place)
			switch {
			case e == nil:
				t.Errorf("place %s missing", place)
			case e.CountryCode != iso:
				t.Errorf("place %s has country code %q, want %s", place, e.CountryCode, iso)
			case e.Lat == nil || e.Lon == nil:
				t.Errorf("place %s has no coordinates", place)
			}
		}
		for _, o := range []string{"Kremlin", "ISIS", "Hezbollah", "Quds Force", "NATO", "State Department", "Tasnim"} {
			if find(event.EntityOrganization, o) == nil && !slices.ContainsFunc(ev.Entities, func(e event.Entity) bool {
				return e.Type == event.EntityOrganization && strings.Contains(e.Name, o)
			}) {
				t.Errorf("organization %s missing", o)
			}
		}
	})
	t.Run("quote of the ambassador", func(t *testing.T) {
		if !slices.ContainsFunc(ev.Quotes, func(q event.Quote) bool {
			return q.Speaker == "Mehdi Sanaei" && strings.Contains(q.Text, "procedure of delivery of S-300")
		}) {
			t.Errorf("no S-300 quote attributed to Mehdi Sanaei in %+v", ev.Quotes)
		}
	})
	t.Run("dates", func(t *testing.T) {
		want := map[string]string{"Sept. 30": "2015-09-30", "Nov. 9": "2015-11-09", "Monday": "2015-11-23", "Jan. 1": "2016-01-01"}
		for _, d := range ev.Dates {
			if v, ok := want[d.Text]; ok {
				if d.Value != v {
					t.Errorf("%q resolved to %s, want %s", d.Text, d.Value, v)
				}
				delete(want, d.Text)
			}
		}
		if len(want) > 0 {
			t.Errorf("dates not found: %v", want)
		}
	})
	t.Run("numbers", func(t *testing.T) {
		if !slices.ContainsFunc(ev.Numbers, func(n event.Quantity) bool {
			return n.Text == "250,000" && n.Value == 250000 && n.Context == "killed"
		}) {
			t.Errorf("250,000 not linked to killed: %+v", ev.Numbers)
		}
		if slices.ContainsFunc(ev.Numbers, func(n event.Quantity) bool { return n.Value == 300 }) {
			t.Error("S-300 read as the number 300")
		}
	})
	t.Run("every stage ran", func(t *testing.T) {
		if ev.Fingerprint == nil || ev.Fingerprint.StoryID == "" || ev.Summary == nil || ev.Tone == nil || ev.Topic == nil || len(ev.Keywords) == 0 || len(ev.Sentences) == 0 {
			t.Errorf("missing stage output: fingerprint %v summary %v tone %v topic %v keywords %d sentences %d",
				ev.Fingerprint, ev.Summary, ev.Tone, ev.Topic, len(ev.Keywords), len(ev.Sentences))
		}
		if len(ev.Warnings) > 0 {
			t.Errorf("warnings: %+v", ev.Warnings)
		}
	})
}
