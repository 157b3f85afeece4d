package dedup

import (
	"errors"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

// runScenario processes a sequence of articles through x and checks each
// result: new story, exact re-send, lightly edited re-send, unrelated
// article and redeliveries. It is shared by the in-memory and the
// JetStream tests.
func runScenario(t *testing.T, x *Index) {
	t.Helper()
	ts := texts(t, 2)
	orig, other := ts[0], ts[1]
	edited := edit(t, orig, 0)
	edited2 := edit(t, edited, 1)
	steps := []struct {
		name, id, text string
		// wantDupOf is the earlier version's id; wantStoryOf the id of the
		// story's first version.
		wantDupOf, wantStoryOf string
		wantExact              bool
	}{
		{name: "new story", id: "a1", text: orig, wantStoryOf: "a1"},
		{name: "exact re-send", id: "a2", text: orig, wantDupOf: "a1", wantStoryOf: "a1", wantExact: true},
		{name: "lightly edited re-send", id: "a3", text: edited, wantDupOf: "a1", wantStoryOf: "a1"},
		{name: "unrelated article", id: "u1", text: other, wantStoryOf: "u1"},
		{name: "redelivery of the edit", id: "a3", text: edited, wantDupOf: "a1", wantStoryOf: "a1"},
		{name: "redelivery of the original", id: "a1", text: orig, wantStoryOf: "a1"},
		{name: "second edit links to the nearest version", id: "a4", text: edited2, wantDupOf: "a3", wantStoryOf: "a1"},
		{name: "exact copy of the edit", id: "a5", text: edited, wantDupOf: "a3", wantStoryOf: "a1", wantExact: true},
		{name: "redelivery of the unrelated article", id: "u1", text: other, wantStoryOf: "u1"},
	}
	textOf := map[string]string{}
	for _, st := range steps {
		if _, ok := textOf[st.id]; !ok {
			textOf[st.id] = st.text
		}
	}
	for _, st := range steps {
		doc := document(t, st.id, st.text)
		if err := x.Process(t.Context(), doc); err != nil {
			t.Fatalf("%s: Process: %v", st.name, err)
		}
		got := doc.Event.Fingerprint
		wantDistance := 0
		if st.wantDupOf != "" {
			wantDistance = fingerprint.Distance(article(t, st.id, st.text).SimHash, article(t, st.wantDupOf, textOf[st.wantDupOf]).SimHash)
		}
		wantStory := NewStoryID(fingerprint.ContentHash(textOf[st.wantStoryOf]))
		if got.DuplicateOf != st.wantDupOf || got.StoryID != wantStory || got.Exact != st.wantExact || got.Distance != wantDistance {
			t.Errorf("%s (%s): got dup of %q, story %q, exact %v, distance %d; want %q, %q, %v, %d", st.name, st.id,
				got.DuplicateOf, got.StoryID, got.Exact, got.Distance, st.wantDupOf, wantStory, st.wantExact, wantDistance)
		}
	}
}

func TestScenarioInMemory(t *testing.T) {
	x, _ := newMemIndex(t, DefaultConfig())
	runScenario(t, x)
}

func TestProcessNeedsFingerprint(t *testing.T) {
	x, _ := newMemIndex(t, DefaultConfig())
	doc := &extract.Document{}
	doc.Event.ArticleID = "a1"
	doc.Event.Text = "text"
	err := x.Process(t.Context(), doc)
	if !errors.Is(err, ErrNoFingerprint) || errors.Is(err, extract.ErrBadInput) {
		t.Errorf("Process without fingerprint = %v, want ErrNoFingerprint and no bad input", err)
	}
}

func TestProcessRejectsBadArticles(t *testing.T) {
	good := fingerprint.ContentHash("x")
	tests := []struct {
		name, id, contentHash, simHash string
	}{
		{name: "empty id", id: "", contentHash: good, simHash: "0123456789abcdef"},
		{name: "short content hash", id: "a", contentHash: good[:63], simHash: "0123456789abcdef"},
		{name: "content hash not hex", id: "a", contentHash: good[:63] + "g", simHash: "0123456789abcdef"},
		{name: "simhash not hex", id: "a", contentHash: good, simHash: "0123456789abcdeg"},
	}
	x, l := newMemIndex(t, DefaultConfig())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &extract.Document{}
			doc.Event.ArticleID = tt.id
			doc.Event.Fingerprint = &event.Fingerprint{ContentHash: tt.contentHash, SimHash: tt.simHash}
			err := x.Process(t.Context(), doc)
			if !errors.Is(err, ErrBadArticle) || errors.Is(err, extract.ErrBadInput) {
				t.Errorf("Process = %v, want ErrBadArticle and no bad input", err)
			}
			if doc.Event.Fingerprint.StoryID != "" {
				t.Error("StoryID set although Process failed")
			}
		})
	}
	if n := len(l.msgs); n != 0 {
		t.Errorf("%d log messages written for rejected articles", n)
	}
}

func checkOneStory(t *testing.T, r1, r2 Result) {
	t.Helper()
	if r1.StoryID != r2.StoryID || (r1.DuplicateOf == "") == (r2.DuplicateOf == "") {
		t.Errorf("results %+v and %+v: want one story, one of them the duplicate of the other", r1, r2)
	}
}

func TestSameIDWithOtherTextKeepsFirstResult(t *testing.T) {
	ts := texts(t, 2)
	x, _ := newMemIndex(t, DefaultConfig())
	first, err := x.Link(t.Context(), article(t, "a", ts[0]))
	if err != nil {
		t.Fatal(err)
	}
	again, err := x.Link(t.Context(), article(t, "a", ts[1]))
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Errorf("same id, other text = %+v, want the first result %+v", again, first)
	}
}

// TestDefaultsOnGeneratedCorpus guards the measured quality of the
// defaults (see TestTradeoff for the full measurement).
func TestDefaultsOnGeneratedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 1500 generated articles")
	}
	c := corpus(t, 1, 1500, 0.2)
	s := score(t, c, fingerprinted(t, c, fingerprint.DefaultShingleSize), DefaultConfig())
	t.Logf("%d near duplicates: precision %.3f, recall %.3f", s.dups, s.precision(), s.recall())
	if s.precision() < 1 || s.recall() < 0.68 || s.merged > 0 {
		t.Errorf("precision %.3f, recall %.3f, %d merged originals; want 1, at least 0.68 and 0", s.precision(), s.recall(), s.merged)
	}
}
