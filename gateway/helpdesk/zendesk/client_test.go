package zendesk

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
	"github.com/parleyhq/parley/gateway/helpdesk/zendesk/zendesktest"
)

const sunConv = "sunco:5698edbf2a43bd081be982f1:c2b4d1c0a3f94b0e8e1b2a77"

func newFake(t *testing.T, timeout time.Duration) (*zendesktest.Server, *Client) {
	t.Helper()
	fake := zendesktest.New(secret, sunSecret)
	t.Cleanup(fake.Close)
	cfg := fullConfig(fake.URL)
	cfg.Timeout = timeout
	cfg.BusinessName = "Acme"
	return fake, testClient(t, cfg)
}

func TestClientPosts(t *testing.T) {
	fake, c := newFake(t, time.Second)
	ctx := context.Background()
	noteID, err := c.Note(ctx, "ticket:5158", "Tradução:\n<script>x</script>")
	if err != nil {
		t.Fatalf("Note() error = %v", err)
	}
	replyID, err := c.Reply(ctx, "ticket:5158", "Olá")
	if err != nil {
		t.Fatalf("Reply() error = %v", err)
	}
	msgID, err := c.Reply(ctx, sunConv, "Bonjour <b>!</b>")
	if err != nil {
		t.Fatalf("Reply(sunshine) error = %v", err)
	}
	want := []zendesktest.Post{
		{ID: "40000000000001", TicketID: 5158, Body: "Tradução:<br>\n&lt;script&gt;x&lt;/script&gt;", Public: false},
		{ID: "40000000000002", TicketID: 5158, Body: "Olá", Public: true},
		{ID: "msg246139ca8003", AppID: "5698edbf2a43bd081be982f1", ConversationID: "c2b4d1c0a3f94b0e8e1b2a77",
			Body: "Bonjour <b>!</b>", Public: true, Metadata: map[string]any{"origin": "parley"}},
	}
	if diff := cmp.Diff(want, fake.Posts()); diff != "" {
		t.Errorf("posts mismatch (-want +got):\n%s", diff)
	}
	if noteID != want[0].ID || replyID != want[1].ID || msgID != want[2].ID {
		t.Errorf("ids = %s, %s, %s, want the fake's ids", noteID, replyID, msgID)
	}
	if TakesNotes(sunConv) || !TakesNotes("ticket:5158") {
		t.Errorf("TakesNotes(%q), TakesNotes(ticket) = %v, %v, want false, true", sunConv, TakesNotes(sunConv), TakesNotes("ticket:5158"))
	}
	if _, err := c.Note(ctx, sunConv, "x"); !errors.Is(err, helpdesk.ErrPermanent) {
		t.Errorf("Note(messaging conversation) = %v, want ErrPermanent", err)
	}
}

func TestClientErrors(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(*zendesktest.Server)
		conv      string
		want      error
		wantRetry time.Duration
	}{
		{"rate limited", func(s *zendesktest.Server) { s.FailNext(zendesktest.Fault{Status: 429, RetryAfter: "45"}) }, "ticket:1", helpdesk.ErrTemporary, 45 * time.Second},
		{"sunshine rate limited", func(s *zendesktest.Server) { s.FailNext(zendesktest.Fault{Status: 429, RetryAfter: "5"}) }, sunConv, helpdesk.ErrTemporary, 5 * time.Second},
		{"server error", func(s *zendesktest.Server) { s.FailNext(zendesktest.Fault{Status: 503}) }, "ticket:1", helpdesk.ErrTemporary, 0},
		{"deleted ticket", func(s *zendesktest.Server) { s.Delete(1) }, "ticket:1", helpdesk.ErrPermanent, 0},
		{"timeout", func(s *zendesktest.Server) { s.SetDelay(2 * time.Second) }, "ticket:1", helpdesk.ErrTemporary, 0},
		{"bad reference", func(*zendesktest.Server) {}, "5158", helpdesk.ErrPermanent, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, c := newFake(t, 200*time.Millisecond)
			tt.setup(fake)
			_, err := c.Reply(context.Background(), tt.conv, "x")
			helpdesktest.CheckPostError(t, "Reply()", err, tt.want, tt.wantRetry, len(fake.Posts()))
		})
	}
}

func TestUserLocale(t *testing.T) {
	fake, c := newFake(t, time.Second)
	fake.Locales[8447388090494] = "pt-BR"
	got, err := c.UserLocale(context.Background(), "8447388090494")
	if err != nil || got != "pt-BR" {
		t.Errorf("UserLocale() = %q, %v, want pt-BR", got, err)
	}
	if _, err := c.UserLocale(context.Background(), "404"); !errors.Is(err, helpdesk.ErrPermanent) {
		t.Errorf("UserLocale(unknown) = %v, want ErrPermanent", err)
	}
	if _, err := c.UserLocale(context.Background(), "../me"); !errors.Is(err, helpdesk.ErrPermanent) {
		t.Errorf("UserLocale(path) = %v, want ErrPermanent", err)
	}
}

func TestEchoIsRecognizable(t *testing.T) {
	fake, c := newFake(t, time.Second)
	hook := helpdesktest.NewReceiver(t, c)
	fake.SetWebhookURL(hook.URL)
	ctx := context.Background()
	noteID, err := c.Note(ctx, "ticket:7", "Translation:\nhello & bye")
	if err != nil {
		t.Fatal(err)
	}
	msgID, err := c.Reply(ctx, sunConv, "Bonjour")
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range fake.WebhookErrors() {
		if err != nil {
			t.Fatalf("echo webhook failed: %v", err)
		}
	}
	self, err := c.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]helpdesk.Event{}
	for _, ev := range hook.Events() {
		byID[ev.MessageID] = ev
	}
	note, ok := byID[noteID]
	if !ok || note.AuthorID != self || note.Kind != helpdesk.KindAgentNote || note.Text != "Translation:\nhello & bye" {
		t.Errorf("support echo = %+v, want agent note %s by %s", note, noteID, self)
	}
	msg, ok := byID[msgID]
	if !ok || !msg.Own || msg.Kind != helpdesk.KindAgentReply {
		t.Errorf("sunshine echo = %+v, want an own agent reply %s", msg, msgID)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"nothing", Config{}},
		{"support without secret", Config{URL: "https://a.zendesk.com", Email: "a@b.c", APIToken: "t"}},
		{"support bad url", Config{URL: "a.zendesk.com", Email: "a@b.c", APIToken: "t", WebhookSecret: "s"}},
		{"sunshine without key", Config{SunshineAppID: "app", SunshineWebhookSecret: "s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg); !errors.Is(err, ErrConfig) {
				t.Errorf("New(%+v) = %v, want ErrConfig", tt.cfg, err)
			}
		})
	}
}
