package natsx

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"go.uber.org/zap"
)

// EmbeddedConfig configures the in-process JetStream server that the
// worker starts with --embedded.
type EmbeddedConfig struct {
	// Listen is host:port for clients; port 0 or -1 picks a free port.
	Listen string
	// StoreDir holds JetStream's file store.
	StoreDir string
	// MaxPayload is the largest message the server accepts (0: the
	// server default of 1 MiB).
	MaxPayload int32
}

// Embedded is a running in-process NATS server with JetStream enabled.
// Shutdown is safe to call more than once.
type Embedded struct {
	srv *server.Server
}

// StartEmbedded starts a JetStream-enabled NATS server in this process and
// waits until it accepts connections. Other processes (the publisher, the
// nats CLI) can reach it on cfg.Listen.
func StartEmbedded(cfg EmbeddedConfig, log *zap.Logger) (*Embedded, error) {
	host, portStr, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("embedded listen address %q: %w", cfg.Listen, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("embedded listen port %q: %w", portStr, err)
	}
	if port == 0 {
		port = server.RANDOM_PORT
	}
	if port > 0 {
		// The server only logs a failed bind and then never becomes
		// ready; checking first turns that into a clear, immediate error.
		ln, err := net.Listen("tcp", cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("embedded nats server cannot listen on %s (is another server running there? pick another --embedded-listen, or connect to it with --nats-url): %w", cfg.Listen, err)
		}
		ln.Close()
	}
	opts := &server.Options{
		ServerName: "wirestream-embedded",
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   cfg.StoreDir,
		MaxPayload: cfg.MaxPayload,
		NoSigs:     true, // signals belong to main, not to a library
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats server: %w", err)
	}
	srv.SetLoggerV2(serverLogger{log.Named("nats-server")}, false, false, false)
	go srv.Start() // owned by srv: Shutdown stops it and WaitForShutdown joins it
	if !srv.ReadyForConnections(10 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("embedded nats server on %s: not ready after 10s", cfg.Listen)
	}
	log.Info("embedded jetstream server started", zap.String("url", srv.ClientURL()), zap.String("store_dir", cfg.StoreDir))
	return &Embedded{srv: srv}, nil
}

// ClientURL is the nats:// URL clients connect to.
func (e *Embedded) ClientURL() string { return e.srv.ClientURL() }

// Shutdown stops the server and waits until it has stopped.
func (e *Embedded) Shutdown() {
	e.srv.Shutdown()
	e.srv.WaitForShutdown()
}

// serverLogger adapts zap to the nats-server logger interface.
type serverLogger struct{ log *zap.Logger }

func (l serverLogger) Noticef(format string, v ...any) { l.log.Debug(fmt.Sprintf(format, v...)) }
func (l serverLogger) Warnf(format string, v ...any)   { l.log.Warn(fmt.Sprintf(format, v...)) }
func (l serverLogger) Fatalf(format string, v ...any)  { l.log.Error(fmt.Sprintf(format, v...)) }
func (l serverLogger) Errorf(format string, v ...any)  { l.log.Error(fmt.Sprintf(format, v...)) }
func (l serverLogger) Debugf(format string, v ...any)  { l.log.Debug(fmt.Sprintf(format, v...)) }
func (l serverLogger) Tracef(format string, v ...any)  {}
