// Package numbers is the numbers stage: it finds the quantities of an
// English article (counts, money, percentages, measures) with what they
// count and the word that governs them, and writes them to
// doc.Event.Numbers. It reads doc.Event.Text and Paragraphs, and
// doc.Event.Dates when the dates stage filled them; it needs no other
// stage and is pure: no I/O, no state between articles, safe for
// concurrent use, deterministic. On an article whose detected language
// is not English it marks itself skipped. [ParseValue] exposes the
// number parser.
//
// It cuts its own tokens rather than reading doc.Tokens: what it needs
// is which characters touch ("$5bn", "S-300", "48-hour", "9:42"), which
// a general tokenizer's tokens do not say, and it then works whether or
// not the segment stage ran.
//
// # Numbers
//
// A number is written in digits, with comma thousands separators and one
// decimal point ("250,000", "2.25", "$1.0820"), or in words: cardinals
// from "zero" to "ninety-nine" with "hundred", "thousand", "million",
// "billion" and "trillion" ("seventeen", "twenty-five", "three hundred
// thousand"), "a dozen", "a hundred", "a million", "half a million". A
// scale word multiplies ("1.5 million", "2 billion", "$2bn" after a
// currency sign, "1.5-billion"). A minus sign or spaced hyphen before the
// digits makes the value negative. Ordinals ("eighth", "30th") are not
// quantities, nor are vague plurals ("thousands of", "dozens of", "tens
// of thousands"), fractions ("two-thirds") and "one" used as a pronoun
// ("one of", "no one").
//
// # Quantity fields
//
// Text spans the number with its currency sign or code, scale word, and
// unit or percent word ("$862 million", "2.25 percent", "1.5 degrees
// Celsius", "magnitude 6.9", "48-hour"); not the approximating words
// before it, nor the noun it counts. Value is the number with its scale
// applied; percentages keep their face value. Unit is one of:
//
//   - an ISO 4217 currency code: from a sign before the digits ($ → USD,
//     € → EUR, £ → GBP, ¥ → JPY, ₹ → INR, …; "US$", "A$", "C$", "HK$"
//     and other prefixed dollars), from a code before or after ("USD 5
//     million"), or from a currency word after ("euros", "dollars",
//     "Australian dollars", "yen", "yuan", "rupees", "roubles", "francs",
//     …). "pounds" is GBP after a scale word or before "sterling" and a
//     weight (lb) otherwise; "won" is KRW only after a scale word;
//   - "percent" (%, percent, per cent, pct), "percentage point",
//     "basis point";
//   - a unit of measure, by its symbol for lengths, areas, masses,
//     volumes, energy and speed (km, mi, m, cm, mm, ft, in, km2, t, kg,
//     g, lb, L, gal, bbl, bbl/d, ha, acre, MW, GW, kW, kWh, mph, km/h,
//     kn, °C, °F), or a singular word for time (second, minute, hour,
//     day, week, month, year, decade, century) and for "degree" alone;
//     "magnitude" for earthquake magnitudes written before the number.
//
// Approximate is true after "about", "around", "roughly",
// "approximately", "nearly", "almost", "over", "under", "some",
// "estimated", "above", "below", "more/less/fewer than", "at
// least/most", "up to", "close to", "as many/much as", "upwards of", "in
// excess of", before "or more"/"or so", with "-plus"/"-odd", and for
// ranges.
//
// Counts is the head noun of the phrase a bare number counts: up to four
// words after it that are not function words, the last being the head,
// ending early at a plural, a verb-like word ("economists polled",
// "quake hit") or a post-nominal qualifier ("people familiar"); read
// through a partitive ("41 of the 44 economists" → "economists"). A
// quantity with a unit counts what follows "of" ("1.5 tonnes of
// supplies" → "supplies"); a compound counts its noun ("26-seat council"
// → "seat"). Time spans count nothing.
//
// Context is the word the quantity attaches to. A compound or a quantity
// with a unit used as a modifier takes the noun it modifies ("48-hour
// strike", "a 45 percent chance", "an 862 million euro contract").
// Otherwise it is the nearest content word before the number, skipping
// determiners, prepositions, possessives and approximators ("killed over
// 250,000 people" → "killed", "a depth of 23 kilometres" → "depth"); a
// number that continues the quantity before it shares its context ("fell
// 4 basis points to 2.31 percent"). When the number opens a clause (after
// punctuation, a conjunction or a verb of saying: "said 1,240 houses had
// been destroyed") the context is the verb after the counted noun, past
// auxiliaries ("destroyed"), if it looks like a verb.
//
// # Ranges
//
// "between 10 and 20", "10 to 20" and "10-20" (digits) are one quantity
// spanning the whole range, with the value of its lower end and
// Approximate set; a unit or scale written once applies to both ends
// ("10 to 20 million" is 10,000,000 to 20,000,000). "from 10 to 20" is a
// change and "379 to 258" a vote: two quantities. Reporting the lower end
// was chosen over the midpoint, which is a number the text never states,
// and over two quantities, which would lose that they bound one amount.
//
// # Not quantities
//
//   - Designators: digits glued to letters ("G7", "A321", "5G", "MH17"),
//     after a letter and a hyphen ("S-300", "F-16s", "COVID-19"), after
//     "#", or a bare number after a capitalised name ("Boeing 737",
//     "Ariane 6", "Article 5", "No. 1"), except in the headline, whose
//     words are all capitalised, and except compounds ("U.S. 10-year").
//   - Dates and years: the spans of Event.Dates when the dates stage ran;
//     in any case a number after or before a month name ("Sept. 30", "30
//     September", "October 2022"), digits joined by "/" or two hyphens
//     ("24/7", "2024-05-12"), decades ("1990s"), ordinals ("5th"), and
//     a bare four-digit number from 1900 to 2099 unless a content word
//     precedes it and a noun follows ("killed 2000 people"): so "in
//     2023", "since 1990", "the 1992 convention", "2023 and 2024" are
//     years. The heuristic applies with Event.Dates too, so that a year
//     the dates stage misses is not reported as a count.
//   - Times of day: "9:42", "6 a.m.", "0900 GMT", "3pm".
//   - Telephone numbers: a "+" before the digits, three or more groups
//     of digits joined by spaces, hyphens, points or parentheses with
//     seven digits or more, or "555-0100".
//   - Scores: "3-2" (digits joined by a hyphen, the second not larger).
//
// # Cost
//
// One pass tokenizes each paragraph; each number then looks at a bounded
// number of tokens around it, so work is linear in the text. At most 2048
// quantities are reported per article (more yields a warning).
// BenchmarkExtract runs the stage on a 5 KB wire article
// (testdata/drought.txt, some forty numbers) in 35–60 µs (80–140 MB/s) on
// the project's 2-core machine while other jobs shared it (the entities
// benchmark ran 1.3–1.8 times its documented time meanwhile), with 1
// allocation, the result; scratch memory is pooled. Most words are ruled
// out by one switch on the word as written, before any case folding. 1
// MiB of numbers takes about 20–50 ms, most of it tokenizing text past
// the bound on quantities.
package numbers
