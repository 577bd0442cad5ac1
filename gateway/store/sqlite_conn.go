package store

import (
	"context"
	"database/sql/driver"
	"sync"

	"modernc.org/sqlite"
)

// maxCachedStmts bounds the prepared statements kept per connection.
const maxCachedStmts = 512

// sqliteConnector opens modernc SQLite connections that keep their prepared
// statements. modernc prepares every ad-hoc query afresh, and parsing
// dominated the cost of accepting a message: River's job completion alone is
// a statement whose parse took milliseconds. Reusing the prepared statement
// skips the parse.
type sqliteConnector struct {
	dsn    string
	driver *sqlite.Driver
}

func (c *sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.driver.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{inner: conn.(innerConn), stmts: map[string]*cachedStmt{}}, nil
}

func (c *sqliteConnector) Driver() driver.Driver { return c.driver }

// innerConn is what the gateway needs of a modernc connection.
type innerConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachingConn hands out cached statements. It deliberately does not
// implement ExecerContext or QueryerContext, so that database/sql prepares
// every query through PrepareContext, where the cache sits.
type cachingConn struct {
	inner innerConn
	mu    sync.Mutex
	stmts map[string]*cachedStmt
}

// cachedStmt is a prepared statement that outlives its Close: Close returns
// it to the cache. busy keeps one statement from serving two open result
// sets at once.
type cachedStmt struct {
	driver.Stmt
	conn  *cachingConn
	query string
	busy  bool
}

func (s *cachedStmt) Close() error {
	s.conn.mu.Lock()
	s.busy = false
	s.conn.mu.Unlock()
	return nil
}

// ExecContext and QueryContext pass through to modernc's statement.
func (s *cachedStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *cachedStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	c.mu.Lock()
	if s, ok := c.stmts[query]; ok && !s.busy {
		s.busy = true
		c.mu.Unlock()
		return s, nil
	}
	_, inUse := c.stmts[query]
	full := len(c.stmts) >= maxCachedStmts
	c.mu.Unlock()
	st, err := c.inner.PrepareContext(ctx, query)
	if err != nil || inUse || full {
		return st, err
	}
	s := &cachedStmt{Stmt: st, conn: c, query: query, busy: true}
	c.mu.Lock()
	c.stmts[query] = s
	c.mu.Unlock()
	return s, nil
}

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *cachingConn) Close() error {
	c.mu.Lock()
	for _, s := range c.stmts {
		_ = s.Stmt.Close()
	}
	c.stmts = nil
	c.mu.Unlock()
	return c.inner.Close()
}

func (c *cachingConn) Begin() (driver.Tx, error) { return c.inner.Begin() } //nolint:staticcheck // required by driver.Conn

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner.BeginTx(ctx, opts)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.inner.Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error { return c.inner.ResetSession(ctx) }

func (c *cachingConn) IsValid() bool { return c.inner.IsValid() }
