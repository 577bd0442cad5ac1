package gateway

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/parleyhq/parley/gateway/helpdesk"
	"github.com/parleyhq/parley/gateway/pipeline"
)

// Connector verifies and parses one helpdesk's webhooks.
type Connector interface {
	// Verify checks the webhook's signature over the raw body; errors
	// wrap helpdesk.ErrSignature, or helpdesk.ErrUnverified when the
	// operator turned verification off.
	Verify(h http.Header, body []byte, now time.Time) error
	// Parse turns the body into events; errors wrap helpdesk.ErrPayload or
	// helpdesk.ErrIgnored.
	Parse(h http.Header, body []byte) ([]helpdesk.Event, error)
}

// Intaker takes in helpdesk events.
type Intaker interface {
	Intake(ctx context.Context, ev helpdesk.Event) (pipeline.Outcome, error)
}

var errBadSignature = &Error{Status: http.StatusUnauthorized, Code: "bad_signature",
	Message: "the webhook signature is missing, stale or wrong"}

// handleHook receives one helpdesk's webhooks: it reads the raw body once,
// verifies the signature over it, parses it and takes in each event. Event
// types Parley does not handle get a 200, so the helpdesk does not retry
// them forever.
func handleHook(name string, conn Connector, in Intaker, limit int64, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		body, err := readBody(c, limit)
		if err != nil {
			return err
		}
		if err := conn.Verify(r.Header, body, time.Now()); err != nil {
			if !errors.Is(err, helpdesk.ErrUnverified) {
				log.Warn("webhook rejected", "helpdesk", name, "error", err)
				return errBadSignature
			}
			log.Warn("webhook accepted without a verified signature", "helpdesk", name, "reason", err)
		}
		events, err := conn.Parse(r.Header, body)
		switch {
		case errors.Is(err, helpdesk.ErrIgnored):
			log.Debug("webhook ignored", "helpdesk", name, "reason", err)
			return c.JSON(http.StatusOK, map[string]any{"status": "ignored"})
		case err != nil:
			log.Warn("webhook payload not understood", "helpdesk", name, "error", err)
			return &Error{Status: http.StatusBadRequest, Code: "bad_payload", Message: "the webhook payload could not be parsed"}
		}
		outcomes := make([]pipeline.Outcome, 0, len(events))
		for _, ev := range events {
			out, err := in.Intake(r.Context(), ev)
			if err != nil {
				// A 5xx makes the helpdesk retry; what was taken in before
				// is recognized as a duplicate then.
				return err
			}
			outcomes = append(outcomes, out)
		}
		return c.JSON(http.StatusOK, map[string]any{"status": "ok", "events": outcomes})
	}
}
