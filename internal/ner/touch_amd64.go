package ner

// touch starts bringing the cold slot s into the core's cache for a
// look-up a few steps later, and returns 0. It is a PREFETCHT0, which
// retires at once, where loading s would hold up every later instruction
// until the cache miss is served (the sampled profile put about 5% of
// tagging on that wait). It is assembly because Go has no prefetch of
// its own; the call costs a few nanoseconds, a miss about a hundred.
//
//go:noescape
func touch(s *slot) uint32

// touchRows starts bringing a word's numRoles rows and a shape row into
// the core's cache, as touch does a slot.
//
//go:noescape
func touchRows(word *[numRoles]laneRow, shape *laneRow)
