package translate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"
)

// ErrCacheMiss is returned by Cache.Get when nothing is stored for a key.
var ErrCacheMiss = errors.New("translate: not in cache")

// CacheKey identifies one translation: the same text, languages, provider,
// model and glossary always translate the same way.
type CacheKey struct {
	Text     string // NormalizeText of the input
	From     string // empty when the provider detected the source
	To       string
	Provider string
	Model    string
	Glossary string // Glossary.Version
}

// Hash returns a fixed-length hex digest of k, for use as a primary key.
func (k CacheKey) Hash() string {
	h := sha256.New()
	for _, f := range []string{k.Text, k.From, k.To, k.Provider, k.Model, k.Glossary} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CacheEntry is a stored translation.
type CacheEntry struct {
	Text string
	// From is the source language the provider reported, if any.
	From string
}

// Cache stores translations that passed their checks. The gateway store
// implements it persistently; MemoryCache is an in-memory one.
type Cache interface {
	// Get returns the entry stored under key, or an error wrapping
	// ErrCacheMiss when there is none. Other errors are treated as misses.
	Get(ctx context.Context, key CacheKey) (CacheEntry, error)
	// Put stores e under key, replacing any earlier entry.
	Put(ctx context.Context, key CacheKey, e CacheEntry) error
}

var (
	spaceRun = regexp.MustCompile(`[ \t\x{00a0}\x{202f}]+`)
	lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")
)

// NormalizeText is the form of a text used in cache keys: Unicode NFC,
// Unix line ends, runs of spaces collapsed, spaces trimmed from each line
// and the ends. Line breaks and case are kept: they change a translation.
func NormalizeText(s string) string {
	s = norm.NFC.String(lineEnds.Replace(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaceRun.ReplaceAllString(l, " "))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// CacheConfig says what, besides the text, a cached translation depends on.
type CacheConfig struct {
	Model    string // the provider's model; empty for DeepL
	Glossary string // Glossary.Version
	// Logger receives cache failures; nil discards them.
	Logger *slog.Logger
}

// Cached wraps a Translator with a Cache: a text translated once is not
// paid for again. Only results that next returned without error are
// stored, so put it above the Verifier.
type Cached struct {
	next    Translator
	cache   Cache
	metrics *Metrics
	cfg     CacheConfig
}

var _ Translator = (*Cached)(nil)

// NewCached wraps next.
func NewCached(next Translator, c Cache, m *Metrics, cfg CacheConfig) *Cached {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Cached{next: next, cache: c, metrics: m, cfg: cfg}
}

// Name returns the provider's name.
func (c *Cached) Name() string { return c.next.Name() }

// Key returns the cache key of req.
func (c *Cached) Key(req Request) CacheKey {
	return CacheKey{
		Text: NormalizeText(req.Text), From: normalizeTag(req.From), To: normalizeTag(req.To),
		Provider: c.next.Name(), Model: c.cfg.Model, Glossary: c.cfg.Glossary,
	}
}

// Lookup returns the cached result for req, if there is one.
func (c *Cached) Lookup(ctx context.Context, req Request) (Result, bool) {
	e, err := c.cache.Get(ctx, c.Key(req))
	if err != nil {
		if !errors.Is(err, ErrCacheMiss) {
			c.cfg.Logger.Warn("read translation cache", "err", err)
		}
		c.metrics.lookup(c.Name(), false)
		return Result{}, false
	}
	c.metrics.lookup(c.Name(), true)
	from := e.From
	if from == "" {
		from = req.From
	}
	return Result{
		Text: e.Text, From: from, To: req.To, Provider: c.Name(), Model: c.cfg.Model, Cached: true,
	}, true
}

// Store puts a good result for req in the cache.
func (c *Cached) Store(ctx context.Context, req Request, res Result) {
	if err := c.cache.Put(ctx, c.Key(req), CacheEntry{Text: res.Text, From: res.From}); err != nil {
		c.cfg.Logger.Warn("write translation cache", "err", err)
	}
}

// Translate returns the cached translation of req, or asks next and caches
// its answer.
func (c *Cached) Translate(ctx context.Context, req Request) (Result, error) {
	if res, ok := c.Lookup(ctx, req); ok {
		return res, nil
	}
	res, err := c.next.Translate(ctx, req)
	if err != nil {
		return Result{}, err
	}
	c.Store(ctx, req, res)
	return res, nil
}

// normalizeTag lower-cases a tag and keeps its region, which can change the
// written language (pt-BR, zh-Hant, en-GB).
func normalizeTag(tag string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(tag)), "_", "-")
}

// MemoryCache is an in-memory Cache, for tests and one-off commands.
type MemoryCache struct {
	mu      sync.Mutex
	entries map[string]CacheEntry
}

var _ Cache = (*MemoryCache)(nil)

// NewMemoryCache returns an empty cache.
func NewMemoryCache() *MemoryCache {
	return &MemoryCache{entries: map[string]CacheEntry{}}
}

// Get returns the entry under key or ErrCacheMiss.
func (c *MemoryCache) Get(_ context.Context, key CacheKey) (CacheEntry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key.Hash()]
	if !ok {
		return CacheEntry{}, ErrCacheMiss
	}
	return e, nil
}

// Put stores e under key.
func (c *MemoryCache) Put(_ context.Context, key CacheKey, e CacheEntry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[key.Hash()] = e
	return nil
}

// Len returns the number of stored entries.
func (c *MemoryCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
