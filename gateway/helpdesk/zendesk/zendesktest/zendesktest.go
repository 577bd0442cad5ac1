// Package zendesktest is a fake Zendesk for tests: an httptest server that
// speaks the Support Tickets API and the Sunshine Conversations messages
// API, records comments and messages, and sends a signed webhook back for
// every one posted (ticket.comment_added for comments, conversation:message
// for messages), as Zendesk does. It also signs Zendesk's documented
// payloads.
package zendesktest

import (
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

//go:embed testdata/*.json
var examples embed.FS

// Example returns a documented webhook payload from testdata by file name
// without ".json". It panics on an unknown name.
func Example(name string) []byte { return helpdesktest.Example(examples, "zendesktest", name) }

// SupportHeaders returns the headers of a Support webhook body signed with
// secret at time at.
func SupportHeaders(secret string, body []byte, at time.Time) http.Header {
	ts := at.UTC().Format(time.RFC3339)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write(body)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Zendesk-Webhook-Id", "01HZW5Z6QJ9B2Y0T7KX3M1N8PQ")
	h.Set("X-Zendesk-Webhook-Invocation-Id", fmt.Sprint(at.UnixNano()))
	h.Set("X-Zendesk-Webhook-Signature-Timestamp", ts)
	h.Set("X-Zendesk-Webhook-Signature", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return h
}

// SunshineHeaders returns the headers of a Sunshine Conversations webhook
// carrying its secret.
func SunshineHeaders(secret string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-API-Key", secret)
	return h
}

// Comment describes a ticket.comment_added webhook to build.
type Comment struct {
	TicketID, CommentID, AuthorID, RequesterID int64
	Body                                       string
	Public, Staff                              bool
}

// CommentAdded returns a Support ticket.comment_added webhook body.
func CommentAdded(c Comment) []byte {
	return mustJSON(map[string]any{
		"account_id": 22129848,
		"detail": map[string]any{
			"id": fmt.Sprint(c.TicketID), "requester_id": fmt.Sprint(c.RequesterID), "actor_id": fmt.Sprint(c.AuthorID),
			"is_public": true, "status": "OPEN", "via": map[string]any{"channel": "web_service"},
		},
		"event": map[string]any{"comment": map[string]any{
			"author": map[string]any{"id": fmt.Sprint(c.AuthorID), "is_staff": c.Staff, "name": "Someone"},
			"body":   c.Body, "id": fmt.Sprint(c.CommentID), "is_public": c.Public,
		}},
		"id":                    fmt.Sprintf("evt-%d-%d", c.TicketID, c.CommentID),
		"subject":               fmt.Sprintf("zen:ticket:%d", c.TicketID),
		"time":                  time.Now().UTC().Format(time.RFC3339Nano),
		"type":                  "zen:event-type:ticket.comment_added",
		"zendesk_event_version": "2022-11-06",
	})
}

// Message describes a conversation:message webhook to build.
type Message struct {
	AppID, ConversationID, MessageID string
	// AuthorType is "user" or "business".
	AuthorType, UserID, Text, Lang string
	Metadata                       map[string]any
}

// ConversationMessage returns a Sunshine Conversations v2 webhook body with
// one conversation:message event.
func ConversationMessage(m Message) []byte {
	conv := map[string]any{"id": m.ConversationID, "type": "personal"}
	if m.Lang != "" {
		conv["metadata"] = map[string]any{"lang": m.Lang}
	}
	author := map[string]any{"type": m.AuthorType}
	if m.UserID != "" {
		author["userId"] = m.UserID
	}
	msg := map[string]any{"id": m.MessageID, "received": time.Now().UTC().Format(time.RFC3339Nano), "author": author,
		"content": map[string]any{"type": "text", "text": m.Text}}
	if m.Metadata != nil {
		msg["metadata"] = m.Metadata
	}
	return mustJSON(map[string]any{
		"app":     map[string]any{"id": m.AppID},
		"webhook": map[string]any{"id": "wh-1", "version": "v2"},
		"events": []any{map[string]any{
			"id": "ev-" + m.MessageID, "createdAt": time.Now().UTC().Format(time.RFC3339Nano), "type": "conversation:message",
			"payload": map[string]any{"conversation": conv, "message": msg},
		}},
	})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
