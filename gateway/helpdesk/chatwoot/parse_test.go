package chatwoot

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot/chatwoottest"
)

func TestParse(t *testing.T) {
	hdr := http.Header{HeaderDelivery: []string{"d-42"}}
	tests := []struct {
		name string
		body []byte
		want []helpdesk.Event
	}{
		{"customer message", chatwoottest.Example("message_created_incoming"), []helpdesk.Event{{
			Source: Name, DeliveryID: "d-42", Kind: helpdesk.KindCustomerMessage, Conversation: "1:812",
			MessageID: "4521", Author: helpdesk.AuthorCustomer, AuthorID: "contact:57",
			Text:         "Здравствуйте! Мой заказ до сих пор не пришёл.",
			Hints:        []helpdesk.Hint{{Name: "browser_language", Value: "ru"}},
			CustomerName: "Иван Петров", CustomerID: "57",
		}}},
		{"agent private note, null additional_attributes", chatwoottest.Example("message_created_private_note"), []helpdesk.Event{{
			Source: Name, DeliveryID: "d-42", Kind: helpdesk.KindAgentNote, Conversation: "1:812",
			MessageID: "4530", Author: helpdesk.AuthorAgent, AuthorID: "user:2", Private: true,
			Text: "!tr Your parcel left our warehouse yesterday.", CustomerName: "Иван Петров", CustomerID: "57",
		}}},
		{"agent public reply", chatwoottest.Example("message_created_outgoing"), []helpdesk.Event{{
			Source: Name, DeliveryID: "d-42", Kind: helpdesk.KindAgentReply, Conversation: "1:812",
			MessageID: "4533", Author: helpdesk.AuthorAgent, AuthorID: "user:2",
			Text:         "Мы проверили ваш заказ, он уже в пути.",
			Hints:        []helpdesk.Hint{{Name: "conversation_language", Value: "ru"}, {Name: "browser_language", Value: "ru"}},
			CustomerName: "Иван Петров", CustomerID: "57",
		}}},
		{"conversation created", chatwoottest.Example("conversation_created"), []helpdesk.Event{{
			Source: Name, DeliveryID: "d-42", Kind: helpdesk.KindConversationOpened, Conversation: "1:815",
			Author: helpdesk.AuthorCustomer, Hints: []helpdesk.Hint{{Name: "browser_language", Value: "ar"}}, CustomerName: "ليلى", CustomerID: "64",
		}}},
		{"widget opened", chatwoottest.Example("webwidget_triggered"), []helpdesk.Event{{
			Source: Name, DeliveryID: "d-42", Kind: helpdesk.KindConversationOpened, Conversation: "1:815",
			Author: helpdesk.AuthorCustomer, Hints: []helpdesk.Hint{{Name: "browser_language", Value: "ar"}}, CustomerName: "ليلى", CustomerID: "64",
		}}},
		{"agent bot message", chatwoottest.MessageCreated(chatwoottest.Message{
			ID: 5, AccountID: 4, ConversationID: 6, Content: "hi", Type: "outgoing", SenderType: "agent_bot", SenderID: 9,
		}), []helpdesk.Event{{
			Source: Name, DeliveryID: "d-42", Kind: helpdesk.KindAgentReply, Conversation: "4:6", MessageID: "5",
			Author: helpdesk.AuthorBot, AuthorID: "agent_bot:9", Text: "hi", CustomerName: "Customer", CustomerID: "57",
		}}},
		{"numeric message_type", []byte(`{"event":"message_created","id":7,"content":"hola","message_type":0,"private":false,
			"sender":{"id":3,"type":"contact"},"conversation":{"id":2,"additional_attributes":{"browser_language":5}},"account":{"id":1}}`),
			[]helpdesk.Event{{Source: Name, DeliveryID: "d-42", Kind: helpdesk.KindCustomerMessage, Conversation: "1:2",
				MessageID: "7", Author: helpdesk.AuthorCustomer, AuthorID: "contact:3", Text: "hola", CustomerID: "3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(hdr, tt.body, 0)
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
		name string
		body string
		want error
	}{
		{"activity message", string(chatwoottest.Example("message_created_activity")), helpdesk.ErrIgnored},
		{"other event", string(chatwoottest.Example("conversation_status_changed")), helpdesk.ErrIgnored},
		{"message_updated", `{"event":"message_updated","id":1}`, helpdesk.ErrIgnored},
		{"template message", `{"event":"message_created","id":1,"content":"x","message_type":"template","conversation":{"id":2},"account":{"id":1}}`, helpdesk.ErrIgnored},
		{"attachment only", `{"event":"message_created","id":1,"content":null,"message_type":"incoming","conversation":{"id":2},"account":{"id":1}}`, helpdesk.ErrIgnored},
		{"widget before a conversation", `{"event":"webwidget_triggered","account":{"id":1},"current_conversation":null,"event_info":{"browser_language":"de"}}`, helpdesk.ErrIgnored},
		{"malformed json", `{"event":"message_created",`, helpdesk.ErrPayload},
		{"not an object", `[1,2]`, helpdesk.ErrPayload},
		{"no event", `{"id":1}`, helpdesk.ErrPayload},
		{"invalid utf-8", "{\"event\":\"message_created\",\"content\":\"\xff\"}", helpdesk.ErrPayload},
		{"no conversation", `{"event":"message_created","id":1,"content":"x","message_type":"incoming","account":{"id":1}}`, helpdesk.ErrPayload},
		{"no account anywhere", `{"event":"message_created","id":1,"content":"x","message_type":"incoming","conversation":{"id":2}}`, helpdesk.ErrPayload},
		{"conversation id not a number", `{"event":"message_created","id":1,"content":"x","message_type":"incoming","conversation":{"id":"abc"},"account":{"id":1}}`, helpdesk.ErrPayload},
		{"no message id", `{"event":"message_created","content":"x","message_type":"incoming","conversation":{"id":2},"account":{"id":1}}`, helpdesk.ErrPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(http.Header{}, []byte(tt.body), 0)
			if !errors.Is(err, tt.want) {
				t.Errorf("Parse(%.60q) error = %v, want %v", tt.body, err, tt.want)
			}
		})
	}
}

func TestParseDefaultAccount(t *testing.T) {
	body := []byte(`{"event":"conversation_created","id":33,"messages":[],"additional_attributes":{}}`)
	got, err := Parse(http.Header{}, body, 7)
	if err != nil {
		t.Fatalf("Parse() error = %v", err)
	}
	if got[0].Conversation != "7:33" {
		t.Errorf("Parse().Conversation = %q, want %q", got[0].Conversation, "7:33")
	}
	if got[0].DeliveryID != helpdesk.BodyID(body) {
		t.Errorf("Parse().DeliveryID = %q, want the body id when no delivery header", got[0].DeliveryID)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"message_created_incoming", "message_created_private_note", "conversation_created", "webwidget_triggered"} {
		f.Add(chatwoottest.Example(name))
	}
	f.Add([]byte(`{"event":"message_created","message_type":3}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		evs, err := Parse(http.Header{}, body, 1)
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
