package dedup

import "errors"

// Errors of [Index.Process] and [Index.Link]. None of them wraps
// extract.ErrBadInput: they are transient for the worker (the message is
// redelivered with backoff), because none is the payload's fault. Log
// failures are returned wrapped with the operation, and wrap the context's
// error when the context ended them.
var (
	// ErrNoFingerprint means the event reached the dedup stage without a
	// fingerprint: the fingerprint stage must run before it.
	ErrNoFingerprint = errors.New("dedup: event has no fingerprint: the fingerprint stage must run before dedup")
	// ErrBadArticle means the article's id or fingerprint cannot be
	// indexed (empty or over-long id, content hash not 64 hex digits,
	// SimHash not 16): a bug in an earlier stage, not in the payload.
	ErrBadArticle = errors.New("dedup: article cannot be indexed")
	// ErrWindow means a claim the article needs has left this replica's
	// window: its first claim (a redelivery whose first claim is older
	// than the window) or, after the log moved on by more than a quarter
	// of the window while it waited, its own.
	ErrWindow = errors.New("dedup: claim outside the index window")
)
