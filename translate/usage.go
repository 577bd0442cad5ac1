package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// ErrBudgetExceeded marks a call refused because the day's translation
// limit (PARLEY_TRANSLATE_DAILY_LIMIT) is spent. BudgetError says when it
// resets; acknowledgements do not depend on it.
var ErrBudgetExceeded = errors.New("translate: daily translation limit reached")

// BudgetError is a refusal by the daily limit. It matches ErrBudgetExceeded
// with errors.Is.
type BudgetError struct {
	Limit, Spent int64
	// Resets is when the next day's budget starts (midnight UTC).
	Resets time.Time
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("translate: daily translation limit of %d reached (%d spent), resets at %s",
		e.Limit, e.Spent, e.Resets.Format(time.RFC3339))
}

// Is reports whether target is ErrBudgetExceeded.
func (e *BudgetError) Is(target error) bool { return target == ErrBudgetExceeded }

// Add returns the sum of u and o.
func (u Usage) Add(o Usage) Usage {
	return Usage{
		PromptTokens:     u.PromptTokens + o.PromptTokens,
		CompletionTokens: u.CompletionTokens + o.CompletionTokens,
		Characters:       u.Characters + o.Characters,
	}
}

// Units is the spend the daily limit counts: tokens for token-billed
// providers, characters for character-billed ones.
func (u Usage) Units() int64 {
	return int64(u.PromptTokens) + int64(u.CompletionTokens) + int64(u.Characters)
}

// UsageEvent is what one provider call cost for one text. A batched call
// records one event per text, each with its share of the cost.
type UsageEvent struct {
	Time         time.Time
	Conversation string // empty for one-off calls
	Provider     string
	Model        string
	From, To     string
	Usage        Usage
	// Batch is how many texts shared the call (1 when unbatched).
	Batch int
}

// UsageStore keeps the cost of every provider call. The gateway store
// implements it; MemoryUsage is an in-memory one.
type UsageStore interface {
	// RecordUsage stores e. An error is logged and never fails the
	// translation that caused it.
	RecordUsage(ctx context.Context, e UsageEvent) error
	// UsageSince returns the summed usage of every event with Time at or
	// after since; zero when there is none.
	UsageSince(ctx context.Context, since time.Time) (Usage, error)
}

// MeterConfig configures a Meter.
type MeterConfig struct {
	// DailyLimit caps the Units spent per UTC day; zero means no cap.
	DailyLimit int64
	// Now returns the time; nil means time.Now.
	Now func() time.Time
	// Logger receives usage that could not be recorded; nil discards it.
	Logger *slog.Logger
}

// Meter sits directly in front of a provider: it refuses calls once the
// day's budget is spent, and records the cost of every call (including
// answers that later fail their checks) in the store and the metrics.
type Meter struct {
	next    Translator
	store   UsageStore
	metrics *Metrics
	cfg     MeterConfig
}

var _ BatchTranslator = (*Meter)(nil)

// NewMeter wraps next. store may be nil when DailyLimit is zero.
func NewMeter(next Translator, store UsageStore, m *Metrics, cfg MeterConfig) (*Meter, error) {
	if cfg.DailyLimit > 0 && store == nil {
		return nil, errors.New("translate: a daily limit needs a usage store")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Meter{next: next, store: store, metrics: m, cfg: cfg}, nil
}

// Name returns the provider's name.
func (m *Meter) Name() string { return m.next.Name() }

// Translate checks the budget, calls the provider and records the cost.
// Over the limit it returns a *BudgetError without calling the provider.
func (m *Meter) Translate(ctx context.Context, req Request) (Result, error) {
	if err := m.allow(ctx); err != nil {
		return Result{}, err
	}
	res, err := m.next.Translate(ctx, req)
	m.metrics.call(m.Name(), err)
	m.record(ctx, req, res, err, 1)
	return res, err
}

// TranslateBatch is Translate for a batch; it needs a provider that
// implements BatchTranslator and otherwise fails with ErrRejected.
func (m *Meter) TranslateBatch(ctx context.Context, reqs []Request) ([]Outcome, error) {
	b, ok := m.next.(BatchTranslator)
	if !ok {
		return nil, fmt.Errorf("%s cannot batch: %w", m.Name(), ErrRejected)
	}
	if err := m.allow(ctx); err != nil {
		return nil, err
	}
	outs, err := b.TranslateBatch(ctx, reqs)
	m.metrics.call(m.Name(), err)
	for i, o := range outs {
		m.record(ctx, reqs[i], o.Result, o.Err, len(reqs))
	}
	return outs, err
}

// CanBatch reports whether the provider translates batches.
func (m *Meter) CanBatch() bool {
	_, ok := m.next.(BatchTranslator)
	return ok
}

func (m *Meter) allow(ctx context.Context) error {
	if m.cfg.DailyLimit <= 0 {
		return nil
	}
	now := m.cfg.Now().UTC()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	spent, err := m.store.UsageSince(ctx, day)
	if err != nil {
		return fmt.Errorf("read translation spend: %w", err)
	}
	if spent.Units() >= m.cfg.DailyLimit {
		return &BudgetError{Limit: m.cfg.DailyLimit, Spent: spent.Units(), Resets: day.AddDate(0, 0, 1)}
	}
	return nil
}

func (m *Meter) record(ctx context.Context, req Request, res Result, err error, batch int) {
	u := res.Usage
	var ce *CheckError
	if errors.As(err, &ce) {
		u = u.Add(ce.Usage)
	}
	if u == (Usage{}) {
		return
	}
	m.metrics.spend(m.Name(), u)
	if m.store == nil {
		return
	}
	e := UsageEvent{
		Time: m.cfg.Now(), Conversation: req.Conversation, Provider: m.Name(), Model: res.Model,
		From: req.From, To: req.To, Usage: u, Batch: batch,
	}
	if err := m.store.RecordUsage(ctx, e); err != nil {
		m.cfg.Logger.Warn("record translation usage", "err", err, "conversation", req.Conversation)
	}
}

// MemoryUsage is an in-memory UsageStore, for tests and one-off commands.
type MemoryUsage struct {
	mu     sync.Mutex
	events []UsageEvent
}

var _ UsageStore = (*MemoryUsage)(nil)

// RecordUsage stores e.
func (s *MemoryUsage) RecordUsage(_ context.Context, e UsageEvent) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, e)
	return nil
}

// UsageSince sums the events at or after since.
func (s *MemoryUsage) UsageSince(_ context.Context, since time.Time) (Usage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var u Usage
	for _, e := range s.events {
		if !e.Time.Before(since) {
			u = u.Add(e.Usage)
		}
	}
	return u, nil
}

// Events returns a copy of the recorded events, oldest first.
func (s *MemoryUsage) Events() []UsageEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]UsageEvent(nil), s.events...)
}
