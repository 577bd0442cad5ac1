package translate_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parleyhq/parley/translate"
)

// brokenUsage fails every write and read.
type brokenUsage struct{}

func (brokenUsage) RecordUsage(context.Context, translate.UsageEvent) error {
	return errors.New("disk full")
}

func (brokenUsage) UsageSince(context.Context, time.Time) (translate.Usage, error) {
	return translate.Usage{}, errors.New("disk full")
}

func TestMeterStoreFailures(t *testing.T) {
	p := &scripted{answers: []string{"Hello", "Hello"}}
	m, err := translate.NewMeter(p, brokenUsage{}, nil, translate.MeterConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Translate(context.Background(), ru("Привет")); err != nil {
		t.Errorf("Translate with a failing usage store = %v, want the translation anyway", err)
	}
	limited, err := translate.NewMeter(p, brokenUsage{}, nil, translate.MeterConfig{DailyLimit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := limited.Translate(context.Background(), ru("Привет")); err == nil {
		t.Errorf("Translate with an unreadable budget succeeded, want an error")
	}
	if len(p.reqs) != 1 {
		t.Errorf("provider called %d times, want 1: no call when the budget cannot be read", len(p.reqs))
	}
	if _, err := translate.NewMeter(p, nil, nil, translate.MeterConfig{DailyLimit: 10}); err == nil {
		t.Errorf("NewMeter with a limit and no store succeeded, want an error")
	}
}

func TestMetricsRegisterOnce(t *testing.T) {
	reg := prometheus.NewRegistry()
	if _, err := translate.NewMetrics(reg); err != nil {
		t.Fatal(err)
	}
	if _, err := translate.NewMetrics(reg); err == nil {
		t.Error("second NewMetrics on one registry succeeded, want a registration error")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		h    map[string]string
		want time.Duration
	}{
		{name: "seconds", h: map[string]string{"Retry-After": "12"}, want: 12 * time.Second},
		{name: "date", h: map[string]string{"Retry-After": "Thu, 26 Nov 2026 10:01:00 GMT"}, want: time.Minute},
		{name: "ms wins", h: map[string]string{"Retry-After": "12", "Retry-After-Ms": "250"}, want: 250 * time.Millisecond},
		{name: "past date", h: map[string]string{"Retry-After": "Thu, 26 Nov 2026 09:00:00 GMT"}},
		{name: "garbage", h: map[string]string{"Retry-After": "soon"}},
		{name: "none"},
	}
	for _, tt := range tests {
		h := make(map[string][]string)
		for k, v := range tt.h {
			h[k] = []string{v}
		}
		if got := translate.ParseRetryAfter(h, now); got != tt.want {
			t.Errorf("%s: ParseRetryAfter(%v) = %v, want %v", tt.name, tt.h, got, tt.want)
		}
	}
}
