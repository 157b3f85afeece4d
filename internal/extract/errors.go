package extract

import (
	"errors"
	"fmt"
)

// ErrBadInput marks errors caused by the payload itself: retrying cannot
// help, so the message is dead-lettered.
var ErrBadInput = errors.New("bad input")

// Reason is a machine-readable dead-letter reason. The set is fixed so
// that it can be a metric label.
type Reason string

// Dead-letter reasons raised by stages.
const (
	ReasonEmpty       Reason = "empty"
	ReasonTooLarge    Reason = "too_large"
	ReasonInvalidUTF8 Reason = "invalid_utf8"
	ReasonMalformed   Reason = "malformed"   // the payload does not parse in its format
	ReasonNoContent   Reason = "no_content"  // it parses but holds no article text
	ReasonUnsupported Reason = "unsupported" // a format or encoding we do not read
)

// Reasons lists every Reason a stage can return, for metric initialisation.
func Reasons() []Reason {
	return []Reason{ReasonEmpty, ReasonTooLarge, ReasonInvalidUTF8, ReasonMalformed, ReasonNoContent, ReasonUnsupported}
}

// InputError is a bad-input error with the reason and a human-readable
// detail. It matches [ErrBadInput] with errors.Is.
type InputError struct {
	Reason Reason
	Detail string
}

// BadInput returns an *InputError for reason with a formatted detail.
func BadInput(reason Reason, format string, args ...any) error {
	return &InputError{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

func (e *InputError) Error() string { return string(e.Reason) + ": " + e.Detail }

// Is reports whether target is ErrBadInput.
func (e *InputError) Is(target error) bool { return target == ErrBadInput }
