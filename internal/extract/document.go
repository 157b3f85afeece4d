// Package extract holds the in-flight article value that the extraction
// stages share, the Stage contract they implement and the errors that
// classify bad input. The stages themselves live in its subpackages; they
// are pure, deterministic text processing with no I/O.
package extract

import (
	"context"
	"time"

	"github.com/wirestream/wirestream/event"
)

// Raw is the raw message as it came off the stream. Stages must not modify
// it: the worker dead-letters the original payload and headers from it.
type Raw struct {
	Payload []byte
	// Subject is the raw subject, articles.raw.<source>.
	Subject string
	// Source is the last token of Subject.
	Source string
	// MsgID is the publisher's Nats-Msg-Id header, empty if none.
	MsgID string
	// ContentType is the Content-Type header, empty if none; it is a hint
	// for the decoder, which sniffs the payload when it is missing.
	ContentType string
	Stream      string
	Sequence    uint64
	Delivered   uint64
	// Published is when JetStream stored the raw message.
	Published time.Time
	// Received is when the worker pulled it.
	Received time.Time
}

// Document is one article travelling through the stages. A Document is
// owned by exactly one stage goroutine at a time, so stages need no locks.
type Document struct {
	Raw Raw
	// Event is the enriched event under construction.
	Event event.Event
	// Handle belongs to whoever feeds the pipeline (the worker keeps the
	// raw delivery there to ack it later). Stages must not touch it.
	Handle any

	// Tokens are the tokens of Event.Text, set by the segment stage for
	// the stages after it; they are not part of the event.
	Tokens []Token

	skipped bool
}

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	TokenWord   TokenKind = iota // letters, with inner apostrophes, hyphens and periods (U.S.)
	TokenNumber                  // digits with separators: 250,000  2.25  1990s
	TokenPunct                   // punctuation, one mark per token (quotes, dashes, brackets)
	TokenSymbol                  // anything else: currency signs, %, emoji
)

// Token is one token of Event.Text: a half-open byte range.
type Token struct {
	Start, End int32
	Kind       TokenKind
	// Sentence is the index of the token's sentence in Event.Sentences.
	Sentence int32
}

// English reports whether English-only stages should run on doc: the
// language stage found English, or did not run, or could not tell.
func (d *Document) English() bool {
	l := d.Event.Language
	return l == nil || l.Code == "en" || l.Code == "und"
}

// Warn records a non-fatal finding of stage in the event.
func (d *Document) Warn(stage, msg string) {
	d.Event.Warnings = append(d.Event.Warnings, event.Warning{Stage: stage, Message: msg})
}

// Stage is one extraction step. Process enriches doc in place; an error
// wrapping [ErrBadInput] means the article can never be processed and
// goes to the dead-letter stream, any other error is treated as transient.
// Implementations must be safe for concurrent use by several goroutines,
// each with its own Document.
type Stage interface {
	Name() string
	Process(ctx context.Context, doc *Document) error
}

// ServiceStage is implemented by stages that wait on a service rather than
// compute (the dedup index on its JetStream log). When such a stage overruns the
// item's deadline the service is slow or unreachable and the article is not
// at fault, so the worker retries the article instead of dead-lettering it.
type ServiceStage interface {
	Stage
	WaitsOnService()
}

// MarkSkipped records that stage did not apply to this article (for
// example an English-only stage on a French article) with the reason as a
// warning, so the event says so and the stage is counted as skipped.
func (d *Document) MarkSkipped(stage, why string) {
	d.skipped = true
	d.Warn(stage, "skipped: "+why)
}

// TakeSkipped reports whether the stage that just ran marked the document
// skipped, and clears the mark for the next stage.
func (d *Document) TakeSkipped() bool {
	s := d.skipped
	d.skipped = false
	return s
}
