package gateway_test

import (
	"context"
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
	ctx, cancel := context.WithCancel(context.Background())
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	fake := chatwoottest.New("cw-token", chatwootSecret)
	conn, err := chatwoot.New(chatwoot.Config{URL: fake.URL, APIToken: "cw-token", WebhookSecret: chatwootSecret})
	if err != nil {
		t.Fatal(err)
	}
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
		DB: db, Queue: queue, Workers: workers, Detector: sharedDetector(t),
		Translator: dictionary{
			"en:Где мой заказ? Я жду уже две недели.": "Where is my order? I have been waiting for two weeks.",
			"en:Вы ещё здесь?":                        "Are you still there?",
			"ru:Your order ships tomorrow.":           "Ваш заказ будет отправлен завтра.",
		},
		Replies: replies, Posters: map[string]pipeline.Poster{chatwoot.Name: conn},
		Registry: reg, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	gw, err := gateway.New(gateway.Config{}, gateway.Deps{Pipeline: pl, Store: db, Registry: reg, Logger: log,
		Connectors: map[string]gateway.Connector{chatwoot.Name: conn}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gw)
	fake.SetWebhookURL(srv.URL + "/hooks/chatwoot")
	if err := queue.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		stop, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = queue.Stop(stop)
		srv.Close()
		fake.Close()
		db.Close()
	})
	return &e2e{t: t, replies: replies, chatwoot: fake, hookURL: srv.URL + "/hooks/chatwoot", db: db}
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
	deadline := time.Now().Add(20 * time.Second)
	for len(e.chatwoot.Posts()) < want && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	posts := e.chatwoot.Posts()
	if len(posts) != want {
		e.t.Fatalf("chatwoot got %d posts, want %d: %+v", len(posts), want, posts)
	}
	for _, err := range e.chatwoot.WebhookErrors() {
		if err != nil {
			e.t.Errorf("an echoed webhook failed: %v", err)
		}
	}
	return posts
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
