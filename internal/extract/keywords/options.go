package keywords

import (
	"fmt"
	"maps"
)

// Defaults of [New].
const (
	// DefaultMaxKeywords is how many key phrases an article gets.
	DefaultMaxKeywords = 10
	// DefaultMinTopicConfidence is the rule classifier's threshold: below
	// it the article gets no topic rather than a guess. On the project's
	// samples the rules give the right label with 0.50 to 0.81; 0.35 needs
	// a label score of about 8 (three or four typical terms) with no
	// competitor, or a clear lead over the runner-up (see doc.go).
	DefaultMinTopicConfidence = 0.35
	// DefaultMaxWords bounds the words the stage reads: 50,000 words is
	// about 300 KB of text, far beyond any article; the rest of a longer
	// text is ignored with a warning, so the stage's cost is bounded.
	DefaultMaxWords = 50_000
)

// config is what the options set.
type config struct {
	maxKeywords        int
	maxWords           int
	minTopicConfidence float64
	sections           map[string]string
}

func defaultConfig() config {
	return config{
		maxKeywords:        DefaultMaxKeywords,
		maxWords:           DefaultMaxWords,
		minTopicConfidence: DefaultMinTopicConfidence,
		sections:           DefaultSectionTopics(),
	}
}

// Option changes a default of [New]. It returns an error wrapping
// [ErrInvalidOption] when its value is out of range.
type Option func(*config) error

// WithMaxKeywords sets how many key phrases an article gets, 1 to 100.
func WithMaxKeywords(n int) Option {
	return func(c *config) error {
		if n < 1 || n > 100 {
			return fmt.Errorf("%w: max keywords %d not in [1,100]", ErrInvalidOption, n)
		}
		c.maxKeywords = n
		return nil
	}
}

// WithMaxWords sets how many words of an article the stage reads, 100
// to 1,000,000 (term ids must fit in 21 bits).
func WithMaxWords(n int) Option {
	return func(c *config) error {
		if n < 100 || n > 1_000_000 {
			return fmt.Errorf("%w: max words %d not in [100,1000000]", ErrInvalidOption, n)
		}
		c.maxWords = n
		return nil
	}
}

// WithMinTopicConfidence sets the rule classifier's threshold in [0,1].
func WithMinTopicConfidence(f float64) Option {
	return func(c *config) error {
		if !(f >= 0 && f <= 1) {
			return fmt.Errorf("%w: min topic confidence %v not in [0,1]", ErrInvalidOption, f)
		}
		c.minTopicConfidence = f
		return nil
	}
}

// WithSectionTopics adds section names to the section table or changes
// their label; the names are normalised with [NormalizeSection]. An empty
// label removes a name, so that its articles go to the rules. Every other
// label must be one of [Labels]. The map is copied.
func WithSectionTopics(m map[string]string) Option {
	return func(c *config) error {
		sections := maps.Clone(c.sections)
		for name, label := range m {
			if label != "" && labelIndex(label) < 0 {
				return fmt.Errorf("%w: section %q: unknown label %q", ErrInvalidOption, name, label)
			}
			if label == "" {
				delete(sections, NormalizeSection(name))
				continue
			}
			sections[NormalizeSection(name)] = label
		}
		c.sections = sections
		return nil
	}
}
