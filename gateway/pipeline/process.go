package pipeline

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/store"
)

// ProcessArgs is the job that processes one accepted message.
type ProcessArgs struct {
	MessageID int64 `json:"message_id"`
}

// Kind names the job in the queue.
func (ProcessArgs) Kind() string { return "process_message" }

type processWorker struct {
	river.WorkerDefaults[ProcessArgs]
	p *Pipeline
}

// Work processes one message. River runs a job at least once: a process
// killed after the work committed but before River recorded the completion
// runs it again, so every step checks what is already done and does only the
// rest.
func (w *processWorker) Work(ctx context.Context, job *river.Job[ProcessArgs]) error {
	return w.p.queue.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.MarkProcessed(ctx, job.Args.MessageID)
		return err
	})
}
