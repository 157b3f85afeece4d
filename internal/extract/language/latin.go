package language

import (
	"math"
	"sync"
	"unicode"
	"unicode/utf8"
	_ "unsafe" // go:linkname, to share lingua's loaded models

	"github.com/pemistahl/lingua-go"
)

// lingua's per-process model caches and its model loader. Reading them
// lets the detector score with exactly the probabilities lingua uses,
// without a second copy of its models on the heap or in the binary;
// lingua has no exported way to read them. go.mod pins lingua-go at
// v1.4.0, and TestLatinMatchesLingua fails if an upgrade changes what
// these names mean.
//
//go:linkname linguaLoadModels github.com/pemistahl/lingua-go.loadLanguageModels
func linguaLoadModels(models *sync.Map, language lingua.Language, ngramLength int) map[string]float64

//go:linkname linguaUnigrams github.com/pemistahl/lingua-go.unigramModels
var linguaUnigrams sync.Map

//go:linkname linguaBigrams github.com/pemistahl/lingua-go.bigramModels
var linguaBigrams sync.Map

//go:linkname linguaTrigrams github.com/pemistahl/lingua-go.trigramModels
var linguaTrigrams sync.Map

// latinScorer computes what lingua's low-accuracy mode computes for a
// text whose letters are all ASCII, without lingua's per-call overhead
// (a goroutine and a channel, regular expressions per word and per
// alphabet, maps, and arbitrary-precision exponentials, about 0.35 ms
// for a 256-byte sample against 0.006 ms here). For such a text lingua's
// rules decide nothing: no word has a character unique to a language or
// a group of languages, and every word is in the Latin alphabet, so the
// candidates are the configured languages written in it. lingua then
// sums, for each candidate, the log probability of each distinct
// trigram of the text's words (lower-cased), falling back to the
// trigram's first two letters and then its first letter when its model
// lacks the trigram, and the confidence is the softmax of the sums.
// latinScorer keeps the same models, by n-gram, with the log
// probabilities of all candidates side by side, so that a trigram is
// one look-up. It is immutable but for its pool of scratch memory, and
// safe for concurrent use.
type latinScorer struct {
	langs []lingua.Language // the configured languages written in Latin
	// The log probabilities of each n-gram of ASCII letters, len(langs)
	// per n-gram, NaN where the language's model lacks it.
	uni [26]int32 // index in logs, -1 none
	bi  map[[2]byte]int32
	tri map[[3]byte]int32
	// logs holds rows of len(langs) log probabilities.
	logs []float64
	// sets is scratch memory for score: *trigramSet.
	sets sync.Pool
}

// newLatinScorer builds the scorer for the configured languages written
// in Latin, loading their models through lingua (its trigram models are
// the ones New preloads; the uni- and bigram models, which lingua loads
// the first time a trigram is missing, are small). It returns nil when
// fewer than two of the languages are written in Latin: then lingua's
// rules decide an ASCII text alone, and the detector asks lingua.
func newLatinScorer(languages []lingua.Language) *latinScorer {
	var langs []lingua.Language
	for _, l := range languages {
		if writtenInLatin(l) {
			langs = append(langs, l)
		}
	}
	if len(langs) < 2 || len(langs) > maxLanguages {
		return nil
	}
	s := &latinScorer{langs: langs, bi: make(map[[2]byte]int32), tri: make(map[[3]byte]int32)}
	s.sets.New = func() any { return new(trigramSet) }
	for i := range s.uni {
		s.uni[i] = -1
	}
	row := func() int32 {
		r := int32(len(s.logs))
		for range langs {
			s.logs = append(s.logs, math.NaN())
		}
		return r
	}
	for j, l := range langs {
		for key, p := range linguaLoadModels(&linguaUnigrams, l, 1) {
			if len(key) == 1 && isLowerASCII(key[0]) {
				k := key[0] - 'a'
				if s.uni[k] < 0 {
					s.uni[k] = row()
				}
				s.logs[int(s.uni[k])+j] = math.Log(p)
			}
		}
		for key, p := range linguaLoadModels(&linguaBigrams, l, 2) {
			if len(key) == 2 && isLowerASCII(key[0]) && isLowerASCII(key[1]) {
				k := [2]byte{key[0], key[1]}
				r, ok := s.bi[k]
				if !ok {
					r = row()
					s.bi[k] = r
				}
				s.logs[int(r)+j] = math.Log(p)
			}
		}
		for key, p := range linguaLoadModels(&linguaTrigrams, l, 3) {
			if len(key) == 3 && isLowerASCII(key[0]) && isLowerASCII(key[1]) && isLowerASCII(key[2]) {
				k := [3]byte{key[0], key[1], key[2]}
				r, ok := s.tri[k]
				if !ok {
					r = row()
					s.tri[k] = r
				}
				s.logs[int(r)+j] = math.Log(p)
			}
		}
	}
	return s
}

// writtenInLatin reports whether lingua writes l in the Latin alphabet.
func writtenInLatin(l lingua.Language) bool {
	switch l {
	case lingua.Arabic, lingua.Armenian, lingua.Belarusian, lingua.Bengali, lingua.Bulgarian,
		lingua.Chinese, lingua.Georgian, lingua.Greek, lingua.Gujarati, lingua.Hebrew, lingua.Hindi,
		lingua.Japanese, lingua.Kazakh, lingua.Korean, lingua.Macedonian, lingua.Marathi,
		lingua.Mongolian, lingua.Persian, lingua.Punjabi, lingua.Russian, lingua.Serbian,
		lingua.Tamil, lingua.Telugu, lingua.Thai, lingua.Ukrainian, lingua.Urdu:
		return false
	}
	return true
}

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }

// maxSampleTrigrams bounds the distinct trigrams a sample is scored on;
// a sample with more goes to lingua. A 256-byte sample has at most 254.
const maxSampleTrigrams = 1024

// trigramSet collects the distinct trigrams of a sample: open addressing
// over trigrams packed in 24 bits, 0 empty.
type trigramSet struct {
	slots [2 * maxSampleTrigrams]uint32
	list  [maxSampleTrigrams]uint32
	n     int
	sums  [maxLanguages]float64 // per language, for score
}

// maxLanguages is more than lingua has (75).
const maxLanguages = 128

// add adds trigram t (non-zero) and reports false when the set is full.
func (ts *trigramSet) add(t uint32) bool {
	const mask = len(ts.slots) - 1
	for i := int(t*0x9e3779b1>>20) & mask; ; i = (i + 1) & mask {
		switch ts.slots[i] {
		case t:
			return true
		case 0:
			if ts.n == len(ts.list) {
				return false
			}
			ts.slots[i] = t
			ts.list[ts.n] = t
			ts.n++
			return true
		}
	}
}

// score returns lingua's most likely language for sample and its
// confidence, or ok false when sample has a letter outside ASCII or a
// Han, Hangul or kana character (or too many trigrams), which only
// lingua can score.
func (s *latinScorer) score(sample string) (lang lingua.Language, conf float64, ok bool) {
	ts := s.sets.Get().(*trigramSet)
	defer func() {
		clear(ts.slots[:])
		ts.n = 0
		s.sets.Put(ts)
	}()
	// Words are runs of letters, lower-cased; a word's trigrams are its
	// runs of three letters.
	var t uint32 // the last letters of the current word, 8 bits each
	run := 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(sample[i:])
			// lingua's words are runs of letters and single characters
			// of the Han, Hangul and kana scripts, letters or not.
			if unicode.IsLetter(r) || unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
				return 0, 0, false
			}
			i += n
			run = 0
			continue
		}
		i++
		if c|0x20 < 'a' || c|0x20 > 'z' {
			run = 0
			continue
		}
		t = (t<<8 | uint32(c|0x20)) & 0xffffff
		if run++; run >= 3 && !ts.add(t) {
			return 0, 0, false
		}
	}
	// Sum each language's log probabilities of the distinct trigrams.
	nl := len(s.langs)
	sums := ts.sums[:nl]
	clear(sums)
	for _, t := range ts.list[:ts.n] {
		k3 := [3]byte{byte(t >> 16), byte(t >> 8), byte(t)}
		r3, ok3 := s.tri[k3]
		var l3 []float64
		if ok3 {
			l3 = s.logs[r3 : int(r3)+nl]
		}
		var l2, l1 []float64
		for j := range nl {
			if ok3 && !math.IsNaN(l3[j]) {
				sums[j] += l3[j]
				continue
			}
			if l2 == nil {
				l2 = s.row2(k3[0], k3[1])
			}
			if l2 != nil && !math.IsNaN(l2[j]) {
				sums[j] += l2[j]
				continue
			}
			if l1 == nil {
				if r1 := s.uni[k3[0]-'a']; r1 >= 0 {
					l1 = s.logs[r1 : int(r1)+nl]
				}
			}
			if l1 != nil && !math.IsNaN(l1[j]) {
				sums[j] += l1[j]
			}
		}
	}
	// lingua leaves out the languages whose sum is not negative, and of
	// equal confidences it puts the language that sorts first first.
	best := -1
	for j := range nl {
		if sums[j] < 0 && (best < 0 || sums[j] > sums[best] || sums[j] == sums[best] && s.langs[j] < s.langs[best]) {
			best = j
		}
	}
	if best < 0 {
		return 0, 0, true
	}
	// The softmax of the best sum, exp(s_best)/Σ exp(s_j), computed
	// relative to it so that no exponential underflows.
	denom := 0.0
	for j := range nl {
		if sums[j] < 0 {
			denom += math.Exp(sums[j] - sums[best])
		}
	}
	return s.langs[best], 1 / denom, true
}

func (s *latinScorer) row2(a, b byte) []float64 {
	if r, ok := s.bi[[2]byte{a, b}]; ok {
		return s.logs[r : int(r)+len(s.langs)]
	}
	return nil
}
