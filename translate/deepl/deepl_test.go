package deepl_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/deepl"
	"github.com/parleyhq/parley/translate/translatetest"
)

const key = "0f4c1b7e-1111-2222-3333-444455556666:fx"

func newClient(t *testing.T, srv *translatetest.DeepLServer, g *translate.Glossary) *deepl.Client {
	t.Helper()
	c, err := deepl.New(deepl.Config{APIKey: key, BaseURL: srv.URL, Glossary: g, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEndpointByKey(t *testing.T) {
	tests := []struct{ key, base, want string }{
		{key: "abc:fx", want: deepl.FreeURL},
		{key: "abc", want: deepl.ProURL},
		{key: "abc:fx", base: "http://localhost:9000/", want: "http://localhost:9000"},
	}
	for _, tt := range tests {
		c, err := deepl.New(deepl.Config{APIKey: tt.key, BaseURL: tt.base})
		if err != nil {
			t.Fatal(err)
		}
		if got := c.BaseURL(); got != tt.want {
			t.Errorf("New(%q, %q).BaseURL() = %q, want %q", tt.key, tt.base, got, tt.want)
		}
	}
	if _, err := deepl.New(deepl.Config{}); err == nil {
		t.Error("New without a key succeeded, want an error")
	}
}

func TestTranslateWireFormat(t *testing.T) {
	g, err := translate.ParseGlossary([]byte("keep = [\"Parley\"]\n[formality]\nde = \"formal\"\n[[term]]\ntext = \"ticket\"\nfrom = \"en\"\nto = { de = \"Vorgang\" }\n"))
	if err != nil {
		t.Fatal(err)
	}
	srv := translatetest.NewDeepLServer(t, key, &translatetest.Model{})
	c := newClient(t, srv, g)
	ctx := context.Background()
	res, err := c.Translate(ctx, translate.Request{Text: "Your Parley ticket is open.", From: "en", To: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Translate(ctx, translate.Request{Text: "Another ticket.", From: "en", To: "de"}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	want := translatetest.DeepLRequest{
		Authorization: "DeepL-Auth-Key " + key, Text: []string{"Your Parley ticket is open."},
		SourceLang: "EN", TargetLang: "DE", Formality: "prefer_more", GlossaryID: "gls-1",
		PreserveFormatting: true, ShowBilledCharacters: true,
	}
	if diff := cmp.Diff(want, reqs[0]); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	gl := srv.Glossaries()
	if len(gl) != 1 {
		t.Fatalf("%d glossaries created, want 1 reused for the pair", len(gl))
	}
	if diff := cmp.Diff("Parley\tParley\nticket\tVorgang\n", gl[0].Entries); diff != "" {
		t.Errorf("glossary entries (-want +got):\n%s", diff)
	}
	if reqs[1].GlossaryID != "gls-1" {
		t.Errorf("second call glossary = %q, want gls-1", reqs[1].GlossaryID)
	}
	if res.Usage.Characters != len("Your Parley ticket is open.") || res.Provider != "deepl" || res.From != "en" {
		t.Errorf("result = %+v", res)
	}
}

func TestTargetVariantsAndDetection(t *testing.T) {
	srv := translatetest.NewDeepLServer(t, key, &translatetest.Model{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	for _, to := range []string{"en", "en-GB", "pt", "pt-PT", "zh-Hant", "zh"} {
		if _, err := c.Translate(ctx, translate.Request{Text: "Где мой заказ?", To: to}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, r := range srv.Requests() {
		got = append(got, r.TargetLang)
		if r.SourceLang != "" || r.GlossaryID != "" {
			t.Errorf("source %q glossary %q, want neither without a source", r.SourceLang, r.GlossaryID)
		}
	}
	if diff := cmp.Diff([]string{"EN-US", "EN-GB", "PT-BR", "PT-PT", "ZH-HANT", "ZH-HANS"}, got); diff != "" {
		t.Errorf("target_lang (-want +got):\n%s", diff)
	}
	res, err := c.Translate(ctx, translate.Request{Text: "Где мой заказ?", To: "en"})
	if err != nil || res.From != "ru" {
		t.Errorf("detected source = %q, %v; want ru", res.From, err)
	}
}

func TestBatchInOneRequest(t *testing.T) {
	srv := translatetest.NewDeepLServer(t, key, &translatetest.Model{})
	c := newClient(t, srv, nil)
	reqs := []translate.Request{{Text: "Привет", From: "ru", To: "en"}, {Text: "Спасибо", From: "ru", To: "en"}}
	outs, err := c.TranslateBatch(context.Background(), reqs)
	if err != nil || len(outs) != 2 || outs[1].Result.Usage.Characters != len([]rune("Спасибо")) {
		t.Fatalf("TranslateBatch = %+v, %v", outs, err)
	}
	if n := len(srv.Requests()); n != 1 || len(srv.Requests()[0].Text) != 2 {
		t.Errorf("%d requests, want one carrying both texts", n)
	}
}

func TestTranslateErrors(t *testing.T) {
	tests := []struct {
		name      string
		reply     translatetest.Reply
		want      error
		wantRetry time.Duration
	}{
		{name: "429 with Retry-After", want: translate.ErrRateLimited, wantRetry: 3 * time.Second,
			reply: withHeader(translatetest.DeepLError(429, "Too many requests"), "Retry-After", "3")},
		{name: "429 without Retry-After", reply: translatetest.DeepLError(429, "Too many requests"), want: translate.ErrRateLimited},
		{name: "456 quota", reply: translatetest.DeepLError(456, "Quota exceeded"), want: translate.ErrUnavailable},
		{name: "500", reply: translatetest.DeepLError(500, "Internal error"), want: translate.ErrUnavailable},
		{name: "403", reply: translatetest.DeepLError(403, "Authorization failed"), want: translate.ErrRejected},
		{name: "400", reply: translatetest.DeepLError(400, "Value for 'target_lang' not supported."), want: translate.ErrRejected},
		{name: "malformed", reply: translatetest.Reply{Status: 200, Body: `{"translations": [`}, want: translate.ErrUnavailable},
		{name: "no translations", reply: translatetest.Reply{Status: 200, Body: `{"translations": []}`}, want: translate.ErrUnavailable},
		{name: "empty text", reply: translatetest.Reply{Status: 200, Body: `{"translations": [{"detected_source_language":"RU","text":""}]}`}, want: translate.ErrCheckFailed},
		{name: "timeout", reply: translatetest.Reply{Delay: 5 * time.Second}, want: translate.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := translatetest.NewDeepLServer(t, key, &translatetest.Model{})
			srv.Enqueue(tt.reply)
			c := newClient(t, srv, nil)
			start := time.Now()
			res, err := c.Translate(context.Background(), translate.Request{Text: "Где мой заказ?", From: "ru", To: "en"})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Translate = %q, %v; want %v", res.Text, err, tt.want)
			}
			if time.Since(start) > 3*time.Second {
				t.Errorf("took %v, want the timeout to cut the call short", time.Since(start))
			}
			var rl *translate.RateLimitError
			if tt.wantRetry > 0 && (!errors.As(err, &rl) || rl.RetryAfter != tt.wantRetry) {
				t.Errorf("RetryAfter = %v, want %v", rl, tt.wantRetry)
			}
		})
	}
}

func TestWrongKeyRejected(t *testing.T) {
	srv := translatetest.NewDeepLServer(t, "another-key", &translatetest.Model{})
	c := newClient(t, srv, nil)
	if _, err := c.Translate(context.Background(), translate.Request{Text: "Hi", To: "de"}); !errors.Is(err, translate.ErrRejected) {
		t.Errorf("wrong key: %v, want ErrRejected", err)
	}
}

func withHeader(r translatetest.Reply, k, v string) translatetest.Reply {
	r.Header = http.Header{k: {v}}
	return r
}

func TestServiceChecksDeepLOnce(t *testing.T) {
	srv := translatetest.NewDeepLServer(t, key, &translatetest.Model{})
	c := newClient(t, srv, nil)
	svc, err := translate.New(translate.Config{}, translate.Deps{Provider: c, Detector: translatetest.Detector{}})
	if err != nil {
		t.Fatal(err)
	}
	// DeepL answers in the source language: the check fails, and a retry
	// would get the same answer, so there is none.
	srv.Enqueue(translatetest.Reply{Status: 200,
		Body: `{"translations":[{"detected_source_language":"RU","text":"Где мой заказ? Я жду уже целую неделю."}]}`})
	_, err = svc.Translate(context.Background(), translate.Request{Text: "Где мой заказ? Я жду уже неделю.", From: "ru", To: "en"})
	if !errors.Is(err, translate.ErrCheckFailed) {
		t.Fatalf("Translate = %v, want ErrCheckFailed", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("DeepL called %d times, want 1", n)
	}
}
