// Package natstest starts real JetStream servers for tests: in-process
// (fast, for integration tests) with a temporary store that is removed in
// cleanup.
package natstest

import (
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/wirestream/wirestream/internal/freeport"
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
// for a server or endpoint a test starts (see [freeport.Pick]).
func FreePort(t testing.TB) int {
	t.Helper()
	port, err := freeport.Pick()
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// FreeAddr is FreePort as an address, "127.0.0.1:port".
func FreeAddr(t testing.TB) string {
	t.Helper()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(FreePort(t)))
}
