package natstest

import (
	"net"
	"strconv"
	"testing"
)

// TestFreePortIsOutsideTheEphemeralRange: where the kernel says which
// ports outgoing connections take, FreePort picks none of them, and the
// port it gives can be listened on.
func TestFreePortIsOutsideTheEphemeralRange(t *testing.T) {
	lo := ephemeralLow()
	for range 20 {
		port := FreePort(t)
		if lo > minTestPort+1000 && (port < minTestPort || port >= lo) {
			t.Fatalf("FreePort = %d, want it in [%d, %d)", port, minTestPort, lo)
		}
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			t.Fatalf("listen on FreePort's %d: %v", port, err)
		}
		ln.Close()
	}
}
