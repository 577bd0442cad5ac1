// Package storetest opens throwaway Parley databases for tests: a SQLite file
// always, and a PostgreSQL schema of its own when PARLEY_TEST_POSTGRES_URL is
// set.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/parleyhq/parley/gateway/store"
)

// PostgresEnv names the variable that turns on the PostgreSQL leg of tests.
const PostgresEnv = "PARLEY_TEST_POSTGRES_URL"

// DSNs returns one fresh database URL per available engine, keyed by engine
// name. Each PostgreSQL URL points at a new schema that is dropped when the
// test ends.
func DSNs(t testing.TB) map[store.Engine]string {
	t.Helper()
	dsns := map[store.Engine]string{
		store.SQLite: filepath.Join(t.TempDir(), "parley.db"),
	}
	if base := os.Getenv(PostgresEnv); base != "" {
		dsns[store.Postgres] = PostgresSchema(t, base)
	}
	return dsns
}

// PostgresSchema creates an empty schema in the database at base and returns
// a URL whose connections use it; the schema is dropped at the end of t.
func PostgresSchema(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", PostgresEnv, err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "parley_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens every available engine's fresh database and closes them at the
// end of t.
func Open(t testing.TB) map[store.Engine]*store.DB {
	t.Helper()
	dbs := make(map[store.Engine]*store.DB)
	for engine, dsn := range DSNs(t) {
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatalf("open %s: %v", engine, err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[engine] = db
	}
	return dbs
}
