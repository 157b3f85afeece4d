// Package keywords is the keywords stage: it sets an article's key
// phrases (Event.Keywords) and its topic label (Event.Topic). It runs
// after decode, segment and entities, reads Event.Text, Paragraphs,
// Section, Sentences, Entities and doc.Tokens, and is pure: no I/O, no
// state between articles apart from pooled scratch memory, safe for
// concurrent use. Key phrases need English; the topic from the feed's
// section does not (see [Extractor.Process]).
//
// # Words and sentences
//
// When the segment stage has run, its sentences (Event.Sentences) and
// word tokens (doc.Tokens) are used; when they are absent or malformed
// (out of order, outside the text), the stage splits the text itself:
// paragraphs at blank lines when Event.Paragraphs is missing, sentences
// at ".", "!", "?" or "…" before a capital, digit or opening quote,
// except after titles, months, initials and dotted abbreviations ("Gen.",
// "Sept.", "J.", "U.S."), and words as runs of letters and digits with
// inner apostrophes, hyphens and periods, like TokenWord. A possessive
// "'s" is not part of a word; numbers are not words and break phrases.
// Words are folded for counting: lower case, curly apostrophes straight,
// plural "s" removed ("rates" and "rate" are one term); acronyms keep
// their case, so "US" is not the stop word "us". Stop words are
// data/stopwords.txt: English function words plus the generic words of
// wire copy (reporting verbs, weekdays, months, "percent", "year",
// spelled-out numbers, titles such as "president").
//
// # Key phrases: YAKE
//
// Key phrases are scored with YAKE (Campos et al., "YAKE! Keyword
// extraction from single documents using multiple local features",
// Information Sciences 509, 2020), unsupervised and from the article
// alone. Each term that is not a stop word gets
//
//	H = (Position × Relatedness) / (Casing + Frequency/Relatedness + Spread/Relatedness)
//
// from its casing (capitalised mid-sentence or an acronym; headline
// words do not count, as headlines may be in title case), the median
// index of the sentences it is in (early is better; the headline is
// sentence 0), its frequency against the article's mean and standard
// deviation, how many different words stand next to it (a word that
// goes with anything is a stop word in disguise), and the share of
// sentences it is in. Candidates are the n-grams of one to three words
// inside a phrase chunk (no punctuation inside) that neither start nor
// end with a stop word; a stop word inside counts by how strongly it
// binds its neighbours ("Bank of England"). A candidate scores
// S = Π H / (TF × (1 + Σ H)); lower is better.
//
// Deviations from YAKE, each for a failure seen on the samples:
//   - a lower-case word ending in "ed" cannot end a phrase ("dockworkers
//     walked"): without a part-of-speech tagger it is the cheapest sign
//     of a verb;
//   - fragments are dropped: a phrase that a phrase one word longer
//     contains as often ("six rare" in "six rare earth"), or that starts
//     (ends) with a word always preceded (followed) by the same content
//     word ("earth market" where "earth" only follows "rare");
//   - near duplicates are merged, keeping the better: two phrases that
//     share two thirds of their content terms ("rare earth", "rare earth
//     magnets"; but "river" and "river levels" both stay), that are
//     within a small edit distance ("licence", "license"), or that spell
//     mentions of the same entity ("ECB", "European Central Bank").
//
// The best [DefaultMaxKeywords] phrases are kept. Score is
// 1/(1 + ln(S/S_best)), rounded to three decimals: the best phrase has
// 1, a phrase ten times worse about 0.3; all are in (0,1]. Count is the
// number of occurrences of the phrase's folded form (so of its plural
// too). Text is the phrase's most frequent spelling, ignoring case,
// from the occurrence best placed to show its case (mid-sentence in the
// body, not cutting a name); a capital that only the sentence start
// explains is lowered ("Markets reacted" gives "markets").
//
// # Entities: used to clean, not to boost
//
// The entities stage's mentions could boost phrases that spell an
// entity. Measured on the samples, a boost (score × 0.5) turned the lists
// into copies of Event.Entities: YAKE's casing feature already favours
// names, and with the boost the U.N. climate story's ten phrases held
// seven names and places and lost "adaptation" and "talks"; the Syria
// article's were nine names and "President". Without a boost the lists
// mix the main names with the subject ("climate", "adaptation", "talks",
// "draft"; "rare earth", "trade", "magnets"). So mentions are used only
// (a) to drop phrases every occurrence of which cuts through a name
// ("Central Bank lowered", "Syrian President Bashar") and (b) to merge
// phrases that name the same entity.
//
// # Topic
//
// The label set is the top level of the IPTC Media Topics vocabulary,
// one short label each ([Labels], [IPTCCode]): arts, crime, disaster,
// economy, education, environment, health, labour, lifestyle, politics,
// religion, science, society, sport, conflict and weather (IPTC's "human
// interest" has no label; such stories fall to society or lifestyle).
//
// Source "feed": when Event.Section, normalised ([NormalizeSection]),
// is in the section table ([DefaultSectionTopics], extended with
// [WithSectionTopics]), the feed's own desk decides, with confidence 1.
// Regional and format sections ("World News", "Middle East", "Opinion",
// "Variety") are not in the table and fall through to the rules.
//
// Source "rules": data/topics.txt lists, per label, terms of one to three
// words with a weight of 1 (suggestive), 2 (typical) or 3 (decisive). A
// term's occurrences count 3 in the headline, 2 in the standfirst and 1
// in the body (longest term first: "air strike" is conflict, not the
// labour "strike"); a term adds weight × log2(1 + its count) to its
// label, so repetition saturates. The confidence is
//
//	top/(top + 15) × (0.5 + 0.5 × (top − second)/top)
//
// the strength of the evidence scaled down by up to a half when the
// runner-up is close; below [DefaultMinTopicConfidence] (0.35) the topic
// is nil rather than a guess. Measured with the rules alone (sections
// removed), label score against the runner-up: ECB rates economy 0.813
// (84 vs labour 7), U.N. climate environment 0.558 (46 vs politics 24),
// Mindanao earthquake disaster 0.788 (81 vs health 11), U.S.-China trade
// economy 0.752 (68 vs politics 11), ESA lander science 0.718 (74 vs
// economy 20), Rotterdam strike labour 0.500 (46 vs economy 31), the
// shared Syria article conflict 0.553 (71 vs politics 47). With their
// sections the ESA story is science ("Science") and the Rotterdam story
// economy ("Business") from the feed.
//
// # Bounds and cost
//
// The stage reads at most [DefaultMaxWords] words ([WithMaxWords]); a
// longer text is cut with a warning. All work is linear in the words
// except the final selection, which looks at no more than 30 candidates
// per keyword wanted. Output is deterministic: maps are only used for
// lookups, never iterated into the output, and ties break on text
// position. BenchmarkProcess (testdata/danube.txt, a 5 KB article, own
// split) runs in about 110 µs, 46 MB/s, on the project's 2-core machine
// (BenchmarkProcessTokens, with the segment stage's tokens, about
// 89 µs, 56 MB/s), with 2 allocations: the keywords and the topic
// (folded words stay in pooled scratch bytes). Hot lookups avoid Go
// maps: words are interned in an open-addressing table keyed by a hash
// taken while lower-casing, and their folded forms (the terms) in the
// same table after them (a Go map there cost about 5% of the stage);
// word pairs and three-word phrases in another, and Bloom filters
// answer for the words that are no stop word or topic term. The hash is
// taken once per word and reused by the filters and the term table.
package keywords
