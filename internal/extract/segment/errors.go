package segment

import "errors"

// ErrBadAbbreviation is returned (wrapped) by [New] for an abbreviation
// that [WithAbbreviations] does not accept.
var ErrBadAbbreviation = errors.New("abbreviations must be letters with optional inner periods, at most 32 bytes, without the final period")
