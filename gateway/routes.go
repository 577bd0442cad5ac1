package gateway

import (
	"net/http"
	"net/http/pprof"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/parleyhq/parley/gateway/web"
)

// addRoutes holds the whole route table.
func addRoutes(e *echo.Echo, cfg Config, deps Deps, m *metrics) {
	e.Use(m.middleware, recoverPanics(deps.Logger))

	e.GET("/healthz", handleHealthz())
	e.GET("/readyz", handleReadyz(deps.Ready, deps.Logger))

	auth := requireToken(cfg.APIToken)

	// The agent page: Basic auth with the API token as the password.
	pages := echo.WrapHandler(web.RequireAuth(cfg.APIToken)(web.New(web.Deps{
		Store: deps.Store, TranslationOf: deps.Pipeline.TranslationOf, Logger: deps.Logger})))
	e.GET("/", pages)
	e.GET("/conversations/:id", pages)
	e.GET(web.AssetPrefix+"*", pages)
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(deps.Registry, promhttp.HandlerOpts{})), auth)
	// Go's profiler, for operators chasing a slow gateway; behind the token.
	e.GET("/debug/pprof/*", echo.WrapHandler(http.HandlerFunc(pprof.Index)), auth)
	e.GET("/debug/pprof/profile", echo.WrapHandler(http.HandlerFunc(pprof.Profile)), auth)
	e.GET("/debug/pprof/trace", echo.WrapHandler(http.HandlerFunc(pprof.Trace)), auth)

	// Middleware goes on each route rather than on a group: a group's
	// catch-all would turn a wrong method into a 404 instead of a 405.
	e.POST("/v1/messages", handleCreateMessage(cfg, deps.Pipeline), auth)
	e.GET("/v1/messages/:id", handleGetMessage(deps.Store, deps.Pipeline), auth)
	e.GET("/v1/conversations/:id", handleGetConversation(deps.Store, deps.Pipeline), auth)
	e.POST("/v1/conversations/:id/replies", handleReply(cfg, deps.Pipeline), auth)
	e.PUT("/v1/conversations/:id/language", handleSetLanguage(cfg, deps.Pipeline), auth)
	e.POST("/v1/detect", handleDetect(cfg, deps.Detector), auth)
	e.POST("/v1/translate", handleTranslate(cfg, deps.Translator, deps.Detector), auth)
	e.POST("/v1/render", handleRender(cfg, deps.Renderer), auth)

	// Webhooks authenticate by their own signature schemes, not the token.
	for name, conn := range deps.Connectors {
		e.POST("/hooks/"+name, handleHook(name, conn, deps.Pipeline, cfg.MaxBodyBytes, deps.Logger))
	}
}
