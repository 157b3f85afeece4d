package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func envMap(m map[string]string) LookupEnv {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestWorkerFlagsEnvAndDefaults(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(t *testing.T, c *Worker)
	}{
		{"defaults", nil, nil, func(t *testing.T, c *Worker) {
			if c.NATS.URL != "nats://127.0.0.1:4222" || c.HTTPAddr != ":8080" || c.Stages != nil || c.LogFormat != "json" {
				t.Errorf("defaults: %+v", c)
			}
		}},
		{"env fallback", nil, map[string]string{"NATS_URL": "nats://n1:4222", "WIRESTREAM_ACK_WAIT": "45s", "WIRESTREAM_EMBEDDED": "true"},
			func(t *testing.T, c *Worker) {
				if c.NATS.URL != "nats://n1:4222" || c.Loop.Topology.AckWait != 45*time.Second || !c.Embedded {
					t.Errorf("env not applied: %+v", c)
				}
			}},
		{"flag beats env", []string{"--nats-url", "nats://flag:4222"}, map[string]string{"NATS_URL": "nats://env:4222"},
			func(t *testing.T, c *Worker) {
				if c.NATS.URL != "nats://flag:4222" {
					t.Errorf("url %q", c.NATS.URL)
				}
			}},
		{"stages none", []string{"--stages", "none"}, nil, func(t *testing.T, c *Worker) {
			if c.Stages == nil || len(c.Stages) != 0 {
				t.Errorf("stages %v, want empty non-nil", c.Stages)
			}
		}},
		{"per-stage concurrency", []string{"--concurrency", "2,entities=4"}, nil, func(t *testing.T, c *Worker) {
			if c.Concurrency[""] != 2 || c.Concurrency["entities"] != 4 {
				t.Errorf("concurrency %v", c.Concurrency)
			}
		}},
		{"default concurrency", nil, nil, func(t *testing.T, c *Worker) {
			if c.Concurrency[""] != 1 || c.Concurrency["entities"] != DefaultEntitiesConcurrency() || c.Concurrency["entities"] < 2 ||
				c.Concurrency["dedup"] != DefaultDedupConcurrency {
				t.Errorf("concurrency %v, want 1 per stage, %d for entities, %d for dedup", c.Concurrency, DefaultEntitiesConcurrency(), DefaultDedupConcurrency)
			}
		}},
		{"no entities default without the stage", []string{"--stages", "decode,normalize"}, nil, func(t *testing.T, c *Worker) {
			if _, ok := c.Concurrency["entities"]; ok {
				t.Errorf("concurrency %v names a stage that does not run", c.Concurrency)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := LoadWorker(tt.args, envMap(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestWorkerRejects(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"two auth methods", []string{"--nats-user", "u", "--nats-token", "t"}, "only one"},
		{"short duplicate window", []string{"--duplicate-window", "1m", "--ack-wait", "30s", "--max-deliver", "5"}, "duplicate window"},
		{"bad concurrency", []string{"--concurrency", "decode=0"}, "positive"},
		{"bad log format", []string{"--log-format", "xml"}, "log format"},
		{"cert without key", []string{"--nats-tls-cert", "c.pem"}, "together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := LoadWorker(tt.args, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestSecretsFromFilesAndRedaction(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("s3cr3t-pass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, err := LoadWorker([]string{"--nats-user", "svc", "--nats-password-file", pw, "--nats-url", "nats://svc:inline@h:4222"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.NATS.Password != "s3cr3t-pass" {
		t.Fatalf("password not read from file")
	}
	r := c.NATS.Redacted()
	if strings.Contains(r.Password+r.URL, "s3cr3t") || strings.Contains(r.URL, "inline") {
		t.Fatalf("redacted config leaks: %+v", r)
	}
}
