package worker

import (
	"context"
	"time"

	"github.com/wirestream/wirestream/event"
	"github.com/wirestream/wirestream/internal/extract"
	"github.com/wirestream/wirestream/internal/metrics"
)

// observer feeds stage metrics and records each stage's time in the
// event. The pipeline calls it from the goroutine that owns the document.
type observer struct{ m *metrics.Metrics }

func (o observer) StageStarted(stage string) { o.m.StageStarted(stage) }

func (o observer) StageFinished(stage string, doc *extract.Document, d time.Duration, err error) {
	outcome := metrics.StageOK
	switch {
	case err != nil:
		outcome = metrics.StageError
	case doc.TakeSkipped():
		outcome = metrics.StageSkipped
	}
	o.m.StageFinished(stage, outcome, d)
	if stage != admitStage {
		doc.Event.Pipeline.Stages = append(doc.Event.Pipeline.Stages, event.StageTiming{Stage: stage, Micros: d.Microseconds()})
	}
}

func (o observer) Blocked(stage string, d time.Duration) { o.m.StageBlockedFor(stage, d) }

const admitStage = "admit"

// admit is the built-in first stage: it rejects payloads over the size
// limit before any stage spends time or memory on them.
type admit struct{ maxPayload int }

func (admit) Name() string { return admitStage }

func (a admit) Process(_ context.Context, doc *extract.Document) error {
	if n := len(doc.Raw.Payload); n > a.maxPayload {
		return extract.BadInput(extract.ReasonTooLarge, "payload is %d bytes, the limit is %d", n, a.maxPayload)
	}
	return nil
}
