package tone

import "errors"

// ErrInvalidOption is wrapped by the error [New] returns for an option
// out of range.
var ErrInvalidOption = errors.New("tone: invalid option")
