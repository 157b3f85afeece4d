// Package faults holds wirestream's fault-injection tests (issue 4): the
// JetStream server killed and restarted under a running worker, a worker
// killed and replaced, a cluster node lost, a corpus of hostile payloads
// and a stalled downstream stream. The servers and workers run as
// subprocesses built from this module, so that a fault is a real SIGKILL
// or SIGSTOP, and every test checks exact counts: every raw article ends
// up enriched or dead-lettered exactly once.
//
// The package has no code of its own; see the _test.go files and the
// "Fault tests" section of docs/reliability.md. `go test ./internal/faults`
// runs reduced sizes; `-faults.full` (make test-faults) runs the full ones.
package faults
