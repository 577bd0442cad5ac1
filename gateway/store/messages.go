package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Author says who wrote a message.
type Author string

// The authors of messages.
const (
	AuthorCustomer Author = "customer"
	AuthorAgent    Author = "agent"
	AuthorSystem   Author = "system"
)

// Valid reports whether a is a known author.
func (a Author) Valid() bool {
	return a == AuthorCustomer || a == AuthorAgent || a == AuthorSystem
}

// Message is one message of a conversation, as it was written.
type Message struct {
	ID                 int64
	ConversationID     int64
	Source             string
	ExternalID         string // "" when the sender gave none
	Author             Author
	Private            bool
	Text               string
	LocaleHint         string
	Language           string
	LanguageConfidence float64
	LanguageSource     string
	Romanized          string // see NewMessage
	ProcessedAt        *time.Time
	CreatedAt          time.Time
}

// NewMessage is a message to be stored.
type NewMessage struct {
	ConversationID     int64
	Source             string
	ExternalID         string
	Author             Author
	Private            bool
	Text               string
	LocaleHint         string
	Language           string
	LanguageConfidence float64
	LanguageSource     string
	// Romanized is the language of a text typed in Latin letters in a
	// language normally written in another script, "" for none (see
	// translate.Detection).
	Romanized string
}

const messageColumns = `id, conversation_id, source, coalesce(external_id, ''), author, private, text,
	locale_hint, language, language_confidence, language_source, romanized, processed_at, created_at`

func scanMessage(r row) (Message, error) {
	var m Message
	err := r.Scan(&m.ID, &m.ConversationID, &m.Source, &m.ExternalID, &m.Author, &m.Private, &m.Text,
		&m.LocaleHint, &m.Language, &m.LanguageConfidence, &m.LanguageSource, &m.Romanized, &m.ProcessedAt, &m.CreatedAt)
	return m, err
}

// insertMessageColumns are the columns a NewMessage fills, in the order of
// its insertArgs; created_at follows them.
const insertMessageColumns = `conversation_id, source, external_id, author,
	private, text, locale_hint, language, language_confidence, language_source, romanized, created_at`

// insertArgs returns m's values for insertMessageColumns, but created_at.
func (m NewMessage) insertArgs() []any {
	var externalID any
	if m.ExternalID != "" {
		externalID = m.ExternalID
	}
	return []any{m.ConversationID, m.Source, externalID, m.Author, m.Private, m.Text, m.LocaleHint,
		m.Language, m.LanguageConfidence, m.LanguageSource, m.Romanized}
}

// InsertMessage stores m. When m has an external id that its source already
// used, nothing is written and the first message is returned with created
// false.
func (tx *Tx) InsertMessage(ctx context.Context, m NewMessage) (msg Message, created bool, err error) {
	args := append([]any{tx.now}, m.insertArgs()...)
	msg, err = scanMessage(tx.q.queryRow(ctx, `INSERT INTO messages (`+insertMessageColumns+`)
		VALUES `+messageRow(2, len(args)-1)+`
		ON CONFLICT (source, external_id) DO NOTHING
		RETURNING `+messageColumns, args...))
	if errors.Is(err, ErrNotFound) && m.ExternalID != "" {
		msg, err = tx.MessageByExternalID(ctx, m.Source, m.ExternalID)
		return msg, false, err
	}
	if err != nil {
		return Message{}, false, fmt.Errorf("store: insert message: %w", err)
	}
	return msg, true, nil
}

// messageRow returns the placeholders of one row of insertMessageColumns:
// n of them from $first, then $1 for created_at.
func messageRow(first, n int) string {
	var b strings.Builder
	b.WriteString("(")
	for j := range n {
		fmt.Fprintf(&b, "$%d, ", first+j)
	}
	b.WriteString("$1)")
	return b.String()
}

// InsertMessages stores several messages in one statement and returns
// those stored, in the order given. A message whose external id its source
// already used is left out: then fewer come back, and which are missing is
// for the caller to find out.
func (tx *Tx) InsertMessages(ctx context.Context, ms []NewMessage) ([]Message, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	var b strings.Builder
	args := []any{tx.now}
	for i, m := range ms {
		if i > 0 {
			b.WriteString(", ")
		}
		row := m.insertArgs()
		b.WriteString(messageRow(len(args)+1, len(row)))
		args = append(args, row...)
	}
	out, err := collectMessages(tx.q.query(ctx, `INSERT INTO messages (`+insertMessageColumns+`)
		VALUES `+b.String()+`
		ON CONFLICT (source, external_id) DO NOTHING
		RETURNING `+messageColumns, args...))
	if err != nil {
		return nil, fmt.Errorf("store: insert %d messages: %w", len(ms), err)
	}
	// Ids grow in the order the rows were inserted, which is the order
	// given; RETURNING promises no order of its own.
	slices.SortFunc(out, func(a, b Message) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// MessageByExternalID returns the message that source sent with externalID.
func (tx *Tx) MessageByExternalID(ctx context.Context, source, externalID string) (Message, error) {
	return messageByExternalID(ctx, tx.q, source, externalID)
}

// MessageByExternalID returns the message that source sent with externalID.
func (db *DB) MessageByExternalID(ctx context.Context, source, externalID string) (Message, error) {
	return messageByExternalID(ctx, db.r, source, externalID)
}

func messageByExternalID(ctx context.Context, q querier, source, externalID string) (Message, error) {
	m, err := scanMessage(q.queryRow(ctx, `SELECT `+messageColumns+` FROM messages
		WHERE source = $1 AND external_id = $2`, source, externalID))
	if err != nil {
		return Message{}, fmt.Errorf("store: message %s/%s: %w", source, externalID, err)
	}
	return m, nil
}

// Message returns the message with id.
func (db *DB) Message(ctx context.Context, id int64) (Message, error) {
	return messageByID(ctx, db.r, id)
}

// Message returns the message with id.
func (tx *Tx) Message(ctx context.Context, id int64) (Message, error) {
	return messageByID(ctx, tx.q, id)
}

func messageByID(ctx context.Context, q querier, id int64) (Message, error) {
	m, err := scanMessage(q.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE id = $1`, id))
	if err != nil {
		return Message{}, fmt.Errorf("store: message %d: %w", id, err)
	}
	return m, nil
}

// Messages returns a conversation's messages, oldest first, at most limit.
func (db *DB) Messages(ctx context.Context, conversationID int64, limit int) ([]Message, error) {
	ms, err := collectMessages(db.r.query(ctx, `SELECT `+messageColumns+` FROM messages
		WHERE conversation_id = $1 ORDER BY id LIMIT $2`, conversationID, limit))
	if err != nil {
		return nil, fmt.Errorf("store: messages of conversation %d: %w", conversationID, err)
	}
	return ms, nil
}

// collectMessages reads every message of rs, the result of a query that
// failed with err or selected messageColumns, and closes it.
func collectMessages(rs rows, err error) ([]Message, error) {
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var ms []Message
	for rs.Next() {
		m, err := scanMessage(rs)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, rs.Err()
}

// MessagesByID returns the messages with the given ids that exist, in id
// order, in one query.
func (db *DB) MessagesByID(ctx context.Context, ids []int64) ([]Message, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := inList(1, ids)
	ms, err := collectMessages(db.r.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE id IN (`+in+`) ORDER BY id`, args...))
	if err != nil {
		return nil, fmt.Errorf("store: messages by id: %w", err)
	}
	return ms, nil
}

// inList returns placeholders $first, $first+1, … for ids, and ids as
// arguments.
func inList(first int, ids []int64) (string, []any) {
	var b strings.Builder
	args := make([]any, len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(first+i))
		args[i] = id
	}
	return b.String(), args
}

// MarkProcessedMany records that the processing job finished with the
// messages ids, in one statement of its own (no transaction around it: on
// PostgreSQL that saves two round trips); messages processed already keep
// their time.
func (db *DB) MarkProcessedMany(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := inList(2, ids)
	_, err := db.q.exec(ctx, `UPDATE messages SET processed_at = $1 WHERE id IN (`+in+`) AND processed_at IS NULL`,
		append([]any{db.now().UTC()}, args...)...)
	if err != nil {
		return fmt.Errorf("store: mark %d messages processed: %w", len(ids), err)
	}
	return nil
}

// MarkProcessed records that the processing job finished with message id.
// It reports false when the message was already processed.
func (tx *Tx) MarkProcessed(ctx context.Context, id int64) (bool, error) {
	n, err := tx.q.exec(ctx, `UPDATE messages SET processed_at = $1 WHERE id = $2 AND processed_at IS NULL`, tx.now, id)
	if err != nil {
		return false, fmt.Errorf("store: mark message %d processed: %w", id, err)
	}
	return n == 1, nil
}

// MessageCount counts every stored message.
func (db *DB) MessageCount(ctx context.Context) (int, error) {
	var n int
	if err := db.r.queryRow(ctx, `SELECT count(*) FROM messages`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count messages: %w", err)
	}
	return n, nil
}
