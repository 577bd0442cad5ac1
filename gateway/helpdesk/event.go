package helpdesk

import (
	"crypto/sha256"
	"encoding/hex"
)

// Kind says what happened in the helpdesk.
type Kind string

// The kinds of events connectors produce.
const (
	// KindCustomerMessage is a message the customer wrote.
	KindCustomerMessage Kind = "customer_message"
	// KindAgentReply is a public reply by an agent (or a bot, or Parley
	// itself), visible to the customer.
	KindAgentReply Kind = "agent_reply"
	// KindAgentNote is a private note by an agent, never shown to the
	// customer; reply commands arrive as notes.
	KindAgentNote Kind = "agent_note"
	// KindConversationOpened means a conversation was created or a chat
	// widget was opened; it carries language hints but usually no text.
	KindConversationOpened Kind = "conversation_opened"
)

// Author says who wrote a message.
type Author string

// The authors of messages.
const (
	AuthorCustomer Author = "customer"
	AuthorAgent    Author = "agent"
	AuthorBot      Author = "bot"
	AuthorSystem   Author = "system"
)

// Hint is one language hint found in a webhook, such as a browser language or
// a contact's locale. Value is the vendor's raw string ("pt-BR", "ru_RU",
// "de"); normalizing it to a BCP 47 tag is the consumer's job.
type Hint struct {
	// Name says where the hint came from, e.g. "browser_language".
	Name string
	// Value is the hint as the vendor sent it.
	Value string
}

// Event is one normalized inbound webhook event.
type Event struct {
	// Source is the connector name: "chatwoot", "zendesk", "freshdesk",
	// "zammad".
	Source string
	// DeliveryID is the vendor's id for this delivery or event when it
	// sends one, else a hash of the body; see DedupeKey.
	DeliveryID string
	// Kind says what happened.
	Kind Kind
	// Conversation is the connector's reference to the conversation or
	// ticket; it holds everything the connector's Client needs to post
	// into it, and is stable for the life of the conversation.
	Conversation string
	// MessageID is the vendor's id of the message, comment or article;
	// empty for KindConversationOpened.
	MessageID string
	// Author says who wrote the message.
	Author Author
	// AuthorID is the vendor's id of the author in the form the
	// connector's Client.Identity reports ("user:7"), so consumers can
	// recognize messages posted with Parley's own credentials.
	AuthorID string
	// Own is true when the payload itself marks the message as posted by
	// Parley (Sunshine Conversations keeps message metadata). Where
	// payloads cannot carry a mark it is false, and consumers rely on
	// MessageID and AuthorID.
	Own bool
	// Text is the message as plain text (HTML bodies converted by
	// HTMLToText).
	Text string
	// Private is true for internal notes.
	Private bool
	// Hints are language hints, most specific first.
	Hints []Hint
	// CustomerName is the customer's display name when the payload has it.
	CustomerName string
	// CustomerID is the vendor's id of the customer (requester, contact)
	// when the payload has it, e.g. for zendesk.Client.UserLocale.
	CustomerID string
	// TicketNumber is the number agents see, when it differs from the id
	// (Zammad ticket numbers); else empty.
	TicketNumber string
}

// DedupeKey is the key under which a consumer records that it has handled
// the event: the same message delivered twice (a retried delivery, or both
// an account and a bot webhook) yields the same key.
func (e Event) DedupeKey() string {
	if e.MessageID != "" {
		return e.Source + "/" + e.Conversation + "/message/" + e.MessageID
	}
	return e.Source + "/" + e.Conversation + "/" + string(e.Kind) + "/" + e.DeliveryID
}

// BodyID returns a stable id for a webhook body, for schemes that send no
// delivery id.
func BodyID(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:16])
}
