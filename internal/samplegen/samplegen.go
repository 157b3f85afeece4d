// Package samplegen owns the synthetic news articles used by load tests
// and by `publisher --generate N`: deterministic, realistic-looking wire
// stories in the three payload formats the worker decodes (wire text, a
// JSON envelope and an HTML page).
//
// The articles are built from sentence templates written for this package,
// filled with real public figures, places, organizations, dates, quotes,
// figures and designators, so that the extraction stages do real work on
// them. The same seed and options always give the same sequence of
// articles, byte for byte.
package samplegen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// Size bounds, in bytes of payload.
const (
	// DefaultTargetSize is the mean article size when no [WithTargetSize]
	// is given.
	DefaultTargetSize = 5 << 10
	// MinSize is the smallest article the generator makes; it is also the
	// smallest target [WithTargetSize] accepts.
	MinSize = 1 << 10
)

// Format is the payload format of an [Article]. Its values are those of
// the event's format field.
type Format string

// The payload formats.
const (
	FormatText Format = "text" // the line-oriented wire format
	FormatJSON Format = "json" // a JSON envelope
	FormatHTML Format = "html" // a news web page
)

// ContentType returns the Content-Type header value for payloads of f.
func (f Format) ContentType() string {
	switch f {
	case FormatJSON:
		return "application/json"
	case FormatHTML:
		return "text/html; charset=utf-8"
	default:
		return "text/plain; charset=utf-8"
	}
}

// Article is one generated article. The caller owns Payload.
type Article struct {
	// ID is "gen-<seed>-<n>", n counting from 0: stable for a seed and
	// unique within it, so it can serve as a Nats-Msg-Id.
	ID string
	// Source is the feed name, a valid subject token.
	Source  string
	Format  Format
	Payload []byte
	// DuplicateOf is the ID of the earlier article this one is a near
	// duplicate of (see [WithDuplicates]), or "".
	DuplicateOf string
}

// DefaultSources are the feed names articles are spread over when no
// [WithSources] is given.
func DefaultSources() []string {
	return []string{"globalwire", "metrowire", "capitalpress", "harbournews"}
}

// Sections returns the section names the generator uses, for the main
// section of an article and for the sections glued to related-story
// teasers. The caller owns the returned slice.
func Sections() []string {
	names := make([]string, len(sections))
	for i, s := range sections {
		names[i] = s.name
	}
	return names
}

// Option configures a [Generator] in [New]. Options clamp out-of-range
// values rather than fail, as documented on each; the caller's config
// validation is the place to reject them.
type Option func(*config)

type config struct {
	targetSize int
	formatCum  [3]float64 // cumulative weights of text, json, html
	duplicates float64
	sources    []string
}

// WithTargetSize sets the mean payload size in bytes. Sizes spread around
// it roughly log-normally (about 0.45× to 2.1× for 90% of the articles)
// and are clamped to [MinSize, 4×target]. A target below [MinSize] is
// raised to MinSize, where the clamping makes the mean higher than the
// target.
func WithTargetSize(bytes int) Option {
	return func(c *config) { c.targetSize = max(bytes, MinSize) }
}

// WithFormats sets the relative weights of the wire text, JSON and HTML
// formats, for example WithFormats(0.6, 0.3, 0.1). A weight that is not
// a positive finite number counts as zero; if all do, every article is
// wire text, the default.
func WithFormats(text, json, html float64) Option {
	return func(c *config) {
		w := [3]float64{text, json, html}
		for i, x := range w {
			if !(x > 0) || math.IsInf(x, 1) {
				w[i] = 0
			}
		}
		sum := w[0] + w[1] + w[2]
		if sum == 0 {
			c.formatCum = [3]float64{1, 1, 1}
			return
		}
		c.formatCum = [3]float64{w[0] / sum, (w[0] + w[1]) / sum, 1}
	}
}

// WithDuplicates makes fraction of the articles near duplicates of an
// earlier one: the same story re-sent with a corrected word or figure, an
// extra paragraph or both, under a new ID, with [Article.DuplicateOf]
// set. The originals are drawn from the last 32 original articles.
// fraction is clamped to [0, 1]; the default is 0.
func WithDuplicates(fraction float64) Option {
	return func(c *config) {
		if !(fraction > 0) {
			fraction = 0
		}
		c.duplicates = min(fraction, 1)
	}
}

// WithSources sets the feed names articles are spread over, uniformly.
// The names become subject tokens, so they should hold no dots, spaces or
// wildcards. An empty list keeps [DefaultSources].
func WithSources(names ...string) Option {
	return func(c *config) {
		if len(names) > 0 {
			c.sources = append([]string(nil), names...)
		}
	}
}

// dupRing is how many recent originals a near duplicate can copy.
const dupRing = 32

// Generator makes articles. It is not safe for concurrent use: give each
// goroutine its own, with its own seed. It holds no resources; there is
// nothing to close.
type Generator struct {
	cfg  config
	seed int64
	rng  *rand.Rand
	ix   *indexes
	tpl  *templates
	n    uint64 // articles made so far

	published time.Time // publication time of the last article

	// Scratch space reused from article to article.
	st    story
	cast  cast
	out   []byte
	idBuf []byte

	ring     [dupRing]story // recent originals, for near duplicates
	ringLen  int
	ringNext int
}

// New returns a Generator whose articles are a deterministic function of
// seed and opts.
func New(seed int64, opts ...Option) *Generator {
	cfg := config{
		targetSize: DefaultTargetSize,
		formatCum:  [3]float64{1, 1, 1},
		sources:    DefaultSources(),
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := uint64(seed)
	return &Generator{
		cfg:  cfg,
		seed: seed,
		// The second PCG word only needs to differ from the first; the
		// constant is the 64-bit golden ratio.
		rng:       rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)),
		ix:        buildIndexes(),
		tpl:       compileTemplates(),
		published: time.Date(2025, time.January, 6, 5, 30, 0, 0, time.UTC),
	}
}

// Next returns the next article of the sequence.
func (g *Generator) Next() Article {
	n := g.n
	g.n++
	g.idBuf = append(g.idBuf[:0], "gen-"...)
	g.idBuf = strconv.AppendInt(g.idBuf, g.seed, 10)
	g.idBuf = append(g.idBuf, '-')
	g.idBuf = strconv.AppendUint(g.idBuf, n, 10)
	id := string(g.idBuf)

	g.published = g.published.Add(time.Duration(1+g.rng.IntN(20))*time.Minute + time.Duration(g.rng.IntN(60))*time.Second)

	var dupOf string
	if g.ringLen > 0 && g.cfg.duplicates > 0 && g.rng.Float64() < g.cfg.duplicates {
		orig := &g.ring[g.rng.IntN(g.ringLen)]
		dupOf = orig.id
		g.nearDuplicate(orig, id)
	} else {
		g.compose(id)
		if g.cfg.duplicates > 0 {
			g.ring[g.ringNext].copyFrom(&g.st)
			g.ringNext = (g.ringNext + 1) % dupRing
			g.ringLen = min(g.ringLen+1, dupRing)
		}
	}
	g.out = g.render(g.out[:0], &g.st)
	g.out = g.fitBounds(g.out)

	payload := make([]byte, len(g.out))
	copy(payload, g.out)
	return Article{ID: id, Source: g.st.source, Format: g.st.format, Payload: payload, DuplicateOf: dupOf}
}

// maxSize is the largest payload the generator makes.
func (g *Generator) maxSize() int { return 4 * g.cfg.targetSize }

// drawSize draws the payload size of the next original article.
func (g *Generator) drawSize() int {
	const sigma = 0.45
	f := math.Exp(sigma*g.rng.NormFloat64() - sigma*sigma/2)
	size := int(float64(g.cfg.targetSize) * f)
	// Keep clear of the bounds by about half a paragraph: sentences
	// overshoot the budget a little either way.
	slack := min(256, g.cfg.targetSize/8)
	return min(max(size, MinSize+slack), g.maxSize()-slack)
}

// drawFormat draws the format of the next original article.
func (g *Generator) drawFormat() Format {
	u := g.rng.Float64()
	switch {
	case u < g.cfg.formatCum[0]:
		return FormatText
	case u < g.cfg.formatCum[1]:
		return FormatJSON
	default:
		return FormatHTML
	}
}
