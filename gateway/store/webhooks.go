package store

import (
	"context"
	"fmt"
)

// RecordWebhookDelivery remembers that source delivered deliveryID. It
// reports false when that delivery was recorded before, so a helpdesk's retry
// of a webhook is accepted once.
func (tx *Tx) RecordWebhookDelivery(ctx context.Context, source, deliveryID string) (bool, error) {
	n, err := tx.q.exec(ctx, `INSERT INTO webhook_deliveries (source, delivery_id, received_at)
		VALUES ($1, $2, $3) ON CONFLICT (source, delivery_id) DO NOTHING`, source, deliveryID, tx.now)
	if err != nil {
		return false, fmt.Errorf("store: record %s delivery %s: %w", source, deliveryID, err)
	}
	return n == 1, nil
}
