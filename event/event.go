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

	// Entities are the named entities found in Text, one per distinct
	// canonical entity, with all its mentions.
	Entities []Entity `json:"entities"`

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
	Version     string        `json:"version"`
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
