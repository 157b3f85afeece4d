package keywords

import (
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// golden is what a golden file holds: the stage's output on one sample.
type golden struct {
	Section  string          `json:"section,omitempty"`
	Keywords []event.Keyword `json:"keywords"`
	Topic    *event.Topic    `json:"topic"`
	// RulesTopic is what the rule classifier says with the section
	// removed, so that the rules are checked on every sample.
	RulesTopic *event.Topic `json:"rules_topic"`
}

// TestGolden runs decode, entities and this stage on each sample of
// ../../../samples and compares the result with testdata/<name>.golden.json.
// Run go test ./internal/extract/keywords -run TestGolden -update to
// accept a change, and review the diff.
func TestGolden(t *testing.T) {
	x := newExtractor(t)
	for _, path := range extracttest.SampleFiles(t) {
		name := extracttest.SampleName(path)
		t.Run(name, func(t *testing.T) {
			doc := loadDoc(t, path)
			extracttest.Run(t, doc, x)
			checkKeywords(t, doc.Event.Text, doc.Event.Keywords, DefaultMaxKeywords)
			g := golden{Section: doc.Event.Section, Keywords: doc.Event.Keywords, Topic: doc.Event.Topic}
			doc.Event.Section = ""
			g.RulesTopic = x.Topic(doc)
			extracttest.Golden(t, extracttest.GoldenPath(name), g)
		})
	}
}
