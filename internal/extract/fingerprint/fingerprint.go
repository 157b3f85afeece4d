package fingerprint

import (
	"context"
	"crypto/sha256"
	"fmt"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
)

// StageName is the name of the fingerprint stage, as returned by
// [Fingerprinter.Name].
const StageName = "fingerprint"

// Shingle sizes: the number of consecutive words hashed together.
const (
	// DefaultShingleSize is the shingle size of [New] without
	// [WithShingleSize]; see the package documentation for why 5.
	DefaultShingleSize = 5
	// MaxShingleSize is the largest shingle size [WithShingleSize] accepts.
	MaxShingleSize = 8
)

// Fingerprinter is the fingerprint stage. It is immutable after [New] and
// safe for concurrent use by several goroutines, each with its own
// Document.
type Fingerprinter struct {
	shingle int
}

var _ extract.Stage = (*Fingerprinter)(nil)

// Option changes a default of [New]. It returns an error when its value
// is out of range.
type Option func(*Fingerprinter) error

// WithShingleSize sets the number of consecutive words per shingle, in
// [1, MaxShingleSize]. Every replica that shares a dedup index must use the
// same size: SimHashes of different sizes are not comparable.
func WithShingleSize(k int) Option {
	return func(f *Fingerprinter) error {
		if k < 1 || k > MaxShingleSize {
			return fmt.Errorf("shingle size must be in [1, %d], got %d", MaxShingleSize, k)
		}
		f.shingle = k
		return nil
	}
}

// New returns a Fingerprinter with the defaults changed by opts. It
// returns an error when an option is out of range.
func New(opts ...Option) (*Fingerprinter, error) {
	f := &Fingerprinter{shingle: DefaultShingleSize}
	for _, opt := range opts {
		if err := opt(f); err != nil {
			return nil, fmt.Errorf("fingerprint: %w", err)
		}
	}
	return f, nil
}

// Name returns [StageName].
func (f *Fingerprinter) Name() string { return StageName }

// Process sets doc.Event.Fingerprint to a new value holding the
// ContentHash and SimHash of doc.Event.Text; the story fields are left
// for the dedup stage. It fails only when ctx is done.
func (f *Fingerprinter) Process(ctx context.Context, doc *extract.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("fingerprint article: %w", err)
	}
	text := doc.Event.Text
	doc.Event.Fingerprint = &event.Fingerprint{
		ContentHash: ContentHash(text),
		SimHash:     FormatSimHash(f.SimHash(text)),
	}
	return nil
}

// SimHash returns the 64-bit SimHash of text's k-word shingles, k being
// the configured shingle size. The result depends only on text and k,
// never on the process, platform or Go version. See the package
// documentation for the word and hash definitions.
func (f *Fingerprinter) SimHash(text string) uint64 { return simHash(text, f.shingle) }

// ContentHash returns the hex SHA-256 of text, the form of
// event.Fingerprint.ContentHash.
func ContentHash(text string) string {
	// The text goes through a stack buffer in chunks: the digest has no
	// WriteString, and sha256.Sum256([]byte(text)) would copy the whole
	// text to the heap.
	h := sha256.New()
	var chunk [1024]byte
	for len(text) > 0 {
		n := copy(chunk[:], text)
		h.Write(chunk[:n])
		text = text[n:]
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return formatContentHash(sum)
}
