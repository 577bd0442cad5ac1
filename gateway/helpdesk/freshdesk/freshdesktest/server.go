package freshdesktest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

// Post is one reply or note posted to the fake.
type Post struct {
	ID       int64
	TicketID int64
	// Kind is "reply" or "note".
	Kind    string
	Body    string
	Private bool
}

// Fault is an answer the fake gives instead of creating a post.
type Fault = helpdesktest.Fault

// Echo says which webhook shape the fake sends back for a post.
type Echo int

// The echo shapes.
const (
	// EchoRule sends the automation rule body ("agent_reply" or
	// "agent_note"), which has no ids.
	EchoRule Echo = iota
	// EchoApp sends the onConversationCreate app payload, with ids.
	EchoApp
)

// Server is a fake Freshdesk. Its FailNext, SetDelay and Delete (of a
// ticket) come from helpdesktest.Faults.
type Server struct {
	*httptest.Server
	helpdesktest.Faults
	// APIKey is the key the fake accepts; Token is the shared webhook token
	// its webhooks carry.
	APIKey, Token string
	// AgentID is the id of the API key's agent.
	AgentID int64

	mu      sync.Mutex
	hookURL string
	echo    Echo
	posts   []Post
	nextID  int64
	hooks   helpdesktest.Webhooks
}

// New starts a fake Freshdesk.
func New(apiKey, token string) *Server {
	s := &Server{APIKey: apiKey, Token: token, AgentID: 300, nextID: 7000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close waits for webhooks in flight and stops the server.
func (s *Server) Close() { s.hooks.Wait(); s.Server.Close() }

// SetWebhookURL sets where webhooks go and in which shape; an empty URL
// turns them off.
func (s *Server) SetWebhookURL(u string, e Echo) {
	s.mu.Lock()
	s.hookURL, s.echo = u, e
	s.mu.Unlock()
}

// Posts returns the replies and notes posted so far.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// WebhookErrors waits for webhooks in flight and returns each one's outcome.
func (s *Server) WebhookErrors() []error { return s.hooks.Errors() }

var postPath = regexp.MustCompile(`^/api/v2/tickets/(\d+)/(reply|notes)$`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if !s.Delay(r) {
		return
	}
	if user, _, ok := r.BasicAuth(); !ok || user != s.APIKey {
		helpdesktest.WriteJSON(w, http.StatusUnauthorized, map[string]any{"code": "invalid_credentials", "message": "You have to be logged in to perform this action."})
		return
	}
	m := postPath.FindStringSubmatch(r.URL.Path)
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v2/agents/me":
		helpdesktest.WriteJSON(w, http.StatusOK, map[string]any{"id": s.AgentID, "available": true, "contact": map[string]any{"name": "Parley", "email": "parley@example.com"}})
	case r.Method == http.MethodPost && m != nil:
		id, _ := strconv.ParseInt(m[1], 10, 64)
		s.create(w, r, id, m[2], body)
	default:
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"code": "not_found"})
	}
}

func (s *Server) create(w http.ResponseWriter, r *http.Request, ticket int64, kind string, body []byte) {
	var in struct {
		Body    string `json:"body"`
		Private *bool  `json:"private"`
	}
	if r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &in) != nil || in.Body == "" {
		helpdesktest.WriteJSON(w, http.StatusBadRequest, map[string]any{"description": "Validation failed", "errors": []any{map[string]any{"field": "body", "code": "missing_field"}}})
		return
	}
	if f, ok := s.NextFault(); ok {
		f.Write(w, "code")
		return
	}
	if s.Gone(ticket) {
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"code": "not_found"})
		return
	}
	s.mu.Lock()
	s.nextID++
	p := Post{ID: s.nextID, TicketID: ticket, Kind: "reply", Body: in.Body}
	if kind == "notes" {
		// Notes are private unless asked otherwise, as in Freshdesk.
		p.Kind, p.Private = "note", in.Private == nil || *in.Private
	}
	s.posts = append(s.posts, p)
	hook, echo := s.hookURL, s.echo
	s.mu.Unlock()
	helpdesktest.WriteJSON(w, http.StatusCreated, map[string]any{
		"id": p.ID, "body": p.Body, "ticket_id": ticket, "user_id": s.AgentID, "private": p.Private,
		"incoming": false, "created_at": time.Now().UTC().Format(time.RFC3339),
	})
	if hook != "" {
		s.hooks.Go(func() error { return s.sendEcho(hook, echo, p) })
	}
}

// sendEcho sends the webhook the automation rule or app sends for p.
func (s *Server) sendEcho(url string, e Echo, p Post) error {
	var body []byte
	switch e {
	case EchoApp:
		body = AppConversation(p.TicketID, p.ID, s.AgentID, p.Body, false, p.Private)
	default:
		event := "agent_reply"
		if p.Private {
			event = "agent_note"
		}
		body = Rule(event, p.TicketID, p.Body)
	}
	return s.Send(context.Background(), url, body)
}

// Send posts a webhook body to url with the fake's shared token, as an
// automation rule does, and reports a non-2xx answer as an error.
func (s *Server) Send(ctx context.Context, url string, body []byte) error {
	return helpdesktest.Send(ctx, url, Headers(s.Token), body)
}
