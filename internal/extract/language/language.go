package language

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the stage in metrics, timings and warnings.
const StageName = "language"

// Undetermined is the code of a text whose language could not be told
// (ISO 639-2 "und").
const Undetermined = "und"

// MinLetters is the number of letters a text needs for a language: with
// fewer, lingua still names a language, with high confidence, for
// strings such as "zzzz qqqq xxxx" (12 letters), and a headline in any
// of the default languages has more.
const MinLetters = 16

// cjkLetters is what a Han, kana or Hangul character counts for towards
// [MinLetters]: a five-character Chinese headline is enough.
const cjkLetters = 4

// Detector is the language stage. It is immutable after [New] and safe
// for concurrent use by several goroutines, each with its own Document:
// the lingua detector it wraps only reads its configuration and keeps the
// language models in sync.Maps.
type Detector struct {
	det           lingua.LanguageDetector
	latin         *latinScorer // nil: every text goes to det
	languages     []lingua.Language
	codes         map[lingua.Language]string // ISO 639-1 of each language
	minConfidence float64
	maxBytes      int
}

var _ extract.Stage = (*Detector)(nil)

// New builds the detector and loads the language models it needs, so
// that the first article does not pay for loading them. The models are
// cached by lingua for the life of the process and shared by every
// Detector with the same accuracy mode; building a second Detector is
// cheap.
func New(opts ...Option) (*Detector, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("new language stage: %w", err)
		}
	}
	b := lingua.NewLanguageDetectorBuilder().FromLanguages(cfg.languages...).WithPreloadedLanguageModels()
	if !cfg.highAccuracy {
		b = b.WithLowAccuracyMode()
	}
	det := b.Build() // loads the trigram models newLatinScorer reads
	var latin *latinScorer
	if !cfg.highAccuracy && !cfg.linguaOnly {
		latin = newLatinScorer(cfg.languages)
	}
	codes := make(map[lingua.Language]string, len(cfg.languages))
	for _, l := range cfg.languages {
		codes[l] = isoCode(l)
	}
	return &Detector{
		det:           det,
		latin:         latin,
		languages:     cfg.languages,
		codes:         codes,
		minConfidence: cfg.minConfidence,
		maxBytes:      cfg.maxBytes,
	}, nil
}

// Name implements [extract.Stage].
func (d *Detector) Name() string { return StageName }

// Languages returns the ISO 639-1 codes the detector tells apart.
func (d *Detector) Languages() []string {
	codes := make([]string, len(d.languages))
	for i, l := range d.languages {
		codes[i] = isoCode(l)
	}
	return codes
}

// Process implements [extract.Stage]: it sets doc.Event.Language from the
// start of doc.Event.Text. It never fails on any text; it returns an
// error only when ctx is done.
func (d *Detector) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("detect language: %w", err)
	}
	lang := d.Detect(doc.Event.Text)
	doc.Event.Language = &lang
	return nil
}

// Detect returns the language of the first bytes of text (see
// [WithMaxBytes]): its ISO 639-1 code and the detector's confidence,
// rounded to three decimals. The code is [Undetermined], with confidence
// 0, when the text has no letters or the best language's confidence is
// below the minimum (see [WithMinConfidence]), or the sample holds fewer
// than [MinLetters] letters.
func (d *Detector) Detect(text string) event.Language {
	sample := Sample(text, d.maxBytes)
	if !hasLetters(sample, MinLetters) {
		return event.Language{Code: Undetermined}
	}
	if d.latin != nil {
		if l, conf, ok := d.latin.score(sample); ok {
			return d.result(l, conf)
		}
	}
	values := d.det.ComputeLanguageConfidenceValues(sample)
	if len(values) == 0 {
		return event.Language{Code: Undetermined}
	}
	return d.result(values[0].Language(), values[0].Value())
}

// result rounds the confidence of the most likely language l and applies
// the minimum.
func (d *Detector) result(l lingua.Language, conf float64) event.Language {
	p := math.Round(conf*1000) / 1000
	if !(p > 0) || p < d.minConfidence {
		return event.Language{Code: Undetermined}
	}
	code, ok := d.codes[l]
	if !ok {
		code = isoCode(l)
	}
	return event.Language{Code: code, Confidence: min(p, 1)}
}

// Sample returns the start of text that the detector looks at: at most
// maxBytes bytes, cut at the last white space before the limit when
// there is one in the last 32 bytes (so that no word is cut in half),
// otherwise at a rune boundary (Chinese has no spaces).
func Sample(text string, maxBytes int) string {
	if len(text) <= maxBytes {
		return text
	}
	if maxBytes <= 0 {
		return ""
	}
	cut := maxBytes
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if i := strings.LastIndexAny(text[max(0, cut-32):cut], " \n\t"); i >= 0 {
		cut = max(0, cut-32) + i
	}
	return text[:cut]
}

// hasLetters reports whether s holds at least n letters, where a Han,
// kana or Hangul character, about a syllable or a word, counts as
// [cjkLetters] letters.
func hasLetters(s string, n int) bool {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				n--
			}
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			n -= cjkLetters
		case unicode.IsLetter(r):
			n--
		}
		if n <= 0 {
			return true
		}
	}
	return false
}

// isoCode is the lower-case ISO 639-1 code of l.
func isoCode(l lingua.Language) string {
	return strings.ToLower(l.IsoCode639_1().String())
}
