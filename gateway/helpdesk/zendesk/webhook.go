package zendesk

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Verify checks a webhook on /hooks/zendesk: a Support webhook (it carries
// X-Zendesk-Webhook-Signature) against the Support secret, anything else as
// a Sunshine Conversations webhook against its X-API-Key secret. A kind of
// webhook that is not configured fails. Errors wrap helpdesk.ErrSignature.
func (c *Client) Verify(header http.Header, body []byte, now time.Time) error {
	if header.Get(HeaderSignature) != "" || header.Get(HeaderSignatureTimestamp) != "" {
		return VerifySupport(c.cfg.WebhookSecret, header, body, now)
	}
	return VerifySunshine(c.cfg.SunshineWebhookSecret, header)
}

// Parse turns a Support or a Sunshine Conversations webhook into events.
// Support: ticket.comment_added comments (other event types wrap
// helpdesk.ErrIgnored). Sunshine Conversations: conversation:message text
// messages and conversation:create (other events are skipped, and a
// webhook with nothing left wraps helpdesk.ErrIgnored). Unreadable bodies
// wrap helpdesk.ErrPayload.
func (c *Client) Parse(header http.Header, body []byte) ([]helpdesk.Event, error) {
	return Parse(header, body)
}

// Parse is Client.Parse; it needs no configuration.
func Parse(header http.Header, body []byte) ([]helpdesk.Event, error) {
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("%w: zendesk webhook is not valid UTF-8", helpdesk.ErrPayload)
	}
	var probe struct {
		Type   string          `json:"type"`
		Events json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, fmt.Errorf("%w: zendesk webhook: %v", helpdesk.ErrPayload, err)
	}
	if probe.Type == "" && len(probe.Events) > 0 {
		return parseSunshine(body)
	}
	return parseSupport(body)
}
