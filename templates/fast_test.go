package templates

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestFastPathMatchesTextTemplate runs every shipped template both ways.
func TestFastPathMatchesTextTemplate(t *testing.T) {
	s := newTestSet(t, Config{})
	views := []view{
		{},
		sampleView,
		{Name: "\u2068Dana\u2069", Ticket: "#1", Within: "x", OnDay: "y", Time: "z", Count: "7", Language: "l", Tag: "t"},
	}
	n := 0
	for lang, lc := range s.cur.Load().langs {
		for id, m := range lc.msgs {
			for f, c := range m.forms {
				if c == nil || c.t == nil {
					continue
				}
				if c.ops == nil {
					t.Errorf("%s %s %s: shipped template not on the fast path", lang, id, form(f))
					continue
				}
				for _, v := range views {
					var b strings.Builder
					if err := c.t.Execute(&b, &v); err != nil {
						t.Fatal(err)
					}
					if got := string(runOps(c.ops, &v, nil)); got != b.String() {
						t.Errorf("%s %s %s: fast %q, text/template %q", lang, id, form(f), got, b.String())
					}
					n++
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("compared only %d renders", n)
	}
}

// TestSlowPath keeps templates beyond fields and if working.
func TestSlowPath(t *testing.T) {
	base := fstest.MapFS{"active.de.toml": {Data: []byte(
		"[FollowUp]\nother = \"{{with .Name}}Hallo {{.}}{{end}}{{if and .Name .Ticket}} ({{.Ticket}}){{else if .Ticket}}{{.Ticket}}{{end}}!\"\n")}}
	s := newTestSet(t, Config{Base: base})
	if c := s.cur.Load().langs["de"].msgs[FollowUp].forms[formOther]; c.ops != nil {
		t.Fatal("template with with/and compiled to the fast path")
	}
	r, err := s.Render(FollowUp, "de", Data{Name: "Ana", Ticket: "#2"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != "Hallo Ana (#2)!" {
		t.Errorf("Render = %q", r.Text)
	}
}
