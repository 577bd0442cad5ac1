// Package templates renders Parley's human-written messages (acknowledgements,
// follow-ups, note headers) in the customer's or the agents' language, and
// holds the reply policy around them: business hours, promised reply times,
// when to acknowledge, and the checks translators run on locale files.
package templates

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
)

// Errors returned by the package.
var (
	ErrUnknownMessage = errors.New("templates: unknown message id")
	ErrBadLanguage    = errors.New("templates: bad language tag")
	ErrCatalog        = errors.New("templates: broken locale catalog")
)

// FallbackRecorder counts renders that could not use the requested language.
// NewFallbackCounter adapts a Prometheus registry.
type FallbackRecorder interface {
	// Fallback records that requested was served in used.
	Fallback(requested, used string)
}

// Config is what a Set needs.
type Config struct {
	// Default is the language of last resort (PARLEY_DEFAULT_LANGUAGE);
	// "en" when empty.
	Default string
	// Base holds the shipped catalogs, normally locales.FS.
	Base fs.FS
	// Dir, when set (PARLEY_LOCALES_DIR), holds files that override Base
	// file by file and may add languages.
	Dir string
	// Fallbacks is told about every fallback; nil counts nothing.
	Fallbacks FallbackRecorder
	// Logger receives reload reports; nil discards them.
	Logger *slog.Logger
}

// Rendered is one rendered message.
type Rendered struct {
	Text string `json:"text"`
	// Language is the catalog language actually used after fallback.
	Language string `json:"language"`
}

// Set is the loaded catalogs. It is safe for concurrent use; Reload swaps
// the catalogs atomically.
type Set struct {
	cfg    Config
	cur    atomic.Pointer[catalogs]
	reload sync.Mutex
	rules  ruleCache
}

// New loads the catalogs. A file that cannot be read or holds a template
// that does not parse is an error that wraps ErrCatalog and lists every
// problem (see *LoadError).
func New(cfg Config) (*Set, error) {
	if cfg.Default == "" {
		cfg.Default = "en"
	}
	def, err := language.Parse(cfg.Default)
	if err != nil {
		return nil, fmt.Errorf("templates: default language %q: %w", cfg.Default, ErrBadLanguage)
	}
	cfg.Default = def.String()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Set{cfg: cfg}
	c, err := load(cfg, &s.rules)
	if err != nil {
		return nil, err
	}
	if c.langs[cfg.Default] == nil {
		return nil, fmt.Errorf("templates: no catalog for default language %q: %w", cfg.Default, ErrCatalog)
	}
	s.cur.Store(c)
	return s, nil
}

// Reload reads the catalogs again (call it on SIGHUP). When any file is
// broken it keeps the previous catalogs, logs every problem and returns
// them in a *LoadError.
func (s *Set) Reload() error {
	s.reload.Lock()
	defer s.reload.Unlock()
	c, err := load(s.cfg, &s.rules)
	if err == nil && c.langs[s.cfg.Default] == nil {
		err = fmt.Errorf("templates: no catalog for default language %q: %w", s.cfg.Default, ErrCatalog)
	}
	if err != nil {
		s.cfg.Logger.Error("locale reload failed, keeping the previous catalogs", "err", err)
		return err
	}
	s.cur.Store(c)
	s.cfg.Logger.Info("locales reloaded", "languages", len(c.langs))
	return nil
}

// Languages returns the catalog languages, sorted.
func (s *Set) Languages() []string { return s.cur.Load().sorted }

// Default returns the language of last resort.
func (s *Set) Default() string { return s.cfg.Default }

// Render renders message id in lang with data, falling back from the exact
// tag to its parents, its base language and then the default language. The
// result names the language used. Unknown ids wrap ErrUnknownMessage; a
// tag that does not parse falls back to the default language.
func (s *Set) Render(id, lang string, data Data) (Rendered, error) {
	c := s.cur.Load()
	ch := c.chain(lang)
	for i, lc := range ch.list {
		m := lc.msgs[id]
		if m == nil {
			continue
		}
		text, err := m.render(lc, &data)
		if err != nil {
			return Rendered{}, fmt.Errorf("render %s in %s: %w", id, lc.lang, err)
		}
		if (i > 0 || !ch.exact) && s.cfg.Fallbacks != nil {
			s.cfg.Fallbacks.Fallback(ch.label, lc.lang)
		}
		return Rendered{Text: text, Language: lc.lang}, nil
	}
	return Rendered{}, fmt.Errorf("render %q: %w", id, ErrUnknownMessage)
}

func baseOf(lang string) string {
	if i := strings.IndexByte(lang, '-'); i > 0 {
		return lang[:i]
	}
	return lang
}

// chain is the catalogs to try for one requested language, best first.
type chain struct {
	list []*langCatalog
	// exact reports whether list[0] is the requested tag itself.
	exact bool
	// label is the requested tag for the fallback metric: language,
	// script and region only (extensions would multiply the series), or
	// "invalid" when it does not parse.
	label string
}

// chain returns the catalogs to try for a requested language, ending with
// the default language. Chains are cached per requested string.
func (c *catalogs) chain(lang string) *chain {
	if v, ok := c.chains.Load(lang); ok {
		return v.(*chain)
	}
	ch := &chain{label: "invalid"}
	seen := map[string]bool{}
	add := func(l string) {
		if lc := c.langs[l]; lc != nil && !seen[l] {
			seen[l] = true
			ch.list = append(ch.list, lc)
		}
	}
	if tag, err := language.Parse(lang); err == nil {
		ch.label = metricLabel(tag)
		for t := tag; !t.IsRoot(); t = t.Parent() {
			add(t.String())
		}
		base, _ := tag.Base()
		add(base.String())
		ch.exact = len(ch.list) > 0 && (ch.list[0].lang == tag.String() || ch.list[0].lang == ch.label)
	}
	add(c.def)
	if c.cached.Add(1) <= maxCachedChains {
		c.chains.Store(lang, ch)
	}
	return ch
}

// maxCachedChains bounds the chain cache so that arbitrary tags from
// outside cannot grow it without limit.
const maxCachedChains = 1024

// canonicalOrSelf returns the canonical form of a tag, or lang itself when
// it does not parse.
func canonicalOrSelf(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return lang
	}
	return tag.String()
}

// metricLabel reduces a tag to language, script and region.
func metricLabel(tag language.Tag) string {
	base, script, region := tag.Raw()
	t, err := language.Compose(base, script, region)
	if err != nil {
		return base.String()
	}
	return t.String()
}
