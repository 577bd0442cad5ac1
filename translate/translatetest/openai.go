package translatetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// ChatMessage is one message of a chat-completions request.
type ChatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// ChatRequest is a chat-completions request as it arrived on the wire.
type ChatRequest struct {
	Path                string        `json:"-"`
	Authorization       string        `json:"-"`
	APIKeyHeader        string        `json:"-"`
	Model               string        `json:"model"`
	Messages            []ChatMessage `json:"messages"`
	Temperature         *float64      `json:"temperature"`
	MaxTokens           int           `json:"max_tokens"`
	MaxCompletionTokens int           `json:"max_completion_tokens"`
	ResponseFormat      *struct {
		Type string `json:"type"`
	} `json:"response_format"`
}

// Reply is a scripted answer that a fake server gives instead of asking its
// model: a status, headers and a raw body, after an optional delay.
type Reply struct {
	Status int
	Header http.Header
	Body   string
	Delay  time.Duration
}

// OpenAIServer is an httptest server speaking the OpenAI chat-completions
// wire format (POST …/chat/completions, also under Azure's deployment
// paths). Scripted replies are served first, in order; then its Model
// answers, with usage counted by ChatPromptTokens and CountTokens.
type OpenAIServer struct {
	*httptest.Server
	Model *Model

	mu       sync.Mutex
	replies  []Reply
	requests []ChatRequest
	prompt   int
	complete int
}

// NewOpenAIServer starts a server answering with m; it closes when t ends.
func NewOpenAIServer(t testing.TB, m *Model) *OpenAIServer {
	s := StartOpenAIServer(m)
	t.Cleanup(s.Close)
	return s
}

// StartOpenAIServer starts a server answering with m; the caller closes it.
func StartOpenAIServer(m *Model) *OpenAIServer {
	s := &OpenAIServer{Model: m}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// BaseURL is the API root to configure ("…/v1").
func (s *OpenAIServer) BaseURL() string { return s.URL + "/v1" }

// Enqueue adds scripted replies.
func (s *OpenAIServer) Enqueue(r ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, r...)
}

// Requests returns the requests received so far.
func (s *OpenAIServer) Requests() []ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ChatRequest(nil), s.requests...)
}

// Tokens returns the prompt and completion tokens the model has billed.
func (s *OpenAIServer) Tokens() (prompt, completion int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prompt, s.complete
}

func (s *OpenAIServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/chat/completions") {
		writeOpenAIError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", "Unknown request URL")
		return
	}
	var req ChatRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeOpenAIError(w, http.StatusBadRequest, "invalid_request_error", "", "We could not parse the JSON body of your request.")
		return
	}
	req.Path, req.Authorization, req.APIKeyHeader = r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("api-key")
	s.mu.Lock()
	s.requests = append(s.requests, req)
	var scripted *Reply
	if len(s.replies) > 0 {
		scripted = &s.replies[0]
		s.replies = s.replies[1:]
	}
	s.mu.Unlock()
	if scripted != nil {
		serveScripted(w, r, *scripted)
		return
	}
	content := s.answer(req)
	var contents []string
	for _, m := range req.Messages {
		contents = append(contents, m.Content)
	}
	prompt, completion := ChatPromptTokens(contents...), CountTokens(content)
	s.mu.Lock()
	s.prompt += prompt
	s.complete += completion
	n := len(s.requests)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": fmt.Sprintf("chatcmpl-%d", n), "object": "chat.completion", "created": time.Now().Unix(), "model": req.Model,
		"choices": []map[string]any{{
			"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop",
		}},
		"usage": map[string]int{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
	})
}

// answer asks the model about a single text or a JSON batch.
func (s *OpenAIServer) answer(req ChatRequest) string {
	var system, user string
	for _, m := range req.Messages {
		switch m.Role {
		case "system":
			system = m.Content
		case "user":
			user = m.Content
		}
	}
	if text, ok := Untag(user); ok {
		return s.Model.Answer(system, text)
	}
	var batch struct {
		Items []struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(user), &batch); err != nil || len(batch.Items) == 0 {
		return s.Model.Translate(user, Target(system))
	}
	type item struct {
		ID          string `json:"id"`
		Translation string `json:"translation"`
	}
	out := struct {
		Items []item `json:"items"`
	}{}
	for _, it := range batch.Items {
		out.Items = append(out.Items, item{ID: it.ID, Translation: s.Model.Answer(system, it.Text)})
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// serveScripted writes r, after its delay unless the client gives up.
func serveScripted(w http.ResponseWriter, req *http.Request, r Reply) {
	if r.Delay > 0 {
		select {
		case <-time.After(r.Delay):
		case <-req.Context().Done():
			return
		}
	}
	for k, v := range r.Header {
		w.Header()[k] = v
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	status := r.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(r.Body))
}

// writeOpenAIError writes OpenAI's error body.
func writeOpenAIError(w http.ResponseWriter, status int, typ, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": code},
	})
}

// OpenAIError returns a scripted reply with OpenAI's error body.
func OpenAIError(status int, code, msg string) Reply {
	body, _ := json.Marshal(map[string]any{
		"error": map[string]any{"message": msg, "type": "requests", "param": nil, "code": code},
	})
	return Reply{Status: status, Body: string(body)}
}

// ChatAnswer returns a scripted 200 reply whose message content is content
// and whose finish_reason is finish ("stop", "length", "content_filter").
func ChatAnswer(content, finish string) Reply {
	body, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-scripted", "object": "chat.completion", "created": 1, "model": "scripted",
		"choices": []map[string]any{{
			"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": finish,
		}},
		"usage": map[string]int{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
	})
	return Reply{Status: http.StatusOK, Body: string(body)}
}
