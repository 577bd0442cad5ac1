package gateway_test

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/zendesk"
	"github.com/parleyhq/parley/gateway/helpdesk/zendesk/zendesktest"
	"github.com/parleyhq/parley/gateway/store"
)

const (
	zendeskSecret  = "zd-whsec"
	sunshineSecret = "sunco-whsec"
	sunshineApp    = "5698edbf2a43bd081be982f1"
	zendeskHook    = "/hooks/zendesk"
)

// zendeskE2E is the stack with the fake Zendesk, which serves Support and
// Sunshine Conversations and sends a webhook back for every comment and
// message Parley posts.
type zendeskE2E struct {
	*stack
	fake *zendesktest.Server
}

func newZendeskE2E(t *testing.T) *zendeskE2E {
	t.Helper()
	fake := zendesktest.New(zendeskSecret, sunshineSecret)
	t.Cleanup(fake.Close)
	conn, err := zendesk.New(zendesk.Config{
		URL: fake.URL, Email: fake.Email, APIToken: fake.Token, WebhookSecret: zendeskSecret,
		SunshineURL: fake.URL, SunshineAppID: sunshineApp, SunshineKeyID: fake.KeyID,
		SunshineKeySecret: fake.KeySecret, SunshineWebhookSecret: sunshineSecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	s := newStack(t, zendesk.Name, conn, dictionary{
		"en:Где мой заказ? Я жду уже две недели.":           "Where is my order? I have been waiting for two weeks.",
		"en:Вы ещё здесь?":                                  "Are you still there?",
		"ru:We refunded the second charge today.":           "Сегодня мы вернули второй платёж.",
		"en:Hola, no puedo entrar en mi cuenta desde ayer.": "Hello, I have not been able to log into my account since yesterday.",
		"en:Hallo": "Hello",
	})
	fake.SetWebhookURL(s.url + zendeskHook)
	return &zendeskE2E{stack: s, fake: fake}
}

// comment sends a ticket.comment_added webhook signed with secret at at
// and returns the status.
func (e *zendeskE2E) comment(c zendesktest.Comment, secret string, at time.Time) int {
	e.t.Helper()
	body := zendesktest.CommentAdded(c)
	return e.post(zendeskHook, zendesktest.SupportHeaders(secret, body, at), body)
}

func (e *zendeskE2E) settle(want int) []zendesktest.Post {
	e.t.Helper()
	return settle(e.t, want, e.fake.Posts, e.fake.WebhookErrors)
}

// TestZendeskSupportEndToEnd drives Support webhooks (ticket.comment_added,
// signed as Zendesk signs them) through the real gateway and pipeline into
// the fake Zendesk, which comments through the Tickets API and echoes a
// signed webhook for every comment Parley adds.
func TestZendeskSupportEndToEnd(t *testing.T) {
	e := newZendeskE2E(t)
	const requester = 8447388090494
	customer := func(ticket, id int64, text string) zendesktest.Comment {
		return zendesktest.Comment{TicketID: ticket, CommentID: id, AuthorID: requester, RequesterID: requester, Body: text, Public: true}
	}
	russian := customer(5158, 1001, "Где мой заказ? Я жду уже две недели.")

	// A Russian customer: a public acknowledgement in Russian and a private
	// note with the translation.
	if got := e.comment(russian, zendeskSecret, time.Now()); got != http.StatusOK {
		t.Fatalf("webhook = %d, want 200", got)
	}
	posts := e.settle(2)
	ack, note := splitZendesk(t, posts)
	if want := helpdesk.TextToHTML(e.ack(zendesk.Name, "1001", "ru", "Someone", "")); ack.Body != want || ack.TicketID != 5158 {
		t.Errorf("acknowledgement = %+v, want %q on ticket 5158", ack, want)
	}
	if !strings.Contains(note.Body, html.EscapeString("Where is my order? I have been waiting for two weeks.")) || note.TicketID != 5158 {
		t.Errorf("translation note = %+v, want the translation verbatim on ticket 5158", note)
	}

	// The same event again, freshly signed (a retry or a replay), changes
	// nothing.
	stored := e.messages()
	e.comment(russian, zendeskSecret, time.Now())
	e.settle(2)
	if got := e.messages(); got != stored {
		t.Errorf("after a replay %d messages are stored, want %d", got, stored)
	}

	// A wrong secret, a stale timestamp: 401, nothing stored.
	second := customer(5158, 1002, "Вы ещё здесь?")
	if got := e.comment(second, "wrong-secret", time.Now()); got != http.StatusUnauthorized {
		t.Errorf("webhook with a wrong secret = %d, want 401", got)
	}
	if got := e.comment(second, zendeskSecret, time.Now().Add(-10*time.Minute)); got != http.StatusUnauthorized {
		t.Errorf("webhook signed 10 minutes ago = %d, want 401", got)
	}
	if got := e.messages(); got != stored {
		t.Errorf("after refused webhooks %d messages are stored, want %d", got, stored)
	}
	e.settle(2)

	// The second message: a note, no second acknowledgement.
	e.comment(second, zendeskSecret, time.Now())
	posts = e.settle(3)
	if p := posts[2]; p.Public || !strings.Contains(p.Body, "Are you still there?") {
		t.Errorf("second message's post = %+v, want a private translation note", p)
	}

	// An English customer on another ticket: acknowledged, no note.
	e.comment(customer(5159, 1003, "Hello, where is my parcel? It was due on Monday."), zendeskSecret, time.Now())
	posts = e.settle(4)
	if p, want := posts[3], helpdesk.TextToHTML(e.ack(zendesk.Name, "1003", "en", "Someone", "")); !p.Public || p.TicketID != 5159 || p.Body != want {
		t.Errorf("English customer's post = %+v, want only the public acknowledgement %q", p, want)
	}

	if e.answered(zendesk.Name, zendesk.TicketRef(5158)) {
		t.Error("ticket 5158 is marked answered by Parley's own comments")
	}

	// Zendesk's documented agent note on ticket 5158, "!tr We refunded the
	// second charge today.": a public comment in Russian without the prefix.
	body := zendesktest.Example("support_comment_agent_note")
	if got := e.post(zendeskHook, zendesktest.SupportHeaders(zendeskSecret, body, time.Now()), body); got != http.StatusOK {
		t.Fatalf("agent note webhook = %d, want 200", got)
	}
	posts = e.settle(5)
	if p, want := posts[4], helpdesk.TextToHTML("Сегодня мы вернули второй платёж."); !p.Public || p.TicketID != 5158 || p.Body != want {
		t.Errorf("reply = %+v, want the public Russian translation %q only", p, want)
	}

	// An agent's public comment marks the ticket answered and posts
	// nothing; another event type is a 200 that changes nothing.
	e.comment(zendesktest.Comment{TicketID: 5159, CommentID: 1004, AuthorID: 90001, RequesterID: requester,
		Body: "It is on its way.", Public: true, Staff: true}, zendeskSecret, time.Now())
	body = zendesktest.Example("support_status_changed")
	if got := e.post(zendeskHook, zendesktest.SupportHeaders(zendeskSecret, body, time.Now()), body); got != http.StatusOK {
		t.Errorf("status_changed webhook = %d, want 200", got)
	}
	e.settle(5)
	if !e.answered(zendesk.Name, zendesk.TicketRef(5159)) {
		t.Error("ticket 5159 after an agent's public comment is not marked answered")
	}
}

// splitZendesk returns the public and the private post of two.
func splitZendesk(t *testing.T, posts []zendesktest.Post) (public, private zendesktest.Post) {
	t.Helper()
	for _, p := range posts {
		if p.Public {
			public = p
		} else {
			private = p
		}
	}
	if public.ID == "" || private.ID == "" {
		t.Fatalf("posts = %+v, want one public and one private", posts)
	}
	return public, private
}

// TestZendeskSunshineEndToEnd drives Sunshine Conversations webhooks
// (conversation:message, X-API-Key) through the real gateway into the fake,
// which posts messages as the business and echoes each one back with the
// metadata Parley set. Messaging conversations take no private notes, so
// the customer sees the acknowledgement, and the translation stays with
// Parley (store and agent page): the fake gets exactly one post per
// conversation. Without notes there is no reply command either; agents
// answer in Zendesk, and their business messages mark the conversation
// answered.
func TestZendeskSunshineEndToEnd(t *testing.T) {
	e := newZendeskE2E(t)
	message := func(conv, id, text string) []byte {
		return zendesktest.ConversationMessage(zendesktest.Message{AppID: sunshineApp, ConversationID: conv,
			MessageID: id, AuthorType: "user", UserID: "u-" + conv, Text: text, Lang: "es"})
	}
	send := func(body []byte, secret string) int {
		return e.post(zendeskHook, zendesktest.SunshineHeaders(secret), body)
	}
	spanish := message("conv-1", "m-1", "Hola, no puedo entrar en mi cuenta desde ayer.")
	if got := send(spanish, sunshineSecret); got != http.StatusOK {
		t.Fatalf("webhook = %d, want 200", got)
	}
	posts := e.settle(1)
	if p, want := posts[0], e.ack(zendesk.Name, "m-1", "es", "", ""); p.Body != want || p.ConversationID != "conv-1" || p.AppID != sunshineApp {
		t.Errorf("acknowledgement = %+v, want %q in conv-1", p, want)
	}
	m, err := e.db.MessageByExternalID(context.Background(), zendesk.Name, "m-1")
	if err != nil {
		t.Fatal(err)
	}
	waitTranslation(t, e.db, m.ID, "Hello, I have not been able to log into my account since yesterday.")

	// A replay, a wrong or missing X-API-Key: nothing new.
	stored := e.messages()
	send(spanish, sunshineSecret)
	if got := send(message("conv-1", "m-2", "¿Hay alguien ahí?"), "wrong-secret"); got != http.StatusUnauthorized {
		t.Errorf("webhook with a wrong X-API-Key = %d, want 401", got)
	}
	if got := e.post(zendeskHook, http.Header{"Content-Type": {"application/json"}}, spanish); got != http.StatusUnauthorized {
		t.Errorf("webhook without X-API-Key = %d, want 401", got)
	}
	e.settle(1)
	if got := e.messages(); got != stored {
		t.Errorf("after a replay and refused webhooks %d messages are stored, want %d", got, stored)
	}

	// Zendesk's documented mixed webhook: a read receipt and an image are
	// skipped, a human agent's business message marks the conversation
	// answered; nothing is posted.
	body := zendesktest.Example("sunshine_mixed")
	if got := send(body, sunshineSecret); got != http.StatusOK {
		t.Errorf("mixed webhook = %d, want 200", got)
	}
	e.settle(1)
	if !e.answered(zendesk.Name, zendesk.SunshineRef(sunshineApp, "c2b4d1c0a3f94b0e8e1b2a77")) {
		t.Error("conversation after a human agent's business message is not marked answered")
	}
	if e.answered(zendesk.Name, zendesk.SunshineRef(sunshineApp, "conv-1")) {
		t.Error("conv-1 is marked answered by Parley's own message")
	}
}

// waitTranslation waits until message id has its translation into English
// done, with text.
func waitTranslation(t *testing.T, db *store.DB, id int64, text string) {
	t.Helper()
	var got []store.Translation
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var err error
		if got, err = db.MessageTranslations(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		for _, tr := range got {
			if tr.Language == "en" && tr.Status == store.TranslationDone && tr.Text == text {
				return
			}
		}
	}
	t.Errorf("translations of message %d = %+v, want %q done", id, got, text)
}

// TestZendeskRequesterLocale checks that the requester's Zendesk locale
// (GET /api/v2/users/{id}) is a language hint, as it is for the other
// helpdesks' contact languages: "Hallo" alone is too short to tell, so
// with the hint the acknowledgement is German (and a note translates it).
func TestZendeskRequesterLocale(t *testing.T) {
	e := newZendeskE2E(t)
	const requester = 8447388090777
	e.fake.Locales[requester] = "de"
	c := zendesktest.Comment{TicketID: 6001, CommentID: 6101, AuthorID: requester, RequesterID: requester, Body: "Hallo", Public: true}
	if got := e.comment(c, zendeskSecret, time.Now()); got != http.StatusOK {
		t.Fatalf("webhook = %d, want 200", got)
	}
	ack, _ := splitZendesk(t, e.settle(2))
	if want := helpdesk.TextToHTML(e.ack(zendesk.Name, "6101", "de", "Someone", "")); ack.Body != want {
		t.Errorf("acknowledgement = %q, want the German one %q", ack.Body, want)
	}
}
