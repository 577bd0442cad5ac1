package pipeline

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/store/storetest"
	"github.com/parleyhq/parley/translate"
)

// newTestPipeline opens the store at dsn and builds a pipeline over it
// with the agent and default language "en" and deps' translator and
// replies; the store closes when the test ends.
func newTestPipeline(t *testing.T, dsn string, deps Deps) (*Pipeline, *store.DB, *store.Queue) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	workers := river.NewWorkers()
	queue, err := store.NewQueue(db, store.QueueConfig{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	deps.DB, deps.Queue, deps.Workers = db, queue, workers
	deps.Registry, deps.Logger = prometheus.NewRegistry(), slog.New(slog.DiscardHandler)
	p, err := New(Config{AgentLanguage: "en", DefaultLanguage: "en"}, deps)
	if err != nil {
		t.Fatal(err)
	}
	return p, db, queue
}

// startQueue starts queue and stops it when the test ends.
func startQueue(t *testing.T, queue *store.Queue) {
	t.Helper()
	if err := queue.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = queue.Stop(stop)
	})
}

// batchCounter records how the pipeline calls the provider.
type batchCounter struct {
	mu      sync.Mutex
	batches [][]string
	singles []string
}

func (b *batchCounter) Translate(_ context.Context, r translate.Request) (translate.Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.singles = append(b.singles, r.Text)
	return translate.Result{Text: "EN(" + r.Text + ")", To: r.To}, nil
}

func (b *batchCounter) TranslateAll(_ context.Context, reqs []translate.Request) []translate.Outcome {
	b.mu.Lock()
	defer b.mu.Unlock()
	var texts []string
	outs := make([]translate.Outcome, len(reqs))
	for i, r := range reqs {
		texts = append(texts, r.Text)
		outs[i].Result = translate.Result{Text: "EN(" + r.Text + ")", To: r.To}
	}
	b.batches = append(b.batches, texts)
	return outs
}

func (*batchCounter) Off() bool { return false }

// TestMessagesAcceptedTogetherShareOneRequest accepts five short Russian
// messages and one long one in one batch: the five go to the provider in
// one request, the long one alone, and each is translated exactly once.
func TestMessagesAcceptedTogetherShareOneRequest(t *testing.T) {
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			tr := &batchCounter{}
			p, db, queue := newTestPipeline(t, dsn, Deps{Translator: tr})
			long := "Здравствуйте! Я заказал у вас куртку три недели назад, оплатил сразу, но посылка так и не пришла, " +
				"а трекинг-номер не обновляется уже десять дней. Подскажите, пожалуйста, что происходит и когда ждать доставку?"
			texts := []string{"Где мой заказ?", "Спасибо!", "Когда доставка?", "Нужен возврат", "Алло?", long}
			var reqs []*acceptReq
			for i, text := range texts {
				reqs = append(reqs, &acceptReq{ctx: ctx, done: make(chan acceptResult, 1),
					in:  Inbound{Source: SourceAPI, ConversationID: "c" + string(rune('a'+i)), Author: store.AuthorCustomer, Text: text},
					det: translate.Detection{Language: "ru", Confidence: 0.99, Source: translate.SourceDetected}})
			}
			p.acceptBatch(reqs)
			for _, r := range reqs {
				if res := <-r.done; res.err != nil || !res.acc.Created {
					t.Fatalf("accept = %+v, %v", res.acc, res.err)
				}
			}
			startQueue(t, queue)
			deadline := time.Now().Add(15 * time.Second)
			for {
				jobs, err := db.ProcessJobCounts(ctx)
				if err != nil {
					t.Fatal(err)
				}
				done := len(jobs) == len(texts)
				for _, states := range jobs {
					done = done && len(states) == 1 && states[0] == "completed"
				}
				if done {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("jobs per message = %v, want one completed job for each of %d messages", jobs, len(texts))
				}
				time.Sleep(50 * time.Millisecond)
			}
			tr.mu.Lock()
			defer tr.mu.Unlock()
			if len(tr.batches) != 1 || len(tr.batches[0]) != 5 {
				t.Errorf("batched requests = %q, want one with the five short messages", tr.batches)
			}
			if len(tr.singles) != 1 || tr.singles[0] != long {
				t.Errorf("single requests = %q, want only the long message", tr.singles)
			}
		})
	}
}

// TestMessagesWithNothingToTranslateShareOneJob accepts customer messages in
// the agent language and agent messages in one batch: one processing job
// marks them all processed.
func TestMessagesWithNothingToTranslateShareOneJob(t *testing.T) {
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			p, db, queue := newTestPipeline(t, dsn, Deps{Translator: &batchCounter{}})
			var reqs []*acceptReq
			for i := range 7 {
				in := Inbound{Source: SourceAPI, ConversationID: "n" + string(rune('a'+i)), Author: store.AuthorCustomer,
					Text: "Where is my order?"}
				det := translate.Detection{Language: "en", Confidence: 0.99, Source: translate.SourceDetected}
				if i >= 5 {
					in.Author, in.Text = store.AuthorAgent, "It ships today."
				}
				reqs = append(reqs, &acceptReq{ctx: ctx, done: make(chan acceptResult, 1), in: in, det: det})
			}
			p.acceptBatch(reqs)
			var ids []int64
			for _, r := range reqs {
				res := <-r.done
				if res.err != nil || !res.acc.Created {
					t.Fatalf("accept = %+v, %v", res.acc, res.err)
				}
				ids = append(ids, res.acc.Message.ID)
			}
			events, cancel := queue.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
			defer cancel()
			startQueue(t, queue)
			select {
			case ev := <-events:
				if ev.Kind != river.EventKindJobCompleted || ev.Job.Kind != (ProcessArgs{}).Kind() {
					t.Fatalf("first job event = %s %s, want a completed %s", ev.Kind, ev.Job.Kind, (ProcessArgs{}).Kind())
				}
			case <-time.After(15 * time.Second):
				t.Fatal("no processing job completed within 15s")
			}
			// Any further processing job would be fetched with the first.
			select {
			case ev := <-events:
				t.Fatalf("another job event: %s %s %s, want none", ev.Kind, ev.Job.Kind, ev.Job.EncodedArgs)
			case <-time.After(500 * time.Millisecond):
			}
			jobs, err := db.ProcessJobCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if got := jobs[id]; len(got) != 1 || got[0] != "completed" {
					t.Errorf("jobs of message %d = %v, want one completed", id, got)
				}
				m, err := db.Message(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if m.ProcessedAt == nil {
					t.Errorf("message %d not marked processed after its job completed", id)
				}
			}
		})
	}
}

// TestBatchWithARepeat accepts a batch of two new messages and a repeat of
// one stored before: the batch goes in with savepoints after all, the new
// messages are stored once each and the repeat answers with the first.
func TestBatchWithARepeat(t *testing.T) {
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			p, db, _ := newTestPipeline(t, dsn, Deps{})
			det := translate.Detection{Language: "en", Confidence: 0.99, Source: translate.SourceDetected}
			req := func(conv, ext string) *acceptReq {
				return &acceptReq{ctx: ctx, done: make(chan acceptResult, 1), det: det,
					in: Inbound{Source: SourceAPI, ConversationID: conv, ExternalID: ext, Author: store.AuthorCustomer, Text: "hello " + ext}}
			}
			first := req("r1", "x")
			p.acceptBatch([]*acceptReq{first})
			orig := <-first.done
			if orig.err != nil {
				t.Fatal(orig.err)
			}
			batch := []*acceptReq{req("r2", "a"), req("r1", "x"), req("r3", "b")}
			p.acceptBatch(batch)
			for i, r := range batch {
				res := <-r.done
				if res.err != nil {
					t.Fatalf("message %d: %v", i, res.err)
				}
				if wantCreated := i != 1; res.acc.Created != wantCreated {
					t.Errorf("message %d created = %v, want %v", i, res.acc.Created, wantCreated)
				}
				if i == 1 && res.acc.Message.ID != orig.acc.Message.ID {
					t.Errorf("repeat answered with message %d, want the first, %d", res.acc.Message.ID, orig.acc.Message.ID)
				}
			}
			if got := counterValue(t, p.rewrites); got != 1 {
				t.Errorf("batches written again = %v, want 1", got)
			}
			if n, err := db.MessageCount(ctx); err != nil || n != 3 {
				t.Errorf("stored messages = %d, %v; want 3", n, err)
			}
			jobs, err := db.ProcessJobCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(jobs) != 3 {
				t.Errorf("messages with a processing job = %d (%v), want 3", len(jobs), jobs)
			}
			for id, states := range jobs {
				if len(states) != 1 {
					t.Errorf("message %d has %d processing jobs, want 1", id, len(states))
				}
			}
		})
	}
}

// ackOnce renders a fixed acknowledgement.
type ackOnce struct{}

func (ackOnce) Ack(in AckInput) (AckText, error) {
	return AckText{Text: "ack:" + in.Language, Language: in.Language}, nil
}
func (ackOnce) FollowUp(in AckInput) (AckText, error)             { return AckText{}, nil }
func (ackOnce) NoteHeader(agentLang, from string) string          { return "" }
func (ackOnce) FailedNoteHeader(agentLang, from, _ string) string { return "" }
func (ackOnce) TranslatedNotice(string) string                    { return "" }

// TestBatchWithOneConversationTwice accepts two customer messages of one
// new conversation and an agent message of another in one batch: the
// conversation is acknowledged once, on the first message, and the second
// sees the language the first decided.
func TestBatchWithOneConversationTwice(t *testing.T) {
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			p, db, _ := newTestPipeline(t, dsn, Deps{Replies: ackOnce{}})
			ru := translate.Detection{Language: "ru", Confidence: 0.99, Source: translate.SourceDetected}
			reqs := []*acceptReq{
				{in: Inbound{Source: SourceAPI, ConversationID: "same", Author: store.AuthorCustomer, Text: "Где мой заказ?"}, det: ru},
				{in: Inbound{Source: SourceAPI, ConversationID: "other", Author: store.AuthorAgent, Text: "Hello"},
					det: translate.Detection{Language: "en", Source: translate.SourceDefault}},
				{in: Inbound{Source: SourceAPI, ConversationID: "same", Author: store.AuthorCustomer, Text: "Алло?"}, det: ru},
			}
			for _, r := range reqs {
				r.ctx, r.done = ctx, make(chan acceptResult, 1)
			}
			p.acceptBatch(reqs)
			var res []acceptResult
			for _, r := range reqs {
				res = append(res, <-r.done)
			}
			for i, r := range res {
				if r.err != nil || !r.acc.Created {
					t.Fatalf("message %d: created = %v, error = %v", i, r.acc.Created, r.err)
				}
				// Each caller gets its own message back, though the batch
				// wrote them in conversation order.
				if r.acc.Message.Text != reqs[i].in.Text || r.acc.Message.Author != reqs[i].in.Author {
					t.Errorf("message %d answered with %q by %s, want %q by %s", i, r.acc.Message.Text,
						r.acc.Message.Author, reqs[i].in.Text, reqs[i].in.Author)
				}
			}
			if got := counterValue(t, p.rewrites); got != 0 {
				t.Errorf("batches written again = %v, want 0: the batch goes in at once", got)
			}
			if res[0].acc.Ack == nil || res[0].acc.Ack.Text != "ack:ru" {
				t.Errorf("first message's acknowledgement = %+v, want ack:ru", res[0].acc.Ack)
			}
			if res[2].acc.Ack != nil {
				t.Errorf("second message of the conversation acknowledged again: %+v", res[2].acc.Ack)
			}
			if res[1].acc.Ack != nil {
				t.Errorf("agent message acknowledged: %+v", res[1].acc.Ack)
			}
			if got := res[2].acc.Conversation; got.ID != res[0].acc.Conversation.ID || got.CustomerLanguage != "ru" {
				t.Errorf("second message's conversation = %d %q, want %d ru", got.ID, got.CustomerLanguage, res[0].acc.Conversation.ID)
			}
			conv, err := db.Conversation(ctx, res[0].acc.Conversation.ID)
			if err != nil {
				t.Fatal(err)
			}
			if conv.CustomerLanguage != "ru" || conv.AcknowledgedAt == nil || conv.CustomerLastAt == nil {
				t.Errorf("stored conversation = %+v, want ru, acknowledged, customer_last_at set", conv)
			}
			ds, err := db.ConversationDeliveries(ctx, conv.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != 1 || ds[0].Kind != store.DeliveryAck || ds[0].MessageID != res[0].acc.Message.ID {
				t.Errorf("deliveries = %+v, want one acknowledgement of the first message", ds)
			}
		})
	}
}

func counterValue(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}

// TestBatcherWaitsForMessagesBeingDetected submits one message while
// another is still being detected: the batch waits for it, and both go in
// one transaction. With nothing being detected, a message goes alone at
// once.
func TestBatcherWaitsForMessagesBeingDetected(t *testing.T) {
	var mu sync.Mutex
	var batches [][]*acceptReq
	b := &batcher{slots: 1, lingerFor: 10 * time.Second, run: func(reqs []*acceptReq) {
		mu.Lock()
		batches = append(batches, reqs)
		mu.Unlock()
		for _, r := range reqs {
			r.done <- acceptResult{}
		}
	}}
	first := &acceptReq{done: make(chan acceptResult, 1)}
	second := &acceptReq{done: make(chan acceptResult, 1)}
	b.expect()
	b.expect() // the second message, still being detected
	go b.submit(second)
	b.submit(first)
	<-first.done
	<-second.done
	alone := &acceptReq{done: make(chan acceptResult, 1)}
	b.expect()
	start := time.Now()
	b.submit(alone)
	<-alone.done
	if waited := time.Since(start); waited >= time.Second {
		t.Errorf("a message with none other being detected waited %v", waited)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(batches) != 2 || len(batches[0]) != 2 || len(batches[1]) != 1 {
		sizes := []int{}
		for _, b := range batches {
			sizes = append(sizes, len(b))
		}
		t.Errorf("batch sizes = %v, want [2 1]", sizes)
	}
}
