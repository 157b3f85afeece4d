package config

import (
	"fmt"
	"time"

	"github.com/wirestream/wirestream/internal/natsx"
)

// natsFlags holds NATS connection flags, shared by both binaries.
type natsFlags struct {
	conn         natsx.ConnConfig
	passwordFile string
	tokenFile    string
}

func (n *natsFlags) register(f *flags, clientName string) {
	n.conn.Name = clientName
	f.String(&n.conn.URL, "nats-url", "NATS_URL", "nats://127.0.0.1:4222", "NATS server URLs, comma-separated")
	f.String(&n.conn.User, "nats-user", "NATS_USER", "", "NATS user name (user/password auth)")
	f.Secret(&n.conn.Password, "nats-password", "NATS_PASSWORD", "NATS password; prefer --nats-password-file")
	f.String(&n.passwordFile, "nats-password-file", "NATS_PASSWORD_FILE", "", "file holding the NATS password")
	f.Secret(&n.conn.Token, "nats-token", "NATS_TOKEN", "NATS auth token; prefer --nats-token-file")
	f.String(&n.tokenFile, "nats-token-file", "NATS_TOKEN_FILE", "", "file holding the NATS auth token")
	f.String(&n.conn.NKeySeedFile, "nats-nkey-seed-file", "NATS_NKEY_SEED_FILE", "", "file holding an NKey user seed")
	f.String(&n.conn.CredsFile, "nats-creds-file", "NATS_CREDS", "", "NATS credentials file (user JWT and seed)")
	f.String(&n.conn.TLSCAFile, "nats-tls-ca", "NATS_TLS_CA", "", "CA bundle to verify the NATS server")
	f.String(&n.conn.TLSCertFile, "nats-tls-cert", "NATS_TLS_CERT", "", "client certificate for mutual TLS")
	f.String(&n.conn.TLSKeyFile, "nats-tls-key", "NATS_TLS_KEY", "", "client key for mutual TLS")
	f.Bool(&n.conn.TLSFirst, "nats-tls-first", "NATS_TLS_FIRST", false, "TLS handshake before the NATS protocol (server handshake_first)")
	f.Duration(&n.conn.ConnectTimeout, "nats-connect-timeout", "NATS_CONNECT_TIMEOUT", 5*time.Second, "timeout of each connection attempt")
	f.Duration(&n.conn.ReconnectWait, "nats-reconnect-wait", "NATS_RECONNECT_WAIT", 250*time.Millisecond, "first reconnect delay; doubles per attempt, with jitter")
	f.Duration(&n.conn.MaxReconnectWait, "nats-max-reconnect-wait", "NATS_MAX_RECONNECT_WAIT", 10*time.Second, "largest reconnect delay")
}

// resolve reads secret files into the connection config.
func (n *natsFlags) resolve() error {
	if n.passwordFile != "" {
		if n.conn.Password != "" {
			return fmt.Errorf("set --nats-password or --nats-password-file, not both")
		}
		p, err := readSecretFile(n.passwordFile)
		if err != nil {
			return fmt.Errorf("nats password: %w", err)
		}
		n.conn.Password = p
	}
	if n.tokenFile != "" {
		if n.conn.Token != "" {
			return fmt.Errorf("set --nats-token or --nats-token-file, not both")
		}
		t, err := readSecretFile(n.tokenFile)
		if err != nil {
			return fmt.Errorf("nats token: %w", err)
		}
		n.conn.Token = t
	}
	return n.conn.Validate()
}
