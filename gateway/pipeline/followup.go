package pipeline

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/translate"
)

// FollowUpArgs is the job scheduled for when an acknowledgement's promise
// runs out.
type FollowUpArgs struct {
	ConversationID int64 `json:"conversation_id"`
}

// Kind names the job in the queue.
func (FollowUpArgs) Kind() string { return "follow_up" }

type followUpWorker struct {
	river.WorkerDefaults[FollowUpArgs]
	p *Pipeline
}

// Work sends the one-time follow-up if no agent has answered since the
// acknowledgement, and never a second one.
func (w *followUpWorker) Work(ctx context.Context, job *river.Job[FollowUpArgs]) error {
	p := w.p
	if p.Replies == nil {
		return nil
	}
	conv, err := p.DB.Conversation(ctx, job.Args.ConversationID)
	if err != nil {
		return err
	}
	if conv.AcknowledgedAt == nil || (conv.AgentLastAt != nil && !conv.AgentLastAt.Before(*conv.AcknowledgedAt)) {
		return nil
	}
	lang := conv.CustomerLanguage
	if lang == "" || lang == translate.Undetermined {
		lang = p.cfg.DefaultLanguage
	}
	text, err := p.Replies.FollowUp(AckInput{Language: lang, Received: *conv.AcknowledgedAt, CustomerName: conv.CustomerName})
	if err != nil {
		return fmt.Errorf("render follow-up: %w", err)
	}
	return p.Queue.InTx(ctx, func(tx *store.Tx) error {
		sent, err := tx.HasDelivery(ctx, conv.ID, store.DeliveryFollowUp)
		if err != nil || sent {
			return err
		}
		return p.addDelivery(ctx, tx, conv, store.Delivery{ConversationID: conv.ID, Kind: store.DeliveryFollowUp,
			Language: text.Language, Text: text.Text})
	})
}
