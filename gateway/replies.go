package gateway

import (
	"context"
	"net/http"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"

	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
)

// Replier takes agents' replies and language overrides.
type Replier interface {
	Reply(ctx context.Context, r pipeline.Reply) (store.Message, store.Conversation, error)
	SetLanguage(ctx context.Context, source, conversation, lang string) error
}

type replyRequest struct {
	Text       string `json:"text"`
	ExternalID string `json:"external_id"`
}

// handleReply takes an agent's reply in the agent language; it is
// translated into the customer's language and delivered where the
// conversation came from. 202: the translation happens in the background.
func handleReply(cfg Config, r Replier) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req replyRequest
		if err := decodeJSON(c, cfg.MaxBodyBytes, &req); err != nil {
			return err
		}
		if err := checkText(req.Text, cfg.MaxTextChars); err != nil {
			return err
		}
		if utf8.RuneCountInString(req.ExternalID) > maxIDLen {
			return invalid("external_id", "is longer than %d characters", maxIDLen)
		}
		m, conv, err := r.Reply(c.Request().Context(), pipeline.Reply{Source: sourceParam(c),
			ConversationID: c.Param("id"), ExternalID: req.ExternalID, Text: req.Text})
		if err != nil {
			return err
		}
		return c.JSON(http.StatusAccepted, map[string]any{"id": m.ID, "conversation_id": conv.ExternalID,
			"status": "pending", "language": conv.CustomerLanguage})
	}
}

// handleSetLanguage overrides a conversation's customer language; an
// explicit override always wins over detection.
func handleSetLanguage(cfg Config, r Replier) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req struct {
			Language string `json:"language"`
		}
		if err := decodeJSON(c, cfg.MaxBodyBytes, &req); err != nil {
			return err
		}
		tag, err := language.Parse(req.Language)
		if err != nil || tag == language.Und {
			return invalid("language", "is not a language tag like \"ru\" or \"pt-BR\"")
		}
		if err := r.SetLanguage(c.Request().Context(), sourceParam(c), c.Param("id"), tag.String()); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]string{"language": tag.String(), "language_source": "override"})
	}
}

// sourceParam is the ?source= of a conversation route: the generic API's
// conversations unless it names a helpdesk.
func sourceParam(c echo.Context) string {
	if s := c.QueryParam("source"); s != "" {
		return s
	}
	return pipeline.SourceAPI
}
