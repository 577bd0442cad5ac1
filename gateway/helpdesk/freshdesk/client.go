package freshdesk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Client checks and parses Freshdesk webhooks and posts replies and notes.
// It is safe for concurrent use.
type Client struct {
	cfg  Config
	base string
	hc   *http.Client
}

// New checks cfg and returns a Client. Errors wrap ErrConfig.
func New(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	hc := helpdesk.NewHTTPClient(cfg.HTTPClient, cfg.Timeout)
	return &Client{cfg: cfg, base: strings.TrimRight(cfg.URL, "/"), hc: hc}, nil
}

// Reply posts text as a reply to the requester (Freshdesk e-mails it) and
// returns the new conversation's id. Text is escaped into HTML. Errors wrap
// helpdesk.ErrTemporary (retry, see helpdesk.RetryAfter) or
// helpdesk.ErrPermanent.
func (c *Client) Reply(ctx context.Context, conversation, text string) (string, error) {
	return c.post(ctx, conversation, "reply", map[string]any{"body": helpdesk.TextToHTML(text)})
}

// Note posts text as a private note and returns its id. Errors are as for
// Reply.
func (c *Client) Note(ctx context.Context, conversation, text string) (string, error) {
	return c.post(ctx, conversation, "notes", map[string]any{"body": helpdesk.TextToHTML(text), "private": true})
}

func (c *Client) post(ctx context.Context, conversation, kind string, in map[string]any) (string, error) {
	id, err := ticketID(flexID(conversation))
	if err != nil {
		return "", fmt.Errorf("%w: freshdesk conversation reference %q", helpdesk.ErrPermanent, conversation)
	}
	body, err := json.Marshal(in)
	if err != nil {
		return "", fmt.Errorf("%w: encode freshdesk %s: %v", helpdesk.ErrPermanent, kind, err)
	}
	req, err := helpdesk.NewJSONRequest(http.MethodPost, c.base+"/api/v2/tickets/"+id+"/"+kind, body)
	if err != nil {
		return "", err
	}
	resp, err := c.do(ctx, req)
	if err != nil {
		return "", fmt.Errorf("post freshdesk %s to ticket %s: %w", kind, id, err)
	}
	var out struct {
		ID json.Number `json:"id"`
	}
	if err := json.Unmarshal(resp, &out); err != nil || out.ID == "" {
		return "", fmt.Errorf("%w: freshdesk answered a %s post without an id", helpdesk.ErrPermanent, kind)
	}
	return out.ID.String(), nil
}

func (c *Client) do(ctx context.Context, req *http.Request) ([]byte, error) {
	// Freshdesk takes the API key as the Basic-auth user and any password.
	req.SetBasicAuth(c.cfg.APIKey, "X")
	return helpdesk.Do(ctx, c.hc, req)
}

// Identity returns Parley's posting identity in helpdesk.Event.AuthorID
// form ("user:<agent id>") from GET /api/v2/agents/me.
func (c *Client) Identity(ctx context.Context) (string, error) {
	req, err := helpdesk.NewJSONRequest(http.MethodGet, c.base+"/api/v2/agents/me", nil)
	if err != nil {
		return "", err
	}
	resp, err := c.do(ctx, req)
	if err != nil {
		return "", fmt.Errorf("read freshdesk agent: %w", err)
	}
	var me struct {
		ID json.Number `json:"id"`
	}
	if err := json.Unmarshal(resp, &me); err != nil || me.ID == "" {
		return "", fmt.Errorf("%w: freshdesk agents/me without id", helpdesk.ErrPermanent)
	}
	return "user:" + me.ID.String(), nil
}
