package zendesk

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/parleyhq/parley/gateway/helpdesk"
)

// HeaderAPIKey carries the Sunshine Conversations webhook secret.
const HeaderAPIKey = "X-API-Key"

// Sunshine Conversations event types Parley handles.
const (
	TypeConversationMessage = "conversation:message"
	TypeConversationCreate  = "conversation:create"
)

// originKey and originParley mark the messages Parley posts; Sunshine
// Conversations keeps message metadata and returns it in webhooks.
const (
	originKey    = "origin"
	originParley = "parley"
)

// VerifySunshine checks the X-API-Key of a Sunshine Conversations webhook
// in constant time. The scheme signs nothing and has no timestamp, so
// replays are caught by deduplicating event ids. Errors wrap
// helpdesk.ErrSignature.
func VerifySunshine(secret string, header http.Header) error {
	if secret == "" {
		return fmt.Errorf("%w: no sunshine conversations webhook secret configured", helpdesk.ErrSignature)
	}
	got := header.Get(HeaderAPIKey)
	if got == "" {
		return fmt.Errorf("%w: missing %s", helpdesk.ErrSignature, HeaderAPIKey)
	}
	if !helpdesk.EqualSecret(got, secret) {
		return fmt.Errorf("%w: wrong %s", helpdesk.ErrSignature, HeaderAPIKey)
	}
	return nil
}

type sunshineBody struct {
	App *struct {
		ID string `json:"id"`
	} `json:"app"`
	Events []sunshineEvent `json:"events"`
}

type sunshineEvent struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Payload *struct {
		Conversation *struct {
			ID       string         `json:"id"`
			Metadata map[string]any `json:"metadata"`
		} `json:"conversation"`
		Message *struct {
			ID     string `json:"id"`
			Author struct {
				Type        string        `json:"type"`
				UserID      string        `json:"userId"`
				DisplayName string        `json:"displayName"`
				User        *sunshineUser `json:"user"`
			} `json:"author"`
			Content struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"content"`
			Metadata map[string]any `json:"metadata"`
		} `json:"message"`
		User *sunshineUser `json:"user"`
	} `json:"payload"`
}

type sunshineUser struct {
	ID      string `json:"id"`
	Profile *struct {
		GivenName string `json:"givenName"`
		Surname   string `json:"surname"`
		Locale    string `json:"locale"`
	} `json:"profile"`
}

// parseSunshine turns a webhook's events into Parley events. Events Parley
// does not handle are skipped; if none is left the error wraps
// helpdesk.ErrIgnored.
func parseSunshine(body []byte) ([]helpdesk.Event, error) {
	var b sunshineBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, fmt.Errorf("%w: sunshine conversations webhook: %v", helpdesk.ErrPayload, err)
	}
	if b.App == nil || b.App.ID == "" {
		return nil, fmt.Errorf("%w: sunshine conversations webhook without app id", helpdesk.ErrPayload)
	}
	var (
		out     []helpdesk.Event
		skipped []string
	)
	for _, e := range b.Events {
		ev, err := sunshineToEvent(b.App.ID, e)
		if errors.Is(err, helpdesk.ErrIgnored) {
			skipped = append(skipped, err.Error())
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no sunshine conversations event to handle (%s)", helpdesk.ErrIgnored, strings.Join(skipped, "; "))
	}
	return out, nil
}

func sunshineToEvent(app string, e sunshineEvent) (helpdesk.Event, error) {
	if e.Type != TypeConversationMessage && e.Type != TypeConversationCreate {
		return helpdesk.Event{}, fmt.Errorf("%w: event type %q", helpdesk.ErrIgnored, e.Type)
	}
	p := e.Payload
	if e.ID == "" || p == nil || p.Conversation == nil || p.Conversation.ID == "" {
		return helpdesk.Event{}, fmt.Errorf("%w: sunshine conversations %s without id or conversation", helpdesk.ErrPayload, e.Type)
	}
	ev := helpdesk.Event{Source: Name, DeliveryID: e.ID, Conversation: SunshineRef(app, p.Conversation.ID)}
	if _, _, ok := parseSunshineRef(ev.Conversation); !ok {
		return helpdesk.Event{}, fmt.Errorf("%w: sunshine conversations ids %q, %q", helpdesk.ErrPayload, app, p.Conversation.ID)
	}
	if lang, _ := p.Conversation.Metadata["lang"].(string); lang != "" {
		ev.Hints = append(ev.Hints, helpdesk.Hint{Name: "metadata.lang", Value: lang})
	}
	if e.Type == TypeConversationCreate {
		ev.Kind, ev.Author = helpdesk.KindConversationOpened, helpdesk.AuthorCustomer
		addUser(&ev, p.User)
		return ev, nil
	}
	m := p.Message
	if m == nil || m.ID == "" {
		return helpdesk.Event{}, fmt.Errorf("%w: sunshine conversations message without id", helpdesk.ErrPayload)
	}
	ev.MessageID = m.ID
	if m.Content.Type != "text" || strings.TrimSpace(m.Content.Text) == "" {
		return helpdesk.Event{}, fmt.Errorf("%w: %s message %s", helpdesk.ErrIgnored, m.Content.Type, m.ID)
	}
	ev.Text = strings.TrimSpace(m.Content.Text)
	switch m.Author.Type {
	case "user":
		ev.Kind, ev.Author = helpdesk.KindCustomerMessage, helpdesk.AuthorCustomer
		ev.AuthorID = "user:" + m.Author.UserID
		ev.CustomerName = m.Author.DisplayName
		addUser(&ev, m.Author.User)
	case "business":
		ev.Kind, ev.Author, ev.AuthorID = helpdesk.KindAgentReply, helpdesk.AuthorAgent, "business"
		if origin, _ := m.Metadata[originKey].(string); origin == originParley {
			ev.Own, ev.AuthorID = true, "business:"+originParley
		}
	default:
		return helpdesk.Event{}, fmt.Errorf("%w: sunshine conversations message %s has author type %q", helpdesk.ErrPayload, m.ID, m.Author.Type)
	}
	return ev, nil
}

func addUser(ev *helpdesk.Event, u *sunshineUser) {
	if u == nil {
		return
	}
	if ev.CustomerID == "" {
		ev.CustomerID = u.ID
	}
	if u.Profile == nil {
		return
	}
	if ev.CustomerName == "" {
		ev.CustomerName = strings.TrimSpace(u.Profile.GivenName + " " + u.Profile.Surname)
	}
	if u.Profile.Locale != "" {
		ev.Hints = append(ev.Hints, helpdesk.Hint{Name: "profile.locale", Value: u.Profile.Locale})
	}
}
