package dedup

import (
	"errors"
	"fmt"
	"time"
)

// Defaults of [DefaultConfig]. The reasons for Bands, Threshold and
// MaxEntries are in the package documentation.
const (
	DefaultBucket     = "WIRESTREAM_DEDUP"
	DefaultTTL        = 48 * time.Hour
	DefaultReplicas   = 1
	DefaultBands      = 4
	DefaultThreshold  = 6
	DefaultMaxEntries = 16
	DefaultTimeout    = 5 * time.Second
)

// Limits that [Config.Validate] enforces.
const (
	// MinBands and MaxBands bound Config.Bands. One band would make every
	// lookup an exact SimHash match; more than 16 bands of 4 bits or less
	// would put most of the index under each key.
	MinBands = 2
	MaxBands = 16
	// MaxEntriesLimit bounds Config.MaxEntries, keeping a key's value (about
	// 200 bytes an entry) well under JetStream's default 1 MiB message size.
	MaxEntriesLimit = 256
)

// Config configures the dedup index and its KV bucket. Start from
// [DefaultConfig]. Every replica that shares a bucket must use the same
// Bands (and its fingerprint stage the same shingle size), or it reads
// other keys and misses links. TTL and Replicas are the bucket's, set by
// whichever replica ran [EnsureBucket] last, so keep them equal too.
// Threshold, MaxEntries and Timeout may differ for a while (a rolling
// change): a different Threshold only changes which borderline pairs link.
type Config struct {
	// Bucket is the JetStream KV bucket that holds the index.
	Bucket string
	// TTL is how long an article stays findable after it was recorded:
	// the bucket's per-key TTL, also applied to the entries inside a key's
	// list. A re-send older than TTL starts a new story.
	TTL time.Duration
	// Replicas is the bucket's replica count in a JetStream cluster, 1..5.
	Replicas int
	// Bands is the number of bands the 64-bit SimHash is cut into for
	// lookup (the first 64 mod Bands bands get one bit more). Every pair
	// within Hamming distance Bands−1 shares at least one band value and is
	// always found; farther pairs only by chance.
	Bands int
	// Threshold is the largest Hamming distance between two SimHashes that
	// still makes them near duplicates, 0..63.
	Threshold int
	// MaxEntries caps the list of articles under one key; when a key is
	// full, the oldest entry goes.
	MaxEntries int
	// Timeout bounds the KV traffic of one article, retries included; the
	// caller's context may end it sooner.
	Timeout time.Duration
}

// DefaultConfig returns the configuration the worker uses unless told
// otherwise.
func DefaultConfig() Config {
	return Config{
		Bucket:     DefaultBucket,
		TTL:        DefaultTTL,
		Replicas:   DefaultReplicas,
		Bands:      DefaultBands,
		Threshold:  DefaultThreshold,
		MaxEntries: DefaultMaxEntries,
		Timeout:    DefaultTimeout,
	}
}

// Validate reports a configuration that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Bucket == "" || !validBucket(c.Bucket):
		return fmt.Errorf("dedup: bucket name %q must be non-empty letters, digits, '-' and '_'", c.Bucket)
	case c.TTL < time.Second:
		return fmt.Errorf("dedup: ttl %s is under 1s", c.TTL)
	case c.Replicas < 1 || c.Replicas > 5:
		return fmt.Errorf("dedup: replicas %d not in 1..5", c.Replicas)
	case c.Bands < MinBands || c.Bands > MaxBands:
		return fmt.Errorf("dedup: bands %d not in %d..%d", c.Bands, MinBands, MaxBands)
	case c.Threshold < 0 || c.Threshold > 63:
		return fmt.Errorf("dedup: threshold %d not in 0..63", c.Threshold)
	case c.MaxEntries < 1 || c.MaxEntries > MaxEntriesLimit:
		return fmt.Errorf("dedup: max entries %d not in 1..%d", c.MaxEntries, MaxEntriesLimit)
	case c.Timeout <= 0:
		return errors.New("dedup: timeout must be positive")
	}
	return nil
}

func validBucket(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Option changes an optional dependency of [New].
type Option func(*options) error

type options struct {
	now func() time.Time
}

// WithClock sets the clock that stamps entries and ages them out (see
// Config.TTL); the default is time.Now. now must not be nil.
func WithClock(now func() time.Time) Option {
	return func(o *options) error {
		if now == nil {
			return errors.New("dedup: nil clock")
		}
		o.now = now
		return nil
	}
}
