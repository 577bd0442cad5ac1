package translate_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/parleyhq/parley/translate"
)

func TestOutcomeHelpers(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	reset := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		err       error
		retryable bool
		at        time.Time
		reason    string
	}{
		{name: "rate limited", err: &translate.RateLimitError{RetryAfter: time.Minute, Err: errors.New("429")},
			retryable: true, at: now.Add(time.Minute), reason: "the translation provider is busy; Parley will try again"},
		{name: "budget", err: fmt.Errorf("job: %w", &translate.BudgetError{Limit: 1, Spent: 2, Resets: reset}),
			retryable: true, at: reset, reason: "the daily translation limit is reached; translation resumes tomorrow (UTC)"},
		{name: "unavailable", err: fmt.Errorf("x: %w", translate.ErrUnavailable), retryable: true,
			reason: "the translation provider is unavailable; Parley will try again"},
		{name: "check", err: &translate.CheckError{Reason: "the model answered in Russian instead of translating into English"},
			reason: "the model answered in Russian instead of translating into English"},
		{name: "rejected", err: translate.ErrRejected, reason: "the translation provider refused this text"},
		{name: "off", err: translate.ErrOff, reason: "machine translation is off"},
	}
	for _, tt := range tests {
		if got := translate.Retryable(tt.err); got != tt.retryable {
			t.Errorf("%s: Retryable = %v, want %v", tt.name, got, tt.retryable)
		}
		at, ok := translate.RetryAt(tt.err, now)
		if ok != !tt.at.IsZero() || !at.Equal(tt.at) {
			t.Errorf("%s: RetryAt = %v, %v; want %v", tt.name, at, ok, tt.at)
		}
		if got := translate.Reason(tt.err); got != tt.reason {
			t.Errorf("%s: Reason = %q, want %q", tt.name, got, tt.reason)
		}
	}
}
