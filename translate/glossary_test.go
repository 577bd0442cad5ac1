package translate_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/translate"
)

func TestParseGlossary(t *testing.T) {
	g, err := translate.ParseGlossary([]byte(`
keep = ["Parley", "Acme Cloud"]

[formality]
de = "formal"
ru = "informal"

[[term]]
text = "ticket"
from = "en"
to = { de = "Vorgang", ru = "заявка" }

[[term]]
text = "SLA"
to = { de = "Servicevereinbarung" }
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		from, to string
		want     []translate.Entry
	}{
		{from: "en", to: "de-AT", want: []translate.Entry{
			{Source: "Acme Cloud", Target: "Acme Cloud"}, {Source: "Parley", Target: "Parley"},
			{Source: "SLA", Target: "Servicevereinbarung"}, {Source: "ticket", Target: "Vorgang"},
		}},
		{from: "fr", to: "ru", want: []translate.Entry{
			{Source: "Acme Cloud", Target: "Acme Cloud"}, {Source: "Parley", Target: "Parley"},
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, g.Entries(tt.from, tt.to)); diff != "" {
			t.Errorf("Entries(%q, %q) (-want +got):\n%s", tt.from, tt.to, diff)
		}
	}
	if got := g.EntriesIn("Your TICKET is open", "en", "de"); len(got) != 1 || got[0].Target != "Vorgang" {
		t.Errorf("EntriesIn = %+v, want only the ticket term", got)
	}
	if g.FormalityFor("de-CH") != translate.FormalityFormal || g.FormalityFor("ru") != translate.FormalityInformal ||
		g.FormalityFor("fr") != translate.FormalityDefault {
		t.Errorf("FormalityFor gives de-CH %q, ru %q, fr %q", g.FormalityFor("de-CH"), g.FormalityFor("ru"), g.FormalityFor("fr"))
	}
	other, _ := translate.ParseGlossary([]byte(`keep = ["Parley"]`))
	if g.Version() == other.Version() || len(g.Version()) != 12 {
		t.Errorf("versions %q and %q, want distinct content hashes", g.Version(), other.Version())
	}
	var none *translate.Glossary
	if none.Version() != "none" || none.Entries("en", "de") != nil {
		t.Errorf("nil glossary is not empty")
	}
}

func TestParseGlossaryErrors(t *testing.T) {
	for name, src := range map[string]string{
		"syntax":          `keep = [`,
		"unknown key":     `keeps = ["x"]`,
		"bad formality":   "[formality]\nde = \"polite\"",
		"term without to": "[[term]]\ntext = \"x\"",
		"empty keep":      `keep = [""]`,
	} {
		if _, err := translate.ParseGlossary([]byte(src)); !errors.Is(err, translate.ErrGlossary) {
			t.Errorf("%s: ParseGlossary = %v, want ErrGlossary", name, err)
		}
	}
}

func TestLoadGlossary(t *testing.T) {
	g, err := translate.LoadGlossary("testdata/glossary.toml")
	if err != nil {
		t.Fatal(err)
	}
	if got := g.EntriesIn("Your refund for ticket 12", "en", "ru"); len(got) != 2 {
		t.Errorf("EntriesIn = %+v, want the refund and ticket terms", got)
	}
	if _, err := translate.LoadGlossary("testdata/missing.toml"); err == nil {
		t.Error("LoadGlossary(missing) succeeded, want an error")
	}
}
