package gateway_test

import (
	"encoding/json"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/freshdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/freshdesk/freshdesktest"
)

const (
	freshdeskToken = "fd-shared-token-0123456789"
	freshdeskHook  = "/hooks/freshdesk"
)

// freshdeskE2E is the stack with the fake Freshdesk, which takes replies
// and notes through API v2 and sends a webhook back for each one, in the
// shape chosen with SetWebhookURL.
type freshdeskE2E struct {
	*stack
	fake *freshdesktest.Server
}

func newFreshdeskE2E(t *testing.T, echo freshdesktest.Echo) *freshdeskE2E {
	t.Helper()
	fake := freshdesktest.New("fd-api-key", freshdeskToken)
	t.Cleanup(fake.Close)
	conn, err := freshdesk.New(freshdesk.Config{URL: fake.URL, APIKey: "fd-api-key", WebhookSecret: freshdeskToken})
	if err != nil {
		t.Fatal(err)
	}
	s := newStack(t, freshdesk.Name, conn, dictionary{
		"en:Где мой заказ? Я жду уже две недели.": "Where is my order? I have been waiting for two weeks.",
		"en:Вы ещё здесь?":                        "Are you still there?",
		"ru:Your order ships tomorrow.":           "Ваш заказ будет отправлен завтра.",
	})
	fake.SetWebhookURL(s.url+freshdeskHook, echo)
	return &freshdeskE2E{stack: s, fake: fake}
}

func (e *freshdeskE2E) send(body []byte, token string) int {
	e.t.Helper()
	return e.post(freshdeskHook, freshdesktest.Headers(token), body)
}

func (e *freshdeskE2E) settle(want int) []freshdesktest.Post {
	e.t.Helper()
	return settle(e.t, want, e.fake.Posts, e.fake.WebhookErrors)
}

// checkFirst checks the two posts a first foreign message causes: the reply
// with the acknowledgement and the private note with the translation.
func (e *freshdeskE2E) checkFirst(posts []freshdesktest.Post, ticket int64, ack, translation string) {
	e.t.Helper()
	var reply, note freshdesktest.Post
	for _, p := range posts {
		if p.Kind == "note" {
			note = p
		} else {
			reply = p
		}
	}
	if want := helpdesk.TextToHTML(ack); reply.Kind != "reply" || reply.Body != want || reply.TicketID != ticket {
		e.t.Errorf("acknowledgement = %+v, want a reply %q on ticket %d", reply, want, ticket)
	}
	if !note.Private || note.TicketID != ticket || !strings.Contains(note.Body, html.EscapeString(translation)) {
		e.t.Errorf("translation note = %+v, want a private note with %q", note, translation)
	}
}

// ticketCreated returns Freshdesk's documented onTicketCreate app payload
// with the ticket id, description and requester language replaced.
func ticketCreated(t *testing.T, ticket int64, descriptionHTML, lang string) []byte {
	t.Helper()
	var b map[string]any
	if err := json.Unmarshal(freshdesktest.Example("app_ticket_create"), &b); err != nil {
		t.Fatal(err)
	}
	data := b["data"].(map[string]any)
	tk := data["ticket"].(map[string]any)
	tk["id"], tk["description"], tk["description_text"] = ticket, descriptionHTML, helpdesk.HTMLToText(descriptionHTML)
	data["requester"].(map[string]any)["language"] = lang
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFreshdeskAppEventsEndToEnd drives the product-event payloads a
// Freshdesk app forwards (onTicketCreate, onConversationCreate), which carry
// conversation and author ids, through the real gateway and pipeline. The
// fake echoes every reply and note Parley posts as an onConversationCreate
// with its id and Parley's agent id, as Freshdesk does for the app.
func TestFreshdeskAppEventsEndToEnd(t *testing.T) {
	e := newFreshdeskE2E(t, freshdesktest.EchoApp)
	const requester, agent = 80012, 301
	first := ticketCreated(t, 1046, "<div>Где мой заказ? Я жду уже две недели.</div>", "en")
	if got := e.send(first, freshdeskToken); got != http.StatusOK {
		t.Fatalf("webhook = %d, want 200", got)
	}
	e.checkFirst(e.settle(2), 1046, e.ack(freshdesk.Name, "ticket-1046", "ru", "Jan de Vries", ""),
		"Where is my order? I have been waiting for two weeks.")

	// A replay, a wrong token, no token: nothing new.
	stored := e.messages()
	e.send(first, freshdeskToken)
	second := freshdesktest.AppConversation(1046, 5500020, requester, "<div>Вы ещё здесь?</div>", true, false)
	if got := e.send(second, "wrong-token-0123456789"); got != http.StatusUnauthorized {
		t.Errorf("webhook with a wrong token = %d, want 401", got)
	}
	if got := e.post(freshdeskHook, http.Header{"Content-Type": {"application/json"}}, second); got != http.StatusUnauthorized {
		t.Errorf("webhook without a token = %d, want 401", got)
	}
	e.settle(2)
	if got := e.messages(); got != stored {
		t.Errorf("after a replay and refused webhooks %d messages are stored, want %d", got, stored)
	}

	// The customer's reply: a note, no second acknowledgement.
	e.send(second, freshdeskToken)
	posts := e.settle(3)
	if p := posts[2]; p.Kind != "note" || !p.Private || !strings.Contains(p.Body, "Are you still there?") {
		t.Errorf("second message's post = %+v, want a private translation note", p)
	}

	// An English ticket: a reply with the acknowledgement, no note.
	e.send(ticketCreated(t, 1047, "<p>Hello, where is my parcel? It was due on Monday.</p>", "en"), freshdeskToken)
	posts = e.settle(4)
	if p, want := posts[3], helpdesk.TextToHTML(e.ack(freshdesk.Name, "ticket-1047", "en", "Jan de Vries", "")); p.Kind != "reply" || p.TicketID != 1047 || p.Body != want {
		t.Errorf("English customer's post = %+v, want only the acknowledgement %q", p, want)
	}
	if e.answered(freshdesk.Name, "1046") {
		t.Error("ticket 1046 is marked answered by Parley's own posts")
	}

	// An agent's private note "!tr …": a reply in Russian without the prefix.
	e.send(freshdesktest.AppConversation(1046, 5500021, agent, "<p>!tr Your order ships tomorrow.</p>", false, true), freshdeskToken)
	posts = e.settle(5)
	if p := posts[4]; p.Kind != "reply" || p.TicketID != 1046 || p.Body != "Ваш заказ будет отправлен завтра." {
		t.Errorf("reply = %+v, want the Russian translation only", p)
	}

	// An agent's public reply marks the ticket answered and posts nothing.
	e.send(freshdesktest.AppConversation(1047, 5500022, agent, "<p>It is on its way.</p>", false, false), freshdeskToken)
	e.settle(5)
	if !e.answered(freshdesk.Name, "1047") {
		t.Error("ticket 1047 after an agent's public reply is not marked answered")
	}
}

// TestFreshdeskRuleBodiesEndToEnd drives the automation rule bodies of
// docs/helpdesks/freshdesk.md through the real gateway and pipeline.
//
// Rule bodies carry no conversation id, so Parley keys a message by the
// hash of the body: the test proves that a replayed body is taken once,
// not that two different messages with identical text and requester would
// both be taken (they would not). Rule bodies carry no author id either;
// the documented setup keeps Parley's own replies and notes from coming
// back by excluding Parley's agent from rules 3 and 4. The fake here
// echoes them anyway, as a rule missing that exclusion would, and the test
// proves that even then Parley posts nothing more: an echoed note does not
// start with the reply prefix, and an echoed reply is taken as an agent
// reply, which posts nothing.
func TestFreshdeskRuleBodiesEndToEnd(t *testing.T) {
	e := newFreshdeskE2E(t, freshdesktest.EchoRule)
	first := freshdesktest.Rule(freshdesk.RuleTicketCreated, 1045, "<div>Где мой заказ? Я жду уже две недели.</div>\n\n")
	if got := e.send(first, freshdeskToken); got != http.StatusOK {
		t.Fatalf("webhook = %d, want 200", got)
	}
	e.checkFirst(e.settle(2), 1045, e.ack(freshdesk.Name, "delivery:"+helpdesk.BodyID(first), "ru", "Test Customer", ""),
		"Where is my order? I have been waiting for two weeks.")

	// The same body again, a wrong token: nothing new.
	stored := e.messages()
	e.send(first, freshdeskToken)
	second := freshdesktest.Rule(freshdesk.RuleCustomerReply, 1045, "<div>Вы ещё здесь?</div>")
	if got := e.send(second, "wrong-token-0123456789"); got != http.StatusUnauthorized {
		t.Errorf("webhook with a wrong token = %d, want 401", got)
	}
	e.settle(2)
	if got := e.messages(); got != stored {
		t.Errorf("after a replay and a refused webhook %d messages are stored, want %d", got, stored)
	}

	// The customer's reply: a note only.
	e.send(second, freshdeskToken)
	posts := e.settle(3)
	if p := posts[2]; p.Kind != "note" || !strings.Contains(p.Body, "Are you still there?") {
		t.Errorf("second message's post = %+v, want a private translation note", p)
	}

	// An English ticket: the acknowledgement only.
	english := freshdesktest.Rule(freshdesk.RuleTicketCreated, 1048, "<p>Hello, where is my parcel? It was due on Monday.</p>")
	e.send(english, freshdeskToken)
	posts = e.settle(4)
	if p, want := posts[3], helpdesk.TextToHTML(e.ack(freshdesk.Name, "delivery:"+helpdesk.BodyID(english), "en", "Test Customer", "")); p.Kind != "reply" || p.TicketID != 1048 || p.Body != want {
		t.Errorf("English customer's post = %+v, want only the acknowledgement %q", p, want)
	}

	// Rule 3's body with "!tr …": a reply in Russian without the prefix.
	e.send(freshdesktest.Rule(freshdesk.RuleAgentNote, 1045, "<div>!tr Your order ships tomorrow.</div>"), freshdeskToken)
	posts = e.settle(5)
	if p := posts[4]; p.Kind != "reply" || p.TicketID != 1045 || p.Body != "Ваш заказ будет отправлен завтра." {
		t.Errorf("reply = %+v, want the Russian translation only", p)
	}
}
