package web_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/store/storetest"
	"github.com/parleyhq/parley/gateway/web"
	"github.com/parleyhq/parley/translate"
)

const (
	arabicText   = "مرحبا، لم يصل طلبي بعد"
	arabicAck    = "شكرا لرسالتك، سنرد قريبا"
	hostileText  = `<script>alert(1)</script><img src=x onerror=alert(1)>`
	rejectedText = "REJECTED-OUTPUT-MUST-NOT-SHOW"
)

// liveTranslator stands for a configured provider; the pages never call it.
type liveTranslator struct{}

func (liveTranslator) Translate(context.Context, translate.Request) (translate.Result, error) {
	return translate.Result{}, errors.New("not called by the pages")
}

func (liveTranslator) Off() bool { return false }

// fixture is a store with two conversations written the way the pipeline
// writes them, and the ids the tests look up.
type fixture struct {
	db                   *store.DB
	thread, plain        int64
	arabic, english, bad int64
}

// translationOf is the real pipeline's TranslationOf, with English as the
// agent language and a translator configured.
func translationOf(t testing.TB, db *store.DB) web.TranslationFunc {
	t.Helper()
	workers := river.NewWorkers()
	queue, err := store.NewQueue(db, store.QueueConfig{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Config{AgentLanguage: "en", DefaultLanguage: "en"}, pipeline.Deps{
		DB: db, Queue: queue, Workers: workers, Translator: liveTranslator{}, Registry: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	return p.TranslationOf
}

type seedMessage struct {
	author    store.Author
	lang      string
	text      string
	romanized string
	tr        *store.Translation
}

func insert(ctx context.Context, tx *store.Tx, c store.Conversation, sm seedMessage) (int64, error) {
	m, _, err := tx.InsertMessage(ctx, store.NewMessage{ConversationID: c.ID, Source: c.Source,
		Author: sm.author, Text: sm.text, Language: sm.lang, LanguageSource: "detected", LanguageConfidence: 0.97,
		Romanized: sm.romanized})
	if err != nil {
		return 0, err
	}
	if sm.tr != nil {
		tr := *sm.tr
		tr.MessageID = m.ID
		if err := tx.PutTranslation(ctx, tr); err != nil {
			return 0, err
		}
	}
	return m.ID, nil
}

func seed(t testing.TB, db *store.DB) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{db: db}
	err := db.InTx(ctx, func(tx *store.Tx) error {
		plain, err := tx.EnsureConversation(ctx, "api", "plain-1", "en", store.AuthorCustomer)
		if err != nil {
			return err
		}
		f.plain = plain.ID
		if _, err := insert(ctx, tx, plain, seedMessage{author: store.AuthorCustomer, lang: "de", text: "Hallo",
			tr: &store.Translation{Language: "en", Status: store.TranslationOff}}); err != nil {
			return err
		}
		if _, err := insert(ctx, tx, plain, seedMessage{author: store.AuthorCustomer, lang: "und", text: "spasibo",
			romanized: "ru", tr: &store.Translation{Language: "en", Status: store.TranslationOff}}); err != nil {
			return err
		}
		c, err := tx.EnsureConversation(ctx, "chatwoot", "4711", "en", store.AuthorCustomer)
		if err != nil {
			return err
		}
		f.thread = c.ID
		if err := tx.SetCustomerLanguage(ctx, c.ID, "ar", "detected", 0.97); err != nil {
			return err
		}
		if err := tx.MarkAcknowledged(ctx, c.ID); err != nil {
			return err
		}
		return seedThread(ctx, tx, c, &f)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func seedThread(ctx context.Context, tx *store.Tx, c store.Conversation, f *fixture) error {
	var err error
	if f.arabic, err = insert(ctx, tx, c, seedMessage{author: store.AuthorCustomer, lang: "ar", text: arabicText,
		tr: &store.Translation{Language: "en", Status: store.TranslationDone,
			Text: "Hello, my order has not arrived yet", Provider: "openai", Model: "small-model"}}); err != nil {
		return err
	}
	if _, err := tx.InsertDelivery(ctx, store.Delivery{ConversationID: c.ID, MessageID: f.arabic,
		Kind: store.DeliveryAck, Language: "ar", Text: arabicAck, Status: store.DeliverySent}); err != nil {
		return err
	}
	if _, err := insert(ctx, tx, c, seedMessage{author: store.AuthorCustomer, lang: "ru", text: hostileText,
		tr: &store.Translation{Language: "en", Status: store.TranslationPending, Error: "rate limited", Attempts: 2}}); err != nil {
		return err
	}
	if f.bad, err = insert(ctx, tx, c, seedMessage{author: store.AuthorCustomer, lang: "ru", text: "Где мой заказ?",
		tr: &store.Translation{Language: "en", Status: store.TranslationFailed, Text: rejectedText,
			Error: "the translation came back in the wrong language"}}); err != nil {
		return err
	}
	if f.english, err = insert(ctx, tx, c, seedMessage{author: store.AuthorAgent, lang: "en",
		text: "We are checking with the courier."}); err != nil {
		return err
	}
	d, err := tx.InsertDelivery(ctx, store.Delivery{ConversationID: c.ID, Kind: store.DeliveryFollowUp,
		Language: "ar", Text: "ما زلنا نعمل على طلبك", Status: store.DeliveryPending})
	if err != nil {
		return err
	}
	return tx.RecordDeliveryFailure(ctx, d.ID, "helpdesk answered 503", true)
}

// newServer is the agent page behind its auth, as the gateway mounts it.
func newServer(t testing.TB, token string, r web.Reader, tr web.TranslationFunc) http.Handler {
	t.Helper()
	h := web.New(web.Deps{Store: r, TranslationOf: tr, Logger: slog.New(slog.DiscardHandler)})
	return web.RequireAuth(token)(h)
}

func get(t testing.TB, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.RemoteAddr = "127.0.0.1:40000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func TestPages(t *testing.T) {
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			f := seed(t, db)
			testPages(t, f, newServer(t, "", db, translationOf(t, db)))
		})
	}
}

func testPages(t *testing.T, f fixture, srv http.Handler) {
	thread := fmt.Sprintf("/conversations/%d", f.thread)
	tests := []struct {
		name       string
		path       string
		wantStatus int
		want       []string
		absent     []string
	}{
		{"list", "/", http.StatusOK, []string{
			fmt.Sprintf(`<a href="/conversations/%d"><span class="source">chatwoot</span> <bdi>4711</bdi></a>`, f.thread),
			fmt.Sprintf(`<a href="/conversations/%d"><span class="source">api</span> <bdi>plain-1</bdi></a>`, f.plain),
			`<span class="lang">ar</span> <span class="muted">(detected, 97%)</span>`,
			`<span class="badge pending">1 waiting</span>`, `<span class="badge failed">1 failed</span>`,
			`<span class="badge ok">yes</span>`, `<span class="badge">no</span>`, "4 messages",
		}, []string{hostileText, arabicText}},
		{"arabic original is right-to-left", thread, http.StatusOK, []string{
			fmt.Sprintf(`<article class="message customer" id="m%d">`, f.arabic),
			`<div class="text" dir="auto" lang="ar">` + arabicText + `</div>`,
			`<div class="text" dir="auto" lang="en">Hello, my order has not arrived yet</div>`,
			"by openai (small-model)",
		}, nil},
		{"hostile text is escaped", thread, http.StatusOK, []string{
			`&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;`,
		}, []string{"<script", "<img src=x", hostileText}},
		{"pending shows the reason", thread, http.StatusOK, []string{
			"Translation pending", "Waiting for the translation into en: rate limited. Tried 2 times so far.",
		}, nil},
		{"failed shows the reason, not the text", thread, http.StatusOK, []string{
			"Translation failed", "The translation into en failed: the translation came back in the wrong language.",
			`<div class="text" dir="auto" lang="ru">Где мой заказ?</div>`,
		}, []string{rejectedText}},
		{"agent message needs no translation", thread, http.StatusOK, []string{
			`<div class="text" dir="auto" lang="en">We are checking with the courier.</div>`,
			"Not needed: written by the team.",
		}, nil},
		{"posts", thread, http.StatusOK, []string{
			"Parley posted the acknowledgement", `<div class="text" dir="auto" lang="ar">` + arabicAck + `</div>`,
			"Parley posted a follow-up", `<span class="badge failed">failed</span>`, "helpdesk answered 503",
		}, nil},
		{"translation off", fmt.Sprintf("/conversations/%d", f.plain), http.StatusOK, []string{
			"Machine translation is off.", `<div class="text" dir="auto" lang="de">Hallo</div>`,
		}, nil},
		{"romanized", fmt.Sprintf("/conversations/%d", f.plain), http.StatusOK, []string{
			`<span class="muted">not decided</span> <span class="muted">(detected, 97%)</span> <span class="muted">· typed in Latin letters: <span class="lang">ru</span></span>`,
			`<div class="text" dir="auto">spasibo</div>`,
		}, nil},
		{"unknown id", "/conversations/999999", http.StatusNotFound, []string{"404 · Not Found"}, nil},
		{"non-numeric id", "/conversations/abc", http.StatusNotFound, []string{"404 · Not Found"}, nil},
		{"negative id", "/conversations/-1", http.StatusNotFound, []string{"404 · Not Found"}, nil},
		{"unknown page", "/nope", http.StatusNotFound, []string{"404 · Not Found"}, nil},
		{"missing asset", "/assets/nope.css", http.StatusNotFound, []string{"404 · Not Found"}, nil},
		{"asset folder", "/assets/", http.StatusNotFound, []string{"404 · Not Found"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, srv, tt.path)
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.path, res.StatusCode, tt.wantStatus, body)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("GET %s Content-Type = %q, want text/html; charset=utf-8", tt.path, ct)
			}
			checkSecurityHeaders(t, res)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q\n%s", tt.path, w, body)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(body, a) {
					t.Errorf("GET %s: body contains %q", tt.path, a)
				}
			}
		})
	}
}

func checkSecurityHeaders(t *testing.T, res *http.Response) {
	t.Helper()
	for name, want := range map[string]string{
		"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
	} {
		if got := res.Header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
}

func TestAssets(t *testing.T) {
	srv := newServer(t, "", failingReader{}, nil)
	for path, wantType := range map[string]string{
		"/assets/parley.css":  "text/css; charset=utf-8",
		"/assets/favicon.svg": "image/svg+xml",
	} {
		res, body := get(t, srv, path)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != wantType || len(body) == 0 {
			t.Errorf("GET %s = %d %q (%d bytes), want 200 %q", path, res.StatusCode,
				res.Header.Get("Content-Type"), len(body), wantType)
		}
		checkSecurityHeaders(t, res)
	}
}

// failingReader fails every read the way a broken database would.
type failingReader struct{}

var errBroken = errors.New("pq: connection to 10.0.0.5 refused (secret detail)")

func (failingReader) RecentConversations(context.Context, int) ([]store.ConversationSummary, error) {
	return nil, errBroken
}

func (failingReader) Conversation(context.Context, int64) (store.Conversation, error) {
	return store.Conversation{}, errBroken
}

func (failingReader) Messages(context.Context, int64, int) ([]store.Message, error) {
	return nil, errBroken
}

func (failingReader) ConversationTranslations(context.Context, int64) ([]store.Translation, error) {
	return nil, errBroken
}

func (failingReader) ConversationDeliveries(context.Context, int64) ([]store.Delivery, error) {
	return nil, errBroken
}

func TestStoreFailureShowsNoDetails(t *testing.T) {
	var logged strings.Builder
	h := web.New(web.Deps{Store: failingReader{}, Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	srv := web.RequireAuth("")(h)
	for _, path := range []string{"/", "/conversations/1"} {
		res, body := get(t, srv, path)
		if res.StatusCode != http.StatusInternalServerError {
			t.Errorf("GET %s = %d, want 500", path, res.StatusCode)
		}
		if strings.Contains(body, "secret detail") || strings.Contains(body, "10.0.0.5") {
			t.Errorf("GET %s shows internal details:\n%s", path, body)
		}
		if !strings.Contains(body, "500 · Internal Server Error") {
			t.Errorf("GET %s: body lacks the error page:\n%s", path, body)
		}
	}
	if !strings.Contains(logged.String(), "secret detail") {
		t.Errorf("log = %q, want the error's details", logged.String())
	}
}
