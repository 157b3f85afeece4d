package language

import (
	"fmt"
	"strings"

	"github.com/pemistahl/lingua-go"
)

// Defaults of [New].
const (
	// DefaultMinConfidence is the confidence below which the code is
	// "und". Long articles score 0.9 to 1 for their language; mixed or
	// very short texts fall below 0.5 (see doc.go).
	DefaultMinConfidence = 0.5
	// DefaultMaxBytes is how much of Event.Text is looked at: about the
	// headline and the standfirst. Every paragraph start of the test set
	// is right from 64 bytes on; past about 400 letters lingua switches to
	// arbitrary-precision arithmetic and gets four times slower (see
	// doc.go for the measurements).
	DefaultMaxBytes = 256
	// minMaxBytes is the smallest sample [WithMaxBytes] accepts: fewer
	// bytes hold too few trigrams for a stable answer.
	minMaxBytes = 64
)

// DefaultLanguages returns the ISO 639-1 codes of the languages a default
// [Detector] tells apart: the languages of the big news agencies and the
// six U.N. languages, with the Latin-script languages that English is
// most often confused with.
func DefaultLanguages() []string {
	langs := defaultLanguages()
	codes := make([]string, len(langs))
	for i, l := range langs {
		codes[i] = isoCode(l)
	}
	return codes
}

func defaultLanguages() []lingua.Language {
	return []lingua.Language{
		lingua.English, lingua.French, lingua.German, lingua.Spanish, lingua.Italian,
		lingua.Portuguese, lingua.Dutch, lingua.Russian, lingua.Arabic, lingua.Chinese,
	}
}

// Option changes a default of [New]. It returns an error when its value
// is out of range.
type Option func(*config) error

type config struct {
	languages     []lingua.Language
	highAccuracy  bool
	linguaOnly    bool
	minConfidence float64
	maxBytes      int
}

func defaultConfig() config {
	return config{languages: defaultLanguages(), minConfidence: DefaultMinConfidence, maxBytes: DefaultMaxBytes}
}

// WithLanguages sets the languages to tell apart, as ISO 639-1 codes
// ("en", "fr"). At least two are needed. A text in a language outside the
// set is reported as the nearest language of the set, so the set must
// hold every language whose articles English-only stages must skip, or a
// close relative of it.
func WithLanguages(codes ...string) Option {
	return func(c *config) error {
		langs, err := parseCodes(codes)
		if err != nil {
			return err
		}
		c.languages = langs
		return nil
	}
}

// WithHighAccuracy makes the detector use n-grams of one to five letters
// on texts shorter than 120 letters instead of trigrams only. It helps
// only on very short texts (a headline alone); articles are long enough
// for trigrams.
// For the default languages it costs about 175 MiB of heap instead of
// 9 MiB, and New takes about 4 s instead of 0.3 s; and every text goes
// to lingua, about 0.4 ms each instead of 6 µs for English (see doc.go,
// "Speed").
func WithHighAccuracy() Option {
	return func(c *config) error {
		c.highAccuracy = true
		return nil
	}
}

// WithLinguaOnly makes the detector hand every text to lingua's
// ComputeLanguageConfidenceValues, as it did before it scored texts in
// ASCII letters itself (see doc.go, "Speed"). The results are the same;
// it is there to measure and check that, and costs about 70 times the
// CPU on English text (0.4 ms against 6 µs).
func WithLinguaOnly() Option {
	return func(c *config) error {
		c.linguaOnly = true
		return nil
	}
}

// WithMinConfidence sets the confidence in [0,1] below which the
// language is reported as "und".
func WithMinConfidence(p float64) Option {
	return func(c *config) error {
		if !(p >= 0 && p <= 1) {
			return fmt.Errorf("%w: minimum confidence %v not in [0,1]", ErrBadOption, p)
		}
		c.minConfidence = p
		return nil
	}
}

// WithMaxBytes sets how many bytes of the start of Event.Text are looked
// at (cut back to a word boundary). n must be at least 64.
func WithMaxBytes(n int) Option {
	return func(c *config) error {
		if n < minMaxBytes {
			return fmt.Errorf("%w: max bytes %d below %d", ErrBadOption, n, minMaxBytes)
		}
		c.maxBytes = n
		return nil
	}
}

// parseCodes turns ISO 639-1 codes into lingua languages, without
// duplicates, in the given order.
func parseCodes(codes []string) ([]lingua.Language, error) {
	var langs []lingua.Language
	seen := make(map[lingua.Language]bool)
	for _, code := range codes {
		iso := lingua.GetIsoCode639_1FromValue(strings.TrimSpace(code))
		if iso == lingua.UnknownIsoCode639_1 {
			return nil, fmt.Errorf("%w: %q", ErrUnknownLanguage, code)
		}
		l := lingua.GetLanguageFromIsoCode639_1(iso)
		if !seen[l] {
			seen[l] = true
			langs = append(langs, l)
		}
	}
	if len(langs) < 2 {
		return nil, fmt.Errorf("%w: %d given", ErrTooFewLanguages, len(langs))
	}
	return langs, nil
}
