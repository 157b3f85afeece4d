package summary

import (
	"cmp"
	_ "embed"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirestream/wirestream/event"
)

//go:embed data/stopwords.txt
var stopwordsFile string

// loadStopWords parses the embedded stop word list.
func loadStopWords() map[string]struct{} {
	stop := map[string]struct{}{}
	for line := range strings.SplitSeq(stopwordsFile, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && line[0] != '#' {
			stop[line] = struct{}{}
		}
	}
	return stop
}

// PageRank parameters: the usual damping, and a convergence bound that
// fixes the number of iterations for a given input.
const (
	damping       = 0.85
	maxIterations = 100
	epsilon       = 1e-6
)

// textRank returns the s.sentences most central of st.cands, in text
// order (Mihalcea and Tarau, 2004): sentences are the nodes of a graph
// whose edges weigh the overlap of their content words (lower case,
// plural "s" dropped, stop words and numbers left out), normalised by
// their lengths,
//
//	w(i,j) = |Wi ∩ Wj| / (ln |Wi| + ln |Wj|),
//
// and PageRank ranks the nodes. Ties go to the earlier sentence. The
// work is quadratic in len(st.cands), which the window bounds.
func (s *Summarizer) textRank(st *scratch, text string) []event.Span {
	n := len(st.cands)
	s.bagWords(st, text)
	st.w = resize(st.w, n*n)
	for i := range n {
		bi := st.bags[st.bagOff[i]:st.bagOff[i+1]]
		for j := i + 1; j < n; j++ {
			bj := st.bags[st.bagOff[j]:st.bagOff[j+1]]
			var w float64
			if ov := overlap(bi, bj); ov > 0 {
				den := math.Log(float64(len(bi))) + math.Log(float64(len(bj)))
				w = float64(ov) / max(den, 1)
			}
			st.w[i*n+j], st.w[j*n+i] = w, w
		}
	}
	st.rowSum = resize(st.rowSum, n)
	for i := range n {
		var sum float64
		for j := range n {
			sum += st.w[i*n+j]
		}
		st.rowSum[i] = sum
	}
	st.score, st.next = resize(st.score, n), resize(st.next, n)
	for i := range st.score {
		st.score[i] = 1
	}
	for range maxIterations {
		var delta float64
		for i := range n {
			var in float64
			for j := range n {
				if w := st.w[j*n+i]; w > 0 {
					in += w / st.rowSum[j] * st.score[j]
				}
			}
			st.next[i] = 1 - damping + damping*in
			delta = max(delta, math.Abs(st.next[i]-st.score[i]))
		}
		st.score, st.next = st.next, st.score
		if delta < epsilon {
			break
		}
	}
	st.order = st.order[:0]
	for i := range n {
		st.order = append(st.order, int32(i))
	}
	slices.SortFunc(st.order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(st.score[b], st.score[a]), cmp.Compare(a, b))
	})
	top := st.order[:min(s.sentences, n)]
	slices.Sort(top)
	st.chosen = st.chosen[:0]
	for _, i := range top {
		st.chosen = append(st.chosen, st.cands[i])
	}
	return st.chosen
}

// bagWords fills st.bags with each candidate sentence's distinct content
// words as ids.
func (s *Summarizer) bagWords(st *scratch, text string) {
	for si, sp := range st.cands {
		for i := sp.Start; i < sp.End; {
			r, size := utf8.DecodeRuneInString(text[i:sp.End])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size
				continue
			}
			j := i + size
			letter := unicode.IsLetter(r)
			for j < sp.End {
				r2, n := utf8.DecodeRuneInString(text[j:sp.End])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) && r2 != '\'' && r2 != '’' && r2 != '-' {
					break
				}
				letter = letter || unicode.IsLetter(r2)
				j += n
			}
			if letter {
				s.addWord(st, int32(si), text[i:j])
			}
			i = j
		}
	}
	// One string for all the words, so that the map keys need no
	// allocation of their own.
	st.lower = string(st.arena)
	st.bagOff = append(st.bagOff, 0)
	sent := int32(0)
	for _, w := range st.wordAt {
		for sent < w.sent {
			st.closeBag()
			sent++
		}
		key := st.lower[w.off : w.off+w.n]
		id, ok := st.ids[key]
		if !ok {
			id = int32(len(st.ids))
			st.ids[key] = id
		}
		st.bags = append(st.bags, id)
	}
	for sent < int32(len(st.cands)) {
		st.closeBag()
		sent++
	}
}

// closeBag sorts and deduplicates the last sentence's word ids.
func (st *scratch) closeBag() {
	start := st.bagOff[len(st.bagOff)-1]
	bag := st.bags[start:]
	slices.Sort(bag)
	bag = slices.Compact(bag)
	st.bags = st.bags[:int(start)+len(bag)]
	st.bagOff = append(st.bagOff, int32(len(st.bags)))
}

// addWord records w, a word of sentence si, in lower case without a
// possessive or plural "s", unless it is a stop word.
func (s *Summarizer) addWord(st *scratch, si int32, w string) {
	off := len(st.arena)
	for _, r := range w {
		if r == '’' {
			r = '\''
		}
		st.arena = utf8.AppendRune(st.arena, unicode.ToLower(r))
	}
	lw := st.arena[off:]
	if _, stop := s.stop[string(lw)]; stop {
		st.arena = st.arena[:off]
		return
	}
	n := len(lw)
	switch {
	case n > 2 && lw[n-2] == '\'' && lw[n-1] == 's':
		n -= 2
	case n > 3 && lw[n-1] == 's' && lw[n-2] != 's' && lw[n-2] != 'u' && lw[n-2] != 'i':
		n--
	}
	st.arena = st.arena[:off+n]
	st.wordAt = append(st.wordAt, wordRef{sent: si, off: int32(off), n: int32(n)})
}

// overlap counts the ids two sorted lists share.
func overlap(a, b []int32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// resize returns s with length n, zeroed.
func resize(s []float64, n int) []float64 {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}
