package pipeline

import (
	"time"

	"github.com/parleyhq/parley/templates"
)

// TemplateReplies renders the pipeline's sentences from the human-written
// catalogs, with the promise computed from the business hours.
type TemplateReplies struct {
	Set      *templates.Set
	Schedule *templates.Schedule
	// Within is the promised first answer, in business hours.
	Within time.Duration
	// Provider names the translation provider in note headers.
	Provider string
}

var _ Replies = TemplateReplies{}

// Ack renders the acknowledgement with the promise counted from in.Received.
func (r TemplateReplies) Ack(in AckInput) (AckText, error) {
	p, err := r.Schedule.Promise(in.Received, r.Within)
	if err != nil {
		return AckText{}, err
	}
	out, plan, err := r.Set.RenderAck(p, templates.AckRequest{Language: in.Language, Name: in.CustomerName, Ticket: in.TicketNumber})
	return AckText{Text: out.Text, Language: out.Language, FollowUpAt: plan.Due}, err
}

// FollowUp renders the one-time follow-up.
func (r TemplateReplies) FollowUp(in AckInput) (AckText, error) {
	out, err := r.Set.Render(templates.FollowUp, in.Language, templates.Data{Name: in.CustomerName, Ticket: in.TicketNumber})
	return AckText{Text: out.Text, Language: out.Language}, err
}

// NoteHeader renders the translation note's header; it falls back to plain
// English should a catalog fail to render, so that a note is never lost to
// a template.
func (r TemplateReplies) NoteHeader(agentLang, from string) string {
	out, err := r.Set.Render(templates.NoteHeader, agentLang, templates.NoteHeaderData(from, agentLang, r.Provider, ""))
	if err != nil {
		return "Translated from " + from + ":"
	}
	return out.Text
}

// FailedNoteHeader renders the header of a failed translation's note, with
// the same fallback as NoteHeader.
func (r TemplateReplies) FailedNoteHeader(agentLang, from, reason string) string {
	out, err := r.Set.Render(templates.NoteHeaderFailed, agentLang, templates.NoteHeaderData(from, agentLang, r.Provider, reason))
	if err != nil {
		return "Translation failed: " + reason + ". Original:"
	}
	return out.Text
}

// TranslatedNotice renders the machine-translation line in lang; a catalog
// that cannot render it yields no line rather than an English one.
func (r TemplateReplies) TranslatedNotice(lang string) string {
	out, err := r.Set.Render(templates.MachineTranslatedNotice, lang, templates.Data{})
	if err != nil {
		return ""
	}
	return out.Text
}
