package gateway

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"

	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
)

// sourceAPI is the source of conversations that arrive through /v1.
const sourceAPI = "api"

// maxIDLen bounds the ids a client gives.
const maxIDLen = 200

type createMessageRequest struct {
	ConversationID string `json:"conversation_id"`
	Text           string `json:"text"`
	Author         string `json:"author"`
	LocaleHint     string `json:"locale_hint"`
	ExternalID     string `json:"external_id"`
}

func (r *createMessageRequest) validate(maxText int) error {
	switch {
	case strings.TrimSpace(r.ConversationID) == "":
		return invalid("conversation_id", "is required")
	case utf8.RuneCountInString(r.ConversationID) > maxIDLen:
		return invalid("conversation_id", "is longer than %d characters", maxIDLen)
	}
	if err := checkText(r.Text, maxText); err != nil {
		return err
	}
	switch {
	case !store.Author(r.Author).Valid():
		return invalid("author", "must be \"customer\" or \"agent\", not %q", r.Author)
	case utf8.RuneCountInString(r.ExternalID) > maxIDLen:
		return invalid("external_id", "is longer than %d characters", maxIDLen)
	}
	if r.LocaleHint != "" {
		if _, err := language.Parse(r.LocaleHint); err != nil {
			return invalid("locale_hint", "is not a language tag like \"ru\" or \"pt-BR\"")
		}
	}
	return nil
}

// messageResponse is a message as /v1 shows it.
type messageResponse struct {
	ID             int64        `json:"id"`
	ConversationID string       `json:"conversation_id"`
	Source         string       `json:"source"`
	Author         store.Author `json:"author"`
	Text           string       `json:"text"`
	Language       string       `json:"language"`
	Confidence     float64      `json:"confidence"`
	LanguageSource string       `json:"language_source"`
	// Romanized is the language the text is typed in with Latin letters
	// ("ru" for "spasibo"), when the detector recognized one.
	Romanized   string              `json:"romanized,omitempty"`
	Ack         *ackResponse        `json:"ack"`
	Translation translationResponse `json:"translation"`
	ExternalID  string              `json:"external_id,omitempty"`
	CreatedAt   time.Time           `json:"created_at"`
	ProcessedAt *time.Time          `json:"processed_at"`
}

type ackResponse struct {
	Language string `json:"language"`
	Text     string `json:"text"`
}

type translationResponse struct {
	Status   store.TranslationStatus `json:"status"`
	Language string                  `json:"language"`
	Text     string                  `json:"text,omitempty"`
	Error    string                  `json:"error,omitempty"`
}

func newMessageResponse(m store.Message, conversationID string, t store.Translation, ack *pipeline.Ack) messageResponse {
	r := messageResponse{
		ID: m.ID, ConversationID: conversationID, Source: m.Source, Author: m.Author, Text: m.Text,
		Language: m.Language, Confidence: m.LanguageConfidence, LanguageSource: m.LanguageSource,
		Romanized:   m.Romanized,
		Translation: translationResponse{Status: t.Status, Language: t.Language, Text: t.Text, Error: t.Error},
		ExternalID:  m.ExternalID, CreatedAt: m.CreatedAt, ProcessedAt: m.ProcessedAt,
	}
	if r.Language == "" {
		r.Language = "und"
	}
	if ack != nil {
		r.Ack = &ackResponse{Language: ack.Language, Text: ack.Text}
	}
	return r
}

// handleCreateMessage accepts a message through the generic API: 201 for a
// new message, 200 with the first one for a repeated external_id.
func handleCreateMessage(cfg Config, p Pipeline) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req createMessageRequest
		if err := decodeJSON(c, cfg.MaxBodyBytes, &req); err != nil {
			return err
		}
		if err := req.validate(cfg.MaxTextChars); err != nil {
			return err
		}
		in := pipeline.Inbound{
			Source: sourceAPI, ConversationID: req.ConversationID, ExternalID: req.ExternalID,
			Author: store.Author(req.Author), Text: req.Text,
		}
		if req.LocaleHint != "" {
			in.LocaleHints = []string{req.LocaleHint}
		}
		acc, err := p.Accept(c.Request().Context(), in)
		if err != nil {
			return err
		}
		status := http.StatusCreated
		if !acc.Created {
			status = http.StatusOK
		}
		return c.JSON(status, newMessageResponse(acc.Message, acc.Conversation.ExternalID, acc.Translation, acc.Ack))
	}
}

// handleGetMessage shows one message with its translation status.
func handleGetMessage(s Reader, p Pipeline) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			return store.ErrNotFound
		}
		ctx := c.Request().Context()
		m, err := s.Message(ctx, id)
		if err != nil {
			return err
		}
		conv, err := s.Conversation(ctx, m.ConversationID)
		if err != nil {
			return err
		}
		ts, err := s.MessageTranslations(ctx, id)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, newMessageResponse(m, conv.ExternalID, p.TranslationOf(m, ts), nil))
	}
}
