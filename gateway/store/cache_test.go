package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/gateway/store/storetest"
	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/deepl"
	"github.com/parleyhq/parley/translate/translatetest"
)

// cachePut is one Put of a cache test.
type cachePut struct {
	key   translate.CacheKey
	entry translate.CacheEntry
}

// cacheCase is a cache test: after puts, Get(get) returns want or misses.
type cacheCase struct {
	name     string
	puts     []cachePut
	get      translate.CacheKey
	want     translate.CacheEntry
	wantMiss bool
}

func cacheCases() []cacheCase {
	base := translate.CacheKey{Text: "Where is my order?", From: "en", To: "de", Provider: "openai", Model: "gpt-4o-mini", Glossary: "v1"}
	with := func(f func(*translate.CacheKey)) translate.CacheKey {
		k := base
		f(&k)
		return k
	}
	hallo := translate.CacheEntry{Text: "Wo ist meine Bestellung?", From: "en"}
	other := translate.CacheEntry{Text: "Wo bleibt meine Bestellung?"}
	return []cacheCase{
		{name: "miss", get: base, wantMiss: true},
		{name: "put then get", puts: []cachePut{{base, hallo}}, get: base, want: hallo},
		{name: "put replaces", puts: []cachePut{{base, hallo}, {base, other}}, get: base, want: other},
		{name: "replace back", puts: []cachePut{{base, other}, {base, hallo}}, get: base, want: hallo},
		{name: "other text", puts: []cachePut{{base, hallo}}, get: with(func(k *translate.CacheKey) { k.Text += "!" }), wantMiss: true},
		{name: "other source", puts: []cachePut{{base, hallo}}, get: with(func(k *translate.CacheKey) { k.From = "" }), wantMiss: true},
		{name: "other target", puts: []cachePut{{base, hallo}}, get: with(func(k *translate.CacheKey) { k.To = "de-ch" }), wantMiss: true},
		{name: "other provider", puts: []cachePut{{base, hallo}}, get: with(func(k *translate.CacheKey) { k.Provider = "deepl" }), wantMiss: true},
		{name: "other model", puts: []cachePut{{base, hallo}}, get: with(func(k *translate.CacheKey) { k.Model = "gpt-4o" }), wantMiss: true},
		{name: "other glossary", puts: []cachePut{{base, hallo}}, get: with(func(k *translate.CacheKey) { k.Glossary = "v2" }), wantMiss: true},
		{
			name: "keys side by side",
			puts: []cachePut{{base, hallo}, {with(func(k *translate.CacheKey) { k.To = "fr" }), other}},
			get:  base, want: hallo,
		},
		{
			// The same characters split differently between fields.
			name: "shifted boundary",
			puts: []cachePut{{with(func(k *translate.CacheKey) { k.From, k.To = "ende", "" }), other}},
			get:  with(func(k *translate.CacheKey) { k.From, k.To = "en", "de" }), wantMiss: true,
		},
	}
}

func TestTranslationCache(t *testing.T) {
	tests := cacheCases()
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					// Every case writes under keys of its own in the shared database.
					scope := func(k translate.CacheKey) translate.CacheKey {
						k.Text = tt.name + ": " + k.Text
						return k
					}
					for _, p := range tt.puts {
						if err := db.Put(ctx, scope(p.key), p.entry); err != nil {
							t.Fatalf("Put(%q) = %v", p.key.Text, err)
						}
					}
					got, err := db.Get(ctx, scope(tt.get))
					if tt.wantMiss {
						if !errors.Is(err, translate.ErrCacheMiss) {
							t.Errorf("Get(%+v) = %+v, %v; want ErrCacheMiss", tt.get, got, err)
						}
						return
					}
					if err != nil {
						t.Fatalf("Get(%+v) = %v", tt.get, err)
					}
					if diff := cmp.Diff(tt.want, got); diff != "" {
						t.Errorf("Get(%+v) mismatch (-want +got):\n%s", tt.get, diff)
					}
				})
			}
		})
	}
}

func TestTranslationUsage(t *testing.T) {
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	plus2 := time.FixedZone("UTC+2", 2*60*60)
	minus5 := time.FixedZone("UTC-5", -5*60*60)
	events := []translate.UsageEvent{
		{Time: day.Add(-time.Hour), Conversation: "chatwoot:1:7", Provider: "openai", Model: "gpt-4o-mini",
			From: "ru", To: "en", Usage: translate.Usage{PromptTokens: 1000, CompletionTokens: 2000}, Batch: 1},
		{Time: day.Add(-time.Millisecond), Provider: "deepl", To: "de", Usage: translate.Usage{Characters: 3000}},
		{Time: day, Conversation: "chatwoot:1:7", Provider: "openai", Model: "gpt-4o-mini",
			From: "en", To: "ru", Usage: translate.Usage{PromptTokens: 10, CompletionTokens: 20}, Batch: 1},
		// 01:30 in UTC+2 is 23:30 UTC the day before, though its local
		// digits sort after midnight.
		{Time: day.Add(-30 * time.Minute).In(plus2), Provider: "deepl", To: "fr", Usage: translate.Usage{Characters: 4000}},
		// 22:00 in UTC-5 the day before is 03:00 UTC on the day, though its
		// local digits sort before midnight.
		{Time: day.Add(3 * time.Hour).In(minus5), Provider: "deepl", To: "fr", Usage: translate.Usage{Characters: 300}},
		{Time: day.Add(6 * time.Hour), Conversation: "zammad:42", Provider: "openai", Model: "gpt-4o-mini",
			From: "de", To: "en", Usage: translate.Usage{PromptTokens: 100, CompletionTokens: 200}, Batch: 4},
	}
	tests := []struct {
		name  string
		since time.Time
		want  translate.Usage
	}{
		{"before every event", day.Add(-2 * time.Hour), translate.Usage{PromptTokens: 1110, CompletionTokens: 2220, Characters: 7300}},
		{"the day", day, translate.Usage{PromptTokens: 110, CompletionTokens: 220, Characters: 300}},
		{"the day in another zone", day.In(minus5), translate.Usage{PromptTokens: 110, CompletionTokens: 220, Characters: 300}},
		{"just after an event", day.Add(time.Millisecond), translate.Usage{PromptTokens: 100, CompletionTokens: 200, Characters: 300}},
		{"at the last event", day.Add(6 * time.Hour), translate.Usage{PromptTokens: 100, CompletionTokens: 200}},
		{"after every event", day.AddDate(0, 0, 1), translate.Usage{}},
	}
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			if got, err := db.UsageSince(ctx, day); err != nil || got != (translate.Usage{}) {
				t.Errorf("UsageSince(%v) on no events = %+v, %v; want zero", day, got, err)
			}
			for _, e := range events {
				if err := db.RecordUsage(ctx, e); err != nil {
					t.Fatalf("RecordUsage(%+v) = %v", e, err)
				}
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					got, err := db.UsageSince(ctx, tt.since)
					if err != nil {
						t.Fatalf("UsageSince(%v) = %v", tt.since, err)
					}
					if diff := cmp.Diff(tt.want, got); diff != "" {
						t.Errorf("UsageSince(%v) mismatch (-want +got):\n%s", tt.since, diff)
					}
				})
			}
		})
	}
}

const deeplKey = "0f4c1b7e-1111-2222-3333-444455556666:fx"

// newDeepL returns a DeepL client talking to a fake DeepL server.
func newDeepL(t *testing.T) (*deepl.Client, *translatetest.DeepLServer) {
	t.Helper()
	srv := translatetest.NewDeepLServer(t, deeplKey, &translatetest.Model{})
	c, err := deepl.New(deepl.Config{APIKey: deeplKey, BaseURL: srv.URL, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

func TestCachedTranslatorOverStore(t *testing.T) {
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			provider, srv := newDeepL(t)
			cfg := translate.CacheConfig{Glossary: "v1"}
			req := translate.Request{Text: "Where is my order?", From: "en", To: "de"}
			first, err := translate.NewCached(provider, db, nil, cfg).Translate(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			// A new wrapper, as after a restart: the store remembers.
			cached := translate.NewCached(provider, db, nil, cfg)
			again := req
			again.Text = "  Where is my   order?\r\n"
			second, err := cached.Translate(ctx, again)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("provider called %d times for the same sentence twice, want 1", n)
			}
			want := first
			want.Usage, want.Cached = translate.Usage{}, true
			if diff := cmp.Diff(want, second); diff != "" {
				t.Errorf("second Translate(%q) mismatch (-want +got):\n%s", again.Text, diff)
			}
			if first.Cached || first.Text == "" {
				t.Errorf("first Translate(%q) = %+v, want a fresh translation", req.Text, first)
			}
			// Another target language is another key.
			if _, err := cached.Translate(ctx, translate.Request{Text: req.Text, From: "en", To: "fr"}); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.Requests()); n != 2 {
				t.Errorf("provider called %d times after a new target, want 2", n)
			}
		})
	}
}

func TestMeterOverStore(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	now := day.Add(12 * time.Hour)
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			provider, srv := newDeepL(t)
			meter, err := translate.NewMeter(provider, db, nil, translate.MeterConfig{
				DailyLimit: 10, Now: func() time.Time { return now },
			})
			if err != nil {
				t.Fatal(err)
			}
			req := translate.Request{Text: "Where is my order?", From: "en", To: "de", Conversation: "chatwoot:1:7"}
			if _, err := meter.Translate(ctx, req); err != nil {
				t.Fatalf("first Translate(%q) = %v", req.Text, err)
			}
			spent, err := db.UsageSince(ctx, day)
			if want := (translate.Usage{Characters: len(req.Text)}); err != nil || spent != want {
				t.Errorf("UsageSince = %+v, %v; want %+v", spent, err, want)
			}
			_, err = meter.Translate(ctx, req)
			var be *translate.BudgetError
			if !errors.Is(err, translate.ErrBudgetExceeded) || !errors.As(err, &be) || be.Spent != int64(len(req.Text)) {
				t.Errorf("Translate over the limit = %v, want a BudgetError with %d spent", err, len(req.Text))
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("provider called %d times, want 1", n)
			}
		})
	}
}
