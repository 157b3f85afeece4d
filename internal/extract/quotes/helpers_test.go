package quotes

import (
	"testing"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// fixture is this package's own 5 KB wire article.
const fixture = "testdata/drought.txt"

// entitiesStage builds the entities stage, whose output this one reads.
func entitiesStage(tb testing.TB) *entities.Entities {
	tb.Helper()
	ent, err := entities.New(extracttest.Gazetteer(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return ent
}

// upstream builds the stages that run before this one in the pipeline
// and that it reads: decode, then entities.
func upstream(tb testing.TB) []extract.Stage {
	tb.Helper()
	return []extract.Stage{extracttest.Must(tb)(decode.New()), entitiesStage(tb)}
}

// decodeFile runs the stages before this one on the payload at path.
func decodeFile(tb testing.TB, path string) *extract.Document {
	tb.Helper()
	return extracttest.Load(tb, path, upstream(tb)...)
}

// article builds Text and Paragraphs from a headline, a standfirst and
// body paragraphs the way decode does, and finds their entities.
func article(tb testing.TB, parts ...string) (string, []event.Paragraph, []event.Entity) {
	tb.Helper()
	ev := extracttest.Doc(parts...).Event
	return ev.Text, ev.Paragraphs, entitiesStage(tb).Extract(ev.Text, ev.Paragraphs)
}

// checkQuotes checks what must hold for any output: quotes inside the
// text, in order, not overlapping, Text equal to the span, speakers
// linked to real entities by their canonical names, speaker spans inside
// the text; on valid UTF-8, spans on rune boundaries.
func checkQuotes(tb testing.TB, text string, ents []event.Entity, qs []event.Quote) {
	tb.Helper()
	valid := utf8.ValidString(text)
	onRune := func(i int) bool { return i == len(text) || utf8.RuneStart(text[i]) }
	prevEnd := 0
	for i, q := range qs {
		if q.Start < prevEnd || q.Start >= q.End || q.End > len(text) {
			tb.Fatalf("quote %d %d..%d after %d in text of %d bytes", i, q.Start, q.End, prevEnd, len(text))
		}
		prevEnd = q.End
		if text[q.Start:q.End] != q.Text {
			tb.Errorf("quote %d: Text %q, span holds %q", i, q.Text, text[q.Start:q.End])
		}
		if valid && (!onRune(q.Start) || !onRune(q.End)) {
			tb.Errorf("quote %d %d..%d not on rune boundaries", i, q.Start, q.End)
		}
		if q.SpeakerEntity < -1 || q.SpeakerEntity >= len(ents) {
			tb.Fatalf("quote %d: SpeakerEntity %d with %d entities", i, q.SpeakerEntity, len(ents))
		}
		if q.SpeakerEntity >= 0 && q.Speaker != ents[q.SpeakerEntity].Name {
			tb.Errorf("quote %d: Speaker %q, entity %d is %q", i, q.Speaker, q.SpeakerEntity, ents[q.SpeakerEntity].Name)
		}
		if (q.Speaker == "") != (q.SpeakerSpan == nil) || (q.Speaker == "") != (q.Cue == "") {
			tb.Errorf("quote %d: Speaker %q, Cue %q and SpeakerSpan %v disagree", i, q.Speaker, q.Cue, q.SpeakerSpan)
		}
		if s := q.SpeakerSpan; s != nil && (s.Start < 0 || s.Start >= s.End || s.End > len(text)) {
			tb.Fatalf("quote %d: speaker span %d..%d in text of %d bytes", i, s.Start, s.End, len(text))
		}
	}
}

// speakerText is what the speaker span of q holds, "" without one.
func speakerText(text string, q event.Quote) string {
	if q.SpeakerSpan == nil {
		return ""
	}
	return text[q.SpeakerSpan.Start:q.SpeakerSpan.End]
}
