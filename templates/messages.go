package templates

import "github.com/nicksnyder/go-i18n/v2/i18n"

// Message IDs. Each names one customer- or agent-facing sentence; the English
// source is in Messages and the translations in locales/active.<lang>.toml.
const (
	// AckBusinessHours acknowledges a first message while the team is working
	// and the promised reply falls on the same day: "within 2 hours".
	AckBusinessHours = "AckBusinessHours"
	// AckBusinessHoursLater acknowledges a first message while the team is
	// working but the promised reply falls on a later day: "by 11:00 on Tuesday".
	AckBusinessHoursLater = "AckBusinessHoursLater"
	// AckOutsideHours acknowledges a first message that arrives while the
	// team is off: it says so and names the day and time of the reply.
	AckOutsideHours = "AckOutsideHours"
	// FollowUp is sent once when the promised time passes with no agent reply.
	FollowUp = "FollowUp"
	// NoteHeader heads the private note agents read above a translation.
	NoteHeader = "NoteHeader"
	// NoteHeaderFailed heads the private note when the translation failed.
	NoteHeaderFailed = "NoteHeaderFailed"
	// MachineTranslatedNotice tells a customer that a reply was translated by
	// machine.
	MachineTranslatedNotice = "MachineTranslatedNotice"
	// WithinMinutes is the duration phrase "within N minutes" used as
	// {{.Within}}; it is plural on Count.
	WithinMinutes = "WithinMinutes"
	// WithinHours is the duration phrase "within N hours" used as
	// {{.Within}}; it is plural on Count.
	WithinHours = "WithinHours"
)

// Messages returns the English source of every message, in a fixed order.
// The descriptions are what translators see next to each key.
func Messages() []*i18n.Message {
	return []*i18n.Message{
		{
			ID:          AckBusinessHours,
			Description: "First reply to a new conversation during business hours. Name and Ticket may be empty. Within is a phrase such as \"within 2 hours\" from WithinMinutes/WithinHours.",
			Other:       "{{if .Name}}Hi {{.Name}}, thanks{{else}}Thanks{{end}} for writing to us. We've got your message{{if .Ticket}} (reference {{.Ticket}}){{end}}, and someone from our team will reply {{.Within}}.",
		},
		{
			ID:          AckBusinessHoursLater,
			Description: "First reply during business hours when the promised answer falls on a later day. OnDay is \"on Monday\", \"tomorrow\" or \"today\" in the customer's language; Time is the local time.",
			Other:       "{{if .Name}}Hi {{.Name}}, thanks{{else}}Thanks{{end}} for writing to us. We've got your message{{if .Ticket}} (reference {{.Ticket}}){{end}}, and someone from our team will reply by {{.Time}} {{.OnDay}}.",
		},
		{
			ID:          AckOutsideHours,
			Description: "First reply when the team is off. OnDay is \"on Monday\", \"tomorrow\" or \"today\" in the customer's language; Time is the local time of the promised answer.",
			Other:       "{{if .Name}}Hi {{.Name}}, thanks{{else}}Thanks{{end}} for writing to us. Our team is away right now, but your message{{if .Ticket}} (reference {{.Ticket}}){{end}} is safe with us and you'll have a reply by {{.Time}} {{.OnDay}}.",
		},
		{
			ID:          FollowUp,
			Description: "Sent once when the promised time has passed and no agent has replied yet. Name and Ticket may be empty.",
			Other:       "{{if .Name}}Hi {{.Name}}, we{{else}}We{{end}} haven't forgotten you. Your message{{if .Ticket}} (reference {{.Ticket}}){{end}} is taking longer than we promised, and it's still at the top of our list. Sorry for the wait.",
		},
		{
			ID:          NoteHeader,
			Description: "Header of the private note agents read above a machine translation, in the agents' language. Language is the customer's language name, Tag its code, Provider the translation service (may be empty).",
			Other:       "Machine translation from {{.Language}} ({{.Tag}}){{if .Provider}} by {{.Provider}}{{end}}. The original is below; check it before quoting.",
		},
		{
			ID:          NoteHeaderFailed,
			Description: "Header of the private note when machine translation failed, in the agents' language. Reason may be empty.",
			Other:       "Machine translation from {{.Language}} ({{.Tag}}) failed{{if .Reason}}: {{.Reason}}{{end}}. The original is below.",
		},
		{
			ID:          MachineTranslatedNotice,
			Description: "Line added under an agent's reply that was machine-translated into the customer's language.",
			Other:       "Our team wrote this reply in another language and it was translated automatically, so a word may be off here and there. You're welcome to keep writing in your own language.",
		},
		{
			ID:          WithinMinutes,
			Description: "Duration phrase inserted as {{.Within}}: within Count minutes.",
			One:         "within a minute",
			Other:       "within {{.Count}} minutes",
		},
		{
			ID:          WithinHours,
			Description: "Duration phrase inserted as {{.Within}}: within Count hours.",
			One:         "within an hour",
			Other:       "within {{.Count}} hours",
		},
	}
}
