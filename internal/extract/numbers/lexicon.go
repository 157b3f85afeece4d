package numbers

// The word lists are switch statements rather than maps: they compile to
// a binary search over constants, cost no allocation and cannot be
// changed at run time. Functions that take lower-case words say so.

// Kinds of number words.
const (
	nwNone  = iota
	nwUnit  // zero … nineteen
	nwTens  // twenty … ninety
	nwHund  // hundred
	nwScale // thousand, million, billion, trillion
	nwDozen // dozen
)

// numberWord returns the kind and value of a lower-case cardinal number
// word. Ordinals ("third") are not numbers here.
func numberWord(w string) (kind int, v float64) {
	switch w {
	case "zero":
		return nwUnit, 0
	case "one":
		return nwUnit, 1
	case "two":
		return nwUnit, 2
	case "three":
		return nwUnit, 3
	case "four":
		return nwUnit, 4
	case "five":
		return nwUnit, 5
	case "six":
		return nwUnit, 6
	case "seven":
		return nwUnit, 7
	case "eight":
		return nwUnit, 8
	case "nine":
		return nwUnit, 9
	case "ten":
		return nwUnit, 10
	case "eleven":
		return nwUnit, 11
	case "twelve":
		return nwUnit, 12
	case "thirteen":
		return nwUnit, 13
	case "fourteen":
		return nwUnit, 14
	case "fifteen":
		return nwUnit, 15
	case "sixteen":
		return nwUnit, 16
	case "seventeen":
		return nwUnit, 17
	case "eighteen":
		return nwUnit, 18
	case "nineteen":
		return nwUnit, 19
	case "twenty":
		return nwTens, 20
	case "thirty":
		return nwTens, 30
	case "forty":
		return nwTens, 40
	case "fifty":
		return nwTens, 50
	case "sixty":
		return nwTens, 60
	case "seventy":
		return nwTens, 70
	case "eighty":
		return nwTens, 80
	case "ninety":
		return nwTens, 90
	case "hundred":
		return nwHund, 100
	case "dozen":
		return nwDozen, 12
	}
	if s := scaleWord(w); s > 0 {
		return nwScale, s
	}
	return nwNone, 0
}

// scaleWord returns the multiplier of a lower-case scale word written
// after a number ("1.5 million", "$2bn"), or 0.
func scaleWord(w string) float64 {
	switch w {
	case "thousand":
		return 1e3
	case "million", "mln", "mn":
		return 1e6
	case "billion", "bln", "bn":
		return 1e9
	case "trillion", "tn", "trn":
		return 1e12
	}
	return 0
}

// gluedScale returns the multiplier of a scale suffix written against the
// digits of an amount of money ("$5m", "€2bn", "£300k"), or 0.
func gluedScale(w string) float64 {
	switch w {
	case "k":
		return 1e3
	case "m", "mn", "mln":
		return 1e6
	case "b", "bn", "bln":
		return 1e9
	case "tn", "trn":
		return 1e12
	}
	return 0
}

// currencySymbol returns the ISO 4217 code of a currency sign. "$" alone
// is the U.S. dollar and "¥" the yen, as in English-language wire copy.
func currencySymbol(r rune) string {
	switch r {
	case '$':
		return "USD"
	case '€':
		return "EUR"
	case '£':
		return "GBP"
	case '¥':
		return "JPY"
	case '₹':
		return "INR"
	case '₽':
		return "RUB"
	case '₩':
		return "KRW"
	case '₺':
		return "TRY"
	case '₪':
		return "ILS"
	}
	return ""
}

// dollarPrefix returns the code of a dollar written with a country
// prefix ("US$", "A$", "HK$"), or "".
func dollarPrefix(w string) string {
	switch w {
	case "US", "U.S.":
		return "USD"
	case "A", "AU":
		return "AUD"
	case "C", "CA", "CAN":
		return "CAD"
	case "HK":
		return "HKD"
	case "NZ":
		return "NZD"
	case "S", "SG":
		return "SGD"
	case "NT":
		return "TWD"
	case "R":
		return "BRL"
	case "Mex":
		return "MXN"
	}
	return ""
}

// isoCode reports whether w is a currency code written as a word ("USD 5
// million", "5 million EUR").
func isoCode(w string) bool {
	switch w {
	case "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "INR", "RUB", "AUD", "CAD", "HKD", "SGD",
		"NZD", "KRW", "BRL", "MXN", "ZAR", "TRY", "SEK", "NOK", "DKK", "PLN", "TWD", "ILS",
		"SAR", "AED", "EGP", "NGN", "KES", "IDR", "PHP", "THB", "VND", "MYR", "PKR", "UAH":
		return true
	}
	return false
}

// currencyWord returns the code of a lower-case currency name written
// after an amount ("862 million euros"). "pounds" and "won" are decided
// by the caller: they are also a weight and a verb.
func currencyWord(w string) string {
	switch w {
	case "euro", "euros":
		return "EUR"
	case "dollar", "dollars":
		return "USD"
	case "sterling":
		return "GBP"
	case "yen":
		return "JPY"
	case "yuan", "renminbi":
		return "CNY"
	case "rupee", "rupees":
		return "INR"
	case "rouble", "roubles", "ruble", "rubles":
		return "RUB"
	case "franc", "francs":
		return "CHF"
	case "rand":
		return "ZAR"
	case "lira", "liras":
		return "TRY"
	case "shekel", "shekels":
		return "ILS"
	case "zloty", "zlotys":
		return "PLN"
	case "rupiah":
		return "IDR"
	case "baht":
		return "THB"
	case "naira":
		return "NGN"
	case "hryvnia", "hryvnias":
		return "UAH"
	case "riyal", "riyals":
		return "SAR"
	case "dirham", "dirhams":
		return "AED"
	}
	return ""
}

// dollarCountry returns the code of "<adjective> dollars" ("Australian
// dollars"), or "".
func dollarCountry(w string) string {
	switch w {
	case "U.S.", "US", "American":
		return "USD"
	case "Australian":
		return "AUD"
	case "Canadian":
		return "CAD"
	case "Singapore":
		return "SGD"
	case "Taiwan":
		return "TWD"
	case "Kong": // Hong Kong
		return "HKD"
	case "Zealand": // New Zealand
		return "NZD"
	}
	return ""
}

// unitWord returns the canonical unit of a lower-case unit of measure, or
// "". Lengths, areas, masses, volumes and power use their symbols; time
// uses singular words.
func unitWord(w string) string {
	switch w {
	case "tonnes", "tonne", "tons", "ton":
		return "t"
	case "kg", "kilograms", "kilogram", "kilos", "kilo", "kgs":
		return "kg"
	case "grams", "gram", "grammes":
		return "g"
	case "km", "kilometres", "kilometers", "kilometre", "kilometer", "kms":
		return "km"
	case "miles", "mile":
		return "mi"
	case "metres", "meters", "metre", "meter":
		return "m"
	case "cm", "centimetres", "centimeters", "centimetre", "centimeter":
		return "cm"
	case "mm", "millimetres", "millimeters", "millimetre", "millimeter":
		return "mm"
	case "feet", "foot", "ft":
		return "ft"
	case "inches", "inch":
		return "in"
	case "yards", "yard":
		return "yd"
	case "barrels", "barrel", "bbl":
		return "bbl"
	case "bpd":
		return "bbl/d"
	case "hectares", "hectare", "ha":
		return "ha"
	case "acres", "acre":
		return "acre"
	case "litres", "liters", "litre", "liter":
		return "L"
	case "gallons", "gallon":
		return "gal"
	case "mw", "megawatts", "megawatt":
		return "MW"
	case "gw", "gigawatts", "gigawatt":
		return "GW"
	case "kw", "kilowatts", "kilowatt":
		return "kW"
	case "kwh":
		return "kWh"
	case "mwh":
		return "MWh"
	case "gwh":
		return "GWh"
	case "twh":
		return "TWh"
	case "mph":
		return "mph"
	case "kph", "km/h":
		return "km/h"
	case "knots":
		return "kn"
	case "seconds", "second":
		return "second"
	case "minutes", "minute":
		return "minute"
	case "hours", "hour":
		return "hour"
	case "days", "day":
		return "day"
	case "weeks", "week":
		return "week"
	case "months", "month":
		return "month"
	case "years", "year":
		return "year"
	case "decades", "decade":
		return "decade"
	case "centuries", "century":
		return "century"
	case "degrees", "degree":
		return "degree"
	case "bytes":
		return "B"
	case "gigabytes", "gb":
		return "GB"
	case "terabytes", "tb":
		return "TB"
	case "megabytes", "mb":
		return "MB"
	}
	return ""
}

// gluedUnit returns the unit of a lower-case suffix written against the
// digits ("5km", "10kg", "3mph"), or "".
func gluedUnit(w string) string {
	switch w {
	case "km", "kg", "mm", "cm", "ft", "mph", "kph", "mw", "gw", "kw", "kwh", "mwh", "gwh", "twh",
		"bpd", "gb", "tb", "mb", "kms", "kgs":
		return unitWord(w)
	case "m":
		return "m"
	case "t":
		return "t"
	case "g":
		return "g"
	}
	return ""
}

// monthName reports whether w (as written) names a month, in full or
// abbreviated.
func monthName(w string) bool {
	switch w {
	case "January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
		"Sept", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

// clockWord reports whether w after a number makes it a time of day.
func clockWord(w string) bool {
	switch w {
	case "a.m.", "p.m.", "a.m", "p.m", "am", "pm", "AM", "PM", "A.M.", "P.M.", "GMT", "UTC", "EST",
		"EDT", "CET", "CEST", "BST", "PST", "PDT", "CST", "CDT", "MST", "JST", "IST", "o'clock",
		"o’clock", "hrs", "ET", "PT":
		return true
	}
	return false
}

// approxBefore reports whether a lower-case word right before a number
// makes it approximate.
func approxBefore(w string) bool {
	switch w {
	case "about", "around", "roughly", "approximately", "nearly", "almost", "over", "under",
		"some", "circa", "estimated", "above", "below", "beyond", "approx":
		return true
	}
	return false
}

// yearLead reports whether a lower-case word before a four-digit number
// makes it a year ("in 2023", "since 1990", "the 2024 election").
func yearLead(w string) bool {
	switch w {
	case "in", "since", "by", "of", "from", "until", "till", "to", "through", "before", "after",
		"during", "between", "and", "or", "the", "late", "early", "mid", "end", "year", "fiscal",
		"calendar", "summer", "winter", "spring", "autumn", "fall", "season", "circa", "for",
		"than", "as", "its", "their", "his", "her", "this", "that", "last", "next", "at", "on",
		"around", "about", "into", "within", "throughout", "pre", "post", "mid-", "whose":
		return true
	}
	return false
}

// speechVerb reports whether a lower-case word is a verb of saying, which
// never governs the number after it ("said 2,500 soldiers had been sent").
func speechVerb(w string) bool {
	switch w {
	case "said", "says", "say", "told", "added", "noted", "stated", "estimated", "reported",
		"showed", "shows", "announced", "warned", "predicted", "expects", "expected", "forecast",
		"believes", "believed", "claimed", "confirmed", "wrote", "argued", "insisted", "according":
		return true
	}
	return false
}

// clauseWord reports whether a lower-case word before a number starts a
// clause, so the number's verb is after it ("and 9,800 damaged").
func clauseWord(w string) bool {
	switch w {
	case "and", "or", "but", "that", "which", "who", "while", "when", "whereas", "where",
		"because", "as", "if", "though", "although", "whom", "so", "yet", "nor", "then":
		return true
	}
	return false
}

// skipLeft reports whether a lower-case word between a number and the
// word governing it is skipped in the search for that word: determiners,
// prepositions and approximators ("killed over 250,000", "a depth of 23
// kilometres").
func skipLeft(w string) bool {
	switch w {
	case "a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "this", "these",
		"those", "to", "from", "of", "by", "at", "for", "with", "than", "about", "around",
		"roughly", "approximately", "nearly", "almost", "over", "under", "some", "more", "less",
		"fewer", "least", "most", "up", "as", "many", "much", "just", "only", "estimated",
		"close", "upwards", "excess", "in", "no", "another", "additional", "further", "extra",
		"well", "above", "below", "circa", "total", "all", "whole", "mere", "near", "forward",
		"back", "out", "down", "off", "away", "within":
		return true
	}
	return false
}

// stopWord reports whether a lower-case word cannot be part of the noun
// phrase a number counts, nor the noun or verb that governs it.
func stopWord(w string) bool {
	switch w {
	case "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and",
		"or", "but", "nor", "as", "than", "that", "which", "who", "whom", "whose", "this", "these",
		"those", "it", "its", "they", "their", "them", "he", "she", "his", "her", "we", "our",
		"you", "your", "i", "is", "are", "was", "were", "be", "been", "being", "had", "has",
		"have", "having", "will", "would", "could", "should", "may", "might", "can", "must",
		"shall", "did", "do", "does", "not", "no", "also", "each", "per", "apiece", "now",
		"still", "so", "too", "already", "ago", "later", "earlier", "last", "next",
		"more", "less", "fewer", "most", "least", "over", "under", "about", "around", "into",
		"onto", "up", "down", "out", "off", "after", "before", "since", "until", "during",
		"while", "when", "where", "if", "because", "against", "between", "among", "through",
		"across", "toward", "towards", "within", "without", "including", "such", "like",
		"all", "both", "either", "neither", "other", "another", "some", "any", "every",
		"only", "just", "even", "there", "here", "then", "year", "years", "day", "days", "week",
		"weeks", "month", "months", "time", "times", "respectively", "alone", "again",
		"instead", "plus", "minus", "versus", "vs", "via", "whereas", "yet", "however",
		"reportedly", "apparently", "roughly", "nearly", "almost", "approximately",
		"higher", "lower", "above", "below", "overall", "total", "combined", "altogether",
		"annually", "monthly", "weekly", "daily", "yearly", "percent", "cent":
		return true
	}
	return false
}

// auxiliary reports whether a lower-case word may stand between a counted
// noun and its verb ("houses had been destroyed").
func auxiliary(w string) bool {
	switch w {
	case "had", "has", "have", "been", "were", "was", "are", "is", "be", "will", "would",
		"could", "may", "might", "also", "reportedly", "already", "still", "being",
		"allegedly", "apparently", "now", "then", "all", "each", "both", "later", "subsequently",
		"recently", "initially", "eventually", "quickly", "immediately", "collectively":
		return true
	}
	return false
}
