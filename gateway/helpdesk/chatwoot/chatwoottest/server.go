package chatwoottest

import (
	"bytes"
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

// Post is one message posted to the fake.
type Post struct {
	ID             int64
	AccountID      int64
	ConversationID int64
	Content        string
	Private        bool
}

// Fault is an answer the fake gives instead of creating a message.
type Fault = helpdesktest.Fault

// Server is a fake Chatwoot. Create it with New; set WebhookURL before
// posting to have it send webhooks back. Its FailNext, SetDelay and Delete
// (of a conversation) come from helpdesktest.Faults.
type Server struct {
	*httptest.Server
	helpdesktest.Faults
	// Token is the api_access_token the fake accepts.
	Token string
	// Secret signs the webhooks the fake sends.
	Secret string
	// UserID and UserName are the agent the token belongs to.
	UserID   int64
	UserName string

	mu         sync.Mutex
	webhookURL string
	posts      []Post
	nextID     int64
	hooks      helpdesktest.Webhooks
}

// New starts a fake Chatwoot with the given token and webhook secret.
func New(token, secret string) *Server {
	s := &Server{Token: token, Secret: secret, UserID: 2, UserName: "Parley", nextID: 9000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close waits for webhooks in flight and stops the server.
func (s *Server) Close() {
	s.hooks.Wait()
	s.Server.Close()
}

// SetWebhookURL sets where the fake sends message_created webhooks; empty
// turns them off.
func (s *Server) SetWebhookURL(u string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = u
}

// Posts returns the messages posted so far.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// WebhookErrors returns the outcome of every webhook sent back (nil for a
// 2xx answer), in order; call after Close or once the posts settled.
func (s *Server) WebhookErrors() []error { return s.hooks.Errors() }

var messagesPath = regexp.MustCompile(`^/api/v1/accounts/(\d+)/conversations/(\d+)/messages$`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// Reading the body first lets the server notice a client that gives up
	// during the delay below.
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !s.Delay(r) {
		return
	}
	if r.Header.Get("api_access_token") != s.Token {
		helpdesktest.WriteJSON(w, http.StatusUnauthorized, map[string]any{"errors": []string{"You need to sign in or sign up before continuing."}})
		return
	}
	switch m := messagesPath.FindStringSubmatch(r.URL.Path); {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1/profile":
		helpdesktest.WriteJSON(w, http.StatusOK, map[string]any{"id": s.UserID, "name": s.UserName, "email": "parley@example.com", "role": "agent"})
	case r.Method == http.MethodPost && m != nil:
		acc, _ := strconv.ParseInt(m[1], 10, 64)
		conv, _ := strconv.ParseInt(m[2], 10, 64)
		s.createMessage(w, r, acc, conv)
	default:
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"error": "Resource could not be found"})
	}
}

func (s *Server) createMessage(w http.ResponseWriter, r *http.Request, acc, conv int64) {
	if r.Header.Get("Content-Type") != "application/json" {
		helpdesktest.WriteJSON(w, http.StatusUnsupportedMediaType, map[string]any{"error": "expected application/json"})
		return
	}
	var in struct {
		Content     *string `json:"content"`
		MessageType string  `json:"message_type"`
		Private     bool    `json:"private"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Content == nil || in.MessageType != "outgoing" {
		helpdesktest.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "invalid message"})
		return
	}
	if f, ok := s.NextFault(); ok {
		f.Write(w, "error")
		return
	}
	if s.Gone(conv) {
		helpdesktest.WriteJSON(w, http.StatusNotFound, map[string]any{"error": "Resource could not be found"})
		return
	}
	s.mu.Lock()
	s.nextID++
	p := Post{ID: s.nextID, AccountID: acc, ConversationID: conv, Content: *in.Content, Private: in.Private}
	s.posts = append(s.posts, p)
	hook := s.webhookURL
	s.mu.Unlock()

	now := time.Now()
	helpdesktest.WriteJSON(w, http.StatusOK, map[string]any{
		"id": p.ID, "content": p.Content, "inbox_id": 3, "conversation_id": conv,
		"message_type": 1, "content_type": "text", "status": "sent", "content_attributes": map[string]any{},
		"created_at": now.Unix(), "private": p.Private, "source_id": nil,
		"sender": map[string]any{"id": s.UserID, "name": s.UserName, "available_name": s.UserName, "type": "user", "availability_status": "online", "thumbnail": ""},
	})
	if hook != "" {
		s.hooks.Go(func() error { return s.echo(hook, p, now) })
	}
}

// echo sends the message_created webhook Chatwoot sends for a new message.
func (s *Server) echo(url string, p Post, at time.Time) error {
	body := MessageCreated(Message{
		ID: p.ID, AccountID: p.AccountID, ConversationID: p.ConversationID, Content: p.Content,
		Type: "outgoing", Private: p.Private, SenderType: "user", SenderID: s.UserID, SenderName: s.UserName, At: at,
	})
	return s.Send(context.Background(), url, body)
}

// Send posts a signed webhook body to url as Chatwoot does, giving up after
// 5 seconds, and reports a non-2xx answer as an error.
func (s *Server) Send(ctx context.Context, url string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	now := time.Now()
	return helpdesktest.Send(ctx, url, Headers(s.Secret, body, now, fmt.Sprintf("delivery-%d", now.UnixNano())), body)
}
