package gateway

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"

	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate"
)

// Translator translates for POST /v1/translate; *translate.Service is one.
type Translator interface {
	Translate(ctx context.Context, req translate.Request) (translate.Result, error)
	Off() bool
}

// Renderer renders catalog messages for POST /v1/render.
type Renderer interface {
	Render(id, lang string, data templates.Data) (templates.Rendered, error)
}

type detectRequest struct {
	Text string `json:"text"`
	Hint string `json:"hint"`
}

// handleDetect answers {language, confidence, source, candidates}; language
// is "und" when the evidence does not separate the candidates. A text in a
// language of another script typed in Latin letters adds romanized, that
// language's code.
func handleDetect(cfg Config, d translate.Detector) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req detectRequest
		if err := decodeJSON(c, cfg.MaxBodyBytes, &req); err != nil {
			return err
		}
		if err := checkText(req.Text, cfg.MaxTextChars); err != nil {
			return err
		}
		in := translate.DetectInput{Text: req.Text}
		if req.Hint != "" {
			if err := checkTag("hint", req.Hint); err != nil {
				return err
			}
			in.Hints = []string{req.Hint}
		}
		if d == nil {
			return &Error{Status: http.StatusServiceUnavailable, Code: "detection_unavailable", Message: "no detector is configured"}
		}
		det, err := d.Detect(c.Request().Context(), in)
		if err != nil {
			return err
		}
		if det.Candidates == nil {
			det.Candidates = []translate.Candidate{}
		}
		return c.JSON(http.StatusOK, det)
	}
}

type translateRequest struct {
	Text string `json:"text"`
	To   string `json:"to"`
	From string `json:"from"`
}

var errTranslationOff = &Error{Status: http.StatusServiceUnavailable, Code: "translation_off",
	Message: "no translation provider is configured"}

// handleTranslate translates one text. A translation that fails its checks
// is a 502 translation_rejected with the reason, never a 200.
func handleTranslate(cfg Config, tr Translator, d translate.Detector) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req translateRequest
		if err := decodeJSON(c, cfg.MaxBodyBytes, &req); err != nil {
			return err
		}
		if err := checkText(req.Text, cfg.MaxTextChars); err != nil {
			return err
		}
		if err := checkTag("to", req.To); err != nil {
			return err
		}
		if req.From != "" {
			if err := checkTag("from", req.From); err != nil {
				return err
			}
		}
		if tr == nil || tr.Off() {
			return errTranslationOff
		}
		ctx := c.Request().Context()
		res, err := tr.Translate(ctx, translate.Request{Text: req.Text, From: req.From, To: req.To})
		if err != nil {
			return translationError(c, err)
		}
		from := res.From
		if from == "" {
			from = req.From
		}
		if from == "" && d != nil {
			if det, err := d.Detect(ctx, translate.DetectInput{Text: req.Text}); err == nil {
				from = det.Language
			}
		}
		return c.JSON(http.StatusOK, map[string]any{"text": res.Text, "from": from, "to": req.To, "cached": res.Cached})
	}
}

// translationError maps a failed translation to its status: rejected
// output is 502, a busy provider or spent budget 503/429 with Retry-After.
func translationError(c echo.Context, err error) error {
	reason := translate.Reason(err)
	switch {
	case errors.Is(err, translate.ErrCheckFailed), errors.Is(err, translate.ErrRejected):
		return &Error{Status: http.StatusBadGateway, Code: "translation_rejected", Message: reason}
	case errors.Is(err, translate.ErrOff):
		return errTranslationOff
	case translate.Retryable(err):
		if at, ok := translate.RetryAt(err, time.Now()); ok {
			secs := int(time.Until(at).Seconds()) + 1
			c.Response().Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
		}
		status := http.StatusServiceUnavailable
		if errors.Is(err, translate.ErrRateLimited) || errors.Is(err, translate.ErrBudgetExceeded) {
			status = http.StatusTooManyRequests
		}
		return &Error{Status: status, Code: "translation_unavailable", Message: reason}
	}
	return err
}

type renderRequest struct {
	ID       string          `json:"id"`
	Language string          `json:"language"`
	Data     *templates.Data `json:"data"`
}

// handleRender renders one catalog message in a language, after fallback.
func handleRender(cfg Config, r Renderer) echo.HandlerFunc {
	return func(c echo.Context) error {
		var req renderRequest
		if err := decodeJSON(c, cfg.MaxBodyBytes, &req); err != nil {
			return err
		}
		if strings.TrimSpace(req.ID) == "" {
			return invalid("id", "is required")
		}
		if err := checkTag("language", req.Language); err != nil {
			return err
		}
		var data templates.Data
		if req.Data != nil {
			data = *req.Data
		}
		out, err := r.Render(req.ID, req.Language, data)
		if errors.Is(err, templates.ErrUnknownMessage) {
			return invalid("id", "%q is not a message id", req.ID)
		}
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, out)
	}
}

func checkText(text string, maxChars int) error {
	switch {
	case strings.TrimSpace(text) == "":
		return invalid("text", "must not be empty")
	case utf8.RuneCountInString(text) > maxChars:
		return invalid("text", "is longer than %d characters", maxChars)
	}
	return nil
}

func checkTag(field, tag string) error {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return invalid(field, "is not a language tag like \"ru\" or \"pt-BR\"")
	}
	return nil
}
