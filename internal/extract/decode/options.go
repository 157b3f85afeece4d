package decode

import (
	"errors"
	"fmt"
)

// Default limits of a [Decoder].
const (
	// DefaultMaxPayloadBytes bounds the payload size: 1 MiB is far above
	// any real article, even an HTML page with its navigation.
	DefaultMaxPayloadBytes = 1 << 20
	// DefaultMaxJSONDepth bounds the nesting of a JSON envelope, which
	// needs 3 levels (envelope, related array, related item).
	DefaultMaxJSONDepth = 32
	// DefaultMaxHTMLDepth bounds the nesting of an HTML page. Real pages
	// nest 20 to 60 elements deep. go-readability's cost grows with the
	// number of elements times their depth: a page at both default
	// limits takes about 0.3 s (see the html-worst benchmark).
	DefaultMaxHTMLDepth = 128
	// DefaultMaxHTMLElements bounds the number of start tags of an HTML
	// page. A heavy news page has 3,000 to 15,000.
	DefaultMaxHTMLElements = 30_000

	// maxHTMLDepthLimit is below the HTML parser's own limit of 512 open
	// elements, which it reports as an opaque error; our scan only
	// estimates the parser's depth, so it keeps a margin.
	maxHTMLDepthLimit = 400
	// maxJSONDepthLimit is far below encoding/json's own limit of 10,000.
	maxJSONDepthLimit = 1000
)

// config is the immutable configuration of a Decoder.
type config struct {
	maxPayloadBytes int
	maxJSONDepth    int
	maxHTMLDepth    int
	maxHTMLElements int
	sectionNames    []string
	sections        sectionSet
}

func defaultConfig() config {
	return config{
		maxPayloadBytes: DefaultMaxPayloadBytes,
		maxJSONDepth:    DefaultMaxJSONDepth,
		maxHTMLDepth:    DefaultMaxHTMLDepth,
		maxHTMLElements: DefaultMaxHTMLElements,
		sectionNames:    DefaultSections(),
	}
}

// Option changes a default of [New]. It returns an error when its value
// is out of range.
type Option func(*config) error

// WithMaxPayloadBytes sets the largest payload accepted; larger payloads
// fail with reason too_large. n must be positive.
func WithMaxPayloadBytes(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("max payload bytes must be positive, got %d", n)
		}
		c.maxPayloadBytes = n
		return nil
	}
}

// WithMaxJSONDepth sets the deepest nesting of arrays and objects a JSON
// envelope may have; deeper payloads fail with reason malformed. n must be
// in [3, 1000].
func WithMaxJSONDepth(n int) Option {
	return func(c *config) error {
		if n < 3 || n > maxJSONDepthLimit {
			return fmt.Errorf("max JSON depth must be in [3, %d], got %d", maxJSONDepthLimit, n)
		}
		c.maxJSONDepth = n
		return nil
	}
}

// WithMaxHTMLDepth sets the deepest element nesting an HTML page may have;
// deeper pages fail with reason malformed. n must be in [8, 400].
func WithMaxHTMLDepth(n int) Option {
	return func(c *config) error {
		if n < 8 || n > maxHTMLDepthLimit {
			return fmt.Errorf("max HTML depth must be in [8, %d], got %d", maxHTMLDepthLimit, n)
		}
		c.maxHTMLDepth = n
		return nil
	}
}

// WithMaxHTMLElements sets the largest number of elements an HTML page may
// have; pages with more fail with reason too_large. n must be positive.
func WithMaxHTMLElements(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("max HTML elements must be positive, got %d", n)
		}
		c.maxHTMLElements = n
		return nil
	}
}

// WithSections adds section names to the known-sections list used to split
// the section from the end of a wire-text teaser (see [DefaultSections]).
// Names are matched case-sensitively; they must not be empty.
func WithSections(names ...string) Option {
	return func(c *config) error {
		for _, n := range names {
			if n == "" || normalizeSpace(n) != n {
				return errors.New("section names must be non-empty and have no surrounding or repeated white space")
			}
		}
		c.sectionNames = append(append([]string(nil), c.sectionNames...), names...)
		return nil
	}
}
