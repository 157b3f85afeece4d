package dates

import "errors"

// ErrBadOption is returned by [New] for an option value out of range.
var ErrBadOption = errors.New("dates: option out of range")
