// Package language is the language stage: it detects the language of an
// article with lingua-go and sets doc.Event.Language (an ISO 639-1 code
// and a confidence in [0,1]), which the English-only stages after it
// check with extract.Document.English. It runs after the decode stage
// on doc.Event.Text alone and is pure: no I/O, no state between articles,
// safe for concurrent use.
//
// # Rules
//
//   - The detector looks at the start of Event.Text only: the headline,
//     the standfirst and the first body words, [DefaultMaxBytes] bytes cut
//     back to a word boundary ([Sample], [WithMaxBytes]).
//   - The code is "und" ([Undetermined]) with confidence 0 when that
//     sample has fewer than [MinLetters] letters or the best language's
//     confidence is below [DefaultMinConfidence] ([WithMinConfidence]).
//     English-only stages still run on "und" articles.
//   - Confidence is lingua's, rounded to three decimals. On an article it
//     is close to 1 for the right language: lingua's softmax over summed
//     trigram log-probabilities is very peaked once a text has a few
//     dozen letters. It is informative only for short texts.
//
// # Languages
//
// The default set ([DefaultLanguages]) is English, French, German,
// Spanish, Italian, Portuguese, Dutch, Russian, Arabic and Chinese: the
// six U.N. languages and the services of the big agencies (AFP in French,
// English, Spanish, German, Portuguese and Arabic; dpa, EFE, ANSA, Lusa,
// ANP, TASS, Xinhua), including the Latin-script languages an English
// text is most often confused with. The stage exists to gate English-only
// stages, so what matters is that a non-English text is not called
// English: a language outside the set comes out as its nearest relative
// in the set (Swedish as German or Dutch, Catalan as Spanish), which
// still skips those stages. Every language added costs about 1 MiB of
// heap and a little time on Latin-script text; Cyrillic, Arabic and Han
// text is settled by lingua's alphabet rules before any model is used.
//
// # Accuracy mode and sample size
//
// Low-accuracy mode (the default) scores trigrams only; high accuracy
// ([WithHighAccuracy]) adds uni-, bi-, quadri- and fivegrams for texts
// under 120 letters, which helps on single words and short phrases, not
// on articles, at the price of about 175 MiB of heap and 4 s at New
// (TestDetectorCost -cost-high).
//
// TestSampleSize scores the start of each of the 129 paragraphs of the
// fixtures (testdata/, one article per default language, written for
// this package) and the project's samples: 67 right at 24 bytes, 100 at
// 32, 123 at 48 (the misses are English sentences opening on foreign
// names, such as "President Ferdinand Marcos Jr. ordered the"), and all
// 129 from 64 bytes on. 256 bytes is four times the size that was
// always right. When lingua scores the sample itself (a text with
// letters outside the Latin script, see Speed), its cost grows with the sample, and
// past about 400 letters its exponentials underflow float64 and it
// switches to arbitrary-precision decimals, four times slower (lingua's
// CPU time per article, WithLinguaOnly: 64 bytes 0.15 ms, 128 bytes 0.2
// ms, 256 bytes 0.37 ms, 512 bytes 0.65 ms, 1 KB 3.0 ms, 2 KB 4.2 ms, a
// whole 3 KB article 5.0 ms); 256 bytes stays under that cliff for every
// language of the set. The detector's own scoring of Latin text costs
// about 22 ns a byte at any size (BenchmarkSampleSize: 64 bytes 1.4 µs,
// 256 bytes 5.7 µs, 1 KB 18 µs, 3 KB 38 µs).
//
// On real English news, the 1,162 documents of the CoNLL-2003 training
// and development splits (Reuters, 1996; TestCoNLLEnglish, which reads
// them from the shared data folder), 256 bytes find English in 98.3%:
// 128 bytes 96.9%, 512 bytes 98.2%, 1 KB 97.6%, 4 KB 97.8%. The misses
// are sports results and tables that are mostly foreign names ("SOCCER -
// DUTCH FIRST DIVISION RESULTS … NEC Nijmegen"), called Dutch,
// Portuguese or French; more text brings more names, not more English.
//
// # Cost
//
// New loads the trigram models of the configured languages (lingua's
// WithPreloadedLanguageModels): about 0.3 s and 8.3 MiB of live heap
// (8.4 MiB in use) for the default set, and nothing more after the first
// article (TestDetectorCost, which measures each mode in a fresh
// process). Loaded lazily, lingua's default, the first article pays
// instead: 0.15 to 0.35 s against about 1 ms preloaded, and concurrent
// first articles each load the same models. lingua keeps the models in
// package-level caches for the life of the process, so a second Detector
// costs only its own tables for Latin text (below). Note that lingua embeds the models of all its 75
// languages in the binary (128 MB of zipped models; the test binary of
// this package is 140 MB), whichever are used.
//
// The detector's own tables for Latin text (see Speed) add about
// 4.3 MiB per Detector: the log probabilities of the 35,700 trigrams,
// 3,000 bigrams and 160 unigrams of Latin letters of the seven
// Latin-script languages, side by side, in open-addressing tables with
// each row next to its key (one 64-byte line per n-gram) filled to at
// most three quarters. That is 1.3 MiB more than Go maps and separate
// rows took, for a third fewer cache misses: in the stage chain the
// other stages evict the tables between articles, and the language
// stage's time there went from 21 to 13 µs per article. (They took
// 1 MiB when they held ASCII n-grams only.) The detector also has lingua
// load the small uni- and bigram models of those languages at New,
// which lingua otherwise loads on the first text that needs them.
// TestDetectorCost measures 13.2 MiB of live heap after New and after
// the first article (8.3 MiB when every text went to lingua), New
// 0.1-0.4 s as before, and the first article 0.02-0.15 ms instead of
// 1 ms.
//
// # Speed
//
// lingua's ComputeLanguageConfidenceValues costs about 0.4 ms of CPU for
// a 256-byte sample, nearly all of it overhead: a goroutine and a channel
// per call, regular expressions per word and per alphabet, maps, and
// exponentials in arbitrary-precision decimals. So the detector computes
// the same thing itself for the common case, a sample whose letters are
// all in the Latin script, ASCII or not (nearly all news in English and
// the other Latin-script languages, with names such as "Bogotá",
// "Micheál" or "Wałęsa"; latin.go). For such a text every word is in
// the Latin alphabet, so the candidates are the configured languages
// written in it; lingua's two rules on characters look only at the
// letters outside ASCII, and the detector applies them as lingua does
// (a language decided by its unique characters, German "ß"; candidates
// narrowed to those that lingua's character table gives for half the
// words or more). lingua's low-accuracy score is then the softmax of
// each candidate's summed log probabilities of the text's distinct
// trigrams, each falling back to its first two letters and then its
// first letter where the language's model lacks it. The detector reads
// lingua's own models and rule tables (through go:linkname, as lingua
// exports no way to read them; go.mod pins lingua-go v1.4.0) into one
// table of log probabilities per n-gram with all candidates side by
// side and the fallbacks to shorter n-grams resolved in advance, so a
// trigram is one look-up of one row, and computes the softmax relative
// to the best sum in float64, which needs no decimals.
// TestLatinMatchesLingua checks language and confidence (within 1e-9)
// against lingua on 1,440 samples (fixtures, generated articles and
// texts made to exercise each rule) for the default languages and for
// thirteen languages with many rules, FuzzLatinMatchesLingua on any
// text, and the detector reports exactly what it reported when every
// text went to lingua on every test text and every CoNLL-2003 document.
// Samples with other letters (Greek, Cyrillic, Arabic, Han, or a letter
// of no script such as "µ") still go to lingua, as does every text with
// WithHighAccuracy, WithLinguaOnly or fewer than two configured
// Latin-script languages.
//
// BenchmarkDetect: about 3-6 µs of CPU and no allocations per English
// article on the project's 2-core machine (0.4-0.6 ms, 1,020
// allocations and 29 KB when every text went to lingua; the cpu-ns/op
// metric is process CPU time, steadier than wall time on a shared
// machine). BenchmarkDetectGenerated, over the generated articles of the
// stage chain's benchmark, one in ten of which has a name with an
// accent in its sample: 3.5 µs and no allocations (60 µs and 97
// allocations when only ASCII samples were scored here). A text with
// letters outside the Latin script costs what lingua costs, about
// 0.4 ms.
package language
