package web

import (
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/parleyhq/parley/gateway/store"
)

// timeView is a moment as the pages show it.
type timeView struct {
	Set       bool
	ISO, Text string
}

func newTimeView(t *time.Time) timeView {
	if t == nil || t.IsZero() {
		return timeView{}
	}
	u := t.UTC()
	return timeView{Set: true, ISO: u.Format(time.RFC3339), Text: u.Format("2006-01-02 15:04 UTC")}
}

// languageView is a language decision: the tag, how it was decided and how
// sure that was.
type languageView struct {
	Tag        string // a valid BCP 47 tag, or "" when undecided or unknown
	Source     string
	Confidence string
	// Romanized is the language the text is typed in with Latin letters
	// ("ru" for "spasibo"), a valid tag or "".
	Romanized string
}

func newLanguageView(tag, source string, confidence float64) languageView {
	v := languageView{Tag: langTag(tag), Source: source}
	if confidence > 0 {
		v.Confidence = fmt.Sprintf("%.0f%%", confidence*100)
	}
	return v
}

// messageLanguageView is a message's language decision, with the language
// of a text typed in Latin letters.
func messageLanguageView(m store.Message) languageView {
	v := newLanguageView(m.Language, m.LanguageSource, m.LanguageConfidence)
	v.Romanized = langTag(m.Romanized)
	return v
}

// langTag returns tag in canonical form for a lang attribute, or "" when it
// is empty, undetermined or not a language tag at all.
func langTag(tag string) string {
	if tag == "" {
		return ""
	}
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return ""
	}
	return t.String()
}

// conversationView is one conversation's header, in the list and atop its
// thread.
type conversationView struct {
	ID                        int64
	Source, ExternalID        string
	CustomerName              string
	Language                  languageView
	CustomerLast, AgentLast   timeView
	Acknowledged              timeView
	Messages, Waiting, Failed int
}

func newConversationView(c store.Conversation) conversationView {
	return conversationView{
		ID: c.ID, Source: c.Source, ExternalID: c.ExternalID, CustomerName: c.CustomerName,
		Language:     newLanguageView(c.CustomerLanguage, c.LanguageSource, c.LanguageConfidence),
		CustomerLast: newTimeView(c.CustomerLastAt), AgentLast: newTimeView(c.AgentLastAt),
		Acknowledged: newTimeView(c.AcknowledgedAt),
	}
}

type listPage struct {
	Conversations []conversationView
	Truncated     bool
}

func newListPage(cs []store.ConversationSummary, limit int) listPage {
	p := listPage{Truncated: len(cs) >= limit}
	for _, s := range cs {
		v := newConversationView(s.Conversation)
		v.Messages, v.Waiting, v.Failed = s.Messages, s.Waiting, s.Failed
		p.Conversations = append(p.Conversations, v)
	}
	return p
}

// translationView is the translation column of one message.
type translationView struct {
	Status store.TranslationStatus
	Label  string
	// Text is set only for a finished translation: a failed one's output,
	// if any, is never shown.
	Text, Lang string
	Detail     string
}

func newTranslationView(m store.Message, t store.Translation) translationView {
	v := translationView{Status: t.Status}
	to := t.Language
	if to == "" {
		to = "the agent language"
	}
	switch t.Status {
	case store.TranslationDone:
		v.Label, v.Text, v.Lang = "Translation into "+to, t.Text, langTag(t.Language)
		if t.Provider != "" {
			v.Detail = "by " + t.Provider
			if t.Model != "" {
				v.Detail += " (" + t.Model + ")"
			}
		}
	case store.TranslationPending:
		v.Label, v.Detail = "Translation pending", "Waiting for the translation into "+to+"."
		if t.Error != "" {
			v.Detail = "Waiting for the translation into " + to + ": " + t.Error + "."
		}
		if t.Attempts > 0 {
			v.Detail += fmt.Sprintf(" Tried %d %s so far.", t.Attempts, plural(t.Attempts, "time", "times"))
		}
	case store.TranslationFailed:
		v.Label, v.Detail = "Translation failed", "The translation into "+to+" failed"
		if t.Error != "" {
			v.Detail += ": " + t.Error
		}
		v.Detail += ". The original is shown."
	case store.TranslationOff:
		v.Label, v.Detail = "No translation", "Machine translation is off."
	case store.TranslationNotNeeded:
		v.Label, v.Detail = "No translation", "Not needed: "+notNeededWhy(m, to)
	default:
		v.Label, v.Detail = "Translation", "Status unknown."
	}
	return v
}

func notNeededWhy(m store.Message, to string) string {
	if m.Author != store.AuthorCustomer {
		return "written by the team."
	}
	return "already in " + to + "."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// messageView is one message of a thread and what Parley posted after it.
type messageView struct {
	ID          int64
	Author      store.Author
	AuthorLabel string
	Private     bool
	Time        timeView
	Language    languageView
	Text        string
	Translation translationView
	Deliveries  []deliveryView
}

var authorLabels = map[store.Author]string{
	store.AuthorCustomer: "Customer",
	store.AuthorAgent:    "Agent",
	store.AuthorSystem:   "System",
}

// deliveryView is one post Parley made, or is making, to the conversation.
type deliveryView struct {
	Kind       store.DeliveryKind
	KindLabel  string
	Visibility string
	Status     store.DeliveryStatus
	Time       timeView
	Attempts   string
	Lang       string
	Text       string
	Error      string
}

var deliveryKinds = map[store.DeliveryKind]struct{ label, visibility string }{
	store.DeliveryAck:      {"the acknowledgement", "public reply"},
	store.DeliveryNote:     {"a note for agents", "private note"},
	store.DeliveryReply:    {"a translated reply", "public reply"},
	store.DeliveryFollowUp: {"a follow-up", "public reply"},
}

// maxReason bounds how much of a delivery's failure reason is shown.
const maxReason = 300

func newDeliveryView(d store.Delivery) deliveryView {
	k, ok := deliveryKinds[d.Kind]
	if !ok {
		k.label, k.visibility = string(d.Kind), "post"
	}
	v := deliveryView{Kind: d.Kind, KindLabel: k.label, Visibility: k.visibility, Status: d.Status,
		Time: newTimeView(&d.CreatedAt), Lang: langTag(d.Language), Text: d.Text}
	if d.SentAt != nil {
		v.Time = newTimeView(d.SentAt)
	}
	if d.Attempts > 1 {
		v.Attempts = fmt.Sprintf("%d attempts", d.Attempts)
	}
	if d.Status != store.DeliverySent && d.Error != "" {
		v.Error = truncate(d.Error, maxReason)
	}
	return v
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

type threadPage struct {
	Conv          conversationView
	AgentLanguage string
	// Before holds posts older than every message shown.
	Before    []deliveryView
	Messages  []messageView
	Truncated bool
}

// newThreadPage puts a thread together: each message with its translation
// status and, after it, the posts that answer it; a post that answers no
// single message goes after the last message written before it.
func newThreadPage(c store.Conversation, msgs []store.Message, ts []store.Translation, ds []store.Delivery,
	translationOf TranslationFunc) threadPage {
	p := threadPage{Conv: newConversationView(c), AgentLanguage: langTag(c.AgentLanguage)}
	byMessage := make(map[int64][]store.Translation)
	for _, t := range ts {
		byMessage[t.MessageID] = append(byMessage[t.MessageID], t)
	}
	index := make(map[int64]int, len(msgs))
	for i, m := range msgs {
		index[m.ID] = i
		p.Messages = append(p.Messages, messageView{
			ID: m.ID, Author: m.Author, AuthorLabel: authorLabels[m.Author], Private: m.Private,
			Time:        newTimeView(&m.CreatedAt),
			Language:    messageLanguageView(m),
			Text:        m.Text,
			Translation: newTranslationView(m, translationOf(m, byMessage[m.ID])),
		})
	}
	for _, d := range ds {
		i, ok := index[d.MessageID]
		if !ok {
			i = lastBefore(msgs, d.CreatedAt)
		}
		if i < 0 {
			p.Before = append(p.Before, newDeliveryView(d))
			continue
		}
		p.Messages[i].Deliveries = append(p.Messages[i].Deliveries, newDeliveryView(d))
	}
	return p
}

// lastBefore returns the index of the last message written no later than t,
// or -1.
func lastBefore(msgs []store.Message, t time.Time) int {
	last := -1
	for i, m := range msgs {
		if m.CreatedAt.After(t) {
			break
		}
		last = i
	}
	return last
}
