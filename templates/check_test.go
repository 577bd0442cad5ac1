package templates

import (
	"bytes"
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/locales"
)

// TestShippedCatalogsComplete fails when any shipped catalog misses a key or
// a CLDR plural form, or has any other finding.
func TestShippedCatalogsComplete(t *testing.T) {
	r := Check(locales.FS, "locales/", Messages())
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if r.Errors > 0 || r.Warnings > 0 {
		t.Errorf("shipped catalogs have %d errors, %d warnings:\n%s", r.Errors, r.Warnings, buf.String())
	}
	want := []string{"ar", "de", "en", "es", "fa", "fr", "he", "hi", "it", "ja", "ko", "nl", "pl", "pt", "ru", "tr", "uk", "zh"}
	var got []string
	for _, f := range r.Files {
		got = append(got, f.Language)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("shipped languages mismatch (-want +got):\n%s", diff)
	}
}

// TestEnglishCatalogMatchesSource keeps locales/active.en.toml (what
// `goi18n extract` writes) in step with Messages().
func TestEnglishCatalogMatchesSource(t *testing.T) {
	data, err := locales.FS.ReadFile("active.en.toml")
	if err != nil {
		t.Fatal(err)
	}
	cf, err := parseCatalog("active.en.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][numForms]string{}
	for _, m := range cf.Messages {
		got[m.ID] = formsOf(m)
	}
	want := map[string][numForms]string{}
	for _, m := range Messages() {
		want[m.ID] = formsOf(m)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("active.en.toml differs from Messages(); run goi18n extract (-want +got):\n%s", diff)
	}
}

func TestCheckBrokenFiles(t *testing.T) {
	r := CheckDir("testdata/check")
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	golden(t, "check.golden", text.Bytes())
	golden(t, "check.json.golden", js.Bytes())
	if !r.HasErrors() {
		t.Error("HasErrors() = false on broken files")
	}
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatalf("JSON report does not decode: %v", err)
	}
	if diff := cmp.Diff(*r, back); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}

	// Every kind of problem is exercised by the fixtures.
	kinds := map[Kind]bool{}
	for _, f := range r.Files {
		for _, x := range f.Findings {
			kinds[x.Kind] = true
		}
	}
	for _, k := range []Kind{KindUnreadable, KindMissingKey, KindExtraKey, KindEmptyValue, KindBadTemplate,
		KindPlaceholder, KindMissingPlural, KindNoPluralRule, KindUntranslated, KindStale, KindBidiControl} {
		if !kinds[k] {
			t.Errorf("no fixture produces %s", k)
		}
	}
}

type findingKey struct {
	Line      int
	Key, Form string
	Kind      Kind
}

func keysOf(fr FileReport) []findingKey {
	var out []findingKey
	for _, f := range fr.Findings {
		out = append(out, findingKey{f.Line, f.Key, f.Form, f.Kind})
	}
	return out
}

func TestCheckFile(t *testing.T) {
	src := Messages()
	tests := []struct {
		name, file, data string
		want             []findingKey
	}{
		{"misspelled placeholder", "active.de.toml",
			"[WithinHours]\none = \"in einer Stunde\"\nother = \"in {{.Cuont}} Stunden\"\n",
			[]findingKey{{1, "WithinHours", "", KindPlaceholder}, {1, "WithinHours", "", KindPlaceholder}}},
		{"unclosed action", "active.de.json",
			"{\n  \"WithinHours\": {\n    \"one\": \"in einer Stunde\",\n    \"other\": \"in {{.Count Stunden\"\n  }\n}\n",
			[]findingKey{{4, "WithinHours", "other", KindBadTemplate}}},
		{"polish needs few and many", "active.pl.yaml",
			"WithinMinutes:\n  one: w ciągu minuty\n  other: w ciągu {{.Count}} minuty\n",
			[]findingKey{{1, "WithinMinutes", "few", KindMissingPlural}, {1, "WithinMinutes", "many", KindMissingPlural}}},
		{"hebrew needs two", "active.he.toml",
			"[WithinHours]\none = \"תוך שעה\"\nother = \"תוך {{.Count}} שעות\"\n",
			[]findingKey{{1, "WithinHours", "two", KindMissingPlural}}},
		{"nested keys", "active.nl.yaml",
			"group:\n  FollowUp: We zijn je niet vergeten.\n",
			[]findingKey{{2, "group.FollowUp", "", KindExtraKey}}},
		{"not a table", "active.de.json", "42", []findingKey{{0, "", "", KindUnreadable}}},
		{"null", "active.de.yaml", "null\n", []findingKey{{0, "", "", KindUnreadable}}},
		{"number value", "active.de.toml", "[FollowUp]\nother = 5\n", []findingKey{{0, "", "", KindUnreadable}}},
		{"mixed keys", "active.de.json", `{"FollowUp": {"other": "x", "foo": {"bar": "y"}}}`, []findingKey{{0, "", "", KindUnreadable}}},
		{"yaml syntax", "active.de.yml", "FollowUp:\n  other: \"x\n  one: [\n", []findingKey{{2, "", "", KindUnreadable}}},
		{"unknown extension", "active.de.po", "msgid \"x\"", []findingKey{{0, "", "", KindUnreadable}}},
		{"rlm is fine", "active.he.toml", "[MachineTranslatedNotice]\nother = \"תורגם\u200f אוטומטית.\"\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr := CheckFile(tt.file, []byte(tt.data), src)
			var got []findingKey
			for _, k := range keysOf(fr) {
				if k.Kind != KindMissingKey {
					got = append(got, k)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CheckFile(%s) mismatch (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

func TestCheckFSWithoutCatalogs(t *testing.T) {
	r := Check(fstest.MapFS{"README.md": {Data: []byte("hi")}}, "", Messages())
	if r.HasErrors() || len(r.Files) != 0 {
		t.Errorf("Check(no catalogs) = %+v, want empty", r)
	}
	r = CheckDir("testdata/does-not-exist")
	if !r.HasErrors() {
		t.Error("CheckDir(missing dir) has no errors")
	}
}

// FuzzCheckFile feeds junk to the checker in every format: it must report,
// never panic.
func FuzzCheckFile(f *testing.F) {
	for _, name := range []string{"active.de.toml", "active.ru.yaml", "active.ar.json"} {
		data, err := locales.FS.ReadFile("active.en.toml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, data)
	}
	f.Add("active.ar.json", []byte(`{"WithinHours": {"one": "{{.Count", "other": null}, "a": [1, {"b": 2}]}`))
	f.Add("active.ru.yaml", []byte("a: &x [*x]\nb: {c: d}\n? [1]\n: 2\n"))
	f.Add("active.he.toml", []byte("[a.b.c]\nother = \"{{range .}}{{end}}\"\n[[x]]\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		src := Messages()
		for _, n := range []string{name, "active.de.toml", "active.ru.yaml", "active.ar.json"} {
			fr := CheckFile(n, data, src)
			for _, x := range fr.Findings {
				if x.Kind == "" || x.Severity == "" {
					t.Fatalf("finding without kind or severity: %+v", x)
				}
			}
		}
	})
}
