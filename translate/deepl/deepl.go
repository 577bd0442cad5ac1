// Package deepl translates with DeepL's REST API (v2): the free endpoint
// for keys ending in ":fx", the pro endpoint for the others.
package deepl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/translate"
)

// The two public endpoints; the key decides which one serves it.
const (
	FreeURL = "https://api-free.deepl.com"
	ProURL  = "https://api.deepl.com"
)

// maxTexts is how many texts DeepL takes in one request.
const maxTexts = 50

// Config configures a Client.
type Config struct {
	// APIKey is the authentication key (PARLEY_DEEPL_API_KEY).
	APIKey string
	// BaseURL overrides the endpoint (PARLEY_DEEPL_BASE_URL); empty means
	// FreeURL for keys ending in ":fx" and ProURL otherwise.
	BaseURL string
	// Timeout bounds every call; zero means 30 seconds.
	Timeout time.Duration
	// Glossary holds fixed terms and per-language formality
	// (PARLEY_GLOSSARY). Its terms become DeepL glossaries, created on first
	// use for each language pair; they need a known source language.
	Glossary *translate.Glossary
	// MaxChars is the longest text sent in one call; zero means 30000
	// (DeepL caps a request body at 128 KiB).
	MaxChars int
	// HTTPClient replaces the default HTTP client.
	HTTPClient *http.Client
}

// Client translates through DeepL.
type Client struct {
	key      string
	base     string
	timeout  time.Duration
	glossary *translate.Glossary
	maxChars int
	http     *http.Client

	mu         sync.Mutex
	glossaries map[string]string // "src>tgt" → glossary_id; "" when DeepL refused the pair
	listed     bool
}

var (
	_ translate.BatchTranslator = (*Client)(nil)
	_ translate.Limiter         = (*Client)(nil)
)

// New returns a Client for cfg. It needs an API key.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("deepl: an API key is required")
	}
	c := &Client{
		key: cfg.APIKey, base: strings.TrimRight(cfg.BaseURL, "/"), timeout: cfg.Timeout,
		glossary: cfg.Glossary, maxChars: cfg.MaxChars, http: cfg.HTTPClient,
		glossaries: map[string]string{},
	}
	if c.base == "" {
		c.base = ProURL
		if strings.HasSuffix(cfg.APIKey, ":fx") {
			c.base = FreeURL
		}
	}
	if c.timeout == 0 {
		c.timeout = 30 * time.Second
	}
	if c.maxChars == 0 {
		c.maxChars = 30000
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	return c, nil
}

// Name returns "deepl".
func (c *Client) Name() string { return "deepl" }

// BaseURL returns the endpoint in use.
func (c *Client) BaseURL() string { return c.base }

// MaxChars returns the longest text sent in one call.
func (c *Client) MaxChars() int { return c.maxChars }

// translateRequest is the body of POST /v2/translate.
type translateRequest struct {
	Text                 []string `json:"text"`
	SourceLang           string   `json:"source_lang,omitempty"`
	TargetLang           string   `json:"target_lang"`
	Formality            string   `json:"formality,omitempty"`
	GlossaryID           string   `json:"glossary_id,omitempty"`
	PreserveFormatting   bool     `json:"preserve_formatting"`
	ShowBilledCharacters bool     `json:"show_billed_characters"`
}

// translateResponse is DeepL's answer.
type translateResponse struct {
	Translations []struct {
		DetectedSourceLanguage string `json:"detected_source_language"`
		Text                   string `json:"text"`
		BilledCharacters       *int   `json:"billed_characters"`
	} `json:"translations"`
}

// Translate translates req.
func (c *Client) Translate(ctx context.Context, req translate.Request) (translate.Result, error) {
	outs, err := c.TranslateBatch(ctx, []translate.Request{req})
	if err != nil {
		return translate.Result{}, err
	}
	return outs[0].Result, outs[0].Err
}

// TranslateBatch translates up to 50 texts sharing one language pair in one
// request, which DeepL supports natively.
func (c *Client) TranslateBatch(ctx context.Context, reqs []translate.Request) ([]translate.Outcome, error) {
	if len(reqs) == 0 {
		return []translate.Outcome{}, nil
	}
	if len(reqs) > maxTexts {
		return nil, fmt.Errorf("deepl: %d texts in one request, at most %d: %w", len(reqs), maxTexts, translate.ErrRejected)
	}
	first := reqs[0]
	body := translateRequest{
		SourceLang: sourceLang(first.From), TargetLang: targetLang(first.To),
		Formality: formality(c.glossary.FormalityFor(first.To)), PreserveFormatting: true, ShowBilledCharacters: true,
	}
	for _, r := range reqs {
		if r.From != first.From || r.To != first.To {
			return nil, fmt.Errorf("deepl: a batch must share one language pair: %w", translate.ErrRejected)
		}
		body.Text = append(body.Text, r.Text)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	id, err := c.glossaryID(ctx, first.From, first.To)
	if err != nil {
		return nil, err
	}
	body.GlossaryID = id
	var resp translateResponse
	if err := c.call(ctx, http.MethodPost, "/v2/translate", body, &resp); err != nil {
		return nil, err
	}
	if len(resp.Translations) != len(reqs) {
		return nil, fmt.Errorf("deepl: %d translations for %d texts: %w", len(resp.Translations), len(reqs), translate.ErrUnavailable)
	}
	outs := make([]translate.Outcome, len(reqs))
	for i, t := range resp.Translations {
		chars := utf8.RuneCountInString(reqs[i].Text)
		if t.BilledCharacters != nil {
			chars = *t.BilledCharacters
		}
		res := translate.Result{
			Text: t.Text, From: strings.ToLower(t.DetectedSourceLanguage), To: reqs[i].To,
			Provider: c.Name(), Usage: translate.Usage{Characters: chars},
		}
		if reqs[i].From != "" {
			res.From = reqs[i].From
		}
		if strings.TrimSpace(t.Text) == "" {
			outs[i].Err = &translate.CheckError{Reason: "the translation is empty", Usage: res.Usage}
			continue
		}
		outs[i].Result = res
	}
	return outs, nil
}

// call sends one JSON request and decodes the answer into out, mapping
// failures to the translate sentinels.
func (c *Client) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("deepl: encode request: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("deepl: %w: %w", translate.ErrRejected, err)
	}
	req.Header.Set("Authorization", "DeepL-Auth-Key "+c.key)
	req.Header.Set("User-Agent", "Parley/1")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return fmt.Errorf("deepl: no answer in time: %w: %w", translate.ErrUnavailable, ctx.Err())
		}
		return fmt.Errorf("deepl: %w: %w", translate.ErrUnavailable, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return fmt.Errorf("deepl: read answer: %w: %w", translate.ErrUnavailable, err)
	}
	if resp.StatusCode/100 != 2 {
		return statusError(resp, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("deepl: malformed answer: %w: %w", translate.ErrUnavailable, err)
	}
	return nil
}

// statusError maps a DeepL status: 429 is ErrRateLimited with Retry-After;
// 456 (quota exceeded), 408, 5xx and 529 are ErrUnavailable; other 4xx
// (bad key, unsupported language, too large) are ErrRejected.
func statusError(resp *http.Response, body []byte) error {
	var e struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	_ = json.Unmarshal(body, &e)
	msg := strings.TrimSpace(e.Message + " " + e.Detail)
	if msg == "" {
		msg = http.StatusText(resp.StatusCode)
	}
	s := resp.StatusCode
	switch {
	case s == http.StatusTooManyRequests:
		return &translate.RateLimitError{
			RetryAfter: translate.ParseRetryAfter(resp.Header, time.Now()),
			Err:        fmt.Errorf("deepl: status %d: %s", s, msg),
		}
	case s == 456:
		return fmt.Errorf("deepl: quota exceeded: %s: %w", msg, translate.ErrUnavailable)
	case s == http.StatusRequestTimeout || s >= 500:
		return fmt.Errorf("deepl: status %d: %s: %w", s, msg, translate.ErrUnavailable)
	default:
		return fmt.Errorf("deepl: status %d: %s: %w", s, msg, translate.ErrRejected)
	}
}
