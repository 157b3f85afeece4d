// Package natstest starts real JetStream servers for tests: in-process
// (fast, for integration tests) with a temporary store that is removed in
// cleanup.
package natstest

import (
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Server is an in-process JetStream server owned by a test.
type Server struct {
	*server.Server
	StoreDir string
}

// Start runs a JetStream server on a random loopback port with its store
// in t.TempDir(). edit may change the options (auth, TLS, limits) before
// the server starts. The server shuts down in t.Cleanup.
func Start(t testing.TB, edit func(*server.Options)) *Server {
	t.Helper()
	opts := &server.Options{
		ServerName: "test",
		Host:       "127.0.0.1",
		Port:       server.RANDOM_PORT,
		JetStream:  true,
		StoreDir:   t.TempDir(),
		NoLog:      true,
		NoSigs:     true,
	}
	if edit != nil {
		edit(opts)
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		t.Fatalf("new nats server: %v", err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		srv.Shutdown()
		t.Fatal("nats server not ready after 10s")
	}
	t.Cleanup(func() {
		srv.Shutdown()
		srv.WaitForShutdown()
	})
	return &Server{Server: srv, StoreDir: opts.StoreDir}
}

// JetStream connects to url and returns a JetStream handle for the test's
// own checks; the connection closes in t.Cleanup.
func JetStream(t testing.TB, url string) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatalf("jetstream: %v", err)
	}
	return js
}

// FreePort returns a loopback TCP port nobody listened on a moment ago,
// for a server or endpoint a test starts. It picks the port below the
// kernel's ephemeral range when it can: a port from that range may be
// taken as the local end of an outgoing connection before the test's
// server listens on it, and a cluster node dialing a peer's route port
// can even connect to itself on it (TCP simultaneous open), which once
// failed TestClusterNodeLost with "address already in use".
func FreePort(t testing.TB) int {
	t.Helper()
	if lo := ephemeralLow(); lo > minTestPort+1000 {
		for range 100 {
			port := minTestPort + rand.IntN(lo-minTestPort)
			if ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
				ln.Close()
				return port
			}
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// minTestPort is the lowest port FreePort picks: above the ports of
// well-known local services.
const minTestPort = 20000

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

// FreeAddr is FreePort as an address, "127.0.0.1:port".
func FreeAddr(t testing.TB) string {
	t.Helper()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(FreePort(t)))
}
