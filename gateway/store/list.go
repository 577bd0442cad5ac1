package store

import (
	"context"
	"fmt"
)

// ConversationSummary is a conversation with the counts an overview shows.
type ConversationSummary struct {
	Conversation
	// Messages counts every stored message of the conversation.
	Messages int
	// Waiting counts customer messages whose translation into the agent
	// language has not arrived yet: stored as pending (for instance while
	// the provider is rate limited), or not yet processed at all.
	Waiting int
	// Failed counts customer messages whose translation into the agent
	// language failed for good.
	Failed int
}

// RecentConversations returns at most limit conversations, the most recently
// active first, with their message and translation counts.
//
// A message not yet processed and without a translation row counts as
// waiting unless it is already in the agent language; once processed, a
// message that needed no translation (or had translation off) has no
// pending row and is not counted.
func (db *DB) RecentConversations(ctx context.Context, limit int) ([]ConversationSummary, error) {
	rs, err := db.r.query(ctx, `SELECT `+conversationColumns+`,
		(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id),
		(SELECT count(*) FROM messages m
			LEFT JOIN translations t ON t.message_id = m.id AND t.language = c.agent_language
			WHERE m.conversation_id = c.id AND m.author = 'customer'
				AND (t.status = 'pending'
					OR (t.message_id IS NULL AND m.processed_at IS NULL AND m.language <> c.agent_language))),
		(SELECT count(*) FROM messages m
			JOIN translations t ON t.message_id = m.id AND t.language = c.agent_language
			WHERE m.conversation_id = c.id AND m.author = 'customer' AND t.status = 'failed')
		FROM conversations c
		ORDER BY c.updated_at DESC, c.id DESC
		LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: recent conversations: %w", err)
	}
	defer rs.Close()
	var out []ConversationSummary
	for rs.Next() {
		var s ConversationSummary
		c := &s.Conversation
		err := rs.Scan(&c.ID, &c.Source, &c.ExternalID, &c.CustomerName, &c.CustomerLanguage, &c.LanguageSource,
			&c.LanguageConfidence, &c.AgentLanguage, &c.AcknowledgedAt, &c.CustomerLastAt, &c.AgentLastAt,
			&c.CreatedAt, &c.UpdatedAt, &s.Messages, &s.Waiting, &s.Failed)
		if err != nil {
			return nil, fmt.Errorf("store: recent conversations: %w", err)
		}
		out = append(out, s)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("store: recent conversations: %w", err)
	}
	return out, nil
}
