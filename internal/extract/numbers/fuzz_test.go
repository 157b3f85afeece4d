package numbers

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract/extracttest"
)

// FuzzNumbers checks the number parser and the stage on any input.
//
// The parser: no panic; a value it accepts is finite; a plain run of
// digits (with or without a decimal part) parses to what strconv says,
// grouped with thousands separators or not; a scale word multiplies it;
// a number spelled out in words parses back to itself.
//
// The stage: no panic; quantities inside the text, in order, matching
// their spans, with finite values, whatever the paragraphs and dates.
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{
		"250,000", "2.25", "1.5 million", "twenty-five", "a dozen", "$862 million",
		"The war has killed over 250,000 people.",
		"Between 10 and 20 percent; S-300, G7, Sept. 30, 9:42 a.m., +44 20 7946 0958.",
		"twenty-five hundred twenty-five hundred", "1,000,000,000,000,000,000,000",
		"−5 degrees\n\nA$5bn 10-20 3-2 1990s 5th '80s",
		"A\xffB 1\xe2\x80 2",
	} {
		f.Add(s, uint32(len(s)))
	}
	if raw, err := os.ReadFile(extracttest.SharedSample); err == nil {
		f.Add(string(raw), uint32(250000))
	}
	n := New()
	f.Fuzz(func(t *testing.T, s string, num uint32) {
		if v, ok := ParseValue(s); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("ParseValue(%q) = %v", s, v)
		}
		checkDigits(t, strconv.FormatUint(uint64(num), 10))
		if digits := onlyDigits(s); digits != "" {
			checkDigits(t, digits)
		}
		checkWords(t, num%1_000_000_000)

		paras := extracttest.Paragraphs(s)
		checkQuantities(t, s, n.Extract(s, paras, nil))
		l := len(s)
		dates := []event.DateMention{{Start: l / 4, End: l / 2}, {Start: -3, End: l + 3}, {Start: l / 3, End: l / 3}}
		odd := []event.Paragraph{{Start: l / 2, End: l}, {Start: 0, End: l / 2}}
		for _, ps := range [][]event.Paragraph{paras, odd, nil} {
			for _, q := range n.Extract(s, ps, dates) {
				if q.Start < 0 || q.Start >= q.End || q.End > l || s[q.Start:q.End] != q.Text {
					t.Fatalf("quantity %+v outside text of %d bytes", q, l)
				}
			}
		}
	})
}

// checkDigits checks the parser on a run of digits: plain, grouped by
// thousands, with a decimal part and with a scale word.
func checkDigits(t *testing.T, digits string) {
	t.Helper()
	if len(digits) > 15 {
		digits = digits[:15]
	}
	want, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{digits, group(digits)} {
		if v, ok := ParseValue(s); !ok || v != want {
			t.Fatalf("ParseValue(%q) = %v, %v; want %v", s, v, ok, want)
		}
		if v, ok := ParseValue(s + " million"); !ok || v != want*1e6 {
			t.Fatalf("ParseValue(%q million) = %v, %v; want %v", s, v, ok, want*1e6)
		}
	}
	dec := digits + ".25"
	wantDec, _ := strconv.ParseFloat(dec, 64)
	if v, ok := ParseValue(dec); !ok || v != wantDec {
		t.Fatalf("ParseValue(%q) = %v, %v; want %v", dec, v, ok, wantDec)
	}
}

// group writes digits with comma thousands separators.
func group(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < 15; i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// checkWords checks that n spelled out in words parses back to n.
func checkWords(t *testing.T, n uint32) {
	t.Helper()
	s := spell(n)
	if v, ok := ParseValue(s); !ok || v != float64(n) {
		t.Fatalf("ParseValue(%q) = %v, %v; want %d", s, v, ok, n)
	}
}

// spell writes n (below a billion) in English words: "three hundred and
// twenty-one thousand and five" style, without the "and"s.
func spell(n uint32) string {
	if n == 0 {
		return "zero"
	}
	var parts []string
	for _, sc := range []struct {
		v    uint32
		name string
	}{{1_000_000, "million"}, {1000, "thousand"}} {
		if n >= sc.v {
			parts = append(parts, spellHundreds(n/sc.v), sc.name)
			n %= sc.v
		}
	}
	if n > 0 {
		parts = append(parts, spellHundreds(n))
	}
	return strings.Join(parts, " ")
}

func spellHundreds(n uint32) string {
	units := []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	var parts []string
	if n >= 100 {
		parts = append(parts, units[n/100], "hundred")
		n %= 100
	}
	switch {
	case n >= 20 && n%10 != 0:
		parts = append(parts, tens[n/10]+"-"+units[n%10])
	case n >= 20:
		parts = append(parts, tens[n/10])
	case n > 0:
		parts = append(parts, units[n])
	}
	return strings.Join(parts, " ")
}
