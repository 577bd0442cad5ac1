package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Conversation is a thread with one customer, as the helpdesk knows it, and
// what Parley decided about its languages.
type Conversation struct {
	ID                 int64
	Source             string
	ExternalID         string
	CustomerName       string
	CustomerLanguage   string
	LanguageSource     string
	LanguageConfidence float64
	AgentLanguage      string
	AcknowledgedAt     *time.Time
	CustomerLastAt     *time.Time
	AgentLastAt        *time.Time
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

const conversationColumns = `id, source, external_id, customer_name, customer_language, language_source,
	language_confidence, agent_language, acknowledged_at, customer_last_at, agent_last_at, created_at, updated_at`

func scanConversation(r row) (Conversation, error) {
	var c Conversation
	err := r.Scan(&c.ID, &c.Source, &c.ExternalID, &c.CustomerName, &c.CustomerLanguage, &c.LanguageSource,
		&c.LanguageConfidence, &c.AgentLanguage, &c.AcknowledgedAt, &c.CustomerLastAt, &c.AgentLastAt,
		&c.CreatedAt, &c.UpdatedAt)
	return c, err
}

// EnsureConversation returns the conversation that source calls externalID,
// creating it with agentLanguage when it is new, and records that author
// wrote in it now (the customer's last message or an agent's last answer).
func (tx *Tx) EnsureConversation(ctx context.Context, source, externalID, agentLanguage string, author Author) (Conversation, error) {
	var customerAt, agentAt *time.Time
	switch author {
	case AuthorCustomer:
		customerAt = &tx.now
	case AuthorAgent:
		agentAt = &tx.now
	}
	c, err := scanConversation(tx.q.queryRow(ctx, `INSERT INTO conversations
			(source, external_id, agent_language, customer_last_at, agent_last_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6)
		ON CONFLICT (source, external_id) DO UPDATE SET updated_at = excluded.updated_at,
			customer_last_at = coalesce(excluded.customer_last_at, conversations.customer_last_at),
			agent_last_at = coalesce(excluded.agent_last_at, conversations.agent_last_at)
		RETURNING `+conversationColumns, source, externalID, agentLanguage, customerAt, agentAt, tx.now))
	if err != nil {
		return Conversation{}, fmt.Errorf("store: conversation %s/%s: %w", source, externalID, err)
	}
	return c, nil
}

// ConversationKey names a conversation by its source and the source's id.
type ConversationKey struct{ Source, ExternalID string }

// ConversationTouch is one conversation that EnsureConversations creates or
// updates, and who wrote in it.
type ConversationTouch struct {
	ConversationKey
	Customer, Agent bool
}

// EnsureConversations is EnsureConversation for several conversations, in
// one statement; each may appear only once.
func (tx *Tx) EnsureConversations(ctx context.Context, touches []ConversationTouch, agentLanguage string) (map[ConversationKey]Conversation, error) {
	if len(touches) == 0 {
		return map[ConversationKey]Conversation{}, nil
	}
	var b strings.Builder
	args := []any{agentLanguage, tx.now}
	for i, t := range touches {
		var customerAt, agentAt *time.Time
		if t.Customer {
			customerAt = &tx.now
		}
		if t.Agent {
			agentAt = &tx.now
		}
		if i > 0 {
			b.WriteString(", ")
		}
		n := len(args)
		fmt.Fprintf(&b, "($%d, $%d, $1, $%d, $%d, $2, $2)", n+1, n+2, n+3, n+4)
		args = append(args, t.Source, t.ExternalID, customerAt, agentAt)
	}
	rs, err := tx.q.query(ctx, `INSERT INTO conversations
			(source, external_id, agent_language, customer_last_at, agent_last_at, created_at, updated_at)
		VALUES `+b.String()+`
		ON CONFLICT (source, external_id) DO UPDATE SET updated_at = excluded.updated_at,
			customer_last_at = coalesce(excluded.customer_last_at, conversations.customer_last_at),
			agent_last_at = coalesce(excluded.agent_last_at, conversations.agent_last_at)
		RETURNING `+conversationColumns, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %d conversations: %w", len(touches), err)
	}
	defer rs.Close()
	out := make(map[ConversationKey]Conversation, len(touches))
	for rs.Next() {
		c, err := scanConversation(rs)
		if err != nil {
			return nil, fmt.Errorf("store: %d conversations: %w", len(touches), err)
		}
		out[ConversationKey{c.Source, c.ExternalID}] = c
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("store: %d conversations: %w", len(touches), err)
	}
	if len(out) != len(touches) {
		return nil, fmt.Errorf("store: %d conversations written, %d returned", len(touches), len(out))
	}
	return out, nil
}

// ConversationLanguage is what accepting a message needs to know of its
// conversation before writing it: the customer language so far, how it was
// decided, and when the customer last wrote.
type ConversationLanguage struct {
	CustomerLanguage   string
	LanguageSource     string
	LanguageConfidence float64
	CustomerLastAt     *time.Time
}

// ConversationLanguageOf returns the language state of the conversation
// that source calls externalID, or ErrNotFound. It reads four columns
// rather than the whole row: it runs for every inbound message, and
// decoding the row's timestamps costs more than the lookup.
func (db *DB) ConversationLanguageOf(ctx context.Context, source, externalID string) (ConversationLanguage, error) {
	var c ConversationLanguage
	err := db.r.queryRow(ctx, `SELECT customer_language, language_source, language_confidence, customer_last_at
		FROM conversations WHERE source = $1 AND external_id = $2`, source, externalID).
		Scan(&c.CustomerLanguage, &c.LanguageSource, &c.LanguageConfidence, &c.CustomerLastAt)
	if err != nil {
		return ConversationLanguage{}, fmt.Errorf("store: conversation %s/%s: %w", source, externalID, err)
	}
	return c, nil
}

// ConversationByExternalID returns the conversation that source calls
// externalID.
func (db *DB) ConversationByExternalID(ctx context.Context, source, externalID string) (Conversation, error) {
	c, err := scanConversation(db.r.queryRow(ctx, `SELECT `+conversationColumns+` FROM conversations
		WHERE source = $1 AND external_id = $2`, source, externalID))
	if err != nil {
		return Conversation{}, fmt.Errorf("store: conversation %s/%s: %w", source, externalID, err)
	}
	return c, nil
}

// Conversation returns the conversation with Parley's id.
func (db *DB) Conversation(ctx context.Context, id int64) (Conversation, error) {
	c, err := scanConversation(db.r.queryRow(ctx, `SELECT `+conversationColumns+` FROM conversations
		WHERE id = $1`, id))
	if err != nil {
		return Conversation{}, fmt.Errorf("store: conversation %d: %w", id, err)
	}
	return c, nil
}

// SetCustomerLanguage records the customer language decided for conversation
// id and how it was decided.
func (tx *Tx) SetCustomerLanguage(ctx context.Context, id int64, lang, source string, confidence float64) error {
	_, err := tx.q.exec(ctx, `UPDATE conversations SET customer_language = $1, language_source = $2,
		language_confidence = $3, updated_at = $4 WHERE id = $5`, lang, source, confidence, tx.now, id)
	if err != nil {
		return fmt.Errorf("store: set language of conversation %d: %w", id, err)
	}
	return nil
}
