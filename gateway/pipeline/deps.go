package pipeline

import (
	"context"
	"time"

	"github.com/parleyhq/parley/translate"
)

// Translator translates for the pipeline; *translate.Service is one.
type Translator interface {
	// Translate translates req; see translate.Retryable and translate.Reason
	// for what its errors mean.
	Translate(ctx context.Context, req translate.Request) (translate.Result, error)
	// Off reports that no provider is configured.
	Off() bool
}

// Poster posts to one helpdesk's conversations. conversation is the
// helpdesk's own reference, as its webhooks gave it.
type Poster interface {
	// Reply posts text publicly and returns the id the helpdesk gave it.
	// Errors wrap helpdesk.ErrTemporary (worth retrying) or
	// helpdesk.ErrPermanent.
	Reply(ctx context.Context, conversation, text string) (string, error)
	// Note posts text as a private note for agents.
	Note(ctx context.Context, conversation, text string) (string, error)
}

// AckInput is what deciding an acknowledgement needs to know.
type AckInput struct {
	// Language is the customer language decided for the conversation.
	Language string
	// Received is when the message arrived.
	Received time.Time
	// CustomerName and TicketNumber personalize the text when known.
	CustomerName string
	TicketNumber string
}

// AckText is a rendered acknowledgement.
type AckText struct {
	Text     string
	Language string // after fallback
	// FollowUpAt is when the promise runs out: the follow-up is due then if
	// no agent has answered.
	FollowUpAt time.Time
}

// Replies renders the customer-facing and agent-facing sentences from the
// human-written catalogs.
type Replies interface {
	// Ack renders the acknowledgement for a new conversation.
	Ack(in AckInput) (AckText, error)
	// FollowUp renders the one-time "we have not forgotten you".
	FollowUp(in AckInput) (AckText, error)
	// NoteHeader renders the header of the translation note agents read:
	// agentLang is the note's language, from the customer's.
	NoteHeader(agentLang, from string) string
	// FailedNoteHeader renders the header of the note that says a
	// translation failed, with the reason.
	FailedNoteHeader(agentLang, from, reason string) string
	// TranslatedNotice renders the line that tells a customer a reply was
	// machine-translated, in the customer's language; "" when there is
	// none.
	TranslatedNotice(lang string) string
}

// NoteTaker is implemented by posters whose conversations do not all take
// private notes (messaging channels); the pipeline then skips the note.
type NoteTaker interface {
	TakesNotes(conversation string) bool
}

// LocaleLooker is implemented by helpdesks whose webhooks name the customer
// but not their locale; the locale becomes a language hint.
type LocaleLooker interface {
	UserLocale(ctx context.Context, userID string) (string, error)
}
