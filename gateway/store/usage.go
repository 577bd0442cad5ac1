package store

import (
	"context"
	"fmt"
	"time"

	"github.com/parleyhq/parley/translate"
)

// The store keeps the cost of every translation provider call.
var _ translate.UsageStore = (*DB)(nil)

// RecordUsage stores the cost of one provider call for one text. An event
// without a time is recorded at the present, and one without a batch size
// as unbatched.
func (db *DB) RecordUsage(ctx context.Context, e translate.UsageEvent) error {
	at := e.Time
	if at.IsZero() {
		at = db.now()
	}
	batch := e.Batch
	if batch < 1 {
		batch = 1
	}
	// Times are stored in UTC: SQLite compares them as text.
	_, err := db.q.exec(ctx, `INSERT INTO translation_usage (occurred_at, conversation, provider, model,
			source_language, target_language, prompt_tokens, completion_tokens, characters, batch)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		at.UTC(), e.Conversation, e.Provider, e.Model, e.From, e.To,
		e.Usage.PromptTokens, e.Usage.CompletionTokens, e.Usage.Characters, batch)
	if err != nil {
		return fmt.Errorf("store: record %s usage: %w", e.Provider, err)
	}
	return nil
}

// UsageSince returns the summed cost of every call at or after since, all
// providers together; zero when there was none.
func (db *DB) UsageSince(ctx context.Context, since time.Time) (translate.Usage, error) {
	var u translate.Usage
	err := db.r.queryRow(ctx, `SELECT coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0),
			coalesce(sum(characters), 0)
		FROM translation_usage WHERE occurred_at >= $1`,
		since.UTC()).Scan(&u.PromptTokens, &u.CompletionTokens, &u.Characters)
	if err != nil {
		return translate.Usage{}, fmt.Errorf("store: usage since %s: %w", since.Format(time.RFC3339), err)
	}
	return u, nil
}
