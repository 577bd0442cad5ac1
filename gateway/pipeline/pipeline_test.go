package pipeline_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/pipeline"
	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/store/storetest"
	"github.com/parleyhq/parley/translate"
)

type env struct {
	db    *store.DB
	queue *store.Queue
	p     *pipeline.Pipeline
}

func newEnv(t *testing.T, dsn string, detector translate.Detector) *env {
	return newEnvWith(t, dsn, detector, prefixTranslator{})
}

// prefixTranslator "translates" by tagging the text with the target.
type prefixTranslator struct{}

func (prefixTranslator) Translate(_ context.Context, r translate.Request) (translate.Result, error) {
	return translate.Result{Text: "[" + r.To + "] " + r.Text, From: r.From, To: r.To, Provider: "prefix"}, nil
}
func (prefixTranslator) Off() bool { return false }

func newEnvWith(t *testing.T, dsn string, detector translate.Detector, translator pipeline.Translator) *env {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	workers := river.NewWorkers()
	queue, err := store.NewQueue(db, store.QueueConfig{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Config{AgentLanguage: "en", DefaultLanguage: "de"}, pipeline.Deps{
		DB: db, Queue: queue, Workers: workers, Detector: detector, Translator: translator,
		Registry: prometheus.NewRegistry(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = queue.Stop(ctx)
		db.Close()
	})
	return &env{db: db, queue: queue, p: p}
}

// waitProcessed waits for the queue to have completed n jobs.
func waitCompleted(t *testing.T, events <-chan *river.Event, n int) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for done := 0; done < n; {
		select {
		case ev := <-events:
			if ev.Kind == river.EventKindJobCompleted {
				done++
			}
		case <-timeout:
			t.Fatalf("only %d of %d jobs completed within 20s", done, n)
		}
	}
}

// TestConcurrentRepeatsMakeOneMessage sends the same external id from many
// goroutines at once: exactly one message and one job result.
func TestConcurrentRepeatsMakeOneMessage(t *testing.T) {
	ctx := context.Background()
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, dsn, nil)
			events, cancel := e.queue.Subscribe(river.EventKindJobCompleted)
			defer cancel()
			if err := e.queue.Start(ctx); err != nil {
				t.Fatal(err)
			}
			const n = 16
			var wg sync.WaitGroup
			ids := make([]int64, n)
			created := make([]bool, n)
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					acc, err := e.p.Accept(ctx, pipeline.Inbound{Source: "api", ConversationID: "race",
						ExternalID: "same", Author: store.AuthorCustomer, Text: fmt.Sprintf("copy %d", i)})
					ids[i], created[i], errs[i] = acc.Message.ID, acc.Created, err
				}()
			}
			wg.Wait()
			nCreated := 0
			for i := range n {
				if errs[i] != nil {
					t.Fatalf("Accept #%d: %v", i, errs[i])
				}
				if ids[i] != ids[0] {
					t.Errorf("Accept #%d returned message %d, want %d", i, ids[i], ids[0])
				}
				if created[i] {
					nCreated++
				}
			}
			if nCreated != 1 {
				t.Errorf("%d of %d concurrent Accepts created a message, want 1", nCreated, n)
			}
			waitCompleted(t, events, 1)
			m, err := e.db.Message(ctx, ids[0])
			if err != nil || m.ProcessedAt == nil {
				t.Errorf("message after its job = %+v, %v; want processed", m, err)
			}
			// Give a second job (there must be none) the chance to run.
			select {
			case ev := <-events:
				t.Errorf("unexpected second job completed: %+v", ev.Job)
			case <-time.After(300 * time.Millisecond):
			}
		})
	}
}

type fixedDetector struct{ d translate.Detection }

func (f fixedDetector) Detect(context.Context, translate.DetectInput) (translate.Detection, error) {
	return f.d, nil
}

func TestLanguageDecision(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		detector   translate.Detector
		hints      []string
		author     store.Author
		wantLang   string
		wantSource string
		wantConv   string
		wantStatus store.TranslationStatus
	}{
		{"hint without detector", nil, []string{"pt-BR"}, store.AuthorCustomer, "pt", "hint", "pt", store.TranslationPending},
		{"default without detector", nil, nil, store.AuthorCustomer, "de", "default", "de", store.TranslationPending},
		{"bad hint skipped", nil, []string{"??", "fr"}, store.AuthorCustomer, "fr", "hint", "fr", store.TranslationPending},
		{"detector decides", fixedDetector{translate.Detection{Language: "ru", Confidence: 0.97, Source: translate.SourceDetected}},
			[]string{"en"}, store.AuthorCustomer, "ru", "detected", "ru", store.TranslationPending},
		{"already agent language", fixedDetector{translate.Detection{Language: "en", Confidence: 0.9, Source: translate.SourceDetected}},
			nil, store.AuthorCustomer, "en", "detected", "en", store.TranslationNotNeeded},
		{"undetermined keeps conversation open", fixedDetector{translate.Detection{Language: "und", Source: translate.SourceDetected}},
			nil, store.AuthorCustomer, "und", "detected", "", store.TranslationPending},
		{"undetermined leaves its best candidate as a weak prior", fixedDetector{translate.Detection{Language: "und", Source: translate.SourceDetected,
			Candidates: []translate.Candidate{{Language: "uk", Confidence: 0.55}, {Language: "ru", Confidence: 0.45}}}},
			nil, store.AuthorCustomer, "und", "detected", "uk", store.TranslationPending},
		{"agent message", fixedDetector{translate.Detection{Language: "ru", Source: translate.SourceDetected}},
			nil, store.AuthorAgent, "en", "default", "", store.TranslationNotNeeded},
		{"romanized text is recorded", fixedDetector{translate.Detection{Language: "und", Source: translate.SourceDefault,
			Candidates: []translate.Candidate{}, Romanized: "ru"}},
			nil, store.AuthorCustomer, "und", "default", "", store.TranslationPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, storetest.DSNs(t)[store.SQLite], tt.detector)
			acc, err := e.p.Accept(ctx, pipeline.Inbound{Source: "api", ConversationID: "c", Author: tt.author,
				Text: "text", LocaleHints: tt.hints})
			if err != nil {
				t.Fatal(err)
			}
			m := acc.Message
			if m.Language != tt.wantLang || m.LanguageSource != tt.wantSource {
				t.Errorf("message language = %q (%s), want %q (%s)", m.Language, m.LanguageSource, tt.wantLang, tt.wantSource)
			}
			// The message keeps the language of its Latin letters.
			var wantRomanized string
			if f, ok := tt.detector.(fixedDetector); ok && tt.author == store.AuthorCustomer {
				wantRomanized = f.d.Romanized
			}
			if m.Romanized != wantRomanized {
				t.Errorf("message romanized = %q, want %q", m.Romanized, wantRomanized)
			}
			if acc.Conversation.CustomerLanguage != tt.wantConv {
				t.Errorf("conversation language = %q, want %q", acc.Conversation.CustomerLanguage, tt.wantConv)
			}
			if acc.Translation.Status != tt.wantStatus {
				t.Errorf("translation status = %q, want %q", acc.Translation.Status, tt.wantStatus)
			}
			stored, err := e.db.ConversationByExternalID(ctx, "api", "c")
			if err != nil || stored.CustomerLanguage != tt.wantConv {
				t.Errorf("stored conversation language = %q, %v; want %q", stored.CustomerLanguage, err, tt.wantConv)
			}
		})
	}
}
