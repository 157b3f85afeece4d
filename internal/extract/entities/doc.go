// Package entities is the entities stage: it finds the people,
// organizations, places and groups an article names, links them to the
// gazetteer, and writes one event.Entity per distinct entity with all its
// mentions into doc.Event.Entities. It runs after the decode stage, on
// doc.Event.Text and doc.Event.Paragraphs, and is pure: no I/O, no state
// between articles, safe for concurrent use.
//
// # Design: a tagger, then linking
//
// The stage has two halves with a small interface between them, so that
// the rule-based tagger of today can be replaced by, or combined with, a
// statistical one without touching the rest:
//
//  1. A [Tagger] finds typed spans: byte ranges of Text with a type
//     (event.EntityPerson, …Organization, …Location, …Group, …Misc) and
//     title spans ([TypeTitle]) that qualify the person after them. It
//     knows nothing of canonical names, ids or aggregation.
//  2. The stage ([Entities]) checks the spans (inside the text, on rune
//     boundaries, sorted, not overlapping; anything else is dropped, so a
//     buggy tagger cannot corrupt an event), then canonicalises, links and
//     aggregates them the same way whatever tagger produced them.
//
// The default tagger is [RuleTagger], described on its type: capitalised
// runs split by the gazetteer, a title list, a given-name list, cue words
// and stop words, with the headline's Title Case words counted only when
// the body confirms them. Its word lists are lexicon/*.txt.
//
// # Plugging in a statistical tagger
//
// A statistical tagger (a CRF or a small transformer behind a pure-Go or
// cgo runtime, or a remote model behind a cache) implements [Tagger]:
// map its labels to the event.Entity* types (PER → person, ORG →
// organization, LOC/GPE → location, NORP → group, MISC → misc), return
// byte offsets (convert from rune or token offsets before returning), and
// give the stage with [WithTagger]. It need not find titles. To keep the
// gazetteer's precision on known names while the model adds recall, use
// [Combine](ruleTagger, model) (the rule spans win overlaps), or
// Combine(model, ruleTagger) to let the model win. Nothing else changes:
// the gazetteer linking, coreference, titles, salience and the event
// schema are the stage's.
//
// # Linking and coreference
//
// Mentions are grouped into entities by, in order:
//   - the gazetteer: a mention whose text the gazetteer knows (exactly or
//     folded, and of a compatible type) takes that entry's name, type, id,
//     country and coordinates; all mentions of one entry are one entity
//     ("U.S." and "United States"; "ISIS" and "Islamic State of Iraq and
//     Syria");
//   - the same text, when the types agree or one is misc;
//   - persons: a one-word mention equal to the first or last word of a
//     longer person's name joins it, the nearest name before it winning,
//     else the first after it ("Putin" → "Vladimir Putin", "Assad" →
//     "Bashar Assad"; "al-" is ignored on the surname);
//   - organizations: a one-word mention equal to the last word of a longer
//     organization's name ("Commission" → "European Commission");
//   - acronyms: "Long Name (LN)", an all-capital mention in parentheses
//     right after a name with the same initial letter.
//
// Two groups linked to different gazetteer entries are never merged.
// An entity's Name is its gazetteer name, else its longest mention (in
// bytes); its Type the gazetteer's, else the most frequent non-misc type
// of its mentions (ties: person, organization, location, group). Titles
// are the titles of all its person mentions, in order, without case-
// insensitive duplicates. Possessive "'s"/"’s" is never part of a mention.
//
// # Salience
//
// Each mention weighs 3 in the headline, 2 in the standfirst or the first
// body paragraph (the lead), and 1 elsewhere; with no paragraphs, 1. An
// entity's raw score is the sum of its mentions' weights, so frequency and
// position both count; Salience is the raw score divided by the
// article's highest, rounded to three decimals: the top entity has 1,
// every entity is in (0,1]. Entities are sorted by salience, highest
// first, then by name, type and first mention.
//
// # Cost
//
// BenchmarkExtract runs the whole stage on a 5 KB article (testdata/
// summit.txt) in about 90 µs (≈55 MB/s) on the project's 2-core machine
// with 4 allocations per article, all of them the result (entities,
// mentions, coordinates, titles); the tagger alone allocates nothing.
// Scratch memory is pooled with sync.Pool.
package entities
