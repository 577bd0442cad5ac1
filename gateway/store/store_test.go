package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/gateway/store/storetest"
)

var errRollback = errors.New("roll back")

func TestParseDSN(t *testing.T) {
	tests := []struct {
		name, dsn  string
		wantEngine store.Engine
		wantErr    bool
	}{
		{"bare file", "parley.db", store.SQLite, false},
		{"sqlite prefix", "sqlite:/data/parley.db", store.SQLite, false},
		{"file uri", "file:/data/parley.db?_pragma=busy_timeout(1)", store.SQLite, false},
		{"postgres", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable", store.Postgres, false},
		{"postgresql", "postgresql://u@h/db", store.Postgres, false},
		{"empty", "  ", "", true},
		{"bad postgres", "postgres://u@h:notaport/db", "", true},
		{"empty sqlite path", "sqlite:", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			engine, _, err := store.ParseDSN(tt.dsn)
			if (err != nil) != tt.wantErr || engine != tt.wantEngine {
				t.Errorf("ParseDSN(%q) = %q, %v; want %q, error %v", tt.dsn, engine, err, tt.wantEngine, tt.wantErr)
			}
		})
	}
}

func TestParseDSNKeepsExplicitPragmas(t *testing.T) {
	_, target, err := store.ParseDSN("file:x.db?_pragma=busy_timeout(1)")
	if err != nil {
		t.Fatal(err)
	}
	want := "file:x.db?_pragma=busy_timeout%281%29&_pragma=journal_mode%28WAL%29&_pragma=foreign_keys%281%29&_pragma=synchronous%28NORMAL%29&_time_format=sqlite"
	if target != want {
		t.Errorf("ParseDSN target = %q, want %q", target, want)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			var id int64
			err = db.InTx(ctx, func(tx *store.Tx) error {
				c, err := tx.EnsureConversation(ctx, "api", "c1", "en", store.AuthorCustomer)
				id = c.ID
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			// Migrations that already ran must not run again.
			db, err = store.Open(ctx, dsn)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer db.Close()
			c, err := db.ConversationByExternalID(ctx, "api", "c1")
			if err != nil || c.ID != id {
				t.Errorf("ConversationByExternalID after reopen = %d, %v; want %d", c.ID, err, id)
			}
		})
	}
}

func TestMessages(t *testing.T) {
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			var conv store.Conversation
			var first store.Message
			err := db.InTx(ctx, func(tx *store.Tx) error {
				var err error
				if conv, err = tx.EnsureConversation(ctx, "api", "order-1", "en", store.AuthorCustomer); err != nil {
					return err
				}
				var created bool
				first, created, err = tx.InsertMessage(ctx, store.NewMessage{
					ConversationID: conv.ID, Source: "api", ExternalID: "m1",
					Author: store.AuthorCustomer, Text: "gde moy zakaz?", LocaleHint: "ru-RU",
					Language: "und", LanguageSource: "hint", Romanized: "ru",
				})
				if !created {
					t.Errorf("InsertMessage(m1) created = false on first insert")
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}

			// The same external id again returns the first message.
			err = db.InTx(ctx, func(tx *store.Tx) error {
				again, created, err := tx.InsertMessage(ctx, store.NewMessage{
					ConversationID: conv.ID, Source: "api", ExternalID: "m1",
					Author: store.AuthorCustomer, Text: "something else",
				})
				if created || again.ID != first.ID || again.Text != first.Text {
					t.Errorf("InsertMessage(m1 again) = %d %q created=%v; want %d %q created=false",
						again.ID, again.Text, created, first.ID, first.Text)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}

			// Messages without external ids never collide.
			for range 2 {
				err = db.InTx(ctx, func(tx *store.Tx) error {
					_, created, err := tx.InsertMessage(ctx, store.NewMessage{
						ConversationID: conv.ID, Source: "api", Author: store.AuthorAgent, Text: "On it",
					})
					if !created {
						t.Errorf("InsertMessage(no external id) created = false")
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}

			got, err := db.Message(ctx, first.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Romanized != "ru" {
				t.Errorf("Message(%d).Romanized = %q, want ru", first.ID, got.Romanized)
			}
			if diff := cmp.Diff(first, got); diff != "" {
				t.Errorf("Message(%d) mismatch (-want +got):\n%s", first.ID, diff)
			}
			all, err := db.Messages(ctx, conv.ID, 100)
			if err != nil || len(all) != 3 {
				t.Fatalf("Messages = %d messages, %v; want 3", len(all), err)
			}
			if _, err := db.Message(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Message(missing) error = %v, want ErrNotFound", err)
			}
			c, err := db.Conversation(ctx, conv.ID)
			if err != nil || c.CustomerLastAt == nil || c.AgentLastAt != nil {
				t.Errorf("Conversation after customer message = %+v, %v; want customer_last_at set only", c, err)
			}
		})
	}
}

func TestRollbackWritesNothing(t *testing.T) {
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				c, err := tx.EnsureConversation(ctx, "api", "gone", "en", store.AuthorCustomer)
				if err != nil {
					return err
				}
				if _, _, err := tx.InsertMessage(ctx, store.NewMessage{ConversationID: c.ID, Source: "api",
					ExternalID: "x", Author: store.AuthorCustomer, Text: "hi"}); err != nil {
					return err
				}
				return errRollback
			})
			if !errors.Is(err, errRollback) {
				t.Fatalf("InTx error = %v, want errRollback", err)
			}
			if _, err := db.ConversationByExternalID(ctx, "api", "gone"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("conversation after rollback: error = %v, want ErrNotFound", err)
			}
			if _, err := db.MessageByExternalID(ctx, "api", "x"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("message after rollback: error = %v, want ErrNotFound", err)
			}
		})
	}
}

func TestTranslations(t *testing.T) {
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			var msgID, convID int64
			err := db.InTx(ctx, func(tx *store.Tx) error {
				c, err := tx.EnsureConversation(ctx, "api", "t", "en", store.AuthorCustomer)
				if err != nil {
					return err
				}
				m, _, err := tx.InsertMessage(ctx, store.NewMessage{ConversationID: c.ID, Source: "api",
					Author: store.AuthorCustomer, Text: "Hola"})
				msgID, convID = m.ID, c.ID
				if err != nil {
					return err
				}
				if err := tx.PutTranslation(ctx, store.Translation{MessageID: m.ID, Language: "en", Status: store.TranslationPending}); err != nil {
					return err
				}
				return tx.PutTranslation(ctx, store.Translation{MessageID: m.ID, Language: "en", Status: store.TranslationDone,
					Text: "Hello", Provider: "openai", Model: "m", Attempts: 1})
			})
			if err != nil {
				t.Fatal(err)
			}
			ts, err := db.MessageTranslations(ctx, msgID)
			if err != nil {
				t.Fatal(err)
			}
			want := []store.Translation{{MessageID: msgID, Language: "en", Status: store.TranslationDone,
				Text: "Hello", Provider: "openai", Model: "m", Attempts: 1}}
			ignoreTimes := cmp.FilterPath(func(p cmp.Path) bool {
				n := p.Last().String()
				return n == ".CreatedAt" || n == ".UpdatedAt"
			}, cmp.Ignore())
			if diff := cmp.Diff(want, ts, ignoreTimes); diff != "" {
				t.Errorf("MessageTranslations mismatch (-want +got):\n%s", diff)
			}
			cts, err := db.ConversationTranslations(ctx, convID)
			if diff := cmp.Diff(want, cts, ignoreTimes); diff != "" || err != nil {
				t.Errorf("ConversationTranslations mismatch (err %v) (-want +got):\n%s", err, diff)
			}
		})
	}
}

func TestRecordWebhookDelivery(t *testing.T) {
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			for i, want := range []bool{true, false} {
				err := db.InTx(ctx, func(tx *store.Tx) error {
					fresh, err := tx.RecordWebhookDelivery(ctx, "chatwoot", "d-1")
					if fresh != want {
						t.Errorf("RecordWebhookDelivery call %d = %v, want %v", i, fresh, want)
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestConversationLanguageOf(t *testing.T) {
	ctx := context.Background()
	for engine, dsn := range storetest.DSNs(t) {
		t.Run(string(engine), func(t *testing.T) {
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.ConversationLanguageOf(ctx, "api", "lang"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("ConversationLanguageOf(missing) error = %v, want ErrNotFound", err)
			}
			var conv store.Conversation
			err = db.InTx(ctx, func(tx *store.Tx) error {
				if conv, err = tx.EnsureConversation(ctx, "api", "lang", "en", store.AuthorCustomer); err != nil {
					return err
				}
				return tx.SetCustomerLanguage(ctx, conv.ID, "uk", "detected", 0.93)
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.ConversationLanguageOf(ctx, "api", "lang")
			if err != nil {
				t.Fatal(err)
			}
			if got.CustomerLanguage != "uk" || got.LanguageSource != "detected" || got.LanguageConfidence != 0.93 ||
				got.CustomerLastAt == nil || !got.CustomerLastAt.Equal(*conv.CustomerLastAt) {
				t.Errorf("ConversationLanguageOf = %+v, want uk, detected, 0.93, customer last at %v", got, conv.CustomerLastAt)
			}
		})
	}
}

// InsertMessages writes every field, as InsertMessage does.
func TestInsertMessagesKeepsFields(t *testing.T) {
	ctx := context.Background()
	for engine, db := range storetest.Open(t) {
		t.Run(string(engine), func(t *testing.T) {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				conv, err := tx.EnsureConversation(ctx, "api", "batch-1", "en", store.AuthorCustomer)
				if err != nil {
					return err
				}
				want := []store.NewMessage{
					{ConversationID: conv.ID, Source: "api", ExternalID: "b1", Author: store.AuthorCustomer,
						Text: "spasibo", LocaleHint: "en-US", Language: "und", LanguageSource: "default", Romanized: "ru"},
					{ConversationID: conv.ID, Source: "api", ExternalID: "b2", Author: store.AuthorCustomer,
						Text: "merci", Language: "fr", LanguageConfidence: 0.9, LanguageSource: "detected"},
				}
				got, err := tx.InsertMessages(ctx, want)
				if err != nil {
					return err
				}
				if len(got) != len(want) {
					t.Fatalf("InsertMessages = %d messages, want %d", len(got), len(want))
				}
				for i, m := range got {
					w := want[i]
					back := store.NewMessage{ConversationID: m.ConversationID, Source: m.Source, ExternalID: m.ExternalID,
						Author: m.Author, Private: m.Private, Text: m.Text, LocaleHint: m.LocaleHint, Language: m.Language,
						LanguageConfidence: m.LanguageConfidence, LanguageSource: m.LanguageSource, Romanized: m.Romanized}
					if diff := cmp.Diff(w, back); diff != "" {
						t.Errorf("InsertMessages message %d (-want +got):\n%s", i, diff)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
