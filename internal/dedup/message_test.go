package dedup

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/wirestream/wirestream/internal/extract/fingerprint"
)

func TestMessagesRoundTrip(t *testing.T) {
	a := Article{ID: "urn:wire:1", ContentHash: fingerprint.ContentHash("text"), SimHash: 0x0123456789abcdef}
	body, err := encodeClaim(a)
	if err != nil {
		t.Fatal(err)
	}
	id, sim, content, err := decodeClaim(body)
	if err != nil || id != a.ID || sim != a.SimHash || hex.EncodeToString(content[:]) != a.ContentHash[:32] {
		t.Errorf("claim %s decoded to %q %x %x, %v", body, id, sim, content, err)
	}
	want := Result{StoryID: "s-0123456789abcdef", DuplicateOf: "urn:wire:0", Distance: 3, Exact: false}
	body, err = encodeResult(42, want)
	if err != nil {
		t.Fatal(err)
	}
	claim, got, err := decodeResult(body)
	if err != nil || claim != 42 || got != want {
		t.Errorf("result %s decoded to %d %+v, %v", body, claim, got, err)
	}
}

func TestDecodeRejects(t *testing.T) {
	hash := fingerprint.ContentHash("x")
	for _, tt := range []struct{ name, body string }{
		{"not json", "{"},
		{"no id", `{"h":"0123456789abcdef","c":"` + hash + `"}`},
		{"long id", `{"a":"` + strings.Repeat("x", MaxIDBytes+1) + `","h":"0123456789abcdef","c":"` + hash + `"}`},
		{"bad simhash", `{"a":"x","h":"0123","c":"` + hash + `"}`},
		{"short content hash", `{"a":"x","h":"0123456789abcdef","c":"abcd"}`},
		{"content hash not hex", `{"a":"x","h":"0123456789abcdef","c":"` + strings.Repeat("z", 64) + `"}`},
	} {
		if _, _, _, err := decodeClaim([]byte(tt.body)); err == nil {
			t.Errorf("claim %s: no error", tt.name)
		}
	}
	for _, body := range []string{"[", `{"q":0,"s":"s-1"}`, `{"q":3,"s":""}`, `{"q":3,"s":"s-1","n":-1}`, `{"q":3,"s":"s-1","n":65}`} {
		if _, _, err := decodeResult([]byte(body)); err == nil {
			t.Errorf("result %s: no error", body)
		}
	}
}

var fixedTime = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// FuzzApplyLogMessage feeds arbitrary log messages to an index: it must
// never panic, and what it skips it reports.
func FuzzApplyLogMessage(f *testing.F) {
	a := Article{ID: "a", ContentHash: fingerprint.ContentHash("text"), SimHash: 42}
	claim, _ := encodeClaim(a)
	result, _ := encodeResult(1, Result{StoryID: "s-1", DuplicateOf: "b", Distance: 2})
	f.Add(true, claim)
	f.Add(false, result)
	f.Add(true, []byte(`{"a":"","h":"","c":""}`))
	f.Add(false, []byte(`{"q":18446744073709551615,"s":"x"}`))
	f.Fuzz(func(t *testing.T, isClaim bool, body []byte) {
		cfg := DefaultConfig()
		cfg.Window = MinWindow
		x, err := newIndex(nil, cfg)
		if err != nil {
			t.Fatal(err)
		}
		kind := kindResult
		if isClaim {
			kind = kindClaim
		}
		for seq := uint64(1); seq <= 3; seq++ {
			err := x.apply(seq, fixedTime, kind, body)
			if (err != nil) != (x.Stats().Skipped == seq) {
				t.Fatalf("apply #%d = %v, skipped %d", seq, err, x.Stats().Skipped)
			}
		}
		if x.appliedAt() != 3 {
			t.Errorf("applied up to %d, want 3", x.appliedAt())
		}
	})
}
