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
type Fault struct {
	Status     int
	RetryAfter string
}

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

// Server is a fake Freshdesk.
type Server struct {
	*httptest.Server
	// APIKey is the key the fake accepts; Token is the shared webhook token
	// its webhooks carry.
	APIKey, Token string
	// AgentID is the id of the API key's agent.
	AgentID int64

	mu      sync.Mutex
	hookURL string
	echo    Echo
	posts   []Post
	faults  []Fault
	delay   time.Duration
	gone    map[int64]bool
	nextID  int64
	sent    []error
	wg      sync.WaitGroup
}

// New starts a fake Freshdesk.
func New(apiKey, token string) *Server {
	s := &Server{APIKey: apiKey, Token: token, AgentID: 300, nextID: 7000, gone: map[int64]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close waits for webhooks in flight and stops the server.
func (s *Server) Close() { s.wg.Wait(); s.Server.Close() }

// SetWebhookURL sets where webhooks go and in which shape; an empty URL
// turns them off.
func (s *Server) SetWebhookURL(u string, e Echo) {
	s.mu.Lock()
	s.hookURL, s.echo = u, e
	s.mu.Unlock()
}

// FailNext makes the next post answer with f.
func (s *Server) FailNext(f Fault) { s.mu.Lock(); s.faults = append(s.faults, f); s.mu.Unlock() }

// SetDelay makes every answer wait d first.
func (s *Server) SetDelay(d time.Duration) { s.mu.Lock(); s.delay = d; s.mu.Unlock() }

// Delete makes posts to a ticket answer 404.
func (s *Server) Delete(ticketID int64) { s.mu.Lock(); s.gone[ticketID] = true; s.mu.Unlock() }

// Posts returns the replies and notes posted so far.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// WebhookErrors waits for webhooks in flight and returns each one's outcome.
func (s *Server) WebhookErrors() []error {
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.sent...)
}

var postPath = regexp.MustCompile(`^/api/v2/tickets/(\d+)/(reply|notes)$`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	s.mu.Lock()
	delay := s.delay
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if user, _, ok := r.BasicAuth(); !ok || user != s.APIKey {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"code": "invalid_credentials", "message": "You have to be logged in to perform this action."})
		return
	}
	m := postPath.FindStringSubmatch(r.URL.Path)
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v2/agents/me":
		writeJSON(w, http.StatusOK, map[string]any{"id": s.AgentID, "available": true, "contact": map[string]any{"name": "Parley", "email": "parley@example.com"}})
	case r.Method == http.MethodPost && m != nil:
		id, _ := strconv.ParseInt(m[1], 10, 64)
		s.create(w, r, id, m[2], body)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"code": "not_found"})
	}
}

func (s *Server) create(w http.ResponseWriter, r *http.Request, ticket int64, kind string, body []byte) {
	var in struct {
		Body    string `json:"body"`
		Private *bool  `json:"private"`
	}
	if r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &in) != nil || in.Body == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"description": "Validation failed", "errors": []any{map[string]any{"field": "body", "code": "missing_field"}}})
		return
	}
	s.mu.Lock()
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		s.mu.Unlock()
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		writeJSON(w, f.Status, map[string]any{"code": http.StatusText(f.Status)})
		return
	}
	if s.gone[ticket] {
		s.mu.Unlock()
		writeJSON(w, http.StatusNotFound, map[string]any{"code": "not_found"})
		return
	}
	s.nextID++
	p := Post{ID: s.nextID, TicketID: ticket, Kind: "reply", Body: in.Body}
	if kind == "notes" {
		// Notes are private unless asked otherwise, as in Freshdesk.
		p.Kind, p.Private = "note", in.Private == nil || *in.Private
	}
	s.posts = append(s.posts, p)
	hook, echo := s.hookURL, s.echo
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{
		"id": p.ID, "body": p.Body, "ticket_id": ticket, "user_id": s.AgentID, "private": p.Private,
		"incoming": false, "created_at": time.Now().UTC().Format(time.RFC3339),
	})
	if hook != "" {
		s.wg.Add(1)
		go s.sendEcho(hook, echo, p)
	}
}

func (s *Server) sendEcho(url string, e Echo, p Post) {
	defer s.wg.Done()
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
	err := send(context.Background(), url, s.Token, body)
	s.mu.Lock()
	s.sent = append(s.sent, err)
	s.mu.Unlock()
}

// Send posts a webhook body to url with the fake's shared token, as an
// automation rule does, and reports a non-2xx answer as an error.
func (s *Server) Send(ctx context.Context, url string, body []byte) error {
	return send(ctx, url, s.Token, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
