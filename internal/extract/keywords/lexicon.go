package keywords

import (
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

//go:embed data/stopwords.txt
var stopwordsFile string

//go:embed data/topics.txt
var topicsFile string

// lexicon holds the parsed word lists; it is read-only after
// loadLexicon, so one lexicon serves any number of goroutines.
type lexicon struct {
	stop      map[string]struct{}
	stopBloom bloom // of stop's keys
	// topicBloom holds the first words of the topic terms.
	topicBloom bloom
	// topicFirst maps the folded first word of each topic term to the
	// indexes of the terms starting with it, longest term first.
	topicFirst map[string][]int32
	topics     []topicTerm
}

// topicTerm is one weighted term of a topic label.
type topicTerm struct {
	words  [maxTermWords]string // folded
	n      int
	label  int // index into labelSet
	weight float64
}

const maxTermWords = 3

// loadLexicon parses the embedded stop words and topic terms. A parse
// error means the embedded files were edited badly; tests catch it.
func loadLexicon() (*lexicon, error) {
	lex := &lexicon{stop: map[string]struct{}{}, topicFirst: map[string][]int32{}}
	for line := range strings.SplitSeq(stopwordsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		lex.stop[line] = struct{}{}
		lex.stopBloom.add(line)
	}
	// Folding needs the stop words; a throwaway extractor gives access
	// to fold before the real one exists.
	fx := &Extractor{lex: lex}
	label := -1
	for n, line := range strings.Split(topicsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			name := strings.TrimSuffix(line[1:], "]")
			label = labelIndex(name)
			if label < 0 || !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("topics.txt:%d: unknown label %q", n+1, line)
			}
			continue
		}
		weight, term, ok := strings.Cut(line, " ")
		w, err := strconv.ParseFloat(weight, 64)
		if !ok || err != nil || w <= 0 || label < 0 {
			return nil, fmt.Errorf("topics.txt:%d: want \"weight term\" under a [label], got %q", n+1, line)
		}
		t := topicTerm{label: label, weight: w}
		for f := range strings.FieldsSeq(term) {
			if t.n == maxTermWords {
				return nil, fmt.Errorf("topics.txt:%d: term %q has more than %d words", n+1, term, maxTermWords)
			}
			t.words[t.n] = fx.foldWord(f)
			t.n++
		}
		for _, u := range lex.topics {
			if u.label == t.label && u.words == t.words {
				return nil, fmt.Errorf("topics.txt:%d: %q is listed twice under [%s] (folded %q)", n+1, term, labelSet()[label].name, strings.Join(t.words[:t.n], " "))
			}
		}
		lex.topics = append(lex.topics, t)
	}
	for i, t := range lex.topics {
		lex.topicFirst[t.words[0]] = append(lex.topicFirst[t.words[0]], int32(i))
		lex.topicBloom.add(t.words[0])
	}
	for _, idx := range lex.topicFirst {
		// Longest first, so that "air strike" wins over "strike"; then
		// file order, for a deterministic tie.
		slices.SortStableFunc(idx, func(a, b int32) int { return cmp.Compare(lex.topics[b].n, lex.topics[a].n) })
	}
	return lex, nil
}

// isStop reports whether the lower-case word w, of hash h (fnv1a), is a
// stop word.
func (lex *lexicon) isStop(w []byte, h uint64) bool {
	if !lex.stopBloom.mayHaveHash(h) {
		return false
	}
	_, ok := lex.stop[string(w)]
	return ok
}
