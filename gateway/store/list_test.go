package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/store/storetest"
)

// summary is the part of a ConversationSummary the tests compare.
type summary struct {
	Source, ExternalID        string
	Messages, Waiting, Failed int
	Acknowledged              bool
}

// listMessage is one message to seed, with the translation row it has
// (none when status is "") and whether it was processed.
type listMessage struct {
	author    store.Author
	lang      string
	status    store.TranslationStatus
	transLang string
	processed bool
}

func seedConversation(t *testing.T, db *store.DB, source, ref string, ack bool, msgs []listMessage) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		c, err := tx.EnsureConversation(ctx, source, ref, "en", store.AuthorCustomer)
		if err != nil {
			return err
		}
		if ack {
			if err := tx.MarkAcknowledged(ctx, c.ID); err != nil {
				return err
			}
		}
		for _, lm := range msgs {
			m, _, err := tx.InsertMessage(ctx, store.NewMessage{ConversationID: c.ID, Source: source,
				Author: lm.author, Text: "text", Language: lm.lang})
			if err != nil {
				return err
			}
			if lm.status != "" {
				to := lm.transLang
				if to == "" {
					to = "en"
				}
				if err := tx.PutTranslation(ctx, store.Translation{MessageID: m.ID, Language: to,
					Status: lm.status}); err != nil {
					return err
				}
			}
			if lm.processed {
				if _, err := tx.MarkProcessed(ctx, m.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecentConversations(t *testing.T) {
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			seedConversation(t, db, "chatwoot", "old", false, nil)
			seedConversation(t, db, "api", "busy", true, []listMessage{
				{author: store.AuthorCustomer, lang: "ru"},                                                   // not processed yet: waiting
				{author: store.AuthorCustomer, lang: "ru", status: store.TranslationPending},                 // rate limited: waiting
				{author: store.AuthorCustomer, lang: "ar", status: store.TranslationFailed, processed: true}, // failed
				{author: store.AuthorCustomer, lang: "ru", status: store.TranslationDone, processed: true},   // done
				{author: store.AuthorCustomer, lang: "ru", processed: true},                                  // translation off
				{author: store.AuthorCustomer, lang: "en"},                                                   // already in the agent language
				{author: store.AuthorAgent, lang: "en"},                                                      // agents' messages are not translated
				{author: store.AuthorCustomer, lang: "ru", status: store.TranslationFailed, transLang: "de"}, // another target: ignored
				{author: store.AuthorCustomer, lang: "ru", status: store.TranslationDone, transLang: "de"},   // and this one waits for en
			})
			got, err := db.RecentConversations(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			want := []summary{
				{Source: "api", ExternalID: "busy", Messages: 9, Waiting: 4, Failed: 1, Acknowledged: true},
				{Source: "chatwoot", ExternalID: "old"},
			}
			if diff := cmp.Diff(want, summarize(got)); diff != "" {
				t.Errorf("RecentConversations(10) mismatch (-want +got):\n%s", diff)
			}

			got, err = db.RecentConversations(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want[:1], summarize(got)); diff != "" {
				t.Errorf("RecentConversations(1) mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecentConversationsEmpty(t *testing.T) {
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			got, err := db.RecentConversations(context.Background(), 10)
			if err != nil || len(got) != 0 {
				t.Errorf("RecentConversations(10) on an empty store = %v, %v; want none", got, err)
			}
		})
	}
}

func summarize(cs []store.ConversationSummary) []summary {
	var out []summary
	for _, c := range cs {
		out = append(out, summary{Source: c.Source, ExternalID: c.ExternalID, Messages: c.Messages,
			Waiting: c.Waiting, Failed: c.Failed, Acknowledged: c.AcknowledgedAt != nil})
	}
	return out
}
