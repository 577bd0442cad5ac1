package freshdesk

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/freshdesk/freshdesktest"
	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

const secret = "shared-token-0123456789"

func TestVerify(t *testing.T) {
	body := freshdesktest.Example("rule_ticket_created")
	basic := http.Header{}
	req, _ := http.NewRequest("POST", "/", nil)
	req.SetBasicAuth("parley", secret)
	basic.Set("Authorization", req.Header.Get("Authorization"))
	badBasic := http.Header{}
	req.SetBasicAuth("parley", "guess")
	badBasic.Set("Authorization", req.Header.Get("Authorization"))
	tests := []struct {
		name   string
		secret string
		header http.Header
		want   error
	}{
		{"good header", secret, freshdesktest.Headers(secret), nil},
		{"good basic auth", secret, basic, nil},
		{"wrong token", secret, freshdesktest.Headers("shared-token-0123456780"), helpdesk.ErrSignature},
		{"token prefix only", secret, freshdesktest.Headers(secret[:10]), helpdesk.ErrSignature},
		{"wrong basic auth", secret, badBasic, helpdesk.ErrSignature},
		{"missing", secret, http.Header{}, helpdesk.ErrSignature},
		{"no secret configured", "", freshdesktest.Headers(""), helpdesk.ErrSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.header, body, time.Now())
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	id := func(name string) string { return helpdesk.BodyID(freshdesktest.Example(name)) }
	tests := []struct {
		name string
		body string
		want []helpdesk.Event
	}{
		{"rule: ticket created", "rule_ticket_created", []helpdesk.Event{{
			Source: Name, DeliveryID: id("rule_ticket_created"), Kind: helpdesk.KindCustomerMessage, Conversation: "1045",
			Author: helpdesk.AuthorCustomer, Text: "Merhaba,\nSiparişim hâlâ gelmedi. Yardımcı olabilir misiniz?\n\nTeşekkürler",
			Hints: []helpdesk.Hint{{Name: "contact.language", Value: "tr"}}, CustomerName: "Ayşe Yılmaz",
		}}},
		{"rule: customer reply, quote dropped, unfilled placeholder ignored", "rule_customer_reply", []helpdesk.Event{{
			Source: Name, DeliveryID: id("rule_customer_reply"), Kind: helpdesk.KindCustomerMessage, Conversation: "1045",
			Author: helpdesk.AuthorCustomer, Text: "Sipariş numaram 4411.", CustomerName: "Ayşe Yılmaz",
		}}},
		{"rule: agent note", "rule_agent_note", []helpdesk.Event{{
			Source: Name, DeliveryID: id("rule_agent_note"), Kind: helpdesk.KindAgentNote, Conversation: "1045",
			Author: helpdesk.AuthorAgent, Private: true, Text: "!tr Your order left our warehouse today & arrives Monday.", CustomerName: "Ayşe Yılmaz",
		}}},
		{"app: ticket created", "app_ticket_create", []helpdesk.Event{{
			Source: Name, DeliveryID: id("app_ticket_create"), Kind: helpdesk.KindCustomerMessage, Conversation: "1046",
			MessageID: "ticket-1046", Author: helpdesk.AuthorCustomer, AuthorID: "user:80012",
			Text:  "Goedemiddag,\nde factuur van oktober klopt niet.",
			Hints: []helpdesk.Hint{{Name: "contact.language", Value: "nl"}}, CustomerName: "Jan de Vries", CustomerID: "80012",
		}}},
		{"app: customer conversation", "app_conversation_create", []helpdesk.Event{{
			Source: Name, DeliveryID: id("app_conversation_create"), Kind: helpdesk.KindCustomerMessage, Conversation: "1046",
			MessageID: "5500012", Author: helpdesk.AuthorCustomer, AuthorID: "user:80012", Text: "Het gaat om factuur 2026-10-118.",
			Hints: []helpdesk.Hint{{Name: "contact.language", Value: "nl"}}, CustomerName: "Jan de Vries", CustomerID: "80012",
		}}},
		{"app: private note", "app_conversation_note", []helpdesk.Event{{
			Source: Name, DeliveryID: id("app_conversation_note"), Kind: helpdesk.KindAgentNote, Conversation: "1046",
			MessageID: "5500013", Author: helpdesk.AuthorAgent, AuthorID: "user:300", Private: true, Text: "!tr lang nl",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(http.Header{}, freshdesktest.Example(tt.body))
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
		{"unknown rule event", `{"event":"ticket_closed","ticket_id":"1"}`, helpdesk.ErrIgnored},
		{"empty text", `{"event":"customer_reply","ticket_id":"1","text":"<div><br></div>"}`, helpdesk.ErrIgnored},
		{"app event without ticket", `{"event":"onContactCreate","data":{"contact":{"id":1}}}`, helpdesk.ErrIgnored},
		{"placeholder not filled", `{"event":"customer_reply","ticket_id":"{{ticket.id}}","text":"x"}`, helpdesk.ErrPayload},
		{"numeric ticket id works", `{"event":"customer_reply","ticket_id":12,"text":"x"}`, nil},
		{"malformed json (unescaped quote)", `{"event":"customer_reply","ticket_id":"1","text":"say "hi""}`, helpdesk.ErrPayload},
		{"no event, no data", `{"ticket_id":"1"}`, helpdesk.ErrPayload},
		{"data null", `{"data":null}`, helpdesk.ErrPayload},
		{"ticket id object", `{"event":"customer_reply","ticket_id":{},"text":"x"}`, helpdesk.ErrPayload},
		{"invalid utf-8", "{\"event\":\"customer_reply\",\"ticket_id\":\"1\",\"text\":\"\xfe\"}", helpdesk.ErrPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(http.Header{}, []byte(tt.body))
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Parse(%.60q) error = %v, want %v", tt.body, err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, n := range []string{"rule_ticket_created", "rule_agent_note", "app_ticket_create", "app_conversation_create"} {
		f.Add(freshdesktest.Example(n))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		evs, err := Parse(http.Header{}, body)
		if err == nil && len(evs) == 0 {
			t.Errorf("Parse(%q) = no events and no error", body)
		}
		for _, ev := range evs {
			if _, err := ticketID(flexID(ev.Conversation)); err != nil {
				t.Errorf("Parse(%q) made conversation %q that posting rejects", body, ev.Conversation)
			}
		}
	})
}

func newFake(t *testing.T, timeout time.Duration) (*freshdesktest.Server, *Client) {
	t.Helper()
	fake := freshdesktest.New("api-key", secret)
	t.Cleanup(fake.Close)
	c, err := New(Config{URL: fake.URL, APIKey: "api-key", WebhookSecret: secret, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return fake, c
}

func TestClientPosts(t *testing.T) {
	fake, c := newFake(t, time.Second)
	ctx := context.Background()
	replyID, err := c.Reply(ctx, "1045", "Merhaba!\n<Siparişiniz> yolda & yakında.")
	if err != nil {
		t.Fatalf("Reply() error = %v", err)
	}
	noteID, err := c.Note(ctx, "1045", "Translation")
	if err != nil {
		t.Fatalf("Note() error = %v", err)
	}
	want := []freshdesktest.Post{
		{ID: 7001, TicketID: 1045, Kind: "reply", Body: "Merhaba!<br>\n&lt;Siparişiniz&gt; yolda &amp; yakında."},
		{ID: 7002, TicketID: 1045, Kind: "note", Body: "Translation", Private: true},
	}
	if diff := cmp.Diff(want, fake.Posts()); diff != "" {
		t.Errorf("posts mismatch (-want +got):\n%s", diff)
	}
	if replyID != "7001" || noteID != "7002" {
		t.Errorf("ids = %s, %s, want 7001, 7002", replyID, noteID)
	}
}

func TestClientErrors(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(*freshdesktest.Server)
		conv      string
		want      error
		wantRetry time.Duration
	}{
		{"rate limited", func(s *freshdesktest.Server) { s.FailNext(freshdesktest.Fault{Status: 429, RetryAfter: "60"}) }, "1", helpdesk.ErrTemporary, time.Minute},
		{"server error", func(s *freshdesktest.Server) { s.FailNext(freshdesktest.Fault{Status: 500}) }, "1", helpdesk.ErrTemporary, 0},
		{"deleted ticket", func(s *freshdesktest.Server) { s.Delete(1) }, "1", helpdesk.ErrPermanent, 0},
		{"timeout", func(s *freshdesktest.Server) { s.SetDelay(2 * time.Second) }, "1", helpdesk.ErrTemporary, 0},
		{"bad reference", func(*freshdesktest.Server) {}, "abc", helpdesk.ErrPermanent, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, c := newFake(t, 200*time.Millisecond)
			tt.setup(fake)
			_, err := c.Note(context.Background(), tt.conv, "x")
			helpdesktest.CheckPostError(t, "Note()", err, tt.want, tt.wantRetry, len(fake.Posts()))
		})
	}
}

func TestNewRejectsShortSecret(t *testing.T) {
	if _, err := New(Config{URL: "https://a.freshdesk.com", APIKey: "k", WebhookSecret: "short"}); !errors.Is(err, ErrConfig) {
		t.Errorf("New(short secret) = %v, want ErrConfig", err)
	}
}

// TestEchoIsRecognizable proves both echo shapes can be told apart from
// agents' messages: the app shape by id and author, the rule shape by its
// text, which is exactly what Parley posted.
func TestEchoIsRecognizable(t *testing.T) {
	for _, shape := range []freshdesktest.Echo{freshdesktest.EchoApp, freshdesktest.EchoRule} {
		fake, c := newFake(t, time.Second)
		hook := helpdesktest.NewReceiver(t, c)
		fake.SetWebhookURL(hook.URL, shape)
		const text = "Çeviri:\n<b>not bold</b> & more"
		id, err := c.Note(context.Background(), "77", text)
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
		if len(events) != 1 {
			t.Fatalf("shape %d: echo events = %d, want 1", shape, len(events))
		}
		ev := events[0]
		if ev.Kind != helpdesk.KindAgentNote || ev.Text != text {
			t.Errorf("shape %d: echo = %+v, want an agent note with the posted text", shape, ev)
		}
		if shape == freshdesktest.EchoApp && (ev.MessageID != id || ev.AuthorID != self) {
			t.Errorf("app echo = message %q by %q, want %q by %q", ev.MessageID, ev.AuthorID, id, self)
		}
	}
}
