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
// Comparisons repeated -reps times (passthrough, replicas, publisher)
// alternate their order: A B in odd repetitions, B A in even ones. This
// machine's speed drifts by 10-20% over a minute; a drift that favours
// the later run of one pair favours the other in the next, so the
// geometric mean of the two ratios cancels a steady drift, where a fixed
// order would carry it into every repetition. Each ratio pairs two runs
// of one repetition; the report prints every repetition and their
// geometric mean, which is what a target is read against.
//
// The harness is Linux-only (it reads /proc) and is not part of `make
// test` apart from one small smoke run.
package loadbench
