// Package openai translates with any OpenAI-compatible chat-completions API:
// OpenAI itself, Azure OpenAI, and local servers such as Ollama, vLLM or
// LM Studio reached through their base URL.
package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/parleyhq/parley/translate"
)

// DefaultModel is the model used when Config.Model is empty: small, cheap
// and good at translation.
const DefaultModel = "gpt-4.1-mini"

// temperature is low so that the same text translates the same way, and
// never zero, which the client library would leave out of the request.
const temperature = 0.1

// Config configures a Client.
type Config struct {
	// BaseURL is the API root (PARLEY_OPENAI_BASE_URL), such as
	// "http://localhost:11434/v1" for Ollama; empty means OpenAI's. A host
	// under openai.azure.com selects Azure OpenAI, where Model names the
	// deployment.
	BaseURL string
	// APIKey is the key (PARLEY_OPENAI_API_KEY); local servers may need none.
	APIKey string
	// Model is the model (PARLEY_OPENAI_MODEL); empty means DefaultModel.
	Model string
	// AzureAPIVersion is the Azure OpenAI API version; empty means
	// "2024-10-21".
	AzureAPIVersion string
	// Timeout bounds every call; zero means 30 seconds.
	Timeout time.Duration
	// Glossary holds fixed terms and per-language formality (PARLEY_GLOSSARY).
	Glossary *translate.Glossary
	// MaxChars is the longest text sent in one call; zero means 6000.
	MaxChars int
	// HTTPClient replaces the default HTTP client.
	HTTPClient *http.Client
}

// Client translates through a chat-completions API.
type Client struct {
	api      *goopenai.Client
	model    string
	timeout  time.Duration
	glossary *translate.Glossary
	maxChars int
}

var (
	_ translate.BatchTranslator = (*Client)(nil)
	_ translate.ModelNamer      = (*Client)(nil)
	_ translate.Prompter        = (*Client)(nil)
	_ translate.Limiter         = (*Client)(nil)
)

// New returns a Client for cfg. It needs an API key or a base URL.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" && cfg.BaseURL == "" {
		return nil, errors.New("openai: an API key or a base URL is required")
	}
	c := &Client{model: cfg.Model, timeout: cfg.Timeout, glossary: cfg.Glossary, maxChars: cfg.MaxChars}
	if c.model == "" {
		c.model = DefaultModel
	}
	if c.timeout == 0 {
		c.timeout = 30 * time.Second
	}
	if c.maxChars == 0 {
		c.maxChars = 6000
	}
	conf := goopenai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("openai: bad base URL %q", cfg.BaseURL)
		}
		if strings.HasSuffix(u.Hostname(), ".openai.azure.com") {
			conf = goopenai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
			conf.APIVersion = cfg.AzureAPIVersion
			if conf.APIVersion == "" {
				conf.APIVersion = "2024-10-21"
			}
		}
		conf.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	if cfg.HTTPClient != nil {
		conf.HTTPClient = cfg.HTTPClient
	}
	c.api = goopenai.NewClientWithConfig(conf)
	return c, nil
}

// Name returns "openai".
func (c *Client) Name() string { return "openai" }

// Model returns the model that answers.
func (c *Client) Model() string { return c.model }

// MaxChars returns the longest text sent in one call.
func (c *Client) MaxChars() int { return c.maxChars }

// Prompts returns the fixed instructions, so that an answer repeating them
// can be recognized.
func (c *Client) Prompts() []string {
	return []string{fmt.Sprintf(rules, "text"), fmt.Sprintf(strictRules, "the target language"), batchRules}
}

// Translate translates req with one chat completion. An answer cut off by
// the token bound or left empty is a *translate.CheckError, so that the
// Verifier retries it.
func (c *Client) Translate(ctx context.Context, req translate.Request) (translate.Result, error) {
	limit := maxTokens(req.Text)
	resp, err := c.complete(ctx, goopenai.ChatCompletionRequest{
		Model: c.model,
		Messages: []goopenai.ChatCompletionMessage{
			{Role: goopenai.ChatMessageRoleSystem, Content: systemPrompt(c.glossary, req)},
			{Role: goopenai.ChatMessageRoleUser, Content: userMessage(req.Text)},
		},
	}, limit)
	if err != nil {
		return translate.Result{}, err
	}
	res := translate.Result{
		From: req.From, To: req.To, Provider: c.Name(), Model: c.model, Usage: usage(resp),
	}
	choice := resp.Choices[0]
	res.Text = stripTags(req.Text, choice.Message.Content)
	switch {
	case choice.FinishReason == goopenai.FinishReasonContentFilter:
		return translate.Result{}, fmt.Errorf("openai: answer withheld by the content filter: %w", translate.ErrRejected)
	case choice.FinishReason == goopenai.FinishReasonLength:
		return translate.Result{}, &translate.CheckError{
			Reason: fmt.Sprintf("the answer was cut off at %d tokens", limit), Usage: res.Usage}
	case res.Text == "":
		return translate.Result{}, &translate.CheckError{Reason: "the translation is empty", Usage: res.Usage}
	}
	return res, nil
}

// reasoningPrefixes name the model families that reject a temperature and
// max_tokens (they think before answering and take max_completion_tokens).
var reasoningPrefixes = []string{"o1", "o3", "o4", "gpt-5", "gpt-6"}

// complete makes one call within the timeout and maps its failure. It sets
// the sampling: a low temperature and a max_tokens bound, or for reasoning
// models, which refuse both, a max_completion_tokens bound with room to
// think.
func (c *Client) complete(ctx context.Context, r goopenai.ChatCompletionRequest, limit int) (goopenai.ChatCompletionResponse, error) {
	reasoning := false
	for _, p := range reasoningPrefixes {
		reasoning = reasoning || strings.HasPrefix(c.model, p)
	}
	if reasoning {
		r.MaxCompletionTokens = 4*limit + 1024
	} else {
		r.Temperature = temperature
		//lint:ignore SA1019 max_tokens is the bound every OpenAI-compatible server (Ollama, vLLM, older Azure versions) accepts.
		r.MaxTokens = limit
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resp, err := c.api.CreateChatCompletion(ctx, r)
	if err != nil {
		return resp, mapError(ctx, resp.Header(), err)
	}
	if len(resp.Choices) == 0 {
		return resp, fmt.Errorf("openai: answer without choices: %w", translate.ErrUnavailable)
	}
	return resp, nil
}

func usage(resp goopenai.ChatCompletionResponse) translate.Usage {
	return translate.Usage{PromptTokens: resp.Usage.PromptTokens, CompletionTokens: resp.Usage.CompletionTokens}
}
