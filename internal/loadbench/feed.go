package loadbench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/publish"
	"github.com/wirestream/wirestream/internal/samplegen"
)

// Feed describes the synthetic articles the harness publishes.
type Feed struct {
	Seed int64
	// Size is the mean payload size in bytes (samplegen's target).
	Size int
	// Formats are the relative weights of wire text, JSON and HTML; all
	// zero means wire text only, like `publisher --generate`.
	Formats [3]float64
}

func (f Feed) generator(seed int64) *samplegen.Generator {
	opts := []samplegen.Option{samplegen.WithTargetSize(f.Size)}
	if f.Formats != [3]float64{} {
		opts = append(opts, samplegen.WithFormats(f.Formats[0], f.Formats[1], f.Formats[2]))
	}
	return samplegen.New(seed, opts...)
}

// Generate returns the first n articles of the feed's seed: the same
// sequence `publisher --generate n --seed Seed --generate-size Size` sends.
func (f Feed) Generate(n int) []samplegen.Article {
	g := f.generator(f.Seed)
	out := make([]samplegen.Article, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

// stream generates n articles on workers goroutines, each with its own
// seed derived from f.Seed. The channel is closed after the last article
// or when ctx ends; the goroutines have exited by then.
func (f Feed) stream(ctx context.Context, n, workers int) <-chan samplegen.Article {
	out := make(chan samplegen.Article, 256) // decouples generation from publishing; a bounded look-ahead
	var wg sync.WaitGroup
	for k := range workers {
		cnt := n / workers
		if k < n%workers {
			cnt++
		}
		wg.Go(func() {
			g := f.generator(f.Seed*1000 + int64(k))
			for range cnt {
				select {
				case out <- g.Next():
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// PubResult sums up a publishing run.
type PubResult struct {
	Published int           `json:"published"`
	Failed    int           `json:"failed"`
	Bytes     int64         `json:"bytes"`
	Elapsed   time.Duration `json:"elapsed_ns"`
	LastSeq   uint64        `json:"last_seq,omitempty"`
	// CPU is the publishing process's CPU time over Elapsed, when known.
	CPU time.Duration `json:"cpu_ns,omitempty"`
}

// Rate returns messages and megabytes (10^6 bytes) per second.
func (r PubResult) Rate() (msgs, mb float64) {
	s := r.Elapsed.Seconds()
	if s <= 0 {
		return 0, 0
	}
	return float64(r.Published) / s, float64(r.Bytes) / 1e6 / s
}

// failures counts failed async publishes and keeps the first error.
type failures struct {
	n     atomic.Int64
	first atomic.Value // error
}

func (f *failures) add(err error) {
	f.n.Add(1)
	f.first.CompareAndSwap(nil, fmt.Errorf("first failure: %w", err))
}

func (f *failures) err() error {
	if e, _ := f.first.Load().(error); e != nil {
		return fmt.Errorf("%d publishes failed, %w", f.n.Load(), e)
	}
	return nil
}

// connectJS connects to url and returns a JetStream context whose async
// publishes are bounded by maxPending; failed async publishes are counted
// in failed.
func connectJS(url string, maxPending int, failed *failures) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name("loadbench"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, nil, fmt.Errorf("connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(maxPending),
		jetstream.WithPublishAsyncTimeout(60*time.Second),
		jetstream.WithPublishAsyncErrHandler(func(_ jetstream.JetStream, _ *nats.Msg, err error) { failed.add(err) }))
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}

// Preload creates wirestream's streams if missing and publishes n feed
// articles to articles.raw.<source> with the publisher's ids and headers,
// generating them on two goroutines while publishing. It returns when
// every publish is acknowledged.
func Preload(ctx context.Context, url string, f Feed, n int, progress func(done int)) (PubResult, error) {
	var failed failures
	nc, js, err := connectJS(url, 4096, &failed)
	if err != nil {
		return PubResult{}, err
	}
	defer nc.Close()
	topo := natsx.DefaultTopology()
	if err := natsx.CreateMissingStreams(ctx, js, topo); err != nil {
		return PubResult{}, err
	}
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	src := f.stream(gctx, n, 2)
	var res PubResult
	start := time.Now()
	for a := range src {
		m := rawMsg(topo.RawSubject(a.Source), a.Source, a)
		if _, err := js.PublishMsgAsync(m, stallWait); err != nil {
			failed.add(err)
			continue
		}
		res.Published++
		res.Bytes += int64(len(a.Payload))
		if progress != nil && res.Published%100000 == 0 {
			progress(res.Published)
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := waitComplete(ctx, js); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(start)
	res.Failed = int(failed.n.Load())
	res.Published -= res.Failed
	if err := failed.err(); err != nil {
		return res, fmt.Errorf("preload: %w", err)
	}
	info, err := js.Stream(ctx, topo.RawStream)
	if err != nil {
		return res, err
	}
	res.LastSeq = info.CachedInfo().State.LastSeq
	return res, nil
}

func waitComplete(ctx context.Context, js jetstream.JetStream) error {
	select {
	case <-js.PublishAsyncComplete():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// rawMsg is the message the publisher would send for a: same subject
// layout, Nats-Msg-Id and Content-Type.
func rawMsg(subject, source string, a samplegen.Article) *nats.Msg {
	pa := publish.Article{Name: a.ID, Format: string(a.Format), Payload: a.Payload, ID: a.ID}
	m := nats.NewMsg(subject)
	m.Data = a.Payload
	m.Header.Set(jetstream.MsgIDHeader, publish.MsgID(source, pa))
	m.Header.Set("Content-Type", publish.ContentType(pa.Format))
	return m
}

// RawPublish is the nats-bench-style baseline for the publisher: the
// same payloads, subject and headers as `publisher --generate n --source
// source`, published with PublishMsgAsync and at most maxPending
// unacknowledged. With pregenerate the articles are generated before the
// clock starts (what nats bench does with its fixed payload); without, they
// are generated inline on the publishing goroutine, as the publisher does.
//
// With file set, the payloads are instead the lines of that JSON-lines
// file (see [WriteJSONLines]), read before the clock starts, with the ids
// the publisher takes from each envelope.
func RawPublish(ctx context.Context, url string, f Feed, n int, source string, maxPending int, pregenerate bool, file string) (PubResult, error) {
	var failed failures
	nc, js, err := connectJS(url, maxPending, &failed)
	if err != nil {
		return PubResult{}, err
	}
	defer nc.Close()
	topo := natsx.DefaultTopology()
	if err := natsx.CreateMissingStreams(ctx, js, topo); err != nil {
		return PubResult{}, err
	}
	subject := topo.RawSubject(source)
	var pre []samplegen.Article
	switch {
	case file != "":
		if pre, err = readJSONLines(file); err != nil {
			return PubResult{}, err
		}
		n, pregenerate = len(pre), true
	case pregenerate:
		pre = f.Generate(n)
	}
	g := f.generator(f.Seed)
	var res PubResult
	self, err := ReadProc(os.Getpid())
	if err != nil {
		return res, err
	}
	start := time.Now()
	for i := range n {
		var a samplegen.Article
		if pregenerate {
			a = pre[i]
		} else {
			a = g.Next()
		}
		if _, err := js.PublishMsgAsync(rawMsg(subject, source, a), stallWait); err != nil {
			failed.add(err)
			continue
		}
		res.Published++
		res.Bytes += int64(len(a.Payload))
	}
	if err := waitComplete(ctx, js); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(start)
	if end, err := ReadProc(os.Getpid()); err == nil {
		res.CPU = end.CPU - self.CPU
	}
	res.Failed = int(failed.n.Load())
	res.Published -= res.Failed
	if err := failed.err(); err != nil {
		return res, fmt.Errorf("raw publish: %w", err)
	}
	return res, nil
}

// WriteJSONLines writes the feed's first n articles, generated as JSON
// envelopes and compacted to one line each, to path: input for `publisher
// path.jsonl` and for [RawPublish] with the same payloads.
func WriteJSONLines(path string, f Feed, n int) error {
	f.Formats = [3]float64{0, 1, 0}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	g := f.generator(f.Seed)
	var buf bytes.Buffer
	for range n {
		a := g.Next()
		buf.Reset()
		if err := json.Compact(&buf, a.Payload); err != nil {
			out.Close()
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
		buf.WriteByte('\n')
		if _, err := w.Write(buf.Bytes()); err != nil {
			out.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func readJSONLines(path string) ([]samplegen.Article, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []samplegen.Article
	for line := range bytes.SplitSeq(b, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var env struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(line, &env); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, samplegen.Article{ID: env.ID, Format: samplegen.FormatJSON, Payload: line})
	}
	return out, nil
}

// stallWait lets an async publish wait for room among the pending ones
// for up to a minute instead of the client's default 200 ms, after which
// it fails with ErrTooManyStalledMsgs: on a loaded machine the server
// can fall that far behind, and a baseline must not drop messages.
var stallWait = jetstream.WithStallWait(time.Minute)
