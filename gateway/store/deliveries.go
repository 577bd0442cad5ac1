package store

import (
	"context"
	"fmt"
	"time"
)

// DeliveryKind is what Parley posts back to a conversation.
type DeliveryKind string

// The kinds of deliveries.
const (
	DeliveryAck      DeliveryKind = "ack"       // the public acknowledgement
	DeliveryNote     DeliveryKind = "note"      // a private note with a translation for agents
	DeliveryReply    DeliveryKind = "reply"     // an agent's reply, translated, made public
	DeliveryFollowUp DeliveryKind = "follow_up" // the one-time "we have not forgotten you"
)

// DeliveryStatus is where a delivery stands.
type DeliveryStatus string

// The delivery statuses.
const (
	DeliveryPending DeliveryStatus = "pending"
	DeliverySent    DeliveryStatus = "sent"
	DeliveryFailed  DeliveryStatus = "failed"
)

// Delivery is one post Parley makes (or made) to a conversation.
type Delivery struct {
	ID             int64
	ConversationID int64
	MessageID      int64 // 0 when the delivery answers no single message
	Kind           DeliveryKind
	Language       string
	Text           string
	Status         DeliveryStatus
	Attempts       int
	ExternalID     string
	Error          string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	SentAt         *time.Time
}

const deliveryColumns = `id, conversation_id, coalesce(message_id, 0), kind, language, text, status, attempts,
	coalesce(external_id, ''), error, created_at, updated_at, sent_at`

func scanDelivery(r row) (Delivery, error) {
	var d Delivery
	err := r.Scan(&d.ID, &d.ConversationID, &d.MessageID, &d.Kind, &d.Language, &d.Text, &d.Status, &d.Attempts,
		&d.ExternalID, &d.Error, &d.CreatedAt, &d.UpdatedAt, &d.SentAt)
	return d, err
}

// InsertDelivery records a post to be made (status pending) or one already
// handed over (status sent, as for an acknowledgement returned to an API
// caller).
func (tx *Tx) InsertDelivery(ctx context.Context, d Delivery) (Delivery, error) {
	var msgID any
	if d.MessageID != 0 {
		msgID = d.MessageID
	}
	var sentAt *time.Time
	if d.Status == DeliverySent {
		sentAt = &tx.now
	}
	out, err := scanDelivery(tx.q.queryRow(ctx, `INSERT INTO deliveries
			(conversation_id, message_id, kind, language, text, status, created_at, updated_at, sent_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
		RETURNING `+deliveryColumns,
		d.ConversationID, msgID, d.Kind, d.Language, d.Text, d.Status, tx.now, sentAt))
	if err != nil {
		return Delivery{}, fmt.Errorf("store: insert %s delivery: %w", d.Kind, err)
	}
	return out, nil
}

// Delivery returns the delivery with id.
func (db *DB) Delivery(ctx context.Context, id int64) (Delivery, error) {
	d, err := scanDelivery(db.r.queryRow(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE id = $1`, id))
	if err != nil {
		return Delivery{}, fmt.Errorf("store: delivery %d: %w", id, err)
	}
	return d, nil
}

// MarkDeliverySent records that the helpdesk took delivery id and what id it
// gave the post, so that the webhook the post causes is recognized as
// Parley's own.
func (tx *Tx) MarkDeliverySent(ctx context.Context, id int64, externalID string) error {
	var ext any
	if externalID != "" {
		ext = externalID
	}
	_, err := tx.q.exec(ctx, `UPDATE deliveries SET status = 'sent', external_id = $1, attempts = attempts + 1,
		error = '', sent_at = $2, updated_at = $2 WHERE id = $3`, ext, tx.now, id)
	if err != nil {
		return fmt.Errorf("store: mark delivery %d sent: %w", id, err)
	}
	return nil
}

// RecordDeliveryFailure counts a failed attempt at delivery id; final marks it
// failed for good.
func (tx *Tx) RecordDeliveryFailure(ctx context.Context, id int64, reason string, final bool) error {
	status := DeliveryPending
	if final {
		status = DeliveryFailed
	}
	_, err := tx.q.exec(ctx, `UPDATE deliveries SET status = $1, error = $2, attempts = attempts + 1,
		updated_at = $3 WHERE id = $4`, status, reason, tx.now, id)
	if err != nil {
		return fmt.Errorf("store: record failure of delivery %d: %w", id, err)
	}
	return nil
}

// HasDelivery reports whether conversation id already has a delivery of kind
// (in any status).
func (tx *Tx) HasDelivery(ctx context.Context, conversationID int64, kind DeliveryKind) (bool, error) {
	var n int
	err := tx.q.queryRow(ctx, `SELECT count(*) FROM deliveries WHERE conversation_id = $1 AND kind = $2`,
		conversationID, kind).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: deliveries of conversation %d: %w", conversationID, err)
	}
	return n > 0, nil
}

// ConversationDeliveries returns what Parley posted to conversation id,
// oldest first.
func (db *DB) ConversationDeliveries(ctx context.Context, id int64) ([]Delivery, error) {
	rs, err := db.r.query(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE conversation_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries of conversation %d: %w", id, err)
	}
	defer rs.Close()
	var ds []Delivery
	for rs.Next() {
		d, err := scanDelivery(rs)
		if err != nil {
			return nil, fmt.Errorf("store: deliveries of conversation %d: %w", id, err)
		}
		ds = append(ds, d)
	}
	return ds, rs.Err()
}

// IsOwnPost reports whether source's message externalID is one Parley
// posted.
func (db *DB) IsOwnPost(ctx context.Context, source, externalID string) (bool, error) {
	var n int
	err := db.r.queryRow(ctx, `SELECT count(*) FROM deliveries d JOIN conversations c ON c.id = d.conversation_id
		WHERE d.external_id = $1 AND c.source = $2`, externalID, source).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: own post %s/%s: %w", source, externalID, err)
	}
	return n > 0, nil
}

// MarkAcknowledged records when conversation id was acknowledged.
func (tx *Tx) MarkAcknowledged(ctx context.Context, id int64) error {
	if _, err := tx.q.exec(ctx, `UPDATE conversations SET acknowledged_at = $1, updated_at = $1 WHERE id = $2`, tx.now, id); err != nil {
		return fmt.Errorf("store: mark conversation %d acknowledged: %w", id, err)
	}
	return nil
}
