//go:build !amd64

package ner

// touch loads the cold slot s, so that its cache miss is served while
// the tagger works on, a few steps before its look-up, and returns its
// key (see the amd64 version, which prefetches instead).
func touch(s *slot) uint32 { return s.key }

// touchRows does nothing: loading the rows ahead would hold the tagger
// up where the amd64 version prefetches them.
func touchRows(word *[numRoles]laneRow, shape *laneRow) {}
