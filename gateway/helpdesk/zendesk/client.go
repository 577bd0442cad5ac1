package zendesk

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// Client verifies and parses Zendesk webhooks and posts comments (Support)
// and messages (Sunshine Conversations). It is safe for concurrent use.
type Client struct {
	cfg      Config
	base     string
	sunshine string
	hc       *http.Client
}

// New checks cfg and returns a Client. Errors wrap ErrConfig.
func New(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	hc := helpdesk.NewHTTPClient(cfg.HTTPClient, cfg.Timeout)
	sun := cfg.SunshineURL
	if sun == "" {
		sun = DefaultSunshineURL
	}
	return &Client{cfg: cfg, base: strings.TrimRight(cfg.URL, "/"), sunshine: strings.TrimRight(sun, "/"), hc: hc}, nil
}

// Reply posts text where the customer sees it and returns the new
// comment's or message's id: a public comment on a ticket, or a business
// message in a messaging conversation. Errors wrap helpdesk.ErrTemporary
// (retry, see helpdesk.RetryAfter) or helpdesk.ErrPermanent.
func (c *Client) Reply(ctx context.Context, conversation, text string) (string, error) {
	if id, ok := parseTicketRef(conversation); ok {
		return c.comment(ctx, id, text, true)
	}
	if app, conv, ok := parseSunshineRef(conversation); ok {
		return c.message(ctx, app, conv, text)
	}
	return "", fmt.Errorf("%w: zendesk conversation reference %q", helpdesk.ErrPermanent, conversation)
}

// Note posts text as a private comment on a ticket and returns its id.
// Messaging conversations have no private notes: posting one wraps
// helpdesk.ErrPermanent. Other errors are as for Reply.
func (c *Client) Note(ctx context.Context, conversation, text string) (string, error) {
	if id, ok := parseTicketRef(conversation); ok {
		return c.comment(ctx, id, text, false)
	}
	return "", fmt.Errorf("%w: zendesk conversation %q takes no private notes", helpdesk.ErrPermanent, conversation)
}

// TakesNotes reports whether Note can post into a conversation: tickets
// take private comments, messaging conversations take no private notes.
func TakesNotes(conversation string) bool {
	_, ok := parseTicketRef(conversation)
	return ok
}

// TakesNotes reports whether Note can post into conversation; see the
// function TakesNotes.
func (c *Client) TakesNotes(conversation string) bool { return TakesNotes(conversation) }

// comment adds a comment to a ticket with PUT /api/v2/tickets/{id}.json.
// The body goes as html_body, escaped, so nothing in it is taken as markup.
func (c *Client) comment(ctx context.Context, ticket int64, text string, public bool) (string, error) {
	if !c.cfg.support() {
		return "", fmt.Errorf("%w: zendesk support is not configured", helpdesk.ErrPermanent)
	}
	body, err := json.Marshal(map[string]any{"ticket": map[string]any{
		"comment": map[string]any{"html_body": helpdesk.TextToHTML(text), "public": public},
	}})
	if err != nil {
		return "", fmt.Errorf("%w: encode zendesk comment: %v", helpdesk.ErrPermanent, err)
	}
	req, err := helpdesk.NewJSONRequest(http.MethodPut, fmt.Sprintf("%s/api/v2/tickets/%d.json", c.base, ticket), body)
	if err != nil {
		return "", err
	}
	resp, err := c.doSupport(ctx, req)
	if err != nil {
		return "", fmt.Errorf("post zendesk comment on ticket %d: %w", ticket, err)
	}
	var out struct {
		Audit struct {
			Events []struct {
				ID   json.Number `json:"id"`
				Type string      `json:"type"`
			} `json:"events"`
		} `json:"audit"`
	}
	if err := json.Unmarshal(resp, &out); err == nil {
		for _, e := range out.Audit.Events {
			if e.Type == "Comment" && e.ID != "" {
				return e.ID.String(), nil
			}
		}
	}
	return "", fmt.Errorf("%w: zendesk answered a comment on ticket %d without a comment event", helpdesk.ErrPermanent, ticket)
}

// message posts a text message as the business with Sunshine
// Conversations' POST /v2/apps/{app}/conversations/{id}/messages, marked
// with Parley's origin so its webhook is recognized.
func (c *Client) message(ctx context.Context, app, conv, text string) (string, error) {
	if !c.cfg.sunshine() {
		return "", fmt.Errorf("%w: sunshine conversations is not configured", helpdesk.ErrPermanent)
	}
	author := map[string]any{"type": "business"}
	if c.cfg.BusinessName != "" {
		author["displayName"] = c.cfg.BusinessName
	}
	body, err := json.Marshal(map[string]any{
		"author":   author,
		"content":  map[string]any{"type": "text", "text": text},
		"metadata": map[string]any{originKey: originParley},
	})
	if err != nil {
		return "", fmt.Errorf("%w: encode sunshine message: %v", helpdesk.ErrPermanent, err)
	}
	u := fmt.Sprintf("%s/v2/apps/%s/conversations/%s/messages", c.sunshine, app, conv)
	req, err := helpdesk.NewJSONRequest(http.MethodPost, u, body)
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(c.cfg.SunshineKeyID, c.cfg.SunshineKeySecret)
	resp, err := helpdesk.Do(ctx, c.hc, req)
	if err != nil {
		return "", fmt.Errorf("post sunshine message to %s: %w", conv, err)
	}
	var out struct {
		Messages []struct {
			ID string `json:"id"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(resp, &out); err != nil || len(out.Messages) == 0 || out.Messages[0].ID == "" {
		return "", fmt.Errorf("%w: sunshine conversations answered without a message id", helpdesk.ErrPermanent)
	}
	return out.Messages[0].ID, nil
}

func (c *Client) doSupport(ctx context.Context, req *http.Request) ([]byte, error) {
	req.SetBasicAuth(c.cfg.Email+"/token", c.cfg.APIToken)
	return helpdesk.Do(ctx, c.hc, req)
}

// Identity returns Parley's Support posting identity in
// helpdesk.Event.AuthorID form ("user:<id>") from GET /api/v2/users/me.json.
// Messaging replies need none: their webhooks come back with Event.Own set.
func (c *Client) Identity(ctx context.Context) (string, error) {
	u, err := c.user(ctx, "me")
	if err != nil {
		return "", err
	}
	return "user:" + u.ID.String(), nil
}

// UserLocale returns a Support user's locale (e.g. "es", "pt-br"), the
// requester's language hint; userID is helpdesk.Event.CustomerID.
func (c *Client) UserLocale(ctx context.Context, userID string) (string, error) {
	if userID == "" || strings.ContainsAny(userID, "/?#.") {
		return "", fmt.Errorf("%w: zendesk user id %q", helpdesk.ErrPermanent, userID)
	}
	u, err := c.user(ctx, userID)
	if err != nil {
		return "", err
	}
	return u.Locale, nil
}

type user struct {
	ID     json.Number `json:"id"`
	Locale string      `json:"locale"`
}

func (c *Client) user(ctx context.Context, id string) (user, error) {
	if !c.cfg.support() {
		return user{}, fmt.Errorf("%w: zendesk support is not configured", helpdesk.ErrPermanent)
	}
	req, err := helpdesk.NewJSONRequest(http.MethodGet, c.base+"/api/v2/users/"+id+".json", nil)
	if err != nil {
		return user{}, err
	}
	resp, err := c.doSupport(ctx, req)
	if err != nil {
		return user{}, fmt.Errorf("read zendesk user %s: %w", id, err)
	}
	var out struct {
		User user `json:"user"`
	}
	if err := json.Unmarshal(resp, &out); err != nil || out.User.ID == "" {
		return user{}, fmt.Errorf("%w: zendesk user %s answer without id", helpdesk.ErrPermanent, id)
	}
	return out.User, nil
}
