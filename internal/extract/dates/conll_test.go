package dates

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
)

// conllDir holds the CoNLL-2003 English data the team shares (Reuters
// newswire, 1996): real news text, read in place, never copied.
const conllDir = "../../../../shared/data/conll2003"

// conllTexts returns the texts of the CoNLL-2003 development split, or
// skips the test when the data is absent.
func conllTexts(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(conllDir, "dev.jsonl"))
	if err != nil {
		t.Skipf("CoNLL-2003 data not present: %v", err)
	}
	defer func() { _ = f.Close() }()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for sc.Scan() {
		var doc struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, doc.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return texts
}

// TestCoNLL checks the invariants of the result on 216 real news
// documents, and logs how many mentions of each kind they hold.
func TestCoNLL(t *testing.T) {
	texts := conllTexts(t)
	d := newStage(t)
	a := Anchor{Time: time.Date(1996, time.August, 28, 12, 0, 0, 0, time.UTC), Kind: event.AnchorPublished}
	kinds := map[string]int{}
	for _, text := range texts {
		ms := d.Extract(text, a)
		checkMentions(t, text, ms)
		for _, m := range ms {
			kinds[m.Kind]++
		}
	}
	t.Logf("%d documents: mentions by kind %v", len(texts), kinds)
	if kinds[KindDate] == 0 || kinds[KindYear] == 0 {
		t.Errorf("no dates or years found in %d news documents", len(texts))
	}
}

// TestConcurrent runs one stage from several goroutines (run with -race)
// and checks that each gets the serial answer.
func TestConcurrent(t *testing.T) {
	texts := []string{
		"The Kremlin said Monday that on Sept. 30 it launched strikes within 18 months.",
		"Talks run Nov. 9-11, 2015, and resume next week; the 1990s and '90s.",
		"He will fly on Tuesday at 3 p.m. GMT, two years ago, in March 2025.",
	}
	d := newStage(t)
	a := Anchor{Time: sat, Kind: event.AnchorIngested}
	want := make([][]event.DateMention, len(texts))
	for i, text := range texts {
		want[i] = d.Extract(text, a)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				k := (i + g) % len(texts)
				got := d.Extract(texts[k], a)
				if len(got) != len(want[k]) {
					t.Errorf("goroutine %d text %d: %d mentions, serial %d", g, k, len(got), len(want[k]))
					return
				}
				for j := range got {
					if got[j] != want[k][j] {
						t.Errorf("goroutine %d text %d: %+v, serial %+v", g, k, got[j], want[k][j])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
