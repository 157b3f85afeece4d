// Package freeport picks loopback TCP ports for servers that tests and
// the load harness start themselves.
package freeport

import (
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
)

// Pick returns a loopback TCP port nobody listened on a moment ago. It
// picks the port below the kernel's ephemeral range when it can: a port
// from that range may be taken as the local end of an outgoing connection
// before the caller's server listens on it, and a cluster node dialing a
// peer's route port can even connect to itself on it (TCP simultaneous
// open), which once failed TestClusterNodeLost with "address already in
// use". Where the range is unknown it asks the kernel for any free port.
func Pick() (int, error) {
	if lo := ephemeralLow(); lo > minPort+1000 {
		for range 100 {
			port := minPort + rand.IntN(lo-minPort)
			if ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
				ln.Close()
				return port, nil
			}
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// minPort is the lowest port Pick picks: above the ports of well-known
// local services.
const minPort = 20000

// ephemeralLow returns the lowest port of the kernel's ephemeral range
// (Linux), or 0 when it is unknown.
func ephemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return 0
	}
	lo, err := strconv.Atoi(f[0])
	if err != nil {
		return 0
	}
	return lo
}
