// Package pipeline owns the concurrent stage runner: it moves items of any
// type through an ordered list of [Stage]s over bounded queues, with a
// configured number of worker goroutines per stage, panic containment at the
// stage boundary, an optional per-item deadline, and instrumentation hooks
// ([Observer]). It knows nothing of NATS, Prometheus or articles: the caller
// feeds items in, reads one [Result] per item out, and decides what to do
// with failures.
//
// # Flow and backpressure
//
// Each stage has a bounded queue in front of it (a buffered channel of
// [WithStageQueueSize] items) and [WithStageConcurrency] workers reading from
// it. A worker that finished an item hands it to the next stage's queue, or,
// after the last stage or on failure, sends its [Result] to the output
// channel. When a queue is full the worker waits (reported as
// [Observer.Blocked]), so a slow stage or a slow reader of the output stalls
// the stages before it and, in the end, the reading of the input: at most
// 1 + Σ(QueueSize + Concurrency) items are inside the pipeline at any time
// (one in the hand of the goroutine reading the input, QueueSize waiting in
// each queue and one in the hand of each worker).
//
// Items are not kept in order; each item read from the input produces
// exactly one [Result] unless Run's context is cancelled.
package pipeline
