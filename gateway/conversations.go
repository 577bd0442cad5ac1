package gateway

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/parleyhq/parley/gateway/store"
)

// maxThread bounds the messages one conversation response shows.
const maxThread = 1000

type conversationResponse struct {
	ID                 string            `json:"id"`
	Source             string            `json:"source"`
	CustomerLanguage   string            `json:"customer_language"`
	LanguageSource     string            `json:"language_source"`
	LanguageConfidence float64           `json:"language_confidence"`
	AgentLanguage      string            `json:"agent_language"`
	AcknowledgedAt     *time.Time        `json:"acknowledged_at"`
	CustomerLastAt     *time.Time        `json:"customer_last_at"`
	AgentLastAt        *time.Time        `json:"agent_last_at"`
	CreatedAt          time.Time         `json:"created_at"`
	Messages           []messageResponse `json:"messages"`
}

// handleGetConversation shows a thread: GET /v1/conversations/{id} where id
// is the conversation_id the messages were sent with; ?source= reads a
// helpdesk's conversation by that helpdesk's reference instead.
func handleGetConversation(s Reader, p Pipeline) echo.HandlerFunc {
	return func(c echo.Context) error {
		source := c.QueryParam("source")
		if source == "" {
			source = sourceAPI
		}
		ctx := c.Request().Context()
		conv, err := s.ConversationByExternalID(ctx, source, c.Param("id"))
		if err != nil {
			return err
		}
		msgs, err := s.Messages(ctx, conv.ID, maxThread)
		if err != nil {
			return err
		}
		ts, err := s.ConversationTranslations(ctx, conv.ID)
		if err != nil {
			return err
		}
		byMessage := make(map[int64][]store.Translation)
		for _, t := range ts {
			byMessage[t.MessageID] = append(byMessage[t.MessageID], t)
		}
		resp := conversationResponse{
			ID: conv.ExternalID, Source: conv.Source, CustomerLanguage: conv.CustomerLanguage,
			LanguageSource: conv.LanguageSource, LanguageConfidence: conv.LanguageConfidence,
			AgentLanguage: conv.AgentLanguage, AcknowledgedAt: conv.AcknowledgedAt,
			CustomerLastAt: conv.CustomerLastAt, AgentLastAt: conv.AgentLastAt, CreatedAt: conv.CreatedAt,
			Messages: make([]messageResponse, 0, len(msgs)),
		}
		for _, m := range msgs {
			resp.Messages = append(resp.Messages,
				newMessageResponse(m, conv.ExternalID, p.TranslationOf(m, byMessage[m.ID]), nil))
		}
		return c.JSON(http.StatusOK, resp)
	}
}
