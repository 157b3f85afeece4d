package loadbench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteTimeline(t *testing.T) {
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	tests := []struct {
		name    string
		samples []Sample
		want    string
	}{
		{"empty", nil, ""},
		{
			"one second, one slow, one lost",
			[]Sample{{0, ms(10)}, {ms(300), ms(20)}, {ms(600), ms(80)}, {ms(900), 0}},
			"0\t4\t20.0\t80.0\t80.0\t1\t1\n",
		},
		{
			"seconds apart, a quiet second skipped",
			[]Sample{{ms(100), ms(5)}, {ms(1500), ms(60)}, {ms(1600), ms(40)}, {ms(3100), ms(7)}},
			"0\t1\t5.0\t5.0\t5.0\t0\t0\n1\t2\t60.0\t60.0\t60.0\t1\t0\n3\t1\t7.0\t7.0\t7.0\t0\t0\n",
		},
		{
			"a second with nothing seen",
			[]Sample{{0, 0}, {ms(10), 0}},
			"0\t2\t0.0\t0.0\t0.0\t0\t2\n",
		},
	}
	const header = "second\tarticles\tp50_ms\tp99_ms\tmax_ms\tover_50ms\tlost\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Latency{Samples: tt.samples}
			var b strings.Builder
			if err := l.WriteTimeline(&b, 50); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != header+tt.want {
				t.Errorf("timeline:\n%s\nwant:\n%s%s", got, header, tt.want)
			}
		})
	}
}

func TestWriteTimelineFileMakesItsDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not", "yet", "latency-50pct.tsv")
	l := Latency{Samples: []Sample{{0, time.Millisecond}}}
	if err := writeTimeline(path, &l); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(string(b), "0\t1\t1.0\t1.0\t1.0\t0\t0\n") {
		t.Errorf("timeline file = %q, %v", b, err)
	}
}
