package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/parleyhq/parley/translate"
)

// mapError turns a failed call into the translate sentinels: 429 is
// ErrRateLimited with the server's Retry-After; timeouts, 408, 409 and 5xx
// are ErrUnavailable; other 4xx are ErrRejected; anything without a status
// (network failure, malformed answer) is ErrUnavailable.
func mapError(ctx context.Context, h http.Header, err error) error {
	status, msg := 0, err.Error()
	var apiErr *goopenai.APIError
	var reqErr *goopenai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status, msg = apiErr.HTTPStatusCode, apiErr.Message
	case errors.As(err, &reqErr):
		status, msg = reqErr.HTTPStatusCode, http.StatusText(reqErr.HTTPStatusCode)
	}
	switch {
	case status == 0 && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("openai: no answer in time: %w: %w", translate.ErrUnavailable, ctx.Err())
	case status == 0:
		return fmt.Errorf("openai: %w: %w", translate.ErrUnavailable, err)
	case status == http.StatusTooManyRequests:
		return &translate.RateLimitError{
			RetryAfter: translate.ParseRetryAfter(h, time.Now()),
			Err:        fmt.Errorf("openai: status %d: %s", status, msg),
		}
	case status == http.StatusRequestTimeout || status == http.StatusConflict || status >= 500:
		return fmt.Errorf("openai: status %d: %s: %w", status, msg, translate.ErrUnavailable)
	default:
		return fmt.Errorf("openai: status %d: %s: %w", status, msg, translate.ErrRejected)
	}
}
