package dedup

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// memKV is an in-memory store with the compare-and-set semantics of a
// JetStream KV bucket (history 1, no TTL), for the tests that need
// thousands of articles or injected faults quickly.
type memKV struct {
	mu   sync.Mutex
	rev  uint64
	keys map[string]memEntry
	// reads and readBytes count the Gets that found a value, and its bytes.
	reads, readBytes int
}

type memEntry struct {
	key   string
	value []byte
	rev   uint64
}

func newMemKV() *memKV { return &memKV{keys: map[string]memEntry{}} }

func (m *memKV) Get(ctx context.Context, key string) (jetstream.KeyValueEntry, error) {
	if err := m.before(ctx, "get", key); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.keys[key]
	if !ok {
		return nil, jetstream.ErrKeyNotFound
	}
	m.reads++
	m.readBytes += len(e.value)
	return e, nil
}

func (m *memKV) Create(ctx context.Context, key string, value []byte, _ ...jetstream.KVCreateOpt) (uint64, error) {
	if err := m.before(ctx, "create", key); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.keys[key]; ok {
		return 0, fmt.Errorf("create %s: %w", key, jetstream.ErrKeyExists)
	}
	return m.put(key, value), nil
}

func (m *memKV) Update(ctx context.Context, key string, value []byte, revision uint64) (uint64, error) {
	if err := m.before(ctx, "update", key); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.keys[key]; !ok || e.rev != revision {
		return 0, fmt.Errorf("update %s: %w", key, jetstream.ErrKeyRevisionMismatch)
	}
	return m.put(key, value), nil
}

func (m *memKV) put(key string, value []byte) uint64 {
	m.rev++
	m.keys[key] = memEntry{key: key, value: append([]byte(nil), value...), rev: m.rev}
	return m.rev
}

// before fails an operation whose context has ended, as a real bucket
// would; tests inject other faults with hookStore.
func (m *memKV) before(ctx context.Context, _, _ string) error {
	return ctx.Err()
}

// lists returns the decoded list of every band and content key.
func (m *memKV) lists() map[string][]entry {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]entry{}
	for k, e := range m.keys {
		if k[0] != 'a' {
			out[k] = decodeList(e.value)
		}
	}
	return out
}

func (e memEntry) Bucket() string                  { return "mem" }
func (e memEntry) Key() string                     { return e.key }
func (e memEntry) Value() []byte                   { return e.value }
func (e memEntry) Revision() uint64                { return e.rev }
func (e memEntry) Created() time.Time              { return time.Time{} }
func (e memEntry) Delta() uint64                   { return 0 }
func (e memEntry) Operation() jetstream.KeyValueOp { return jetstream.KeyValuePut }
