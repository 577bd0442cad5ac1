package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// ModelNamer is implemented by providers that know which model answers;
// the model is part of every cache key.
type ModelNamer interface {
	Model() string
}

// Prompter is implemented by providers that send instructions to a model;
// the Verifier rejects any output that repeats them.
type Prompter interface {
	Prompts() []string
}

// Limiter is implemented by providers with a size limit per text; longer
// texts are split.
type Limiter interface {
	MaxChars() int
}

// Config configures a Service.
type Config struct {
	// Glossary is the glossary the provider was built with; its version is
	// part of every cache key. Nil when there is none.
	Glossary *Glossary
	// DailyLimit caps the units spent per UTC day
	// (PARLEY_TRANSLATE_DAILY_LIMIT): tokens for openai, characters for
	// deepl. Zero means no cap.
	DailyLimit int64
	// MaxChars splits longer texts; zero takes the provider's limit, or 4000.
	MaxChars int
	// Verify tunes the checks; the provider's prompts are added to it.
	Verify VerifyConfig
	// Batch tunes TranslateAll.
	Batch BatchConfig
	// Now returns the time; nil means time.Now.
	Now func() time.Time
	// Logger receives cache and usage failures; nil discards them.
	Logger *slog.Logger
}

// Deps are the Service's collaborators.
type Deps struct {
	// Provider does the translating (openai.Client, deepl.Client or None).
	Provider Translator
	// Detector checks the language of every output. Required unless the
	// provider is None.
	Detector Detector
	// Cache, when not nil, stores translations that passed their checks.
	Cache Cache
	// Usage, when not nil, records every call's cost; DailyLimit needs it.
	Usage UsageStore
	// Metrics, when not nil, counts calls, cache hits and spend.
	Metrics *Metrics
}

// Service is the translator the rest of Parley calls. It layers, from the
// outside in: the cache, splitting of long texts, checking of every answer
// (with one stricter retry for providers that take instructions), and the
// budget and usage meter in front of the provider.
type Service struct {
	off      bool
	model    string
	metrics  *Metrics
	batch    BatchConfig
	meter    *Meter
	verifier *Verifier
	inner    Translator // splitter → verifier → meter → provider
	cached   *Cached    // nil without a cache
}

var _ Translator = (*Service)(nil)

// New builds the Service around deps.Provider.
func New(cfg Config, deps Deps) (*Service, error) {
	p := deps.Provider
	if p == nil {
		return nil, errors.New("translate: no provider")
	}
	if _, off := p.(None); off {
		return &Service{off: true}, nil
	}
	if deps.Detector == nil {
		return nil, errors.New("translate: checking translations needs a detector")
	}
	meter, err := NewMeter(p, deps.Usage, deps.Metrics, MeterConfig{DailyLimit: cfg.DailyLimit, Now: cfg.Now, Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	s := &Service{metrics: deps.Metrics, batch: cfg.Batch.withDefaults(), meter: meter}
	if m, ok := p.(ModelNamer); ok {
		s.model = m.Model()
	}
	vcfg := cfg.Verify
	if pr, ok := p.(Prompter); ok {
		vcfg.Prompts = append(append([]string(nil), vcfg.Prompts...), pr.Prompts()...)
	} else {
		vcfg.NoRetry = true
	}
	s.verifier = NewVerifier(meter, deps.Detector, vcfg)
	maxChars := cfg.MaxChars
	if l, ok := p.(Limiter); ok && maxChars == 0 {
		maxChars = l.MaxChars()
	}
	if maxChars == 0 {
		maxChars = 4000
	}
	s.inner = NewSplitter(s.verifier, maxChars)
	if deps.Cache != nil {
		s.cached = NewCached(s.inner, deps.Cache, deps.Metrics,
			CacheConfig{Model: s.model, Glossary: cfg.Glossary.Version(), Logger: cfg.Logger})
	}
	return s, nil
}

// Name returns the provider's name ("openai", "deepl", "none").
func (s *Service) Name() string {
	if s.off {
		return None{}.Name()
	}
	return s.meter.Name()
}

// Model returns the provider's model, or "" when it has none.
func (s *Service) Model() string { return s.model }

// Off reports whether translation is off (no provider configured).
func (s *Service) Off() bool { return s.off }

// Translate translates one text. Besides the provider's sentinels it fails
// with ErrOff when translation is off, ErrBudgetExceeded (a *BudgetError)
// over the daily limit, ErrCheckFailed (a *CheckError with the reason) when
// the answer failed its checks twice, and ErrRejected for an empty text or
// target. A text already in the target language comes back unchanged,
// without a call.
func (s *Service) Translate(ctx context.Context, req Request) (Result, error) {
	if res, ok, err := s.early(ctx, req); ok {
		return res, err
	}
	return s.translateMissed(ctx, req)
}

// early answers req without a provider call when it can: translation off,
// nothing to do, a bad request or a cache hit.
func (s *Service) early(ctx context.Context, req Request) (Result, bool, error) {
	switch {
	case s.off:
		return Result{}, true, ErrOff
	case strings.TrimSpace(req.Text) == "":
		return Result{}, true, fmt.Errorf("translate: empty text: %w", ErrRejected)
	case strings.TrimSpace(req.To) == "":
		return Result{}, true, fmt.Errorf("translate: no target language: %w", ErrRejected)
	case req.From != "" && sameLanguage(req.From, req.To):
		return Result{Text: req.Text, From: req.From, To: req.To, Provider: s.Name(), Model: s.model}, true, nil
	}
	if s.cached != nil {
		if res, ok := s.cached.Lookup(ctx, req); ok {
			return res, true, nil
		}
	}
	return Result{}, false, nil
}

// translateMissed translates a request the cache did not have, and caches
// a good answer.
func (s *Service) translateMissed(ctx context.Context, req Request) (Result, error) {
	res, err := s.inner.Translate(ctx, req)
	if errors.Is(err, ErrCheckFailed) {
		s.metrics.reject(s.Name())
	}
	if err != nil {
		return Result{}, err
	}
	s.store(ctx, req, res)
	return res, nil
}

func (s *Service) store(ctx context.Context, req Request, res Result) {
	if s.cached != nil {
		s.cached.Store(ctx, req, res)
	}
}

// Check cleans and checks out as a translation of req, as every answer is
// checked, and returns the cleaned text or a *CheckError. It serves callers
// that hold a translation from elsewhere, such as an edited draft.
func (s *Service) Check(ctx context.Context, req Request, out string) (string, error) {
	if s.off {
		return "", ErrOff
	}
	return s.verifier.Check(ctx, req, out)
}

// sameLanguage reports whether text in a needs no translation into b: the
// same tag, or the same language where one side names no variant ("en"
// and "en-GB", but not "pt-BR" and "pt-PT").
func sameLanguage(a, b string) bool {
	if normalizeTag(a) == normalizeTag(b) {
		return true
	}
	plain := !strings.ContainsAny(a, "-_") || !strings.ContainsAny(b, "-_")
	return plain && BaseLanguage(a) == BaseLanguage(b)
}
