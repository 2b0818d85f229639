package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// maxGroup bounds how many transactions share one SQLite commit.
const maxGroup = 64

// group runs the write transactions of a SQLite store in groups: SQLite
// has one writer and each commit waits for its fsync (synchronous=FULL),
// so the transactions that queue up while one group commits run next,
// back to back in one transaction, each in a savepoint of its own, and
// share one commit. Each caller hears of its own fn's error only, and a
// caller whose fn succeeded returns once the commit made it durable.
type group struct {
	mu      sync.Mutex
	queue   []*groupTx
	leading bool // a goroutine is running groups
}

type groupTx struct {
	ctx   context.Context
	fn    func(q *Q) error
	err   error
	panic any // fn panicked: re-raised in the caller's goroutine
	done  chan struct{}
}

// groupTx runs fn in the next group and waits for its commit.
func (s *Store) groupTx(ctx context.Context, fn func(q *Q) error) error {
	g := &groupTx{ctx: ctx, fn: fn, done: make(chan struct{})}
	s.group.mu.Lock()
	s.group.queue = append(s.group.queue, g)
	lead := !s.group.leading
	s.group.leading = true
	s.group.mu.Unlock()
	if lead {
		s.lead()
	}
	<-g.done
	if g.panic != nil {
		panic(g.panic)
	}
	return g.err
}

// lead runs one group, then hands the queue to a new goroutine, so the
// caller that led is not kept waiting for other people's groups.
func (s *Store) lead() {
	// Let the goroutines ready to run reach the queue first: with one
	// processor (GOMAXPROCS=1) the leader would otherwise run and commit
	// alone, the fsync holding the processor, and no group would form.
	runtime.Gosched()
	s.group.mu.Lock()
	n := min(len(s.group.queue), maxGroup)
	batch := s.group.queue[:n:n]
	s.group.queue = s.group.queue[n:]
	if len(s.group.queue) == 0 {
		s.group.queue = nil
	}
	s.group.mu.Unlock()
	s.runGroup(batch)
	for _, g := range batch {
		close(g.done)
	}
	s.group.mu.Lock()
	defer s.group.mu.Unlock()
	if len(s.group.queue) == 0 {
		s.group.leading = false
		return
	}
	go s.lead()
}

// runGroup runs a group in one transaction. A fn that fails is rolled
// back to its savepoint; if the transaction itself fails, every fn of the
// group fails with it.
func (s *Store) runGroup(batch []*groupTx) {
	// One caller giving up must not roll back the others' work.
	ctx := context.WithoutCancel(batch[0].ctx)
	defer s.writeStmts.preparePending(ctx)
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		for _, g := range batch {
			g.err = err
		}
		return
	}
	q := &Q{d: s.dialect, db: tx, tx: tx, stmts: s.writeStmts}
	if len(batch) == 1 { // alone: no savepoint needed
		g := batch[0]
		if g.err = g.ctx.Err(); g.err == nil {
			g.panic, g.err = call(g.fn, q)
		}
		if g.err != nil || g.panic != nil {
			g.err = errors.Join(g.err, ignoreDone(tx.Rollback()))
		} else {
			g.err = tx.Commit()
		}
		return
	}
	fail := func(err error) {
		tx.Rollback()
		for _, g := range batch {
			if g.err == nil && g.panic == nil {
				g.err = err
			}
		}
	}
	for _, g := range batch {
		if g.err = g.ctx.Err(); g.err != nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT tx`); err != nil {
			fail(err)
			return
		}
		g.panic, g.err = call(g.fn, q)
		if g.err != nil || g.panic != nil {
			if _, err := tx.ExecContext(ctx, `ROLLBACK TO tx`); err != nil {
				fail(fmt.Errorf("the transaction ended with another's error: %w", err))
				return
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE tx`); err != nil {
			fail(err)
			return
		}
	}
	if err := tx.Commit(); err != nil {
		fail(err)
	}
}

// call runs fn, catching a panic.
func call(fn func(q *Q) error, q *Q) (p any, err error) {
	defer func() {
		if v := recover(); v != nil {
			p = v
		}
	}()
	return nil, fn(q)
}
