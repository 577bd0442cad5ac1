package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/store"
)

// DeliverArgs is the job that posts one delivery to its helpdesk.
type DeliverArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind names the job in the queue.
func (DeliverArgs) Kind() string { return "deliver" }

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	p *Pipeline
}

// Work posts the delivery once. A delivery already sent is never posted
// again, so a retried job does not post twice; the helpdesk's id for the
// post is stored at once, so the webhook it causes is known as Parley's own.
func (w *deliverWorker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	p := w.p
	d, err := p.DB.Delivery(ctx, job.Args.DeliveryID)
	if err != nil {
		return err
	}
	if d.Status != store.DeliveryPending {
		return nil
	}
	conv, err := p.DB.Conversation(ctx, d.ConversationID)
	if err != nil {
		return err
	}
	poster, ok := p.Posters[conv.Source]
	if !ok {
		return p.failDelivery(ctx, d, fmt.Sprintf("no %s connector is configured", conv.Source), true)
	}
	post := poster.Reply
	if d.Kind == store.DeliveryNote {
		post = poster.Note
	}
	extID, err := post(ctx, conv.ExternalID, d.Text)
	switch {
	case err == nil:
		return p.DB.InTx(ctx, func(tx *store.Tx) error { return tx.MarkDeliverySent(ctx, d.ID, extID) })
	case errors.Is(err, helpdesk.ErrPermanent):
		p.Logger.Warn("delivery refused", "delivery", d.ID, "kind", d.Kind, "error", err)
		return p.failDelivery(ctx, d, err.Error(), true)
	default:
		if ferr := p.failDelivery(ctx, d, err.Error(), job.Attempt >= job.MaxAttempts); ferr != nil {
			return ferr
		}
		if wait, ok := helpdesk.RetryAfter(err); ok && wait > 0 {
			return river.JobSnooze(wait)
		}
		return err
	}
}

func (p *Pipeline) failDelivery(ctx context.Context, d store.Delivery, reason string, final bool) error {
	err := p.DB.InTx(ctx, func(tx *store.Tx) error { return tx.RecordDeliveryFailure(ctx, d.ID, reason, final) })
	if err != nil || !final {
		return err
	}
	return river.JobCancel(fmt.Errorf("delivery %d failed for good: %s", d.ID, reason))
}

// timeout bounds a delivery's post.
func (w *deliverWorker) Timeout(*river.Job[DeliverArgs]) time.Duration { return time.Minute }
