package chatwoot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Client verifies and parses Chatwoot webhooks and posts into Chatwoot
// conversations. It is safe for concurrent use.
type Client struct {
	cfg  Config
	base string
	hc   *http.Client

	mu       sync.Mutex
	identity string
}

// New checks cfg and returns a Client. Errors wrap ErrConfig.
func New(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	hc := helpdesk.NewHTTPClient(cfg.HTTPClient, cfg.Timeout)
	return &Client{cfg: cfg, base: strings.TrimRight(cfg.URL, "/"), hc: hc, identity: cfg.SenderID}, nil
}

// created is the part of Chatwoot's create-message answer Parley reads;
// message_type is a number there and created_at unix seconds.
type created struct {
	ID     json.Number `json:"id"`
	Sender *party      `json:"sender"`
}

// Reply posts text as a public message the customer sees and returns the
// new message's id. Chatwoot renders content as Markdown-like text, so text
// is sent as written. Errors wrap helpdesk.ErrTemporary (retry, see
// helpdesk.RetryAfter) or helpdesk.ErrPermanent.
func (c *Client) Reply(ctx context.Context, conversation, text string) (string, error) {
	return c.post(ctx, conversation, text, false)
}

// Note posts text as a private note for agents and returns its id. Errors
// are as for Reply.
func (c *Client) Note(ctx context.Context, conversation, text string) (string, error) {
	return c.post(ctx, conversation, text, true)
}

func (c *Client) post(ctx context.Context, conversation, text string, private bool) (string, error) {
	r, err := parseRef(conversation)
	if err != nil {
		return "", err
	}
	body, err := json.Marshal(map[string]any{"content": text, "message_type": "outgoing", "private": private})
	if err != nil {
		return "", fmt.Errorf("%w: encode chatwoot message: %v", helpdesk.ErrPermanent, err)
	}
	u := fmt.Sprintf("%s/api/v1/accounts/%d/conversations/%d/messages", c.base, r.account, r.conversation)
	req, err := helpdesk.NewJSONRequest(http.MethodPost, u, body)
	if err != nil {
		return "", err
	}
	req.Header.Set("api_access_token", c.cfg.APIToken)
	resp, err := helpdesk.Do(ctx, c.hc, req)
	if err != nil {
		return "", fmt.Errorf("post chatwoot message to %s: %w", r, err)
	}
	var m created
	if err := json.Unmarshal(resp, &m); err != nil || m.ID == "" {
		// The post happened; retrying would duplicate it.
		return "", fmt.Errorf("%w: chatwoot answered a post to %s without a message id", helpdesk.ErrPermanent, r)
	}
	if m.Sender != nil && m.Sender.ID != "" {
		c.learn(authorID(m.Sender))
	}
	return m.ID.String(), nil
}

func (c *Client) learn(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.identity == "" {
		c.identity = id
	}
}

// Identity returns Parley's posting identity in helpdesk.Event.AuthorID
// form ("user:7", "agent_bot:3"): Config.SenderID, else the sender of an
// earlier post, else the token's profile from /api/v1/profile.
func (c *Client) Identity(ctx context.Context) (string, error) {
	c.mu.Lock()
	id := c.identity
	c.mu.Unlock()
	if id != "" {
		return id, nil
	}
	req, err := helpdesk.NewJSONRequest(http.MethodGet, c.base+"/api/v1/profile", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("api_access_token", c.cfg.APIToken)
	resp, err := helpdesk.Do(ctx, c.hc, req)
	if err != nil {
		return "", fmt.Errorf("read chatwoot profile: %w", err)
	}
	var p struct {
		ID json.Number `json:"id"`
	}
	if err := json.Unmarshal(resp, &p); err != nil || p.ID == "" {
		return "", fmt.Errorf("%w: chatwoot profile without id", helpdesk.ErrPermanent)
	}
	c.learn("user:" + p.ID.String())
	return "user:" + p.ID.String(), nil
}
