package gateway

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// handleHealthz answers while the process serves at all.
func handleHealthz() echo.HandlerFunc {
	return func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	}
}

// handleReadyz answers 200 when every check passes and 503 naming the
// failing ones otherwise. Check errors are logged, not shown.
func handleReadyz(checks []Check, log *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		status := map[string]string{}
		code := http.StatusOK
		for _, ch := range checks {
			if err := ch.Check(ctx); err != nil {
				log.Warn("readiness check failed", "check", ch.Name, "error", err)
				status[ch.Name], code = "failing", http.StatusServiceUnavailable
				continue
			}
			status[ch.Name] = "ok"
		}
		return c.JSON(code, map[string]any{"ready": code == http.StatusOK, "checks": status})
	}
}
