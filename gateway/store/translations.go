package store

import (
	"context"
	"fmt"
	"time"
)

// TranslationStatus is where a message's translation stands.
type TranslationStatus string

// The translation statuses.
const (
	TranslationPending   TranslationStatus = "pending"
	TranslationDone      TranslationStatus = "done"
	TranslationFailed    TranslationStatus = "failed"
	TranslationOff       TranslationStatus = "off"
	TranslationNotNeeded TranslationStatus = "not_needed"
)

// Translation is one message's text in one target language.
type Translation struct {
	MessageID int64
	Language  string
	Status    TranslationStatus
	Text      string
	Provider  string
	Model     string
	Error     string
	Attempts  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

const translationColumns = `message_id, language, status, text, provider, model, error, attempts, created_at, updated_at`

func scanTranslation(r row) (Translation, error) {
	var t Translation
	err := r.Scan(&t.MessageID, &t.Language, &t.Status, &t.Text, &t.Provider, &t.Model, &t.Error,
		&t.Attempts, &t.CreatedAt, &t.UpdatedAt)
	return t, err
}

// PutTranslation creates or replaces the translation of t.MessageID into
// t.Language.
func (tx *Tx) PutTranslation(ctx context.Context, t Translation) error {
	_, err := tx.q.exec(ctx, `INSERT INTO translations
			(message_id, language, status, text, provider, model, error, attempts, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
		ON CONFLICT (message_id, language) DO UPDATE SET status = excluded.status, text = excluded.text,
			provider = excluded.provider, model = excluded.model, error = excluded.error,
			attempts = excluded.attempts, updated_at = excluded.updated_at`,
		t.MessageID, t.Language, t.Status, t.Text, t.Provider, t.Model, t.Error, t.Attempts, tx.now)
	if err != nil {
		return fmt.Errorf("store: put translation of message %d into %s: %w", t.MessageID, t.Language, err)
	}
	return nil
}

// MessageTranslations returns the translations of message id.
func (db *DB) MessageTranslations(ctx context.Context, id int64) ([]Translation, error) {
	return collectTranslations(db.r.query(ctx, `SELECT `+translationColumns+` FROM translations
		WHERE message_id = $1 ORDER BY language`, id))
}

// ConversationTranslations returns the translations of every message of
// conversation id, in message order.
func (db *DB) ConversationTranslations(ctx context.Context, id int64) ([]Translation, error) {
	return collectTranslations(db.r.query(ctx, `SELECT t.message_id, t.language, t.status, t.text, t.provider,
			t.model, t.error, t.attempts, t.created_at, t.updated_at
		FROM translations t JOIN messages m ON m.id = t.message_id
		WHERE m.conversation_id = $1 ORDER BY t.message_id, t.language`, id))
}

func collectTranslations(rs rows, err error) ([]Translation, error) {
	if err != nil {
		return nil, fmt.Errorf("store: translations: %w", err)
	}
	defer rs.Close()
	var ts []Translation
	for rs.Next() {
		t, err := scanTranslation(rs)
		if err != nil {
			return nil, fmt.Errorf("store: translations: %w", err)
		}
		ts = append(ts, t)
	}
	return ts, rs.Err()
}
