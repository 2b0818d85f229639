package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxStmts bounds each cache: queries are built from a fixed set of
// pieces, so a few hundred cover them all; others run unprepared.
const maxStmts = 512

// stmtCache keeps prepared statements of one pool by query text, so
// SQLite parses and plans each query once per connection instead of on
// every call (a fifth of the CPU of a short request). PostgreSQL's driver
// caches statements per connection itself.
type stmtCache struct {
	db      *sql.DB
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool // seen inside a transaction, prepared after it
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[query]
}

// prepare returns the statement of a query, preparing it on the pool
// when it is new. Never call it while holding the pool's last connection
// (inside a transaction on the single SQLite writer): use later.
func (c *stmtCache) prepare(ctx context.Context, query string) *sql.Stmt {
	if st := c.get(query); st != nil {
		return st
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the query runs unprepared and reports its own error
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.m[query]; old != nil || len(c.m) >= maxStmts {
		st.Close()
		return old
	}
	c.m[query] = st
	return st
}

// later remembers a query to prepare once the transaction has ended.
func (c *stmtCache) later(query string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending)+len(c.m) < maxStmts {
		c.pending[query] = true
	}
}

// preparePending prepares the queries first seen inside a transaction.
func (c *stmtCache) preparePending(ctx context.Context) {
	c.mu.Lock()
	var qs []string
	for q := range c.pending {
		qs = append(qs, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range qs {
		c.prepare(ctx, q)
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	clear(c.m)
}
