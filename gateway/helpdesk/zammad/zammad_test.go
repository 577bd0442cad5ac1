package zammad

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
	"github.com/parleyhq/parley/gateway/helpdesk/zammad/zammadtest"
)

const secret = "hmac-token"

func TestVerify(t *testing.T) {
	now := time.Now()
	body := zammadtest.Example("article_customer_email")
	good := zammadtest.Headers(secret, body, "d1")
	noSig := good.Clone()
	noSig.Del(HeaderSignature)
	sha256Sig := good.Clone()
	sha256Sig.Set(HeaderSignature, "sha256="+good.Get(HeaderSignature)[5:])
	tests := []struct {
		name   string
		secret string
		header http.Header
		body   []byte
		want   error
	}{
		{"good", secret, good, body, nil},
		{"wrong secret", "nope", good, body, helpdesk.ErrSignature},
		{"tampered body", secret, good, append(body, ' '), helpdesk.ErrSignature},
		{"missing header", secret, noSig, body, helpdesk.ErrSignature},
		{"wrong algorithm prefix", secret, sha256Sig, body, helpdesk.ErrSignature},
		{"no secret configured", "", good, body, helpdesk.ErrSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.header, tt.body, now)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	hdr := http.Header{HeaderDelivery: []string{"dd"}}
	tests := []struct {
		name string
		body []byte
		want []helpdesk.Event
	}{
		{"customer e-mail, html with quote", zammadtest.Example("article_customer_email"), []helpdesk.Event{{
			Source: Name, DeliveryID: "dd", Kind: helpdesk.KindCustomerMessage, Conversation: "31|email|lucia@example.com",
			MessageID: "64", Author: helpdesk.AuthorCustomer, AuthorID: "user:7",
			Text:  "Hola,\nmi pedido #4411 no ha llegado todavía.\n\nGracias",
			Hints: []helpdesk.Hint{{Name: "preferences.locale", Value: "es-es"}}, CustomerName: "Lucía García", CustomerID: "7", TicketNumber: "31001",
		}}},
		{"agent internal note", zammadtest.Example("article_agent_note"), []helpdesk.Event{{
			Source: Name, DeliveryID: "dd", Kind: helpdesk.KindAgentNote, Conversation: "31|email|lucia@example.com",
			MessageID: "66", Author: helpdesk.AuthorAgent, AuthorID: "user:3", Private: true,
			Text:  "!tr Your order left our warehouse today.",
			Hints: []helpdesk.Hint{{Name: "preferences.locale", Value: "es-es"}}, CustomerName: "Lucía García", CustomerID: "7", TicketNumber: "31001",
		}}},
		{"agent public reply, plain text, null email", zammadtest.Example("article_agent_reply_plain"), []helpdesk.Event{{
			Source: Name, DeliveryID: "dd", Kind: helpdesk.KindAgentReply, Conversation: "40",
			MessageID: "90", Author: helpdesk.AuthorAgent, AuthorID: "user:3",
			Text: "We have refunded your order.\nBest regards", CustomerName: "Ahmed", TicketNumber: "31010",
		}}},
		{"detected language first", []byte(`{"ticket":{"id":1},"article":{"id":2,"body":"hej","sender":"Customer","detected_language":"sv"}}`), []helpdesk.Event{{
			Source: Name, DeliveryID: "dd", Kind: helpdesk.KindCustomerMessage, Conversation: "1", MessageID: "2",
			Author: helpdesk.AuthorCustomer, Text: "hej", Hints: []helpdesk.Hint{{Name: "detected_language", Value: "sv"}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(hdr, tt.body)
			if err != nil {
				t.Fatalf("Parse() error = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, body string
		want       error
	}{
		{"ticket change without article", string(zammadtest.Example("ticket_updated_no_article")), helpdesk.ErrIgnored},
		{"article null", `{"ticket":{"id":1},"article":null}`, helpdesk.ErrIgnored},
		{"system article", string(zammadtest.Example("article_system")), helpdesk.ErrIgnored},
		{"empty html body", `{"ticket":{"id":1},"article":{"id":2,"body":"<p> </p>","content_type":"text/html","sender":"Customer"}}`, helpdesk.ErrIgnored},
		{"malformed json", `{"ticket":`, helpdesk.ErrPayload},
		{"no ticket", `{"article":{"id":2}}`, helpdesk.ErrPayload},
		{"ticket id not a number", `{"ticket":{"id":"x"},"article":{"id":2}}`, helpdesk.ErrPayload},
		{"unknown sender", `{"ticket":{"id":1},"article":{"id":2,"body":"x","sender":"Robot"}}`, helpdesk.ErrPayload},
		{"invalid utf-8", "{\"ticket\":{\"id\":1},\"article\":{\"id\":2,\"body\":\"\xc3\x28\",\"sender\":\"Customer\"}}", helpdesk.ErrPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(http.Header{}, []byte(tt.body)); !errors.Is(err, tt.want) {
				t.Errorf("Parse(%.60q) error = %v, want %v", tt.body, err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, n := range []string{"article_customer_email", "article_agent_note", "article_agent_reply_plain", "article_system"} {
		f.Add(zammadtest.Example(n))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		evs, err := Parse(http.Header{}, body)
		if err == nil && len(evs) == 0 {
			t.Errorf("Parse(%q) = no events and no error", body)
		}
		for _, ev := range evs {
			if _, err := parseRef(ev.Conversation); err != nil {
				t.Errorf("Parse(%q) made conversation %q that parseRef rejects: %v", body, ev.Conversation, err)
			}
		}
	})
}

func newFake(t *testing.T, timeout time.Duration) (*zammadtest.Server, *Client) {
	t.Helper()
	fake := zammadtest.New("tok", secret)
	t.Cleanup(fake.Close)
	c, err := New(Config{URL: fake.URL, APIToken: "tok", WebhookSecret: secret, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return fake, c
}

func TestClientPosts(t *testing.T) {
	fake, c := newFake(t, time.Second)
	ctx := context.Background()
	noteID, err := c.Note(ctx, "31|email|lucia@example.com", "Traducción:\n<hello> & bye")
	if err != nil {
		t.Fatalf("Note() error = %v", err)
	}
	replyID, err := c.Reply(ctx, "31|email|lucia@example.com", "Hola")
	if err != nil {
		t.Fatalf("Reply() error = %v", err)
	}
	webID, err := c.Reply(ctx, "40", "Hi")
	if err != nil {
		t.Fatalf("Reply() error = %v", err)
	}
	want := []zammadtest.Article{
		{ID: 501, TicketID: 31, Body: "Traducción:<br>\n&lt;hello&gt; &amp; bye", ContentType: "text/html", Type: "note", Internal: true},
		{ID: 502, TicketID: 31, Body: "Hola", ContentType: "text/html", Type: "email", To: "lucia@example.com"},
		{ID: 503, TicketID: 40, Body: "Hi", ContentType: "text/html", Type: "note"},
	}
	if diff := cmp.Diff(want, fake.Articles()); diff != "" {
		t.Errorf("articles mismatch (-want +got):\n%s", diff)
	}
	if noteID != "501" || replyID != "502" || webID != "503" {
		t.Errorf("ids = %s, %s, %s, want 501, 502, 503", noteID, replyID, webID)
	}
}

func TestClientErrors(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(*zammadtest.Server)
		conv      string
		want      error
		wantRetry time.Duration
	}{
		{"rate limited", func(s *zammadtest.Server) { s.FailNext(zammadtest.Fault{Status: 429, RetryAfter: "3"}) }, "1", helpdesk.ErrTemporary, 3 * time.Second},
		{"server error", func(s *zammadtest.Server) { s.FailNext(zammadtest.Fault{Status: 502}) }, "1", helpdesk.ErrTemporary, 0},
		{"deleted ticket", func(s *zammadtest.Server) { s.Delete(1) }, "1", helpdesk.ErrPermanent, 0},
		{"timeout", func(s *zammadtest.Server) { s.SetDelay(2 * time.Second) }, "1", helpdesk.ErrTemporary, 0},
		{"bad reference", func(*zammadtest.Server) {}, "x|y", helpdesk.ErrPermanent, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, c := newFake(t, 200*time.Millisecond)
			tt.setup(fake)
			_, err := c.Note(context.Background(), tt.conv, "x")
			helpdesktest.CheckPostError(t, "Note()", err, tt.want, tt.wantRetry, len(fake.Articles()))
		})
	}
}

func TestEchoIsRecognizable(t *testing.T) {
	fake, c := newFake(t, time.Second)
	hook := helpdesktest.NewReceiver(t, c)
	fake.SetWebhookURL(hook.URL)
	id, err := c.Reply(context.Background(), "12", "hello")
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range fake.WebhookErrors() {
		if err != nil {
			t.Fatalf("echo webhook failed: %v", err)
		}
	}
	self, err := c.Identity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	events := hook.Events()
	if len(events) != 1 || events[0].MessageID != id || events[0].AuthorID != self || events[0].Kind != helpdesk.KindAgentReply {
		t.Errorf("echo events = %+v, want one agent reply %s by %s", events, id, self)
	}
}
