package language

import (
	"math"
	"slices"
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

// lingua's rule tables: the languages each of its characters hints at
// (it narrows the candidates to those hinted at by at least half the
// words), and each language's characters that no other language uses.
//
//go:linkname linguaCharsToLanguages github.com/pemistahl/lingua-go.charsToLanguagesMapping
var linguaCharsToLanguages map[string][]lingua.Language

//go:linkname linguaUniqueCharacters github.com/pemistahl/lingua-go.Language.uniqueCharacters
func linguaUniqueCharacters(l lingua.Language) string

// latinScorer computes what lingua's low-accuracy mode computes for a
// text whose letters are all in the Latin script (ASCII or not, as in
// "Bogotá", "Micheál", "Straße"), without lingua's per-call overhead (a
// goroutine and a channel, regular expressions per word and per
// alphabet, maps, and arbitrary-precision exponentials, about 0.35 ms
// for a 256-byte sample against 0.006 ms here).
//
// For such a text every word is in the Latin alphabet, so the candidates
// are the configured languages written in it, and lingua's rules come
// down to two, on the letters outside ASCII only: a language is decided
// outright (confidence 1) when more words hold its unique characters
// (German "ß") than any other language's, and more than hold none
// unless those are fewer than half the words; and the candidates narrow
// to the languages that lingua's character table gives for at least
// half the words ("ã" Portuguese, "é" a dozen languages), with
// confidence 1 when one is left. lingua then sums, for each candidate,
// the log probability of each distinct trigram of the text's words
// (lower-cased), falling back to the trigram's first two letters and
// then its first letter when its model lacks the trigram, and the
// confidence is the softmax of the sums.
//
// latinScorer keeps the same models, by n-gram of Latin letters, with
// the log probabilities of all candidates side by side, so that a
// trigram is one look-up. It is immutable but for its pool of scratch
// memory, and safe for concurrent use.
type latinScorer struct {
	langs []lingua.Language // the configured languages written in Latin
	// What lingua adds for each n-gram of Latin letters, per language
	// (see ngramModels).
	uni, bi, tri ngramTable
	// unique gives the configured languages whose unique characters
	// include a letter; hints the indices in langs of the languages
	// lingua's character table gives it, once per table entry.
	unique map[rune][]lingua.Language
	hints  map[rune][]uint8
	// sets is scratch memory for score: *trigramSet.
	sets sync.Pool
}

// runeBits is the width of a rune in an n-gram key.
const runeBits = 21

// ngramKey packs the runes of an n-gram (at most three) into a key of
// the scorer's tables.
func ngramKey(runes []rune) uint64 {
	var k uint64
	for _, r := range runes {
		k = k<<runeBits | uint64(r)
	}
	return k
}

// newLatinScorer builds the scorer for the configured languages written
// in Latin, loading their models through lingua (its trigram models are
// the ones New preloads; the uni- and bigram models, which lingua loads
// the first time a trigram is missing, are small). It returns nil when
// fewer than two of the languages are written in Latin: then lingua's
// rules decide a Latin text alone, and the detector asks lingua.
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
	m := ngramModels{
		nl:  len(langs),
		uni: make(map[uint64]int32),
		bi:  make(map[uint64]int32),
		tri: make(map[uint64]int32),
	}
	for j, l := range langs {
		m.addModel(m.uni, j, linguaLoadModels(&linguaUnigrams, l, 1))
		m.addModel(m.bi, j, linguaLoadModels(&linguaBigrams, l, 2))
		m.addModel(m.tri, j, linguaLoadModels(&linguaTrigrams, l, 3))
	}
	m.resolveFallbacks()
	s := &latinScorer{
		langs:  langs,
		uni:    m.table(m.uni),
		bi:     m.table(m.bi),
		tri:    m.table(m.tri),
		unique: make(map[rune][]lingua.Language),
		hints:  make(map[rune][]uint8),
	}
	s.sets.New = func() any { return new(trigramSet) }
	for _, l := range languages {
		for _, r := range linguaUniqueCharacters(l) {
			s.unique[r] = append(s.unique[r], l)
		}
	}
	for chars, hinted := range linguaCharsToLanguages {
		for j, l := range langs {
			if slices.Contains(hinted, l) {
				for _, r := range chars {
					s.hints[r] = append(s.hints[r], uint8(j))
				}
			}
		}
	}
	return s
}

// ngramModels is what newLatinScorer reads of lingua's models before it
// builds the scorer's tables: the rows in logs of each n-gram of Latin
// letters, keyed by its runes, 21 bits each (see ngramKey).
type ngramModels struct {
	nl           int // languages
	uni, bi, tri map[uint64]int32
	// logs holds rows of nl log probabilities: what lingua adds for the
	// n-gram, its own or a shorter n-gram's, 0 for nothing (NaN where
	// the model lacks it until resolveFallbacks).
	logs []float64
}

// addModel adds the log probabilities of language j's n-grams of Latin
// letters to table; other n-grams never occur in a text it scores.
func (s *ngramModels) addModel(table map[uint64]int32, j int, model map[string]float64) {
	var runes [3]rune
next:
	for key, p := range model {
		n := 0
		for _, r := range key {
			if n == len(runes) || !isLatinLetter(r) {
				continue next
			}
			runes[n] = r
			n++
		}
		k := ngramKey(runes[:n])
		row, ok := table[k]
		if !ok {
			row = int32(len(s.logs))
			for range s.nl {
				s.logs = append(s.logs, math.NaN())
			}
			table[k] = row
		}
		s.logs[int(row)+j] = math.Log(p)
	}
}

// resolveFallbacks replaces each missing log probability in the rows of
// the tables by what lingua adds for that n-gram instead: its first two
// letters' (for a trigram), else its first letter's, else nothing (0).
// Then a trigram's row is all that score reads for it, one look-up that
// a row of the bigrams (or unigrams) replaces only when no model has the
// trigram: fewer cache misses and no tests. Each row is resolved from
// the shorter n-grams' rows before those are resolved themselves.
func (s *ngramModels) resolveFallbacks() {
	nl := s.nl
	resolve := func(row int32, shorter ...[]float64) {
		for j := range nl {
			v := &s.logs[int(row)+j]
			for _, alt := range shorter {
				if !math.IsNaN(*v) {
					break
				}
				if alt != nil {
					*v = alt[j]
				}
			}
			if math.IsNaN(*v) {
				*v = 0
			}
		}
	}
	for k, row := range s.tri {
		resolve(row, s.row(s.bi, k>>runeBits), s.row(s.uni, k>>(2*runeBits)))
	}
	for k, row := range s.bi {
		resolve(row, s.row(s.uni, k>>runeBits))
	}
	for _, row := range s.uni {
		resolve(row)
	}
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

// isLatinLetter reports whether r is a letter of the Latin script, what
// lingua's regular expressions call \p{L} and \p{Latin}.
func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r)
}

// maxSampleTrigrams bounds the distinct trigrams a sample is scored on;
// a sample with more goes to lingua. A 256-byte sample has at most 254.
const maxSampleTrigrams = 1024

// maxLanguages is more than lingua has (75).
const maxLanguages = 128

// trigramSet is the scratch memory of one score: the distinct trigrams
// of a sample, in open addressing over their keys (0 empty), and what
// lingua's rules count.
type trigramSet struct {
	slots [2 * maxSampleTrigrams]uint64
	list  [maxSampleTrigrams]uint64
	n     int
	sums  [maxLanguages]float64 // per language, for score

	words int               // words in the sample
	word  []rune            // the current word's letters outside ASCII
	votes []vote            // words decided by unique characters, per language
	count []vote            // scratch for a word's unique characters
	hints [maxLanguages]int // per language in langs, words hinting at it
}

// vote is a count of words or letters for a language.
type vote struct {
	lang lingua.Language
	n    int
}

// reset empties the set for the next sample.
func (ts *trigramSet) reset() {
	clear(ts.slots[:])
	ts.n = 0
	ts.words = 0
	ts.word = ts.word[:0]
	ts.votes = ts.votes[:0]
	clear(ts.hints[:])
}

// add adds trigram key t (non-zero) and reports false when the set is
// full.
func (ts *trigramSet) add(t uint64) bool {
	const mask = len(ts.slots) - 1
	for i := int(t*0x9e3779b97f4a7c15>>53) & mask; ; i = (i + 1) & mask {
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

// endWord applies lingua's rules to the letters outside ASCII of the
// word that ends, ts.word, and empties it.
func (ts *trigramSet) endWord(s *latinScorer) {
	if len(ts.word) == 0 {
		return
	}
	// The word's language by unique characters: the one with strictly
	// the most of them, if any (lingua's detectLanguageWithRules).
	ts.count = ts.count[:0]
	for _, r := range ts.word {
		for _, l := range s.unique[r] {
			ts.count = addVote(ts.count, l, 1)
		}
	}
	if l, ok := strictMax(ts.count); ok {
		ts.votes = addVote(ts.votes, l, 1)
	}
	// The languages its distinct letters hint at (filterLanguagesByRules).
	for i, r := range ts.word {
		if slices.Contains(ts.word[:i], r) {
			continue
		}
		for _, j := range s.hints[r] {
			ts.hints[j]++
		}
	}
	ts.word = ts.word[:0]
}

// addVote adds n to l's count in votes.
func addVote(votes []vote, l lingua.Language, n int) []vote {
	for i := range votes {
		if votes[i].lang == l {
			votes[i].n += n
			return votes
		}
	}
	return append(votes, vote{l, n})
}

// strictMax returns the language with the most votes, or ok false when
// there are none or two share the most.
func strictMax(votes []vote) (l lingua.Language, ok bool) {
	best, second := -1, 0
	for i, v := range votes {
		switch {
		case best < 0 || v.n > votes[best].n:
			if best >= 0 {
				second = votes[best].n
			}
			best = i
		case v.n > second:
			second = v.n
		}
	}
	if best < 0 || len(votes) > 1 && votes[best].n == second {
		return 0, false
	}
	return votes[best].lang, true
}

// score returns lingua's most likely language for sample and its
// confidence, or ok false when sample has a letter outside the Latin
// script or a Han, Hangul or kana character (or too many trigrams),
// which only lingua can score.
func (s *latinScorer) score(sample string) (lang lingua.Language, conf float64, ok bool) {
	ts := s.sets.Get().(*trigramSet)
	defer func() {
		ts.reset()
		s.sets.Put(ts)
	}()
	// Words are runs of letters, lower-cased; a word's trigrams are its
	// runs of three letters.
	var t uint64 // the last letters of the current word, runeBits each
	run, letters := 0, 0
	for i := 0; i < len(sample); {
		var r rune
		if c := sample[i]; c < utf8.RuneSelf {
			i++
			if c|0x20 < 'a' || c|0x20 > 'z' {
				run = 0
				ts.endWord(s)
				continue
			}
			r = rune(c | 0x20)
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(sample[i:])
			i += n
			// lingua lower-cases the text (strings.ToLower) before
			// splitting it into words, which are runs of letters and
			// single characters of the Han, Hangul and kana scripts,
			// letters or not.
			r = unicode.ToLower(r)
			if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
				return 0, 0, false
			}
			if !unicode.IsLetter(r) {
				run = 0
				ts.endWord(s)
				continue
			}
			if !unicode.Is(unicode.Latin, r) {
				return 0, 0, false
			}
			if r >= utf8.RuneSelf {
				ts.word = append(ts.word, r)
			}
		}
		if run == 0 {
			ts.words++
		}
		letters++
		t = (t<<runeBits | uint64(r)) & (1<<(3*runeBits) - 1)
		if run++; run >= 3 && !ts.add(t) {
			return 0, 0, false
		}
	}
	ts.endWord(s)
	if ts.words == 0 {
		return 0, 0, true
	}
	if l, ok := s.decidedByRules(ts); ok {
		return l, 1, true
	}
	// The candidates: the languages hinted at by at least half the words,
	// else all.
	nl := len(s.langs)
	half := float64(ts.words) * 0.5
	var candidates [maxLanguages]bool
	n, last := 0, 0
	for j := range nl {
		if float64(ts.hints[j]) >= half {
			candidates[j] = true
			n, last = n+1, j
		}
	}
	switch n {
	case 0:
		for j := range nl {
			candidates[j] = true
		}
	case 1:
		return s.langs[last], 1, true
	}
	if letters < 3 {
		return 0, 0, true
	}
	// Sum each language's log probabilities of the distinct trigrams,
	// with lingua's fallbacks resolved in the rows (resolveFallbacks).
	sums := ts.sums[:nl]
	clear(sums)
	for _, t := range ts.list[:ts.n] {
		row := s.tri.row(t)
		if row == nil {
			if row = s.bi.row(t >> runeBits); row == nil {
				if row = s.uni.row(t >> (2 * runeBits)); row == nil {
					continue
				}
			}
		}
		for j, v := range row {
			sums[j] += math.Float64frombits(v)
		}
	}
	// lingua leaves out the languages whose sum is not negative, and of
	// equal confidences it puts the language that sorts first first.
	best := -1
	for j := range nl {
		if candidates[j] && sums[j] < 0 && (best < 0 || sums[j] > sums[best] || sums[j] == sums[best] && s.langs[j] < s.langs[best]) {
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
		if candidates[j] && sums[j] < 0 {
			denom += math.Exp(sums[j] - sums[best])
		}
	}
	return s.langs[best], 1 / denom, true
}

// decidedByRules returns the language that lingua's first rule decides
// from the votes of the words with unique characters: the one with
// strictly the most, if it also has more than the words without any
// (which count when they are at least half the words).
func (s *latinScorer) decidedByRules(ts *trigramSet) (lingua.Language, bool) {
	if len(ts.votes) == 0 {
		return 0, false
	}
	none := ts.words
	for _, v := range ts.votes {
		none -= v.n
	}
	votes := ts.votes
	if float64(none) >= float64(ts.words)*0.5 {
		votes = append(votes, vote{lingua.Unknown, none})
	}
	l, ok := strictMax(votes)
	return l, ok && l != lingua.Unknown
}

// row returns the log probabilities of the n-gram with key k in table,
// or nil.
func (s *ngramModels) row(table map[uint64]int32, k uint64) []float64 {
	if r, ok := table[k]; ok {
		return s.logs[r : int(r)+s.nl]
	}
	return nil
}

// table returns the rows of rows (one of s's maps) as an ngramTable.
func (s *ngramModels) table(rows map[uint64]int32) ngramTable {
	size, shift := 16, uint(60)
	for 3*size < 4*len(rows) {
		size, shift = 2*size, shift-1
	}
	t := ngramTable{cells: make([]uint64, size*(1+s.nl)), nl: s.nl, mask: size - 1, shift: shift}
	for k, r := range rows {
		c := t.cells[t.slot(k)*(1+s.nl):]
		c[0] = k
		for j, v := range s.logs[r : int(r)+s.nl] {
			c[1+j] = math.Float64bits(v)
		}
	}
	return t
}

// ngramTable maps n-gram keys (never 0) to rows of log probabilities,
// one per language, in open addressing with each row stored right after
// its key, so that a look-up reads one or two cache lines where a Go map
// and a separate row read three or four: in the stage chain the other
// stages evict the tables between articles, and these misses were most
// of the detector's time. With the seven Latin-script languages of the
// default set, a slot is one 64-byte line. It is immutable once built.
type ngramTable struct {
	cells []uint64 // slots of 1+nl cells: the key (0 empty), then the float64 bits of the row
	nl    int
	mask  int
	shift uint // 64 - log2(number of slots)
}

// slot returns the index of k's slot, or of the empty slot where k goes.
func (t *ngramTable) slot(k uint64) int {
	stride := 1 + t.nl
	for i := int(k*0x9e3779b97f4a7c15>>t.shift) & t.mask; ; i = (i + 1) & t.mask {
		if c := t.cells[i*stride]; c == k || c == 0 {
			return i
		}
	}
}

// row returns the float64 bits of the log probabilities of the n-gram
// with key k, or nil.
func (t *ngramTable) row(k uint64) []uint64 {
	i := t.slot(k) * (1 + t.nl)
	if t.cells[i] != k {
		return nil
	}
	return t.cells[i+1 : i+1+t.nl]
}
