package fingerprint

import "errors"

// ErrSimHashSyntax is returned (wrapped) by [ParseSimHash] for a string
// that is not 16 hex digits.
var ErrSimHashSyntax = errors.New("simhash is not 16 hex digits")
