// Package chatwoot connects Parley to Chatwoot: it verifies and parses
// Chatwoot's account and agent-bot webhooks and posts replies and private
// notes through Chatwoot's messages API.
package chatwoot

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
// /hooks/chatwoot.
const Name = "chatwoot"

// Config configures the Chatwoot connector.
type Config struct {
	// URL is the Chatwoot base URL, e.g. https://chat.example.com
	// (PARLEY_CHATWOOT_URL).
	URL string
	// APIToken is the access token of the agent or agent bot Parley posts
	// as (PARLEY_CHATWOOT_API_TOKEN). Use a dedicated one: every message
	// posted with it counts as Parley's own.
	APIToken string
	// WebhookSecret is the webhook's signing secret
	// (PARLEY_CHATWOOT_WEBHOOK_SECRET).
	WebhookSecret string
	// InsecureSkipSignature accepts webhooks whose signature is missing or
	// does not verify (PARLEY_CHATWOOT_INSECURE_SKIP_SIGNATURE), for
	// installs that cannot sign them. Verify then reports
	// helpdesk.ErrUnverified, which the caller must log.
	InsecureSkipSignature bool
	// AccountID is used when a webhook does not name its account
	// (PARLEY_CHATWOOT_ACCOUNT_ID, optional).
	AccountID int64
	// SenderID is Parley's posting identity as Identity reports it, e.g.
	// "agent_bot:3" (PARLEY_CHATWOOT_SENDER_ID, optional); when empty it is
	// read from /api/v1/profile.
	SenderID string
	// Timeout bounds each API call; helpdesk.DefaultTimeout when zero.
	Timeout time.Duration
	// HTTPClient overrides the HTTP client (tests); its Timeout is kept.
	HTTPClient *http.Client
}

// ErrConfig means a Config is incomplete or malformed.
var ErrConfig = errors.New("chatwoot: bad config")

// ref is a conversation reference: the account and the conversation's
// display id, the two numbers the messages API needs.
type ref struct {
	account, conversation int64
}

func (r ref) String() string {
	return strconv.FormatInt(r.account, 10) + ":" + strconv.FormatInt(r.conversation, 10)
}

// parseRef reads a reference made by ref.String.
func parseRef(s string) (ref, error) {
	a, c, ok := strings.Cut(s, ":")
	if !ok {
		return ref{}, fmt.Errorf("%w: conversation reference %q is not account:conversation", helpdesk.ErrPermanent, s)
	}
	acc, err1 := strconv.ParseInt(a, 10, 64)
	conv, err2 := strconv.ParseInt(c, 10, 64)
	if err1 != nil || err2 != nil || acc <= 0 || conv <= 0 {
		return ref{}, fmt.Errorf("%w: conversation reference %q is not account:conversation", helpdesk.ErrPermanent, s)
	}
	return ref{acc, conv}, nil
}

// ConversationRef returns the helpdesk.Event.Conversation value for a
// conversation, for callers that start from Chatwoot ids.
func ConversationRef(accountID, conversationID int64) string {
	return ref{accountID, conversationID}.String()
}

func (c Config) validate() error {
	u, err := url.Parse(c.URL)
	if c.URL == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: URL %q must be an http(s) URL", ErrConfig, c.URL)
	}
	if c.APIToken == "" {
		return fmt.Errorf("%w: API token is required", ErrConfig)
	}
	if c.WebhookSecret == "" && !c.InsecureSkipSignature {
		return fmt.Errorf("%w: webhook secret is required unless signature checks are turned off", ErrConfig)
	}
	return nil
}
