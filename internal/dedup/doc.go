// Package dedup is the dedup stage and the near-duplicate index behind it:
// it links each article to an earlier version of the same story (a
// re-send, a correction, a light rewrite) and gives all versions one
// StoryID. It runs after the fingerprint stage
// (internal/extract/fingerprint), whose content hash and SimHash it reads
// from event.Fingerprint and whose story fields it fills.
//
// The index is a log: a JetStream stream ([DefaultStream]) that every
// worker replica appends to and follows. The stream's sequence numbers put
// all articles of all replicas in one order, and the story an article gets
// is decided by that order alone, so replicas agree without locks or
// compare-and-set. Each replica keeps the log's recent window in memory
// ([Config.Window]) and looks candidates up there, so an article costs two
// small appends and no reads, whatever the index's size.
//
// Unlike the other stages it does I/O and owns a goroutine (the log's
// consumer): [Open] starts it, [Index.Close] stops it. It imports nats.go's
// jetstream package itself rather than going through internal/natsx.
//
// # The log
//
// Subjects "wirestream.dedup.<stream>.claim" and ".result", file storage,
// messages expire after Config.TTL, at most 4 × Window messages kept.
//
//	claim   {"a": article id, "h": SimHash, "c": content hash}
//	        Nats-Msg-Id "c." + 32 hex digits of the SHA-256 of the id
//	result  {"q": the claim's sequence number, "s": story id,
//	         "d": duplicate of, "n": distance, "x": exact}
//	        Nats-Msg-Id "r." + the claim's sequence number
//
// # Protocol
//
// To link an article, a replica appends its claim and gets its sequence
// number S back with the acknowledgement (for a redelivery inside the
// stream's two-minute duplicate window, the first claim's number). It
// waits until its own consumer has applied the log up to S, then decides
// the claim from the claims before S:
//
//  1. Candidates are the claims before S, at most Window log messages and
//     TTL (by the log's timestamps) before it, that share a SimHash band
//     value or the content hash with it. Two SimHashes within Hamming
//     distance Bands−1 agree on at least one of Bands disjoint bands
//     (pigeonhole), so every such claim is found; farther ones when a band
//     happens to match. The threshold is applied to the full distance, so
//     band collisions never cause a false link.
//  2. The best candidate is an exact copy (same content hash) first, then
//     the smallest distance within Config.Threshold, then the first in the
//     log. The article takes the best candidate's StoryID, which it reads
//     from the candidate's result, waiting for it if the candidate's owner
//     has not recorded it yet, and records DuplicateOf, Distance and
//     Exact. Without a candidate it starts a story: StoryID = [NewStoryID]
//     = "s-" + the first 16 hex digits of its content hash (fixed-width and
//     key-safe whatever the feed's ids look like, and the same on every
//     retry).
//  3. It appends the result and returns the first result the log holds for
//     S, which is its own unless another replica was faster (below). When
//     the server does not call its result a duplicate, it is the first (a
//     result appended earlier is either in the duplicate window or before
//     S, and so already applied; Config.Validate keeps Timeout under half
//     the window), and the owner returns it without waiting for it to come
//     back through the log.
//  4. Except for a new story decided on the whole window: the owner has
//     applied the log from its beginning or from at least Window messages
//     before S, and forgotten none of the claims since. Every replica
//     that decides S sees a subset of the owner's candidates, which is
//     none, so every result that can be recorded for S is the same new
//     story. The owner records it with a plain publish, without asking
//     for the server's acknowledgement, and returns at once: one round
//     trip less for about four articles in five. A result so lost (the
//     server fails before storing it) costs a replica that needs it the
//     grace period below, after which it decides S itself, alike. A
//     replica just started on a long log waits for the acknowledgement
//     until it has applied a whole window.
//
// A claim of an article id already claimed within the window is an alias:
// it gets the first claim's result and is not a candidate itself. So a
// redelivery, even after the duplicate window, or the same id re-sent with
// other text (the feed says it is the same article), gets its first
// result and is never linked to itself.
//
// Why two replicas that link near duplicates A and B at the same moment
// end in one story: their claims are ordered in the log, say A before B.
// B's candidates include A (they share a band), so B links to A or to a
// nearer earlier version of the same story, and takes that story; A
// never sees B, which is after it. The earlier version's story is read
// from its recorded result, so no replica can see a different one.
// TestConcurrentReplicas runs two replicas on two connections through 120
// such races (in a typical run both claims reach the log before either
// result in 100 of them); TestLaterClaimWaitsForEarlierResult forces the
// interleaving.
//
// The owner of a claim may die between its claim and its result. A later
// article that needs that result waits [resultGrace] for it, then decides
// the orphan claim itself (the rule above only reads the log) and appends
// its result; the redelivery of the orphan's article finds its claim (an
// alias) and gets that result. Two replicas may append a result for one
// claim: every replica uses the first, so they still agree, and a result
// that came late is ignored.
//
// Limits: chains in which A is near B and B near C but A not near C can
// leave two stories where one would be right, and articles further apart
// than Window or TTL are not linked; neither can link unrelated articles.
//
// # Memory
//
// A replica holds the claims of the last 1.25 × Window log messages (the
// quarter for owners still deciding when the log has moved on) in a ring
// that grows by half up to that bound and forgets the oldest claims as the
// log moves on. A claim is a 104-byte record, 20 bytes of chain links and
// its entries in the id and content maps; content hashes are held as their
// first 128 bits, and a result's strings share the earlier version's where
// equal. BenchmarkIndexMemory (three windows of messages, ids of 36 bytes)
// measures 272 bytes an article held: the default window of 200,000
// messages holds 125,000 articles in 32 MiB of heap (the Go GC may let
// the process grow by as much again before it collects). A window of
// 500,000 held 312,500 articles in 88 MiB. At startup [Open] replays the
// last 1.25 windows of the log (about 3.6 µs a message) before the stage
// takes its first article.
//
// Set Window from the arrival rate and how late a re-send may come: at 20
// articles a second the default reaches back about 80 minutes, at 1,500
// (a backfill) about a minute; TTL bounds it in time as well. The
// default keeps a worker with a million-article backlog under 300 MB
// (docs/BENCHMARKS.md); the old KV index reached back a full TTL, at the
// price of twelve round trips an article (see Cost).
//
// # Errors
//
// The log's consumer is nats.go's ordered consumer, which recreates
// itself after missed heartbeats; in case it stays silent anyway (the
// fault tests saw one do so for minutes after its node was killed under
// load), the index replaces it when it has applied nothing for
// stallAfter (10 s) while a Link call waits on it, from the message
// after the last one applied, and ignores the old one's deliveries.
//
// Nothing here is bad input (no error wraps extract.ErrBadInput): log
// failures, timeouts, a claim outside the window and a missing
// fingerprint are all transient for the worker, which redelivers with
// backoff. Every call takes the caller's context, bounded by
// Config.Timeout (5 s by default) for the whole Link.
//
// # Measurement and choice of the defaults
//
// TestTradeoff (go test ./internal/dedup -run TestTradeoff -v -tradeoff,
// about 20 seconds) links samplegen articles in publication order, 20% of
// them near duplicates (a corrected word, an inserted paragraph of 200-500
// bytes, or both; Article.DuplicateOf is the truth), in all three formats,
// through the decode and fingerprint stages. A link is right when the
// article and its DuplicateOf are versions of the same generated story.
// Precision = right links / links; recall = right links / near
// duplicates. Uncapped lists unless said otherwise.
//
// Shingle size k of the fingerprint stage, 4 bands, 4,000 articles (770
// near duplicates):
//
//	| k | threshold | precision | recall | originals merged into another story |
//	|---|-----------|-----------|--------|-------------------------------------|
//	| 1 |     3     |   0.260   | 0.843  | 1760                                |
//	| 2 |     3     |   1.000   | 0.682  | 0                                   |
//	| 2 |     6     |   0.979   | 0.830  | 14                                  |
//	| 3 |     3     |   1.000   | 0.626  | 0                                   |
//	| 3 |     6     |   1.000   | 0.787  | 0                                   |
//	| 5 |     6     |   1.000   | 0.731  | 0                                   |
//	| 8 |     6     |   1.000   | 0.687  | 0                                   |
//
// Bands × threshold, k=5, same 4,000 articles:
//
//	| bands (bits)  | threshold 3   | 4             | 5             | 6             | 7             | 8             | 10            | longest band list |
//	|---------------|---------------|---------------|---------------|---------------|---------------|---------------|---------------|-------------------|
//	| 4 (16)        | 1.000 / 0.556 | 1.000 / 0.647 | 1.000 / 0.701 | 1.000 / 0.731 | 0.998 / 0.756 | 0.998 / 0.764 | 0.995 / 0.783 | 7                 |
//	| 5 (12-13)     | 1.000 / 0.556 | 1.000 / 0.653 | 1.000 / 0.719 | 1.000 / 0.779 | 0.998 / 0.823 | 0.998 / 0.849 | 0.991 / 0.887 | 19                |
//	| 6 (10-11)     | 1.000 / 0.556 | 1.000 / 0.653 | 1.000 / 0.721 | 1.000 / 0.790 | 0.998 / 0.842 | 0.999 / 0.877 | 0.989 / 0.931 | 27                |
//	| 8 (8)         | 1.000 / 0.556 | 1.000 / 0.653 | 1.000 / 0.721 | 1.000 / 0.791 | 0.998 / 0.847 | 0.999 / 0.887 | 0.977 / 0.948 | 82                |
//
// (precision / recall). False links grow with the index, so the candidates
// were run again on 20,000 articles (3,970 near duplicates):
//
//	| k | bands | threshold | links | wrong | precision | recall | corrections found | added paragraph found |
//	|---|-------|-----------|-------|-------|-----------|--------|-------------------|-----------------------|
//	| 3 |   4   |     3     | 2610  |   0   |   1.000   | 0.643  | 0.903             | 0.157                 |
//	| 3 |   4   |     4     | 2893  |   2   |   0.999   | 0.712  | 0.952             | 0.262                 |
//	| 3 |   4   |     6     | 3205  |  25   |   0.992   | 0.784  | 0.975             | 0.424                 |
//	| 4 |   4   |     5     | 3020  |   1   |   1.000   | 0.744  | 0.957             | 0.344                 |
//	| 5 |   4   |     5     | 2863  |   0   |   1.000   | 0.706  | 0.928             | 0.288                 |
//	| 5 |   4   |     6     | 3020  |   0   |   1.000   | 0.744  | 0.944             | 0.369                 |
//	| 5 |   4   |     7     | 3116  |   4   |   0.999   | 0.767  | 0.950             | 0.424                 |
//	| 5 |   5   |     6     | 3198  |   0   |   1.000   | 0.788  | 0.972             | 0.443                 |
//	| 5 |   5   |     7     | 3372  |   3   |   0.999   | 0.830  | 0.985             | 0.541                 |
//	| 6 |   4   |     6     | 2956  |   1   |   1.000   | 0.728  | 0.926             | 0.358                 |
//	| 8 |   4   |     7     | 2927  |   0   |   1.000   | 0.721  | 0.903             | 0.381                 |
//
// With the defaults, recall by the true distance is 1.000 up to distance
// 3 (the pigeonhole guarantee), 0.917 at 4, 0.741 at 5, 0.599 at 6 (band
// luck) and nothing beyond. (These tables were first measured with the
// earlier KV-bucket index; run again with the log index they came out the
// same in every row, in 21 s instead of about two minutes.)
//
// The window, defaults otherwise, 20,000 articles: precision 1.000 and
// recall 0.744 at every window from 1,000 messages (500 articles) to
// 500,000, because samplegen re-sends recent stories only; the most claims
// under one band value grow from 4 to 13. Real feeds re-send later, so the
// default is set by memory (see Memory), not by this table. A light rewrite that
// replaces 1%, 2% or 5% of the words at random is linked 52%, 23% and 2%
// of the time with the defaults (k=3 with threshold 3: 41%, 15%, 1%).
//
// Decision: k=5, 4 bands of 16 bits, threshold 6.
//   - Precision first: a wrong link merges two stories downstream, a
//     missed one only leaves a re-send as its own story, as without dedup.
//     k=5 with threshold 6 made no wrong link on 20,000 articles, and at
//     that precision no other layout measured has better recall with 4
//     bands (k=3 needs threshold 3 for it: 0.643 against 0.744).
//   - Longer shingles push unrelated articles on the same topic apart
//     (samplegen's stories share template sentences, as wire stories share
//     background paragraphs) more than they push corrections apart; k=1 is
//     a bag of words and useless.
//   - 4 bands rather than 5: 5 bands gain 4 points of recall at the same
//     precision here, but 12-13-bit bands hold 8-16 times more entries per
//     band value: at 100,000 articles in the window, about 1.5 claims per
//     16-bit value on average against 12-25 per 12-13-bit value, each one
//     a distance to compute. A busy deployment keeps 4; a small one may
//     set Bands=5.
//   - Thresholds beyond 6 start to link unrelated articles and, with 4
//     bands, gain little: pairs beyond distance 3 are found only by band
//     luck.
//   - The measured corpus is synthetic. Real rewrites (scattered edits)
//     are where 64-bit SimHash is weakest; expect lower recall on them and,
//     with real text being less templated, no worse precision.
//
// # Operations
//
// Every replica sharing a stream should use the same Bands, Threshold,
// Window and TTL, and the same fingerprint shingle size; a replica with
// another layout only decides its own articles differently (precision is
// safe, the distance is always checked on full SimHashes), and still
// agrees with the others on every story through the log. The log stream's
// size is about 4 × Window messages of 150-400 bytes at most. Do not
// delete the stream under running workers: its sequence numbers start
// again at 1. A replica that sees the log go back clears its index (and
// logs it) rather than read the new log against the old one's claims, but
// articles in flight at that moment time out and are retried, and re-sends
// of articles from before are not linked; stop the workers, delete the
// stream, start them.
//
// # Cost
//
// Per article: two appends (each a stream message of about 200 bytes,
// the claim's acknowledged, and the result's too unless it is a new story
// decided on the whole window) and, on every replica, two deliveries of the log
// to apply; the lookup itself walks Bands short chains in memory
// (BenchmarkLinkInMemory: 9-12 µs with the JSON of both messages). Against
// the embedded server of the tests one article at a time takes about 176
// µs and a redelivery 66-70 µs (BenchmarkProcess). In the worker's drains
// the stage costs 50-110 µs of worker CPU and 80-100 µs of server CPU per
// article (docs/BENCHMARKS.md, "Last run"). The earlier index, a
// JetStream KV bucket read and written with compare-and-set, cost twelve
// round trips per article (six parallel reads, six sequential writes),
// about 0.55 + 0.43 ms of worker and server CPU and all of the latency at
// a steady rate, which is why it was replaced.
//
// A next saving, not made: a claim without a candidate starts a new story
// whose id follows from its own content, so its result message (about
// four in five of them) could be left out altogether if every replica
// held two windows of claims, enough to tell any claim in reach whether
// it had a candidate. The unacknowledged result (protocol step 4) already
// relies, as all of the protocol does, on every replica using the same
// Bands, Threshold, Window and TTL.
package dedup
