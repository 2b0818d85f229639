package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// execer is what *sql.DB and *sql.Tx share.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Q runs queries, inside a transaction or on the read pool.
type Q struct {
	d     Dialect
	db    execer
	tx    *sql.Tx    // the transaction, when in one
	stmts *stmtCache // prepared statements of the pool, when kept
	// queued counts the work this Q has queued for the job runner (jobs,
	// tickets to index, webhook deliveries), so that the caller wakes the
	// runner only when there is something to do.
	queued int
}

// Queued is how many jobs, tickets to index and webhook deliveries were
// queued through q so far.
func (q *Q) Queued() int { return q.queued }

// Read returns a Q on the read pool, for queries outside a transaction.
func (s *Store) Read() *Q { return &Q{d: s.dialect, db: s.read, stmts: s.readStmts} }

// Tx runs fn in one write transaction, committed if fn returns nil. On
// SQLite, transactions that wait for the writer share a commit (group.go).
func (s *Store) Tx(ctx context.Context, fn func(q *Q) error) error {
	if s.dialect == SQLite {
		return s.groupTx(ctx, fn)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { // a panicking fn must not keep its connection
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
	}()
	err = fn(&Q{d: s.dialect, db: tx, tx: tx, stmts: s.writeStmts})
	if err != nil {
		err = errors.Join(err, ignoreDone(tx.Rollback()))
	} else {
		err = tx.Commit()
	}
	if s.writeStmts != nil {
		s.writeStmts.preparePending(context.WithoutCancel(ctx))
	}
	return err
}

func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

// stmt returns the prepared statement of a query, or nil to run it as
// text. Inside a transaction a statement new to the cache is prepared
// after the transaction: SQLite's writer has one connection, which the
// transaction holds.
func (q *Q) stmt(ctx context.Context, query string) *sql.Stmt {
	if q.stmts == nil {
		return nil
	}
	if q.tx == nil {
		return q.stmts.prepare(ctx, query)
	}
	st := q.stmts.get(query)
	if st == nil {
		q.stmts.later(query)
		return nil
	}
	return q.tx.StmtContext(ctx, st)
}

func (q *Q) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query = rebind(q.d, query)
	if st := q.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return q.db.ExecContext(ctx, query, args...)
}

func (q *Q) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = rebind(q.d, query)
	if st := q.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return q.db.QueryContext(ctx, query, args...)
}

func (q *Q) row(ctx context.Context, query string, args ...any) *sql.Row {
	query = rebind(q.d, query)
	if st := q.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return q.db.QueryRowContext(ctx, query, args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (q *Q) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := q.row(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// ms converts a time to stored Unix milliseconds; the zero time is NULL.
func ms(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromMS converts stored milliseconds back to a UTC time.
func fromMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// notFound maps sql.ErrNoRows to model.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errNotFound
	}
	return err
}
