package worker

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/pipeline"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		permanent bool
		reason    string
	}{
		{"bad input", extract.BadInput(extract.ReasonMalformed, "json: unexpected end"), true, "malformed"},
		{"wrapped bad input", fmt.Errorf("decode: %w", extract.BadInput(extract.ReasonInvalidUTF8, "byte 3")), true, "invalid_utf8"},
		{"panic", &pipeline.PanicError{Stage: "entities", Value: "boom"}, true, ReasonPanic},
		{"timeout", &pipeline.TimeoutError{Stage: "entities"}, true, ReasonTimeout},
		{"abandoned", &pipeline.TimeoutError{Stage: "entities", Abandoned: true}, true, ReasonTimeout},
		{"expired in a queue", &pipeline.TimeoutError{Stage: "entities", Queued: true}, false, ""},
		{"service stage overran", &pipeline.TimeoutError{Stage: "dedup"}, false, ""},
		{"transient", errors.New("kv bucket unavailable"), false, ""},
		{"cancelled", context.Canceled, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := classify(pipeline.Result[*extract.Document]{Err: tt.err, FailedStage: "s"}, map[string]bool{"dedup": true})
			if f.permanent != tt.permanent || f.reason != tt.reason {
				t.Fatalf("got permanent=%v reason=%q, want %v %q", f.permanent, f.reason, tt.permanent, tt.reason)
			}
		})
	}
}

func TestEventIDIsDeterministic(t *testing.T) {
	a := EventID("wire:abc", "1.0", "1")
	if a != EventID("wire:abc", "1.0", "1") {
		t.Fatal("same input, different id")
	}
	if a == EventID("wire:abd", "1.0", "1") || a == EventID("wire:abc", "2.0", "1") || a == EventID("wire:abc", "1.0", "2") {
		t.Fatal("different raw id or schema version must change the id")
	}
	if len(a) != 32 {
		t.Fatalf("id %q: want 32 hex chars", a)
	}
}

func TestSanitizeHeader(t *testing.T) {
	if got := sanitizeHeader("line1\r\nline2\x00end\ttab"); got != "line1  line2 end\ttab" {
		t.Fatalf("got %q", got)
	}
}

func TestAdmitRejectsOversize(t *testing.T) {
	a := admit{maxPayload: 4}
	if err := a.Process(context.Background(), &extract.Document{Raw: extract.Raw{Payload: []byte("1234")}}); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	err := a.Process(context.Background(), &extract.Document{Raw: extract.Raw{Payload: []byte("12345")}})
	var ie *extract.InputError
	if !errors.As(err, &ie) || ie.Reason != extract.ReasonTooLarge {
		t.Fatalf("over the limit: %v", err)
	}
}
