package entities

import "errors"

// Construction errors of [New] and [NewRuleTagger].
var (
	ErrNoGazetteer = errors.New("entities: nil gazetteer")
	ErrNoTagger    = errors.New("entities: nil tagger")
)
