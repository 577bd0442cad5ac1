package gateway_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway"
	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/translate"
)

const token = "s3cret-token"

// harness is a real gateway on a real SQLite store with a running queue.
type harness struct {
	t      testing.TB
	srv    *gateway.Server
	dbPath string
	db     *store.DB
}

type harnessOpts struct {
	token      string
	maxBody    int64
	maxText    int
	readyCheck func(context.Context) error
	dsn        string // default: a fresh SQLite file
	detector   translate.Detector
	translator gateway.Translator
	renderer   gateway.Renderer
}

func newHarness(t testing.TB, o harnessOpts) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	dbPath := filepath.Join(t.TempDir(), "parley.db")
	dsn := dbPath
	if o.dsn != "" {
		dsn = o.dsn
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	workers := river.NewWorkers()
	queue, err := store.NewQueue(db, store.QueueConfig{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	pl, err := pipeline.New(pipeline.Config{AgentLanguage: "en", DefaultLanguage: "en"}, pipeline.Deps{
		DB: db, Queue: queue, Workers: workers, Detector: o.detector, Registry: reg, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	checks := []gateway.Check{{Name: "store", Check: db.Ping}}
	if o.readyCheck != nil {
		checks = append(checks, gateway.Check{Name: "extra", Check: o.readyCheck})
	}
	srv, err := gateway.New(gateway.Config{APIToken: o.token, MaxBodyBytes: o.maxBody, MaxTextChars: o.maxText},
		gateway.Deps{Pipeline: pl, Store: db, Registry: reg, Logger: log, Ready: checks, QueueDepth: queue.Depth,
			Detector: o.detector, Translator: o.translator, Renderer: o.renderer})
	if err != nil {
		t.Fatal(err)
	}
	if err := queue.Start(ctx); err != nil {
		t.Fatal(err)
	}
	go pl.CountOutcomes(ctx)
	t.Cleanup(func() {
		cancel()
		stopCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
		defer stop()
		_ = queue.Stop(stopCtx)
		db.Close()
	})
	return &harness{t: t, srv: srv, dbPath: dbPath, db: db}
}

type request struct {
	method, path, body string
	contentType        string // default application/json when body is set
	auth               string // full Authorization header
	remote             string // default 127.0.0.1:5555
}

func (h *harness) do(r request) *httptest.ResponseRecorder {
	h.t.Helper()
	req := httptest.NewRequest(r.method, r.path, strings.NewReader(r.body))
	req.RemoteAddr = "127.0.0.1:5555"
	if r.remote != "" {
		req.RemoteAddr = r.remote
	}
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if r.auth != "" {
		req.Header.Set("Authorization", r.auth)
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	return rec
}

// count runs a counting query straight on the SQLite file.
func (h *harness) count(query string, args ...any) int {
	h.t.Helper()
	db, err := sql.Open("sqlite", h.dbPath)
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		h.t.Fatalf("%s: %v", query, err)
	}
	return n
}

type apiError struct {
	Error struct {
		Code, Message, Field string
	} `json:"error"`
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
	return v
}

func TestHealthAndReadiness(t *testing.T) {
	failing := errors.New("models still loading")
	ready := true
	h := newHarness(t, harnessOpts{readyCheck: func(context.Context) error {
		if ready {
			return nil
		}
		return failing
	}})
	if rec := h.do(request{method: "GET", path: "/healthz", remote: "203.0.113.9:1"}); rec.Code != http.StatusOK {
		t.Errorf("GET /healthz = %d, want 200", rec.Code)
	}
	if rec := h.do(request{method: "GET", path: "/readyz", remote: "203.0.113.9:1"}); rec.Code != http.StatusOK {
		t.Errorf("GET /readyz = %d %s, want 200", rec.Code, rec.Body)
	}
	ready = false
	rec := h.do(request{method: "GET", path: "/readyz"})
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz with a failing check = %d, want 503", rec.Code)
	}
	if strings.Contains(rec.Body.String(), failing.Error()) {
		t.Errorf("GET /readyz shows the check's error: %s", rec.Body)
	}
}

func TestCreateMessage(t *testing.T) {
	h := newHarness(t, harnessOpts{token: token})
	body := `{"conversation_id":"order-1042","text":"¿Dónde está mi pedido?","author":"customer","locale_hint":"es-MX","external_id":"m-1"}`
	rec := h.do(request{method: "POST", path: "/v1/messages", body: body, auth: "Bearer " + token})
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /v1/messages = %d %s, want 201", rec.Code, rec.Body)
	}
	type translation struct{ Status, Language string }
	type created struct {
		ID             int64
		ConversationID string `json:"conversation_id"`
		Language       string
		LanguageSource string `json:"language_source"`
		Ack            *struct{ Language, Text string }
		Translation    translation
	}
	first := decode[created](t, rec)
	want := created{ID: first.ID, ConversationID: "order-1042", Language: "es", LanguageSource: "hint",
		Translation: translation{Status: "off", Language: "en"}}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("POST /v1/messages mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(rec.Body.String(), `"ack":null`) {
		t.Errorf("POST /v1/messages body %s lacks \"ack\":null", rec.Body)
	}

	// The same external_id again: 200 with the first message, nothing new.
	again := h.do(request{method: "POST", path: "/v1/messages", auth: "Bearer " + token,
		body: `{"conversation_id":"order-1042","text":"different","author":"customer","external_id":"m-1"}`})
	if again.Code != http.StatusOK {
		t.Fatalf("repeated POST /v1/messages = %d %s, want 200", again.Code, again.Body)
	}
	if got := decode[created](t, again); got.ID != first.ID {
		t.Errorf("repeated POST returned message %d, want %d", got.ID, first.ID)
	}
	if n := h.count(`SELECT count(*) FROM messages`); n != 1 {
		t.Errorf("messages stored = %d, want 1", n)
	}
	if n := h.count(`SELECT count(*) FROM river_job`); n != 1 {
		t.Errorf("jobs enqueued = %d, want 1", n)
	}

	// The job runs and records it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec := h.do(request{method: "GET", path: "/v1/messages/" + itoa(first.ID), auth: "Bearer " + token})
		if rec.Code != http.StatusOK {
			t.Fatalf("GET message = %d %s", rec.Code, rec.Body)
		}
		if !strings.Contains(rec.Body.String(), `"processed_at":null`) &&
			h.count(`SELECT count(*) FROM river_job WHERE state = 'completed'`) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("message %d not processed within 10s", first.ID)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if n := h.count(`SELECT count(*) FROM river_job`); n != 1 {
		t.Errorf("jobs after processing = %d, want 1", n)
	}
}

func TestAgentMessage(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	rec := h.do(request{method: "POST", path: "/v1/messages",
		body: `{"conversation_id":"c","text":"We shipped it today.","author":"agent"}`})
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST agent message = %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(rec.Body.String(), `"translation":{"status":"not_needed","language":"en"}`) {
		t.Errorf("agent message translation = %s, want not_needed", rec.Body)
	}
	conv := h.do(request{method: "GET", path: "/v1/conversations/c"})
	if !strings.Contains(conv.Body.String(), `"customer_last_at":null`) || strings.Contains(conv.Body.String(), `"agent_last_at":null`) {
		t.Errorf("conversation after an agent message = %s, want agent_last_at set only", conv.Body)
	}
}

func TestCreateMessageErrors(t *testing.T) {
	long := strings.Repeat("ж", 101)
	tests := []struct {
		name      string
		req       request
		wantCode  int
		wantError string
		wantField string
	}{
		{"no token", request{body: `{"conversation_id":"c","text":"hi","author":"customer"}`}, 401, "unauthorized", ""},
		{"wrong token", request{auth: "Bearer nope", body: `{"conversation_id":"c","text":"hi","author":"customer"}`}, 401, "unauthorized", ""},
		{"basic auth", request{auth: "Basic " + token, body: `{"conversation_id":"c","text":"hi","author":"customer"}`}, 401, "unauthorized", ""},
		{"malformed json", request{body: `{"conversation_id":"c",`}, 400, "bad_json", ""},
		{"not an object", request{body: `[1,2]`}, 400, "bad_json", ""},
		{"wrong field type", request{body: `{"conversation_id":"c","text":5,"author":"customer"}`}, 400, "bad_json", ""},
		{"two values", request{body: `{"conversation_id":"c","text":"a","author":"customer"} {}`}, 400, "bad_json", ""},
		{"wrong content type", request{body: `{"conversation_id":"c","text":"hi","author":"customer"}`, contentType: "text/plain"}, 415, "unsupported_media_type", ""},
		{"form content type", request{body: `conversation_id=c`, contentType: "application/x-www-form-urlencoded"}, 415, "unsupported_media_type", ""},
		{"body too large", request{body: `{"conversation_id":"c","author":"customer","text":"` + strings.Repeat("a", 600) + `"}`}, 413, "body_too_large", ""},
		{"empty text", request{body: `{"conversation_id":"c","text":"  ","author":"customer"}`}, 422, "invalid_field", "text"},
		{"text too long", request{body: `{"conversation_id":"c","text":"` + long + `","author":"customer"}`}, 422, "invalid_field", "text"},
		{"invalid utf-8", request{body: "{\"conversation_id\":\"c\",\"text\":\"caf\xe9\",\"author\":\"customer\"}"}, 422, "invalid_field", "text"},
		{"unknown author", request{body: `{"conversation_id":"c","text":"hi","author":"robot"}`}, 422, "invalid_field", "author"},
		{"missing author", request{body: `{"conversation_id":"c","text":"hi"}`}, 422, "invalid_field", "author"},
		{"missing conversation", request{body: `{"text":"hi","author":"customer"}`}, 422, "invalid_field", "conversation_id"},
		{"bad locale hint", request{body: `{"conversation_id":"c","text":"hi","author":"customer","locale_hint":"not a locale!"}`}, 422, "invalid_field", "locale_hint"},
		{"external id too long", request{body: `{"conversation_id":"c","text":"hi","author":"customer","external_id":"` + strings.Repeat("x", 201) + `"}`}, 422, "invalid_field", "external_id"},
	}
	h := newHarness(t, harnessOpts{token: token, maxBody: 512, maxText: 100})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.method, tt.req.path = "POST", "/v1/messages"
			if tt.req.auth == "" && tt.wantCode != 401 {
				tt.req.auth = "Bearer " + token
			}
			rec := h.do(tt.req)
			if rec.Code != tt.wantCode {
				t.Fatalf("POST /v1/messages (%s) = %d %s, want %d", tt.name, rec.Code, rec.Body, tt.wantCode)
			}
			got := decode[apiError](t, rec)
			if got.Error.Code != tt.wantError || got.Error.Field != tt.wantField || got.Error.Message == "" {
				t.Errorf("error = %+v, want code %q field %q and a message", got.Error, tt.wantError, tt.wantField)
			}
			if n := h.count(`SELECT count(*) FROM messages`) + h.count(`SELECT count(*) FROM conversations`) +
				h.count(`SELECT count(*) FROM river_job`); n != 0 {
				t.Errorf("after a rejected request the store holds %d rows, want 0", n)
			}
		})
	}
}

func TestLoopbackOnlyWithoutToken(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	body := `{"conversation_id":"c","text":"hi","author":"customer"}`
	tests := []struct {
		remote string
		want   int
	}{
		{"127.0.0.1:4000", 201},
		{"[::1]:4000", 201},
		{"192.0.2.10:4000", 401},
		{"[2001:db8::1]:4000", 401},
	}
	for _, tt := range tests {
		rec := h.do(request{method: "POST", path: "/v1/messages", body: body, remote: tt.remote})
		if rec.Code != tt.want {
			t.Errorf("POST from %s without a token = %d, want %d", tt.remote, rec.Code, tt.want)
		}
	}
	// A forwarding header does not make a remote client local.
	req := httptest.NewRequest("GET", "/v1/conversations/c", nil)
	req.RemoteAddr = "192.0.2.10:4000"
	req.Header.Set("X-Forwarded-For", "127.0.0.1")
	req.Header.Set("X-Real-IP", "127.0.0.1")
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("GET with X-Forwarded-For: 127.0.0.1 from a remote peer = %d, want 401", rec.Code)
	}
}

func TestGetRoutes(t *testing.T) {
	h := newHarness(t, harnessOpts{token: token})
	auth := "Bearer " + token
	rec := h.do(request{method: "POST", path: "/v1/messages", auth: auth,
		body: `{"conversation_id":"t-1","text":"Bonjour, ma commande n'est pas arrivée","author":"customer"}`})
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST = %d %s", rec.Code, rec.Body)
	}
	id := decode[struct{ ID int64 }](t, rec).ID
	h.do(request{method: "POST", path: "/v1/messages", auth: auth,
		body: `{"conversation_id":"t-1","text":"Looking into it","author":"agent"}`})

	tests := []struct {
		path     string
		wantCode int
		wantIn   string
	}{
		{"/v1/messages/" + itoa(id), 200, `"text":"Bonjour, ma commande n'est pas arrivée"`},
		{"/v1/messages/999999", 404, `"code":"not_found"`},
		{"/v1/messages/abc", 404, `"code":"not_found"`},
		{"/v1/conversations/t-1", 200, `"author":"agent"`},
		{"/v1/conversations/t-1?source=chatwoot", 404, `"code":"not_found"`},
		{"/v1/conversations/nope", 404, `"code":"not_found"`},
		{"/v1/nothing", 404, `"code":"not_found"`},
	}
	for _, tt := range tests {
		rec := h.do(request{method: "GET", path: tt.path, auth: auth})
		if rec.Code != tt.wantCode || !strings.Contains(rec.Body.String(), tt.wantIn) {
			t.Errorf("GET %s = %d %s, want %d containing %s", tt.path, rec.Code, rec.Body, tt.wantCode, tt.wantIn)
		}
	}
	if rec := h.do(request{method: "GET", path: "/v1/conversations/t-1"}); rec.Code != 401 {
		t.Errorf("GET conversation without token = %d, want 401", rec.Code)
	}
	if rec := h.do(request{method: "DELETE", path: "/v1/messages/" + itoa(id), auth: auth}); rec.Code != 405 {
		t.Errorf("DELETE message = %d, want 405", rec.Code)
	}
}

func TestMetrics(t *testing.T) {
	h := newHarness(t, harnessOpts{token: token})
	h.do(request{method: "POST", path: "/v1/messages", auth: "Bearer " + token,
		body: `{"conversation_id":"m","text":"hello","author":"customer"}`})
	if rec := h.do(request{method: "GET", path: "/metrics"}); rec.Code != 401 {
		t.Errorf("GET /metrics without token = %d, want 401", rec.Code)
	}
	if rec := h.do(request{method: "GET", path: "/debug/pprof/"}); rec.Code != 401 {
		t.Errorf("GET /debug/pprof/ without token = %d, want 401", rec.Code)
	}
	if rec := h.do(request{method: "GET", path: "/debug/pprof/", auth: "Bearer " + token}); rec.Code != 200 {
		t.Errorf("GET /debug/pprof/ with the token = %d, want 200", rec.Code)
	}
	if rec := h.do(request{method: "GET", path: "/debug/pprof/trace?seconds=0"}); rec.Code != 401 {
		t.Errorf("GET /debug/pprof/trace without token = %d, want 401", rec.Code)
	}
	if rec := h.do(request{method: "GET", path: "/debug/pprof/trace?seconds=0", auth: "Bearer " + token}); rec.Code != 200 ||
		rec.Header().Get("Content-Type") != "application/octet-stream" {
		t.Errorf("GET /debug/pprof/trace with the token = %d %q, want 200 with a trace", rec.Code, rec.Header().Get("Content-Type"))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec := h.do(request{method: "GET", path: "/metrics", auth: "Bearer " + token})
		body, _ := io.ReadAll(rec.Body)
		text := string(body)
		if rec.Code != 200 {
			t.Fatalf("GET /metrics = %d", rec.Code)
		}
		ok := strings.Contains(text, `parley_http_requests_total{code="201",method="POST",route="/v1/messages"} 1`) &&
			strings.Contains(text, `parley_queue_jobs{state="available"}`) &&
			strings.Contains(text, `parley_http_request_duration_seconds_bucket`)
		if ok && strings.Contains(text, `parley_jobs_total{kind="process_message",outcome="completed"} 1`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("metrics never showed the request and the completed job:\n%s", text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// fixedDetection is a detector that always answers d.
type fixedDetection struct{ d translate.Detection }

func (f fixedDetection) Detect(context.Context, translate.DetectInput) (translate.Detection, error) {
	return f.d, nil
}

// A message typed in Latin letters in a language of another script says
// which language in the API; other messages have no romanized field.
func TestCreateMessageRomanized(t *testing.T) {
	h := newHarness(t, harnessOpts{token: token, detector: fixedDetection{translate.Detection{
		Language: "und", Source: translate.SourceDefault, Candidates: []translate.Candidate{}, Romanized: "ru"}}})
	rec := h.do(request{method: "POST", path: "/v1/messages", auth: "Bearer " + token,
		body: `{"conversation_id":"c-1","text":"spasibo","author":"customer"}`})
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /v1/messages = %d %s, want 201", rec.Code, rec.Body)
	}
	type created struct{ Language, Romanized string }
	if got := decode[created](t, rec); got != (created{Language: "und", Romanized: "ru"}) {
		t.Errorf("POST /v1/messages = %+v, want und with romanized ru", got)
	}
	plain := newHarness(t, harnessOpts{token: token})
	rec = plain.do(request{method: "POST", path: "/v1/messages", auth: "Bearer " + token,
		body: `{"conversation_id":"c-2","text":"hola","author":"customer","locale_hint":"es"}`})
	if strings.Contains(rec.Body.String(), "romanized") {
		t.Errorf("POST /v1/messages body %s has a romanized field, want none", rec.Body)
	}
}
