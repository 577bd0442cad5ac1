package gateway_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/zammad"
	"github.com/parleyhq/parley/gateway/helpdesk/zammad/zammadtest"
)

const (
	zammadSecret = "zm-hmac-token"
	zammadHook   = "/hooks/zammad"
)

// TestZammadEndToEnd drives Zammad trigger webhooks (X-Hub-Signature sha1,
// X-Zammad-Delivery) through the real gateway and pipeline into the fake
// Zammad, which creates articles through POST /api/v1/ticket_articles and
// echoes a signed webhook for every article Parley creates. The first
// customer message and the agent's command are Zammad's documented
// payloads: an HTML e-mail with a quoted earlier message, and an internal
// note.
func TestZammadEndToEnd(t *testing.T) {
	fake := zammadtest.New("zm-api-token", zammadSecret)
	t.Cleanup(fake.Close)
	conn, err := zammad.New(zammad.Config{URL: fake.URL, APIToken: "zm-api-token", WebhookSecret: zammadSecret})
	if err != nil {
		t.Fatal(err)
	}
	e := newStack(t, zammad.Name, conn, dictionary{
		"en:Hola,\nmi pedido #4411 no ha llegado todavía.\n\nGracias": "Hello,\nmy order #4411 has not arrived yet.\nThanks",
		"en:¿Hay alguien ahí? Necesito una respuesta, por favor.":     "Is anybody there? I need an answer, please.",
		"es:Your order left our warehouse today.":                     "Su pedido salió hoy de nuestro almacén.",
	})
	fake.SetWebhookURL(e.url + zammadHook)
	send := func(body []byte, secret, delivery string) int {
		return e.post(zammadHook, zammadtest.Headers(secret, body, delivery), body)
	}
	settleZammad := func(want int) []zammadtest.Article {
		t.Helper()
		return settle(t, want, fake.Articles, fake.WebhookErrors)
	}
	const lucia = "lucia@example.com"
	ticket31 := zammad.ConversationRef(31, lucia)

	// Lucía writes in Spanish by e-mail: the acknowledgement goes to her
	// as an e-mail article in Spanish, the translation as an internal note
	// (without the quoted earlier message).
	first := zammadtest.Example("article_customer_email")
	if got := send(first, zammadSecret, "d-1"); got != http.StatusOK {
		t.Fatalf("webhook = %d, want 200", got)
	}
	arts := settleZammad(2)
	var ack, note zammadtest.Article
	for _, a := range arts {
		if a.Internal {
			note = a
		} else {
			ack = a
		}
	}
	want := helpdesk.TextToHTML(e.ack(zammad.Name, "64", "es", "Lucía García", "31001"))
	if ack.Body != want || ack.TicketID != 31 || ack.Type != "email" || ack.To != lucia {
		t.Errorf("acknowledgement = %+v, want an e-mail to %s with %q", ack, lucia, want)
	}
	if !note.Internal || note.TicketID != 31 || !strings.Contains(note.Body, helpdesk.TextToHTML("Hello,\nmy order #4411 has not arrived yet.\nThanks")) {
		t.Errorf("translation note = %+v, want the translation verbatim", note)
	}
	if strings.Contains(note.Body, "shipped") {
		t.Errorf("translation note = %q, want the quoted earlier message left out", note.Body)
	}

	// Replays, with the same or a new delivery id, change nothing; a
	// signature with the wrong token or none is a 401 and stores nothing.
	stored := e.messages()
	send(first, zammadSecret, "d-1")
	send(first, zammadSecret, "d-1-retry")
	second := zammadtest.ArticleCreated(zammadtest.ArticleEvent{TicketID: 31, ArticleID: 65, Sender: "Customer", Type: "email",
		Body: "¿Hay alguien ahí? Necesito una respuesta, por favor.", CustomerEmail: lucia, CustomerLocale: "es-es"})
	if got := send(second, "wrong-token", "d-2"); got != http.StatusUnauthorized {
		t.Errorf("webhook signed with a wrong token = %d, want 401", got)
	}
	if got := e.post(zammadHook, http.Header{"Content-Type": {"application/json"}}, second); got != http.StatusUnauthorized {
		t.Errorf("webhook without a signature = %d, want 401", got)
	}
	settleZammad(2)
	if got := e.messages(); got != stored {
		t.Errorf("after replays and refused webhooks %d messages are stored, want %d", got, stored)
	}

	// Her second message: a note, no second acknowledgement.
	send(second, zammadSecret, "d-2")
	arts = settleZammad(3)
	if a := arts[2]; !a.Internal || !strings.Contains(a.Body, "Is anybody there? I need an answer, please.") {
		t.Errorf("second message's article = %+v, want an internal translation note", a)
	}

	// An English customer in the web portal: acknowledged with a public
	// note, no translation note.
	send(zammadtest.ArticleCreated(zammadtest.ArticleEvent{TicketID: 40, ArticleID: 80, Sender: "Customer", Type: "web",
		Body: "Hello, where is my parcel? It was due on Monday."}), zammadSecret, "d-3")
	arts = settleZammad(4)
	if a, want := arts[3], helpdesk.TextToHTML(e.ack(zammad.Name, "80", "en", "Test Customer", "31040")); a.Internal || a.TicketID != 40 || a.Type != "note" || a.Body != want {
		t.Errorf("English customer's article = %+v, want only the public acknowledgement %q", a, want)
	}
	if e.answered(zammad.Name, ticket31) {
		t.Error("ticket 31 is marked answered by Parley's own articles")
	}

	// Zammad's documented internal note "!tr Your order left our warehouse
	// today.": an e-mail to Lucía in Spanish, without the prefix.
	send(zammadtest.Example("article_agent_note"), zammadSecret, "d-4")
	arts = settleZammad(5)
	if a := arts[4]; a.Internal || a.Type != "email" || a.To != lucia || a.Body != html.EscapeString("Su pedido salió hoy de nuestro almacén.") {
		t.Errorf("reply = %+v, want an e-mail with the Spanish translation only", a)
	}

	// Zammad's documented public agent reply marks ticket 40 answered and
	// posts nothing; a ticket update without an article and a System
	// article are 200s that change nothing.
	stored = e.messages()
	for i, name := range []string{"article_agent_reply_plain", "ticket_updated_no_article", "article_system"} {
		if got := send(zammadtest.Example(name), zammadSecret, "d-5"+string(rune('a'+i))); got != http.StatusOK {
			t.Errorf("%s webhook = %d, want 200", name, got)
		}
	}
	settleZammad(5)
	if !e.answered(zammad.Name, zammad.ConversationRef(40, "")) {
		t.Error("ticket 40 after an agent's public reply is not marked answered")
	}
	if got := e.messages(); got != stored+1 {
		t.Errorf("after an agent reply and two ignored webhooks %d messages are stored, want %d", got, stored+1)
	}
}
