// Package store keeps Parley's conversations, messages, translations and
// outbound deliveries, on SQLite (embedded, the default) or PostgreSQL, and
// owns the durable job queue that runs on the same database.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"modernc.org/sqlite"
)

// Errors returned by the store.
var (
	ErrNotFound = errors.New("store: not found")
	ErrNoQueue  = errors.New("store: transaction has no queue")
)

// Engine names the database behind a DB.
type Engine string

// The supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open Parley database. It is safe for concurrent use.
type DB struct {
	engine Engine
	sqlDB  *sql.DB       // SQLite's writer
	readDB *sql.DB       // SQLite's readers
	pool   *pgxpool.Pool // PostgreSQL
	q      querier       // for statements outside a transaction
	r      querier       // for reads outside a transaction
	now    func() time.Time
}

// Open opens the database named by dsn and brings its schema, River's
// included, up to date. A dsn starting with postgres:// or postgresql://
// selects PostgreSQL; anything else is a SQLite file path (optionally
// prefixed with sqlite: or written as a file: URI).
func Open(ctx context.Context, dsn string) (*DB, error) {
	engine, target, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db := &DB{engine: engine, now: time.Now}
	switch engine {
	case Postgres:
		pool, err := pgxpool.New(ctx, target)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		db.pool, db.q, db.r = pool, pgxQuerier{pool}, pgxQuerier{pool}
	default:
		sqlDB := sql.OpenDB(&sqliteConnector{dsn: target, driver: &sqlite.Driver{}})
		// SQLite takes one writer at a time; one connection serializes
		// Parley's statements and River's instead of failing them with
		// SQLITE_BUSY.
		sqlDB.SetMaxOpenConns(1)
		// In WAL mode readers do not block the writer nor each other:
		// reads outside transactions get connections of their own, so
		// that they run beside the writer instead of queueing for it.
		readDB := sql.OpenDB(&sqliteConnector{dsn: target + "&_pragma=query_only(1)", driver: &sqlite.Driver{}})
		readDB.SetMaxOpenConns(readers)
		readDB.SetMaxIdleConns(readers)
		db.sqlDB, db.readDB, db.q, db.r = sqlDB, readDB, sqlQuerier{sqlDB}, sqlQuerier{readDB}
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// readers is how many SQLite connections serve reads at once.
const readers = 4

// defaultPoolSize is the PostgreSQL connections per process unless the URL
// sets pool_max_conns.
const defaultPoolSize = 24

// ParseDSN tells which engine dsn selects and returns the connection string
// for that engine's driver. SQLite files get WAL, foreign keys, a busy
// timeout and synchronous=NORMAL unless the DSN sets them itself.
func ParseDSN(dsn string) (Engine, string, error) {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return "", "", errors.New("store: empty database URL")
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if _, err := pgx.ParseConfig(dsn); err != nil {
			return "", "", fmt.Errorf("store: bad postgres URL: %w", err)
		}
		// pgxpool defaults to four connections on a small machine; a
		// commit waits on the disk, so more of them in flight is what
		// lets PostgreSQL group commits under load.
		if !strings.Contains(dsn, "pool_max_conns=") {
			sep := "?"
			if strings.Contains(dsn, "?") {
				sep = "&"
			}
			dsn += sep + "pool_max_conns=" + strconv.Itoa(defaultPoolSize)
		}
		return Postgres, dsn, nil
	}
	path, query := strings.TrimPrefix(dsn, "sqlite:"), ""
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path, query = path[:i], path[i+1:]
	}
	if path == "" {
		return "", "", errors.New("store: empty SQLite path")
	}
	params, err := url.ParseQuery(query)
	if err != nil {
		return "", "", fmt.Errorf("store: bad SQLite parameters %q: %w", query, err)
	}
	pragmas := strings.Join(params["_pragma"], " ")
	for _, p := range []struct{ name, value string }{
		{"journal_mode", "journal_mode(WAL)"},
		{"foreign_keys", "foreign_keys(1)"},
		{"busy_timeout", "busy_timeout(10000)"},
		{"synchronous", "synchronous(NORMAL)"},
	} {
		if !strings.Contains(pragmas, p.name) {
			params.Add("_pragma", p.value)
		}
	}
	if params.Get("_time_format") == "" {
		params.Set("_time_format", "sqlite")
	}
	return SQLite, "file:" + path + "?" + params.Encode(), nil
}

// Engine reports which database the DB runs on.
func (db *DB) Engine() Engine { return db.engine }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.q.queryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("store: ping %s: %w", db.engine, err)
	}
	return nil
}

// Close closes the database. Stop the queue first.
func (db *DB) Close() error {
	if db.pool != nil {
		db.pool.Close()
		return nil
	}
	if db.sqlDB != nil {
		return errors.Join(db.readDB.Close(), db.sqlDB.Close())
	}
	return nil
}

// Tx is one database transaction. It may carry the queue, so that jobs are
// inserted atomically with the rows they process.
type Tx struct {
	q     querier
	sqlTx *sql.Tx
	pgxTx pgx.Tx
	queue *Queue
	now   time.Time
	// jobs are the jobs enqueued so far; they are inserted in one
	// statement just before the commit.
	jobs []river.InsertManyParams
}

// InTx runs fn in a transaction that commits when fn returns nil and rolls
// back otherwise. The transaction cannot enqueue jobs; see Queue.InTx.
func (db *DB) InTx(ctx context.Context, fn func(*Tx) error) error {
	return db.inTx(ctx, nil, fn)
}

func (db *DB) inTx(ctx context.Context, queue *Queue, fn func(*Tx) error) (err error) {
	tx := &Tx{queue: queue, now: db.now().UTC()}
	var commit func() error
	var rollback func()
	switch db.engine {
	case Postgres:
		pgxTx, err := db.pool.Begin(ctx)
		if err != nil {
			return fmt.Errorf("store: begin: %w", err)
		}
		tx.pgxTx, tx.q = pgxTx, pgxQuerier{pgxTx}
		commit = func() error { return pgxTx.Commit(ctx) }
		rollback = func() { _ = pgxTx.Rollback(context.WithoutCancel(ctx)) }
	default:
		sqlTx, err := db.sqlDB.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("store: begin: %w", err)
		}
		tx.sqlTx, tx.q = sqlTx, sqlQuerier{sqlTx}
		commit = sqlTx.Commit
		rollback = func() { _ = sqlTx.Rollback() }
	}
	defer func() {
		if p := recover(); p != nil {
			rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		rollback()
		return err
	}
	if len(tx.jobs) > 0 {
		if err := tx.queue.insertMany(ctx, tx, tx.jobs); err != nil {
			rollback()
			return fmt.Errorf("store: enqueue %d jobs: %w", len(tx.jobs), err)
		}
	}
	if err := commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Savepoint marks a point in the transaction that RollbackTo returns to, so
// that one part of a transaction can fail without the rest.
type Savepoint struct {
	name string
	jobs int
}

// Savepoint sets a savepoint named name.
func (tx *Tx) Savepoint(ctx context.Context, name string) (Savepoint, error) {
	if _, err := tx.q.exec(ctx, "SAVEPOINT "+name); err != nil {
		return Savepoint{}, fmt.Errorf("store: savepoint: %w", err)
	}
	return Savepoint{name: name, jobs: len(tx.jobs)}, nil
}

// RollbackTo undoes everything since sp, jobs enqueued since included.
func (tx *Tx) RollbackTo(ctx context.Context, sp Savepoint) error {
	if _, err := tx.q.exec(ctx, "ROLLBACK TO SAVEPOINT "+sp.name); err != nil {
		return fmt.Errorf("store: roll back to savepoint: %w", err)
	}
	tx.jobs = tx.jobs[:sp.jobs]
	return tx.Release(ctx, sp)
}

// Release keeps what was done since sp and forgets the savepoint.
func (tx *Tx) Release(ctx context.Context, sp Savepoint) error {
	if _, err := tx.q.exec(ctx, "RELEASE SAVEPOINT "+sp.name); err != nil {
		return fmt.Errorf("store: release savepoint: %w", err)
	}
	return nil
}
