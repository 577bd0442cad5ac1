package gateway

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parleyhq/parley/gateway/store"
)

type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer, deps Deps) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_http_requests_total",
			Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parley_http_request_duration_seconds",
			Help:    "HTTP request latency by route and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
	}
	cs := []prometheus.Collector{m.requests, m.latency}
	if deps.QueueDepth != nil {
		cs = append(cs, newQueueCollector(deps.QueueDepth, deps.Logger))
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// middleware counts and times every request by its route pattern, so that
// ids in paths do not multiply the series.
func (m *metrics) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		method := c.Request().Method
		m.requests.WithLabelValues(route, method, strconv.Itoa(c.Response().Status)).Inc()
		m.latency.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
		return nil
	}
}

// queueCollector reads the queue's depth at scrape time.
type queueCollector struct {
	depth func(ctx context.Context) (store.QueueCounts, error)
	desc  *prometheus.Desc
	log   *slog.Logger
}

func newQueueCollector(depth func(ctx context.Context) (store.QueueCounts, error), log *slog.Logger) *queueCollector {
	return &queueCollector{depth: depth, log: log, desc: prometheus.NewDesc("parley_queue_jobs",
		"Jobs in the queue that still have work ahead, by state.", []string{"state"}, nil)}
}

func (q *queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- q.desc }

func (q *queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c, err := q.depth(ctx)
	if err != nil {
		q.log.Warn("read queue depth", "error", err)
		return
	}
	for state, n := range map[string]int64{"available": c.Available, "scheduled": c.Scheduled,
		"retryable": c.Retryable, "running": c.Running} {
		ch <- prometheus.MustNewConstMetric(q.desc, prometheus.GaugeValue, float64(n), state)
	}
}
