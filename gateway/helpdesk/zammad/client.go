package zammad

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Client verifies and parses Zammad webhooks and posts ticket articles. It
// is safe for concurrent use.
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

// article is the request body of POST /api/v1/ticket_articles.
type article struct {
	TicketID    int64  `json:"ticket_id"`
	Body        string `json:"body"`
	ContentType string `json:"content_type"`
	Type        string `json:"type"`
	Internal    bool   `json:"internal"`
	Sender      string `json:"sender"`
	To          string `json:"to,omitempty"`
}

// Reply posts text as a public article and returns its id: an e-mail to
// the customer for e-mail tickets, else a public note the customer sees in
// the portal. Text is escaped into HTML. Errors wrap helpdesk.ErrTemporary
// (retry, see helpdesk.RetryAfter) or helpdesk.ErrPermanent.
func (c *Client) Reply(ctx context.Context, conversation, text string) (string, error) {
	r, err := parseRef(conversation)
	if err != nil {
		return "", err
	}
	a := article{TicketID: r.ticket, Body: helpdesk.TextToHTML(text), ContentType: "text/html", Type: "note", Sender: "Agent"}
	if r.email != "" {
		a.Type, a.To = "email", r.email
	}
	return c.post(ctx, a)
}

// Note posts text as an internal note and returns its id. Errors are as
// for Reply.
func (c *Client) Note(ctx context.Context, conversation, text string) (string, error) {
	r, err := parseRef(conversation)
	if err != nil {
		return "", err
	}
	return c.post(ctx, article{TicketID: r.ticket, Body: helpdesk.TextToHTML(text), ContentType: "text/html", Type: "note", Internal: true, Sender: "Agent"})
}

func (c *Client) post(ctx context.Context, a article) (string, error) {
	body, err := json.Marshal(a)
	if err != nil {
		return "", fmt.Errorf("%w: encode zammad article: %v", helpdesk.ErrPermanent, err)
	}
	req, err := helpdesk.NewJSONRequest(http.MethodPost, c.base+"/api/v1/ticket_articles", body)
	if err != nil {
		return "", err
	}
	resp, err := c.do(ctx, req)
	if err != nil {
		return "", fmt.Errorf("post zammad article to ticket %d: %w", a.TicketID, err)
	}
	var out struct {
		ID json.Number `json:"id"`
	}
	if err := json.Unmarshal(resp, &out); err != nil || out.ID == "" {
		return "", fmt.Errorf("%w: zammad answered an article post without an id", helpdesk.ErrPermanent)
	}
	return out.ID.String(), nil
}

func (c *Client) do(ctx context.Context, req *http.Request) ([]byte, error) {
	req.Header.Set("Authorization", "Token token="+c.cfg.APIToken)
	return helpdesk.Do(ctx, c.hc, req)
}

// Identity returns Parley's posting identity in helpdesk.Event.AuthorID
// form ("user:5"): the token owner from GET /api/v1/users/me.
func (c *Client) Identity(ctx context.Context) (string, error) {
	req, err := helpdesk.NewJSONRequest(http.MethodGet, c.base+"/api/v1/users/me", nil)
	if err != nil {
		return "", err
	}
	resp, err := c.do(ctx, req)
	if err != nil {
		return "", fmt.Errorf("read zammad user: %w", err)
	}
	var me struct {
		ID json.Number `json:"id"`
	}
	if err := json.Unmarshal(resp, &me); err != nil || me.ID == "" {
		return "", fmt.Errorf("%w: zammad users/me without id", helpdesk.ErrPermanent)
	}
	return "user:" + me.ID.String(), nil
}
