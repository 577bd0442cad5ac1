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

// Work processes one message. Its writes and the job's completion commit in
// one transaction, so a run that committed never repeats, and a run killed
// before committing leaves no trace and is run again.
func (w *processWorker) Work(ctx context.Context, job *river.Job[ProcessArgs]) error {
	return w.p.queue.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Message(ctx, job.Args.MessageID); err != nil {
			return err
		}
		if _, err := tx.MarkProcessed(ctx, job.Args.MessageID); err != nil {
			return err
		}
		return store.CompleteJob(ctx, tx, job)
	})
}
