package zendesk

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/zendesk/zendesktest"
)

const (
	secret    = "zd-signing-secret"
	sunSecret = "sunco-webhook-secret"
)

func testClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New() = %v", err)
	}
	return c
}

func fullConfig(url string) Config {
	return Config{
		URL: url, Email: "parley@example.com", APIToken: "zd-token", WebhookSecret: secret,
		SunshineURL: url, SunshineAppID: "5698edbf2a43bd081be982f1", SunshineKeyID: "app_key", SunshineKeySecret: "key-secret",
		SunshineWebhookSecret: sunSecret,
	}
}

func TestVerify(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 12, 10, 0, time.UTC)
	c := testClient(t, fullConfig("https://acme.zendesk.com"))
	support := zendesktest.Example("support_comment_customer")
	sun := zendesktest.Example("sunshine_message_user")
	good := zendesktest.SupportHeaders(secret, support, now)
	unixTS := good.Clone()
	unixTS.Set(HeaderSignatureTimestamp, "1795684330")
	noSig := good.Clone()
	noSig.Del(HeaderSignature)
	tests := []struct {
		name   string
		header http.Header
		body   []byte
		want   error
	}{
		{"support good", good, support, nil},
		{"support wrong secret", zendesktest.SupportHeaders("other", support, now), support, helpdesk.ErrSignature},
		{"support tampered body", good, append([]byte{}, support[:len(support)-2]...), helpdesk.ErrSignature},
		{"support missing signature", noSig, support, helpdesk.ErrSignature},
		{"support stale", zendesktest.SupportHeaders(secret, support, now.Add(-10*time.Minute)), support, helpdesk.ErrSignature},
		{"support timestamp not RFC 3339", unixTS, support, helpdesk.ErrSignature},
		{"sunshine good", zendesktest.SunshineHeaders(sunSecret), sun, nil},
		{"sunshine wrong key", zendesktest.SunshineHeaders("nope"), sun, helpdesk.ErrSignature},
		{"nothing", http.Header{}, sun, helpdesk.ErrSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.Verify(tt.header, tt.body, now)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
	supportOnly := testClient(t, Config{URL: "https://acme.zendesk.com", Email: "a@b.c", APIToken: "t", WebhookSecret: secret})
	if err := supportOnly.Verify(zendesktest.SunshineHeaders(""), sun, now); !errors.Is(err, helpdesk.ErrSignature) {
		t.Errorf("Verify(sunshine webhook) without sunshine configured = %v, want ErrSignature", err)
	}
}

func TestParse(t *testing.T) {
	const conv = "sunco:5698edbf2a43bd081be982f1:c2b4d1c0a3f94b0e8e1b2a77"
	tests := []struct {
		name string
		want []helpdesk.Event
	}{
		{"support_comment_customer", []helpdesk.Event{{
			Source: Name, DeliveryID: "cbe4028c-7239-495d-b020-f22348516046", Kind: helpdesk.KindCustomerMessage,
			Conversation: "ticket:5158", MessageID: "37021958720789", Author: helpdesk.AuthorCustomer, AuthorID: "user:8447388090494",
			Text: "Olá, minha assinatura foi cobrada duas vezes este mês.", CustomerName: "Beatriz Souza", CustomerID: "8447388090494",
		}}},
		{"support_comment_agent_note", []helpdesk.Event{{
			Source: Name, DeliveryID: "0f3b1e5a-6c1c-4c38-8d6b-1d2a9b7e1f00", Kind: helpdesk.KindAgentNote,
			Conversation: "ticket:5158", MessageID: "37021958720999", Author: helpdesk.AuthorAgent, AuthorID: "user:90001",
			Private: true, Text: "!tr We refunded the second charge today.", CustomerID: "8447388090494",
		}}},
		{"sunshine_message_user", []helpdesk.Event{{
			Source: Name, DeliveryID: "5f1b4e2c8b5e1a0001c1d2e3", Kind: helpdesk.KindCustomerMessage, Conversation: conv,
			MessageID: "5f1b4e2c7f2c4a000c6f0a11", Author: helpdesk.AuthorCustomer, AuthorID: "user:7494535bff5cef41a15be74d",
			Text:         "Bonjour, je n'arrive pas à me connecter à mon compte.",
			Hints:        []helpdesk.Hint{{Name: "metadata.lang", Value: "fr"}, {Name: "profile.locale", Value: "fr-CA"}},
			CustomerName: "Chloé Martin", CustomerID: "7494535bff5cef41a15be74d",
		}}},
		{"sunshine_conversation_create", []helpdesk.Event{{
			Source: Name, DeliveryID: "5f1b4e2c8b5e1a0001c1d2e0", Kind: helpdesk.KindConversationOpened, Conversation: conv,
			Author:       helpdesk.AuthorCustomer,
			Hints:        []helpdesk.Hint{{Name: "metadata.lang", Value: "fr"}, {Name: "profile.locale", Value: "fr-CA"}},
			CustomerName: "Chloé Martin", CustomerID: "7494535bff5cef41a15be74d",
		}}},
		{"sunshine_mixed", []helpdesk.Event{{
			Source: Name, DeliveryID: "ev-msg-2", Kind: helpdesk.KindAgentReply, Conversation: conv, MessageID: "msg-biz-1",
			Author: helpdesk.AuthorAgent, AuthorID: "business", Text: "Bonjour Chloé, nous regardons cela.",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(http.Header{}, zendesktest.Example(tt.name))
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
		{"support other event", string(zendesktest.Example("support_status_changed")), helpdesk.ErrIgnored},
		{"support empty comment", string(zendesktest.CommentAdded(zendesktest.Comment{TicketID: 1, CommentID: 2, Public: true})), helpdesk.ErrIgnored},
		{"sunshine only unhandled events", `{"app":{"id":"a"},"events":[{"id":"e","type":"conversation:read","payload":{}}]}`, helpdesk.ErrIgnored},
		{"sunshine empty events", `{"app":{"id":"a"},"events":[]}`, helpdesk.ErrIgnored},
		{"sunshine without app", `{"events":[{"id":"e","type":"conversation:message"}]}`, helpdesk.ErrPayload},
		{"sunshine message without conversation", `{"app":{"id":"a"},"events":[{"id":"e","type":"conversation:message","payload":{}}]}`, helpdesk.ErrPayload},
		{"sunshine unknown author", `{"app":{"id":"a"},"events":[{"id":"e","type":"conversation:message","payload":{"conversation":{"id":"c"},"message":{"id":"m","author":{"type":"robot"},"content":{"type":"text","text":"x"}}}}]}`, helpdesk.ErrPayload},
		{"support ticket id not a number", `{"id":"x","type":"zen:event-type:ticket.comment_added","detail":{"id":"abc"},"event":{"comment":{"id":"1","body":"x","is_public":true}}}`, helpdesk.ErrPayload},
		{"support without comment", `{"id":"x","type":"zen:event-type:ticket.comment_added","detail":{"id":"1"},"event":{}}`, helpdesk.ErrPayload},
		{"malformed json", `{"type":`, helpdesk.ErrPayload},
		{"invalid utf-8", "{\"type\":\"\xff\"}", helpdesk.ErrPayload},
		{"empty object", `{}`, helpdesk.ErrIgnored},
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
	for _, n := range []string{"support_comment_customer", "support_comment_agent_note", "sunshine_message_user", "sunshine_mixed"} {
		f.Add(zendesktest.Example(n))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		evs, err := Parse(http.Header{}, body)
		if err == nil && len(evs) == 0 {
			t.Errorf("Parse(%q) = no events and no error", body)
		}
		for _, ev := range evs {
			_, ticket := parseTicketRef(ev.Conversation)
			_, _, sun := parseSunshineRef(ev.Conversation)
			if !ticket && !sun {
				t.Errorf("Parse(%q) made conversation %q that posting rejects", body, ev.Conversation)
			}
		}
	})
}

func TestParseSupportNumericIDs(t *testing.T) {
	body := `{"id":"e1","type":"zen:event-type:ticket.comment_added","detail":{"id":42,"requester_id":7},
		"event":{"comment":{"id":99,"body":"hej","is_public":true,"author":{"id":7,"is_staff":false,"name":"Nils"}}}}`
	got, err := Parse(http.Header{}, []byte(body))
	if err != nil {
		t.Fatalf("Parse() error = %v", err)
	}
	want := []helpdesk.Event{{Source: Name, DeliveryID: "e1", Kind: helpdesk.KindCustomerMessage, Conversation: "ticket:42",
		MessageID: "99", Author: helpdesk.AuthorCustomer, AuthorID: "user:7", Text: "hej", CustomerName: "Nils", CustomerID: "7"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse() mismatch (-want +got):\n%s", diff)
	}
}
