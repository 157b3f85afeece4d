// Package stages knows every extraction stage by name and builds the
// ordered stage list the worker runs (--stages). It is the only package
// that imports all stage implementations.
package stages

import (
	"fmt"
	"strings"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/decode"
	"github.com/wirestream/wirestream/internal/extract/entities"
	"github.com/wirestream/wirestream/internal/gazetteer"
)

// builder makes one stage; shared resources are built once per Build.
type builder func(r *resources) (extract.Stage, error)

// resources holds what several stages share, loaded lazily so a pipeline
// without the stages that need them does not pay for them.
type resources struct {
	gaz *gazetteer.Gazetteer
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

// catalog lists the stages in their canonical order.
func catalog() []struct {
	name  string
	build builder
} {
	return []struct {
		name  string
		build builder
	}{
		{"decode", func(*resources) (extract.Stage, error) { return decode.New() }},
		{"entities", func(r *resources) (extract.Stage, error) {
			g, err := r.gazetteer()
			if err != nil {
				return nil, err
			}
			return entities.New(g)
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

// Build returns the stages named, in the order given; nil means all, an
// empty slice none. Stages that read the article's text need decode before
// them, and Build says so rather than running a pipeline that can only
// fail.
func Build(names []string) ([]extract.Stage, error) {
	if names == nil {
		names = Names()
	}
	byName := map[string]builder{}
	for _, c := range catalog() {
		byName[c.name] = c.build
	}
	var (
		r    resources
		out  []extract.Stage
		seen = map[string]bool{}
	)
	for i, n := range names {
		b, ok := byName[n]
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
		s, err := b(&r)
		if err != nil {
			return nil, fmt.Errorf("stage %s: %w", n, err)
		}
		out = append(out, s)
	}
	return out, nil
}
