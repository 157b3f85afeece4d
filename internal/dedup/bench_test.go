package dedup

import (
	"fmt"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// BenchmarkProcess measures the dedup stage against an in-process
// JetStream server, per article:
//
//   - sequential: one article at a time, each a first delivery, 20% of
//     them near duplicates (the latency one stage goroutine sees);
//   - parallel: 8 goroutines per CPU sharing one Index (the throughput of
//     a worker whose dedup stage runs with that concurrency);
//   - redelivery: the same article again (only the reads, then the
//     stored result).
func BenchmarkProcess(b *testing.B) {
	c := corpus(b, 9, 2000, 0.2)
	fps := make([]event.Fingerprint, len(c))
	for i, a := range c {
		fps[i] = *document(b, a.id, a.text).Event.Fingerprint
	}
	srv := startJetStream(b)
	_, js := connect(b, srv)
	newBenchIndex := func(b *testing.B, bucket string) *Index {
		cfg := DefaultConfig()
		cfg.Stream = bucket
		return newJSIndex(b, js, cfg)
	}
	// doc returns a first delivery of the n-th article: texts repeat after
	// len(c) articles, ids never do, not even across -count repetitions,
	// which run the sub-benchmarks again on the same server and stream.
	var runs atomic.Int64
	doc := func(prefix string, n int) *extract.Document {
		d := &extract.Document{}
		d.Event.ArticleID = prefix + strconv.Itoa(n)
		fp := fps[n%len(fps)]
		d.Event.Fingerprint = &fp
		return d
	}

	b.Run("sequential", func(b *testing.B) {
		x := newBenchIndex(b, "BENCH_SEQ")
		prefix := "s" + strconv.FormatInt(runs.Add(1), 10) + "-"
		n := 0
		b.ReportAllocs()
		for b.Loop() {
			if err := x.Process(b.Context(), doc(prefix, n)); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/article")
	})
	b.Run("parallel", func(b *testing.B) {
		x := newBenchIndex(b, "BENCH_PAR")
		prefix := "p" + strconv.FormatInt(runs.Add(1), 10) + "-"
		var next atomic.Int64
		b.SetParallelism(8)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := x.Process(b.Context(), doc(prefix, int(next.Add(1)))); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(next.Load()), "µs/article")
	})
	b.Run("redelivery", func(b *testing.B) {
		x := newBenchIndex(b, "BENCH_REDELIVERY")
		if err := x.Process(b.Context(), doc("r-", 0)); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := x.Process(b.Context(), doc("r-", 0)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLinkInMemory measures the stage's own cost (JSON, lookup,
// decision, applying its two log messages) without the network, over the
// in-memory log.
func BenchmarkLinkInMemory(b *testing.B) {
	c := corpus(b, 9, 2000, 0.2)
	arts := fingerprinted(b, c, 5)
	x, _ := newMemIndex(b, DefaultConfig())
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		a := arts[n%len(arts)]
		a.ID = strconv.Itoa(n)
		if _, err := x.Link(b.Context(), a); err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkIndexMemory runs a replica's index through three default
// windows of log messages (claims and results applied from encoded
// messages, as the consumer does, ids of 36 bytes, a fifth of the articles
// duplicates), so that it forgets as much as it learns, and reports the
// heap it then holds: per article held, and in all.
func BenchmarkIndexMemory(b *testing.B) {
	cfg := DefaultConfig()
	articles := 3 * cfg.Window / 2
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		x, err := newIndex(nil, cfg)
		if err != nil {
			b.Fatal(err)
		}
		at := time.Unix(1_700_000_000, 0)
		seq := uint64(0)
		for i := range articles {
			id := fmt.Sprintf("urn:wire:%08d-0000-4000-8000-0000", i)
			content := fmt.Sprintf("%064x", i)
			claim, _ := encodeClaim(Article{ID: id, ContentHash: content, SimHash: uint64(i) * 0x9e3779b97f4a7c15})
			seq++
			if err := x.apply(seq, at, kindClaim, claim); err != nil {
				b.Fatal(err)
			}
			res := Result{StoryID: NewStoryID(content)}
			if i%5 == 4 {
				res = Result{StoryID: NewStoryID(fmt.Sprintf("%064x", i-1)), DuplicateOf: fmt.Sprintf("urn:wire:%08d-0000-4000-8000-0000", i-1), Distance: 2}
			}
			body, _ := encodeResult(seq, res)
			seq++
			if err := x.apply(seq, at, kindResult, body); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(x.Stats().Held), "articles-held")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(x.Stats().Held), "B/article")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB")
		runtime.KeepAlive(x)
	}
}
