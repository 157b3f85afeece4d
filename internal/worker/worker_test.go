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

// serviceStage stands for a stage that waits on a service, like dedup.
type serviceStage struct{ name string }

func (s serviceStage) Name() string                                   { return s.name }
func (serviceStage) Process(context.Context, *extract.Document) error { return nil }
func (serviceStage) WaitsOnService()                                  {}

// cpuStage stands for a stage that only computes.
func cpuStage(name string) pipeline.Stage[*extract.Document] {
	return pipeline.NewStageFunc(name, func(context.Context, *extract.Document) error { return nil })
}

// queueCaps returns the QueueCap of each of p's stages in order: the
// queue size heads a segment, 0 marks a stage fused into the one before.
func queueCaps(p *pipeline.Pipeline[*extract.Document]) []int {
	var caps []int
	for _, name := range p.Stages() {
		caps = append(caps, p.QueueCap(name))
	}
	return caps
}

func TestFuseCPUStages(t *testing.T) {
	tests := []struct {
		name   string
		stages []pipeline.Stage[*extract.Document]
		want   []int // QueueCap per stage: 64 heads a segment, 0 is fused into the one before
	}{
		{"admit only", []pipeline.Stage[*extract.Document]{admit{}}, []int{64}},
		{"all CPU", []pipeline.Stage[*extract.Document]{admit{}, cpuStage("a"), cpuStage("b")}, []int{64, 0, 0}},
		{"service last", []pipeline.Stage[*extract.Document]{admit{}, cpuStage("a"), serviceStage{"svc"}}, []int{64, 0, 64}},
		{"service between", []pipeline.Stage[*extract.Document]{admit{}, cpuStage("a"), serviceStage{"svc"}, cpuStage("b"), cpuStage("c"), cpuStage("d")}, []int{64, 0, 64, 64, 0, 0}},
		{"lone CPU stage after a service", []pipeline.Stage[*extract.Document]{admit{}, serviceStage{"svc"}, cpuStage("b")}, []int{64, 64, 64}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pipeline.New(tt.stages, fuseCPUStages(tt.stages, "")...)
			if err != nil {
				t.Fatal(err)
			}
			got := queueCaps(p)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("queue capacities %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFuseOptions(t *testing.T) {
	all := []pipeline.Stage[*extract.Document]{admit{}, cpuStage("a"), cpuStage("b"), cpuStage("c"), cpuStage("d"), serviceStage{"svc"}}
	withEntities := []pipeline.Stage[*extract.Document]{admit{}, cpuStage("a"), cpuStage("entities"), cpuStage("b"), cpuStage("c"), serviceStage{"svc"}}
	tests := []struct {
		spec    string
		stages  []pipeline.Stage[*extract.Document] // all if nil
		want    []int                               // QueueCap per stage, as in TestFuseCPUStages
		wantErr bool
	}{
		{spec: "auto", stages: withEntities, want: []int{64, 0, 64, 64, 0, 64}},
		{spec: "auto", want: []int{64, 0, 0, 0, 0, 64}},
		{spec: "cpu", stages: withEntities, want: []int{64, 0, 0, 0, 0, 64}},
		{spec: "", want: []int{64, 64, 64, 64, 64, 64}},
		{spec: "none", want: []int{64, 64, 64, 64, 64, 64}},
		{spec: "cpu", want: []int{64, 0, 0, 0, 0, 64}},
		{spec: "admit-a,c-d", want: []int{64, 0, 64, 64, 0, 64}},
		{spec: " a-c ", want: []int{64, 64, 0, 0, 64, 64}},
		{spec: "b-b", want: []int{64, 64, 64, 64, 64, 64}},
		{spec: "c-a", wantErr: true},
		{spec: "a-x", wantErr: true},
		{spec: "a", wantErr: true},
		{spec: "a-b,b-c", wantErr: true}, // b twice: pipeline.New says so
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			stages := tt.stages
			if stages == nil {
				stages = all
			}
			opts, err := fuseOptions(tt.spec, stages)
			var p *pipeline.Pipeline[*extract.Document]
			if err == nil {
				p, err = pipeline.New(stages, opts...)
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			got := queueCaps(p)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("queue capacities %v, want %v", got, tt.want)
			}
		})
	}
}
