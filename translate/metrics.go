package translate

import (
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts provider calls, cache lookups, checks and spend. A nil
// *Metrics counts nothing.
type Metrics struct {
	calls      *prometheus.CounterVec
	cache      *prometheus.CounterVec
	tokens     *prometheus.CounterVec
	characters *prometheus.CounterVec
	rejected   *prometheus.CounterVec
}

// NewMetrics registers Parley's translation metrics with reg:
//
//	parley_translate_calls_total{provider,result}          provider calls; result is ok or the sentinel
//	parley_translate_cache_lookups_total{provider,result}  hit or miss
//	parley_translate_tokens_total{provider,kind}           prompt or completion tokens
//	parley_translate_characters_total{provider}            billed characters
//	parley_translate_rejected_total{provider}              translations that failed their checks
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_calls_total",
			Help: "Translation provider calls by result.",
		}, []string{"provider", "result"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_cache_lookups_total",
			Help: "Translation cache lookups by result (hit or miss).",
		}, []string{"provider", "result"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_tokens_total",
			Help: "Tokens spent on translation, by kind (prompt or completion).",
		}, []string{"provider", "kind"}),
		characters: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_characters_total",
			Help: "Characters billed for translation.",
		}, []string{"provider"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_translate_rejected_total",
			Help: "Translations that failed their checks after the retry.",
		}, []string{"provider"}),
	}
	for _, c := range []prometheus.Collector{m.calls, m.cache, m.tokens, m.characters, m.rejected} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register translate metrics: %w", err)
		}
	}
	return m, nil
}

func (m *Metrics) call(provider string, err error) {
	if m == nil {
		return
	}
	m.calls.WithLabelValues(provider, resultLabel(err)).Inc()
}

func (m *Metrics) spend(provider string, u Usage) {
	if m == nil {
		return
	}
	m.tokens.WithLabelValues(provider, "prompt").Add(float64(u.PromptTokens))
	m.tokens.WithLabelValues(provider, "completion").Add(float64(u.CompletionTokens))
	m.characters.WithLabelValues(provider).Add(float64(u.Characters))
}

func (m *Metrics) lookup(provider string, hit bool) {
	if m == nil {
		return
	}
	result := "miss"
	if hit {
		result = "hit"
	}
	m.cache.WithLabelValues(provider, result).Inc()
}

func (m *Metrics) reject(provider string) {
	if m == nil {
		return
	}
	m.rejected.WithLabelValues(provider).Inc()
}

// resultLabel names an error by the sentinel it wraps, keeping the label's
// values few.
func resultLabel(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrRateLimited):
		return "rate_limited"
	case errors.Is(err, ErrRejected):
		return "rejected"
	case errors.Is(err, ErrCheckFailed):
		return "check_failed"
	case errors.Is(err, ErrBudgetExceeded):
		return "budget_exceeded"
	default:
		return "unavailable"
	}
}
