package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate"
)

// acknowledge decides, inside the accepting transaction, whether msg opens
// the conversation and so gets an acknowledgement. It records the
// acknowledgement and schedules its delivery and the follow-up. The
// acknowledgement comes from the catalogs, never from machine translation,
// so it goes out even when the translation provider is down.
func (p *Pipeline) acknowledge(ctx context.Context, tx *store.Tx, r *acceptReq, conv *store.Conversation, msg store.Message) (*Ack, error) {
	in := r.in
	if p.Replies == nil || in.Private {
		return nil, nil
	}
	// The acknowledgement speaks the language this message was decided in,
	// else the one earlier messages settled; a message the detector leaves
	// undetermined never picks it: a wrong language is worse than the
	// default. (The one close call the detector answers, a few Han
	// characters both Chinese and Japanese write, does pick it.)
	lang := r.det.Language
	if !knownLanguage(lang) {
		lang = r.priorLanguage
	}
	if !knownLanguage(lang) {
		lang = p.cfg.DefaultLanguage
	}
	policy := templates.Policy{ReopenWindow: p.cfg.ReopenWindow, OnlyForeign: p.cfg.AckOnlyForeign,
		AgentLanguage: p.cfg.AgentLanguage}
	decision := policy.Decide(templates.AckInput{Author: templates.Author(in.Author), Language: lang,
		Now: msg.CreatedAt, LastAck: deref(conv.AcknowledgedAt), Reopened: p.reopened(r, msg)})
	if !decision.Send {
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

// reopened reports whether the customer comes back after a silence longer
// than the reopen window: helpdesks do not all say when a conversation is
// reopened, but a long silence is what reopening looks like.
func (p *Pipeline) reopened(r *acceptReq, msg store.Message) bool {
	return p.cfg.ReopenWindow > 0 && r.lastCustomer != nil && msg.CreatedAt.Sub(*r.lastCustomer) > p.cfg.ReopenWindow
}

func knownLanguage(tag string) bool { return tag != "" && tag != translate.Undetermined }

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
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
