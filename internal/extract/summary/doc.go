// Package summary is the summary stage: it sets Event.Summary, an
// extractive summary made of whole sentences of Event.Text, joined by a
// space, with their spans in text order. It runs after decode and segment,
// reads Event.Text, Paragraphs, Sentences, Byline and Language, and is
// pure: no I/O, no state between articles apart from pooled scratch
// memory, safe for concurrent use.
//
// # Sentences
//
// The segment stage's sentences (Event.Sentences) are used when they are
// sorted and inside the text; otherwise the stage splits each paragraph
// itself (at ".", "!", "?" or "…" before a capital, a digit or an opening
// quote, except after titles, months, initials and dotted abbreviations:
// the same rules as the keywords stage). Only body sentences are
// candidates: the headline and the standfirst are already in the event,
// and a summary that repeats them says nothing new. A byline ("By Maren
// Holst, Science Correspondent", or the decoder's Byline field) and
// credit lines ("Reporting by …", "Editing by …") are skipped, a
// dateline ("BONN, Germany (Wire) - ", "WASHINGTON — ") is cut off the
// first body sentence, and sentences of fewer than four words (page
// furniture such as "Advertisement") are used only when there is nothing
// else. Without body sentences the summary is nil.
//
// # Methods
//
// [MethodLead], the default, takes the first [DefaultSentences] body
// sentences. Wire copy is written as an inverted pyramid: the lead
// paragraph says who, what, when and where, and each later paragraph
// matters less, so the lead is the summary its writer intended; on news,
// "Lead-3" is a baseline that trained extractive systems beat only by a
// little. It works for any language, costs almost nothing (it stops
// after the third sentence) and never picks a sentence out of context.
//
// [MethodTextRank] (Mihalcea and Tarau, 2004) ranks the first
// [DefaultTextRankWindow] body sentences by PageRank over a graph whose
// edges weigh the overlap of two sentences' content words (lower case,
// possessive and plural "s" dropped, stop words of data/stopwords.txt and
// numbers left out) divided by ln|S1| + ln|S2|, and takes the best in
// text order; ties go to the earlier sentence, and iteration stops at a
// fixed tolerance, so the result is deterministic. It finds the
// sentences most central to the story, wherever they are, but may pick
// one that starts with "She" or "He"; it is bounded to the window because
// its cost grows with the square of the sentences. It needs English stop
// words: for other languages it falls back to the lead.
//
// # Cost
//
// BenchmarkLead (testdata/danube.txt, a 5 KB article, own sentence split)
// runs in about 3.3 µs, 1.5 GB/s, on the project's 2-core machine, with 3
// allocations (the summary, its spans, its text): it stops at the
// paragraph that gives it the sentences it needs. BenchmarkTextRank, over all 36 body
// sentences, runs in about 115 µs, 43 MB/s, with 4.
package summary
