// Package zammadtest is a fake Zammad for tests: an httptest server that
// speaks Zammad's ticket_articles API, records articles, and sends a signed
// trigger webhook back for every article posted, as a Zammad trigger on
// "article created" does. It also signs Zammad's documented payloads.
package zammadtest

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

//go:embed testdata/*.json
var examples embed.FS

// Example returns a documented Zammad webhook payload from testdata by file
// name without ".json". It panics on an unknown name.
func Example(name string) []byte { return helpdesktest.Example(examples, "zammadtest", name) }

// Headers returns the headers Zammad sends with a webhook body signed with
// token.
func Headers(token string, body []byte, delivery string) http.Header {
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write(body)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Zammad User Agent")
	h.Set("X-Zammad-Trigger", "Parley")
	h.Set("X-Zammad-Delivery", delivery)
	h.Set("X-Hub-Signature", "sha1="+hex.EncodeToString(mac.Sum(nil)))
	return h
}

// Article is one article posted to the fake.
type Article struct {
	ID          int64  `json:"id"`
	TicketID    int64  `json:"ticket_id"`
	Body        string `json:"body"`
	ContentType string `json:"content_type"`
	Type        string `json:"type"`
	Internal    bool   `json:"internal"`
	To          string `json:"to"`
}

// Fault is an answer the fake gives instead of creating an article.
type Fault = helpdesktest.Fault

// Server is a fake Zammad. Its FailNext, SetDelay and Delete (of a ticket)
// come from helpdesktest.Faults.
type Server struct {
	*httptest.Server
	helpdesktest.Faults
	// Token is the API token the fake accepts, Secret signs its webhooks.
	Token, Secret string
	// UserID is the id of the token's user.
	UserID int64

	mu       sync.Mutex
	hookURL  string
	articles []Article
	nextID   int64
	hooks    helpdesktest.Webhooks
}

// New starts a fake Zammad.
func New(token, secret string) *Server {
	s := &Server{Token: token, Secret: secret, UserID: 5, nextID: 500}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close waits for webhooks in flight and stops the server.
func (s *Server) Close() { s.hooks.Wait(); s.Server.Close() }

// SetWebhookURL sets where webhooks go; empty turns them off.
func (s *Server) SetWebhookURL(u string) { s.mu.Lock(); s.hookURL = u; s.mu.Unlock() }

// Articles returns the articles posted so far.
func (s *Server) Articles() []Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Article(nil), s.articles...)
}

// WebhookErrors waits for webhooks in flight and returns each one's outcome.
func (s *Server) WebhookErrors() []error { return s.hooks.Errors() }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if !s.Delay(r) {
		return
	}
	if r.Header.Get("Authorization") != "Token token="+s.Token {
		helpdesktest.WriteJSON(w, http.StatusUnauthorized, map[string]any{"error": "Authentication required"})
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/users/me":
		helpdesktest.WriteJSON(w, http.StatusOK, map[string]any{"id": s.UserID, "login": "parley@example.com", "firstname": "Parley", "lastname": ""})
	case r.Method == http.MethodPost && r.URL.Path == "/api/v1/ticket_articles":
		s.createArticle(w, body)
	default:
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"error": "No route matches"})
	}
}

func (s *Server) createArticle(w http.ResponseWriter, body []byte) {
	var a Article
	if err := json.Unmarshal(body, &a); err != nil || a.TicketID == 0 || a.Body == "" {
		helpdesktest.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "Need ticket_id and body"})
		return
	}
	if a.Type == "email" && a.To == "" {
		helpdesktest.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "email article needs to"})
		return
	}
	if f, ok := s.NextFault(); ok {
		f.Write(w, "error")
		return
	}
	if s.Gone(a.TicketID) {
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"error": "Couldn't find Ticket"})
		return
	}
	s.mu.Lock()
	s.nextID++
	a.ID = s.nextID
	s.articles = append(s.articles, a)
	hook := s.hookURL
	s.mu.Unlock()
	out := map[string]any{
		"id": a.ID, "ticket_id": a.TicketID, "body": a.Body, "content_type": a.ContentType, "internal": a.Internal,
		"type": a.Type, "sender": "Agent", "created_by_id": s.UserID, "to": a.To, "created_at": time.Now().UTC().Format(time.RFC3339),
	}
	helpdesktest.WriteJSON(w, http.StatusCreated, out)
	if hook != "" {
		s.hooks.Go(func() error { return s.echo(hook, a) })
	}
}

// echo sends the trigger webhook Zammad sends for a new article.
func (s *Server) echo(url string, a Article) error {
	body := ArticleCreated(ArticleEvent{
		TicketID: a.TicketID, ArticleID: a.ID, Body: a.Body, ContentType: a.ContentType,
		Internal: a.Internal, Sender: "Agent", CreatedByID: s.UserID, Type: a.Type,
	})
	return s.Send(context.Background(), url, body)
}

// Send posts a signed webhook body to url and reports a non-2xx answer as an
// error.
func (s *Server) Send(ctx context.Context, url string, body []byte) error {
	return helpdesktest.Send(ctx, url, Headers(s.Secret, body, fmt.Sprintf("%x", time.Now().UnixNano())), body)
}

// ArticleEvent describes a trigger webhook to build.
type ArticleEvent struct {
	TicketID, ArticleID int64
	Body, ContentType   string
	Internal            bool
	// Sender is "Customer", "Agent" or "System".
	Sender      string
	CreatedByID int64
	// Type is the article type ("email", "note", "web", ...).
	Type string
	// CustomerEmail, when set, makes it an e-mail ticket.
	CustomerEmail, CustomerLocale string
}

// ArticleCreated returns a trigger webhook body shaped like Zammad's default
// payload (ticket and article).
func ArticleCreated(e ArticleEvent) []byte {
	createType := "web"
	if e.CustomerEmail != "" {
		createType = "email"
	}
	if e.ContentType == "" {
		e.ContentType = "text/plain"
	}
	prefs := map[string]any{}
	if e.CustomerLocale != "" {
		prefs["locale"] = e.CustomerLocale
	}
	body, err := json.Marshal(map[string]any{
		"ticket": map[string]any{
			"id": e.TicketID, "number": fmt.Sprint(31000 + e.TicketID), "title": "Help", "state": "open",
			"create_article_type": createType,
			"customer":            map[string]any{"id": 7, "firstname": "Test", "lastname": "Customer", "email": e.CustomerEmail, "preferences": prefs},
		},
		"article": map[string]any{
			"id": e.ArticleID, "ticket_id": e.TicketID, "body": e.Body, "content_type": e.ContentType,
			"internal": e.Internal, "sender": e.Sender, "type": e.Type, "created_by_id": e.CreatedByID,
			"from": strings.TrimSpace("Test Customer " + e.CustomerEmail),
		},
	})
	if err != nil {
		panic(err)
	}
	return body
}
