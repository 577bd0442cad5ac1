// Package zendesk connects Parley to Zendesk: Support webhooks
// (ticket.comment_added) with comments posted through the Tickets API, and
// Sunshine Conversations webhooks (conversation:message,
// conversation:create) with replies posted through its messages API as a
// business author. One route, /hooks/zendesk, serves both: Verify and Parse
// tell them apart by their headers and bodies.
package zendesk

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Name is the connector's name, used as helpdesk.Event.Source and in
// /hooks/zendesk.
const Name = "zendesk"

// DefaultSunshineURL is the Sunshine Conversations API when Config gives
// none.
const DefaultSunshineURL = "https://api.smooch.io"

// Config configures the Zendesk connector. Support and Sunshine
// Conversations are each optional, but one must be configured.
type Config struct {
	// URL is the Zendesk Support URL, e.g. https://acme.zendesk.com
	// (PARLEY_ZENDESK_URL).
	URL string
	// Email and APIToken authenticate Support API calls as
	// "{email}/token:{token}" (PARLEY_ZENDESK_EMAIL,
	// PARLEY_ZENDESK_API_TOKEN).
	Email, APIToken string
	// WebhookSecret is the Support webhook's signing secret
	// (PARLEY_ZENDESK_WEBHOOK_SECRET).
	WebhookSecret string

	// SunshineURL is the Sunshine Conversations API base
	// (PARLEY_ZENDESK_SUNSHINE_URL, default DefaultSunshineURL).
	SunshineURL string
	// SunshineAppID, SunshineKeyID and SunshineKeySecret identify the app
	// and its API key (PARLEY_ZENDESK_SUNSHINE_APP_ID,
	// PARLEY_ZENDESK_SUNSHINE_KEY_ID, PARLEY_ZENDESK_SUNSHINE_KEY_SECRET).
	SunshineAppID, SunshineKeyID, SunshineKeySecret string
	// SunshineWebhookSecret is the secret Sunshine Conversations sends in
	// X-API-Key (PARLEY_ZENDESK_SUNSHINE_WEBHOOK_SECRET).
	SunshineWebhookSecret string
	// BusinessName is the name customers see on Parley's messaging replies
	// (optional).
	BusinessName string

	// Timeout bounds each API call; helpdesk.DefaultTimeout when zero.
	Timeout time.Duration
	// HTTPClient overrides the HTTP client (tests).
	HTTPClient *http.Client
}

// ErrConfig means a Config is incomplete or malformed.
var ErrConfig = errors.New("zendesk: bad config")

func (c Config) support() bool  { return c.URL != "" }
func (c Config) sunshine() bool { return c.SunshineAppID != "" }

func (c Config) validate() error {
	if !c.support() && !c.sunshine() {
		return fmt.Errorf("%w: configure Support (URL) or Sunshine Conversations (app id)", ErrConfig)
	}
	if c.support() {
		if err := checkURL("URL", c.URL); err != nil {
			return err
		}
		if c.Email == "" || c.APIToken == "" || c.WebhookSecret == "" {
			return fmt.Errorf("%w: Support needs email, API token and webhook secret", ErrConfig)
		}
	}
	if c.sunshine() {
		if c.SunshineURL != "" {
			if err := checkURL("Sunshine URL", c.SunshineURL); err != nil {
				return err
			}
		}
		if c.SunshineKeyID == "" || c.SunshineKeySecret == "" || c.SunshineWebhookSecret == "" {
			return fmt.Errorf("%w: Sunshine Conversations needs key id, key secret and webhook secret", ErrConfig)
		}
	}
	return nil
}

func checkURL(name, s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: %s %q must be an http(s) URL", ErrConfig, name, s)
	}
	return nil
}

// Conversation references: "ticket:<id>" for Support tickets and
// "sunco:<app id>:<conversation id>" for messaging conversations.
const (
	ticketPrefix   = "ticket:"
	sunshinePrefix = "sunco:"
)

// TicketRef returns the helpdesk.Event.Conversation value of a ticket.
func TicketRef(id int64) string { return ticketPrefix + strconv.FormatInt(id, 10) }

// SunshineRef returns the helpdesk.Event.Conversation value of a Sunshine
// Conversations conversation.
func SunshineRef(appID, conversationID string) string {
	return sunshinePrefix + appID + ":" + conversationID
}

func parseTicketRef(s string) (int64, bool) {
	rest, ok := strings.CutPrefix(s, ticketPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n > 0
}

func parseSunshineRef(s string) (app, conv string, ok bool) {
	rest, ok := strings.CutPrefix(s, sunshinePrefix)
	if !ok {
		return "", "", false
	}
	app, conv, ok = strings.Cut(rest, ":")
	return app, conv, ok && app != "" && conv != "" && !strings.ContainsAny(app+conv, "/?#")
}
