package dedup

import (
	"errors"
	"fmt"
	"time"
)

// Defaults of [DefaultConfig]. The reasons for Bands and Threshold are in
// the package documentation, those for Window under "Memory".
const (
	DefaultStream    = "WIRESTREAM_DEDUP_LOG"
	DefaultTTL       = 48 * time.Hour
	DefaultReplicas  = 1
	DefaultBands     = 4
	DefaultThreshold = 6
	DefaultWindow    = 200_000
	DefaultTimeout   = 5 * time.Second
)

// Limits that [Config.Validate] enforces.
const (
	// MinBands and MaxBands bound Config.Bands. One band would make every
	// lookup an exact SimHash match; more than 16 bands of 4 bits or less
	// would put most of the index under each band value.
	MinBands = 2
	MaxBands = 16
	// MinWindow and MaxWindow bound Config.Window. The upper bound keeps a
	// replica's index (about 300 bytes an article) under a gigabyte.
	MinWindow = 1_000
	MaxWindow = 5_000_000
	// MaxIDBytes bounds an article id; the decode stage already bounds the
	// ids it takes from feeds to 256 bytes.
	MaxIDBytes = 1024
)

// Config configures the dedup index and its log stream. Start from
// [DefaultConfig]. Every replica sharing a stream should use the same
// Bands, Threshold, TTL and Window (and its fingerprint stage the same
// shingle size): they decide which earlier articles a replica considers.
// A replica with other values still agrees with the others on every
// article's story, because the first result recorded in the log is the one
// every replica uses, but it may pick other links for its own articles.
// TTL and Replicas are also the stream's, set by whichever replica ran
// [EnsureStream] last.
type Config struct {
	// Stream is the JetStream stream that holds the log of claims and
	// results; its subjects are "wirestream.dedup.<Stream>.>".
	Stream string
	// TTL is how long an article stays findable after it was recorded,
	// measured on the log's own timestamps; also the stream's MaxAge. A
	// re-send older than TTL starts a new story.
	TTL time.Duration
	// Replicas is the stream's replica count in a JetStream cluster, 1..5.
	Replicas int
	// Bands is the number of bands the 64-bit SimHash is cut into for
	// lookup (the first 64 mod Bands bands get one bit more). Every pair
	// within Hamming distance Bands−1 shares at least one band value and is
	// always found; farther pairs only by chance.
	Bands int
	// Threshold is the largest Hamming distance between two SimHashes that
	// still makes them near duplicates, 0..63.
	Threshold int
	// Window is how far back, in log messages, an article's earlier
	// versions are looked for. Every article adds two messages (its claim
	// and its result), so the default reaches about 100,000 articles. It
	// bounds each replica's memory (see the package documentation).
	Window int
	// Timeout bounds the log traffic of one article, waits included; the
	// caller's context may end it sooner.
	Timeout time.Duration
}

// DefaultConfig returns the configuration the worker uses unless told
// otherwise.
func DefaultConfig() Config {
	return Config{
		Stream:    DefaultStream,
		TTL:       DefaultTTL,
		Replicas:  DefaultReplicas,
		Bands:     DefaultBands,
		Threshold: DefaultThreshold,
		Window:    DefaultWindow,
		Timeout:   DefaultTimeout,
	}
}

// Validate reports a configuration that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Stream == "" || !validName(c.Stream):
		return fmt.Errorf("dedup: stream name %q must be non-empty letters, digits, '-' and '_'", c.Stream)
	case c.TTL < time.Second:
		return fmt.Errorf("dedup: ttl %s is under 1s", c.TTL)
	case c.Replicas < 1 || c.Replicas > 5:
		return fmt.Errorf("dedup: replicas %d not in 1..5", c.Replicas)
	case c.Bands < MinBands || c.Bands > MaxBands:
		return fmt.Errorf("dedup: bands %d not in %d..%d", c.Bands, MinBands, MaxBands)
	case c.Threshold < 0 || c.Threshold > 63:
		return fmt.Errorf("dedup: threshold %d not in 0..63", c.Threshold)
	case c.Window < MinWindow || c.Window > MaxWindow:
		return fmt.Errorf("dedup: window %d not in %d..%d", c.Window, MinWindow, MaxWindow)
	case c.Timeout <= 0:
		return errors.New("dedup: timeout must be positive")
	case c.Timeout > min(duplicateWindow, c.TTL)/2:
		// An owner takes its result as the first one when the server does
		// not call it a duplicate; that needs every result of its claim to
		// fall within the log's duplicate window (see Index.resolve).
		return fmt.Errorf("dedup: timeout %s over half the log's duplicate window %s (min of 2m and the ttl)", c.Timeout, min(duplicateWindow, c.TTL))
	}
	return nil
}

func validName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
