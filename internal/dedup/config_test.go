package dedup

import (
	"fmt"
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
		{name: "empty stream", edit: func(c *Config) { c.Stream = "" }, wantErr: "stream"},
		{name: "stream with dot", edit: func(c *Config) { c.Stream = "a.b" }, wantErr: "stream"},
		{name: "short ttl", edit: func(c *Config) { c.TTL = time.Millisecond }, wantErr: "ttl"},
		{name: "no replicas", edit: func(c *Config) { c.Replicas = 0 }, wantErr: "replicas"},
		{name: "six replicas", edit: func(c *Config) { c.Replicas = 6 }, wantErr: "replicas"},
		{name: "one band", edit: func(c *Config) { c.Bands = 1 }, wantErr: "bands"},
		{name: "too many bands", edit: func(c *Config) { c.Bands = MaxBands + 1 }, wantErr: "bands"},
		{name: "negative threshold", edit: func(c *Config) { c.Threshold = -1 }, wantErr: "threshold"},
		{name: "threshold 64", edit: func(c *Config) { c.Threshold = 64 }, wantErr: "threshold"},
		{name: "small window", edit: func(c *Config) { c.Window = MinWindow - 1 }, wantErr: "window"},
		{name: "huge window", edit: func(c *Config) { c.Window = MaxWindow + 1 }, wantErr: "window"},
		{name: "no timeout", edit: func(c *Config) { c.Timeout = 0 }, wantErr: "timeout"},
		{name: "timeout past the duplicate window", edit: func(c *Config) { c.Timeout = 61 * time.Second }, wantErr: "duplicate window"},
		{name: "timeout past a short ttl", edit: func(c *Config) { c.TTL = 4 * time.Second }, wantErr: "duplicate window"},
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

func TestBandValues(t *testing.T) {
	tests := []struct {
		name  string
		bands int
		sim   uint64
		want  []uint64
	}{
		{name: "4 bands", bands: 4, sim: 0x0123456789abcdef, want: []uint64{0xcdef, 0x89ab, 0x4567, 0x0123}},
		{name: "5 bands of 13 and 12 bits", bands: 5, sim: ^uint64(0), want: []uint64{0x1fff, 0x1fff, 0x1fff, 0x1fff, 0xfff}},
		{name: "2 bands of 32 bits", bands: 2, sim: 0x0000000100000002, want: []uint64{2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint64
			for _, b := range bands(tt.bands) {
				got = append(got, b.value(tt.sim))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("band values = %x, want %x", got, tt.want)
			}
		})
	}
	if got := claimID("gen-1-2"); len(got) != 2+32 || !strings.HasPrefix(got, "c.") {
		t.Errorf("claimID = %q, want c. and 32 hex digits", got)
	}
}
