// Package freshdesktest is a fake Freshdesk for tests: an httptest server
// that speaks Freshdesk's API v2 for replies and notes, records them, and
// sends a webhook back for every one posted, as an automation rule that
// watches replies and notes does. It also builds the documented webhook
// bodies.
package freshdesktest

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

//go:embed testdata/*.json
var examples embed.FS

// Example returns a webhook body from testdata by file name without
// ".json". It panics on an unknown name.
func Example(name string) []byte { return helpdesktest.Example(examples, "freshdesktest", name) }

// Headers returns the headers an automation rule sends with the shared
// token.
func Headers(token string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Parley-Token", token)
	return h
}

// Rule returns an automation rule body as documented for Parley: event is
// "ticket_created", "customer_reply", "agent_reply" or "agent_note" and html
// the placeholder's HTML.
func Rule(event string, ticketID int64, html string) []byte {
	b, err := json.Marshal(map[string]any{
		"event": event, "ticket_id": fmt.Sprint(ticketID), "text": html,
		"requester_name": "Test Customer", "requester_email": "customer@example.com",
	})
	if err != nil {
		panic(err)
	}
	return b
}

// AppConversation returns an onConversationCreate product-event payload as
// a Freshdesk app forwards it.
func AppConversation(ticketID, conversationID, userID int64, html string, incoming, private bool) []byte {
	b, err := json.Marshal(map[string]any{
		"event": "onConversationCreate",
		"data": map[string]any{
			"actor": map[string]any{"id": userID, "name": "Someone"},
			"conversation": map[string]any{
				"id": conversationID, "ticket_id": ticketID, "user_id": userID, "body": html,
				"incoming": incoming, "private": private,
			},
		},
	})
	if err != nil {
		panic(err)
	}
	return b
}
