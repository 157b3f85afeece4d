package dedup

import (
	"strconv"
	"sync/atomic"
	"testing"

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
		cfg.Bucket = bucket
		return newJSIndex(b, js, cfg)
	}
	// doc returns a first delivery of the n-th article: texts repeat after
	// len(c) articles, ids never do.
	doc := func(prefix string, n int) *extract.Document {
		d := &extract.Document{}
		d.Event.ArticleID = prefix + strconv.Itoa(n)
		fp := fps[n%len(fps)]
		d.Event.Fingerprint = &fp
		return d
	}

	b.Run("sequential", func(b *testing.B) {
		x := newBenchIndex(b, "BENCH_SEQ")
		n := 0
		b.ReportAllocs()
		for b.Loop() {
			if err := x.Process(b.Context(), doc("s-", n)); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/article")
	})
	b.Run("parallel", func(b *testing.B) {
		x := newBenchIndex(b, "BENCH_PAR")
		var next atomic.Int64
		b.SetParallelism(8)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := x.Process(b.Context(), doc("p-", int(next.Add(1)))); err != nil {
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

// BenchmarkLinkInMemory measures the stage's own cost (key derivation,
// JSON, decision) without the network, over the in-memory store.
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
