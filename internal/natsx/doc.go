// Package natsx is wirestream's NATS adapter and the only package that
// imports nats.go: it connects (auth, TLS, reconnects), runs the embedded
// JetStream server, declares the streams and the shared durable consumer
// idempotently, pulls raw messages in bounded batches ([Source]) and
// publishes with deterministic Nats-Msg-Id headers ([Sink]).
package natsx
