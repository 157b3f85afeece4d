package faults

// A regression test of a worker bug the fault tests found (fixed: the
// publish backoff is shared and stale failures are republished at once).

import (
	"testing"
	"time"
)

// TestRecoveryAfterRefusalIsNotSerialized: since d798b00 the worker
// retries a refused event in place (intake stops, nothing is lost), but
// settle handles its pending publishes one at a time in publish order, and
// each one whose publish failed during the stall waits its own backoff
// (from --nak-delay) before it is republished. After the stall the
// in-flight messages therefore settle one by one: with --max-in-flight 64
// and --nak-delay 1s, 36.4 s passed after the lift before the worker took
// in new articles (52.6 s to drain 2,000; they take about 10 s without a
// stall). With the deployment's --max-in-flight=512 that is several
// minutes without progress after every downstream refusal. Expected: the
// in-flight messages republished together, intake resuming within about
// one --max-nak-delay (4 s here) of the lift.
func TestRecoveryAfterRefusalIsNotSerialized(t *testing.T) {
	skipShort(t)
	resumed := slowDownstream(t, fillEnrichedStream, 20*time.Second)
	if resumed > 10*time.Second {
		t.Errorf("intake resumed %v after the stall was lifted, want under 10s", resumed.Round(100*time.Millisecond))
	}
}
