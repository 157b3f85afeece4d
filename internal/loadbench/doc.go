// Package loadbench is the end-to-end load harness behind `make bench-load`
// and `make bench-backlog` (issue 7): it runs a JetStream server, the
// worker and the publisher as real subprocesses, preloads realistic
// articles from [samplegen], and measures drain throughput, CPU seconds per
// article for each process separately (from /proc/<pid>/stat), peak RSS
// (VmHWM) and open-loop end-to-end latency.
//
// It also holds the two baselines the issue compares against: a minimal
// pass-through written directly on nats.go's jetstream package (the
// reference ceiling) and nats-bench-style raw async publishing. Those are
// deliberately written on nats.go rather than through internal/natsx: they
// measure what the bare client can do, so they must not share the code
// they are the yardstick for.
//
// The harness is Linux-only (it reads /proc) and is not part of `make
// test` apart from one small smoke run.
package loadbench
