package tone

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// The lexicon: AFINN-165's single words (ODbL 1.0, see data/README.md)
// and the words the stage leaves out.
var (
	//go:embed data/afinn-165.tsv
	afinnFile string
	//go:embed data/exclude.txt
	excludeFile string
)

// lexicon maps a lower-case word to its valence sign: +1 or -1. It is
// read-only after loadLexicon.
type lexicon struct {
	valence map[string]int8
	// bloom is a Bloom filter of the valence map's keys (two bits per
	// word, about 0.3% false positives): nine words in ten are in no
	// lexicon, and the filter answers for them in a few nanoseconds
	// where a map lookup hashes and probes.
	bloom [bloomBits / 64]uint64
}

const bloomBits = 1 << 17

// wordHash is 64-bit FNV-1a.
func wordHash(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// The parameters of 64-bit FNV-1a.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func (l *lexicon) addBloom(w string) {
	h := wordHash([]byte(w))
	for _, i := range [2]uint64{h % bloomBits, (h >> 32) % bloomBits} {
		l.bloom[i/64] |= 1 << (i % 64)
	}
}

// lookup returns the valence sign of the lower-case word w, 0 if none.
func (l *lexicon) lookup(w []byte) int8 {
	return l.lookupHash(w, wordHash(w))
}

// lookupHash is lookup for a word whose wordHash is h.
func (l *lexicon) lookupHash(w []byte, h uint64) int8 {
	for _, i := range [2]uint64{h % bloomBits, (h >> 32) % bloomBits} {
		if l.bloom[i/64]&(1<<(i%64)) == 0 {
			return 0
		}
	}
	return l.valence[string(w)]
}

// Lexicon sizes, checked when it loads so that a bad edit of the data
// files cannot go unnoticed.
const (
	afinnEntries = 3352
	minExcluded  = 10
)

// loadLexicon parses the embedded files. An error means they were edited
// badly; tests catch it.
func loadLexicon() (*lexicon, error) {
	lex := &lexicon{valence: make(map[string]int8, afinnEntries)}
	n := 0
	for i, line := range strings.Split(afinnFile, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		word, val, ok := strings.Cut(line, "\t")
		v, err := strconv.Atoi(val)
		if !ok || err != nil || v == 0 || v < -5 || v > 5 || word == "" || word != strings.ToLower(word) {
			return nil, fmt.Errorf("afinn-165.tsv:%d: want \"word<TAB>valence\" with a non-zero valence in [-5,5], got %q", i+1, line)
		}
		if _, dup := lex.valence[word]; dup {
			return nil, fmt.Errorf("afinn-165.tsv:%d: %q twice", i+1, word)
		}
		lex.valence[word] = 1
		if v < 0 {
			lex.valence[word] = -1
		}
		n++
	}
	if n != afinnEntries {
		return nil, fmt.Errorf("afinn-165.tsv: %d entries, want %d", n, afinnEntries)
	}
	excluded := 0
	for line := range strings.SplitSeq(excludeFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if _, ok := lex.valence[line]; !ok {
			return nil, fmt.Errorf("exclude.txt: %q is not in the lexicon", line)
		}
		delete(lex.valence, line)
		excluded++
	}
	if excluded < minExcluded {
		return nil, fmt.Errorf("exclude.txt: %d words, want at least %d", excluded, minExcluded)
	}
	for w := range lex.valence {
		lex.addBloom(w) // setting bits commutes: the order does not matter
	}
	return lex, nil
}
