package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parleyhq/parley/translate/translatetest"
)

// env is a getenv over a map.
func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func runCmd(t *testing.T, getenv func(string) string, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errOut)
	return out.String(), err
}

func TestDetectCommand(t *testing.T) {
	getenv := env(map[string]string{"PARLEY_LANGUAGES": "en,ru,de"})
	out, err := runCmd(t, getenv, "Здравствуйте, где мой заказ?\nWo ist meine Bestellung? Sie sollte gestern ankommen.\n12345 !!!\n", "detect")
	if err != nil {
		t.Fatal(err)
	}
	if want := "ru\nde\nund\n"; out != want {
		t.Errorf("parley detect printed %q, want %q", out, want)
	}
	out, err = runCmd(t, getenv, "Здравствуйте, где мой заказ?\n", "detect", "--json", "--hint", "en")
	if err != nil || !strings.Contains(out, `"language":"ru"`) || !strings.Contains(out, `"candidates":[`) {
		t.Errorf("parley detect --json = %q, %v; want ru with candidates", out, err)
	}
	if _, err := runCmd(t, env(map[string]string{"PARLEY_LANGUAGES": "en,xx"}), "", "detect"); err == nil ||
		!strings.Contains(err.Error(), "PARLEY_LANGUAGES") {
		t.Errorf("parley detect with an unknown language: error %v, want one naming PARLEY_LANGUAGES", err)
	}
}

func TestDetectCommandLanguageData(t *testing.T) {
	tests := []struct {
		setting, dir, text string
	}{
		// The test dictionaries know "reposaba" as Spanish (reposar +
		// -aba) and not as Portuguese.
		{"PARLEY_DICTIONARIES", "translate/detect/testdata/hunspell", "reposaba"},
		// Only the Spanish test word list has "gracias".
		{"PARLEY_WORDLISTS", "translate/detect/testdata/wordlists", "gracias"},
	}
	for _, tt := range tests {
		t.Run(tt.setting, func(t *testing.T) {
			confidence := func(dir string) float64 {
				t.Helper()
				vars := map[string]string{"PARLEY_LANGUAGES": "es,pt", "PARLEY_DICTIONARIES": "none", "PARLEY_WORDLISTS": "none"}
				vars[tt.setting] = dir
				out, err := runCmd(t, env(vars), tt.text+"\n", "detect", "--json")
				if err != nil {
					t.Fatalf("parley detect with %s=%s: %v", tt.setting, dir, err)
				}
				var got struct {
					Language   string  `json:"language"`
					Confidence float64 `json:"confidence"`
				}
				if err := json.Unmarshal([]byte(out), &got); err != nil || got.Language != "es" {
					t.Fatalf("parley detect --json = %q (%v), want es", out, err)
				}
				return got.Confidence
			}
			if without, with := confidence("none"), confidence(tt.dir); with <= without {
				t.Errorf("confidence in es: %.4f with %s, %.4f without; want higher with", with, tt.setting, without)
			}
			_, err := runCmd(t, env(map[string]string{tt.setting: filepath.Join(t.TempDir(), "missing")}), "", "detect")
			if err == nil || !strings.Contains(err.Error(), tt.setting) {
				t.Errorf("parley detect with a missing directory: error %v, want one naming %s", err, tt.setting)
			}
		})
	}
}

func TestTranslateCommand(t *testing.T) {
	model := &translatetest.Model{Phrasebook: map[string]map[string]string{
		"Wo ist meine Bestellung? Sie sollte gestern ankommen.": {"en": "Where is my order? It should have arrived yesterday."},
	}}
	srv := translatetest.NewOpenAIServer(t, model)
	getenv := env(map[string]string{"PARLEY_LANGUAGES": "en,de,ru", "PARLEY_OPENAI_BASE_URL": srv.URL + "/v1",
		"PARLEY_OPENAI_API_KEY": "sk-test"})
	out, err := runCmd(t, getenv, "Wo ist meine Bestellung? Sie sollte gestern ankommen.\n", "translate", "--to", "en")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Where is my order? It should have arrived yesterday.\n"; out != want {
		t.Errorf("parley translate printed %q, want %q", out, want)
	}
	if _, err := runCmd(t, getenv, "hallo", "translate"); err == nil {
		t.Error("parley translate without --to succeeded")
	}
	if _, err := runCmd(t, env(nil), "hallo", "translate", "--to", "en"); err == nil || !strings.Contains(err.Error(), "no translator") {
		t.Errorf("parley translate with no provider: error %v, want one saying none is configured", err)
	}
}

func TestRenderCommand(t *testing.T) {
	out, err := runCmd(t, env(nil), "", "render", "FollowUp", "--lang", "de-AT", "--data", `{"Name":"Anna"}`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Anna") || !strings.Contains(out, "(language: de)") {
		t.Errorf("parley render FollowUp --lang de-AT printed %q, want German with Anna, language de", out)
	}
	if _, err := runCmd(t, env(nil), "", "render", "--lang", "de"); err == nil {
		t.Error("parley render without an id succeeded")
	}
}

func TestLocalesCheckCommand(t *testing.T) {
	out, err := runCmd(t, env(nil), "", "locales", "check")
	if err != nil || !strings.Contains(out, "0 error(s)") {
		t.Errorf("parley locales check on the shipped catalogs = %q, %v; want no errors", out, err)
	}
	dir := t.TempDir()
	good, err := os.ReadFile("locales/active.ru.toml")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(good), "{{.Within}}", "{{.Withn}}", 1)
	if err := os.WriteFile(filepath.Join(dir, "active.ru.toml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = runCmd(t, env(nil), "", "locales", "check", dir, "--json")
	if !errors.Is(err, errProblems) || !strings.Contains(out, "Withn") {
		t.Errorf("parley locales check on a misspelled placeholder = %q, %v; want errProblems naming it", out, err)
	}
}

func TestBadSettingsNameTheVariable(t *testing.T) {
	tests := map[string]string{
		"PARLEY_ADDR":               "nonsense",
		"PARLEY_DATABASE_URL":       "postgres://u@h:notaport/db",
		"PARLEY_AGENT_LANGUAGE":     "not a language",
		"PARLEY_TIMEZONE":           "Mars/Olympus",
		"PARLEY_FIRST_REPLY_WITHIN": "soon",
		"PARLEY_BUSINESS_HOURS":     "whenever",
		"PARLEY_MAX_BODY_BYTES":     "-1",
		"PARLEY_TRANSLATOR":         "babelfish",
		"PARLEY_CHATWOOT_URL":       "ftp://chatwoot",
	}
	for name, value := range tests {
		err := run(context.Background(), []string{"serve"}, env(map[string]string{name: value}), strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("serve with %s=%q: error %v, want one naming %s", name, value, err, name)
		}
	}
	err := run(context.Background(), []string{"serve"}, env(map[string]string{"PARLEY_ADDR": "0.0.0.0:8080"}), strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "PARLEY_API_TOKEN") {
		t.Errorf("serve on 0.0.0.0 without a token: error %v, want a refusal naming PARLEY_API_TOKEN", err)
	}
}

func TestSecretsNeverLogged(t *testing.T) {
	var logs bytes.Buffer
	getenv := env(map[string]string{"PARLEY_API_TOKEN": "tok-very-secret", "PARLEY_OPENAI_API_KEY": "sk-very-secret",
		"PARLEY_DATABASE_URL": "postgres://parley:pw-very-secret@127.0.0.1:1/parley?connect_timeout=1",
		"PARLEY_LANGUAGES":    "en,de"})
	// The start fails at the unreachable database, after the settings are
	// logged.
	_ = run(context.Background(), []string{"serve"}, getenv, strings.NewReader(""), &bytes.Buffer{}, &logs)
	if !strings.Contains(logs.String(), "PARLEY_API_TOKEN") {
		t.Fatalf("settings were not logged: %s", logs.String())
	}
	for _, secret := range []string{"tok-very-secret", "sk-very-secret", "pw-very-secret"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log shows the secret %q:\n%s", secret, logs.String())
		}
	}
}
