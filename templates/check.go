package templates

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Severity says whether a finding fails the check.
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Kind names what a finding is about.
type Kind string

// The kinds of problems the checker reports.
const (
	KindUnreadable    Kind = "unreadable"     // the file cannot be read or decoded
	KindMissingKey    Kind = "missing_key"    // a source message is not translated
	KindExtraKey      Kind = "extra_key"      // a key the source does not have
	KindEmptyValue    Kind = "empty_value"    // a message with no text
	KindBadTemplate   Kind = "bad_template"   // a template that does not parse
	KindPlaceholder   Kind = "placeholder"    // placeholders differ from the source
	KindMissingPlural Kind = "missing_plural" // a CLDR plural form the language needs
	KindNoPluralRule  Kind = "no_plural_rule" // CLDR has no rule for the language
	KindUntranslated  Kind = "untranslated"   // identical to English
	KindStale         Kind = "stale"          // translated from an older source text
	KindBidiControl   Kind = "bidi_control"   // a stray direction mark
)

// Finding is one problem in one locale file.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"`
	Key      string   `json:"key,omitempty"`
	Form     string   `json:"form,omitempty"`
	Severity Severity `json:"severity"`
	Kind     Kind     `json:"kind"`
	Message  string   `json:"message"`
}

// String formats f as "file:line: severity: key (form): message".
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.File)
	if f.Line > 0 {
		fmt.Fprintf(&b, ":%d", f.Line)
	}
	fmt.Fprintf(&b, ": %s: ", f.Severity)
	if f.Key != "" {
		b.WriteString(f.Key)
		if f.Form != "" {
			fmt.Fprintf(&b, " (%s)", f.Form)
		}
		b.WriteString(": ")
	}
	b.WriteString(f.Message)
	return b.String()
}

// sortFindings orders findings by file, then by line, with findings that
// have no line (missing keys) after the others.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		li, lj := fs[i].Line, fs[j].Line
		if (li == 0) != (lj == 0) {
			return lj == 0
		}
		return li < lj
	})
}

// CheckDir checks every locale file in dir against the English source.
func CheckDir(dir string) *Report {
	return Check(os.DirFS(dir), strings.TrimSuffix(dir, "/")+"/", Messages())
}

// Check checks every locale file (TOML, YAML, JSON) at the top of fsys
// against source, except the translate.* and review.* work files that the
// merge and draft steps write. prefix is put before file names in the
// report. It never panics: a file it cannot read is a finding.
func Check(fsys fs.FS, prefix string, source []*i18n.Message) *Report {
	r := &Report{}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		r.add(FileReport{File: prefix, Findings: []Finding{{File: prefix, Severity: SeverityError, Kind: KindUnreadable, Message: err.Error()}}})
		return r
	}
	for _, e := range entries {
		if e.IsDir() || !isCatalogName(e.Name()) {
			continue
		}
		name := prefix + e.Name()
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			r.add(FileReport{File: name, Findings: []Finding{{File: name, Severity: SeverityError, Kind: KindUnreadable, Message: err.Error()}}})
			continue
		}
		r.add(CheckFile(name, data, source))
	}
	return r
}

// CheckFile checks one locale file's contents against source. The language
// comes from the file name ("active.de.toml").
func CheckFile(name string, data []byte, source []*i18n.Message) FileReport {
	fr := FileReport{File: name}
	cf, err := parseCatalog(name, data)
	if err != nil {
		fr.Findings = append(fr.Findings, unreadable(name, err))
		return fr
	}
	fr.Language = cf.Lang
	c := checker{file: cf, report: &fr, tag: language.Make(cf.Lang)}
	c.run(source)
	sortFindings(fr.Findings)
	return fr
}

type checker struct {
	file     *catalogFile
	report   *FileReport
	tag      language.Tag
	required []form
	ruleOK   bool
	ruleDone bool
}

func (c *checker) add(f Finding) {
	f.File = c.file.Name
	c.report.Findings = append(c.report.Findings, f)
}

func (c *checker) run(source []*i18n.Message) {
	srcByID := map[string]*i18n.Message{}
	for _, m := range source {
		srcByID[m.ID] = m
	}
	have := map[string]*i18n.Message{}
	for _, m := range c.file.Messages {
		have[m.ID] = m
		src := srcByID[m.ID]
		if src == nil {
			c.add(Finding{Line: c.file.lines[m.ID], Key: m.ID, Severity: SeverityError, Kind: KindExtraKey,
				Message: "key is not in the English source" + suggest(m.ID, srcByID)})
			continue
		}
		c.message(src, m)
	}
	for _, src := range source {
		if have[src.ID] == nil {
			c.add(Finding{Key: src.ID, Severity: SeverityError, Kind: KindMissingKey, Message: "key is missing"})
		}
	}
}

// message checks one translated message against its source.
func (c *checker) message(src, m *i18n.Message) {
	line := c.file.lines[m.ID]
	forms := formsOf(m)
	empty := true
	for _, s := range forms {
		if strings.TrimSpace(s) != "" {
			empty = false
		}
	}
	if empty {
		c.add(Finding{Line: line, Key: m.ID, Severity: SeverityError, Kind: KindEmptyValue, Message: "value is empty"})
		return
	}
	if m.Hash != "" && m.Hash != SourceHash(src) {
		c.add(Finding{Line: line, Key: m.ID, Severity: SeverityWarning, Kind: KindStale,
			Message: "translated from an older English text; review it (goi18n merge moves it to translate.<lang>.toml)"})
	}
	c.plurals(src, m, line)
	srcFields, _ := fieldsOf(src)
	got := map[string]bool{}
	parsed := true
	srcForms := formsOf(src)
	for f, s := range forms {
		if s == "" {
			continue
		}
		fl := formLine(c.file.text, line, formNames[f])
		fields, err := fieldsOfTemplate(s, m.LeftDelim, m.RightDelim)
		if err != nil {
			c.add(Finding{Line: fl, Key: m.ID, Form: formNames[f], Severity: SeverityError, Kind: KindBadTemplate, Message: "template does not parse: " + err.Error()})
			parsed = false
			continue
		}
		for k := range fields {
			got[k] = true
		}
		if bad := bidiControls(s); bad != "" {
			c.add(Finding{Line: fl, Key: m.ID, Form: formNames[f], Severity: SeverityError, Kind: KindBidiControl,
				Message: "contains " + bad + "; leave direction to Parley, which isolates inserted values"})
		}
		if c.file.Lang != "en" && baseOf(c.file.Lang) != "en" && (s == srcForms[f] || s == src.Other) {
			c.add(Finding{Line: fl, Key: m.ID, Form: formNames[f], Severity: SeverityWarning, Kind: KindUntranslated, Message: "identical to English"})
		}
	}
	if parsed {
		c.placeholders(m.ID, line, srcFields, got)
	}
}

func (c *checker) placeholders(id string, line int, want, got map[string]bool) {
	for _, k := range sortedKeys(want) {
		if !got[k] {
			c.add(Finding{Line: line, Key: id, Severity: SeverityError, Kind: KindPlaceholder,
				Message: fmt.Sprintf("placeholder {{.%s}} of the English source is missing", k)})
		}
	}
	for _, k := range sortedKeys(got) {
		if !want[k] {
			msg := fmt.Sprintf("placeholder {{.%s}} is not in the English source", k)
			if near := nearest(k, want); near != "" {
				msg += fmt.Sprintf(" (did you mean {{.%s}}?)", near)
			}
			c.add(Finding{Line: line, Key: id, Severity: SeverityError, Kind: KindPlaceholder, Message: msg})
		}
	}
}

// plurals checks that a plural source is translated into every form CLDR
// defines for the file's language.
func (c *checker) plurals(src, m *i18n.Message, line int) {
	if src.Zero == "" && src.One == "" && src.Two == "" && src.Few == "" && src.Many == "" {
		return
	}
	if !c.ruleDone {
		c.ruleDone = true
		c.required = requiredForms(c.tag)
		c.ruleOK = c.required != nil
		if !c.ruleOK {
			c.add(Finding{Severity: SeverityWarning, Kind: KindNoPluralRule,
				Message: fmt.Sprintf("CLDR has no plural rule for %q; only the \"other\" form is used", c.file.Lang)})
		}
	}
	forms := formsOf(m)
	for _, f := range c.required {
		if strings.TrimSpace(forms[f]) == "" {
			c.add(Finding{Line: line, Key: m.ID, Form: f.String(), Severity: SeverityError, Kind: KindMissingPlural,
				Message: fmt.Sprintf("plural form %q is required by CLDR for %s", f, c.file.Lang)})
		}
	}
}

// SourceHash is the hash goi18n merge stores with a translation: it names
// the English text the translation was made from.
func SourceHash(m *i18n.Message) string {
	h := sha1.New()
	h.Write([]byte(m.Description))
	h.Write([]byte(m.Other))
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// fieldsOf returns the placeholders every form of m uses.
func fieldsOf(m *i18n.Message) (map[string]bool, error) {
	out := map[string]bool{}
	for _, s := range formsOf(m) {
		if s == "" {
			continue
		}
		fs, err := fieldsOfTemplate(s, m.LeftDelim, m.RightDelim)
		if err != nil {
			return nil, err
		}
		for k := range fs {
			out[k] = true
		}
	}
	return out, nil
}

// fieldsOfTemplate parses src and returns the fields it names.
func fieldsOfTemplate(src, left, right string) (map[string]bool, error) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	t, err := template.New("").Delims(left, right).Parse(src)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	if t.Tree != nil {
		walk(t.Tree.Root, out)
	}
	return out, nil
}

func walk(n parse.Node, out map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, out)
		}
	case *parse.ActionNode:
		walk(n.Pipe, out)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, out)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, out)
		}
	case *parse.FieldNode:
		out[strings.Join(n.Ident, ".")] = true
	case *parse.IfNode:
		walk(n.Pipe, out)
		walk(n.List, out)
		walk(n.ElseList, out)
	case *parse.RangeNode:
		walk(n.Pipe, out)
		walk(n.List, out)
		walk(n.ElseList, out)
	case *parse.WithNode:
		walk(n.Pipe, out)
		walk(n.List, out)
		walk(n.ElseList, out)
	}
}

// bidiControls names the explicit direction controls in s, "" when none.
// A right-to-left mark is allowed; embeddings, overrides, isolates and
// left-to-right marks are not.
func bidiControls(s string) string {
	var found []string
	for _, r := range s {
		if r == '\u200E' || r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' {
			found = append(found, fmt.Sprintf("U+%04X", r))
		}
	}
	return strings.Join(found, ", ")
}

// formLine finds the line of a plural form key at or after the message's
// line, falling back to the message's line.
func formLine(text []byte, from int, form string) int {
	if from <= 0 {
		return from
	}
	lines := bytes.Split(text, []byte("\n"))
	for i := from - 1; i < len(lines) && i < from+12; i++ {
		l := bytes.TrimLeft(lines[i], " \t\"'")
		if bytes.HasPrefix(l, []byte(form)) {
			rest := bytes.TrimLeft(l[len(form):], " \t\"'")
			if bytes.HasPrefix(rest, []byte("=")) || bytes.HasPrefix(rest, []byte(":")) {
				return i + 1
			}
		}
	}
	return from
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func suggest(id string, src map[string]*i18n.Message) string {
	keys := map[string]bool{}
	for k := range src {
		keys[k] = true
	}
	if near := nearest(id, keys); near != "" {
		return fmt.Sprintf(" (did you mean %s?)", near)
	}
	return ""
}

// nearest returns the candidate closest to s by edit distance when it is
// close enough to be a misspelling.
func nearest(s string, candidates map[string]bool) string {
	best, bestD := "", 3
	for _, c := range sortedKeys(candidates) {
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
