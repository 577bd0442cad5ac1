package chatwoot

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/helpdesk/chatwoot/chatwoottest"
	"github.com/parleyhq/parley/gateway/helpdesk/helpdesktest"
)

func newFake(t *testing.T) (*chatwoottest.Server, *Client) {
	t.Helper()
	fake := chatwoottest.New("tok", secret)
	t.Cleanup(fake.Close)
	c := newClient(t, Config{URL: fake.URL, APIToken: "tok", WebhookSecret: secret, Timeout: 2 * time.Second})
	return fake, c
}

func TestClientPosts(t *testing.T) {
	fake, c := newFake(t)
	ctx := context.Background()
	replyID, err := c.Reply(ctx, "1:812", "Здравствуйте! <b>Мы</b> ответим скоро.")
	if err != nil {
		t.Fatalf("Reply() error = %v", err)
	}
	noteID, err := c.Note(ctx, "1:812", "Translation: hello")
	if err != nil {
		t.Fatalf("Note() error = %v", err)
	}
	if replyID == "" || noteID == "" || replyID == noteID {
		t.Fatalf("Reply(), Note() ids = %q, %q, want two distinct ids", replyID, noteID)
	}
	want := []chatwoottest.Post{
		{ID: 9001, AccountID: 1, ConversationID: 812, Content: "Здравствуйте! <b>Мы</b> ответим скоро.", Private: false},
		{ID: 9002, AccountID: 1, ConversationID: 812, Content: "Translation: hello", Private: true},
	}
	if diff := cmp.Diff(want, fake.Posts()); diff != "" {
		t.Errorf("posts mismatch (-want +got):\n%s", diff)
	}
	if replyID != "9001" || noteID != "9002" {
		t.Errorf("ids = %q, %q, want 9001, 9002", replyID, noteID)
	}
}

func TestClientErrors(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(*chatwoottest.Server)
		conv      string
		want      error
		wantRetry time.Duration
	}{
		{"rate limited", func(s *chatwoottest.Server) { s.FailNext(chatwoottest.Fault{Status: 429, RetryAfter: "12"}) }, "1:2", helpdesk.ErrTemporary, 12 * time.Second},
		{"server error", func(s *chatwoottest.Server) { s.FailNext(chatwoottest.Fault{Status: 500}) }, "1:2", helpdesk.ErrTemporary, 0},
		{"deleted conversation", func(s *chatwoottest.Server) { s.Delete(2) }, "1:2", helpdesk.ErrPermanent, 0},
		{"timeout", func(s *chatwoottest.Server) { s.SetDelay(3 * time.Second) }, "1:2", helpdesk.ErrTemporary, 0},
		{"bad reference", func(*chatwoottest.Server) {}, "812", helpdesk.ErrPermanent, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := chatwoottest.New("tok", secret)
			defer fake.Close()
			tt.setup(fake)
			c := newClient(t, Config{URL: fake.URL, APIToken: "tok", WebhookSecret: secret, Timeout: 200 * time.Millisecond})
			_, err := c.Note(context.Background(), tt.conv, "x")
			helpdesktest.CheckPostError(t, "Note()", err, tt.want, tt.wantRetry, len(fake.Posts()))
		})
	}
}

func TestClientWrongToken(t *testing.T) {
	fake := chatwoottest.New("tok", secret)
	defer fake.Close()
	c := newClient(t, Config{URL: fake.URL, APIToken: "wrong", WebhookSecret: secret})
	if _, err := c.Reply(context.Background(), "1:2", "x"); !errors.Is(err, helpdesk.ErrPermanent) {
		t.Errorf("Reply() with a wrong token = %v, want ErrPermanent", err)
	}
}

func TestIdentity(t *testing.T) {
	fake, c := newFake(t)
	got, err := c.Identity(context.Background())
	if err != nil || got != "user:2" {
		t.Errorf("Identity() = %q, %v, want user:2", got, err)
	}
	c2 := newClient(t, Config{URL: fake.URL, APIToken: "tok", WebhookSecret: secret, SenderID: "agent_bot:4"})
	if got, _ := c2.Identity(context.Background()); got != "agent_bot:4" {
		t.Errorf("Identity() with SenderID = %q, want agent_bot:4", got)
	}
}

// TestEchoIsRecognizable proves the webhook Chatwoot sends for Parley's own
// post verifies, parses, and carries the id the post returned and Parley's
// identity, which is what the pipeline uses to ignore it.
func TestEchoIsRecognizable(t *testing.T) {
	fake, c := newFake(t)
	hook := helpdesktest.NewReceiver(t, c)
	fake.SetWebhookURL(hook.URL)

	id, err := c.Note(context.Background(), "1:812", "note")
	if err != nil {
		t.Fatalf("Note() error = %v", err)
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
		t.Fatalf("echo events = %d, want 1", len(events))
	}
	ev := events[0]
	if ev.MessageID != id || ev.AuthorID != self || ev.Kind != helpdesk.KindAgentNote || ev.Conversation != "1:812" {
		t.Errorf("echo = %+v, want message %s by %s, an agent note in 1:812", ev, id, self)
	}
}
