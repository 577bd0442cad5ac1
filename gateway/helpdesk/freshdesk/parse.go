package freshdesk

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Rule events: the "event" values of the automation rule bodies documented
// in docs/helpdesks/freshdesk.md.
const (
	RuleTicketCreated = "ticket_created"
	RuleCustomerReply = "customer_reply"
	RuleAgentReply    = "agent_reply"
	RuleAgentNote     = "agent_note"
)

// ruleBody is what an automation rule sends.
type ruleBody struct {
	Event             string `json:"event"`
	TicketID          flexID `json:"ticket_id"`
	Text              string `json:"text"`
	RequesterName     string `json:"requester_name"`
	RequesterLanguage string `json:"requester_language"`
}

// appBody is the product-event payload a Freshdesk app receives
// (onTicketCreate, onConversationCreate) and forwards.
type appBody struct {
	Event string `json:"event"`
	Data  *struct {
		Ticket *struct {
			ID              flexID `json:"id"`
			Description     string `json:"description"`
			DescriptionText string `json:"description_text"`
			RequesterID     flexID `json:"requester_id"`
		} `json:"ticket"`
		Requester    *person `json:"requester"`
		Actor        *person `json:"actor"`
		Conversation *struct {
			ID       flexID `json:"id"`
			TicketID flexID `json:"ticket_id"`
			Body     string `json:"body"`
			BodyText string `json:"body_text"`
			Private  bool   `json:"private"`
			Incoming bool   `json:"incoming"`
			UserID   flexID `json:"user_id"`
		} `json:"conversation"`
	} `json:"data"`
}

type person struct {
	ID       flexID `json:"id"`
	Name     string `json:"name"`
	Language string `json:"language"`
	Type     string `json:"type"`
}

// Parse turns a Freshdesk webhook into events. It reads both the automation
// rule body ({"event": "ticket_created"|"customer_reply"|"agent_reply"|
// "agent_note", "ticket_id", "text", ...}) and the app product-event shape
// ({"data": {"ticket"|"conversation", "requester"|"actor"}}). Other events
// wrap helpdesk.ErrIgnored, unreadable bodies helpdesk.ErrPayload.
func (c *Client) Parse(header http.Header, body []byte) ([]helpdesk.Event, error) {
	return Parse(header, body)
}

// Parse is Client.Parse; it needs no configuration.
func Parse(header http.Header, body []byte) ([]helpdesk.Event, error) {
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("%w: freshdesk webhook is not valid UTF-8", helpdesk.ErrPayload)
	}
	var probe struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, fmt.Errorf("%w: freshdesk webhook: %v", helpdesk.ErrPayload, err)
	}
	var (
		ev  helpdesk.Event
		err error
	)
	if len(probe.Data) > 0 && string(probe.Data) != "null" {
		ev, err = parseApp(body)
	} else {
		ev, err = parseRule(body)
	}
	if err != nil {
		return nil, err
	}
	ev.Source = Name
	ev.DeliveryID = helpdesk.BodyID(body)
	ev.Text = strings.TrimSpace(ev.Text)
	if ev.Text == "" {
		return nil, fmt.Errorf("%w: freshdesk %s on ticket %s has no text", helpdesk.ErrIgnored, ev.Kind, ev.Conversation)
	}
	return []helpdesk.Event{ev}, nil
}

func parseRule(body []byte) (helpdesk.Event, error) {
	var b ruleBody
	if err := json.Unmarshal(body, &b); err != nil {
		return helpdesk.Event{}, fmt.Errorf("%w: freshdesk rule body: %v", helpdesk.ErrPayload, err)
	}
	if b.Event == "" {
		return helpdesk.Event{}, fmt.Errorf("%w: freshdesk webhook has neither event nor data", helpdesk.ErrPayload)
	}
	ev := helpdesk.Event{CustomerName: strings.TrimSpace(b.RequesterName), Text: helpdesk.HTMLToText(b.Text)}
	switch b.Event {
	case RuleTicketCreated, RuleCustomerReply:
		ev.Kind, ev.Author = helpdesk.KindCustomerMessage, helpdesk.AuthorCustomer
	case RuleAgentReply:
		ev.Kind, ev.Author = helpdesk.KindAgentReply, helpdesk.AuthorAgent
	case RuleAgentNote:
		ev.Kind, ev.Author, ev.Private = helpdesk.KindAgentNote, helpdesk.AuthorAgent, true
	default:
		return helpdesk.Event{}, fmt.Errorf("%w: freshdesk rule event %q", helpdesk.ErrIgnored, b.Event)
	}
	id, err := ticketID(b.TicketID)
	if err != nil {
		return helpdesk.Event{}, err
	}
	ev.Conversation = id
	if lang := strings.TrimSpace(b.RequesterLanguage); lang != "" && !strings.Contains(lang, "{{") {
		ev.Hints = []helpdesk.Hint{{Name: "contact.language", Value: lang}}
	}
	return ev, nil
}

func parseApp(body []byte) (helpdesk.Event, error) {
	var b appBody
	if err := json.Unmarshal(body, &b); err != nil || b.Data == nil {
		return helpdesk.Event{}, fmt.Errorf("%w: freshdesk app event: %v", helpdesk.ErrPayload, err)
	}
	d := b.Data
	switch {
	case d.Conversation != nil:
		c := d.Conversation
		id, err := ticketID(c.TicketID)
		if err != nil {
			return helpdesk.Event{}, err
		}
		ev := helpdesk.Event{Conversation: id, MessageID: string(c.ID), Private: c.Private, Text: textOf(c.BodyText, c.Body)}
		if c.UserID != "" {
			ev.AuthorID = "user:" + string(c.UserID)
		}
		switch {
		case c.Incoming:
			ev.Kind, ev.Author = helpdesk.KindCustomerMessage, helpdesk.AuthorCustomer
			ev.CustomerID = string(c.UserID)
			if d.Actor != nil {
				ev.CustomerName = d.Actor.Name
				ev.Hints = languageHint(d.Actor)
			}
		case c.Private:
			ev.Kind, ev.Author = helpdesk.KindAgentNote, helpdesk.AuthorAgent
		default:
			ev.Kind, ev.Author = helpdesk.KindAgentReply, helpdesk.AuthorAgent
		}
		return ev, nil
	case d.Ticket != nil:
		t := d.Ticket
		id, err := ticketID(t.ID)
		if err != nil {
			return helpdesk.Event{}, err
		}
		ev := helpdesk.Event{
			Kind: helpdesk.KindCustomerMessage, Author: helpdesk.AuthorCustomer, Conversation: id,
			MessageID: "ticket-" + id, Text: textOf(t.DescriptionText, t.Description),
		}
		if t.RequesterID != "" {
			ev.AuthorID = "user:" + string(t.RequesterID)
			ev.CustomerID = string(t.RequesterID)
		}
		if d.Requester != nil {
			ev.CustomerName = d.Requester.Name
			ev.Hints = languageHint(d.Requester)
		}
		return ev, nil
	}
	return helpdesk.Event{}, fmt.Errorf("%w: freshdesk app event %q without ticket or conversation", helpdesk.ErrIgnored, b.Event)
}

// textOf converts the HTML body, which drops quoted earlier messages, and
// falls back to Freshdesk's own plain-text rendering.
func textOf(plain, html string) string {
	if strings.TrimSpace(html) != "" {
		return helpdesk.HTMLToText(html)
	}
	return plain
}

func languageHint(p *person) []helpdesk.Hint {
	if p.Language == "" {
		return nil
	}
	return []helpdesk.Hint{{Name: "contact.language", Value: p.Language}}
}
