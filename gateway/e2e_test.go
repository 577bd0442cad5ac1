package gateway_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot/chatwoottest"
	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/locales"
	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/detect"
)

var (
	detectorOnce sync.Once
	detector     *detect.Detector
	detectorErr  error
)

// sharedDetector loads the few languages these tests speak, once per test
// binary.
func sharedDetector(t testing.TB) *detect.Detector {
	t.Helper()
	detectorOnce.Do(func() {
		detector, detectorErr = detect.Open(context.Background(), detect.Config{Languages: []string{"en", "ru", "de", "es"}})
	})
	if detectorErr != nil {
		t.Fatal(detectorErr)
	}
	return detector
}

// dictionary is a translator that knows a few sentences, as a provider
// would translate them.
type dictionary map[string]string

func (d dictionary) Translate(_ context.Context, r translate.Request) (translate.Result, error) {
	out, ok := d[r.To+":"+r.Text]
	if !ok {
		return translate.Result{}, &translate.CheckError{Reason: "the model answered in the wrong language"}
	}
	return translate.Result{Text: out, From: r.From, To: r.To, Provider: "dictionary"}, nil
}

func (dictionary) Off() bool { return false }

// connector is a helpdesk connector as the stack uses it: the gateway
// verifies and parses its webhooks, the pipeline posts through it.
type connector interface {
	gateway.Connector
	pipeline.Poster
}

// stack is the real service: gateway.New, the pipeline with the real
// detector and catalogs, a SQLite store and a running River queue, serving
// one helpdesk's webhooks on /hooks/<name>.
type stack struct {
	t       *testing.T
	replies pipeline.TemplateReplies
	db      *store.DB
	// url is the gateway's base URL.
	url string
}

// newStack starts the stack for the helpdesk name. Fakes of the helpdesk
// should register their Close with t.Cleanup before calling it, so that the
// stack stops first.
func newStack(t *testing.T, name string, conn connector, tr pipeline.Translator) *stack {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "parley.db"))
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
	set, err := templates.New(templates.Config{Default: "en", Base: locales.FS})
	if err != nil {
		t.Fatal(err)
	}
	schedule, err := templates.LoadSchedule("Mon-Fri 09:00-18:00", "Europe/Berlin", "")
	if err != nil {
		t.Fatal(err)
	}
	replies := pipeline.TemplateReplies{Set: set, Schedule: schedule, Within: 4 * time.Hour, Provider: "dictionary"}
	pl, err := pipeline.New(pipeline.Config{AgentLanguage: "en", DefaultLanguage: "en", ReplyPrefix: "!tr"}, pipeline.Deps{
		DB: db, Queue: queue, Workers: workers, Detector: sharedDetector(t), Translator: tr,
		Replies: replies, Posters: map[string]pipeline.Poster{name: conn},
		Registry: reg, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	gw, err := gateway.New(gateway.Config{}, gateway.Deps{Pipeline: pl, Store: db, Registry: reg, Logger: log,
		Connectors: map[string]gateway.Connector{name: conn}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gw)
	if err := queue.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		stop, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = queue.Stop(stop)
		srv.Close()
		db.Close()
	})
	return &stack{t: t, replies: replies, db: db, url: srv.URL}
}

// post sends a webhook body with the given headers to path and returns the
// status.
func (s *stack) post(path string, h http.Header, body []byte) int {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.url+path, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// messages counts every stored message, so a refused webhook can be shown
// to have stored nothing.
func (s *stack) messages() int {
	s.t.Helper()
	n, err := s.db.MessageCount(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	return n
}

// ack renders the acknowledgement the customer of message extID should
// get in lang, as the catalogs say.
func (s *stack) ack(source, extID, lang, name, ticket string) string {
	s.t.Helper()
	m, err := s.db.MessageByExternalID(context.Background(), source, extID)
	if err != nil {
		s.t.Fatalf("message %s/%s: %v", source, extID, err)
	}
	want, err := s.replies.Ack(pipeline.AckInput{Language: lang, Received: m.CreatedAt, CustomerName: name, TicketNumber: ticket})
	if err != nil || want.Language != lang {
		s.t.Fatalf("rendering the %s acknowledgement: %+v, %v", lang, want, err)
	}
	return want.Text
}

// answered reports whether an agent's public reply was recorded in the
// conversation.
func (s *stack) answered(source, conversation string) bool {
	s.t.Helper()
	conv, err := s.db.ConversationByExternalID(context.Background(), source, conversation)
	if err != nil {
		s.t.Fatalf("conversation %s/%s: %v", source, conversation, err)
	}
	return conv.AgentLastAt != nil
}

// settle waits until posts() holds want posts and stays there for a while,
// so that any loop would show, and checks that every webhook the fake sent
// back was taken.
func settle[P any](t *testing.T, want int, posts func() []P, webhookErrors func() []error) []P {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for len(posts()) < want && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	got := posts()
	if len(got) != want {
		t.Fatalf("the helpdesk got %d posts, want %d: %+v", len(got), want, got)
	}
	for _, err := range webhookErrors() {
		if err != nil {
			t.Errorf("an echoed webhook failed: %v", err)
		}
	}
	return got
}

type e2e struct {
	t        *testing.T
	replies  pipeline.TemplateReplies
	chatwoot *chatwoottest.Server
	hookURL  string
	db       *store.DB
}

const chatwootSecret = "whsec"

func newE2E(t *testing.T) *e2e {
	t.Helper()
	fake := chatwoottest.New("cw-token", chatwootSecret)
	t.Cleanup(fake.Close)
	conn, err := chatwoot.New(chatwoot.Config{URL: fake.URL, APIToken: "cw-token", WebhookSecret: chatwootSecret})
	if err != nil {
		t.Fatal(err)
	}
	s := newStack(t, chatwoot.Name, conn, dictionary{
		"en:Где мой заказ? Я жду уже две недели.": "Where is my order? I have been waiting for two weeks.",
		"en:Вы ещё здесь?":                        "Are you still there?",
		"ru:Your order ships tomorrow.":           "Ваш заказ будет отправлен завтра.",
	})
	fake.SetWebhookURL(s.url + "/hooks/chatwoot")
	return &e2e{t: t, replies: s.replies, chatwoot: fake, hookURL: s.url + "/hooks/chatwoot", db: s.db}
}

// send posts a signed message_created webhook and returns the status.
func (e *e2e) send(m chatwoottest.Message, secret string) int {
	e.t.Helper()
	m.AccountID = 1
	req, err := chatwoottest.NewWebhookRequest(e.hookURL, secret, chatwoottest.MessageCreated(m), "d-"+time.Now().Format("150405.000000000"))
	if err != nil {
		e.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// settle waits until the fake holds want posts and stays there for a while,
// so that any loop would show.
func (e *e2e) settle(want int) []chatwoottest.Post {
	e.t.Helper()
	return settle(e.t, want, e.chatwoot.Posts, e.chatwoot.WebhookErrors)
}

func TestChatwootEndToEnd(t *testing.T) {
	e := newE2E(t)
	customer := func(id, conv int64, text string) chatwoottest.Message {
		return chatwoottest.Message{ID: id, ConversationID: conv, Content: text, Type: "incoming",
			SenderType: "contact", SenderID: 57, SenderName: "Анна", BrowserLanguage: "en-US"}
	}

	// A Russian customer with an English browser: acknowledged in Russian,
	// translated for the agents.
	if got := e.send(customer(1, 10, "Где мой заказ? Я жду уже две недели."), chatwootSecret); got != 200 {
		t.Fatalf("webhook = %d, want 200", got)
	}
	posts := e.settle(2)
	var ack, note chatwoottest.Post
	for _, p := range posts {
		if p.Private {
			note = p
		} else {
			ack = p
		}
	}
	first, err := e.db.MessageByExternalID(context.Background(), chatwoot.Name, "1")
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.replies.Ack(pipeline.AckInput{Language: "ru", Received: first.CreatedAt, CustomerName: "Анна"})
	if err != nil || want.Language != "ru" {
		t.Fatalf("rendering the Russian acknowledgement: %+v, %v", want, err)
	}
	if ack.Content != want.Text || ack.ConversationID != 10 {
		t.Errorf("acknowledgement = %+v, want %q in conversation 10", ack, want.Text)
	}
	if !strings.Contains(note.Content, "Where is my order? I have been waiting for two weeks.") {
		t.Errorf("translation note = %q, want the translation verbatim", note.Content)
	}

	// The same webhook again (a retry or a replay) changes nothing.
	e.send(customer(1, 10, "Где мой заказ? Я жду уже две недели."), chatwootSecret)
	e.settle(2)

	// A bad signature is refused and changes nothing.
	if got := e.send(customer(2, 10, "Вы ещё здесь?"), "wrong-secret"); got != http.StatusUnauthorized {
		t.Errorf("webhook with a wrong secret = %d, want 401", got)
	}
	e.settle(2)

	// A second message: a note, no second acknowledgement.
	e.send(customer(3, 10, "Вы ещё здесь?"), chatwootSecret)
	posts = e.settle(3)
	if last := posts[2]; !last.Private || !strings.Contains(last.Content, "Are you still there?") {
		t.Errorf("second message's post = %+v, want a private translation note", last)
	}

	// An English customer: acknowledged, and no note, since agents read it.
	e.send(customer(4, 11, "Hello, where is my parcel? It was due on Monday."), chatwootSecret)
	posts = e.settle(4)
	english, err := e.db.MessageByExternalID(context.Background(), chatwoot.Name, "4")
	if err != nil {
		t.Fatal(err)
	}
	wantEN, _ := e.replies.Ack(pipeline.AckInput{Language: "en", Received: english.CreatedAt, CustomerName: "Анна"})
	if p := posts[3]; p.Private || p.ConversationID != 11 || p.Content != wantEN.Text {
		t.Errorf("English customer's post = %+v, want only the public acknowledgement %q", p, wantEN.Text)
	}

	// The agent's reply command: a public reply in Russian, without the prefix.
	e.send(chatwoottest.Message{ID: 5, ConversationID: 10, Content: "!tr Your order ships tomorrow.", Type: "outgoing",
		Private: true, SenderType: "user", SenderID: 7, SenderName: "Agent"}, chatwootSecret)
	posts = e.settle(5)
	if p := posts[4]; p.Private || p.Content != "Ваш заказ будет отправлен завтра." {
		t.Errorf("reply = %+v, want the public Russian translation only", p)
	}

	// The agent answering publicly marks the conversation answered.
	e.send(chatwoottest.Message{ID: 6, ConversationID: 11, Content: "It is on its way.", Type: "outgoing",
		SenderType: "user", SenderID: 7, SenderName: "Agent"}, chatwootSecret)
	e.settle(5)
	conv, err := e.db.ConversationByExternalID(context.Background(), chatwoot.Name, chatwoot.ConversationRef(1, 11))
	if err != nil || conv.AgentLastAt == nil {
		t.Errorf("conversation 11 after an agent reply = %+v, %v; want agent_last_at set", conv, err)
	}
	conv, err = e.db.ConversationByExternalID(context.Background(), chatwoot.Name, chatwoot.ConversationRef(1, 10))
	if err != nil || conv.CustomerLanguage != "ru" || conv.LanguageSource != "detected" {
		t.Errorf("conversation 10 = %q (%s), %v; want ru (detected)", conv.CustomerLanguage, conv.LanguageSource, err)
	}
}

// blocking is a translation provider that hangs until the call's context
// ends, like one that takes far longer than anyone waits.
type blocking struct{}

func (blocking) Translate(ctx context.Context, _ translate.Request) (translate.Result, error) {
	<-ctx.Done()
	return translate.Result{}, ctx.Err()
}

func (blocking) Off() bool { return false }

// TestAckNotHeldByTranslation checks that acknowledgements go out while the
// translation provider hangs, with more foreign customers at once than the
// queue has workers (10, the PARLEY_WORKERS default).
func TestAckNotHeldByTranslation(t *testing.T) {
	fake := chatwoottest.New("cw-token", chatwootSecret)
	t.Cleanup(fake.Close)
	conn, err := chatwoot.New(chatwoot.Config{URL: fake.URL, APIToken: "cw-token", WebhookSecret: chatwootSecret})
	if err != nil {
		t.Fatal(err)
	}
	s := newStack(t, chatwoot.Name, conn, blocking{})
	fake.SetWebhookURL(s.url + "/hooks/chatwoot")
	const customers = 15
	for i := range int64(customers) {
		body := chatwoottest.MessageCreated(chatwoottest.Message{ID: 100 + i, AccountID: 1, ConversationID: 100 + i,
			Content: "Где мой заказ? Я жду уже две недели.", Type: "incoming", SenderType: "contact", SenderID: 57, SenderName: "Анна"})
		if got := s.post("/hooks/chatwoot", chatwoottest.Headers(chatwootSecret, body, time.Now(), fmt.Sprint("d-", i)), body); got != http.StatusOK {
			t.Fatalf("webhook %d = %d, want 200", i, got)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(fake.Posts()) < customers && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := len(fake.Posts()); got != customers {
		t.Errorf("%d acknowledgements arrived within 5 s while translation hangs, want %d", got, customers)
	}
}
