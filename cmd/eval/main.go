// Command eval scores the entities stage on CoNLL-2003 data: it rebuilds
// each document's text, runs the stage (entities.New with the chosen
// tagger) on it exactly as the worker would, maps the entity mentions the
// stage outputs back to typed spans and scores them against the gold
// entities by exact span and type, per type and micro-averaged over
// PER/LOC/ORG and over all four types. It also scores the tagger's own
// spans (before the stage links them), and times both on one core.
//
//	go run ./cmd/eval [-json] [-tagger ner|rule|combined] [-model FILE] [-repeat N] FILE...
//
// FILE is a .conll (four-column IOB) or .jsonl corpus file. With -json the
// last line of the output is one JSON object:
//
//	{"micro":{"p":..,"r":..,"f1":..},"micro_with_misc":{...},
//	 "types":{"PER":{...},"LOC":{...},"ORG":{...},"MISC":{...}},
//	 "tokens_per_second":..}
//
// where the scores are the stage's and tokens_per_second is the stage's
// throughput on one core (GOMAXPROCS=1, one goroutine, wall time of
// entities.Extract only, the best of -repeat passes).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/gazetteer"
	"github.com/wirestream/wirestream/internal/ner"
	"github.com/wirestream/wirestream/internal/ner/conll"
)

// config is the command line.
type config struct {
	JSON   bool
	Tagger string
	Model  string
	Repeat int
	Files  []string
}

// Validate checks the flags.
func (c *config) Validate() error {
	switch c.Tagger {
	case "ner", "rule", "combined":
	default:
		return fmt.Errorf("-tagger %q: want ner, rule or combined", c.Tagger)
	}
	if c.Repeat < 1 {
		return fmt.Errorf("-repeat %d: want at least 1", c.Repeat)
	}
	if len(c.Files) == 0 {
		return errors.New("no corpus files given")
	}
	return nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
}

func parse(args []string) (config, error) {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	var c config
	fs.BoolVar(&c.JSON, "json", false, "end the output with one JSON line of the stage's scores and speed")
	fs.StringVar(&c.Tagger, "tagger", "ner", "tagger: ner (the statistical model), rule, or combined (ner first, rules fill gaps)")
	fs.StringVar(&c.Model, "model", "", "model file (default: the embedded model)")
	fs.IntVar(&c.Repeat, "repeat", 3, "timing passes; the fastest counts")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.Files = fs.Args()
	return c, c.Validate()
}

// result is the JSON line.
type result struct {
	Micro           conll.PRF  `json:"micro"`
	MicroWithMisc   conll.PRF  `json:"micro_with_misc"`
	Types           typeScores `json:"types"`
	TokensPerSecond float64    `json:"tokens_per_second"`
}

// typeScores are the per-type scores, in the corpus's order.
type typeScores struct {
	PER  conll.PRF `json:"PER"`
	LOC  conll.PRF `json:"LOC"`
	ORG  conll.PRF `json:"ORG"`
	MISC conll.PRF `json:"MISC"`
}

func run(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := parse(args)
	if err != nil {
		return err
	}
	// One core: the figures are per core, and the collector must not
	// borrow the other one.
	runtime.GOMAXPROCS(1)

	var docs []conll.Document
	tokens, nbytes := 0, 0
	for _, f := range cfg.Files {
		d, err := conll.ReadFile(f)
		if err != nil {
			return err
		}
		docs = append(docs, d...)
	}
	for _, d := range docs {
		tokens += len(d.Tokens)
		nbytes += len(d.Text)
	}

	g, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	tagger, heap, modelInfo, err := buildTagger(cfg, g)
	if err != nil {
		return err
	}
	stage, err := entities.New(g, entities.WithTagger(tagger))
	if err != nil {
		return fmt.Errorf("build stage: %w", err)
	}

	// Scores: the stage's mentions, and the tagger's own spans.
	var stageSc, tagSc conll.Scorer
	var pred []conll.Entity
	var spans []entities.Span
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		pred = mentionsOf(pred[:0], stage.Extract(d.Text, nil))
		stageSc.Add(d.Entities, pred)
		spans = tagger.Tag(d.Text, nil, spans[:0])
		pred = pred[:0]
		for _, s := range spans {
			if t := conllType(s.Type); t != "" {
				pred = append(pred, conll.Entity{Start: s.Start, End: s.End, Type: t})
			}
		}
		tagSc.Add(d.Entities, pred)
	}

	// Speed: the fastest of cfg.Repeat passes, stage and tagger alone.
	stageTime, tagTime := time.Duration(1<<62), time.Duration(1<<62)
	for range cfg.Repeat {
		if err := ctx.Err(); err != nil {
			return err
		}
		runtime.GC()
		var el time.Duration
		for _, d := range docs {
			t0 := time.Now()
			stage.Extract(d.Text, nil)
			el += time.Since(t0)
		}
		stageTime = min(stageTime, el)
		el = 0
		for _, d := range docs {
			t0 := time.Now()
			spans = tagger.Tag(d.Text, nil, spans[:0])
			el += time.Since(t0)
		}
		tagTime = min(tagTime, el)
	}
	stageTPS := float64(tokens) / stageTime.Seconds()
	tagTPS := float64(tokens) / tagTime.Seconds()

	fmt.Fprintf(out, "corpus: %s: %d documents, %d tokens, %d bytes\n", strings.Join(cfg.Files, ", "), len(docs), tokens, nbytes)
	fmt.Fprintf(out, "tagger: %s%s\n", cfg.Tagger, modelInfo)
	if heap > 0 {
		fmt.Fprintf(out, "model heap after load: %.2f MB\n", float64(heap)/(1<<20))
	}
	fmt.Fprintf(out, "\n%-16s %25s   %25s\n", "", "stage mentions", "tagger spans")
	fmt.Fprintf(out, "%-16s %7s %8s %8s   %7s %8s %8s\n", "type", "P", "R", "F1", "P", "R", "F1")
	row := func(name string, a, b conll.Counts) {
		pa, pb := a.PRF(), b.PRF()
		fmt.Fprintf(out, "%-16s %7.4f %8.4f %8.4f   %7.4f %8.4f %8.4f\n", name, pa.P, pa.R, pa.F1, pb.P, pb.R, pb.F1)
	}
	var res result
	for _, t := range conll.Types() {
		row(t, stageSc.Type(t), tagSc.Type(t))
	}
	res.Types = typeScores{
		PER:  stageSc.Type(conll.PER).PRF(),
		LOC:  stageSc.Type(conll.LOC).PRF(),
		ORG:  stageSc.Type(conll.ORG).PRF(),
		MISC: stageSc.Type(conll.MISC).PRF(),
	}
	row("micro PER/LOC/ORG", stageSc.Micro(conll.PER, conll.LOC, conll.ORG), tagSc.Micro(conll.PER, conll.LOC, conll.ORG))
	row("micro all four", stageSc.Micro(conll.Types()...), tagSc.Micro(conll.Types()...))
	fmt.Fprintf(out, "\nspeed, one core (GOMAXPROCS=1), best of %d:\n", cfg.Repeat)
	fmt.Fprintf(out, "  stage (tagging, linking, aggregation): %9.0f tokens/s  %6.2f MB/s  %v\n",
		stageTPS, float64(nbytes)/stageTime.Seconds()/1e6, stageTime.Round(time.Millisecond))
	fmt.Fprintf(out, "  tagger alone:                          %9.0f tokens/s  %6.2f MB/s  %v\n",
		tagTPS, float64(nbytes)/tagTime.Seconds()/1e6, tagTime.Round(time.Millisecond))

	if cfg.JSON {
		res.Micro = stageSc.Micro(conll.PER, conll.LOC, conll.ORG).PRF()
		res.MicroWithMisc = stageSc.Micro(conll.Types()...).PRF()
		res.TokensPerSecond = stageTPS
		b, err := json.Marshal(res)
		if err != nil {
			return fmt.Errorf("encode result: %w", err)
		}
		fmt.Fprintf(out, "%s\n", b)
	}
	return nil
}

// buildTagger makes the tagger cfg asks for and measures the heap the
// model takes.
func buildTagger(cfg config, g *gazetteer.Gazetteer) (entities.Tagger, uint64, string, error) {
	var nt *ner.Tagger
	var heap uint64
	info := ""
	if cfg.Tagger != "rule" {
		var ms0, ms1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		var err error
		if cfg.Model != "" {
			nt, err = loadFile(cfg.Model, g)
		} else {
			nt, err = ner.Load(ner.WithGazetteer(g))
		}
		if err != nil {
			return nil, 0, "", err
		}
		runtime.GC()
		runtime.ReadMemStats(&ms1)
		if ms1.HeapAlloc > ms0.HeapAlloc {
			heap = ms1.HeapAlloc - ms0.HeapAlloc
		}
		m := nt.Model()
		info = fmt.Sprintf(" (model: %d features, %.2f MB of tables; trained %s, dev F1 %.4f)",
			m.Features(), float64(m.MemoryBytes())/(1<<20), m.Meta.Created, m.Meta.DevF1)
		runtime.KeepAlive(nt)
	}
	switch cfg.Tagger {
	case "ner":
		return nt, heap, info, nil
	case "rule":
		rt, err := entities.NewRuleTagger(g)
		return rt, 0, "", err
	}
	rt, err := entities.NewRuleTagger(g)
	if err != nil {
		return nil, 0, "", err
	}
	return entities.Combine(nt, rt), heap, info, nil
}

func loadFile(path string, g *gazetteer.Gazetteer) (*ner.Tagger, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	defer f.Close()
	m, err := ner.ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("read model %s: %w", path, err)
	}
	return ner.NewTagger(m, ner.WithGazetteer(g))
}

// conllType maps an event entity type to the corpus's: nationalities and
// groups are MISC there.
func conllType(t string) string {
	switch t {
	case event.EntityPerson:
		return conll.PER
	case event.EntityLocation:
		return conll.LOC
	case event.EntityOrganization:
		return conll.ORG
	case event.EntityGroup, event.EntityMisc:
		return conll.MISC
	}
	return ""
}

// mentionsOf appends every mention of the stage's entities as a span
// with its entity's type.
func mentionsOf(dst []conll.Entity, ents []event.Entity) []conll.Entity {
	for _, e := range ents {
		t := conllType(e.Type)
		if t == "" {
			continue
		}
		for _, m := range e.Mentions {
			dst = append(dst, conll.Entity{Start: m.Start, End: m.End, Type: t})
		}
	}
	return dst
}
