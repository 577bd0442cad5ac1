package zendesktest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

// Post is one comment or messaging message posted to the fake.
type Post struct {
	// ID is the comment id, or the message id for messages.
	ID string
	// TicketID is set for comments; AppID and ConversationID for messages.
	TicketID              int64
	AppID, ConversationID string
	// Body is the html_body or body of a comment, or the message text.
	Body   string
	Public bool
	// Metadata is a message's metadata.
	Metadata map[string]any
}

// Fault is an answer the fake gives instead of creating a post.
type Fault = helpdesktest.Fault

// Server is a fake Zendesk (Support and Sunshine Conversations on one
// server). Its FailNext, SetDelay and Delete come from helpdesktest.Faults;
// a deleted ticket makes comments on it answer 404, messages are not
// affected.
type Server struct {
	*httptest.Server
	helpdesktest.Faults
	// Email and Token authenticate Support calls; KeyID and KeySecret
	// Sunshine Conversations calls.
	Email, Token, KeyID, KeySecret string
	// Secret signs Support webhooks; SunshineSecret goes in X-API-Key.
	Secret, SunshineSecret string
	// AgentID is the Support user the token belongs to.
	AgentID int64
	// Locales maps Support user ids to their locale for GET /users/{id}.
	Locales map[int64]string

	mu      sync.Mutex
	hookURL string
	posts   []Post
	nextID  int64
	hooks   helpdesktest.Webhooks
}

// New starts a fake Zendesk.
func New(secret, sunshineSecret string) *Server {
	s := &Server{
		Email: "parley@example.com", Token: "zd-token", KeyID: "app_key", KeySecret: "key-secret",
		Secret: secret, SunshineSecret: sunshineSecret, AgentID: 90500, nextID: 40000000000000,
		Locales: map[int64]string{},
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close waits for webhooks in flight and stops the server.
func (s *Server) Close() { s.hooks.Wait(); s.Server.Close() }

// SetWebhookURL sets where webhooks go; empty turns them off.
func (s *Server) SetWebhookURL(u string) { s.mu.Lock(); s.hookURL = u; s.mu.Unlock() }

// Posts returns the comments and messages posted so far.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// WebhookErrors waits for webhooks in flight and returns each one's outcome.
func (s *Server) WebhookErrors() []error { return s.hooks.Errors() }

var (
	ticketPath   = regexp.MustCompile(`^/api/v2/tickets/(\d+)\.json$`)
	userPath     = regexp.MustCompile(`^/api/v2/users/(\d+|me)\.json$`)
	messagesPath = regexp.MustCompile(`^/v2/apps/([^/]+)/conversations/([^/]+)/messages$`)
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if !s.Delay(r) {
		return
	}
	user, pass, _ := r.BasicAuth()
	if m := messagesPath.FindStringSubmatch(r.URL.Path); m != nil && r.Method == http.MethodPost {
		if user != s.KeyID || pass != s.KeySecret {
			helpdesktest.WriteJSON(w, http.StatusUnauthorized, map[string]any{"errors": []any{map[string]any{"code": "unauthorized", "title": "Authorization is required"}}})
			return
		}
		s.createMessage(w, m[1], m[2], body)
		return
	}
	if user != s.Email+"/token" || pass != s.Token {
		helpdesktest.WriteJSON(w, http.StatusUnauthorized, map[string]any{"error": "Couldn't authenticate you"})
		return
	}
	switch {
	case r.Method == http.MethodPut && ticketPath.MatchString(r.URL.Path):
		id, _ := strconv.ParseInt(ticketPath.FindStringSubmatch(r.URL.Path)[1], 10, 64)
		s.createComment(w, id, body)
	case r.Method == http.MethodGet && userPath.MatchString(r.URL.Path):
		s.showUser(w, userPath.FindStringSubmatch(r.URL.Path)[1])
	default:
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"error": "InvalidEndpoint"})
	}
}

func (s *Server) showUser(w http.ResponseWriter, id string) {
	n := s.AgentID
	if id != "me" {
		n, _ = strconv.ParseInt(id, 10, 64)
	}
	s.mu.Lock()
	loc, ok := s.Locales[n]
	s.mu.Unlock()
	if !ok && n != s.AgentID {
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"error": "RecordNotFound"})
		return
	}
	if loc == "" {
		loc = "en-US"
	}
	helpdesktest.WriteJSON(w, http.StatusOK, map[string]any{"user": map[string]any{"id": n, "locale": loc, "locale_id": 1}})
}

func (s *Server) createComment(w http.ResponseWriter, ticket int64, body []byte) {
	var in struct {
		Ticket struct {
			Comment *struct {
				Body     string `json:"body"`
				HTMLBody string `json:"html_body"`
				Public   *bool  `json:"public"`
			} `json:"comment"`
		} `json:"ticket"`
	}
	if json.Unmarshal(body, &in) != nil || in.Ticket.Comment == nil || in.Ticket.Comment.Body+in.Ticket.Comment.HTMLBody == "" {
		helpdesktest.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "RecordInvalid"})
		return
	}
	c := in.Ticket.Comment
	if f, ok := s.NextFault(); ok {
		f.Write(w, "error")
		return
	}
	if s.Gone(ticket) {
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"error": "RecordNotFound", "description": "Not found"})
		return
	}
	s.mu.Lock()
	s.nextID++
	p := Post{ID: fmt.Sprint(s.nextID), TicketID: ticket, Body: c.HTMLBody + c.Body, Public: c.Public == nil || *c.Public}
	s.posts = append(s.posts, p)
	hook := s.hookURL
	s.mu.Unlock()
	helpdesktest.WriteJSON(w, http.StatusOK, map[string]any{
		"ticket": map[string]any{"id": ticket, "status": "open"},
		"audit": map[string]any{"id": s.nextID + 1, "ticket_id": ticket, "author_id": s.AgentID, "events": []any{
			map[string]any{"id": s.nextID + 2, "type": "Change", "field_name": "status", "value": "open"},
			map[string]any{"id": json.Number(p.ID), "type": "Comment", "author_id": s.AgentID, "body": p.Body, "html_body": p.Body, "public": p.Public},
		}},
	})
	if hook != "" {
		id, _ := strconv.ParseInt(p.ID, 10, 64)
		echo := CommentAdded(Comment{TicketID: ticket, CommentID: id, AuthorID: s.AgentID, RequesterID: 1, Body: htmlToPlain(p.Body), Public: p.Public, Staff: true})
		s.goSend(hook, SupportHeaders(s.Secret, echo, time.Now()), echo)
	}
}

func (s *Server) createMessage(w http.ResponseWriter, app, conv string, body []byte) {
	var in struct {
		Author struct {
			Type string `json:"type"`
		} `json:"author"`
		Content struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"content"`
		Metadata map[string]any `json:"metadata"`
	}
	if json.Unmarshal(body, &in) != nil || in.Author.Type != "business" || in.Content.Type != "text" || in.Content.Text == "" {
		helpdesktest.WriteJSON(w, http.StatusBadRequest, map[string]any{"errors": []any{map[string]any{"code": "bad_request", "title": "invalid message"}}})
		return
	}
	if f, ok := s.NextFault(); ok {
		f.Write(w, "error")
		return
	}
	s.mu.Lock()
	s.nextID++
	p := Post{ID: fmt.Sprintf("msg%x", s.nextID), AppID: app, ConversationID: conv, Body: in.Content.Text, Public: true, Metadata: in.Metadata}
	s.posts = append(s.posts, p)
	hook := s.hookURL
	s.mu.Unlock()
	helpdesktest.WriteJSON(w, http.StatusCreated, map[string]any{"messages": []any{map[string]any{
		"id": p.ID, "received": time.Now().UTC().Format(time.RFC3339Nano), "author": map[string]any{"type": "business"},
		"content": map[string]any{"type": "text", "text": p.Body}, "metadata": p.Metadata,
	}}})
	if hook != "" {
		echo := ConversationMessage(Message{AppID: app, ConversationID: conv, MessageID: p.ID, AuthorType: "business", Text: p.Body, Metadata: p.Metadata})
		s.goSend(hook, SunshineHeaders(s.SunshineSecret), echo)
	}
}

// goSend sends a webhook in the background.
func (s *Server) goSend(url string, h http.Header, body []byte) {
	s.hooks.Go(func() error { return helpdesktest.Send(context.Background(), url, h, body) })
}

// SendSupport posts a Support webhook body to url, signed now with the
// fake's secret, and reports a non-2xx answer as an error.
func (s *Server) SendSupport(ctx context.Context, url string, body []byte) error {
	return helpdesktest.Send(ctx, url, SupportHeaders(s.Secret, body, time.Now()), body)
}

// SendSunshine posts a Sunshine Conversations webhook body to url with the
// fake's X-API-Key and reports a non-2xx answer as an error.
func (s *Server) SendSunshine(ctx context.Context, url string, body []byte) error {
	return helpdesktest.Send(ctx, url, SunshineHeaders(s.SunshineSecret), body)
}
