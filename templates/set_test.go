package templates

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
)

type fallbackLog struct {
	mu  sync.Mutex
	got []string
}

func (f *fallbackLog) Fallback(requested, used string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, requested+"→"+used)
}

func (f *fallbackLog) list() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.got...)
}

func TestRenderFallback(t *testing.T) {
	extra := fstest.MapFS{
		"active.en.toml":    {Data: []byte(`[FollowUp]` + "\nother = \"Still on it.\"\n")},
		"active.pt-BR.toml": {Data: []byte(`[FollowUp]` + "\nother = \"Ainda estamos nisso, viu?\"\n")},
		"active.de.toml":    {Data: []byte(`[FollowUp]` + "\nother = \"Wir sind dran.\"\n")},
	}
	log := &fallbackLog{}
	s := newTestSet(t, Config{Base: extra, Fallbacks: log})
	tests := []struct {
		id, lang     string
		want         string
		wantLang     string
		wantFallback bool
	}{
		{FollowUp, "pt-BR", "Ainda estamos nisso, viu?", "pt-BR", false},
		{FollowUp, "pt_BR", "Ainda estamos nisso, viu?", "pt-BR", false},
		{FollowUp, "de-AT", "Wir sind dran.", "de", true},
		{FollowUp, "de", "Wir sind dran.", "de", false},
		{FollowUp, "de-u-nu-latn", "Wir sind dran.", "de", false},
		{FollowUp, "sv", "Still on it.", "en", true},
		{FollowUp, "!!", "Still on it.", "en", true},
		{FollowUp, "", "Still on it.", "en", true},
		// The de file lacks this message: the default language serves it.
		{MachineTranslatedNotice, "de", Messages()[6].Other, "en", true},
	}
	for _, tt := range tests {
		before := len(log.list())
		got, err := s.Render(tt.id, tt.lang, Data{})
		if err != nil {
			t.Fatalf("Render(%s, %q) = %v", tt.id, tt.lang, err)
		}
		if diff := cmp.Diff(Rendered{Text: tt.want, Language: tt.wantLang}, got); diff != "" {
			t.Errorf("Render(%s, %q) mismatch (-want +got):\n%s", tt.id, tt.lang, diff)
		}
		if fell := len(log.list()) > before; fell != tt.wantFallback {
			t.Errorf("Render(%s, %q) counted fallback = %v, want %v", tt.id, tt.lang, fell, tt.wantFallback)
		}
	}
	want := []string{"de-AT→de", "sv→en", "invalid→en", "invalid→en", "de→en"}
	if diff := cmp.Diff(want, log.list()); diff != "" {
		t.Errorf("fallbacks mismatch (-want +got):\n%s", diff)
	}
	if _, err := s.Render("NoSuchMessage", "en", Data{}); !errors.Is(err, ErrUnknownMessage) {
		t.Errorf("Render(unknown) = %v, want ErrUnknownMessage", err)
	}
}

func TestFallbackCounter(t *testing.T) {
	reg := prometheus.NewRegistry()
	c, err := NewFallbackCounter(reg)
	if err != nil {
		t.Fatal(err)
	}
	s := newTestSet(t, Config{Fallbacks: c})
	for _, lang := range []string{"sv", "sv-u-nu-latn", "de", "pt-BR"} {
		if _, err := s.Render(FollowUp, lang, Data{}); err != nil {
			t.Fatal(err)
		}
	}
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range fams {
		if f.GetName() != "parley_template_fallbacks_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := ""
			for _, l := range m.GetLabel() {
				labels += l.GetName() + "=" + l.GetValue() + " "
			}
			got[labels] = m.GetCounter().GetValue()
		}
	}
	want := map[string]float64{"requested=sv used=en ": 2, "requested=pt-BR used=pt ": 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fallback series mismatch (-want +got):\n%s", diff)
	}
	if _, err := NewFallbackCounter(reg); err == nil {
		t.Error("registering twice succeeded")
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(Config{Default: "??"}); !errors.Is(err, ErrBadLanguage) {
		t.Errorf("New(bad default) = %v, want ErrBadLanguage", err)
	}
	if _, err := New(Config{Default: "sv"}); !errors.Is(err, ErrCatalog) {
		t.Errorf("New(default without catalog) = %v, want ErrCatalog", err)
	}
	if _, err := New(Config{Base: fstest.MapFS{}, Dir: filepath.Join(t.TempDir(), "missing")}); !errors.Is(err, ErrCatalog) {
		t.Errorf("New(missing dir) = %v, want ErrCatalog", err)
	}
	broken := fstest.MapFS{"active.de.toml": {Data: []byte("[FollowUp]\nother = \"{{if .Name}}Hallo\"\n")}}
	_, err := New(Config{Base: broken})
	var le *LoadError
	if !errors.As(err, &le) || !errors.Is(err, ErrCatalog) {
		t.Fatalf("New(broken) = %v, want *LoadError", err)
	}
	want := []Finding{{File: "active.de.toml", Key: "FollowUp", Form: "other", Severity: SeverityError, Kind: KindBadTemplate}}
	if diff := cmp.Diff(want, le.Findings, cmpFinding); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOverrideDirAndReload(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "active.de.toml"), "[FollowUp]\nother = \"Noch dran, versprochen.\"\n")
	writeFile(t, filepath.Join(dir, "active.sv.toml"), "[FollowUp]\nother = \"Vi har inte glömt dig.\"\n")
	writeFile(t, filepath.Join(dir, "translate.sv.toml"), "this is not loaded")
	s := newTestSet(t, Config{Dir: dir})

	render := func(id, lang string) string {
		t.Helper()
		r, err := s.Render(id, lang, Data{})
		if err != nil {
			t.Fatal(err)
		}
		return r.Text
	}
	if got := render(FollowUp, "de"); got != "Noch dran, versprochen." {
		t.Errorf("override de FollowUp = %q", got)
	}
	// The override replaces the whole embedded de file: other keys fall back.
	if got, want := render(AckBusinessHours, "de"), render(AckBusinessHours, "en"); got != want {
		t.Errorf("de AckBusinessHours = %q, want the English fallback %q", got, want)
	}
	if got := render(FollowUp, "sv"); got != "Vi har inte glömt dig." {
		t.Errorf("added sv FollowUp = %q", got)
	}
	if got := render(FollowUp, "ru"); got == "" || got == render(FollowUp, "en") {
		t.Errorf("embedded ru lost: %q", got)
	}

	// A broken file keeps the previous catalogs and says what is wrong.
	writeFile(t, filepath.Join(dir, "active.sv.toml"), "[FollowUp]\nother = \"x\n")
	err := s.Reload()
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Reload(broken) = %v, want *LoadError", err)
	}
	want := []Finding{{File: filepath.Join(dir, "active.sv.toml"), Line: 2, Severity: SeverityError, Kind: KindUnreadable}}
	if diff := cmp.Diff(want, le.Findings, cmpFinding); diff != "" {
		t.Errorf("reload findings mismatch (-want +got):\n%s", diff)
	}
	if got := render(FollowUp, "sv"); got != "Vi har inte glömt dig." {
		t.Errorf("after broken reload sv FollowUp = %q, want the previous text", got)
	}

	writeFile(t, filepath.Join(dir, "active.sv.toml"), "[FollowUp]\nother = \"Vi jobbar på det.\"\n")
	if err := s.Reload(); err != nil {
		t.Fatalf("Reload = %v", err)
	}
	if got := render(FollowUp, "sv"); got != "Vi jobbar på det." {
		t.Errorf("after reload sv FollowUp = %q", got)
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "active.sv.toml")
	writeFile(t, path, "[FollowUp]\nother = \"Ett.\"\n")
	s := newTestSet(t, Config{Dir: dir, Logger: slog.New(slog.NewTextHandler(t.Output(), nil))})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Watch(ctx, 5*time.Millisecond); close(done) }()
	defer func() { cancel(); <-done }()

	writeFile(t, path, "[FollowUp]\nother = \"Två, nu längre.\"\n")
	deadline := time.Now().Add(5 * time.Second)
	for {
		r, err := s.Render(FollowUp, "sv", Data{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Text == "Två, nu längre." {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("watcher did not reload; still %q", r.Text)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestConcurrentRenderAndReload(t *testing.T) {
	s := newTestSet(t, Config{})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				if i == 0 && j%10 == 0 {
					if err := s.Reload(); err != nil {
						t.Error(err)
					}
				}
				if _, err := s.Render(AckBusinessHours, "ru", Data{Within: "x"}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

var cmpFinding = cmp.FilterPath(func(p cmp.Path) bool {
	return p.Last().String() == ".Message"
}, cmp.Ignore())
