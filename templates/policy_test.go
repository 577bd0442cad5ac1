package templates

import (
	"testing"
	"time"
)

func TestPolicyDecide(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	base := Policy{ReopenWindow: 72 * time.Hour, AgentLanguage: "en"}
	foreign := Policy{ReopenWindow: 72 * time.Hour, AgentLanguage: "en", OnlyForeign: true}
	tests := []struct {
		name   string
		policy Policy
		in     AckInput
		want   Decision
	}{
		{"first customer message", base, AckInput{Author: AuthorCustomer, Language: "de", Now: now},
			Decision{Send: true, Reason: ReasonFirstMessage}},
		{"second message", base, AckInput{Author: AuthorCustomer, Language: "de", Now: now, LastAck: now.Add(-time.Minute)},
			Decision{Reason: ReasonAlreadyAcked}},
		{"agent", base, AckInput{Author: AuthorAgent, Language: "en", Now: now}, Decision{Reason: ReasonNotCustomer}},
		{"system", base, AckInput{Author: AuthorSystem, Now: now}, Decision{Reason: ReasonNotCustomer}},
		{"parley's own note", base, AckInput{Author: AuthorParley, Language: "de", Now: now}, Decision{Reason: ReasonNotCustomer}},
		{"empty author", base, AckInput{Now: now}, Decision{Reason: ReasonNotCustomer}},
		{"reopened within window", base, AckInput{Author: AuthorCustomer, Language: "de", Now: now, Reopened: true, LastAck: now.Add(-24 * time.Hour)},
			Decision{Reason: ReasonReopenedRecent}},
		{"reopened after window", base, AckInput{Author: AuthorCustomer, Language: "de", Now: now, Reopened: true, LastAck: now.Add(-96 * time.Hour)},
			Decision{Send: true, Reason: ReasonReopened}},
		{"reopened, no window", Policy{}, AckInput{Author: AuthorCustomer, Language: "de", Now: now, Reopened: true, LastAck: now.Add(-96 * time.Hour)},
			Decision{Reason: ReasonAlreadyAcked}},
		{"only foreign: agent language", foreign, AckInput{Author: AuthorCustomer, Language: "en-GB", Now: now},
			Decision{Reason: ReasonAgentLanguage}},
		{"only foreign: other language", foreign, AckInput{Author: AuthorCustomer, Language: "ar", Now: now},
			Decision{Send: true, Reason: ReasonFirstMessage}},
		{"only foreign: undetermined gets one", foreign, AckInput{Author: AuthorCustomer, Language: "und", Now: now},
			Decision{Send: true, Reason: ReasonFirstMessage}},
		{"only foreign: reopened after window in agent language", foreign, AckInput{Author: AuthorCustomer, Language: "en", Now: now, Reopened: true, LastAck: now.Add(-96 * time.Hour)},
			Decision{Reason: ReasonAgentLanguage}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.policy.Decide(tt.in); got != tt.want {
				t.Errorf("Decide(%+v) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}
