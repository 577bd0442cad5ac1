package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations
var migrationsFS embed.FS

// migrationLockKey is the PostgreSQL advisory lock that keeps replicas
// starting at the same moment from migrating at the same time.
const migrationLockKey = 7_216_842_531

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the engine's embedded migrations in version order.
func migrations(engine Engine) ([]migration, error) {
	dir := path.Join("migrations", string(engine))
	entries, err := fs.ReadDir(migrationsFS, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s: name must be NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(migrationsFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: version, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies River's migrations and then Parley's, each of Parley's in
// its own transaction. Applied migrations are never edited; a change is a new
// numbered file.
func (db *DB) migrate(ctx context.Context) error {
	if db.engine == Postgres {
		conn, err := db.pool.Acquire(ctx)
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLockKey); err != nil {
			return fmt.Errorf("store: migrate: lock: %w", err)
		}
		defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLockKey) //nolint:errcheck
	}
	if err := db.migrateRiver(ctx); err != nil {
		return err
	}
	if _, err := db.q.exec(ctx, `CREATE TABLE IF NOT EXISTS parley_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	ms, err := migrations(db.engine)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, m := range ms {
		err := db.InTx(ctx, func(tx *Tx) error {
			var n int
			if err := tx.q.queryRow(ctx, `SELECT count(*) FROM parley_migrations WHERE version = $1`, m.version).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := tx.q.exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.q.exec(ctx, `INSERT INTO parley_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				m.version, m.name, tx.now.Format("2006-01-02T15:04:05Z07:00"))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	return nil
}

func (db *DB) migrateRiver(ctx context.Context) error {
	var err error
	if db.engine == Postgres {
		err = migrateUp(ctx, riverpgxv5.New(db.pool))
	} else {
		err = migrateUp(ctx, riversqlite.New(db.sqlDB))
	}
	if err != nil {
		return fmt.Errorf("store: migrate queue: %w", err)
	}
	return nil
}

func migrateUp[TTx any](ctx context.Context, driver riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: quietLogger()})
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// quietLogger drops River's migration chatter; failures come back as errors.
func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
