// Package fingerprint is the fingerprint stage: it writes the content hash
// and the SimHash of an article's normalized text into
// doc.Event.Fingerprint, for the dedup stage (internal/dedup) to link
// re-sends, corrections and light rewrites of one story. It runs after the
// decode stage and is pure: no I/O, no state between articles, safe for
// concurrent use.
//
// # Content hash
//
// ContentHash is the hex SHA-256 of event.Event.Text exactly as the decode
// stage normalized it: two articles have the same content hash when their
// texts are byte-identical.
//
// # SimHash
//
// SimHash (Charikar 2002; Manku et al., "Detecting near-duplicates for web
// crawling", 2007) maps a text to 64 bits such that similar texts differ in
// few bits: the Hamming distance ([Distance]) between two SimHashes grows
// with the share of features the texts do not have in common.
//
//   - Words are maximal runs of letters, digits and combining marks,
//     lower-cased with unicode.ToLower; anything else (spaces,
//     punctuation, apostrophes, symbols, invalid UTF-8) separates words.
//     "U.S." is the words "u" and "s".
//   - Features are shingles: every run of k consecutive words across the
//     whole text (paragraph breaks do not cut them), k being
//     [DefaultShingleSize] = 3 unless [WithShingleSize] says otherwise. A
//     text of fewer than k words is one shingle of all its words; a text
//     without words has SimHash 0.
//   - A word hashes to FNV-1a 64 of its lower-cased UTF-8 bytes; a shingle
//     to FNV-1a over its words' 64-bit hashes, finished with MurmurHash3's
//     fmix64 so that every output bit is an even coin (FNV's low bits mix
//     poorly). Nothing depends on the process: no hash/maphash, no seeds.
//     TestSimHashStable pins known values, because SimHashes are stored
//     in the shared dedup index and must never change silently.
//   - Every shingle occurrence weighs 1 (so repeated phrases count more);
//     bit i of the SimHash is 1 when more than half of the shingles have
//     bit i set.
//
// Why 3-word shingles: single words (k=1) make a bag of words, in which
// unrelated articles on one topic drawn from the same vocabulary come
// close; longer shingles make the hash more sensitive to word order, so a
// one-word correction touches k shingles and moves the hash further. The
// measurement on samplegen's near duplicates (internal/dedup, doc.go and
// TestTradeoff) found k=3 to separate near duplicates from unrelated
// articles best; see there for the numbers.
//
// # Cost
//
// BenchmarkProcess runs the stage on a 5 KB generated article; see the
// dedup package documentation for the figures. The only allocations are the
// event.Fingerprint and its two hex strings. The bit counting uses eight
// 8-bit lanes per 64-bit word, so a shingle costs eight table look-ups and
// additions rather than 64 compares.
package fingerprint
