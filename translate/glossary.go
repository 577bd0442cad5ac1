package translate

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// ErrGlossary marks a glossary file that cannot be used.
var ErrGlossary = errors.New("translate: bad glossary")

// Formality is how formally a translation addresses its reader.
type Formality string

// The formality settings. FormalityDefault leaves the choice to the provider.
const (
	FormalityDefault  Formality = ""
	FormalityFormal   Formality = "formal"   // German "Sie", Russian "вы", French "vous"
	FormalityInformal Formality = "informal" // German "du", Russian "ты", French "tu"
)

// Term is a word or phrase that is translated a fixed way.
type Term struct {
	// Text is the term as written in From.
	Text string `toml:"text"`
	// From is the language Text is written in; empty means any language.
	From string `toml:"from"`
	// To maps a target language to the fixed translation of Text.
	To map[string]string `toml:"to"`
}

// Entry is one source→target pair a provider must respect.
type Entry struct {
	Source string
	Target string
}

// Glossary is what every provider must respect: terms kept exactly as
// written, terms translated a fixed way per language, and the formality
// wanted for each target language. A nil *Glossary is an empty one.
type Glossary struct {
	// Keep lists names and terms that stay as written in every language.
	Keep []string `toml:"keep"`
	// Terms lists terms with fixed translations.
	Terms []Term `toml:"term"`
	// Formality maps a language to the formality wanted when writing it.
	Formality map[string]Formality `toml:"formality"`
	// Revision, when set, names the glossary's version; otherwise the
	// version is derived from the file's content.
	Revision string `toml:"version"`

	version string
}

// LoadGlossary reads a glossary TOML file (PARLEY_GLOSSARY).
func LoadGlossary(path string) (*Glossary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	return ParseGlossary(data)
}

// ParseGlossary parses a glossary in TOML:
//
//	version = "2026-11"              # optional; defaults to a content hash
//	keep = ["Parley", "Acme Cloud"]  # kept as written in every language
//
//	[formality]                      # per target language: formal | informal
//	de = "formal"
//	ru = "formal"
//
//	[[term]]
//	text = "ticket"
//	from = "en"                      # optional: the language of text
//	to = { de = "Ticket", ru = "заявка" }
func ParseGlossary(data []byte) (*Glossary, error) {
	var g Glossary
	md, err := toml.Decode(string(data), &g)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrGlossary, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%w: unknown key %q", ErrGlossary, und[0].String())
	}
	if err := g.validate(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	g.version = hex.EncodeToString(sum[:6])
	if g.Revision != "" {
		g.version = g.Revision
	}
	return &g, nil
}

func (g *Glossary) validate() error {
	for lang, f := range g.Formality {
		if f != FormalityFormal && f != FormalityInformal {
			return fmt.Errorf("%w: formality for %q is %q, want formal or informal", ErrGlossary, lang, f)
		}
	}
	for i, t := range g.Terms {
		if strings.TrimSpace(t.Text) == "" || len(t.To) == 0 {
			return fmt.Errorf("%w: term %d needs text and at least one translation", ErrGlossary, i+1)
		}
	}
	for i, k := range g.Keep {
		if strings.TrimSpace(k) == "" {
			return fmt.Errorf("%w: keep entry %d is empty", ErrGlossary, i+1)
		}
	}
	return nil
}

// Version identifies the glossary's content, for cache keys and provider
// glossary names; "none" for a nil glossary.
func (g *Glossary) Version() string {
	if g == nil {
		return "none"
	}
	if g.version == "" {
		return "inline"
	}
	return g.version
}

// FormalityFor returns the formality wanted when writing lang.
func (g *Glossary) FormalityFor(lang string) Formality {
	if g == nil {
		return FormalityDefault
	}
	if f, ok := g.Formality[lang]; ok {
		return f
	}
	return g.Formality[BaseLanguage(lang)]
}

// Entries returns the pairs that apply when translating from one language
// into another: every kept term, and every fixed term written in from (or in
// any language) that has a translation into to. An empty from matches only
// terms without a language. Entries are sorted by source.
func (g *Glossary) Entries(from, to string) []Entry {
	if g == nil {
		return nil
	}
	from, to = BaseLanguage(from), BaseLanguage(to)
	var out []Entry
	for _, k := range g.Keep {
		out = append(out, Entry{Source: k, Target: k})
	}
	for _, t := range g.Terms {
		if t.From != "" && BaseLanguage(t.From) != from {
			continue
		}
		target, ok := t.To[to]
		if !ok {
			continue
		}
		out = append(out, Entry{Source: t.Text, Target: target})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

// EntriesIn returns the entries of Entries(from, to) whose source occurs in
// text (ignoring case), so that a prompt carries only what matters.
func (g *Glossary) EntriesIn(text, from, to string) []Entry {
	lower := strings.ToLower(text)
	var out []Entry
	for _, e := range g.Entries(from, to) {
		if strings.Contains(lower, strings.ToLower(e.Source)) {
			out = append(out, e)
		}
	}
	return out
}

// BaseLanguage returns the lower-case language subtag of a BCP 47 tag:
// "pt-BR" → "pt".
func BaseLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}
