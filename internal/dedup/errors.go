package dedup

import "errors"

// Errors of [Index.Process] and [Index.Link]. None of them wraps
// extract.ErrBadInput: they are transient for the worker (the message is
// redelivered with backoff), because none is the payload's fault. KV
// failures are returned wrapped with the operation and key, and wrap the
// context's error when the context ended them.
var (
	// ErrNoFingerprint means the event reached the dedup stage without a
	// fingerprint: the fingerprint stage must run before it.
	ErrNoFingerprint = errors.New("dedup: event has no fingerprint: the fingerprint stage must run before dedup")
	// ErrBadArticle means the article's id or fingerprint cannot be
	// indexed (empty id, content hash not 64 hex digits, SimHash not 16):
	// a bug in an earlier stage, not in the payload.
	ErrBadArticle = errors.New("dedup: article cannot be indexed")
	// ErrContention means every attempt to record the article lost a
	// compare-and-set race; a redelivery will try again.
	ErrContention = errors.New("dedup: too many concurrent updates")
)
