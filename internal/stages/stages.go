// Package stages knows every extraction stage by name and builds the
// ordered stage list the worker runs (--stages). It is the only package
// that imports all stage implementations.
package stages

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"

	"github.com/wirestream/wirestream/internal/dedup"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/dates"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
	"github.com/wirestream/wirestream/internal/extract/keywords"
	"github.com/wirestream/wirestream/internal/extract/language"
	"github.com/wirestream/wirestream/internal/extract/normalize"
	"github.com/wirestream/wirestream/internal/extract/numbers"
	"github.com/wirestream/wirestream/internal/extract/quotes"
	"github.com/wirestream/wirestream/internal/extract/segment"
	"github.com/wirestream/wirestream/internal/extract/summary"
	"github.com/wirestream/wirestream/internal/extract/tone"
	"github.com/wirestream/wirestream/internal/gazetteer"
	"github.com/wirestream/wirestream/internal/ner"
)

// Entity taggers [Options.Tagger] accepts.
const (
	// TaggerNER is the statistical tagger of internal/ner (the default).
	TaggerNER = "ner"
	// TaggerRule is the rule-based tagger over the gazetteers.
	TaggerRule = "rule"
	// TaggerCombined runs the statistical tagger and lets the rules add
	// spans it missed.
	TaggerCombined = "combined"
)

// DefaultTagger is the entity tagger used when Options.Tagger is empty.
// The statistical tagger scores far higher on CoNLL-2003 (docs/design.md,
// "Entity tagger") and is as fast as the rules.
const DefaultTagger = TaggerNER

// Taggers lists the values of Options.Tagger.
func Taggers() []string { return []string{TaggerNER, TaggerRule, TaggerCombined} }

// Options configures the stages that need more than their defaults. The
// zero value is the worker's default configuration, except that the dedup
// stage needs JetStream.
type Options struct {
	// JetStream holds the dedup stage's index (a log stream, created if
	// missing). Build fails when dedup is asked for and JetStream is nil.
	JetStream jetstream.JetStream
	// Logger receives the dedup index's warnings; nil logs nothing.
	Logger *zap.Logger
	// Dedup configures the index; the zero value means
	// dedup.DefaultConfig().
	Dedup dedup.Config
	// Languages are the ISO 639-1 codes the language stage tells apart;
	// nil means language.DefaultLanguages().
	Languages []string
	// Tagger names the entity tagger (see Taggers); "" means DefaultTagger.
	Tagger string
}

// builder makes one stage; shared resources are built once per Build.
type builder func(ctx context.Context, r *resources) (extract.Stage, error)

// resources holds what several stages share, loaded lazily so a pipeline
// without the stages that need them does not pay for them.
type resources struct {
	opts Options
	gaz  *gazetteer.Gazetteer
}

func (r *resources) gazetteer() (*gazetteer.Gazetteer, error) {
	if r.gaz != nil {
		return r.gaz, nil
	}
	g, err := gazetteer.Load()
	if err != nil {
		return nil, err
	}
	r.gaz = g
	return g, nil
}

func (r *resources) tagger(g *gazetteer.Gazetteer) (entities.Tagger, error) {
	name := r.opts.Tagger
	if name == "" {
		name = DefaultTagger
	}
	switch name {
	case TaggerRule:
		return entities.NewRuleTagger(g)
	case TaggerNER, TaggerCombined:
		nt, err := ner.Load(ner.WithGazetteer(g))
		if err != nil {
			return nil, err
		}
		if name == TaggerNER {
			return nt, nil
		}
		rt, err := entities.NewRuleTagger(g)
		if err != nil {
			return nil, err
		}
		return entities.Combine(nt, rt), nil
	}
	return nil, fmt.Errorf("unknown entity tagger %q (known: %s)", name, strings.Join(Taggers(), ", "))
}

// stageDef is one entry of the catalog.
type stageDef struct {
	name  string
	after string // a stage that must run before this one, if any
	build builder
}

// catalog lists the stages in their canonical order: each stage reads
// what the ones before it wrote (docs/design.md, "Stages").
func catalog() []stageDef {
	plain := func(s extract.Stage) builder {
		return func(context.Context, *resources) (extract.Stage, error) { return s, nil }
	}
	return []stageDef{
		{"decode", "", func(context.Context, *resources) (extract.Stage, error) { return decode.New() }},
		{"normalize", "", func(context.Context, *resources) (extract.Stage, error) { return normalize.New() }},
		{"language", "", func(_ context.Context, r *resources) (extract.Stage, error) {
			var opts []language.Option
			if r.opts.Languages != nil {
				opts = append(opts, language.WithLanguages(r.opts.Languages...))
			}
			return language.New(opts...)
		}},
		{"segment", "", func(context.Context, *resources) (extract.Stage, error) { return segment.New() }},
		{"entities", "", func(_ context.Context, r *resources) (extract.Stage, error) {
			g, err := r.gazetteer()
			if err != nil {
				return nil, err
			}
			t, err := r.tagger(g)
			if err != nil {
				return nil, err
			}
			return entities.New(g, entities.WithTagger(t))
		}},
		{"dates", "", func(context.Context, *resources) (extract.Stage, error) { return dates.New() }},
		{"quotes", "", plain(quotes.New())},
		{"numbers", "", plain(numbers.New())},
		{"keywords", "", func(context.Context, *resources) (extract.Stage, error) { return keywords.New() }},
		{"tone", "", func(context.Context, *resources) (extract.Stage, error) { return tone.New() }},
		{"summary", "", func(context.Context, *resources) (extract.Stage, error) { return summary.New() }},
		{"fingerprint", "", func(context.Context, *resources) (extract.Stage, error) { return fingerprint.New() }},
		{"dedup", "fingerprint", func(ctx context.Context, r *resources) (extract.Stage, error) {
			if r.opts.JetStream == nil {
				return nil, errors.New("needs a JetStream connection for its log stream")
			}
			cfg := r.opts.Dedup
			if cfg == (dedup.Config{}) {
				cfg = dedup.DefaultConfig()
			}
			var opts []dedup.Option
			if r.opts.Logger != nil {
				opts = append(opts, dedup.WithLogger(r.opts.Logger))
			}
			return dedup.Open(ctx, r.opts.JetStream, cfg, opts...)
		}},
	}
}

// Names returns every stage name in canonical order (what "all" means).
func Names() []string {
	var out []string
	for _, c := range catalog() {
		out = append(out, c.name)
	}
	return out
}

// CPUNames returns every stage but dedup, the one that needs a JetStream
// server: the pure extraction chain that benchmarks and offline tools run.
func CPUNames() []string {
	var out []string
	for _, n := range Names() {
		if n != "dedup" {
			out = append(out, n)
		}
	}
	return out
}

// Build returns the stages named, in the order given; nil means all, an
// empty slice none. Stages that read the article's text need decode before
// them, dedup needs fingerprint, and Build says so rather than running a
// pipeline that can only fail. ctx bounds the set-up (the dedup index replaying its log); stages that
// hold resources are released by [Close].
func Build(ctx context.Context, names []string, opts Options) ([]extract.Stage, error) {
	if names == nil {
		names = Names()
	}
	byName := map[string]stageDef{}
	for _, c := range catalog() {
		byName[c.name] = c
	}
	var (
		r    = resources{opts: opts}
		out  []extract.Stage
		seen = map[string]bool{}
	)
	for i, n := range names {
		def, ok := byName[n]
		if !ok {
			return nil, fmt.Errorf("unknown stage %q (known: %s)", n, strings.Join(Names(), ", "))
		}
		if seen[n] {
			return nil, fmt.Errorf("stage %q listed twice", n)
		}
		seen[n] = true
		if n != "decode" && (i == 0 || !seen["decode"]) {
			return nil, fmt.Errorf("stage %q needs decode before it", n)
		}
		if def.after != "" && !seen[def.after] {
			return nil, fmt.Errorf("stage %q needs %s before it", n, def.after)
		}
		s, err := def.build(ctx, &r)
		if err != nil {
			_ = Close(out)
			return nil, fmt.Errorf("stage %s: %w", n, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// Close releases what the stages hold (the dedup index's consumer of its
// log): it closes every stage that is an io.Closer, after the pipeline
// has stopped using them, and returns their errors joined.
func Close(list []extract.Stage) error {
	var errs []error
	for _, s := range list {
		if c, ok := s.(io.Closer); ok {
			if err := c.Close(); err != nil {
				errs = append(errs, fmt.Errorf("stage %s: %w", s.Name(), err))
			}
		}
	}
	return errors.Join(errs...)
}
