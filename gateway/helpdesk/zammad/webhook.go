package zammad

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Webhook headers Zammad sends.
const (
	HeaderSignature = "X-Hub-Signature"
	HeaderDelivery  = "X-Zammad-Delivery"
	HeaderTrigger   = "X-Zammad-Trigger"
)

// Sign returns the X-Hub-Signature value for body: "sha1=" and the hex
// HMAC-SHA1 of the body keyed with the token.
func Sign(token string, body []byte) string {
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write(body)
	return "sha1=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a webhook's signature over the raw body in constant time.
// Zammad's scheme has no timestamp, so replays are caught by deduplicating
// X-Zammad-Delivery and article ids; now is unused. Errors wrap
// helpdesk.ErrSignature.
func Verify(token string, header http.Header, body []byte, now time.Time) error {
	if token == "" {
		return fmt.Errorf("%w: no zammad webhook token configured", helpdesk.ErrSignature)
	}
	sig := header.Get(HeaderSignature)
	if sig == "" {
		return fmt.Errorf("%w: missing %s", helpdesk.ErrSignature, HeaderSignature)
	}
	if !helpdesk.EqualSecret(sig, Sign(token, body)) {
		return fmt.Errorf("%w: %s does not match the body", helpdesk.ErrSignature, HeaderSignature)
	}
	return nil
}

// Verify checks a webhook with the configured token.
func (c *Client) Verify(header http.Header, body []byte, now time.Time) error {
	return Verify(c.cfg.WebhookSecret, header, body, now)
}

type payload struct {
	Ticket *struct {
		ID                json.Number `json:"id"`
		Number            string      `json:"number"`
		CreateArticleType string      `json:"create_article_type"`
		CustomerID        json.Number `json:"customer_id"`
		Customer          *user       `json:"customer"`
	} `json:"ticket"`
	Article *articlePayload `json:"article"`
}

type articlePayload struct {
	ID               json.Number `json:"id"`
	Body             string      `json:"body"`
	ContentType      string      `json:"content_type"`
	Internal         bool        `json:"internal"`
	Sender           string      `json:"sender"`
	Type             string      `json:"type"`
	CreatedByID      json.Number `json:"created_by_id"`
	DetectedLanguage string      `json:"detected_language"`
}

type user struct {
	ID          json.Number    `json:"id"`
	Firstname   string         `json:"firstname"`
	Lastname    string         `json:"lastname"`
	Email       string         `json:"email"`
	Preferences map[string]any `json:"preferences"`
}

// Parse turns a Zammad trigger webhook into events: the article it carries
// as a customer message, an agent reply or an internal note. A webhook
// without an article (a ticket change) or with a System article wraps
// helpdesk.ErrIgnored; a body that is not a Zammad webhook wraps
// helpdesk.ErrPayload.
func (c *Client) Parse(header http.Header, body []byte) ([]helpdesk.Event, error) {
	return Parse(header, body)
}

// Parse is Client.Parse; it needs no configuration.
func Parse(header http.Header, body []byte) ([]helpdesk.Event, error) {
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("%w: zammad webhook is not valid UTF-8", helpdesk.ErrPayload)
	}
	var p payload
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w: zammad webhook: %v", helpdesk.ErrPayload, err)
	}
	if p.Ticket == nil {
		return nil, fmt.Errorf("%w: zammad webhook without ticket", helpdesk.ErrPayload)
	}
	ticket, err := strconv.ParseInt(p.Ticket.ID.String(), 10, 64)
	if err != nil || ticket <= 0 {
		return nil, fmt.Errorf("%w: zammad ticket id %q", helpdesk.ErrPayload, p.Ticket.ID)
	}
	a := p.Article
	if a == nil || a.ID == "" {
		return nil, fmt.Errorf("%w: zammad webhook without an article", helpdesk.ErrIgnored)
	}
	r := ref{ticket: ticket}
	ev := helpdesk.Event{
		Source: Name, DeliveryID: header.Get(HeaderDelivery), Conversation: r.String(),
		MessageID: a.ID.String(), Private: a.Internal, TicketNumber: p.Ticket.Number,
		CustomerID: p.Ticket.CustomerID.String(),
	}
	if ev.DeliveryID == "" {
		ev.DeliveryID = helpdesk.BodyID(body)
	}
	if a.CreatedByID != "" {
		ev.AuthorID = "user:" + a.CreatedByID.String()
	}
	addCustomer(&ev, p.Ticket.Customer, p.Ticket.CreateArticleType == "email", r)
	if a.DetectedLanguage != "" {
		ev.Hints = append([]helpdesk.Hint{{Name: "detected_language", Value: a.DetectedLanguage}}, ev.Hints...)
	}
	if err := addArticle(&ev, a); err != nil {
		return nil, err
	}
	return []helpdesk.Event{ev}, nil
}

// addArticle fills in who wrote the article and its text.
func addArticle(ev *helpdesk.Event, a *articlePayload) error {
	switch a.Sender {
	case "Customer":
		ev.Kind, ev.Author = helpdesk.KindCustomerMessage, helpdesk.AuthorCustomer
	case "Agent":
		ev.Kind, ev.Author = helpdesk.KindAgentReply, helpdesk.AuthorAgent
		if a.Internal {
			ev.Kind = helpdesk.KindAgentNote
		}
	case "System":
		return fmt.Errorf("%w: zammad system article %s", helpdesk.ErrIgnored, ev.MessageID)
	default:
		return fmt.Errorf("%w: zammad article %s has sender %q", helpdesk.ErrPayload, ev.MessageID, a.Sender)
	}
	ev.Text = a.Body
	if strings.HasPrefix(a.ContentType, "text/html") {
		ev.Text = helpdesk.HTMLToText(a.Body)
	}
	ev.Text = strings.TrimSpace(ev.Text)
	if ev.Text == "" {
		return fmt.Errorf("%w: zammad article %s has no text", helpdesk.ErrIgnored, ev.MessageID)
	}
	return nil
}

// addCustomer adds the customer's name, id and locale, and for e-mail
// tickets the address public replies go to.
func addCustomer(ev *helpdesk.Event, cu *user, email bool, r ref) {
	if cu == nil {
		return
	}
	ev.CustomerName = strings.TrimSpace(cu.Firstname + " " + cu.Lastname)
	if ev.CustomerID == "" {
		ev.CustomerID = cu.ID.String()
	}
	if email && cu.Email != "" {
		r.email = cu.Email
		ev.Conversation = r.String()
	}
	if loc, _ := cu.Preferences["locale"].(string); loc != "" {
		ev.Hints = append(ev.Hints, helpdesk.Hint{Name: "preferences.locale", Value: loc})
	}
}
