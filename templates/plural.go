package templates

import (
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
)

// form indexes the CLDR plural categories.
type form uint8

const (
	formZero form = iota
	formOne
	formTwo
	formFew
	formMany
	formOther
	numForms
)

var formNames = [numForms]string{"zero", "one", "two", "few", "many", "other"}

func (f form) String() string { return formNames[f] }

// formsOf returns the plural texts of m indexed by form.
func formsOf(m *i18n.Message) [numForms]string {
	return [numForms]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}
}

// pluralRule picks CLDR plural categories for one language. It asks go-i18n,
// whose rules are the ones the catalogs are written against, through a probe
// message whose forms are their own names; small counts are cached.
type pluralRule struct {
	loc *i18n.Localizer
	// small caches the form of counts below 200, plus one; 0 is unknown.
	small [200]atomic.Uint32
}

const probeID = "plural"

// newPluralRule returns the rule for tag, or nil when go-i18n knows no CLDR
// rule for it (then only "other" is used).
func newPluralRule(tag language.Tag) *pluralRule { return newProbe(tag) }

// newProbe returns the rule for tag, or nil.
func newProbe(tag language.Tag) *pluralRule {
	b := i18n.NewBundle(tag)
	// Built field by field so that `goi18n extract` does not take it for a
	// message of the product.
	probe := new(i18n.Message)
	probe.ID = probeID
	probe.Zero, probe.One, probe.Two = "zero", "one", "two"
	probe.Few, probe.Many, probe.Other = "few", "many", "other"
	if err := b.AddMessages(tag, probe); err != nil {
		return nil
	}
	return &pluralRule{loc: i18n.NewLocalizer(b, tag.String())}
}

func (r *pluralRule) probe(count any) form {
	s, err := r.loc.Localize(&i18n.LocalizeConfig{
		MessageID:      probeID,
		PluralCount:    count,
		TemplateParser: template.IdentityParser{},
	})
	if err != nil {
		return formOther
	}
	for f, name := range formNames {
		if s == name {
			return form(f)
		}
	}
	return formOther
}

// of returns the category of an integer count.
func (r *pluralRule) of(n int) form {
	if r == nil {
		return formOther
	}
	if n < 0 || n >= len(r.small) {
		return r.probe(n)
	}
	if f := r.small[n].Load(); f != 0 {
		return form(f - 1)
	}
	f := r.probe(n)
	r.small[n].Store(uint32(f) + 1)
	return f
}

// pluralSamples are counts that between them reach every CLDR category of
// every language go-i18n knows, decimals included.
var pluralSamples = func() []any {
	s := []any{}
	for n := 0; n <= 200; n++ {
		s = append(s, n)
	}
	for _, n := range []int{1000, 10000, 100000, 1000000, 2000000} {
		s = append(s, n)
	}
	for _, d := range []string{"0.0", "0.1", "0.5", "1.0", "1.1", "1.5", "2.0", "2.5", "3.5", "5.5", "10.5", "11.1", "100.5", "1.25", "0.25"} {
		s = append(s, d)
	}
	return s
}()

// requiredForms returns the plural categories CLDR defines for tag (every
// one a plural message must carry), or nil when no rule is known.
func requiredForms(tag language.Tag) []form {
	r := newProbe(tag)
	if r == nil {
		return nil
	}
	seen := [numForms]bool{}
	for _, n := range pluralSamples {
		seen[r.probe(n)] = true
	}
	var out []form
	for f, ok := range seen {
		if ok {
			out = append(out, form(f))
		}
	}
	return out
}

// countString formats a plural count as a template sees it.
func countString(n int) string { return strconv.Itoa(n) }

// ruleCache keeps the plural rules of a Set across reloads; rules depend
// only on the language.
type ruleCache struct {
	mu    sync.Mutex
	rules map[string]*pluralRule
}

func (c *ruleCache) get(lang string) *pluralRule {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.rules[lang]; ok {
		return r
	}
	if c.rules == nil {
		c.rules = map[string]*pluralRule{}
	}
	r := newPluralRule(language.Make(lang))
	c.rules[lang] = r
	return r
}
