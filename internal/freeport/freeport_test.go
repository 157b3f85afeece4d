package freeport

import (
	"net"
	"strconv"
	"testing"
)

// TestPickIsOutsideTheEphemeralRange: where the kernel says which ports
// outgoing connections take, Pick picks none of them, and the port it
// gives can be listened on.
func TestPickIsOutsideTheEphemeralRange(t *testing.T) {
	lo := ephemeralLow()
	for range 20 {
		port, err := Pick()
		if err != nil {
			t.Fatal(err)
		}
		if lo > minPort+1000 && (port < minPort || port >= lo) {
			t.Fatalf("Pick = %d, want it in [%d, %d)", port, minPort, lo)
		}
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			t.Fatalf("listen on Pick's %d: %v", port, err)
		}
		ln.Close()
	}
}
