package pipeline_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/wirestream/wirestream/internal/pipeline"
)

// intObserver is an Observer of the wrong item type for *item pipelines.
type intObserver struct{}

func (intObserver) StageStarted(string)                             {}
func (intObserver) StageFinished(string, int, time.Duration, error) {}
func (intObserver) Blocked(string, time.Duration)                   {}

func TestNewRejectsInvalidConfig(t *testing.T) {
	tests := []struct {
		name   string
		stages []pipeline.Stage[*item]
		opts   []pipeline.Option
		want   error
	}{
		{name: "duplicate stage", stages: visitingStages("a", "b", "a"), want: pipeline.ErrDuplicateStage},
		{name: "stage without name", stages: visitingStages("a", ""), want: pipeline.ErrInvalidOption},
		{name: "nil stage", stages: []pipeline.Stage[*item]{nil}, want: pipeline.ErrInvalidOption},
		{
			name:   "concurrency of unknown stage",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithStageConcurrency("b", 2)},
			want:   pipeline.ErrUnknownStage,
		},
		{
			name:   "queue size of unknown stage",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithStageQueueSize("b", 2)},
			want:   pipeline.ErrUnknownStage,
		},
		{
			name: "per-stage option without stages",
			opts: []pipeline.Option{pipeline.WithStageQueueSize("a", 2)},
			want: pipeline.ErrUnknownStage,
		},
		{
			name:   "stage concurrency 0",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithStageConcurrency("a", 0)},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "stage queue size -1",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithStageQueueSize("a", -1)},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "default concurrency 0",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithDefaultConcurrency(0)},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "default queue size 0",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithDefaultQueueSize(0)},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "negative item timeout",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithItemTimeout(-time.Second)},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "nil observer",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithObserver[*item](nil)},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "fusion of an unknown stage",
			stages: visitingStages("a", "b"),
			opts:   []pipeline.Option{pipeline.WithFusedStages("a", "c")},
			want:   pipeline.ErrUnknownStage,
		},
		{
			name:   "fusion of no stage",
			stages: visitingStages("a", "b"),
			opts:   []pipeline.Option{pipeline.WithFusedStages()},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "fusion of stages that are not consecutive",
			stages: visitingStages("a", "b", "c"),
			opts:   []pipeline.Option{pipeline.WithFusedStages("a", "c")},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "fusion out of order",
			stages: visitingStages("a", "b", "c"),
			opts:   []pipeline.Option{pipeline.WithFusedStages("b", "a")},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "stage fused twice",
			stages: visitingStages("a", "b", "c"),
			opts:   []pipeline.Option{pipeline.WithFusedStages("a", "b"), pipeline.WithFusedStages("b", "c")},
			want:   pipeline.ErrInvalidOption,
		},
		{
			name:   "observer of another item type",
			stages: visitingStages("a"),
			opts:   []pipeline.Option{pipeline.WithObserver[int](intObserver{})},
			want:   pipeline.ErrInvalidOption,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pipeline.New(tt.stages, tt.opts...)
			if !errors.Is(err, tt.want) || p != nil {
				t.Errorf("New() = %v, %v; want nil, %v", p, err, tt.want)
			}
		})
	}
}

func TestNewQueueSizes(t *testing.T) {
	tests := []struct {
		name string
		opts []pipeline.Option
		want []int // QueueCap of a, b, c
	}{
		{name: "defaults", want: []int{pipeline.DefaultQueueSize, pipeline.DefaultQueueSize, pipeline.DefaultQueueSize}},
		{name: "default size", opts: []pipeline.Option{pipeline.WithDefaultQueueSize(8)}, want: []int{8, 8, 8}},
		{
			name: "stage size wins whatever the order",
			opts: []pipeline.Option{
				pipeline.WithStageQueueSize("a", 3),
				pipeline.WithDefaultQueueSize(8),
				pipeline.WithStageQueueSize("c", 1),
			},
			want: []int{3, 8, 1},
		},
		{
			name: "last option for a stage wins",
			opts: []pipeline.Option{pipeline.WithStageQueueSize("b", 3), pipeline.WithStageQueueSize("b", 5)},
			want: []int{pipeline.DefaultQueueSize, 5, pipeline.DefaultQueueSize},
		},
		{
			name: "a fused run has its first stage's queue",
			opts: []pipeline.Option{pipeline.WithFusedStages("b", "c"), pipeline.WithStageQueueSize("b", 4), pipeline.WithStageQueueSize("c", 9)},
			want: []int{pipeline.DefaultQueueSize, 4, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustNew(t, visitingStages("a", "b", "c"), tt.opts...)

			names := p.Stages()
			if !slices.Equal(names, []string{"a", "b", "c"}) {
				t.Fatalf("Stages() = %v, want [a b c]", names)
			}
			got := make([]int, len(names))
			for i, name := range names {
				got[i] = p.QueueCap(name)
				if l := p.QueueLen(name); l != 0 {
					t.Errorf("QueueLen(%q) = %d before Run, want 0", name, l)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("QueueCap = %v, want %v", got, tt.want)
			}
			if c, l := p.QueueCap("nope"), p.QueueLen("nope"); c != 0 || l != 0 {
				t.Errorf("QueueCap, QueueLen of an unknown stage = %d, %d; want 0, 0", c, l)
			}
		})
	}
}
