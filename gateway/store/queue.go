package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
)

// QueueConfig configures the job queue.
type QueueConfig struct {
	// Workers holds the job workers. Workers may be added to it after
	// NewQueue and before Start.
	Workers *river.Workers
	// MaxWorkers is how many jobs run at once in this process.
	MaxWorkers int
	// JobTimeout bounds one run of one job.
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before another process
	// takes it over, for replicas that died mid-job (PostgreSQL). It must be
	// longer than JobTimeout.
	RescueAfter time.Duration
	// Logger receives River's logs.
	Logger *slog.Logger
}

// riverClient is the part of river.Client that does not depend on the
// driver's transaction type.
type riverClient interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func())
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	Queues() *river.QueueBundle
}

// Queue is the durable job queue (River) on the store's database. On
// PostgreSQL, every replica's queue shares the work.
type Queue struct {
	db         *DB
	client     riverClient
	insertMany func(ctx context.Context, tx *Tx, jobs []river.InsertManyParams) error
}

// NewQueue builds the queue on db. It does not work jobs until Start.
func NewQueue(db *DB, cfg QueueConfig) (*Queue, error) {
	if cfg.MaxWorkers <= 0 {
		cfg.MaxWorkers = 10
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 2 * time.Minute
	}
	if cfg.RescueAfter <= cfg.JobTimeout {
		cfg.RescueAfter = cfg.JobTimeout + 3*time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	rc := &river.Config{
		Logger:               cfg.Logger,
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.MaxWorkers}},
		Workers:              cfg.Workers,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		FetchCooldown:        20 * time.Millisecond,
		FetchPollInterval:    200 * time.Millisecond,
	}
	q := &Queue{db: db}
	var err error
	if db.engine == Postgres {
		var c *river.Client[pgx.Tx]
		c, err = river.NewClient(riverpgxv5.New(db.pool), rc)
		q.client = c
		// The plain insert is one statement; the fast one is COPY, which
		// takes three round trips and pays off only for hundreds of jobs.
		// Measured with bench/ingest: 4 ms instead of 7 ms for a lone
		// message.
		q.insertMany = func(ctx context.Context, tx *Tx, jobs []river.InsertManyParams) error {
			_, err := c.InsertManyTx(ctx, tx.pgxTx, jobs)
			return err
		}
	} else {
		var c *river.Client[*sql.Tx]
		c, err = river.NewClient(riversqlite.New(db.sqlDB), rc)
		q.client = c
		// The fast insert skips returning the job rows, which Parley does
		// not need; on SQLite that halves the cost of an insert.
		q.insertMany = func(ctx context.Context, tx *Tx, jobs []river.InsertManyParams) error {
			_, err := c.InsertManyFastTx(ctx, tx.sqlTx, jobs)
			return err
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: queue: %w", err)
	}
	return q, nil
}

// AddQueue adds a named queue with its own workers, so that slow jobs in it
// never hold up the jobs of the others. Call it before Start.
func (q *Queue) AddQueue(name string, workers int) error {
	if err := q.client.Queues().Add(name, river.QueueConfig{MaxWorkers: workers}); err != nil {
		return fmt.Errorf("store: add queue %s: %w", name, err)
	}
	return nil
}

// Start starts working jobs. On SQLite, where one process owns the file, jobs
// left running by a process that was killed are made available again first.
func (q *Queue) Start(ctx context.Context) error {
	if q.db.engine == SQLite {
		if _, err := q.db.q.exec(ctx, `UPDATE river_job SET state = 'available', scheduled_at = datetime('now', 'subsec')
			WHERE state = 'running'`); err != nil {
			return fmt.Errorf("store: queue: rescue orphaned jobs: %w", err)
		}
	}
	if err := q.client.Start(ctx); err != nil {
		return fmt.Errorf("store: queue: start: %w", err)
	}
	return nil
}

// Stop stops fetching new jobs and waits for running ones until ctx ends;
// then it cancels what is still running, which River hands back to the queue
// to be worked again.
func (q *Queue) Stop(ctx context.Context) error {
	err := q.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		err = q.client.StopAndCancel(cctx)
	}
	return err
}

// Subscribe delivers River's events of the given kinds (job completed,
// failed…) until the returned function is called.
func (q *Queue) Subscribe(kinds ...river.EventKind) (<-chan *river.Event, func()) {
	return q.client.Subscribe(kinds...)
}

// InTx runs fn in a transaction that can also enqueue jobs: the rows fn
// writes and the jobs it enqueues commit together or not at all.
func (q *Queue) InTx(ctx context.Context, fn func(*Tx) error) error {
	return q.db.inTx(ctx, q, fn)
}

// Enqueue adds a job to the transaction. The transaction's jobs are
// inserted together, in one statement, when it commits.
func (tx *Tx) Enqueue(_ context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	if tx.queue == nil {
		return ErrNoQueue
	}
	tx.jobs = append(tx.jobs, river.InsertManyParams{Args: args, InsertOpts: opts})
	return nil
}

// QueueCounts is how many jobs are in each state that still has work ahead.
type QueueCounts struct {
	Available, Scheduled, Retryable, Running int64
}

// Depth counts the jobs waiting or running.
func (q *Queue) Depth(ctx context.Context) (QueueCounts, error) {
	var c QueueCounts
	rs, err := q.db.r.query(ctx, `SELECT state, count(*) FROM river_job
		WHERE state IN ('available', 'scheduled', 'retryable', 'running') GROUP BY state`)
	if err != nil {
		return c, fmt.Errorf("store: queue depth: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var state string
		var n int64
		if err := rs.Scan(&state, &n); err != nil {
			return c, fmt.Errorf("store: queue depth: %w", err)
		}
		switch rivertype.JobState(state) {
		case rivertype.JobStateAvailable:
			c.Available = n
		case rivertype.JobStateScheduled:
			c.Scheduled = n
		case rivertype.JobStateRetryable:
			c.Retryable = n
		case rivertype.JobStateRunning:
			c.Running = n
		}
	}
	return c, rs.Err()
}

// ProcessJobCounts returns, per message id, the states of the
// process_message jobs that name it. Operators use it to audit the queue
// after an incident; tests use it to prove each message ran exactly once.
func (db *DB) ProcessJobCounts(ctx context.Context) (map[int64][]string, error) {
	// A job names one message (message_id) or several (message_ids).
	query := `SELECT CAST(json_extract(args, '$.message_id') AS INTEGER), state FROM river_job
		WHERE kind = 'process_message' AND json_extract(args, '$.message_id') IS NOT NULL
		UNION ALL
		SELECT CAST(e.value AS INTEGER), state FROM river_job, json_each(river_job.args, '$.message_ids') e
		WHERE kind = 'process_message'`
	if db.engine == Postgres {
		query = `SELECT (args->>'message_id')::bigint, state::text FROM river_job
			WHERE kind = 'process_message' AND args->>'message_id' IS NOT NULL
			UNION ALL
			SELECT e::bigint, state::text FROM river_job, jsonb_array_elements_text(args->'message_ids') e
			WHERE kind = 'process_message' AND args->'message_ids' IS NOT NULL`
	}
	rs, err := db.r.query(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: process jobs: %w", err)
	}
	defer rs.Close()
	out := map[int64][]string{}
	for rs.Next() {
		var id int64
		var state string
		if err := rs.Scan(&id, &state); err != nil {
			return nil, fmt.Errorf("store: process jobs: %w", err)
		}
		out[id] = append(out[id], state)
	}
	return out, rs.Err()
}
