package zendesk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Support webhook headers.
const (
	HeaderSignature          = "X-Zendesk-Webhook-Signature"
	HeaderSignatureTimestamp = "X-Zendesk-Webhook-Signature-Timestamp"
	HeaderWebhookID          = "X-Zendesk-Webhook-Id"
)

// SignSupport returns the X-Zendesk-Webhook-Signature value: base64 of the
// HMAC-SHA256 of timestamp+body keyed with the secret.
func SignSupport(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// VerifySupport checks a Support webhook's signature over the raw body in
// constant time and rejects a signature timestamp (RFC 3339) more than
// helpdesk.MaxSkew from now. Errors wrap helpdesk.ErrSignature.
func VerifySupport(secret string, header http.Header, body []byte, now time.Time) error {
	if secret == "" {
		return fmt.Errorf("%w: no zendesk webhook secret configured", helpdesk.ErrSignature)
	}
	sig := header.Get(HeaderSignature)
	if sig == "" {
		return fmt.Errorf("%w: missing %s", helpdesk.ErrSignature, HeaderSignature)
	}
	ts := header.Get(HeaderSignatureTimestamp)
	at, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return fmt.Errorf("%w: %s %q is not an RFC 3339 time", helpdesk.ErrSignature, HeaderSignatureTimestamp, ts)
	}
	if err := helpdesk.CheckTime(at, now); err != nil {
		return err
	}
	if !helpdesk.EqualSecret(sig, SignSupport(secret, ts, body)) {
		return fmt.Errorf("%w: %s does not match the body", helpdesk.ErrSignature, HeaderSignature)
	}
	return nil
}

// supportEvent is a Support webhook event.
type supportEvent struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Detail *struct {
		ID          json.Number `json:"id"`
		RequesterID json.Number `json:"requester_id"`
	} `json:"detail"`
	Event *struct {
		Comment *struct {
			ID       json.Number `json:"id"`
			Body     string      `json:"body"`
			IsPublic bool        `json:"is_public"`
			Author   *struct {
				ID      json.Number `json:"id"`
				IsStaff bool        `json:"is_staff"`
				Name    string      `json:"name"`
			} `json:"author"`
		} `json:"comment"`
	} `json:"event"`
}

// TypeCommentAdded is the Support event type Parley handles.
const TypeCommentAdded = "zen:event-type:ticket.comment_added"

func parseSupport(body []byte) ([]helpdesk.Event, error) {
	var e supportEvent
	if err := json.Unmarshal(body, &e); err != nil {
		return nil, fmt.Errorf("%w: zendesk event: %v", helpdesk.ErrPayload, err)
	}
	if e.Type != TypeCommentAdded {
		return nil, fmt.Errorf("%w: zendesk event type %q", helpdesk.ErrIgnored, e.Type)
	}
	if e.Detail == nil || e.Event == nil || e.Event.Comment == nil || e.Event.Comment.ID == "" {
		return nil, fmt.Errorf("%w: zendesk comment_added without ticket or comment", helpdesk.ErrPayload)
	}
	ticket, err := strconv.ParseInt(e.Detail.ID.String(), 10, 64)
	if err != nil || ticket <= 0 {
		return nil, fmt.Errorf("%w: zendesk ticket id %q", helpdesk.ErrPayload, e.Detail.ID)
	}
	c := e.Event.Comment
	ev := helpdesk.Event{
		Source: Name, DeliveryID: e.ID, Conversation: TicketRef(ticket), MessageID: c.ID.String(),
		Private: !c.IsPublic, Text: strings.TrimSpace(c.Body), CustomerID: e.Detail.RequesterID.String(),
	}
	if ev.DeliveryID == "" {
		ev.DeliveryID = helpdesk.BodyID(body)
	}
	staff := c.Author != nil && c.Author.IsStaff
	if c.Author != nil && c.Author.ID != "" {
		ev.AuthorID = "user:" + c.Author.ID.String()
	}
	switch {
	case staff && c.IsPublic:
		ev.Kind, ev.Author = helpdesk.KindAgentReply, helpdesk.AuthorAgent
	case staff:
		ev.Kind, ev.Author = helpdesk.KindAgentNote, helpdesk.AuthorAgent
	case c.IsPublic:
		ev.Kind, ev.Author = helpdesk.KindCustomerMessage, helpdesk.AuthorCustomer
		if c.Author != nil {
			ev.CustomerName = c.Author.Name
		}
	default:
		return nil, fmt.Errorf("%w: zendesk private comment %s by a non-agent", helpdesk.ErrIgnored, c.ID)
	}
	if ev.Text == "" {
		return nil, fmt.Errorf("%w: zendesk comment %s has no text", helpdesk.ErrIgnored, c.ID)
	}
	return []helpdesk.Event{ev}, nil
}
