package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/translate"
)

// ProcessArgs is the job that processes accepted messages: it translates
// customers' messages for the agents and hands each translation to the
// helpdesk as a private note. Short messages in the same language that were
// accepted together share one job, so that they share one batched request
// to the provider; messages with nothing to translate that were accepted
// together share one job too.
type ProcessArgs struct {
	MessageID  int64   `json:"message_id,omitempty"`
	MessageIDs []int64 `json:"message_ids,omitempty"`
}

// Kind names the job in the queue.
func (ProcessArgs) Kind() string { return "process_message" }

// InsertOpts puts the job in the translation queue.
func (ProcessArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: QueueTranslate} }

// ids are the messages the job processes.
func (a ProcessArgs) ids() []int64 {
	if len(a.MessageIDs) > 0 {
		return a.MessageIDs
	}
	return []int64{a.MessageID}
}

// BatchTranslator translates several texts at once, batching those of the
// same language pair into one request; *translate.Service is one.
type BatchTranslator interface {
	TranslateAll(ctx context.Context, reqs []translate.Request) []translate.Outcome
}

type processWorker struct {
	river.WorkerDefaults[ProcessArgs]
	p *Pipeline
}

// pending is one message of a job that waits for its translation.
type pending struct {
	m    store.Message
	conv store.Conversation
	tr   store.Translation
	req  translate.Request
}

// Work processes the job's messages. River runs a job at least once: a
// process killed after the work committed but before River recorded the
// completion runs it again, so the job skips messages already processed and
// does only the rest.
func (w *processWorker) Work(ctx context.Context, job *river.Job[ProcessArgs]) error {
	p := w.p
	var todo []pending
	var done []int64 // nothing to translate
	ids := job.Args.ids()
	ms, err := p.DB.MessagesByID(ctx, ids)
	if err != nil {
		return err
	}
	if len(ms) != len(ids) {
		return fmt.Errorf("pipeline: %d of the job's %d messages are gone", len(ids)-len(ms), len(ids))
	}
	for _, m := range ms {
		if m.ProcessedAt != nil {
			continue
		}
		tr := p.initialTranslation(m)
		if tr.Status != store.TranslationPending {
			done = append(done, m.ID)
			continue
		}
		conv, err := p.DB.Conversation(ctx, m.ConversationID)
		if err != nil {
			return err
		}
		from := m.Language
		if from == translate.Undetermined {
			from = ""
		}
		tr.Attempts = job.Attempt
		todo = append(todo, pending{m: m, conv: conv, tr: tr, req: translate.Request{Text: m.Text, From: from,
			To: tr.Language, Conversation: fmt.Sprintf("%s:%s", conv.Source, conv.ExternalID)}})
	}
	if len(done) > 0 {
		if err := p.DB.MarkProcessedMany(ctx, done); err != nil {
			return err
		}
	}
	if len(todo) == 0 {
		return nil
	}
	var retry error
	for i, out := range p.translateAll(ctx, todo) {
		err := p.settle(ctx, todo[i], out)
		if err != nil && (retry == nil || !errors.As(err, new(*river.JobSnoozeError))) {
			retry = err
		}
	}
	return retry
}

// translateAll translates the pending messages, in one batched request per
// language pair when the translator can.
func (p *Pipeline) translateAll(ctx context.Context, todo []pending) []translate.Outcome {
	reqs := make([]translate.Request, len(todo))
	for i, t := range todo {
		reqs[i] = t.req
	}
	if bt, ok := p.Translator.(BatchTranslator); ok && len(reqs) > 1 {
		return bt.TranslateAll(ctx, reqs)
	}
	outs := make([]translate.Outcome, len(reqs))
	for i, r := range reqs {
		outs[i].Result, outs[i].Err = p.Translator.Translate(ctx, r)
	}
	return outs
}

// settle stores one message's translation outcome. It returns an error
// when the message must be tried again: River then retries the job, which
// skips the messages settled already.
func (p *Pipeline) settle(ctx context.Context, t pending, out translate.Outcome) error {
	m, conv, tr, err := t.m, t.conv, t.tr, out.Err
	res := out.Result
	switch {
	case err == nil:
		tr.Status, tr.Text, tr.Provider, tr.Model = store.TranslationDone, res.Text, res.Provider, res.Model
		note := p.note(tr.Language, m.Language, res.Text, "")
		return p.finish(ctx, conv, m, &tr, &store.Delivery{ConversationID: conv.ID, MessageID: m.ID,
			Kind: store.DeliveryNote, Language: tr.Language, Text: note})
	case translate.Retryable(err):
		// Keep the translation pending with the reason shown, and try again
		// when the provider or the budget allows.
		tr.Error = translate.Reason(err)
		if err := p.DB.InTx(ctx, func(tx *store.Tx) error { return tx.PutTranslation(ctx, tr) }); err != nil {
			return err
		}
		if at, ok := translate.RetryAt(err, p.now()); ok {
			return river.JobSnooze(max(time.Until(at), time.Second))
		}
		return err
	case errors.Is(err, translate.ErrOff):
		tr.Status = store.TranslationOff
		return p.finish(ctx, conv, m, &tr, nil)
	case !errors.Is(err, translate.ErrCheckFailed) && !errors.Is(err, translate.ErrRejected):
		// Anything else is not known to be final: River retries it.
		return err
	default:
		// Failed checks and refusals are final: the agents get one note
		// that says so and shows the original, never the rejected output.
		tr.Status, tr.Error = store.TranslationFailed, translate.Reason(err)
		p.Logger.Warn("translation failed", "message", m.ID, "error", err)
		note := p.note(tr.Language, m.Language, m.Text, tr.Error)
		return p.finish(ctx, conv, m, &tr, &store.Delivery{ConversationID: conv.ID, MessageID: m.ID,
			Kind: store.DeliveryNote, Language: tr.Language, Text: note})
	}
}

// finish stores the outcome, schedules the note to conv and marks the
// message processed, in one transaction. conv is needed only with a note.
func (p *Pipeline) finish(ctx context.Context, conv store.Conversation, m store.Message, tr *store.Translation, note *store.Delivery) error {
	return p.Queue.InTx(ctx, func(tx *store.Tx) error {
		first, err := tx.MarkProcessed(ctx, m.ID)
		if err != nil || !first {
			return err
		}
		if tr != nil {
			if err := tx.PutTranslation(ctx, *tr); err != nil {
				return err
			}
		}
		if note == nil || conv.Source == SourceAPI {
			return nil
		}
		if nt, ok := p.Posters[conv.Source].(NoteTaker); ok && !nt.TakesNotes(conv.ExternalID) {
			// A messaging channel without private notes: the translation
			// is kept for the agent page and the API only.
			return nil
		}
		return p.addDelivery(ctx, tx, conv, *note)
	})
}

// note is the private note agents read: a short header in their language,
// then the translation verbatim, or, when it failed, the reason and the
// original.
func (p *Pipeline) note(agentLang, from, text, failure string) string {
	var header string
	switch {
	case p.Replies == nil && failure != "":
		header = "Translation failed: " + failure
	case p.Replies == nil:
		header = "Translation (" + from + " → " + agentLang + "):"
	case failure != "":
		header = p.Replies.FailedNoteHeader(agentLang, from, failure)
	default:
		header = p.Replies.NoteHeader(agentLang, from)
	}
	return strings.TrimSpace(header) + "\n\n" + text
}
