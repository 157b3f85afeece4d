package ner

import "errors"

// Errors of this package, for errors.Is.
var (
	// ErrNoGazetteer is returned when a gazetteer is needed and nil was
	// given.
	ErrNoGazetteer = errors.New("ner: nil gazetteer")
	// ErrNoData is returned by [Train] without training or dev documents.
	ErrNoData = errors.New("ner: no training or dev documents")
	// ErrModel marks a model file that cannot be read: wrong magic or
	// version, or truncated or inconsistent data.
	ErrModel = errors.New("ner: bad model file")
)
