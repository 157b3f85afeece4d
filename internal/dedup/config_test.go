package dedup

import (
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string
	}{
		{name: "defaults", edit: func(*Config) {}},
		{name: "empty bucket", edit: func(c *Config) { c.Bucket = "" }, wantErr: "bucket"},
		{name: "bucket with dot", edit: func(c *Config) { c.Bucket = "a.b" }, wantErr: "bucket"},
		{name: "short ttl", edit: func(c *Config) { c.TTL = time.Millisecond }, wantErr: "ttl"},
		{name: "no replicas", edit: func(c *Config) { c.Replicas = 0 }, wantErr: "replicas"},
		{name: "six replicas", edit: func(c *Config) { c.Replicas = 6 }, wantErr: "replicas"},
		{name: "one band", edit: func(c *Config) { c.Bands = 1 }, wantErr: "bands"},
		{name: "too many bands", edit: func(c *Config) { c.Bands = MaxBands + 1 }, wantErr: "bands"},
		{name: "negative threshold", edit: func(c *Config) { c.Threshold = -1 }, wantErr: "threshold"},
		{name: "threshold 64", edit: func(c *Config) { c.Threshold = 64 }, wantErr: "threshold"},
		{name: "no entries", edit: func(c *Config) { c.MaxEntries = 0 }, wantErr: "max entries"},
		{name: "too many entries", edit: func(c *Config) { c.MaxEntries = MaxEntriesLimit + 1 }, wantErr: "max entries"},
		{name: "no timeout", edit: func(c *Config) { c.Timeout = 0 }, wantErr: "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.edit(&c)
			err := c.Validate()
			if (err != nil) != (tt.wantErr != "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Validate() = %v, want an error about %q", err, tt.wantErr)
			}
		})
	}
}

func TestBands(t *testing.T) {
	for n := MinBands; n <= MaxBands; n++ {
		bs := bands(n)
		next := uint(0)
		for i, b := range bs {
			if b.shift != next || b.bits < 64/uint(n) || b.bits > 64/uint(n)+1 {
				t.Fatalf("bands(%d)[%d] = %+v, want shift %d and %d or %d bits", n, i, b, next, 64/n, 64/n+1)
			}
			next += b.bits
		}
		if next != 64 {
			t.Errorf("bands(%d) cover %d bits, want 64", n, next)
		}
	}
}

func TestKeys(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	tests := []struct {
		name  string
		bands int
		sim   uint64
		want  []string
	}{
		{name: "4 bands", bands: 4, sim: 0x0123456789abcdef, want: []string{"b0.cdef", "b1.89ab", "b2.4567", "b3.0123", "c." + hash}},
		{name: "padded", bands: 4, sim: 0x0000000100000000, want: []string{"b0.0000", "b1.0000", "b2.0001", "b3.0000", "c." + hash}},
		{name: "5 bands of 13 and 12 bits", bands: 5, sim: ^uint64(0), want: []string{"b0.1fff", "b1.1fff", "b2.1fff", "b3.1fff", "b4.fff", "c." + hash}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Bands = tt.bands
			x, err := newIndex(newMemKV(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			got := x.keys(Article{ID: "x", ContentHash: hash, SimHash: tt.sim})
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("keys = %q, want %q", got, tt.want)
			}
		})
	}
	if got := articleKey("gen-1-2"); len(got) != 2+32 || !strings.HasPrefix(got, "a.") {
		t.Errorf("articleKey = %q, want a. and 32 hex digits", got)
	}
}
