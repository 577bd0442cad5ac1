package translatetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/translate"
)

// DeepLRequest is a POST /v2/translate body as it arrived on the wire.
type DeepLRequest struct {
	Authorization        string   `json:"-"`
	Text                 []string `json:"text"`
	SourceLang           string   `json:"source_lang"`
	TargetLang           string   `json:"target_lang"`
	Formality            string   `json:"formality"`
	GlossaryID           string   `json:"glossary_id"`
	PreserveFormatting   bool     `json:"preserve_formatting"`
	ShowBilledCharacters bool     `json:"show_billed_characters"`
}

// DeepLGlossary is a glossary created on the fake server.
type DeepLGlossary struct {
	ID         string `json:"glossary_id"`
	Name       string `json:"name"`
	SourceLang string `json:"source_lang"`
	TargetLang string `json:"target_lang"`
	Entries    string `json:"-"`
}

// DeepLServer is an httptest server speaking DeepL's v2 REST API:
// POST /v2/translate (JSON), GET and POST /v2/glossaries, with
// "Authorization: DeepL-Auth-Key <key>". Scripted replies are served first;
// then its Model translates.
type DeepLServer struct {
	*httptest.Server
	Key   string
	Model *Model

	mu         sync.Mutex
	replies    []Reply
	requests   []DeepLRequest
	glossaries []DeepLGlossary
}

// NewDeepLServer starts a server accepting key; it closes when t ends.
func NewDeepLServer(t testing.TB, key string, m *Model) *DeepLServer {
	s := &DeepLServer{Key: key, Model: m}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Enqueue adds scripted replies.
func (s *DeepLServer) Enqueue(r ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, r...)
}

// Requests returns the translate requests received so far, scripted
// answers included.
func (s *DeepLServer) Requests() []DeepLRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]DeepLRequest(nil), s.requests...)
}

// Glossaries returns the glossaries created so far.
func (s *DeepLServer) Glossaries() []DeepLGlossary {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]DeepLGlossary(nil), s.glossaries...)
}

func (s *DeepLServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "DeepL-Auth-Key "+s.Key {
		writeDeepLError(w, http.StatusForbidden, "Wrong endpoint. Use https://api.deepl.com")
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeDeepLError(w, http.StatusBadRequest, "Unreadable body")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mu.Lock()
	var scripted *Reply
	if len(s.replies) > 0 && r.URL.Path == "/v2/translate" {
		scripted = &s.replies[0]
		s.replies = s.replies[1:]
	}
	s.mu.Unlock()
	if scripted != nil {
		var req DeepLRequest
		if json.Unmarshal(body, &req) == nil {
			req.Authorization = r.Header.Get("Authorization")
			s.mu.Lock()
			s.requests = append(s.requests, req)
			s.mu.Unlock()
		}
		serveScripted(w, r, *scripted)
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v2/translate":
		s.translate(w, r)
	case r.Method == http.MethodGet && r.URL.Path == "/v2/glossaries":
		s.mu.Lock()
		list := append([]DeepLGlossary{}, s.glossaries...)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"glossaries": list})
	case r.Method == http.MethodPost && r.URL.Path == "/v2/glossaries":
		s.createGlossary(w, r)
	default:
		writeDeepLError(w, http.StatusNotFound, "Not found")
	}
}

func (s *DeepLServer) translate(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		writeDeepLError(w, http.StatusBadRequest, "Unsupported content type")
		return
	}
	var req DeepLRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Text) == 0 || req.TargetLang == "" {
		writeDeepLError(w, http.StatusBadRequest, "Parameter 'text' or 'target_lang' not specified.")
		return
	}
	if len(req.Text) > 50 {
		writeDeepLError(w, http.StatusRequestEntityTooLarge, "Too many texts.")
		return
	}
	if req.GlossaryID != "" && req.SourceLang == "" {
		writeDeepLError(w, http.StatusBadRequest, "Use of a glossary requires the source_lang parameter to be set.")
		return
	}
	req.Authorization = r.Header.Get("Authorization")
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	type translation struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
		BilledCharacters       *int   `json:"billed_characters,omitempty"`
	}
	var out []translation
	for _, text := range req.Text {
		t := translation{DetectedSourceLanguage: req.SourceLang, Text: s.Model.Translate(text, strings.ToLower(req.TargetLang))}
		if t.DetectedSourceLanguage == "" {
			d, _ := Detector{}.Detect(context.Background(), translate.DetectInput{Text: text})
			t.DetectedSourceLanguage = strings.ToUpper(d.Language)
		}
		if req.ShowBilledCharacters {
			n := utf8.RuneCountInString(text)
			t.BilledCharacters = &n
		}
		out = append(out, t)
	}
	writeJSON(w, http.StatusOK, map[string]any{"translations": out})
}

func (s *DeepLServer) createGlossary(w http.ResponseWriter, r *http.Request) {
	var g struct {
		Name          string `json:"name"`
		SourceLang    string `json:"source_lang"`
		TargetLang    string `json:"target_lang"`
		Entries       string `json:"entries"`
		EntriesFormat string `json:"entries_format"`
	}
	if err := json.NewDecoder(r.Body).Decode(&g); err != nil || g.Name == "" || g.EntriesFormat != "tsv" {
		writeDeepLError(w, http.StatusBadRequest, "Invalid glossary")
		return
	}
	for _, line := range strings.Split(strings.TrimSpace(g.Entries), "\n") {
		if parts := strings.Split(line, "\t"); len(parts) != 2 || parts[0] == "" || parts[1] == "" {
			writeDeepLError(w, http.StatusBadRequest, "Invalid glossary entries provided")
			return
		}
	}
	s.mu.Lock()
	created := DeepLGlossary{
		ID: fmt.Sprintf("gls-%d", len(s.glossaries)+1), Name: g.Name, SourceLang: g.SourceLang, TargetLang: g.TargetLang, Entries: g.Entries,
	}
	s.glossaries = append(s.glossaries, created)
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{
		"glossary_id": created.ID, "name": created.Name, "ready": true, "source_lang": created.SourceLang,
		"target_lang": created.TargetLang, "creation_time": time.Now().UTC().Format(time.RFC3339),
		"entry_count": strings.Count(strings.TrimSpace(g.Entries), "\n") + 1,
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeDeepLError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"message": msg})
}

// DeepLError returns a scripted reply with DeepL's error body.
func DeepLError(status int, msg string) Reply {
	b, _ := json.Marshal(map[string]string{"message": msg})
	return Reply{Status: status, Body: string(b)}
}
