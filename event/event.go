// Package event defines the enriched article event that wirestream workers
// publish on articles.enriched.<source>. It is the public contract with
// downstream services: import it to decode events, and check SchemaVersion
// before relying on a field.
//
// Offsets: every Start/End pair in an event is a half-open UTF-8 byte range
// into Event.Text, the normalized text of the article. Go slices it directly
// (text[start:end]); other languages should slice the UTF-8 bytes.
package event

import "time"

// SchemaVersion is the version of the event layout this package describes.
// It changes its major part on any incompatible change; fields are only
// added within a major version.
const SchemaVersion = "1.0"

// Type is the CloudEvents type of an enriched article event.
const Type = "io.wirestream.article.enriched.v1"

// Event is one enriched article.
type Event struct {
	// SchemaVersion is [SchemaVersion] at the time the event was written.
	SchemaVersion string `json:"schema_version"`
	// ID is deterministic from the raw message id and the schema version;
	// it is also the Nats-Msg-Id and the CloudEvents id.
	ID string `json:"id"`
	// ArticleID is the stable id of the article: the feed's own id when it
	// sends one, otherwise a hash of the payload.
	ArticleID string `json:"article_id"`
	// Source is the feed name, the last token of articles.raw.<source>.
	Source string `json:"source"`
	// Provider is the originating agency or feed as the payload itself
	// names it (a JSON envelope's "source"); empty when the payload does
	// not say. It is informational: routing always uses Source.
	Provider string `json:"provider,omitempty"`
	// Format is the payload format that was decoded: text, json or html.
	Format string `json:"format"`

	URL         string     `json:"url,omitempty"`
	Headline    string     `json:"headline"`
	Standfirst  string     `json:"standfirst,omitempty"`
	Byline      string     `json:"byline,omitempty"`
	Section     string     `json:"section,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`

	// Text is the normalized article text that all offsets point into:
	// the headline, the standfirst and the body paragraphs, separated by
	// blank lines ("\n\n").
	Text string `json:"text"`
	// Paragraphs are the spans of the headline, standfirst and body
	// paragraphs in Text, in order.
	Paragraphs []Paragraph `json:"paragraphs"`
	// Related are the related-stories items that wire text carries after its
	// "-" line. They are not part of Text.
	Related []RelatedStory `json:"related,omitempty"`

	// Language is the detected language of Text; nil when the language
	// stage did not run.
	Language *Language `json:"language,omitempty"`
	// Sentences are the sentence spans of Text, in order, never crossing a
	// paragraph boundary.
	Sentences []Span `json:"sentences,omitempty"`
	// TokenCount is the number of word, number and punctuation tokens the
	// segment stage found in Text.
	TokenCount int `json:"token_count,omitempty"`

	// Entities are the named entities found in Text, one per distinct
	// canonical entity, with all its mentions.
	Entities []Entity `json:"entities"`
	// Dates are the date and time expressions of Text resolved against
	// the publication time (or the ingest time, see DateMention.Anchor).
	Dates []DateMention `json:"dates,omitempty"`
	// Quotes are direct quotations with their speakers.
	Quotes []Quote `json:"quotes,omitempty"`
	// Numbers are quantities with what they count.
	Numbers []Quantity `json:"numbers,omitempty"`
	// Keywords are the article's key phrases, best first.
	Keywords []Keyword `json:"keywords,omitempty"`
	// Topic is the article's topic label.
	Topic *Topic `json:"topic,omitempty"`
	// Tone is the lexicon-based tone of Text.
	Tone *Tone `json:"tone,omitempty"`
	// Summary is a short extractive summary.
	Summary *Summary `json:"summary,omitempty"`
	// Fingerprint holds the content hashes and the near-duplicate link.
	Fingerprint *Fingerprint `json:"fingerprint,omitempty"`

	// Raw points back at the raw message the event was made from.
	Raw RawRef `json:"raw"`
	// Pipeline describes the run that produced the event.
	Pipeline PipelineInfo `json:"pipeline"`
	// Warnings are non-fatal findings of the stages.
	Warnings []Warning `json:"warnings,omitempty"`
}

// Paragraph kinds.
const (
	ParagraphHeadline   = "headline"
	ParagraphStandfirst = "standfirst"
	ParagraphBody       = "body"
)

// Paragraph is one block of Event.Text.
type Paragraph struct {
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// RelatedStory is one item of the related-stories block of wire text.
type RelatedStory struct {
	Headline string `json:"headline"`
	Teaser   string `json:"teaser,omitempty"`
	Section  string `json:"section,omitempty"`
	// Entities are the entities named in Headline and Teaser, each once,
	// a short form resolved to the article's full name where there is one
	// ("Obama" to "Barack Obama").
	Entities []EntityRef `json:"entities,omitempty"`
}

// EntityRef names an entity without its mentions: the canonical fields of
// [Entity].
type EntityRef struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	ID          string `json:"id,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
}

// Entity types.
const (
	EntityPerson       = "person"
	EntityOrganization = "organization"
	EntityLocation     = "location"
	EntityGroup        = "group" // nationalities, religious and political groups
	EntityMisc         = "misc"
)

// Entity is one distinct entity of an article with all its mentions.
type Entity struct {
	// Name is the canonical name: the longest form used in the article,
	// or the gazetteer's name when the entity is known.
	Name string `json:"name"`
	Type string `json:"type"`
	// ID is a Wikidata-style id (Q…) for entities in the curated list.
	ID string `json:"id,omitempty"`
	// CountryCode is the ISO 3166-1 alpha-2 code for countries and for
	// places inside a country.
	CountryCode string `json:"country_code,omitempty"`
	// Lat and Lon are WGS84 coordinates for known places.
	Lat *float64 `json:"lat,omitempty"`
	Lon *float64 `json:"lon,omitempty"`
	// Titles are roles seen next to a person's name ("President", "Gen.").
	Titles []string `json:"titles,omitempty"`
	// Count is the number of mentions.
	Count int `json:"count"`
	// Salience in [0,1]: higher for entities in the headline and lead.
	Salience float64   `json:"salience"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one occurrence of an entity in Event.Text.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Span is a half-open byte range of Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Language is a detected language.
type Language struct {
	// Code is the ISO 639-1 code ("en"), or "und" when undetermined.
	Code string `json:"code"`
	// Confidence in [0,1] is the detector's confidence in Code.
	Confidence float64 `json:"confidence"`
}

// Date anchors: what a relative expression was resolved against.
const (
	AnchorPublished = "published" // the article's publication time
	AnchorIngested  = "ingested"  // the raw message's stream time: the article gave none
)

// DateMention is one date or time expression of Text.
type DateMention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Value is the ISO 8601 resolution: a date (2025-09-30), a month
	// (2025-09), a year (2025), a date-time, or a duration (P18M) for
	// spans of time such as "within 18 months".
	Value string `json:"value"`
	// Kind is date, month, year, datetime, duration or range.
	Kind string `json:"kind"`
	// Relative is true when the expression needed the anchor to resolve
	// ("Monday", "last week", "Sept. 30" without a year).
	Relative bool `json:"relative"`
	// Anchor says what a relative expression was resolved against.
	Anchor string `json:"anchor,omitempty"`
}

// Quote is one direct quotation.
type Quote struct {
	// Start and End span the quoted words, without the quotation marks.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Speaker is the canonical name of the speaker entity when the
	// attribution links to one, otherwise the attribution's words ("a
	// spokesman"); empty when the quote is unattributed.
	Speaker string `json:"speaker,omitempty"`
	// SpeakerEntity is the index into Event.Entities of the speaker, or
	// -1 when the speaker is not an entity.
	SpeakerEntity int `json:"speaker_entity"`
	// Cue is the attribution verb or phrase ("said", "according to").
	Cue string `json:"cue,omitempty"`
	// SpeakerSpan is the attribution's mention of the speaker in Text.
	SpeakerSpan *Span `json:"speaker_span,omitempty"`
}

// Quantity is a number together with what it counts.
type Quantity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Value is the number's value ("250,000" → 250000, "1.5 million" →
	// 1500000); percentages keep their face value (2.25 for "2.25%").
	Value float64 `json:"value"`
	// Unit is a currency code, "percent", or a unit of measure, if any.
	Unit string `json:"unit,omitempty"`
	// Counts is the noun the number counts ("people", "nations").
	Counts string `json:"counts,omitempty"`
	// Context is the verb or noun the quantity attaches to ("killed").
	Context string `json:"context,omitempty"`
	// Approximate is true for "over", "about", "nearly" and the like.
	Approximate bool `json:"approximate,omitempty"`
}

// Keyword is one key phrase.
type Keyword struct {
	Text string `json:"text"`
	// Score in [0,1], higher is more representative.
	Score float64 `json:"score"`
	Count int     `json:"count"`
}

// Topic is a topic label from the documented label set.
type Topic struct {
	Label string `json:"label"`
	// Source is "feed" when the feed's section mapped to the label,
	// "rules" when the text classifier chose it.
	Source     string  `json:"source"`
	Confidence float64 `json:"confidence"`
}

// Tone is a GDELT-style lexicon tone: Positive and Negative are the
// percentages of words in the positive and negative lexicons, Score is
// Positive minus Negative, Polarity their sum.
type Tone struct {
	Score     float64 `json:"score"`
	Positive  float64 `json:"positive"`
	Negative  float64 `json:"negative"`
	Polarity  float64 `json:"polarity"`
	WordCount int     `json:"word_count"`
}

// Summary is an extractive summary: whole sentences of Text.
type Summary struct {
	Text      string `json:"text"`
	Sentences []Span `json:"sentences"`
}

// Fingerprint identifies the article's content and links it to earlier
// versions of the same story.
type Fingerprint struct {
	// ContentHash is the hex SHA-256 of the normalized Text.
	ContentHash string `json:"content_hash"`
	// SimHash is the 64-bit SimHash of word shingles, as 16 hex digits.
	SimHash string `json:"simhash"`
	// StoryID is stable across re-sends, corrections and light rewrites
	// of one story: the first version's id.
	StoryID string `json:"story_id"`
	// DuplicateOf is the ArticleID of the earlier version this article
	// repeats (exactly or nearly); empty for a new story.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Distance is the Hamming distance between the SimHashes of this
	// article and DuplicateOf (0 for an exact repeat).
	Distance int `json:"distance,omitempty"`
	// Exact is true when the text is byte-identical to DuplicateOf's.
	Exact bool `json:"exact,omitempty"`
}

// RawRef identifies the raw JetStream message an event was made from.
type RawRef struct {
	Stream    string    `json:"stream"`
	Sequence  uint64    `json:"sequence"`
	Subject   string    `json:"subject"`
	MsgID     string    `json:"msg_id,omitempty"`
	Delivered uint64    `json:"delivered"`
	Published time.Time `json:"published"`
	Bytes     int       `json:"bytes"`
}

// PipelineInfo describes the worker run that produced an event.
type PipelineInfo struct {
	// Version is the processing generation (--pipeline-version); it is
	// part of the event id.
	Version string `json:"version"`
	// Build is the version of the worker binary.
	Build       string        `json:"build,omitempty"`
	ProcessedAt time.Time     `json:"processed_at"`
	Stages      []StageTiming `json:"stages"`
}

// StageTiming is the time one stage spent on the article.
type StageTiming struct {
	Stage string `json:"stage"`
	// Micros is the wall time in microseconds.
	Micros int64 `json:"micros"`
}

// Warning is a non-fatal finding of a stage.
type Warning struct {
	Stage   string `json:"stage"`
	Message string `json:"message"`
}
