package natsx_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nkeys"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/wirestream/wirestream/internal/natsx"
	"github.com/wirestream/wirestream/internal/natsx/natstest"
)

func connect(t *testing.T, c natsx.ConnConfig) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c.ConnectTimeout = 2 * time.Second
	nc, err := natsx.Connect(ctx, c, zap.NewNop(), nil)
	if err == nil {
		nc.Close()
	}
	return err
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConnectAuthMethods(t *testing.T) {
	nkp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	npub, _ := nkp.PublicKey()
	nseed, _ := nkp.Seed()
	seedFile := writeFile(t, "user.nk", nseed)
	otherKP, _ := nkeys.CreateUser()
	otherSeed, _ := otherKP.Seed()

	tests := []struct {
		name   string
		server func(*server.Options)
		good   natsx.ConnConfig
		bad    natsx.ConnConfig
	}{
		{
			name:   "user and password",
			server: func(o *server.Options) { o.Username, o.Password = "wire", "s3cret-pass" },
			good:   natsx.ConnConfig{User: "wire", Password: "s3cret-pass"},
			bad:    natsx.ConnConfig{User: "wire", Password: "wrong"},
		},
		{
			name:   "token",
			server: func(o *server.Options) { o.Authorization = "s3cret-token" },
			good:   natsx.ConnConfig{Token: "s3cret-token"},
			bad:    natsx.ConnConfig{Token: "nope"},
		},
		{
			name:   "nkey seed file",
			server: func(o *server.Options) { o.Nkeys = []*server.NkeyUser{{Nkey: npub}} },
			good:   natsx.ConnConfig{NKeySeedFile: seedFile},
			bad:    natsx.ConnConfig{NKeySeedFile: writeFile(t, "other.nk", otherSeed)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := natstest.Start(t, func(o *server.Options) { o.JetStream = false; tt.server(o) })
			tt.good.URL, tt.bad.URL = srv.ClientURL(), srv.ClientURL()
			if err := connect(t, tt.good); err != nil {
				t.Fatalf("good credentials refused: %v", err)
			}
			if err := connect(t, tt.bad); err == nil {
				t.Fatal("bad credentials accepted")
			}
			if err := connect(t, natsx.ConnConfig{URL: srv.ClientURL()}); err == nil {
				t.Fatal("no credentials accepted")
			}
		})
	}
}

// TestConnectCredsFile runs a server in operator (decentralised JWT) mode
// and connects with a user credentials file, as NGS/Synadia-style
// deployments do.
func TestConnectCredsFile(t *testing.T) {
	okp, _ := nkeys.CreateOperator()
	opub, _ := okp.PublicKey()
	oc := jwt.NewOperatorClaims(opub)
	ojwt, err := oc.Encode(okp)
	if err != nil {
		t.Fatal(err)
	}
	operator, err := jwt.DecodeOperatorClaims(ojwt)
	if err != nil {
		t.Fatal(err)
	}
	akp, _ := nkeys.CreateAccount()
	apub, _ := akp.PublicKey()
	ajwt, err := jwt.NewAccountClaims(apub).Encode(okp)
	if err != nil {
		t.Fatal(err)
	}
	ukp, _ := nkeys.CreateUser()
	upub, _ := ukp.PublicKey()
	useed, _ := ukp.Seed()
	ujwt, err := jwt.NewUserClaims(upub).Encode(akp)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := jwt.FormatUserConfig(ujwt, useed)
	if err != nil {
		t.Fatal(err)
	}
	resolver := &server.MemAccResolver{}
	if err := resolver.Store(apub, ajwt); err != nil {
		t.Fatal(err)
	}
	srv := natstest.Start(t, func(o *server.Options) {
		o.JetStream = false
		o.TrustedOperators = []*jwt.OperatorClaims{operator}
		o.AccountResolver = resolver
	})
	if err := connect(t, natsx.ConnConfig{URL: srv.ClientURL(), CredsFile: writeFile(t, "user.creds", creds)}); err != nil {
		t.Fatalf("creds file refused: %v", err)
	}
	if err := connect(t, natsx.ConnConfig{URL: srv.ClientURL()}); err == nil {
		t.Fatal("connection without creds accepted")
	}
	if err := connect(t, natsx.ConnConfig{URL: srv.ClientURL(), CredsFile: filepath.Join(t.TempDir(), "missing.creds")}); err == nil || !strings.Contains(err.Error(), "creds") {
		t.Fatalf("missing creds file: %v, want a clear error", err)
	}
}

// testPKI writes a CA, a server certificate for 127.0.0.1 and a client
// certificate, all signed by the CA.
type testPKI struct{ ca, serverCert, serverKey, clientCert, clientKey string }

func newPKI(t *testing.T) testPKI {
	t.Helper()
	dir := t.TempDir()
	write := func(name, typ string, der []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "wirestream test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	leaf := func(serial int64, usage x509.ExtKeyUsage, name string) (string, string) {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
			IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		kder, _ := x509.MarshalECPrivateKey(key)
		return write(name+".pem", "CERTIFICATE", der), write(name+"-key.pem", "EC PRIVATE KEY", kder)
	}
	p := testPKI{ca: write("ca.pem", "CERTIFICATE", caDER)}
	p.serverCert, p.serverKey = leaf(2, x509.ExtKeyUsageServerAuth, "server")
	p.clientCert, p.clientKey = leaf(3, x509.ExtKeyUsageClientAuth, "client")
	return p
}

func TestConnectTLS(t *testing.T) {
	pki := newPKI(t)
	for _, tt := range []struct {
		name       string
		verify     bool // the server requires client certificates (mTLS)
		handshake1 bool // TLS before the INFO exchange
	}{
		{"server TLS", false, false},
		{"mutual TLS", true, false},
		{"TLS handshake first", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tc, err := server.GenTLSConfig(&server.TLSConfigOpts{
				CertFile: pki.serverCert, KeyFile: pki.serverKey, CaFile: pki.ca, Verify: tt.verify,
			})
			if err != nil {
				t.Fatal(err)
			}
			srv := natstest.Start(t, func(o *server.Options) {
				o.JetStream = false
				o.TLSConfig, o.TLS, o.TLSVerify, o.TLSHandshakeFirst = tc, true, tt.verify, tt.handshake1
			})
			url := srv.ClientURL() // already tls:// when the server requires TLS
			good := natsx.ConnConfig{URL: url, TLSCAFile: pki.ca, TLSFirst: tt.handshake1}
			if tt.verify {
				good.TLSCertFile, good.TLSKeyFile = pki.clientCert, pki.clientKey
			}
			if err := connect(t, good); err != nil {
				t.Fatalf("TLS connection refused: %v", err)
			}
			noCA := good
			noCA.TLSCAFile = ""
			if err := connect(t, noCA); err == nil {
				t.Fatal("connected without trusting the server's CA")
			}
			if tt.verify {
				noCert := good
				noCert.TLSCertFile, noCert.TLSKeyFile = "", ""
				if err := connect(t, noCert); err == nil {
					t.Fatal("mutual TLS server accepted a client without a certificate")
				}
			}
		})
	}
}

func TestConnConfigNeverLogsSecrets(t *testing.T) {
	c := natsx.ConnConfig{
		URL:      "nats://alice:pw-in-url@10.0.0.1:4222,nats://tok-in-url@10.0.0.2:4222",
		User:     "alice",
		Password: "hunter2-password",
		Token:    "tok-secret",
	}
	core, logs := observer.New(zapcore.DebugLevel)
	zap.New(core).Info("config", zap.Object("nats", c))
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	buf, err := enc.EncodeEntry(logs.All()[0].Entry, logs.All()[0].Context)
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, secret := range []string{"hunter2-password", "tok-secret", "pw-in-url", "tok-in-url"} {
		if strings.Contains(out, secret) {
			t.Errorf("log line leaks %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "10.0.0.1:4222") || !strings.Contains(out, `"user":"alice"`) {
		t.Errorf("log line lost the non-secret parts: %s", out)
	}
	r := c.Redacted()
	if strings.Contains(r.URL+r.Password+r.Token, "secret") || strings.Contains(r.URL, "pw-in-url") {
		t.Errorf("Redacted leaks: %+v", r)
	}
}

func TestConnConfigValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    natsx.ConnConfig
		ok   bool
	}{
		{"plain", natsx.ConnConfig{URL: "nats://x:4222"}, true},
		{"empty url", natsx.ConnConfig{}, false},
		{"two auth methods", natsx.ConnConfig{URL: "nats://x", Token: "t", CredsFile: "c"}, false},
		{"cert without key", natsx.ConnConfig{URL: "nats://x", TLSCertFile: "c"}, false},
	} {
		if err := tt.c.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}
