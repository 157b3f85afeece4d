// Package segment is the segment stage: it cuts doc.Event.Text into
// sentences (doc.Event.Sentences) and tokens (doc.Tokens, counted in
// doc.Event.TokenCount) for the stages after it. It runs after normalize
// and language on every article whatever its language (the abbreviation
// lists are English, the rest is not), reads only Text and Paragraphs, and
// is pure, deterministic and safe for concurrent use.
//
// Text and tokenization are read in one pass: each token is appended as
// it is found, and a possible sentence end is settled when the token
// after it is known. Offsets are UTF-8 byte offsets into Text, half-open.
//
// # Tokens
//
// Every character of a paragraph belongs to exactly one token except
// white space, controls and the invisible formatting characters that the
// normalize stage removes (so raw text is split the same way); a
// zero-width joiner or non-joiner belongs to the word or emoji it joins.
// Other format characters, such as the Arabic number signs, are visible
// and become symbols, so every normalized paragraph has at least one
// token and one sentence.
//
//   - A word (extract.TokenWord) starts with a letter and goes on with
//     letters, marks and digits ("A321", "G7"). An apostrophe, a hyphen or
//     an ampersand followed by a letter joins ("O'Brien", "don't",
//     "surface-to-air", "AT&T"); a hyphen or a period followed by a
//     letter or digit joins too, so designators and dotted forms stay whole
//     ("S-300", "COVID-19", "U.S", "example.com"). The period after an
//     abbreviation belongs to it: "U.S.", "Gen.", "J.", "e.g.", "No." (the
//     last only before a number), and a hyphen may follow ("U.S.-led").
//   - A number (extract.TokenNumber) starts with a digit and goes on with
//     digits and the separators . , : / between digits ("250,000",
//     "2.25", "10:30", "9/11"), then any letters glued to it ("1990s",
//     "21st", "2.5bn"). A sign, a currency symbol or a hyphen is not part
//     of it: "-5", "$1.08" and "20-nation" are two or three tokens.
//   - Punctuation (extract.TokenPunct) is one token per mark, with two
//     exceptions that spell one mark with several characters: "..." (or
//     more periods) is one ellipsis and "--" (or more hyphens) one dash.
//   - A symbol (extract.TokenSymbol) is anything else: currency signs,
//     "%", "‰", "#", "&", "@", "+", emoji. An emoji keeps its variation
//     selector, skin tone, flag partner, tags and zero-width-joined parts.
//
// "Iran's" is two tokens, "Iran" and "'s" (a word), and so is "it’s":
// the possessive and the contraction cannot be told apart, and later
// stages match names, lexicon words and keywords without the clitic. Other
// inner apostrophes stay ("don't", "O'Brien", "N’Djamena"). An apostrophe
// after a word's final "s" ("the Syrians’ future") is a punctuation token:
// it may as well be a closing quotation mark. Combining marks belong to
// the token before them.
//
// # Sentences
//
// A sentence never crosses a paragraph, and every paragraph ends one, so
// a headline or standfirst without final punctuation is still a sentence.
// Inside a paragraph, a sentence may end at:
//
//   - a full stop, "!" or "?" (and ‼ ⁇ ‽ ؟ । and the like): the sentence
//     ends there unless the next token is a word starting with a
//     lower-case letter, a comma, semicolon or colon, or a word or number
//     touching the mark ("Yahoo!News");
//   - 。！？, which always end one, with or without a space after;
//   - an ellipsis or an abbreviation that can end a sentence (dotted
//     abbreviations such as "U.S." and "a.m.", initials, "Inc.", "Jr.",
//     months, "etc.", US states): the sentence ends only if the next word
//     is a common sentence opener (The, It, He, But, In, …). So "U.S.
//     President", "George W. Bush", "Sept. 30" and "Jan. 1 deadline" stay
//     whole while "in the U.S. The" is split;
//   - never after a title or reference abbreviation ("Mr.", "Dr.", "Gen.",
//     "Sen.", "vs.", "e.g.", "i.e.", "No. 5"): a name or a clause follows.
//
// Closing quotation marks and brackets that touch the terminator stay
// with its sentence (`win."`, `win.”`, `2015.)`); ” ’ ) ] } do even after
// a space. A closing mark after an abbreviation turns it into a full stop
// (`made in the U.S.” The`). So:
//
//   - `... he said. "We will win."` is two sentences, the second with
//     both its quotation marks;
//   - `"We will win," he said.` is one sentence, and so is
//     `“Will we?” he asked.`, because a lower-case word follows;
//   - `“We will win. We will never give up,” he said.` is two sentences,
//     `“We will win.` and `We will never give up,” he said.`: each
//     quotation mark stays attached to the sentence it touches.
//
// A sentence span runs from the start of its first token to the end of
// its last, so it never starts or ends with a space. Straight and curly
// quotation marks are handled alike; a straight quotation mark closes
// only when it touches the terminator.
//
// Known limits: a sentence that ends with an abbreviation and is followed
// by a name or a noun rather than an opener ("in the U.S. Washington
// said") is not split; one that ends with an initial-like letter ("vitamin
// C.") is split only before an opener; lower-case sentence starts
// ("iPhone sales") are not split.
//
// # Cost
//
// The tokens go to doc.Tokens, whose capacity is reused; Sentences reuse
// the capacity of doc.Event.Sentences. Both are presized from the text
// length, so a new article costs two allocations and a reused Document
// none; there is no allocation per token or per sentence.
//
// BenchmarkSegment (go test -run '^$' -bench . -benchmem -cpu 1
// ./internal/extract/segment, on the project's 2-vCPU machine, best of
// several runs under load from other jobs): about 11 µs for the 4.7 KB of
// testdata/harbour-talks.txt (≈420 MB/s) and 380–520 MB/s on the
// samples, 0 allocations; 13.5 µs and 2 allocations (20 KB) on a new
// Document.
package segment
