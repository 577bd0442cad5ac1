package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/translate"
)

// ReplyArgs is the job that translates an agent's reply into the customer's
// language and delivers it.
type ReplyArgs struct {
	MessageID int64 `json:"message_id"`
}

// Kind names the job in the queue.
func (ReplyArgs) Kind() string { return "reply" }

// InsertOpts puts the job in the translation queue.
func (ReplyArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: QueueTranslate} }

// ErrNoCustomerLanguage means a reply was asked for in a conversation whose
// customer language is not known yet.
var ErrNoCustomerLanguage = errors.New("pipeline: the conversation's customer language is not known")

// Reply is an agent's reply to translate and deliver.
type Reply struct {
	Source         string
	ConversationID string
	ExternalID     string
	Text           string
}

// Reply stores an agent's reply, in the agent language, with the job that
// translates it into the customer's language and delivers it where the
// conversation came from. The same external id twice stores one reply.
func (p *Pipeline) Reply(ctx context.Context, r Reply) (store.Message, store.Conversation, error) {
	conv, err := p.DB.ConversationByExternalID(ctx, r.Source, r.ConversationID)
	if err != nil {
		return store.Message{}, store.Conversation{}, err
	}
	var msg store.Message
	err = p.Queue.InTx(ctx, func(tx *store.Tx) error {
		var created bool
		var err error
		msg, created, err = tx.InsertMessage(ctx, store.NewMessage{ConversationID: conv.ID, Source: r.Source,
			ExternalID: r.ExternalID, Author: store.AuthorAgent, Private: true, Text: r.Text,
			Language: p.cfg.AgentLanguage, LanguageSource: string(translate.SourceDefault)})
		if err != nil || !created {
			return err
		}
		if _, err := tx.EnsureConversation(ctx, r.Source, r.ConversationID, p.cfg.AgentLanguage, store.AuthorAgent); err != nil {
			return err
		}
		return tx.Enqueue(ctx, ReplyArgs{MessageID: msg.ID}, nil)
	})
	if err != nil {
		return store.Message{}, store.Conversation{}, fmt.Errorf("pipeline: accept reply: %w", err)
	}
	return msg, conv, nil
}

type replyWorker struct {
	river.WorkerDefaults[ReplyArgs]
	p *Pipeline
}

// Work translates the reply and schedules its public delivery. A reply
// whose translation fails is not sent: the customer never gets a text that
// failed its checks, and the translation records why.
func (w *replyWorker) Work(ctx context.Context, job *river.Job[ReplyArgs]) error {
	p := w.p
	m, err := p.DB.Message(ctx, job.Args.MessageID)
	if err != nil || m.ProcessedAt != nil {
		return err
	}
	conv, err := p.DB.Conversation(ctx, m.ConversationID)
	if err != nil {
		return err
	}
	to := conv.CustomerLanguage
	if to == "" || to == translate.Undetermined {
		to = p.cfg.DefaultLanguage
	}
	tr := store.Translation{MessageID: m.ID, Language: to, Attempts: job.Attempt}
	text := m.Text
	switch {
	case sameLanguage(to, m.Language):
		tr.Status = store.TranslationNotNeeded
	case !p.translating():
		// The agent asked for a translated reply; sending it untranslated
		// would not be what they asked for.
		tr.Status, tr.Error = store.TranslationOff, translate.Reason(translate.ErrOff)
		return p.finish(ctx, conv, m, &tr, nil)
	default:
		res, err := p.Translator.Translate(ctx, translate.Request{Text: m.Text, From: m.Language, To: to,
			Conversation: conv.Source + ":" + conv.ExternalID})
		if translate.Retryable(err) {
			if at, ok := translate.RetryAt(err, p.now()); ok {
				return river.JobSnooze(max(time.Until(at), time.Second))
			}
			return err
		}
		if err != nil && !errors.Is(err, translate.ErrCheckFailed) && !errors.Is(err, translate.ErrRejected) {
			return err // not known to be final: River retries it
		}
		if err != nil {
			tr.Status, tr.Error = store.TranslationFailed, translate.Reason(err)
			p.Logger.Warn("reply translation failed", "message", m.ID, "error", err)
			return p.finish(ctx, conv, m, &tr, nil)
		}
		tr.Status, tr.Text, tr.Provider, tr.Model, text = store.TranslationDone, res.Text, res.Provider, res.Model, res.Text
		if p.cfg.ReplyNotice && p.Replies != nil {
			if notice := p.Replies.TranslatedNotice(to); notice != "" {
				text += "\n\n" + notice
			}
		}
	}
	return p.Queue.InTx(ctx, func(tx *store.Tx) error {
		first, err := tx.MarkProcessed(ctx, m.ID)
		if err != nil || !first {
			return err
		}
		if err := tx.PutTranslation(ctx, tr); err != nil {
			return err
		}
		return p.addDelivery(ctx, tx, conv, store.Delivery{ConversationID: conv.ID, MessageID: m.ID,
			Kind: store.DeliveryReply, Language: to, Text: text})
	})
}
