package dedup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

// StageName is the name of the dedup stage, as returned by [Index.Name].
const StageName = "dedup"

// maxAttempts bounds the read-decide-write rounds of one article; each
// lost round means another article under one of its keys was recorded
// meanwhile, so running out takes a burst of near-identical articles.
const maxAttempts = 8

// Backoff between rounds: random in [d/2, d) with d doubling from
// minBackoff up to maxBackoff, so racing replicas fall out of step.
const (
	minBackoff = 500 * time.Microsecond
	maxBackoff = 20 * time.Millisecond
)

// store is the part of jetstream.KeyValue the index uses.
type store interface {
	Get(ctx context.Context, key string) (jetstream.KeyValueEntry, error)
	Create(ctx context.Context, key string, value []byte, opts ...jetstream.KVCreateOpt) (uint64, error)
	Update(ctx context.Context, key string, value []byte, revision uint64) (uint64, error)
}

// Article is what the index knows of an article.
type Article struct {
	// ID is the article's stable id (event.Event.ArticleID).
	ID string
	// ContentHash is the 64 hex digits of event.Fingerprint.ContentHash.
	ContentHash string
	// SimHash is the parsed event.Fingerprint.SimHash.
	SimHash uint64
}

func (a Article) validate() error {
	if a.ID == "" {
		return fmt.Errorf("%w: empty article id", ErrBadArticle)
	}
	if len(a.ContentHash) != 2*sha256.Size {
		return fmt.Errorf("%w: content hash %q is not 64 hex digits", ErrBadArticle, a.ContentHash)
	}
	if _, err := hex.DecodeString(a.ContentHash); err != nil {
		return fmt.Errorf("%w: content hash %q is not 64 hex digits", ErrBadArticle, a.ContentHash)
	}
	return nil
}

// Result is the dedup stage's verdict on one article, the story fields of
// event.Fingerprint.
type Result struct {
	// StoryID is the story the article belongs to: its earlier version's
	// StoryID, or [NewStoryID] of its own content hash for a new story.
	StoryID string
	// DuplicateOf is the ArticleID of the earlier version, or "".
	DuplicateOf string
	// Distance is the Hamming distance to DuplicateOf's SimHash.
	Distance int
	// Exact is true when the text is byte-identical to DuplicateOf's.
	Exact bool
}

// band is one slice of the SimHash used as a lookup key.
type band struct {
	shift, bits uint
}

// bands cuts 64 bits into n bands, the first 64 mod n one bit wider.
func bands(n int) []band {
	out := make([]band, n)
	shift := uint(0)
	for i := range out {
		w := uint(64 / n)
		if i < 64%n {
			w++
		}
		out[i] = band{shift: shift, bits: w}
		shift += w
	}
	return out
}

// Index is the near-duplicate index shared by all worker replicas through
// a JetStream KV bucket, and the dedup stage. It holds no state of its own
// besides its configuration: it is safe for concurrent use, and any number
// of Index values on any number of connections may share one bucket.
// Closing the connection is the caller's business.
//
// Keys, all under the bucket:
//
//	b<i>.<hex>  band i of the SimHash: a list of up to MaxEntries entries
//	c.<hash>    the content hash: a list of the articles with this text
//	a.<hash>    the article's own result, keyed by the SHA-256 of its id
//
// See the package documentation for the protocol.
type Index struct {
	kv    store
	cfg   Config
	now   func() time.Time
	bands []band
}

var _ extract.Stage = (*Index)(nil)

// New returns an Index over kv, a bucket made by [EnsureBucket] with the
// same cfg. It returns an error when cfg or an option is invalid.
func New(kv jetstream.KeyValue, cfg Config, opts ...Option) (*Index, error) {
	if kv == nil {
		return nil, errors.New("dedup: nil kv bucket")
	}
	return newIndex(kv, cfg, opts...)
}

func newIndex(kv store, cfg Config, opts ...Option) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	o := options{now: time.Now}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	return &Index{kv: kv, cfg: cfg, now: o.now, bands: bands(cfg.Bands)}, nil
}

// WaitsOnService marks the stage as an [extract.ServiceStage]: its time
// goes to KV round trips, so an overrun is the server's, not the article's.
func (x *Index) WaitsOnService() {}

// Name returns [StageName].
func (x *Index) Name() string { return StageName }

// Process links doc's article to its earlier version through [Index.Link]
// and fills the story fields of doc.Event.Fingerprint: StoryID,
// DuplicateOf, Distance and Exact. The fingerprint stage must have run
// before ([ErrNoFingerprint] otherwise). Every error is transient for the
// worker (see the package's errors); doc is untouched when Process fails.
func (x *Index) Process(ctx context.Context, doc *extract.Document) error {
	fp := doc.Event.Fingerprint
	if fp == nil {
		return ErrNoFingerprint
	}
	sim, err := fingerprint.ParseSimHash(fp.SimHash)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadArticle, err)
	}
	res, err := x.Link(ctx, Article{ID: doc.Event.ArticleID, ContentHash: fp.ContentHash, SimHash: sim})
	if err != nil {
		return err
	}
	fp.StoryID, fp.DuplicateOf, fp.Distance, fp.Exact = res.StoryID, res.DuplicateOf, res.Distance, res.Exact
	return nil
}

// Link finds a's earlier version, records a in the index and returns the
// result. It is idempotent: for an article id already recorded it returns
// the stored result and writes nothing (a redelivery, or the same id
// re-sent with other text, which keeps its first result). Replicas that
// link near duplicates at the same moment agree on the story (see the
// package documentation). The KV traffic, retries included, is bounded by
// Config.Timeout and by ctx.
func (x *Index) Link(ctx context.Context, a Article) (Result, error) {
	if err := a.validate(); err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, x.cfg.Timeout)
	defer cancel()

	now := x.now()
	cutoff := now.Add(-x.cfg.TTL).UnixMilli()
	keys := x.keys(a)
	self := articleKey(a.ID)
	for attempt := 1; ; attempt++ {
		lists, states, mine, err := x.read(ctx, keys, self)
		if err != nil {
			return Result{}, err
		}
		if mine != nil {
			return mine.result(), nil // recorded before, by us or a concurrent copy
		}
		res := decide(a, lists, x.cfg.Threshold, cutoff)
		own := entry{
			ArticleID: a.ID, StoryID: res.StoryID, SimHash: fingerprint.FormatSimHash(a.SimHash), ContentHash: a.ContentHash,
			DuplicateOf: res.DuplicateOf, Distance: res.Distance, Exact: res.Exact, At: now.UnixMilli(),
		}
		lost, err := x.write(ctx, keys, lists, states, own, cutoff)
		if err != nil {
			return Result{}, err
		}
		if !lost {
			return x.commit(ctx, self, own)
		}
		if attempt == maxAttempts {
			return Result{}, fmt.Errorf("%w: article %s lost %d rounds", ErrContention, a.ID, attempt)
		}
		if err := pause(ctx, attempt); err != nil {
			return Result{}, fmt.Errorf("dedup: record article %s: %w", a.ID, err)
		}
	}
}

// keys returns a's band keys and content key in their one global order:
// every article writes its keys in this order, so that of two racing
// articles, the one that loses the first key they share has written none
// of the shared keys yet.
func (x *Index) keys(a Article) []string {
	keys := make([]string, 0, len(x.bands)+1)
	for i, b := range x.bands {
		v := a.SimHash >> b.shift & (1<<b.bits - 1)
		k := strconv.AppendInt([]byte{'b'}, int64(i), 10)
		k = append(k, '.')
		h := strconv.FormatUint(v, 16)
		for range int(b.bits+3)/4 - len(h) {
			k = append(k, '0')
		}
		keys = append(keys, string(append(k, h...)))
	}
	keys = append(keys, "c."+a.ContentHash)
	slices.Sort(keys)
	return keys
}

// articleKey is the key of an article's own result.
func articleKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return "a." + hex.EncodeToString(sum[:16])
}

// keyState is what a read found under a key.
type keyState struct {
	exists   bool
	revision uint64
}

// read fetches keys and the article's own key self in parallel. mine is
// the article's stored entry when self exists.
func (x *Index) read(ctx context.Context, keys []string, self string) (lists [][]entry, states []keyState, mine *entry, err error) {
	lists = make([][]entry, len(keys))
	states = make([]keyState, len(keys))
	var own []byte
	g, gctx := errgroup.WithContext(ctx)
	for i, k := range keys {
		g.Go(func() error {
			e, err := x.get(gctx, k)
			if e != nil {
				lists[i] = decodeList(e.Value())
				states[i] = keyState{exists: true, revision: e.Revision()}
			}
			return err
		})
	}
	g.Go(func() error {
		e, err := x.get(gctx, self)
		if e != nil {
			own = e.Value()
		}
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, nil, nil, err
	}
	if own != nil {
		var e entry
		if json.Unmarshal(own, &e) == nil && e.StoryID != "" {
			mine = &e
		}
	}
	return lists, states, mine, nil
}

// get reads key; a missing key is a nil entry and no error.
func (x *Index) get(ctx context.Context, key string) (jetstream.KeyValueEntry, error) {
	e, err := x.kv.Get(ctx, key)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("dedup: get %s: %w", key, err)
	}
	return e, nil
}

// write records own under every key, in order, each with a compare-and-set
// on the revision read. It reports lost when another writer changed a key
// since the read; the caller must then read everything again and decide
// anew, because the change may be an earlier version of the article. A key
// whose list would not change is not written.
func (x *Index) write(ctx context.Context, keys []string, lists [][]entry, states []keyState, own entry, cutoff int64) (lost bool, err error) {
	for i, k := range keys {
		list := upsert(lists[i], own, x.cfg.MaxEntries, cutoff)
		if slices.Equal(list, lists[i]) {
			continue
		}
		val, err := json.Marshal(list)
		if err != nil {
			return false, fmt.Errorf("dedup: encode %s: %w", k, err)
		}
		if states[i].exists {
			_, err = x.kv.Update(ctx, k, val, states[i].revision)
		} else {
			_, err = x.kv.Create(ctx, k, val)
		}
		switch {
		case errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch):
			return true, nil
		case err != nil:
			return false, fmt.Errorf("dedup: write %s: %w", k, err)
		}
	}
	return false, nil
}

// commit stores own as the article's result, the last write of a Link. If
// a concurrent copy of the article committed first, its result wins, so
// that both copies report the same.
func (x *Index) commit(ctx context.Context, self string, own entry) (Result, error) {
	val, err := json.Marshal(own)
	if err != nil {
		return Result{}, fmt.Errorf("dedup: encode %s: %w", self, err)
	}
	_, err = x.kv.Create(ctx, self, val)
	if errors.Is(err, jetstream.ErrKeyExists) {
		e, err := x.get(ctx, self)
		if err != nil {
			return Result{}, err
		}
		var stored entry
		if e != nil && json.Unmarshal(e.Value(), &stored) == nil && stored.StoryID != "" {
			return stored.result(), nil
		}
		return own.result(), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("dedup: write %s: %w", self, err)
	}
	return own.result(), nil
}

// pause waits before round attempt+1, or until ctx ends.
func pause(ctx context.Context, attempt int) error {
	d := min(minBackoff<<(attempt-1), maxBackoff)
	t := time.NewTimer(d/2 + rand.N(d/2))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
