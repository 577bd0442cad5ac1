package pipeline

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/translate"
)

// acknowledge decides, inside the accepting transaction, whether msg opens
// the conversation and so gets an acknowledgement. It records the
// acknowledgement and schedules its delivery and the follow-up. The
// acknowledgement comes from the catalogs, never from machine translation,
// so it goes out even when the translation provider is down.
func (p *Pipeline) acknowledge(ctx context.Context, tx *store.Tx, in Inbound, conv *store.Conversation, msg store.Message) (*Ack, error) {
	if p.Replies == nil || in.Author != store.AuthorCustomer || in.Private || conv.AcknowledgedAt != nil {
		return nil, nil
	}
	lang := conv.CustomerLanguage
	if lang == "" || lang == translate.Undetermined {
		lang = p.cfg.DefaultLanguage
	}
	if p.cfg.AckOnlyForeign && sameLanguage(lang, p.cfg.AgentLanguage) {
		return nil, nil
	}
	text, err := p.Replies.Ack(AckInput{Language: lang, Received: msg.CreatedAt,
		CustomerName: in.CustomerName, TicketNumber: in.TicketNumber})
	if err != nil {
		return nil, fmt.Errorf("render acknowledgement: %w", err)
	}
	if err := tx.MarkAcknowledged(ctx, conv.ID); err != nil {
		return nil, err
	}
	conv.AcknowledgedAt = &msg.CreatedAt
	if err := p.addDelivery(ctx, tx, *conv, store.Delivery{ConversationID: conv.ID, MessageID: msg.ID,
		Kind: store.DeliveryAck, Language: text.Language, Text: text.Text}); err != nil {
		return nil, err
	}
	// Callers of the generic API read what Parley decided; there is no one
	// to send a follow-up to.
	if !text.FollowUpAt.IsZero() && conv.Source != SourceAPI {
		if err := tx.Enqueue(ctx, FollowUpArgs{ConversationID: conv.ID},
			&river.InsertOpts{ScheduledAt: text.FollowUpAt}); err != nil {
			return nil, err
		}
	}
	return &Ack{Language: text.Language, Text: text.Text}, nil
}

// addDelivery records something to post to conv and schedules the post.
// Conversations of the generic API are not posted to: their callers read
// the text from the response and the API, so it counts as delivered.
func (p *Pipeline) addDelivery(ctx context.Context, tx *store.Tx, conv store.Conversation, d store.Delivery) error {
	d.Status = store.DeliveryPending
	if conv.Source == SourceAPI {
		d.Status = store.DeliverySent
	}
	d, err := tx.InsertDelivery(ctx, d)
	if err != nil || d.Status == store.DeliverySent {
		return err
	}
	return tx.Enqueue(ctx, DeliverArgs{DeliveryID: d.ID}, nil)
}
