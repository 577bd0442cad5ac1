package translate

import (
	"errors"
	"time"
)

// Retryable reports whether a failed translation is worth trying again
// later: the provider was unavailable or rate limited, or the day's budget
// was spent. Rejections, failed checks and translation being off are final.
func Retryable(err error) bool {
	return errors.Is(err, ErrUnavailable) || errors.Is(err, ErrRateLimited) || errors.Is(err, ErrBudgetExceeded)
}

// RetryAt returns when a retryable failure can be tried again, if the error
// says: the provider's Retry-After, or the start of the next budget day.
func RetryAt(err error, now time.Time) (time.Time, bool) {
	var rl *RateLimitError
	if errors.As(err, &rl) && rl.RetryAfter > 0 {
		return now.Add(rl.RetryAfter), true
	}
	var be *BudgetError
	if errors.As(err, &be) {
		return be.Resets, true
	}
	return time.Time{}, false
}

// Reason says in one sentence, for agents and operators, why a translation
// is missing. Internal details stay in the error, for the log.
func Reason(err error) string {
	var ce *CheckError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ce):
		return ce.Reason
	case errors.Is(err, ErrOff):
		return "machine translation is off"
	case errors.Is(err, ErrBudgetExceeded):
		return "the daily translation limit is reached; translation resumes tomorrow (UTC)"
	case errors.Is(err, ErrRateLimited):
		return "the translation provider is busy; Parley will try again"
	case errors.Is(err, ErrRejected):
		return "the translation provider refused this text"
	default:
		return "the translation provider is unavailable; Parley will try again"
	}
}
