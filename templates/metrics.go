package templates

import "github.com/prometheus/client_golang/prometheus"

// FallbackCounter counts fallbacks in Prometheus as
// parley_template_fallbacks_total{requested, used}, so that operators see
// which catalog to add.
type FallbackCounter struct {
	vec *prometheus.CounterVec
}

var _ FallbackRecorder = (*FallbackCounter)(nil)

// NewFallbackCounter registers the counter with reg.
func NewFallbackCounter(reg prometheus.Registerer) (*FallbackCounter, error) {
	vec := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "parley_template_fallbacks_total",
		Help: "Messages rendered in another language than the one requested, by requested and used language.",
	}, []string{"requested", "used"})
	if err := reg.Register(vec); err != nil {
		return nil, err
	}
	return &FallbackCounter{vec: vec}, nil
}

// Fallback records one fallback.
func (c *FallbackCounter) Fallback(requested, used string) {
	c.vec.WithLabelValues(requested, used).Inc()
}
