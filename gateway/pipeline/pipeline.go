// Package pipeline accepts inbound messages and runs the durable jobs that
// process them: decide the language, acknowledge, translate, deliver and
// follow up.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"golang.org/x/text/language"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/translate"
)

// SourceAPI is the source of conversations that arrive through the generic
// API; Parley posts nothing back to them, callers read what it decided.
const SourceAPI = "api"

// Config is the pipeline's share of the settings.
type Config struct {
	// AgentLanguage is what inbound messages are translated into.
	AgentLanguage string
	// DefaultLanguage is the customer language when nothing else tells.
	DefaultLanguage string
	// AckOnlyForeign acknowledges only customers who write in a language
	// other than the agent language.
	AckOnlyForeign bool
	// ReopenWindow: a customer who writes again after a silence longer than
	// this has reopened the conversation and is acknowledged again, unless
	// the last acknowledgement is younger than this. Zero acknowledges a
	// conversation once, ever.
	ReopenWindow time.Duration
	// ReplyPrefix starts an agent's private note that asks for a
	// translated reply ("!tr").
	ReplyPrefix string
	// TranslateWorkers is how many translation jobs run at once in this
	// process; 20 when zero.
	TranslateWorkers int
	// ReplyNotice adds a line to machine-translated replies telling the
	// customer so.
	ReplyNotice bool
}

// Deps are the pipeline's collaborators. Detector, Translator and Replies
// may be nil: then the language comes from hints or the default, nothing is
// translated, and nothing is acknowledged.
type Deps struct {
	DB         *store.DB
	Queue      *store.Queue
	Workers    *river.Workers
	Detector   translate.Detector
	Translator Translator
	Replies    Replies
	// Posters posts back to each helpdesk, by source name.
	Posters  map[string]Poster
	Registry prometheus.Registerer
	Logger   *slog.Logger
}

// QueueTranslate is the queue of the jobs that call the translation
// provider.
const QueueTranslate = "translate"

// Pipeline accepts messages and works their jobs.
type Pipeline struct {
	cfg Config
	Deps
	outcomes *prometheus.CounterVec
	batch    prometheus.Histogram
	// batchTime is how long each accepting transaction takes.
	batchTime prometheus.Histogram
	// rewrites counts batches written again with savepoints.
	rewrites prometheus.Counter
	now      func() time.Time
	batches  *batcher

	mu         sync.Mutex        // guards locales and identities
	locales    map[string]string // customer locales by source/customer id
	identities map[string]string // Parley's author id per source
}

// New builds the pipeline and registers its workers.
func New(cfg Config, deps Deps) (*Pipeline, error) {
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Pipeline{
		cfg: cfg, Deps: deps, now: time.Now, locales: map[string]string{}, identities: map[string]string{},
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_jobs_total",
			Help: "Job runs by kind and outcome (completed, retry, discarded, cancelled, snoozed).",
		}, []string{"kind", "outcome"}),
	}
	// SQLite writes one transaction at a time. PostgreSQL runs two side by
	// side, so that one fills while the other waits on its commit; with
	// more, batches shrink and each pays its commit and its round trips
	// for fewer messages (bench/ingest at 16 clients: 1,350-1,540/s with
	// two, 930-1,280/s with four).
	slots := 1
	if deps.DB.Engine() == store.Postgres {
		slots = 2
	}
	p.batches = &batcher{run: p.acceptBatch, slots: slots}
	p.batch = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "parley_accept_batch_size",
		Help:    "Messages written per accepting transaction.",
		Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128},
	})
	p.batchTime = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "parley_accept_batch_seconds",
		Help:    "Time to write one accepting transaction, from its start to its commit.",
		Buckets: []float64{.0005, .001, .002, .004, .008, .016, .032, .064, .128, .256},
	})
	p.rewrites = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "parley_accept_batch_rewrites_total",
		Help: "Accepting batches rolled back and written again message by message, because one was a repeat or failed.",
	})
	for _, c := range []prometheus.Collector{p.outcomes, p.batch, p.batchTime, p.rewrites} {
		if err := deps.Registry.Register(c); err != nil {
			return nil, fmt.Errorf("pipeline: register metrics: %w", err)
		}
	}
	// Machine translation waits on a provider that may take seconds per
	// call; in a queue of its own it never holds up acknowledgements and
	// other deliveries.
	if cfg.TranslateWorkers <= 0 {
		cfg.TranslateWorkers = 20
	}
	if err := deps.Queue.AddQueue(QueueTranslate, cfg.TranslateWorkers); err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	for _, err := range []error{
		river.AddWorkerSafely(deps.Workers, &processWorker{p: p}),
		river.AddWorkerSafely(deps.Workers, &deliverWorker{p: p}),
		river.AddWorkerSafely(deps.Workers, &followUpWorker{p: p}),
		river.AddWorkerSafely(deps.Workers, &replyWorker{p: p}),
	} {
		if err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
	}
	return p, nil
}

// translating reports whether a translator is configured.
func (p *Pipeline) translating() bool { return p.Translator != nil && !p.Translator.Off() }

// Inbound is a message arriving from any source.
type Inbound struct {
	// Source names where the conversation lives: "api" or a helpdesk.
	Source string
	// ConversationID is the source's own conversation reference.
	ConversationID string
	// ExternalID is the source's id for this message; "" when it has none.
	ExternalID string
	Author     store.Author
	Private    bool
	Text       string
	// LocaleHints are locale tags the source knows, strongest first.
	LocaleHints []string
	// CustomerName and TicketNumber personalize the acknowledgement.
	CustomerName string
	TicketNumber string
}

// Ack is the acknowledgement a customer is shown, decided before the message
// is accepted.
type Ack struct {
	Language string
	Text     string
}

// Accepted is the outcome of accepting one inbound message.
type Accepted struct {
	Message      store.Message
	Conversation store.Conversation
	// Created is false when the message was a repeat of an earlier one.
	Created     bool
	Ack         *Ack
	Translation store.Translation
}

var errDuplicate = errors.New("pipeline: duplicate message")

// Accept decides the message's language and acknowledgement, then stores
// the message, the acknowledgement and the jobs that carry them on in one
// transaction. A message whose external id its source already sent is
// returned as it was first stored, with nothing written and no new job.
//
// Messages that arrive together are written in one transaction, so that a
// busy gateway commits once for many messages (see acceptBatch).
func (p *Pipeline) Accept(ctx context.Context, in Inbound) (Accepted, error) {
	// Detection runs before the transaction so that it never holds the
	// database.
	p.batches.expect()
	prior, err := p.DB.ConversationLanguageOf(ctx, in.Source, in.ConversationID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		p.batches.forget()
		return Accepted{}, err
	}
	det, err := p.decide(ctx, in, prior)
	if err != nil {
		p.batches.forget()
		return Accepted{}, fmt.Errorf("pipeline: detect language: %w", err)
	}
	req := &acceptReq{ctx: ctx, in: in, det: det, lastCustomer: prior.CustomerLastAt, priorLanguage: prior.CustomerLanguage,
		done: make(chan acceptResult, 1)}
	p.batches.submit(req)
	select {
	case r := <-req.done:
		return r.acc, r.err
	case <-ctx.Done():
		return Accepted{}, ctx.Err()
	}
}

// acceptBatch writes a batch of messages in one transaction and answers
// each.
func (p *Pipeline) acceptBatch(reqs []*acceptReq) {
	// The batch outlives any one caller that gives up waiting.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(reqs[0].ctx), batchTimeout)
	defer cancel()
	p.batch.Observe(float64(len(reqs)))
	start := time.Now()
	defer func() { p.batchTime.Observe(time.Since(start).Seconds()) }()
	results := make([]acceptResult, len(reqs))
	// Most batches hold only new messages that write cleanly: they go in
	// without a savepoint per message, which costs two round trips each.
	// Should one be a repeat or fail, the batch is rolled back and written
	// again with savepoints, so that the others still go in.
	if len(reqs) > 1 {
		err := p.Queue.InTx(ctx, func(tx *store.Tx) error { return p.acceptAll(ctx, tx, reqs, results) })
		if err == nil {
			p.answer(ctx, reqs, results, nil)
			return
		}
		clear(results)
		p.rewrites.Inc()
		p.Logger.Debug("accepting batch written again message by message", "messages", len(reqs), "cause", err)
	}
	err := p.Queue.InTx(ctx, func(tx *store.Tx) error {
		if len(reqs) == 1 {
			// Alone, a repeat rolls the whole transaction back; no
			// savepoint needed.
			acc, err := p.acceptInTx(ctx, tx, reqs[0])
			results[0] = acceptResult{acc: acc, err: err}
			if err != nil && !errors.Is(err, errDuplicate) {
				results[0].err = fmt.Errorf("pipeline: accept message: %w", err)
			}
			if err != nil {
				return err
			}
			return p.enqueueProcessing(ctx, tx, []Accepted{acc})
		}
		accepted := make([]Accepted, 0, len(reqs))
		for _, i := range lockOrder(reqs) {
			results[i] = p.acceptOne(ctx, tx, reqs[i])
			if results[i].err == nil {
				accepted = append(accepted, results[i].acc)
			}
		}
		return p.enqueueProcessing(ctx, tx, accepted)
	})
	p.answer(ctx, reqs, results, err)
}

// errRetryWithSavepoints rolls back a batch written without savepoints.
var errRetryWithSavepoints = errors.New("pipeline: a message of the batch needs its own savepoint")

// acceptAll writes every message of a batch with no savepoint between
// them: the conversations in one statement, the messages in another, then
// each message's language and acknowledgement in turn. Any repeat or
// failure rolls the whole batch back.
func (p *Pipeline) acceptAll(ctx context.Context, tx *store.Tx, reqs []*acceptReq, results []acceptResult) error {
	order := lockOrder(reqs)
	var touches []store.ConversationTouch
	seen := map[store.ConversationKey]int{}
	for _, i := range order {
		in := reqs[i].in
		key := in.conversationKey()
		k, ok := seen[key]
		if !ok {
			k = len(touches)
			seen[key] = k
			touches = append(touches, store.ConversationTouch{ConversationKey: key})
		}
		touches[k].Customer = touches[k].Customer || in.Author == store.AuthorCustomer
		touches[k].Agent = touches[k].Agent || in.Author == store.AuthorAgent
	}
	convs, err := tx.EnsureConversations(ctx, touches, p.cfg.AgentLanguage)
	if err != nil {
		return fmt.Errorf("%w: %w", errRetryWithSavepoints, err)
	}
	news := make([]store.NewMessage, len(order))
	for k, i := range order {
		news[k] = reqs[i].newMessage(convs[reqs[i].in.conversationKey()].ID)
	}
	msgs, err := tx.InsertMessages(ctx, news)
	if err != nil {
		return fmt.Errorf("%w: %w", errRetryWithSavepoints, err)
	}
	if len(msgs) != len(news) {
		return fmt.Errorf("%w: %d of %d messages are repeats", errRetryWithSavepoints, len(news)-len(msgs), len(news))
	}
	accepted := make([]Accepted, 0, len(reqs))
	for k, i := range order {
		key := reqs[i].in.conversationKey()
		acc, err := p.accepted(ctx, tx, reqs[i], convs[key], msgs[k])
		if err != nil {
			return fmt.Errorf("%w: %w", errRetryWithSavepoints, err)
		}
		// A later message of the same conversation sees what this one
		// decided.
		convs[key] = acc.Conversation
		results[i] = acceptResult{acc: acc}
		accepted = append(accepted, acc)
	}
	return p.enqueueProcessing(ctx, tx, accepted)
}

// conversationKey names the conversation in is written in.
func (in Inbound) conversationKey() store.ConversationKey {
	return store.ConversationKey{Source: in.Source, ExternalID: in.ConversationID}
}

// newMessage is the row r's message is stored as, in conversation convID.
func (r *acceptReq) newMessage(convID int64) store.NewMessage {
	in, det := r.in, r.det
	return store.NewMessage{
		ConversationID: convID, Source: in.Source, ExternalID: in.ExternalID,
		Author: in.Author, Private: in.Private, Text: in.Text,
		LocaleHint: strings.Join(in.LocaleHints, ","), Language: det.Language,
		LanguageConfidence: det.Confidence, LanguageSource: string(det.Source),
		Romanized: det.Romanized,
	}
}

// lockOrder returns the order in which a batch's messages are written:
// conversations are locked in one global order, so that batches running
// side by side (PostgreSQL) never deadlock on each other.
func lockOrder(reqs []*acceptReq) []int {
	order := make([]int, len(reqs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := reqs[order[a]].in, reqs[order[b]].in
		return ra.Source < rb.Source || (ra.Source == rb.Source && ra.ConversationID < rb.ConversationID)
	})
	return order
}

// answer hands each caller of a batch its result; err is the batch
// transaction's.
func (p *Pipeline) answer(ctx context.Context, reqs []*acceptReq, results []acceptResult, err error) {
	for i, r := range reqs {
		res := results[i]
		switch {
		case errors.Is(res.err, errDuplicate):
			res.acc, res.err = p.existing(ctx, res.acc.Message)
		case err != nil && res.err == nil:
			res = acceptResult{err: fmt.Errorf("pipeline: accept message: %w", err)}
		}
		r.done <- res
	}
}

// acceptOne writes one message inside the batch's transaction, behind a
// savepoint: a repeat or a failure undoes this message's writes only.
func (p *Pipeline) acceptOne(ctx context.Context, tx *store.Tx, r *acceptReq) acceptResult {
	sp, err := tx.Savepoint(ctx, "accept")
	if err != nil {
		return acceptResult{err: err}
	}
	acc, err := p.acceptInTx(ctx, tx, r)
	if err != nil {
		if rerr := tx.RollbackTo(ctx, sp); rerr != nil {
			return acceptResult{err: rerr}
		}
		if !errors.Is(err, errDuplicate) {
			err = fmt.Errorf("pipeline: accept message: %w", err)
		}
		return acceptResult{acc: acc, err: err}
	}
	if err := tx.Release(ctx, sp); err != nil {
		return acceptResult{err: err}
	}
	return acceptResult{acc: acc}
}

func (p *Pipeline) acceptInTx(ctx context.Context, tx *store.Tx, r *acceptReq) (Accepted, error) {
	in := r.in
	conv, err := tx.EnsureConversation(ctx, in.Source, in.ConversationID, p.cfg.AgentLanguage, in.Author)
	if err != nil {
		return Accepted{}, err
	}
	msg, created, err := tx.InsertMessage(ctx, r.newMessage(conv.ID))
	if err != nil {
		return Accepted{}, err
	}
	if !created {
		// A repeat: undo what this attempt wrote and answer with the
		// first message.
		return Accepted{Message: msg}, errDuplicate
	}
	return p.accepted(ctx, tx, r, conv, msg)
}

// accepted decides, for a message just stored in conv, the conversation's
// language and the acknowledgement.
func (p *Pipeline) accepted(ctx context.Context, tx *store.Tx, r *acceptReq, conv store.Conversation, msg store.Message) (Accepted, error) {
	in, det := r.in, r.det
	if in.Author == store.AuthorCustomer {
		// The conversation's language moves with the evidence: an
		// undetermined message on a new conversation leaves its best
		// candidate as a weak prior, so that short messages add up.
		var prev *translate.Prior
		if conv.CustomerLanguage != "" {
			prev = &translate.Prior{Language: conv.CustomerLanguage, Confidence: conv.LanguageConfidence,
				Source: translate.Source(conv.LanguageSource)}
		}
		if next := translate.NextPrior(prev, det); next != nil && (prev == nil || *next != *prev) {
			if err := tx.SetCustomerLanguage(ctx, conv.ID, next.Language, string(next.Source), next.Confidence); err != nil {
				return Accepted{}, err
			}
			conv.CustomerLanguage, conv.LanguageSource, conv.LanguageConfidence = next.Language, string(next.Source), next.Confidence
		}
	}
	acc := Accepted{Message: msg, Conversation: conv, Created: true, Translation: p.initialTranslation(msg)}
	var err error
	if acc.Ack, err = p.acknowledge(ctx, tx, r, &acc.Conversation, msg); err != nil {
		return Accepted{}, err
	}
	return acc, nil
}

// maxShared bounds the messages that share one processing job when they
// wait for translation, and maxSharedChars the length of a message that may
// share one: short texts are where a batched request saves the most.
// Messages with nothing to translate share a job up to maxBatch: their
// processing is a single write.
const (
	maxShared      = 20
	maxSharedChars = 200
)

// enqueueProcessing schedules the processing of the messages just
// accepted. Short messages in one language that wait for translation share
// a job, so that they go to the provider in one request; messages with
// nothing to translate share one job per batch, so that a busy gateway runs
// one job for many of them. No message waits for others to arrive.
func (p *Pipeline) enqueueProcessing(ctx context.Context, tx *store.Tx, accepted []Accepted) error {
	groups := map[string][]int64{}
	var long []int64
	var order []string
	var rest []int64
	for _, acc := range accepted {
		m := acc.Message
		switch {
		case !acc.Created:
			continue
		case acc.Translation.Status != store.TranslationPending:
			rest = append(rest, m.ID)
		case utf8.RuneCountInString(m.Text) > maxSharedChars:
			long = append(long, m.ID)
		default:
			if _, seen := groups[m.Language]; !seen {
				order = append(order, m.Language)
			}
			groups[m.Language] = append(groups[m.Language], m.ID)
		}
	}
	var jobs [][]int64
	for _, id := range long {
		jobs = append(jobs, []int64{id})
	}
	for _, lang := range order {
		jobs = slices.AppendSeq(jobs, slices.Chunk(groups[lang], maxShared))
	}
	jobs = slices.AppendSeq(jobs, slices.Chunk(rest, maxBatch))
	for _, ids := range jobs {
		args := ProcessArgs{MessageIDs: ids}
		if len(ids) == 1 {
			args = ProcessArgs{MessageID: ids[0]}
		}
		if err := tx.Enqueue(ctx, args, nil); err != nil {
			return err
		}
	}
	return nil
}

// existing describes a message accepted earlier.
func (p *Pipeline) existing(ctx context.Context, m store.Message) (Accepted, error) {
	conv, err := p.DB.Conversation(ctx, m.ConversationID)
	if err != nil {
		return Accepted{}, err
	}
	ts, err := p.DB.MessageTranslations(ctx, m.ID)
	if err != nil {
		return Accepted{}, err
	}
	acc := Accepted{Message: m, Conversation: conv, Translation: p.TranslationOf(m, ts)}
	ds, err := p.DB.ConversationDeliveries(ctx, conv.ID)
	if err != nil {
		return Accepted{}, err
	}
	for _, d := range ds {
		if d.Kind == store.DeliveryAck && d.MessageID == m.ID {
			acc.Ack = &Ack{Language: d.Language, Text: d.Text}
		}
	}
	return acc, nil
}

// initialTranslation is the translation status a message starts with.
func (p *Pipeline) initialTranslation(m store.Message) store.Translation {
	t := store.Translation{MessageID: m.ID, Language: p.cfg.AgentLanguage, Status: store.TranslationPending}
	switch {
	case m.Author != store.AuthorCustomer || sameLanguage(m.Language, p.cfg.AgentLanguage):
		t.Status = store.TranslationNotNeeded
	case !p.translating():
		t.Status = store.TranslationOff
	}
	return t
}

// TranslationOf returns the translation status of message m for agents:
// the stored translation into the agent language, or where it starts.
func (p *Pipeline) TranslationOf(m store.Message, have []store.Translation) store.Translation {
	want := p.initialTranslation(m)
	for _, t := range have {
		if t.Language == want.Language {
			return t
		}
	}
	return want
}

// decide picks the message's language. Without a detector, the first
// parseable locale hint decides, else the default language.
func (p *Pipeline) decide(ctx context.Context, in Inbound, conv store.ConversationLanguage) (translate.Detection, error) {
	if in.Author != store.AuthorCustomer {
		return translate.Detection{Language: p.cfg.AgentLanguage, Source: translate.SourceDefault}, nil
	}
	if p.Detector != nil {
		var prior *translate.Prior
		if conv.CustomerLanguage != "" {
			prior = &translate.Prior{Language: conv.CustomerLanguage, Confidence: conv.LanguageConfidence,
				Source: translate.Source(conv.LanguageSource)}
		}
		return p.Detector.Detect(ctx, translate.DetectInput{Text: in.Text, Hints: in.LocaleHints, Conversation: prior})
	}
	for _, h := range in.LocaleHints {
		if tag, err := language.Parse(h); err == nil {
			base, _ := tag.Base()
			return translate.Detection{Language: base.String(), Source: translate.SourceHint}, nil
		}
	}
	return translate.Detection{Language: p.cfg.DefaultLanguage, Source: translate.SourceDefault}, nil
}

// sameLanguage compares the base languages of two tags.
func sameLanguage(a, b string) bool {
	if a == "" || b == "" || a == translate.Undetermined || b == translate.Undetermined {
		return false
	}
	ta, errA := language.Parse(a)
	tb, errB := language.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	ba, _ := ta.Base()
	bb, _ := tb.Base()
	return ba == bb
}
