package dates

import (
	"os"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// FuzzDates checks the stage on any text and anchor: no panic, offsets in
// range, in order and on rune boundaries, Text equal to the text they
// span, and values that parse for their kind.
func FuzzDates(f *testing.F) {
	for _, s := range []string{
		"The Kremlin said Monday that on Sept. 30 it launched strikes; Nov. 9-11, 2015.",
		"within 18 months, for three weeks, two years ago, last week, this year, the '90s and 1990s",
		"at 9:42 a.m. on Tuesday, Sept. 30 at 14:00 GMT, 2015-09-30T14:05:00.5+02:00, 1430 GMT on Friday",
		"He may go in May; Theresa May; S-300, 250,000, $2015, 2015-17, 2014/15, 2025-09, mid-1980s",
		"Sept.\n\n30 May\n5 Friday,\nNov. 13 30th of\nSeptember",
		"’20s ‘90s '00s 2015-09-30T 2015-09-30T14:05+02 9999-12-31 0001-01-01 Dec. 31, 9999",
		"A\xffMonday \xe2\x80 Sept.\xc3 30 \u2028 Tuesday\u00a0at 3 p.m.",
		"Friday, Friday, Friday, last last last next next this this",
	} {
		f.Add(s, int64(1444435200), true)
	}
	// A paragraph of the real article; the whole of it would make the
	// fuzzer spend its time minimising 6 KB inputs.
	if raw, err := os.ReadFile(extracttest.SharedSample); err == nil {
		f.Add(string(raw[:min(len(raw), 400)]), int64(1444640400), true)
	}
	d := newStage(f)
	f.Fuzz(func(t *testing.T, text string, unix int64, anchored bool) {
		a := Anchor{Kind: event.AnchorIngested}
		if anchored {
			// Any instant from year 1 to 9999, in a zone of its own.
			sec := unix % (253402300799 + 62135596800)
			if sec < 0 {
				sec = -sec
			}
			a.Time = time.Unix(sec-62135596800, 0).In(time.FixedZone("", int(unix%(14*3600))))
		}
		ms := d.Extract(text, a)
		checkMentions(t, text, ms)
		for _, m := range ms {
			if m.Relative && !anchored {
				t.Fatalf("relative mention %+v without an anchor", m)
			}
		}
	})
}
