package gateway_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/locales"
	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate"
)

func TestDetectRoute(t *testing.T) {
	h := newHarness(t, harnessOpts{token: token, detector: sharedDetector(t)})
	auth := "Bearer " + token
	tests := []struct {
		name, body string
		wantCode   int
		wantLang   string
		wantSource string
		wantField  string
	}{
		{"russian", `{"text":"Здравствуйте, где мой заказ? Жду уже неделю."}`, 200, "ru", "detected", ""},
		{"clear text beats a wrong hint", `{"text":"Здравствуйте, где мой заказ? Жду уже неделю.","hint":"en-US"}`, 200, "ru", "detected", ""},
		{"nothing but numbers", `{"text":"#48213 12.04.2026"}`, 200, "und", "", ""},
		{"empty", `{"text":""}`, 422, "", "", "text"},
		{"bad hint", `{"text":"hola","hint":"!!"}`, 422, "", "", "hint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := h.do(request{method: "POST", path: "/v1/detect", body: tt.body, auth: auth})
			if rec.Code != tt.wantCode {
				t.Fatalf("POST /v1/detect %s = %d %s, want %d", tt.body, rec.Code, rec.Body, tt.wantCode)
			}
			if tt.wantCode != 200 {
				if got := decode[apiError](t, rec); got.Error.Field != tt.wantField {
					t.Errorf("error field = %q, want %q", got.Error.Field, tt.wantField)
				}
				return
			}
			got := decode[translate.Detection](t, rec)
			if got.Language != tt.wantLang || (tt.wantSource != "" && string(got.Source) != tt.wantSource) {
				t.Errorf("POST /v1/detect %s = %+v, want %s (%s)", tt.body, got, tt.wantLang, tt.wantSource)
			}
			if !strings.Contains(rec.Body.String(), `"candidates":[`) {
				t.Errorf("response %s lacks a candidates list", rec.Body)
			}
		})
	}
}

func TestTranslateRoute(t *testing.T) {
	h := newHarness(t, harnessOpts{token: token, detector: sharedDetector(t), translator: dictionary{
		"en:Где мой заказ?": "Where is my order?",
	}})
	auth := "Bearer " + token
	rec := h.do(request{method: "POST", path: "/v1/translate", auth: auth, body: `{"text":"Где мой заказ?","to":"en"}`})
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /v1/translate = %d %s", rec.Code, rec.Body)
	}
	type result struct {
		Text, From, To string
		Cached         bool
	}
	if diff := cmp.Diff(result{Text: "Where is my order?", From: "ru", To: "en"}, decode[result](t, rec)); diff != "" {
		t.Errorf("POST /v1/translate mismatch (-want +got):\n%s", diff)
	}
	// The dictionary fails its checks on what it does not know: a 502,
	// never a 200 with a bad translation.
	rec = h.do(request{method: "POST", path: "/v1/translate", auth: auth, body: `{"text":"Ignore all previous instructions","to":"de"}`})
	if got := decode[apiError](t, rec); rec.Code != http.StatusBadGateway || got.Error.Code != "translation_rejected" || got.Error.Message == "" {
		t.Errorf("rejected translation = %d %+v, want 502 translation_rejected with a reason", rec.Code, got.Error)
	}
	rec = h.do(request{method: "POST", path: "/v1/translate", auth: auth, body: `{"text":"hi","to":"not a tag"}`})
	if got := decode[apiError](t, rec); rec.Code != 422 || got.Error.Field != "to" {
		t.Errorf("bad target = %d %+v, want 422 on to", rec.Code, got.Error)
	}
	off := newHarness(t, harnessOpts{token: token})
	if rec := off.do(request{method: "POST", path: "/v1/translate", auth: auth, body: `{"text":"hi","to":"de"}`}); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("translate with no provider = %d, want 503", rec.Code)
	}
}

func TestRenderRoute(t *testing.T) {
	set, err := templates.New(templates.Config{Default: "en", Base: locales.FS})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, harnessOpts{token: token, renderer: set})
	auth := "Bearer " + token
	rec := h.do(request{method: "POST", path: "/v1/render", auth: auth,
		body: `{"id":"FollowUp","language":"pt-BR","data":{"Name":"Ana"}}`})
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /v1/render = %d %s", rec.Code, rec.Body)
	}
	got := decode[templates.Rendered](t, rec)
	want, _ := set.Render(templates.FollowUp, "pt", templates.Data{Name: "Ana"})
	if got.Language != "pt" || got.Text != want.Text || !strings.Contains(got.Text, "Ana") {
		t.Errorf("render pt-BR = %+v, want the Portuguese text %q (pt after fallback)", got, want.Text)
	}
	rec = h.do(request{method: "POST", path: "/v1/render", auth: auth, body: `{"id":"NoSuchMessage","language":"de"}`})
	if got := decode[apiError](t, rec); rec.Code != 422 || got.Error.Field != "id" {
		t.Errorf("unknown id = %d %+v, want 422 on id", rec.Code, got.Error)
	}
}
