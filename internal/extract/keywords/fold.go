package keywords

// pluralStem returns the singular of the lower-case word w as the length
// of the prefix of w to keep and whether to add a "y" to it: "rates" →
// "rate", "companies" → "company", "businesses" → "business", "taxes" →
// "tax". It is a light, conservative S-stemmer: words of three letters or
// fewer and words ending in "ss", "us", "is", "as", "os" or in "'s" are
// left alone, and so are a few common singulars ending in "s". Only
// consistency matters: the stage folds the text and its word lists the
// same way, and shows the text's own spelling.
func pluralStem(w []byte) (n int, y bool) {
	n = len(w)
	if n <= 3 || w[n-1] != 's' {
		return n, false
	}
	switch string(w) {
	case "news", "series", "species", "means", "politics", "economics",
		"physics", "athletics", "mathematics", "headquarters", "always":
		return n, false
	}
	switch w[n-2] {
	case 's', 'u', 'i', 'a', 'o', '\'':
		return n, false
	case 'e':
		switch {
		case n > 4 && w[n-3] == 's' && w[n-4] == 's':
			return n - 2, false // "businesses" → "business"
		case n > 4 && w[n-3] == 'i' && w[n-4] != 'e' && w[n-4] != 'a':
			return n - 3, true // "companies" → "company"
		case w[n-3] == 'h' && (w[n-4] == 'c' || w[n-4] == 's'),
			w[n-3] == 'x',
			n > 4 && w[n-3] == 'z' && w[n-4] == 'z':
			return n - 2, false // "matches", "crashes", "taxes"
		}
	}
	return n - 1, false
}
