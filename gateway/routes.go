package gateway

import (
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// addRoutes holds the whole route table.
func addRoutes(e *echo.Echo, cfg Config, deps Deps, m *metrics) {
	e.Use(m.middleware, recoverPanics(deps.Logger))

	e.GET("/healthz", handleHealthz())
	e.GET("/readyz", handleReadyz(deps.Ready, deps.Logger))

	auth := requireToken(cfg.APIToken)
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(deps.Registry, promhttp.HandlerOpts{})), auth)

	v1 := e.Group("/v1", auth)
	v1.POST("/messages", handleCreateMessage(cfg, deps.Pipeline))
	v1.GET("/messages/:id", handleGetMessage(deps.Store, deps.Pipeline))
	v1.GET("/conversations/:id", handleGetConversation(deps.Store, deps.Pipeline))
}
