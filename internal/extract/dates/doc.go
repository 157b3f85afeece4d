// Package dates is the dates stage: it finds the date and time
// expressions of an English article and resolves them to ISO 8601
// values in doc.Event.Dates (event.DateMention), with byte offsets into
// doc.Event.Text. It runs after the language stage and needs only
// Event.Text; it uses Event.Sentences when the segment stage has set
// them. It is pure: no I/O, no state between articles, safe for
// concurrent use.
//
// # Scope and anchor
//
// The stage is English only: on an article whose language is neither
// "en" nor "und" it calls MarkSkipped and returns. Relative expressions
// are resolved against an anchor ([AnchorOf]): the article's publication
// time (Anchor "published"), else the time JetStream stored the raw
// message, else the time the worker received it (both "ingested").
// Dates are computed on the anchor's civil date in the anchor's own
// location: an article published at 23:30 on Saturday in New York is a
// Saturday article. With no anchor at all, relative expressions are left
// out and the stage warns. Relative=true and Anchor are set on every
// mention that needed the anchor.
//
// # Spans
//
// A mention spans the words that carry its value: modifiers that change
// the value are in it ("last Friday", "two years ago", "this year"),
// prepositions that only introduce it are not ("on Tuesday" → "Tuesday",
// "within 18 months" → "18 months"), as in TimeML. A weekday followed by
// its date is one mention ("Friday, Nov. 13"), and so is a date with a
// clock time ("Tuesday at 3 p.m.", "9:42 a.m. on Tuesday"). Mentions
// are in text order and never overlap; none crosses a line break.
//
// # Expressions and values
//
// Kind is one of a small fixed set ([KindDate] … [KindRange]):
//
//	date      Sept. 30 · September 30 · 30 September · Sept. 30, 2015 · 30th of September ·
//	          Monday · last Friday · next Monday · yesterday · today · tonight · tomorrow ·
//	          this morning · last night · three days ago · 2015-09-30        → 2015-09-30
//	datetime  Tuesday at 3 p.m. · 9:42 a.m. on Tuesday · Sept. 30 at 14:00 GMT ·
//	          1430 GMT on Friday · 2015-09-30T14:05:00+02:00   → 2015-09-30T14:00:00Z, or
//	          2015-09-30T15:00:00 without Z when the text names no zone ("local time")
//	month     March 2025 · October of 2022 · in March · last March · this month ·
//	          six months ago · 2025-09                                       → 2025-03
//	year      in 2015 · last year · this year · next year · two years ago    → 2015
//	week      last week · this week · next week · a week ago                 → 2015-W40
//	duration  within 18 months · for three weeks · for more than two years ·
//	          the past 24 hours · the past week · the last decade            → P18M P3W PT24H
//	range     1990s · '90s · 2015-17 · 2015–2017 · 2014/15                    → 1990/1999
//	          Nov. 9-11 · Sept. 30-Oct. 2 · 9-11 November          → 2015-11-09/2015-11-11
//
// Zones are converted to UTC only when they have one fixed offset (GMT,
// UTC, EDT, CET, MSK, JST, …); ET, PT, CST and IST are ambiguous and
// left out, so the time stays local. Durations keep the text's number
// (P18M, not P1Y6M); decades are written as years (P20Y).
//
// # Resolution rules
//
//   - A month and day without a year take the year that puts the date
//     nearest the anchor, whatever the tense (anchor 2015-10-10: "Sept.
//     30" → 2015-09-30, "Nov. 9" → 2015-11-09; anchor 2016-01-03: "Dec.
//     28" → 2015-12-28). A day that exists in none of the three years
//     around the anchor ("Feb. 30") is no mention.
//   - A month alone after in, during, since, from, throughout, mid-,
//     early or late, or in a list of months, is an event's time and takes
//     the tense of its sentence, as a bare weekday does (below): past,
//     the latest such month up to the anchor's; future, the first from
//     the anchor's on. Otherwise (a bound: "by March", "until March"), or
//     with no tense cue, it is the one up to five months after or six
//     months before the anchor's month.
//     "last March" is the latest before the anchor's month, "next March"
//     the first after it, "this March" the anchor's year's.
//   - A bare weekday. News copy names a weekday, rather than a date, for
//     days within a week of the story (AP style), mostly the days just
//     before it, and the verbs around the weekday say which side: "said
//     Monday" is past, "will meet on Thursday" is future. HeidelTime's
//     news mode resolves such expressions the same way, from the tense of
//     the sentence against the document time. Here the nearest tense cue
//     wins, first in the weekday's clause, then in its sentence, up to ten
//     words away on either side: past forms (-ed words, a list of
//     irregular ones) mean the latest such day on or before the anchor;
//     will, would, may, due, expected, scheduled, "to be" + participle
//     mean the next one on or after it; with no cue, the one within three
//     days of the anchor. A reporting verb ("said") counts as past when it
//     comes at most three words before the weekday ("said on Monday"),
//     elsewhere only when nothing else was found, since it dates the
//     report, not the event. "since Monday" is past. A bare weekday that
//     is the anchor's own is the anchor's day, whatever the tense.
//   - "last Friday" is 1 to 7 days before the anchor, "next Monday" 1 to
//     7 days after, "this Thursday" in the anchor's ISO week (Monday to
//     Sunday). "last week" is the ISO week before the anchor's.
//   - "'90s" is the latest decade of that name starting no later than the
//     anchor's year.
//
// # What is not a date
//
//   - Numbers that are part of something else: 250,000; 2.5; S-300;
//     A321; $2015; 2015%; "2015 people" (a noun that numbers count);
//     "No. 2015"; "10-year bond", "18-month plan" (adjectives).
//   - A four-digit year stands alone from 1900 to 2099; from 1000 to 1899
//     or 2100 to 2999 it needs a cue word before it ("in 1848") and no
//     ordinary lower-case word after it ("of 1848 delegates").
//   - A bare month name needs a cue word before it (in, since, until,
//     by, from, of, early, mid-, late, last, next, this, during, before,
//     after, between …) or must continue a list of months ("March and
//     May"); abbreviations (Jan., Sept.) need a day or a year. So "May" is
//     a month in "May 5", "May 2017", "since May", but not in "he may
//     go", "May we ask", "Theresa May", "Prime Minister May" or at the
//     start of a sentence without a day. April, May, June and August
//     followed by a capitalised word are taken as names even after a cue.
//   - Recurring days and months ("every Monday", "each June", "Mondays")
//     and names ("Black Friday", "Super Tuesday", "the Sunday Telegraph",
//     "USA Today").
//   - A clock time with no date next to it; a number and unit with no cue
//     word ("the 18 months were hard") or followed by later/earlier.
//
// # Cost
//
// One pass tokenizes the text (ASCII needs no rune decoding; each word
// of up to 13 letters is looked up once in a small open-addressing table
// whose hash is computed during the scan), then one pass over the tokens
// tries the matchers that the token's kind or word can start, each
// looking at a bounded number of tokens around it: the work is linear in
// the text, and at most [DefaultMaxMentions] mentions are kept
// ([WithMaxMentions]). Scratch memory is pooled; an article costs two
// allocations (the mentions and one string holding all values).
// On the project's 2-core machine, BenchmarkExtract (a 6 KB article, 27
// mentions) takes about 42 µs of CPU, about 140 MB/s, with two
// allocations (57 µs before the pass over the tokens skipped those no
// matcher starts at without calling matchAt, which returns a large
// value); tokenizing is two thirds of it. BenchmarkAdversarial runs at 20
// to 35 MB/s of CPU on 1 MiB of nothing but date expressions (a mention
// every 9 bytes, much of the time spent writing 116,000 mentions), and
// at about 120 MB/s on bare weekdays among runs of punctuation: the cost
// per byte is bounded, whatever the text. The
// benchmarks report process CPU time (cpu-ns/op, cpu-MB/s) next to wall
// time, which on a busy shared machine measures the neighbours.
package dates
