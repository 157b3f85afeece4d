// Package quotes is the quotes stage: it finds the direct quotations of an
// English article and who said them, and writes them to
// doc.Event.Quotes. It runs after the entities stage, on doc.Event.Text,
// Paragraphs and Entities alone (it does not need the segment or dates
// stages), and is pure: no I/O, no state between articles, safe for
// concurrent use, deterministic. On an article whose detected language
// is not English it marks itself skipped.
//
// # Quotations
//
// Quotation marks are the straight double quote (") and the curly pair
// (“ ”). Single quotes are not read: ’ is also the apostrophe, and wire
// headlines use ‘…’ for scare quotes, not speech. Marks pair up inside
// one paragraph: “ always opens, ” always closes, " opens when nothing is
// open and closes otherwise; a second “ while one is open restarts the
// quotation (nested quotations use single marks, so the first was never
// closed).
//
// A quotation spanning paragraphs is written the wire way: a paragraph
// ends inside the quotation and the next paragraph opens with a mark. It
// is reported as one event.Quote per paragraph, because Start/End must
// span text without the marks and Text must equal Text[Start:End]; all
// the pieces share the attribution found for any of them. An opening
// mark that no paragraph closes or continues is a stray mark, not a
// quotation.
//
// Start and End span the words between the marks, white space trimmed;
// punctuation inside the marks stays ("…has started,"), because it is
// what the marks enclose.
//
// # Scare quotes
//
// A quotation of one or two words ("reform", "peace dividend") is kept
// only when attributed by one of the patterns below; otherwise it is a
// scare quote or a term and is dropped. A longer unattributed quotation
// is kept with no speaker, unless it reads as a name in Title Case
// ("Ring of Fire"), which is dropped.
//
// # Attribution
//
// Attribution is looked for in the quotation's sentence, never across a
// sentence boundary: the stage cuts its own sentences, at ".", "!", "?"
// or "…" outside quotation marks and not after an abbreviation or an
// initial, because a sentence splitter that does not know quotation
// marks cuts inside them (Event.Sentences and doc.Tokens are not
// needed; the stage tokenizes the few sentences it reads). It looks at
// most 480 bytes before and after the quotation. Within that, cues are
// verb phrases written in lower case:
//
//   - speech verbs: said, says, added, noted, stated, warned, told,
//     explained, insisted, argued, wrote, declared, announced, … (the
//     present forms "states", "notes", "claims", "remarks" only before
//     "that", a colon or a quotation, since they are also nouns);
//   - "told" with its listener when it is a known one ("told Reuters",
//     "told reporters");
//   - "was quoted as saying" (the speaker is before it; "by Y" names the
//     medium, not the speaker);
//   - "according to" (the speaker after it);
//   - "called it", "described the talks as" right before the quotation.
//
// The cue first looked for is the one right after the quotation (`"…,"
// X said`, `"…," said X`, `"…," X, the minister, told reporters`), which
// wins; then the nearest cue before it in the sentence (`X said: "…"`,
// `X said that "…"`, `X said the bank was "…"`); then a cue later in the
// sentence (`"unity of views" on Syria, a spokesman said`). A passive "is
// said to" is not a cue.
//
// # Speakers
//
// The speaker phrase is the noun phrase the cue governs: the words
// between the quotation and the verb, the words before the verb back to a
// comma, a clause conjunction or another quotation, or the phrase after
// "according to" or an inverted verb. With an apposition ("X, the bank's
// chief economist, wrote") a person named in the head or the apposition
// wins. In a phrase, by preference:
//
//  1. a person entity mentioned in it, unless it is the object of a
//     preposition ("a spokesman for Putin") or a fragment of a longer
//     name the entities stage split;
//  2. a role noun ("spokesman", "ambassador", "minister", "officials",
//     …): the speaker is the phrase as written ("a spokesman for the
//     Kremlin"), linked to the person whose entity titles hold that role
//     ("the ambassador said" → the person titled Ambassador, the nearest
//     one mentioned before the quotation); a definite "the spokesman"
//     takes the speaker of the last indefinite "a spokesman …" before it;
//  3. another entity mentioned in it (an organization, a place standing
//     for its government), or the person whose canonical name holds it as
//     whole words ("Marcos" → "Ferdinand Marcos Jr.");
//  4. "he" or "she", resolved to the nearest person mentioned before the
//     pronoun outside quotations ("they", "we" are kept as written);
//  5. a capitalised name the entities stage missed ("Greenpeace"), or a
//     short noun phrase ("the union", "two diplomats"), as written.
//
// Quote.SpeakerEntity is the index of the linked entity in
// Event.Entities, or -1; Quote.Speaker is that entity's canonical name,
// otherwise the speaker phrase; Quote.SpeakerSpan is the attribution's
// mention of the speaker (the name, the role phrase or the pronoun); Cue
// is the cue as written ("said", "told Reuters", "was quoted as saying",
// "according to").
//
// An unattributed quotation that opens its sentence takes the
// attribution of the last attributed quotation before it in the same
// paragraph: `"…," she said. "…"`.
//
// # Known limits
//
// Pronouns go to the nearest person, which is wrong when another person
// is named between the speaker and the pronoun. Attribution never
// crosses a sentence, so `She added: ` at the end of one paragraph and a
// quotation alone in the next stay apart unless the quotation opens its
// sentence after an attributed one. Headline forms without a verb
// (`Lagarde: "…"`) are not attributed.
//
// # Cost
//
// Work is linear in the text: quotation marks pair in one pass, sentences
// in another, and each quotation's attribution reads a bounded window
// (480 bytes each side) and a bounded number of entity mentions; at most
// 1024 quotations are examined per article (more yields a warning).
// BenchmarkExtract runs the stage on a 5 KB wire article
// (testdata/drought.txt, a dozen quotations) in 19–33 µs (150–260 MB/s)
// on the project's 2-core machine while other jobs shared it (25 µs
// against 19 in the same run before quotation marks were found with
// strings.IndexByte instead of a look at every byte), with 2 allocations per article, both the result (the quotes and their
// speaker spans); scratch memory is pooled. 1 MiB of attributed
// one-line quotations takes about 4 ms.
package quotes
