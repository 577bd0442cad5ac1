package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/translate"
)

// Identifier tells which author id a helpdesk gives Parley's own posts.
type Identifier interface {
	Identity(ctx context.Context) (string, error)
}

// Outcome says what the pipeline did with a helpdesk event.
type Outcome string

// The outcomes of taking in an event.
const (
	OutcomeAccepted  Outcome = "accepted"  // a message stored and its jobs scheduled
	OutcomeDuplicate Outcome = "duplicate" // seen before; nothing done
	OutcomeOwn       Outcome = "own"       // Parley's own post coming back; nothing done
	OutcomeReply     Outcome = "reply"     // a reply command; the translated reply is scheduled
	OutcomeOverride  Outcome = "override"  // a language override recorded
	OutcomeIgnored   Outcome = "ignored"   // nothing to do (an ordinary note, an unknown command)
)

// Intake takes in one helpdesk event: it never reacts to Parley's own posts,
// accepts customer messages, records agents' public replies (which stop the
// follow-up), and turns private notes that start with the reply prefix into
// translated replies or language overrides.
func (p *Pipeline) Intake(ctx context.Context, ev helpdesk.Event) (Outcome, error) {
	if own, err := p.isOwn(ctx, ev); err != nil || own {
		return OutcomeOwn, err
	}
	switch ev.Kind {
	case helpdesk.KindCustomerMessage:
		return p.intakeMessage(ctx, ev, store.AuthorCustomer)
	case helpdesk.KindAgentReply:
		return p.intakeMessage(ctx, ev, store.AuthorAgent)
	case helpdesk.KindAgentNote:
		return p.intakeCommand(ctx, ev)
	case helpdesk.KindConversationOpened:
		return p.intakeOpened(ctx, ev)
	}
	return OutcomeIgnored, nil
}

// isOwn recognizes the webhook a post of Parley's causes: by the id the
// helpdesk answered the post with, by the author id Parley posts as, or by
// a mark the payload carries.
func (p *Pipeline) isOwn(ctx context.Context, ev helpdesk.Event) (bool, error) {
	if ev.Own {
		return true, nil
	}
	if ev.MessageID != "" {
		own, err := p.DB.IsOwnPost(ctx, ev.Source, ev.MessageID)
		if err != nil || own {
			return own, err
		}
	}
	if ev.AuthorID != "" && ev.Author != helpdesk.AuthorCustomer {
		self, ok := p.identity(ctx, ev.Source)
		return ok && self == ev.AuthorID, nil
	}
	return false, nil
}

// identity is the author id Parley posts as in source, asked once and
// remembered. Without it, the delivery ids still recognize Parley's posts.
func (p *Pipeline) identity(ctx context.Context, source string) (string, bool) {
	id, ok := p.Posters[source].(Identifier)
	if !ok {
		return "", false
	}
	p.mu.Lock()
	self, known := p.identities[source]
	p.mu.Unlock()
	if known {
		return self, true
	}
	self, err := id.Identity(ctx)
	if err != nil {
		p.Logger.Warn("read posting identity", "source", source, "error", err)
		return "", false
	}
	p.mu.Lock()
	p.identities[source] = self
	p.mu.Unlock()
	return self, true
}

func (p *Pipeline) intakeMessage(ctx context.Context, ev helpdesk.Event, author store.Author) (Outcome, error) {
	if strings.TrimSpace(ev.Text) == "" {
		return OutcomeIgnored, nil
	}
	hints := hintTags(ev.Hints)
	if author == store.AuthorCustomer && ev.CustomerID != "" {
		if l := p.customerLocale(ctx, ev.Source, ev.CustomerID); l != "" {
			hints = append(hints, l)
		}
	}
	acc, err := p.Accept(ctx, Inbound{Source: ev.Source, ConversationID: ev.Conversation,
		ExternalID: p.eventKey(ev), Author: author, Private: ev.Private, Text: ev.Text,
		LocaleHints: hints, CustomerName: ev.CustomerName, TicketNumber: ev.TicketNumber})
	if err != nil {
		return "", err
	}
	if !acc.Created {
		return OutcomeDuplicate, nil
	}
	return OutcomeAccepted, nil
}

// customerLocale asks the helpdesk for a customer's locale, when it can
// tell and the webhook did not. Answers are remembered; a failed lookup
// costs the hint, never the message.
func (p *Pipeline) customerLocale(ctx context.Context, source, customer string) string {
	ll, ok := p.Posters[source].(LocaleLooker)
	if !ok {
		return ""
	}
	key := source + "/" + customer
	p.mu.Lock()
	l, known := p.locales[key]
	p.mu.Unlock()
	if known {
		return l
	}
	l, err := ll.UserLocale(ctx, customer)
	if err != nil {
		p.Logger.Warn("look up customer locale", "source", source, "error", err)
		return ""
	}
	if tags := hintTags([]helpdesk.Hint{{Value: l}}); len(tags) > 0 {
		l = tags[0]
	} else {
		l = ""
	}
	p.mu.Lock()
	if len(p.locales) >= maxLocales {
		clear(p.locales) // a crude bound; the lookups are cheap to redo
	}
	p.locales[key] = l
	p.mu.Unlock()
	return l
}

// maxLocales bounds the remembered customer locales.
const maxLocales = 10000

// eventKey is the message's external id: the helpdesk's message id, or the
// delivery id for schemes that have no message id.
func (p *Pipeline) eventKey(ev helpdesk.Event) string {
	if ev.MessageID != "" {
		return ev.MessageID
	}
	return "delivery:" + ev.DeliveryID
}

// intakeCommand handles an agent's private note: "!tr <text>" asks for a
// translated public reply, "!tr lang xx" sets the customer language.
func (p *Pipeline) intakeCommand(ctx context.Context, ev helpdesk.Event) (Outcome, error) {
	rest, ok := cutPrefix(ev.Text, p.cfg.ReplyPrefix)
	if !ok {
		return OutcomeIgnored, nil
	}
	if lang, ok := cutPrefix(rest, "lang"); ok {
		return p.override(ctx, ev, lang)
	}
	if strings.TrimSpace(rest) == "" {
		return OutcomeIgnored, nil
	}
	_, _, err := p.Reply(ctx, Reply{Source: ev.Source, ConversationID: ev.Conversation,
		ExternalID: p.eventKey(ev), Text: strings.TrimSpace(rest)})
	if errors.Is(err, store.ErrNotFound) {
		// A reply in a conversation Parley never saw a customer message
		// in: it knows no language to translate into.
		p.Logger.Warn("reply command in an unknown conversation", "source", ev.Source, "conversation", ev.Conversation)
		return OutcomeIgnored, nil
	}
	if err != nil {
		return "", err
	}
	return OutcomeReply, nil
}

func (p *Pipeline) override(ctx context.Context, ev helpdesk.Event, lang string) (Outcome, error) {
	tag, err := language.Parse(strings.TrimSpace(lang))
	if err != nil {
		p.Logger.Warn("language override with a bad tag", "source", ev.Source, "tag", lang)
		return OutcomeIgnored, nil
	}
	if err := p.SetLanguage(ctx, ev.Source, ev.Conversation, tag.String()); err != nil {
		return "", err
	}
	return OutcomeOverride, nil
}

// SetLanguage overrides a conversation's customer language; an explicit
// override always wins over detection.
func (p *Pipeline) SetLanguage(ctx context.Context, source, conversation, lang string) error {
	return p.DB.InTx(ctx, func(tx *store.Tx) error {
		conv, err := tx.EnsureConversation(ctx, source, conversation, p.cfg.AgentLanguage, "")
		if err != nil {
			return err
		}
		return tx.SetCustomerLanguage(ctx, conv.ID, lang, string(translate.SourceOverride), 1)
	})
}

// intakeOpened records the language hints of a conversation that has no
// message yet, so that the first message's acknowledgement can use them.
func (p *Pipeline) intakeOpened(ctx context.Context, ev helpdesk.Event) (Outcome, error) {
	hints := hintTags(ev.Hints)
	if len(hints) == 0 {
		return OutcomeIgnored, nil
	}
	err := p.DB.InTx(ctx, func(tx *store.Tx) error {
		conv, err := tx.EnsureConversation(ctx, ev.Source, ev.Conversation, p.cfg.AgentLanguage, "")
		if err != nil || conv.CustomerLanguage != "" {
			return err
		}
		tag, _ := language.Parse(hints[0])
		base, _ := tag.Base()
		return tx.SetCustomerLanguage(ctx, conv.ID, base.String(), string(translate.SourceHint), hintConfidence)
	})
	if err != nil {
		return "", fmt.Errorf("pipeline: record hints: %w", err)
	}
	return OutcomeAccepted, nil
}

// hintConfidence is the weight of a language known only from a hint: low,
// so that the first clear message outweighs it.
const hintConfidence = 0.3

// hintTags turns vendor hints ("ru_RU", "pt-br") into BCP 47 tags, dropping
// what does not parse.
func hintTags(hints []helpdesk.Hint) []string {
	var out []string
	for _, h := range hints {
		tag, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(h.Value), "_", "-"))
		if err == nil && tag != language.Und {
			out = append(out, tag.String())
		}
	}
	return out
}

// cutPrefix cuts prefix and the spaces after it from s, matching prefix as a
// whole word.
func cutPrefix(s, prefix string) (string, bool) {
	s = strings.TrimSpace(s)
	if prefix == "" || !strings.HasPrefix(s, prefix) {
		return "", false
	}
	rest := s[len(prefix):]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' {
		return "", false
	}
	return strings.TrimSpace(rest), true
}
