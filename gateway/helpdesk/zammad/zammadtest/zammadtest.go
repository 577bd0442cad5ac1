// Package zammadtest is a fake Zammad for tests: an httptest server that
// speaks Zammad's ticket_articles API, records articles, and sends a signed
// trigger webhook back for every article posted, as a Zammad trigger on
// "article created" does. It also signs Zammad's documented payloads.
package zammadtest

import (
	"bytes"
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
)

//go:embed testdata/*.json
var examples embed.FS

// Example returns a documented Zammad webhook payload from testdata by file
// name without ".json". It panics on an unknown name.
func Example(name string) []byte {
	b, err := examples.ReadFile("testdata/" + name + ".json")
	if err != nil {
		panic("zammadtest: no example " + name)
	}
	return b
}

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
type Fault struct {
	Status     int
	RetryAfter string
}

// Server is a fake Zammad.
type Server struct {
	*httptest.Server
	// Token is the API token the fake accepts, Secret signs its webhooks.
	Token, Secret string
	// UserID is the id of the token's user.
	UserID int64

	mu       sync.Mutex
	hookURL  string
	articles []Article
	faults   []Fault
	delay    time.Duration
	gone     map[int64]bool
	nextID   int64
	sent     []error
	wg       sync.WaitGroup
}

// New starts a fake Zammad.
func New(token, secret string) *Server {
	s := &Server{Token: token, Secret: secret, UserID: 5, nextID: 500, gone: map[int64]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close waits for webhooks in flight and stops the server.
func (s *Server) Close() { s.wg.Wait(); s.Server.Close() }

// SetWebhookURL sets where webhooks go; empty turns them off.
func (s *Server) SetWebhookURL(u string) { s.mu.Lock(); s.hookURL = u; s.mu.Unlock() }

// FailNext makes the next article post answer with f.
func (s *Server) FailNext(f Fault) { s.mu.Lock(); s.faults = append(s.faults, f); s.mu.Unlock() }

// SetDelay makes every answer wait d first.
func (s *Server) SetDelay(d time.Duration) { s.mu.Lock(); s.delay = d; s.mu.Unlock() }

// Delete makes posts to a ticket answer 404.
func (s *Server) Delete(ticketID int64) { s.mu.Lock(); s.gone[ticketID] = true; s.mu.Unlock() }

// Articles returns the articles posted so far.
func (s *Server) Articles() []Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Article(nil), s.articles...)
}

// WebhookErrors waits for webhooks in flight and returns each one's outcome.
func (s *Server) WebhookErrors() []error {
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.sent...)
}

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
	if r.Header.Get("Authorization") != "Token token="+s.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "Authentication required"})
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/users/me":
		writeJSON(w, http.StatusOK, map[string]any{"id": s.UserID, "login": "parley@example.com", "firstname": "Parley", "lastname": ""})
	case r.Method == http.MethodPost && r.URL.Path == "/api/v1/ticket_articles":
		s.createArticle(w, body)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"error": "No route matches"})
	}
}

func (s *Server) createArticle(w http.ResponseWriter, body []byte) {
	var a Article
	if err := json.Unmarshal(body, &a); err != nil || a.TicketID == 0 || a.Body == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "Need ticket_id and body"})
		return
	}
	if a.Type == "email" && a.To == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "email article needs to"})
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
		writeJSON(w, f.Status, map[string]any{"error": http.StatusText(f.Status)})
		return
	}
	if s.gone[a.TicketID] {
		s.mu.Unlock()
		writeJSON(w, http.StatusNotFound, map[string]any{"error": "Couldn't find Ticket"})
		return
	}
	s.nextID++
	a.ID = s.nextID
	s.articles = append(s.articles, a)
	hook := s.hookURL
	s.mu.Unlock()
	out := map[string]any{
		"id": a.ID, "ticket_id": a.TicketID, "body": a.Body, "content_type": a.ContentType, "internal": a.Internal,
		"type": a.Type, "sender": "Agent", "created_by_id": s.UserID, "to": a.To, "created_at": time.Now().UTC().Format(time.RFC3339),
	}
	writeJSON(w, http.StatusCreated, out)
	if hook != "" {
		s.wg.Add(1)
		go s.echo(hook, a)
	}
}

func (s *Server) echo(url string, a Article) {
	defer s.wg.Done()
	body := ArticleCreated(ArticleEvent{
		TicketID: a.TicketID, ArticleID: a.ID, Body: a.Body, ContentType: a.ContentType,
		Internal: a.Internal, Sender: "Agent", CreatedByID: s.UserID, Type: a.Type,
	})
	err := s.Send(context.Background(), url, body)
	s.mu.Lock()
	s.sent = append(s.sent, err)
	s.mu.Unlock()
}

// Send posts a signed webhook body to url and reports a non-2xx answer as an
// error.
func (s *Server) Send(ctx context.Context, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = Headers(s.Secret, body, fmt.Sprintf("%x", time.Now().UnixNano()))
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
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

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
