// Package ner is the statistical named-entity tagger: a pure-Go averaged
// perceptron over BILOU tags with Viterbi decoding, trained on CoNLL-2003,
// that finds people, organizations, places and other names (PER, ORG, LOC,
// MISC) in raw article text. [Tagger] implements entities.Tagger, so the
// entities stage uses it through entities.WithTagger; [Load] returns one
// over the model embedded in the binary (model/ner.model, see
// model/MODEL.md). A Tagger is safe for concurrent use and allocates
// nothing per article in the steady state: its scratch memory, with a
// cache of the words seen in earlier articles, is pooled.
//
// # Tokens
//
// [Tokenize] cuts raw text the way CoNLL-2003 is tokenised: at white
// space, then punctuation off words, keeping abbreviations and initials
// ("U.S.", "Gen.", "M."), inner hyphens and periods ("S-300",
// "1996-08-30"), and splitting clitics ("Iran's" is "Iran" "'s"). On the
// corpus's own text (tokens joined by spaces) it gives back the corpus's
// tokens (all but 9 of the 51,362 dev tokens; every dev entity falls on
// token bounds), so the model trains on what it will see. Tokens keep
// their byte offsets, and spans map back to the text directly. A newline
// ends a line; lines are decoded separately.
//
// # Features
//
// Each token gets about 31 binary features, hashed (FNV-1a for strings,
// the fixed MurmurHash3 finaliser to combine) into 64 bits:
//
//   - the word, its lower-case form (digits folded to 0), the lower-case
//     words at -2..+2, the words at -1 and +1, the bigrams with the word
//     before and after;
//   - prefixes and suffixes of 1-4 bytes;
//   - the word shape (Xxxx, XX.X., dd-dd, runs capped at four) and the
//     short shape (runs collapsed) of the word and its neighbours, with
//     bigrams and the trigram of short shapes, and the short shape with
//     the words before and after;
//   - the casing context: capitalised, all capitals, sentence start,
//     line start, and whether the line is a headline in capitals (CoNLL's
//     "RUGBY UNION - CUTTITTA BACK FOR ITALY"); a Title Case headline
//     ("Putin Meets Assad in Moscow") is described as if it were in
//     capitals, so that it is read the way the model learnt headlines;
//   - the position in the line with the short shape;
//   - gazetteer membership from internal/gazetteer: the longest name
//     starting at a capitalised word, its kind (country, city, demonym,
//     organization, …) and the word's place in it (B, I, L, U), for the
//     word and its neighbours;
//   - document casing: whether the same word appears elsewhere in the
//     document at all, in lower case, or capitalised inside a sentence,
//     which tells a headline's or sentence start's name from a common
//     word.
//
// # Two passes
//
// The tagger decodes each document twice. The first pass uses the local
// features above. The second, a model of its own over the same features,
// adds features from the first pass's tags: for a capitalised word, the
// set of types the same word was given elsewhere in the document and the
// type of its first occurrence ("Hussain" after "Nasser Hussain" is a
// person; a headline's "LEICESTERSHIRE" is the organization the body
// names), and for every token its first-pass tag with its neighbours'.
// While training, the documents' first-pass tags come from five jackknife
// models that did not see them, so that the second pass learns how far
// to trust a first pass on unseen text. Both passes' weights sit side by
// side in one table and are added in one sweep, so the second pass costs
// only its five extra features and a second Viterbi. On the dev set it
// adds about 0.9 F1 (0.914 to 0.923).
//
// # Spans and types
//
// [Tagger.Tag] returns the entities.Span values the stage wants: PER is
// event.EntityPerson, LOC event.EntityLocation, ORG
// event.EntityOrganization, MISC event.EntityMisc, or event.EntityGroup
// when the gazetteer knows the span as a nationality or group ("Russian",
// "Shiite"); a span the gazetteer knows as a curated organization or
// person takes that type ("Kremlin", which CoNLL tags as a place). A
// title at the front of a person's name ("Ayatollah", "President") is
// split off as an entities.TypeTitle span, so the stage files it under
// the person's titles. [Tagger.Find] returns the model's own CoNLL-typed
// spans, for scoring.
//
// # Model and speed
//
// [Train] runs the structured perceptron (Collins 2002) with weight
// averaging, one update per line, documents shuffled by a seeded PCG
// generator: training is deterministic. Each pass stops when dev F1 has
// not improved for six epochs, and the best epoch's averaged weights are
// kept. The weights are quantized to 10 bits per pass with one scale and
// stored sparsely: a feature keeps only the tags whose weight is not
// zero, about five for both passes together.
//
// Tagging is bound by memory access, so the tables are laid out for the
// cache. Features live in open-addressing tables of 16-byte slots that
// hold the key and, for most features, the weights, so one cache line
// access finds both. The 8,192 features most frequent in training sit in
// a separate 256 KB table that stays in the core's cache; those of them
// with many weights (the common words, shapes and affixes, three quarters
// of all look-ups) also have a dense 64-byte row, the weights of the 16
// tags other than O of both passes relative to O, which is added four
// weights at a time in 16-bit lanes of a uint64: each lane holds its
// weight plus a bias of 1023, never negative, so that up to 32 rows add
// with plain additions, without carries from lane to lane. Most features a text has
// are in no table at all (new words and word pairs): a 128 KB Bloom
// filter of all the features' keys, one 64-bit word per look-up and no
// branch, finds nearly all of those missing before the hot table is
// probed (whose end the core mispredicts) and without touching the 2 MB
// cold table. The other features' slots are prefetched three steps
// ahead of use (software pipelining; a PREFETCHT0 on amd64, a load
// elsewhere), so that their cache misses overlap with other work.
// Viterbi keeps only maxima in its forward pass (conditional moves, no
// unpredictable branches) and recomputes the one argmax per token it
// needs on the way back; after a token that is clearly O (most tokens),
// where every other closed tag falls short of O by more than any
// transition could make up, it knows O is the best tag before every
// open tag and skips those maxima.
//
// Most look-ups are not made at all, because most of a token's features
// repeat (wordcache.go, wordfeat.go). Twenty of its 31-34 base features
// depend on one word alone: twelve on the token (form, affixes, shapes)
// and eight on a neighbour at -2..+2. The tagger sums them once per word
// and role into dense rows (numRoles rows of 64 bytes; a new word's
// sparse weights go to an int32 row first, without a branch per weight,
// and become lanes once per row) and keeps the sums, with what describe
// says of the word, in a cache that lives in the pooled scratch memory
// from article to article: news articles share
// most of their words, so of the 255,000 tokens of the CoNLL-2003
// training and dev documents tagged as one stream only 23% are words the
// cache has not seen (testdata/article.txt alone has 418 distinct words
// in 850 tokens). Seven more
// features (the bias, casing, document casing, place in the line and the
// short shapes around the token) have few distinct values and are summed
// once per value the same way, and the second pass's five features all
// have few values, summed per value when the model is built (58 KB).
// What remains to look up per token are its four word-pair features and
// the gazetteer's. A token's six rows are summed in registers, in one
// loop. The cache also keeps, per word, what the gazetteer says of it
// alone and what the headline test reads of it (its case), and a phrase
// cache (phrasecache.go) keeps the gazetteer's answers for the windows
// of capitalised words that may start a name and for the spans Tag
// types, so that the gazetteer's maps are seldom asked. The cache keeps
// the first 4,096 words it sees (frequent words come first) and 4,096
// shape contexts, the phrase cache 16,384 phrases, about 3.2 MB per
// pooled scratch state once full; a document's other words are summed
// for that document, a full word cache starts over every 1,024
// documents, to follow the news, and a full phrase cache at once.
// Tokenize cuts a chunk of plain ASCII letters and digits (with or
// without a trailing comma) without its general splitter. The sums are of integers, so the order does not matter, and
// adding the same number to every tag's score of a token (the O weights
// left out of dense rows) changes no Viterbi path: the tags are exactly
// those of looking every feature up (TestTaggerMatchesReference checks
// them on the dev set, tagged as a stream).
//
// On one core of the project's 2-core machine (AMD EPYC, shared with
// other work, so the figures are process CPU time, medians of 20 runs
// interleaved with the previous version), the tagger takes 0.30 ms for
// testdata/article.txt (850 tokens, 2.8 million tokens/s, against 0.55
// ms and 1.5 million before the biased lanes, the gazetteer, phrase and
// case caches, the tokenizer's fast path and the Viterbi shortcut, and
// 1.44 ms and 590,000 before the word caches), the best case, its words
// all known from the previous run (BenchmarkTagger); tagging the
// CoNLL-2003 training and dev documents as one stream
// (BenchmarkTaggerStream), it runs at about 1.1 million tokens/s
// (900,000 before; 560,000 before the word caches), and the whole
// entities stage on the article at 2.3 million (BenchmarkStage; 1.4
// million before, 610,000 before the word caches).
// The branch-free sums of new words' rows, the prefetches of cold slots
// and of the rows a token's next tokens read, and Viterbi's step written
// out tag by tag took 16% off the stream's CPU time (BenchmarkTaggerStream,
// 16 runs alternated with the version before them on the shared machine:
// 267 ms to 224 ms per stream, p=0.000); on the warm article the change
// was within the noise of that machine.
// Tagging allocates nothing in the steady state. The model file (gzip,
// columns) is 0.86 MB; its tables take 3.3 MB of memory. See
// model/MODEL.md for the scores and cmd/train-ner for the training
// command.
package ner
