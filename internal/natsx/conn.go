package natsx

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// ConnConfig says how to reach and authenticate to NATS. At most one of
// User/Password, Token, NKeySeedFile and CredsFile may be set. Secrets are
// never logged: use [ConnConfig.Redacted] to print a config.
type ConnConfig struct {
	// URL is a comma-separated list of server URLs.
	URL  string
	Name string

	User     string
	Password string
	Token    string
	// NKeySeedFile is a file holding an NKey user seed (SU…).
	NKeySeedFile string
	// CredsFile is a credentials file (user JWT + seed).
	CredsFile string

	TLSCAFile   string
	TLSCertFile string
	TLSKeyFile  string
	// TLSFirst performs the TLS handshake before the NATS INFO exchange
	// (servers configured with handshake_first).
	TLSFirst bool

	// ConnectTimeout bounds each dial.
	ConnectTimeout time.Duration
	// ReconnectWait is the base delay between reconnect attempts; the
	// actual delay grows exponentially up to MaxReconnectWait with jitter.
	ReconnectWait    time.Duration
	MaxReconnectWait time.Duration
	// DrainTimeout bounds Conn.Drain at shutdown.
	DrainTimeout time.Duration
}

// Validate reports a configuration that cannot work.
func (c ConnConfig) Validate() error {
	if strings.TrimSpace(c.URL) == "" {
		return errors.New("nats url is empty")
	}
	n := 0
	for _, set := range []bool{c.User != "" || c.Password != "", c.Token != "", c.NKeySeedFile != "", c.CredsFile != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return errors.New("nats auth: set only one of user/password, token, nkey seed file, creds file")
	}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		return errors.New("nats tls: client cert and key must be given together")
	}
	return nil
}

// AuthMethod names the authentication the configuration uses: "none",
// "user", "token", "nkey" or "creds". It is safe to log.
func (c ConnConfig) AuthMethod() string {
	switch {
	case c.CredsFile != "":
		return "creds"
	case c.NKeySeedFile != "":
		return "nkey"
	case c.Token != "":
		return "token"
	case c.User != "" || c.Password != "":
		return "user"
	}
	return "none"
}

// MarshalLogObject logs the configuration without any secret: URLs lose
// their user info, and credentials appear only as the auth method (and
// the user name, which is not a secret).
func (c ConnConfig) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	enc.AddString("url", redactURL(c.URL))
	enc.AddString("name", c.Name)
	enc.AddString("auth", c.AuthMethod())
	if c.User != "" {
		enc.AddString("user", c.User)
	}
	enc.AddBool("tls", c.TLSCAFile != "" || c.TLSCertFile != "" || c.TLSFirst || strings.Contains(c.URL, "tls://"))
	return nil
}

// Redacted returns a copy with every secret replaced by "REDACTED", for
// logging the effective configuration.
func (c ConnConfig) Redacted() ConnConfig {
	if c.Password != "" {
		c.Password = "REDACTED"
	}
	if c.Token != "" {
		c.Token = "REDACTED"
	}
	c.URL = redactURL(c.URL)
	return c
}

// redactURL drops any user info (user:password@ or token@) from each URL.
func redactURL(urls string) string {
	parts := strings.Split(urls, ",")
	for i, u := range parts {
		scheme, rest, ok := strings.Cut(u, "://")
		if !ok {
			continue
		}
		if at := strings.LastIndexByte(rest, '@'); at >= 0 {
			parts[i] = scheme + "://REDACTED@" + rest[at+1:]
		}
	}
	return strings.Join(parts, ",")
}

// Conn is a NATS connection, re-exported so callers need not import nats.go.
type Conn = nats.Conn

// ConnEvents receives connection state changes; the metrics package
// implements it. Methods are called from nats.go's callback goroutine.
type ConnEvents interface {
	Connected(up bool)
	Disconnected()
	Reconnected()
}

// Connect dials NATS with c and retries forever in the background once
// connected: reconnects use exponential backoff with jitter and are
// logged. The first connection must succeed within ctx, so a wrong URL or
// wrong credentials fail fast with a clear error.
func Connect(ctx context.Context, c ConnConfig, log *zap.Logger, ev ConnEvents) (*nats.Conn, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	opts, err := c.options(log, ev)
	if err != nil {
		return nil, err
	}
	type result struct {
		nc  *nats.Conn
		err error
	}
	done := make(chan result, 1)
	go func() { // owned: the select below waits for it or abandons a dial bounded by ConnectTimeout
		nc, err := nats.Connect(c.URL, opts...)
		done <- result{nc, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, fmt.Errorf("connect to nats %s: %w", redactURL(c.URL), r.err)
		}
		if ev != nil {
			ev.Connected(true)
		}
		log.Info("connected to nats", zap.String("server", r.nc.ConnectedUrlRedacted()), zap.String("server_id", r.nc.ConnectedServerId()))
		return r.nc, nil
	case <-ctx.Done():
		go func() { // close a connection that completes after we gave up
			if r := <-done; r.nc != nil {
				r.nc.Close()
			}
		}()
		return nil, fmt.Errorf("connect to nats %s: %w", redactURL(c.URL), ctx.Err())
	}
}

func (c ConnConfig) options(log *zap.Logger, ev ConnEvents) ([]nats.Option, error) {
	name := c.Name
	if name == "" {
		name = "wirestream"
	}
	opts := []nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.CustomReconnectDelay(backoff(c.ReconnectWait, c.MaxReconnectWait)),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if ev != nil {
				ev.Connected(false)
				ev.Disconnected()
			}
			if err != nil {
				log.Warn("disconnected from nats", zap.Error(err))
			} else {
				log.Info("disconnected from nats")
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			if ev != nil {
				ev.Connected(true)
				ev.Reconnected()
			}
			log.Info("reconnected to nats", zap.String("server", nc.ConnectedUrlRedacted()))
		}),
		nats.ClosedHandler(func(*nats.Conn) {
			if ev != nil {
				ev.Connected(false)
			}
			log.Info("nats connection closed")
		}),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			subj := ""
			if sub != nil {
				subj = sub.Subject
			}
			log.Warn("nats async error", zap.String("subscription", subj), zap.Error(err))
		}),
	}
	if c.ConnectTimeout > 0 {
		opts = append(opts, nats.Timeout(c.ConnectTimeout))
	}
	if c.DrainTimeout > 0 {
		opts = append(opts, nats.DrainTimeout(c.DrainTimeout))
	}
	switch {
	case c.User != "" || c.Password != "":
		opts = append(opts, nats.UserInfo(c.User, c.Password))
	case c.Token != "":
		opts = append(opts, nats.Token(c.Token))
	case c.NKeySeedFile != "":
		o, err := nats.NkeyOptionFromSeed(c.NKeySeedFile)
		if err != nil {
			return nil, fmt.Errorf("nats nkey seed file %s: %w", c.NKeySeedFile, err)
		}
		opts = append(opts, o)
	case c.CredsFile != "":
		if _, err := os.Stat(c.CredsFile); err != nil {
			return nil, fmt.Errorf("nats creds file: %w", err)
		}
		opts = append(opts, nats.UserCredentials(c.CredsFile))
	}
	if c.TLSCAFile != "" {
		opts = append(opts, nats.RootCAs(c.TLSCAFile))
	}
	if c.TLSCertFile != "" {
		opts = append(opts, nats.ClientCert(c.TLSCertFile, c.TLSKeyFile))
	}
	if c.TLSFirst {
		opts = append(opts, nats.TLSHandshakeFirst())
	}
	return opts, nil
}

// backoff returns a reconnect delay that doubles per attempt from base up
// to max, with up to 50% random jitter so a fleet does not reconnect in
// lockstep after a server restart.
func backoff(base, max time.Duration) nats.ReconnectDelayHandler {
	if base <= 0 {
		base = 250 * time.Millisecond
	}
	if max < base {
		max = 10 * time.Second
	}
	return func(attempts int) time.Duration {
		d := base
		for i := 1; i < attempts && d < max; i++ {
			d *= 2
		}
		d = min(d, max)
		return d/2 + rand.N(d/2+1)
	}
}
