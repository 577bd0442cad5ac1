package templates

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// catalogs is one immutable generation of loaded messages.
type catalogs struct {
	def    string
	langs  map[string]*langCatalog
	sorted []string
	chains sync.Map // requested tag → *chain
	cached atomic.Int64
	// stamp summarizes the override directory as it was read.
	stamp string
}

// langCatalog is one language's compiled messages.
type langCatalog struct {
	lang string
	msgs map[string]*message
	rule *pluralRule
	cal  *calendar
}

// message is one compiled message: a template per plural form present.
type message struct {
	forms  [numForms]*compiled
	plural bool
}

// compiled is one plural form: a literal when the source has no actions.
type compiled struct {
	lit string
	t   *template.Template
	ops []op // set when the template needs no more than fields and if
}

// LoadError lists every problem that stopped catalogs from loading. It
// matches ErrCatalog with errors.Is.
type LoadError struct {
	Findings []Finding
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString("templates: broken locale catalog")
	for _, f := range e.Findings {
		b.WriteString("\n  ")
		b.WriteString(f.String())
	}
	return b.String()
}

// Is reports whether target is ErrCatalog.
func (e *LoadError) Is(target error) bool { return target == ErrCatalog }

// load reads Base and Dir and compiles every message.
func load(cfg Config, rules *ruleCache) (*catalogs, error) {
	var stamp string
	if cfg.Dir != "" {
		stamp = stampDir(cfg.Dir)
	}
	files, findings := collectFiles(cfg.Base, cfg.Dir)
	byLang := map[string]map[string]*i18n.Message{"en": {}}
	for _, m := range Messages() {
		byLang["en"][m.ID] = m
	}
	for _, f := range files {
		cf, err := parseCatalog(f.name, f.data)
		if err != nil {
			findings = append(findings, unreadable(f.name, err))
			continue
		}
		if byLang[cf.Lang] == nil {
			byLang[cf.Lang] = map[string]*i18n.Message{}
		}
		for _, m := range cf.Messages {
			byLang[cf.Lang][m.ID] = m
		}
	}
	c := &catalogs{def: cfg.Default, langs: map[string]*langCatalog{}, stamp: stamp}
	for lang, msgs := range byLang {
		lc, fs := compileLang(lang, msgs, files, rules)
		findings = append(findings, fs...)
		c.langs[lang] = lc
		c.sorted = append(c.sorted, lang)
	}
	sort.Strings(c.sorted)
	if len(findings) > 0 {
		sortFindings(findings)
		return nil, &LoadError{Findings: findings}
	}
	return c, nil
}

type rawFile struct {
	name string // path as shown in reports
	data []byte
}

// collectFiles returns the catalog files of base overridden by dir, file by
// file. Files whose names start with "translate." or "review." are work in
// progress for translators and are not loaded.
func collectFiles(base fs.FS, dir string) ([]rawFile, []Finding) {
	byName := map[string]rawFile{}
	var findings []Finding
	read := func(fsys fs.FS, prefix string) {
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			findings = append(findings, Finding{File: prefix, Severity: SeverityError, Kind: KindUnreadable, Message: err.Error()})
			return
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !isCatalogName(name) {
				continue
			}
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				findings = append(findings, Finding{File: prefix + name, Severity: SeverityError, Kind: KindUnreadable, Message: err.Error()})
				continue
			}
			byName[name] = rawFile{name: prefix + name, data: data}
		}
	}
	if base != nil {
		read(base, "")
	}
	if dir != "" {
		read(os.DirFS(dir), strings.TrimSuffix(dir, "/")+"/")
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]rawFile, 0, len(names))
	for _, n := range names {
		out = append(out, byName[n])
	}
	return out, findings
}

// isCatalogName reports whether a file name is an active catalog: a format
// go-i18n reads, and not a translate.* or review.* work file.
func isCatalogName(name string) bool {
	return formatOf(name) != "" && !strings.HasPrefix(name, "translate.") && !strings.HasPrefix(name, "review.")
}

func unreadable(name string, err error) Finding {
	f := Finding{File: name, Severity: SeverityError, Kind: KindUnreadable, Message: err.Error()}
	var pe *parseError
	if errors.As(err, &pe) {
		f.Line = pe.Line
	}
	return f
}

// compileLang compiles one language's messages; templates that do not parse
// or name unknown placeholders are findings.
func compileLang(lang string, msgs map[string]*i18n.Message, files []rawFile, rules *ruleCache) (*langCatalog, []Finding) {
	lc := &langCatalog{lang: lang, msgs: map[string]*message{}, rule: rules.get(lang), cal: calendarFor(lang)}
	var findings []Finding
	for id, m := range msgs {
		cm := &message{plural: m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""}
		for f, src := range formsOf(m) {
			if src == "" {
				continue
			}
			c, err := compile(id, src, m.LeftDelim, m.RightDelim)
			if err != nil {
				findings = append(findings, Finding{File: fileOfLang(files, lang), Key: id, Form: formNames[f],
					Severity: SeverityError, Kind: KindBadTemplate, Message: err.Error()})
				continue
			}
			cm.forms[f] = c
		}
		if cm.forms[formOther] == nil {
			for f := range cm.forms {
				if cm.forms[f] != nil {
					cm.forms[formOther] = cm.forms[f]
					break
				}
			}
		}
		if cm.forms[formOther] != nil {
			lc.msgs[id] = cm
		}
	}
	return lc, findings
}

// fileOfLang names the last file that holds lang, for reports.
func fileOfLang(files []rawFile, lang string) string {
	name := "(source)"
	for _, f := range files {
		if l, err := langOf(f.name); err == nil && l == lang {
			name = f.name
		}
	}
	return name
}

// compile parses one plural form and runs it once on sample data so that an
// unknown placeholder fails at load, not in front of a customer.
func compile(id, src, left, right string) (*compiled, error) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	if !strings.Contains(src, left) {
		return &compiled{lit: src}, nil
	}
	t, err := template.New(id).Delims(left, right).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := t.Execute(&b, &sampleView); err != nil {
		return nil, err
	}
	c := &compiled{t: t}
	if ops, ok := compileOps(t); ok {
		c.ops = ops
	}
	return c, nil
}

// render executes the form that d.Count selects.
func (m *message) render(lc *langCatalog, d *Data) (string, error) {
	c := m.forms[formOther]
	if m.plural {
		if fc := m.forms[lc.rule.of(d.Count)]; fc != nil {
			c = fc
		}
	}
	if c.t == nil {
		return c.lit, nil
	}
	v := newView(d, lc.cal.rtl, lc.cal.digits)
	if c.ops != nil {
		var arr [512]byte
		return string(runOps(c.ops, &v, arr[:0])), nil
	}
	var b strings.Builder
	if err := c.t.Execute(&b, &v); err != nil {
		return "", err
	}
	return b.String(), nil
}
