// Package zammad connects Parley to Zammad: it verifies and parses trigger
// webhooks and posts articles (internal notes and public replies) through
// Zammad's REST API.
package zammad

import (
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
// /hooks/zammad.
const Name = "zammad"

// Config configures the Zammad connector.
type Config struct {
	// URL is the Zammad base URL (PARLEY_ZAMMAD_URL).
	URL string
	// APIToken is a personal access token of the user Parley posts as, with
	// the ticket.agent permission (PARLEY_ZAMMAD_API_TOKEN).
	APIToken string
	// WebhookSecret is the webhook's "HMAC SHA1 Signature Token"
	// (PARLEY_ZAMMAD_WEBHOOK_SECRET).
	WebhookSecret string
	// Timeout bounds each API call; helpdesk.DefaultTimeout when zero.
	Timeout time.Duration
	// HTTPClient overrides the HTTP client (tests).
	HTTPClient *http.Client
}

// ErrConfig means a Config is incomplete or malformed.
var ErrConfig = errors.New("zammad: bad config")

func (c Config) validate() error {
	u, err := url.Parse(c.URL)
	if c.URL == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: URL %q must be an http(s) URL", ErrConfig, c.URL)
	}
	if c.APIToken == "" {
		return fmt.Errorf("%w: API token is required", ErrConfig)
	}
	if c.WebhookSecret == "" {
		return fmt.Errorf("%w: webhook secret is required", ErrConfig)
	}
	return nil
}

// ref is a conversation reference: the ticket id and, for tickets that
// reach the customer by e-mail, the address public replies go to.
type ref struct {
	ticket int64
	email  string
}

// String renders "<ticket>" or "<ticket>|email|<address>".
func (r ref) String() string {
	s := strconv.FormatInt(r.ticket, 10)
	if r.email != "" {
		s += "|email|" + r.email
	}
	return s
}

func parseRef(s string) (ref, error) {
	id, rest, _ := strings.Cut(s, "|")
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return ref{}, fmt.Errorf("%w: zammad conversation reference %q has no ticket id", helpdesk.ErrPermanent, s)
	}
	r := ref{ticket: n}
	if rest != "" {
		kind, addr, _ := strings.Cut(rest, "|")
		if kind != "email" || addr == "" {
			return ref{}, fmt.Errorf("%w: zammad conversation reference %q is malformed", helpdesk.ErrPermanent, s)
		}
		r.email = addr
	}
	return r, nil
}

// ConversationRef returns the helpdesk.Event.Conversation value for a
// ticket; email is the customer's address for e-mail tickets, else empty.
func ConversationRef(ticketID int64, email string) string {
	return ref{ticketID, email}.String()
}
