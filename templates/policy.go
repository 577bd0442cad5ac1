package templates

import "time"

// Author is who wrote a message.
type Author string

// Authors the policy distinguishes.
const (
	AuthorCustomer Author = "customer"
	AuthorAgent    Author = "agent"
	AuthorSystem   Author = "system"
	AuthorParley   Author = "parley" // a note or reply Parley itself posted
)

// Policy is the acknowledgement settings.
type Policy struct {
	// ReopenWindow: a conversation whose last acknowledgement is younger
	// than this gets no second one when it is reopened. Zero means a
	// conversation is acknowledged only once, ever.
	ReopenWindow time.Duration
	// OnlyForeign acknowledges only customers who write in a language other
	// than AgentLanguage.
	OnlyForeign bool
	// AgentLanguage is the agents' language tag (PARLEY_AGENT_LANGUAGE).
	AgentLanguage string
}

// AckInput is what is known about one inbound message.
type AckInput struct {
	Author Author
	// Language is the message's detected language tag ("und" when unsure).
	Language string
	// Now is when the message arrived.
	Now time.Time
	// LastAck is when this conversation was last acknowledged; zero when
	// never.
	LastAck time.Time
	// Reopened reports that the conversation had been resolved or closed
	// and this message opened it again.
	Reopened bool
}

// Reason says why an acknowledgement was or was not sent.
type Reason string

// Reasons returned by Decide.
const (
	ReasonFirstMessage   Reason = "first_message"
	ReasonReopened       Reason = "reopened"
	ReasonNotCustomer    Reason = "not_customer"
	ReasonAlreadyAcked   Reason = "already_acknowledged"
	ReasonReopenedRecent Reason = "reopened_within_window"
	ReasonAgentLanguage  Reason = "agent_language"
)

// Decision is the outcome of Decide.
type Decision struct {
	Send   bool
	Reason Reason
}

// Decide applies the acknowledgement policy: one per conversation, none for
// agents, the system or Parley's own messages, none again when a
// conversation is reopened within the window, and, with OnlyForeign, none
// for customers writing in the agents' language. It has no side effects.
func (p Policy) Decide(in AckInput) Decision {
	if in.Author != AuthorCustomer {
		return Decision{Reason: ReasonNotCustomer}
	}
	if !in.LastAck.IsZero() {
		if !in.Reopened || p.ReopenWindow <= 0 {
			return Decision{Reason: ReasonAlreadyAcked}
		}
		if in.Now.Sub(in.LastAck) < p.ReopenWindow {
			return Decision{Reason: ReasonReopenedRecent}
		}
	}
	if p.OnlyForeign && sameLanguage(in.Language, p.AgentLanguage) {
		return Decision{Reason: ReasonAgentLanguage}
	}
	if !in.LastAck.IsZero() {
		return Decision{Send: true, Reason: ReasonReopened}
	}
	return Decision{Send: true, Reason: ReasonFirstMessage}
}

// sameLanguage compares the base languages of two tags ("en-GB" is "en").
// An undetermined language is not the agents' language.
func sameLanguage(a, b string) bool {
	if a == "" || a == "und" || b == "" {
		return false
	}
	return baseOf(canonicalOrSelf(a)) == baseOf(canonicalOrSelf(b))
}
