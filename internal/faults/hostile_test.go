package faults

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/samplegen"
)

// maxPayload is the worker's --max-payload in the hostile-input test: the
// default, 1 MiB. The server allows 8 MB, so that payloads over it reach
// the worker.
const maxPayload = 1 << 20

// hostileRSSBound is the peak RSS the worker must stay under while it
// chews through the corpus: the memory limit of the worker's pod in
// deploy/k8s/base/deployment.yaml, where it runs with GOMEMLIMIT=690MiB as
// here. Without GOMEMLIMIT the peak is higher (measured 424 MiB for one
// round of the corpus, 768 MiB for three): a 1 MiB article costs about
// 190 MiB at its peak, in the entities stage.
const hostileRSSBound = 768 * mib

// outcomeEnriched is a case's expected outcome when it is not dead-lettered.
const outcomeEnriched = "enriched"

type hostileCase struct {
	name string
	// file is under testdata/hostile; else gen makes the payload.
	file string
	gen  func() []byte
	// want is "enriched" or the dead-letter reason; stage the
	// Wirestream-Error-Stage of the dead letter.
	want, stage string
}

// hostileCorpus is the input corpus: small files are committed under
// testdata/hostile, big ones are made here, deterministically.
func hostileCorpus() []hostileCase {
	return []hostileCase{
		{name: "empty", file: "empty.txt", want: "empty", stage: "decode"},
		{name: "one-byte", file: "one-byte.txt", want: outcomeEnriched},
		{name: "invalid-utf8", file: "invalid-utf8.txt", want: "invalid_utf8", stage: "decode"},
		{name: "utf16-bom", file: "utf16-bom.txt", want: "unsupported", stage: "decode"},
		{name: "nul-bytes", file: "nul-bytes.txt", want: "malformed", stage: "decode"},
		{name: "only-headline", file: "only-headline.txt", want: outcomeEnriched},
		{name: "only-dash", file: "only-dash.txt", want: "no_content", stage: "decode"},
		{name: "size-exactly-limit", gen: func() []byte { return wireArticle(maxPayload) }, want: outcomeEnriched},
		{name: "size-limit-plus-one", gen: func() []byte { return wireArticle(maxPayload + 1) }, want: "too_large", stage: "admit"},
		{name: "binary-noise", gen: binaryNoise, want: "invalid_utf8", stage: "decode"},
		{name: "binary-noise-valid-utf8", gen: controlNoise, want: "malformed", stage: "decode"},
		{name: "deeply-nested-json", gen: deepJSON, want: "malformed", stage: "decode"},
		{name: "json-huge-string", gen: jsonHugeString, want: outcomeEnriched},
		{name: "json-huge-number", gen: jsonHugeNumber, want: outcomeEnriched},
		{name: "html-100k-nested-tags", gen: deepHTML, want: "malformed", stage: "decode"},
		{name: "million-char-line", gen: millionCharLine, want: outcomeEnriched},
		{name: "quote-runs", gen: func() []byte { return runs(`"`, "\u201c", "\u201d", "'", "\u00ab") }, want: outcomeEnriched},
		{name: "bracket-runs", gen: func() []byte { return runs("(", ")", "[", "]", "{", "<") }, want: outcomeEnriched},
		{name: "related-10k", gen: related10k, want: outcomeEnriched},
	}
}

func (c hostileCase) payload(t *testing.T) []byte {
	t.Helper()
	if c.file == "" {
		return c.gen()
	}
	b, err := os.ReadFile(filepath.Join("testdata", "hostile", c.file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wireArticle is a wire-text article of exactly n bytes.
func wireArticle(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Talks resume in Brussels as ministers weigh new trade rules\n")
	b.WriteString("European ministers met on Monday to discuss the rules.\n")
	sentences := []string{
		"The minister said on Monday that talks in Brussels would resume next week.",
		"Officials from France and Germany declined to comment on the figures.",
		"Shares in Siemens rose 3 percent after the announcement, traders said.",
		"\"We are not there yet,\" said Ursula von der Leyen, according to Reuters.",
	}
	for i := 0; b.Len() < n; i++ {
		b.WriteString(sentences[i%len(sentences)])
		if i%6 == 5 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	out := b.Bytes()[:n]
	out[n-1] = '\n'
	return out
}

// binaryNoise is 256 KiB of random bytes (not valid UTF-8).
func binaryNoise() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 256<<10)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// controlNoise is 256 KiB of random ASCII with many control characters
// but no NUL: valid UTF-8 that is not text.
func controlNoise() []byte {
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, 256<<10)
	for i := range b {
		b[i] = byte(1 + r.IntN(127))
	}
	return b
}

// deepJSON nests 100,000 objects inside a JSON envelope.
func deepJSON() []byte {
	const depth = 100_000
	return []byte(`{"headline":"Deep","body":` + strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth) + "}")
}

// jsonHugeString is an envelope whose body is one 900 KB string full of
// escapes.
func jsonHugeString() []byte {
	body := strings.Repeat(`Ministers met in Brussels \"again\" caf\u00e9 \\ tab\there. `, 900_000/60)
	return []byte(`{"id":"huge-string","headline":"Ministers meet again","body":"` + body + `"}`)
}

// jsonHugeNumber is an envelope with a 500,000-digit number and a huge
// exponent in fields the decoder does not read, and one as the id.
func jsonHugeNumber() []byte {
	digits := strings.Repeat("9", 500_000)
	return []byte(`{"headline":"Ministers meet","body":"Talks resumed on Monday in Brussels.","count":` + digits +
		`,"ratio":1e999999999,"tiny":-1e-999999999,"nested":[` + digits + `]}`)
}

// deepHTML is a page with 100,000 nested div tags.
func deepHTML() []byte {
	return []byte("<html><head><title>Deep</title></head><body>" + strings.Repeat("<div>", 100_000) + "Ministers meet." +
		strings.Repeat("</div>", 1000) + "</body></html>")
}

// millionCharLine is a headline and a body of one line of a million
// characters without a space.
func millionCharLine() []byte {
	var b strings.Builder
	b.WriteString("Ministers meet in Brussels\n")
	for b.Len() < 1_000_000+27 {
		b.WriteString("Brussels,minister;talks.trade-")
	}
	return []byte(b.String()[:1_000_000+27] + "\n")
}

// runs is an article whose body is long runs of the given marks, 20,000
// of each, in lines of 2,000, with a few words between.
func runs(marks ...string) []byte {
	var b strings.Builder
	b.WriteString("Ministers meet in Brussels\nTalks resumed on Monday.\n")
	for _, m := range marks {
		for range 10 {
			b.WriteString("The minister said " + strings.Repeat(m, 2000) + " on Monday.\n")
		}
	}
	b.WriteString(strings.Repeat(strings.Join(marks, ""), 20_000) + "\n")
	return []byte(b.String())
}

// related10k is a wire article followed by 10,000 related stories.
func related10k() []byte {
	var b strings.Builder
	b.WriteString("Ministers meet in Brussels\nTalks resumed on Monday.\nThe minister said talks would go on.\n-\n")
	for i := range 10_000 {
		fmt.Fprintf(&b, "Related story number %d about Paris\nA teaser for story %d from Berlin World -\n", i, i)
	}
	return []byte(b.String())
}

// TestHostileInputCorpus publishes every hostile payload of the corpus,
// each between good generated articles, to a worker subprocess. Every
// payload must be enriched or dead-lettered with its specific reason, every
// good article enriched, and the worker's peak RSS stay under
// hostileRSSBound.
func TestHostileInputCorpus(t *testing.T) {
	skipShort(t)
	srv := startServer(t)
	js := client(t, srv.url)
	// The item timeout is raised from 10 s so that the outcomes do not
	// depend on the machine's speed: related-10k spends about 4 s in the
	// entities stage on a busy two-core machine.
	w := startWorkerEnv(t, "worker", srv.url, []string{"GOMEMLIMIT=690MiB"},
		"--max-payload", fmt.Sprint(maxPayload), "--item-timeout", "60s")
	ctx := context.Background()

	gen := samplegen.New(7, samplegen.WithTargetSize(1000))
	good := 0
	publishGood := func(k int) {
		for range k {
			a := gen.Next()
			msg := &nats.Msg{Subject: "articles.raw.good", Data: a.Payload, Header: nats.Header{}}
			msg.Header.Set("Content-Type", a.Format.ContentType())
			if _, err := js.PublishMsg(ctx, msg, jetstream.WithMsgID("good:"+a.ID)); err != nil {
				t.Fatalf("publish good article: %v", err)
			}
			good++
		}
	}
	corpus := hostileCorpus()
	rounds := size(1, 3)
	start := time.Now()
	for round := range rounds {
		for _, c := range corpus {
			publishGood(5)
			msg := &nats.Msg{Subject: "articles.raw.hostile", Data: c.payload(t), Header: nats.Header{}}
			msg.Header.Set("Faults-Case", c.name)
			if _, err := js.PublishMsg(ctx, msg, jetstream.WithMsgID(fmt.Sprintf("hostile:%d:%s", round, c.name))); err != nil {
				t.Fatalf("publish %s: %v", c.name, err)
			}
		}
	}
	publishGood(5)
	want := good + rounds*len(corpus)

	waitSettled(t, js, 3*time.Minute)
	l := account(t, js)
	f := l.check(t, want)

	outcome := map[string]string{} // raw Nats-Msg-Id → "enriched" or reason
	for seq, id := range l.raw {
		if _, ok := l.eventBySeq[seq]; ok {
			outcome[id] = outcomeEnriched
		} else if r, ok := l.dlqBySeq[seq]; ok {
			outcome[id] = r
		}
	}
	stages := dlqStages(t, js)
	for _, c := range corpus {
		t.Run(c.name, func(t *testing.T) {
			for round := range rounds {
				id := fmt.Sprintf("hostile:%d:%s", round, c.name)
				if got := outcome[id]; got != c.want {
					t.Errorf("%s: outcome %q, want %q", id, got, c.want)
				}
				if c.want != outcomeEnriched && stages[id] != c.stage {
					t.Errorf("%s: dead-lettered by stage %q, want %q", id, stages[id], c.stage)
				}
			}
		})
	}
	goodEnriched := 0
	for id, o := range outcome {
		if strings.HasPrefix(id, "good:") && o == outcomeEnriched {
			goodEnriched++
		}
	}
	if goodEnriched != good {
		t.Errorf("%d of %d good articles enriched", goodEnriched, good)
	}
	rss := w.peakRSS(t)
	if rss > hostileRSSBound {
		t.Errorf("worker peak RSS %.0f MiB, over the bound of %.0f MiB", float64(rss)/mib, float64(hostileRSSBound)/mib)
	}
	t.Logf("%d hostile payloads (%d rounds of %d) among %d good articles: %s; dead-letter reasons %v; peak RSS %.0f MiB; %v",
		rounds*len(corpus), rounds, len(corpus), good, f, l.reasons, float64(rss)/mib, time.Since(start).Round(time.Second))
}

// dlqStages maps the raw Nats-Msg-Id of each hostile dead letter (kept as
// its Faults-Case header and round) to its Wirestream-Error-Stage.
func dlqStages(t *testing.T, js jetstream.JetStream) map[string]string {
	t.Helper()
	raw := map[string]string{} // original sequence → raw Nats-Msg-Id
	readStream(t, js, "ARTICLES_RAW", func(m jetstream.Msg) {
		md, _ := m.Metadata()
		raw[fmt.Sprint(md.Sequence.Stream)] = m.Headers().Get("Nats-Msg-Id")
	})
	out := map[string]string{}
	readStream(t, js, "ARTICLES_DLQ", func(m jetstream.Msg) {
		h := m.Headers()
		out[raw[h.Get("Wirestream-Original-Sequence")]] = h.Get("Wirestream-Error-Stage")
	})
	return out
}
