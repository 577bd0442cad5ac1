package chatwoot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// payload holds the fields Parley reads from every Chatwoot webhook event.
// Message events carry a message at the top level; conversation events a
// conversation; webwidget_triggered a contact inbox with event_info.
type payload struct {
	Event       string          `json:"event"`
	ID          json.Number     `json:"id"`
	Content     *string         `json:"content"`
	MessageType json.RawMessage `json:"message_type"`
	ContentType string          `json:"content_type"`
	Private     bool            `json:"private"`
	Sender      *party          `json:"sender"`
	Contact     *party          `json:"contact"`
	Account     *struct {
		ID int64 `json:"id"`
	} `json:"account"`
	Conversation *conversation `json:"conversation"`

	// webwidget_triggered.
	CurrentConversation *conversation `json:"current_conversation"`
	EventInfo           *struct {
		BrowserLanguage string `json:"browser_language"`
		WidgetLanguage  string `json:"widget_language"`
	} `json:"event_info"`
}

type party struct {
	ID                   json.Number `json:"id"`
	Name                 string      `json:"name"`
	Type                 string      `json:"type"`
	AdditionalAttributes attributes  `json:"additional_attributes"`
}

type conversation struct {
	DisplayID            json.Number `json:"id"`
	AccountID            int64       `json:"account_id"`
	AdditionalAttributes attributes  `json:"additional_attributes"`
	Meta                 *struct {
		Sender *party `json:"sender"`
	} `json:"meta"`
	Messages []struct {
		AccountID int64 `json:"account_id"`
	} `json:"messages"`
}

// attributes is Chatwoot's free-form additional_attributes; it can be null
// or hold values of any type.
type attributes map[string]any

func (a attributes) str(key string) string {
	s, _ := a[key].(string)
	return strings.TrimSpace(s)
}

// Parse turns a Chatwoot webhook (account webhook or agent-bot webhook) into
// events. It handles message_created, conversation_created and
// webwidget_triggered; other events, activity and template messages and
// messages without text wrap helpdesk.ErrIgnored; a body that is not a
// Chatwoot webhook wraps helpdesk.ErrPayload.
func (c *Client) Parse(header http.Header, body []byte) ([]helpdesk.Event, error) {
	return Parse(header, body, c.cfg.AccountID)
}

// Parse is Client.Parse with the account to assume when a payload names
// none (0 for none).
func Parse(header http.Header, body []byte, defaultAccount int64) ([]helpdesk.Event, error) {
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("%w: chatwoot webhook is not valid UTF-8", helpdesk.ErrPayload)
	}
	var p payload
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w: chatwoot webhook: %v", helpdesk.ErrPayload, err)
	}
	delivery := header.Get(HeaderDelivery)
	if delivery == "" {
		delivery = helpdesk.BodyID(body)
	}
	var (
		ev  helpdesk.Event
		err error
	)
	switch p.Event {
	case "message_created":
		ev, err = p.message(defaultAccount)
	case "conversation_created":
		ev, err = conversationCreated(body, defaultAccount)
	case "webwidget_triggered":
		ev, err = p.widgetTriggered(defaultAccount)
	case "":
		return nil, fmt.Errorf("%w: chatwoot webhook has no event", helpdesk.ErrPayload)
	default:
		return nil, fmt.Errorf("%w: chatwoot event %q", helpdesk.ErrIgnored, p.Event)
	}
	if err != nil {
		return nil, err
	}
	ev.Source = Name
	ev.DeliveryID = delivery
	return []helpdesk.Event{ev}, nil
}

func (p *payload) message(defaultAccount int64) (helpdesk.Event, error) {
	if p.Conversation == nil {
		return helpdesk.Event{}, fmt.Errorf("%w: chatwoot message_created without conversation", helpdesk.ErrPayload)
	}
	account := defaultAccount
	if p.Account != nil && p.Account.ID > 0 {
		account = p.Account.ID
	}
	r, err := conversationRef(account, p.Conversation.DisplayID)
	if err != nil {
		return helpdesk.Event{}, err
	}
	if p.ID == "" {
		return helpdesk.Event{}, fmt.Errorf("%w: chatwoot message without id", helpdesk.ErrPayload)
	}
	ev := helpdesk.Event{
		Conversation: r.String(),
		MessageID:    p.ID.String(),
		Private:      p.Private,
		Hints:        p.Conversation.hints(),
		CustomerName: p.Conversation.customerName(),
		CustomerID:   p.Conversation.customerID(),
	}
	if p.Sender != nil {
		ev.AuthorID = authorID(p.Sender)
	}
	switch messageType(p.MessageType) {
	case "incoming":
		ev.Kind, ev.Author = helpdesk.KindCustomerMessage, helpdesk.AuthorCustomer
		if p.Sender != nil && p.Sender.Name != "" {
			ev.CustomerName = p.Sender.Name
		}
		if p.Sender != nil && p.Sender.ID != "" {
			ev.CustomerID = p.Sender.ID.String()
		}
	case "outgoing":
		ev.Kind, ev.Author = helpdesk.KindAgentReply, senderAuthor(p.Sender)
		if p.Private {
			ev.Kind = helpdesk.KindAgentNote
		}
	case "":
		return helpdesk.Event{}, fmt.Errorf("%w: chatwoot message without message_type", helpdesk.ErrPayload)
	default:
		return helpdesk.Event{}, fmt.Errorf("%w: chatwoot %s message", helpdesk.ErrIgnored, messageType(p.MessageType))
	}
	if p.Content != nil {
		ev.Text = strings.TrimSpace(*p.Content)
	}
	if ev.Text == "" {
		return helpdesk.Event{}, fmt.Errorf("%w: chatwoot message %s has no text", helpdesk.ErrIgnored, ev.MessageID)
	}
	return ev, nil
}

// conversationCreated reads a conversation_created body, which is the
// conversation itself.
func conversationCreated(body []byte, defaultAccount int64) (helpdesk.Event, error) {
	conv := &conversation{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(conv); err != nil {
		return helpdesk.Event{}, fmt.Errorf("%w: chatwoot conversation: %v", helpdesk.ErrPayload, err)
	}
	account := conv.AccountID
	for _, m := range conv.Messages {
		account = firstPositive(account, m.AccountID)
	}
	account = firstPositive(account, defaultAccount)
	r, err := conversationRef(account, conv.DisplayID)
	if err != nil {
		return helpdesk.Event{}, err
	}
	return helpdesk.Event{
		Kind:         helpdesk.KindConversationOpened,
		Conversation: r.String(),
		Author:       helpdesk.AuthorCustomer,
		Hints:        conv.hints(),
		CustomerName: conv.customerName(),
		CustomerID:   conv.customerID(),
	}, nil
}

func (p *payload) widgetTriggered(defaultAccount int64) (helpdesk.Event, error) {
	if p.CurrentConversation == nil {
		return helpdesk.Event{}, fmt.Errorf("%w: chatwoot widget opened before any conversation exists", helpdesk.ErrIgnored)
	}
	account := defaultAccount
	if p.Account != nil && p.Account.ID > 0 {
		account = p.Account.ID
	}
	r, err := conversationRef(account, p.CurrentConversation.DisplayID)
	if err != nil {
		return helpdesk.Event{}, err
	}
	var hints []helpdesk.Hint
	if p.EventInfo != nil {
		hints = appendHint(hints, "browser_language", p.EventInfo.BrowserLanguage)
		hints = appendHint(hints, "widget_language", p.EventInfo.WidgetLanguage)
	}
	hints = append(hints, p.CurrentConversation.hints()...)
	ev := helpdesk.Event{
		Kind:         helpdesk.KindConversationOpened,
		Conversation: r.String(),
		Author:       helpdesk.AuthorCustomer,
		Hints:        hints,
		CustomerName: p.CurrentConversation.customerName(),
		CustomerID:   p.CurrentConversation.customerID(),
	}
	if p.Contact != nil && p.Contact.Name != "" {
		ev.CustomerName = p.Contact.Name
	}
	if p.Contact != nil && p.Contact.ID != "" {
		ev.CustomerID = p.Contact.ID.String()
	}
	return ev, nil
}

func (c *conversation) hints() []helpdesk.Hint {
	var h []helpdesk.Hint
	h = appendHint(h, "conversation_language", c.AdditionalAttributes.str("conversation_language"))
	h = appendHint(h, "browser_language", c.AdditionalAttributes.str("browser_language"))
	return h
}

func (c *conversation) customerID() string {
	if c.Meta != nil && c.Meta.Sender != nil {
		return c.Meta.Sender.ID.String()
	}
	return ""
}

func (c *conversation) customerName() string {
	if c.Meta != nil && c.Meta.Sender != nil {
		return c.Meta.Sender.Name
	}
	return ""
}

func appendHint(h []helpdesk.Hint, name, value string) []helpdesk.Hint {
	if value == "" {
		return h
	}
	return append(h, helpdesk.Hint{Name: name, Value: value})
}

func conversationRef(account int64, displayID json.Number) (ref, error) {
	conv, err := strconv.ParseInt(displayID.String(), 10, 64)
	if err != nil || conv <= 0 {
		return ref{}, fmt.Errorf("%w: chatwoot conversation id %q", helpdesk.ErrPayload, displayID)
	}
	if account <= 0 {
		return ref{}, fmt.Errorf("%w: chatwoot webhook names no account and none is configured", helpdesk.ErrPayload)
	}
	return ref{account, conv}, nil
}

// messageType reads message_type, a name in webhooks and a number in API
// answers.
func messageType(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n int
	if json.Unmarshal(raw, &n) == nil {
		switch n {
		case 0:
			return "incoming"
		case 1:
			return "outgoing"
		case 2:
			return "activity"
		case 3:
			return "template"
		}
		return "type " + strconv.Itoa(n)
	}
	return ""
}

func senderAuthor(s *party) helpdesk.Author {
	if s == nil {
		return helpdesk.AuthorSystem
	}
	switch s.Type {
	case "user":
		return helpdesk.AuthorAgent
	case "contact":
		return helpdesk.AuthorCustomer
	case "":
		return helpdesk.AuthorSystem
	}
	return helpdesk.AuthorBot
}

func authorID(s *party) string {
	if s.ID == "" {
		return ""
	}
	t := s.Type
	if t == "" {
		t = "unknown"
	}
	return t + ":" + s.ID.String()
}

func firstPositive(a, b int64) int64 {
	if a > 0 {
		return a
	}
	return b
}
