package numbers

import (
	"math"
	"strconv"
)

// maxNumberWords bounds the words of one number written in words
// ("two million five hundred and twenty-five thousand" is 13 tokens).
const maxNumberWords = 24

// maxDigits bounds the length of a number token that is parsed; longer
// runs of digits are not quantities.
const maxDigits = 40

// value is a number parsed from tokens [first, end).
type value struct {
	first, end int
	v          float64
	scale      float64 // the scale word's multiplier ("million"), 1 without one
	words      bool    // written in words ("seventeen", "a dozen")
}

// ParseValue parses s as a whole number expression and returns its value:
// digits with thousands separators and a decimal point ("250,000",
// "2.25"), optionally signed and followed by a scale word ("1.5
// million", "2 billion", "3bn"), or English number words ("seventeen",
// "twenty-five", "three hundred thousand", "a dozen", "half a million").
// Surrounding white space is ignored; anything else makes ok false. The
// value is always finite. ParseValue is safe for concurrent use.
func ParseValue(s string) (v float64, ok bool) {
	st := state{text: s, toks: make([]tok, 0, 8)}
	st.tokenize(0, int32(len(s)), 0)
	toks := st.toks
	if len(toks) == 0 {
		return 0, false
	}
	neg := false
	i := 0
	if toks[0].kind != tkNum && toks[0].kind != tkWord {
		if r := s[toks[0].start:toks[0].end]; r != "-" && r != "−" && r != "+" || len(toks) < 2 || !toks[1].glue || toks[1].kind != tkNum {
			return 0, false
		}
		neg = s[toks[0].start] != '+'
		i = 1
	}
	var val value
	switch toks[i].kind {
	case tkNum:
		val, ok = st.digitValue(i)
		// "3bn", "5k": a glued scale, which in text only counts after a
		// currency sign.
		if ok && val.end < len(toks) && toks[val.end].glue && toks[val.end].kind == tkWord && val.scale == 1 {
			if m := gluedScale(string(st.low(val.end))); m > 0 {
				val.v *= m
				val.end++
			}
		}
	case tkWord:
		val, ok = st.wordValue(i)
	}
	if !ok || val.end != len(toks) {
		return 0, false
	}
	if neg {
		val.v = -val.v
	}
	return val.v, true
}

// digitValue parses the number token i and a scale word after it.
func (st *state) digitValue(i int) (value, bool) {
	t := st.toks[i]
	s := st.text[t.start:t.end]
	if len(s) > maxDigits {
		return value{}, false
	}
	var buf [maxDigits]byte
	n := 0
	for j := 0; j < len(s); j++ {
		if s[j] != ',' {
			buf[n] = s[j]
			n++
		}
	}
	f, err := strconv.ParseFloat(string(buf[:n]), 64)
	if err != nil || math.IsInf(f, 0) {
		return value{}, false
	}
	val := value{first: i, end: i + 1, v: f, scale: 1}
	// "1.5 million", "1.5-billion".
	j := i + 1
	if st.glued(j) && st.isPunct(j, '-') && st.glued(j+1) {
		j++
	}
	if j < len(st.toks) && st.toks[j].para == t.para && st.toks[j].kind == tkWord && (j == i+1) != st.toks[j].glue {
		if m := scaleWord(string(st.low(j))); m > 0 {
			val.v *= m
			val.scale = m
			val.end = j + 1
		}
	}
	return val, true
}

// wordValue parses English number words starting at token i: "seventeen",
// "twenty-five", "two hundred and ten", "three hundred thousand", "a
// dozen", "a million", "half a million". A scale word alone ("million")
// is not a number.
func (st *state) wordValue(i int) (value, bool) {
	n := len(st.toks)
	para := st.toks[i].para
	k := i
	var total, group float64
	scale := 1.0
	half := false
	switch string(st.low(i)) {
	case "half":
		if !st.isWord(i+1, "a") || !multiplier(st.kindAt(i+2)) {
			return value{}, false
		}
		half = true
		group = 1
		k = i + 2
	case "a", "an":
		if !multiplier(st.kindAt(i + 1)) {
			return value{}, false
		}
		group = 1
		k = i + 1
	default:
		if kind := st.kindAt(i); kind != nwUnit && kind != nwTens {
			return value{}, false
		}
	}
	last := nwNone
	for k < n && k-i < maxNumberWords && st.toks[k].para == para && st.toks[k].kind == tkWord {
		kind, v := numberWord(string(st.low(k)))
		switch kind {
		case nwUnit:
			if last == nwUnit || last == nwTens && (v >= 10 || math.Mod(group, 10) != 0) {
				kind = nwNone
				break
			}
			group += v
		case nwTens:
			if last == nwUnit || last == nwTens {
				kind = nwNone
				break
			}
			group += v
			// "twenty-five"
			if st.glued(k+1) && st.isPunct(k+1, '-') && st.glued(k+2) {
				if kk, u := numberWord(string(st.low(k + 2))); kk == nwUnit && u >= 1 && u <= 9 {
					group += u
					k += 2
				}
			}
		case nwHund:
			if last == nwHund || group >= 100 {
				kind = nwNone
				break
			}
			group = max(group, 1) * 100
		case nwDozen:
			group = max(group, 1) * 12
		case nwScale:
			if total > 0 && v >= scale {
				kind = nwNone
				break
			}
			total += max(group, 1) * v
			group = 0
			scale = v
		}
		if kind == nwNone {
			break
		}
		last = kind
		k++
		// "two hundred and ten"
		if kind == nwHund && st.isWord(k, "and") {
			if kk := st.kindAt(k + 1); kk == nwUnit || kk == nwTens {
				k++
			}
		}
	}
	if last == nwNone {
		return value{}, false
	}
	v := total + group
	if half {
		v /= 2
	}
	if math.IsInf(v, 0) {
		return value{}, false
	}
	return value{first: i, end: k, v: v, scale: scale, words: true}, true
}

// multiplier reports whether a number word kind can follow "a" ("a
// dozen", "a hundred", "a million").
func multiplier(kind int) bool { return kind == nwHund || kind == nwScale || kind == nwDozen }

// kindAt returns the number-word kind of token i, nwNone if it is not a
// word.
func (st *state) kindAt(i int) int {
	if i >= len(st.toks) || st.toks[i].kind != tkWord {
		return nwNone
	}
	k, _ := numberWord(string(st.low(i)))
	return k
}
