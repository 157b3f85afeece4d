package language

import "errors"

// Construction errors of [New].
var (
	// ErrUnknownLanguage is returned for a code that is not an ISO 639-1
	// code of a language the detector knows.
	ErrUnknownLanguage = errors.New("language: unknown language code")
	// ErrTooFewLanguages is returned when fewer than two languages are set.
	ErrTooFewLanguages = errors.New("language: at least two languages needed")
	// ErrBadOption is returned for an option value out of range.
	ErrBadOption = errors.New("language: option out of range")
)
