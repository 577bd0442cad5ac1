// Package gateway is Parley's HTTP face: the route table, the handlers of the
// generic API and the helpdesk webhooks, authentication, and the one table
// that maps errors to statuses.
package gateway

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/web"
	"github.com/parleyhq/parley/translate"
)

// Config is the gateway's share of the settings.
type Config struct {
	// APIToken guards /v1 and /metrics; empty means loopback clients only.
	APIToken string
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// MaxTextChars bounds a message's text, in characters.
	MaxTextChars int
}

// Pipeline takes messages, replies and helpdesk events in.
type Pipeline interface {
	Accept(ctx context.Context, in pipeline.Inbound) (pipeline.Accepted, error)
	TranslationOf(m store.Message, have []store.Translation) store.Translation
	Replier
	Intaker
}

// Reader reads stored conversations and messages.
type Reader interface {
	web.Reader
	Message(ctx context.Context, id int64) (store.Message, error)
	MessageTranslations(ctx context.Context, id int64) ([]store.Translation, error)
	Conversation(ctx context.Context, id int64) (store.Conversation, error)
	ConversationByExternalID(ctx context.Context, source, externalID string) (store.Conversation, error)
	Messages(ctx context.Context, conversationID int64, limit int) ([]store.Message, error)
	ConversationTranslations(ctx context.Context, id int64) ([]store.Translation, error)
}

// Check is one readiness check; /readyz fails while any check fails.
type Check struct {
	Name  string
	Check func(ctx context.Context) error
}

// Deps are the gateway's collaborators.
type Deps struct {
	Pipeline   Pipeline
	Detector   translate.Detector
	Translator Translator
	Renderer   Renderer
	// Connectors verify and parse webhooks, by helpdesk name.
	Connectors map[string]Connector
	Store      Reader
	Ready      []Check
	// QueueDepth reports the queue's depth for /metrics.
	QueueDepth func(ctx context.Context) (store.QueueCounts, error)
	Registry   *prometheus.Registry
	Logger     *slog.Logger
}

// Server is the gateway's HTTP handler.
type Server struct {
	e *echo.Echo
}

// New builds the gateway with every route.
func New(cfg Config, deps Deps) (*Server, error) {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxTextChars <= 0 {
		cfg.MaxTextChars = 20000
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(deps.Logger)
	m, err := newMetrics(deps.Registry, deps)
	if err != nil {
		return nil, err
	}
	addRoutes(e, cfg, deps, m)
	return &Server{e: e}, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.e.ServeHTTP(w, r) }
