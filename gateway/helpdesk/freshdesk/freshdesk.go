// Package freshdesk connects Parley to Freshdesk: it checks and parses the
// webhooks that Freshdesk automation rules (or a Freshdesk app forwarding
// product events) send, and posts replies and private notes through
// Freshdesk's API v2.
package freshdesk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Name is the connector's name, used as helpdesk.Event.Source and in
// /hooks/freshdesk.
const Name = "freshdesk"

// Config configures the Freshdesk connector.
type Config struct {
	// URL is the helpdesk URL, e.g. https://acme.freshdesk.com
	// (PARLEY_FRESHDESK_URL).
	URL string
	// APIKey is the API key of the agent Parley posts as
	// (PARLEY_FRESHDESK_API_KEY).
	APIKey string
	// WebhookSecret is the shared token automation rules send in the
	// X-Parley-Token header (PARLEY_FRESHDESK_WEBHOOK_SECRET).
	WebhookSecret string
	// Timeout bounds each API call; helpdesk.DefaultTimeout when zero.
	Timeout time.Duration
	// HTTPClient overrides the HTTP client (tests).
	HTTPClient *http.Client
}

// ErrConfig means a Config is incomplete or malformed.
var ErrConfig = errors.New("freshdesk: bad config")

func (c Config) validate() error {
	u, err := url.Parse(c.URL)
	if c.URL == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: URL %q must be an http(s) URL", ErrConfig, c.URL)
	}
	if c.APIKey == "" {
		return fmt.Errorf("%w: API key is required", ErrConfig)
	}
	if len(c.WebhookSecret) < 16 {
		return fmt.Errorf("%w: webhook secret must be at least 16 characters", ErrConfig)
	}
	return nil
}

// HeaderToken is the header that carries the shared webhook token.
const HeaderToken = "X-Parley-Token"

// Verify checks the shared token of a webhook in constant time: the
// X-Parley-Token header, or else the password of HTTP Basic auth (for rules
// set up with "Requires authentication"). Freshdesk neither signs bodies nor
// sends timestamps, so replays are caught by deduplication. Errors wrap
// helpdesk.ErrSignature.
func Verify(secret string, header http.Header, body []byte, now time.Time) error {
	if secret == "" {
		return fmt.Errorf("%w: no freshdesk webhook secret configured", helpdesk.ErrSignature)
	}
	got := header.Get(HeaderToken)
	if got == "" {
		req := http.Request{Header: header}
		if _, pw, ok := req.BasicAuth(); ok {
			got = pw
		}
	}
	if got == "" {
		return fmt.Errorf("%w: missing %s", helpdesk.ErrSignature, HeaderToken)
	}
	if !helpdesk.EqualSecret(got, secret) {
		return fmt.Errorf("%w: wrong %s", helpdesk.ErrSignature, HeaderToken)
	}
	return nil
}

// Verify checks a webhook with the configured secret.
func (c *Client) Verify(header http.Header, body []byte, now time.Time) error {
	return Verify(c.cfg.WebhookSecret, header, body, now)
}

// flexID reads an id sent as a number or as a string ("{{ticket.id}}" in a
// rule body is a string).
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	} else {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		s = n.String()
	}
	*f = flexID(strings.TrimSpace(s))
	return nil
}

// ticketID checks that an id is a positive integer, as ticket ids are.
func ticketID(f flexID) (string, error) {
	n, err := strconv.ParseInt(string(f), 10, 64)
	if err != nil || n <= 0 {
		return "", fmt.Errorf("%w: freshdesk ticket id %q", helpdesk.ErrPayload, string(f))
	}
	return strconv.FormatInt(n, 10), nil
}
