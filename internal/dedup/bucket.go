package dedup

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// bucketConfig is the KV bucket layout for c: one value per key (history
// 1), keys expiring TTL after their last write, file storage.
func bucketConfig(c Config) jetstream.KeyValueConfig {
	return jetstream.KeyValueConfig{
		Bucket:      c.Bucket,
		Description: "wirestream near-duplicate index (SimHash bands, content hashes, per-article results)",
		History:     1,
		TTL:         c.TTL,
		Replicas:    c.Replicas,
		Storage:     jetstream.FileStorage,
	}
}

// EnsureBucket creates the index bucket of cfg, or updates an existing one
// to cfg's TTL and replicas, and returns it. It is idempotent and safe to
// run from many replicas at once.
func EnsureBucket(ctx context.Context, js jetstream.KeyValueManager, cfg Config) (jetstream.KeyValue, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, bucketConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("dedup: create or update kv bucket %s: %w", cfg.Bucket, err)
	}
	return kv, nil
}
