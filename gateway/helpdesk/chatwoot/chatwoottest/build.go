package chatwoottest

import (
	"encoding/json"
	"time"
)

// Message describes a message_created webhook to build.
type Message struct {
	ID, AccountID, ConversationID int64
	Content                       string
	// Type is "incoming", "outgoing", "activity" or "template".
	Type    string
	Private bool
	// SenderType is "contact", "user" or "agent_bot".
	SenderType string
	SenderID   int64
	SenderName string
	// BrowserLanguage goes into the conversation's additional_attributes
	// when set.
	BrowserLanguage string
	At              time.Time
}

// MessageCreated returns a message_created webhook body shaped like
// Chatwoot's Message#webhook_data.
func MessageCreated(m Message) []byte {
	if m.At.IsZero() {
		m.At = time.Now()
	}
	attrs := map[string]any{}
	if m.BrowserLanguage != "" {
		attrs["browser_language"] = m.BrowserLanguage
	}
	sender := map[string]any{"id": m.SenderID, "name": m.SenderName, "type": m.SenderType}
	if m.SenderType == "user" {
		sender["email"] = "agent@example.com"
	}
	body, err := json.Marshal(map[string]any{
		"event":              "message_created",
		"id":                 m.ID,
		"content":            m.Content,
		"created_at":         m.At.UTC().Format("2006-01-02T15:04:05.000Z"),
		"message_type":       m.Type,
		"content_type":       "text",
		"private":            m.Private,
		"content_attributes": map[string]any{},
		"source_id":          nil,
		"sender":             sender,
		"inbox":              map[string]any{"id": 3, "name": "Website"},
		"conversation": map[string]any{
			"additional_attributes": attrs,
			"channel":               "Channel::WebWidget",
			"id":                    m.ConversationID,
			"inbox_id":              3,
			"status":                "open",
			"meta":                  map[string]any{"sender": map[string]any{"id": 57, "name": "Customer", "type": "contact"}},
		},
		"account": map[string]any{"id": m.AccountID, "name": "Acme"},
	})
	if err != nil {
		panic(err) // only maps of plain values; cannot fail
	}
	return body
}
