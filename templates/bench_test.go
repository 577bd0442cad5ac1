package templates

import (
	"testing"
	"time"
)

// BenchmarkRender renders one acknowledgement template.
func BenchmarkRender(b *testing.B) {
	s := newTestSet(b, Config{})
	d := Data{Name: "Ana", Ticket: "#4821", Within: "within 2 hours"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Render(AckBusinessHours, "en", d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderAck is the pipeline's whole acknowledgement step: promise
// arithmetic, choosing the message, the plural duration phrase and the
// acknowledgement itself.
func BenchmarkRenderAck(b *testing.B) {
	hours, err := ParseBusinessHours(DefaultBusinessHours)
	if err != nil {
		b.Fatal(err)
	}
	sch := NewSchedule(hours, time.UTC, nil)
	s := newTestSet(b, Config{})
	cases := []struct {
		name string
		at   time.Time
		lang string
	}{
		{"within/en", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), "en"},
		{"within/ru", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), "ru"},
		{"within/ar", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), "ar"},
		{"outside/de", time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC), "de"},
		{"fallback/pt-BR", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), "pt-BR"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			req := AckRequest{Language: c.lang, Name: "Ana", Ticket: "#4821"}
			b.ReportAllocs()
			for b.Loop() {
				p, err := sch.Promise(c.at, 4*time.Hour)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := s.RenderAck(p, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoad is New over the shipped catalogs, which Reload repeats.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		newTestSet(b, Config{})
	}
}
