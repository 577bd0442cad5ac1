package translate_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/openai"
	"github.com/parleyhq/parley/translate/translatetest"
)

// hostile is one message of testdata/hostile.json: a customer message that
// tries to take over the model, a faithful translation of it, and what a
// model that obeys it answers.
type hostile struct {
	Name     string                  `json:"name"`
	From     string                  `json:"from"`
	To       string                  `json:"to"`
	Text     string                  `json:"text"`
	Faithful string                  `json:"faithful"`
	Obey     translatetest.Injection `json:"obey"`
}

func loadHostile(t *testing.T) []hostile {
	t.Helper()
	data, err := os.ReadFile("testdata/hostile.json")
	if err != nil {
		t.Fatal(err)
	}
	var hs []hostile
	if err := json.Unmarshal(data, &hs); err != nil {
		t.Fatal(err)
	}
	if len(hs) < 30 {
		t.Fatalf("hostile corpus has %d messages, want at least 30", len(hs))
	}
	return hs
}

// hostileModel obeys every message of the corpus; with strict set it obeys
// even the stricter retry.
func hostileModel(hs []hostile, strict bool) *translatetest.Model {
	m := &translatetest.Model{
		Phrasebook: map[string]map[string]string{},
		Injections: map[string]translatetest.Injection{},
		Obey:       true, ObeyStrict: strict,
	}
	for _, h := range hs {
		m.Injections[h.Text] = h.Obey
		m.Phrasebook[h.Text] = map[string]string{h.To: h.Faithful}
	}
	return m
}

func newOpenAIService(t *testing.T, srv *translatetest.OpenAIServer, cfg translate.Config) *translate.Service {
	t.Helper()
	p, err := openai.New(openai.Config{BaseURL: srv.BaseURL(), APIKey: "sk-test", Glossary: cfg.Glossary})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := translate.New(cfg, translate.Deps{
		Provider: p, Detector: translatetest.Detector{}, Cache: translate.NewMemoryCache(), Usage: &translate.MemoryUsage{},
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// TestHostileFaithfulTranslationsPass guards against checks that reject
// everything: a faithful translation of every hostile message passes.
func TestHostileFaithfulTranslationsPass(t *testing.T) {
	hs := loadHostile(t)
	p, err := openai.New(openai.Config{BaseURL: "http://127.0.0.1:1/v1"})
	if err != nil {
		t.Fatal(err)
	}
	v := translate.NewVerifier(p, translatetest.Detector{}, translate.VerifyConfig{Prompts: p.Prompts()})
	for _, h := range hs {
		t.Run(h.Name, func(t *testing.T) {
			req := translate.Request{Text: h.Text, From: h.From, To: h.To}
			got, err := v.Check(context.Background(), req, h.Faithful)
			if err != nil {
				t.Fatalf("Check(%q) = %v, want it to pass", h.Faithful, err)
			}
			if got != strings.TrimSpace(h.Faithful) {
				t.Errorf("Check(%q) = %q, want it unchanged", h.Faithful, got)
			}
		})
	}
}

// TestHostileObeyedOutputsRejected runs every hostile message through the
// real stack against a model that obeys it, also under the stricter retry:
// no obeyed answer comes back as a translation.
func TestHostileObeyedOutputsRejected(t *testing.T) {
	hs := loadHostile(t)
	srv := translatetest.NewOpenAIServer(t, hostileModel(hs, true))
	svc := newOpenAIService(t, srv, translate.Config{})
	for _, h := range hs {
		t.Run(h.Name, func(t *testing.T) {
			before := len(srv.Requests())
			res, err := svc.Translate(context.Background(), translate.Request{Text: h.Text, From: h.From, To: h.To})
			var ce *translate.CheckError
			if !errors.As(err, &ce) || !errors.Is(err, translate.ErrCheckFailed) {
				t.Fatalf("Translate(%q) = %q, %v; want a *CheckError", h.Text, res.Text, err)
			}
			if res.Text != "" {
				t.Errorf("Translate(%q) returned text %q with its error", h.Text, res.Text)
			}
			reqs := srv.Requests()[before:]
			if len(reqs) != 2 {
				t.Fatalf("model asked %d times, want 2 (one stricter retry)", len(reqs))
			}
			// The model really obeyed: its answer is not the faithful translation.
			if ans := srv.Model.Answer(reqs[1].Messages[0].Content, h.Text); ans == h.Faithful {
				t.Fatalf("the fake model translated instead of obeying")
			}
			t.Logf("rejected: %s", ce.Reason)
		})
	}
}

// TestHostileStrictRetryRecovers shows the second chance: a model that obeys
// the message once but follows the stricter instructions yields the
// faithful translation.
func TestHostileStrictRetryRecovers(t *testing.T) {
	hs := loadHostile(t)
	srv := translatetest.NewOpenAIServer(t, hostileModel(hs, false))
	svc := newOpenAIService(t, srv, translate.Config{})
	for _, h := range hs[:8] {
		res, err := svc.Translate(context.Background(), translate.Request{Text: h.Text, From: h.From, To: h.To})
		if err != nil {
			t.Fatalf("Translate(%q) = %v, want the faithful translation", h.Text, err)
		}
		if res.Text != h.Faithful {
			t.Errorf("Translate(%q) = %q, want %q", h.Text, res.Text, h.Faithful)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 16 {
		t.Fatalf("model asked %d times, want 16", len(reqs))
	}
	if !strings.Contains(reqs[1].Messages[0].Content, "previous answer was rejected") {
		t.Errorf("retry system prompt lacks the stricter instructions:\n%s", reqs[1].Messages[0].Content)
	}
}

// TestHostileBatchedRejected sends the whole corpus through TranslateAll:
// batched answers are checked one by one, and none of the obeyed ones
// passes.
func TestHostileBatchedRejected(t *testing.T) {
	hs := loadHostile(t)
	srv := translatetest.NewOpenAIServer(t, hostileModel(hs, true))
	svc := newOpenAIService(t, srv, translate.Config{})
	reqs := make([]translate.Request, len(hs))
	for i, h := range hs {
		reqs[i] = translate.Request{Text: h.Text, From: h.From, To: h.To}
	}
	for i, o := range svc.TranslateAll(context.Background(), reqs) {
		if !errors.Is(o.Err, translate.ErrCheckFailed) {
			t.Errorf("TranslateAll: %s = %q, %v; want ErrCheckFailed", hs[i].Name, o.Result.Text, o.Err)
		}
	}
}
