//go:build race

package ner

// raceEnabled: the race detector makes sync.Pool drop items, so pooled
// code allocates.
const raceEnabled = true
