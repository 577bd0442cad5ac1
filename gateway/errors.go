package gateway

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/parleyhq/parley/gateway/store"
)

// Error is an error with the status, code and message a client sees.
type Error struct {
	Status  int
	Code    string
	Message string
	// Field names the request field at fault, for 422s.
	Field string
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// invalid reports a bad field value.
func invalid(field, format string, args ...any) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid_field", Field: field,
		Message: field + ": " + fmt.Sprintf(format, args...)}
}

// sentinels maps domain errors to what a client sees.
var sentinels = []struct {
	err  error
	resp Error
}{
	{store.ErrNotFound, Error{Status: http.StatusNotFound, Code: "not_found", Message: "no such resource"}},
}

// errorHandler writes every error as {"error": {"code", "message"}}. Details
// of 5xx errors go to the log only.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		resp := toResponse(err)
		if resp.Status >= 500 {
			log.Error("request failed", "method", c.Request().Method, "path", c.Path(), "error", err)
		}
		body := map[string]any{"code": resp.Code, "message": resp.Message}
		if resp.Field != "" {
			body["field"] = resp.Field
		}
		if c.Request().Method == http.MethodHead {
			err = c.NoContent(resp.Status)
		} else {
			err = c.JSON(resp.Status, map[string]any{"error": body})
		}
		if err != nil {
			log.Error("write error response", "error", err)
		}
	}
}

func toResponse(err error) Error {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return *apiErr
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.resp
		}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code < 500 {
		return Error{Status: he.Code, Code: codeFor(he.Code), Message: http.StatusText(he.Code)}
	}
	return Error{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error"}
}

func codeFor(status int) string {
	switch status {
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusRequestEntityTooLarge:
		return "body_too_large"
	}
	return "bad_request"
}

// recoverPanics turns a handler's panic into a logged 500.
func recoverPanics(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			return next(c)
		}
	}
}
