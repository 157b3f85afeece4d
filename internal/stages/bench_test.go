package stages

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// benchArticles are generated wire articles of about 5 KB (sizes spread
// around that, text, JSON and HTML mixed) as the publisher sends them.
func benchArticles(n int) []samplegen.Article {
	g := samplegen.New(7)
	out := make([]samplegen.Article, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

// BenchmarkChain runs every CPU stage (all but dedup, whose cost is log
// round trips and is measured end to end by cmd/loadbench) over generated
// articles, one article per op. Besides ns/op and MB/s of raw payload it
// reports each stage's share as <stage>-µs/op, which is what
// docs/BENCHMARKS.md tabulates. Run with:
//
//	go test ./internal/stages -run '^$' -bench Chain -benchmem
func BenchmarkChain(b *testing.B) {
	list, err := Build(context.Background(), CPUNames(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(256)
	var total int64
	for _, a := range arts {
		total += int64(len(a.Payload))
	}
	b.SetBytes(total / int64(len(arts)))
	b.ReportAllocs()
	spent := make([]time.Duration, len(list))
	published := time.Date(2026, 3, 19, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		a := arts[i%len(arts)]
		i++
		doc := &extract.Document{Raw: extract.Raw{Payload: a.Payload, Subject: "articles.raw." + a.Source, Source: a.Source,
			MsgID: a.ID, ContentType: a.Format.ContentType(), Published: published, Received: published}}
		doc.Event.Source = a.Source
		for j, s := range list {
			t0 := time.Now()
			if err := s.Process(ctx, doc); err != nil {
				b.Fatalf("%s on %s: %v", s.Name(), a.ID, err)
			}
			spent[j] += time.Since(t0)
			doc.TakeSkipped()
		}
	}
	for j, s := range list {
		b.ReportMetric(float64(spent[j].Microseconds())/float64(b.N), fmt.Sprintf("%s-µs/op", s.Name()))
	}
}

// BenchmarkStage measures each CPU stage alone, one article per op, on
// the articles of [BenchmarkChain] as the stages before it left them
// (run once, outside the timer): what the chain's <stage>-µs/op
// measures, without the other stages' noise, for before/after
// comparisons of one stage. Each op gives the stage a shallow copy of
// the prepared document. Run with:
//
//	go test ./internal/stages -run '^$' -bench 'Stage/keywords' -benchmem
func BenchmarkStage(b *testing.B) {
	list, err := Build(context.Background(), CPUNames(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(256)
	published := time.Date(2026, 3, 19, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	docs := make([]*extract.Document, len(arts))
	for i, a := range arts {
		docs[i] = &extract.Document{Raw: extract.Raw{Payload: a.Payload, Subject: "articles.raw." + a.Source, Source: a.Source,
			MsgID: a.ID, ContentType: a.Format.ContentType(), Published: published, Received: published}}
		docs[i].Event.Source = a.Source
	}
	for _, s := range list {
		b.Run(s.Name(), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				doc := *docs[i%len(docs)]
				i++
				if err := s.Process(ctx, &doc); err != nil {
					b.Fatalf("%s on %s: %v", s.Name(), doc.Raw.MsgID, err)
				}
				doc.TakeSkipped()
			}
		})
		// Advance every document past s for the next stage.
		for _, doc := range docs {
			if err := s.Process(ctx, doc); err != nil {
				b.Fatalf("%s on %s: %v", s.Name(), doc.Raw.MsgID, err)
			}
			doc.TakeSkipped()
		}
	}
}
