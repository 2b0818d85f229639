package store

import (
	"context"
	"database/sql/driver"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"helpdesk/internal/model"
)

var errNotFound = model.ErrNotFound

//go:embed migrations
var migrations embed.FS

// Migration is one numbered SQL file of a dialect.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists a dialect's migrations in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := "migrations/" + string(d)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrations, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// migrate applies the migrations not yet recorded, each in a transaction.
func (s *Store) migrate(ctx context.Context) error {
	// Processes that start together on one PostgreSQL database take
	// turns: the first applies the migrations, the others then find them
	// applied (two CREATE TABLEs at once would fail one of them).
	return s.Exclusive(ctx, "migrations", func() error { return s.applyMigrations(ctx) })
}

func (s *Store) applyMigrations(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx,
		`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	list, err := Migrations(s.dialect)
	if err != nil {
		return err
	}
	for _, m := range list {
		err := s.Tx(ctx, func(q *Q) error {
			var n int
			if err := q.row(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.Version).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := q.db.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := q.exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, m.Version)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// Exclusive runs fn while no other process runs fn under the same name on
// this database: on PostgreSQL it holds an advisory lock (per name and
// schema) meanwhile. On SQLite, which one process serves, it just runs fn.
// Processes that start together use it for one-time work such as loading
// the demo.
func (s *Store) Exclusive(ctx context.Context, name string, fn func() error) error {
	if s.dialect != Postgres {
		return fn()
	}
	unlock, err := s.advisoryLock(ctx, name)
	if err != nil {
		return err
	}
	defer unlock()
	return fn()
}

// advisoryLock takes a PostgreSQL session lock keyed by name and schema,
// held by one connection of the pool until unlock.
func (s *Store) advisoryLock(ctx context.Context, name string) (unlock func(), err error) {
	const key = `hashtext('helpdesk ' || $1 || ' ' || COALESCE(current_schema(), ''))`
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`, name); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	return func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`, name); err != nil {
			// Never hand a connection still holding the lock back to the
			// pool: a bad connection is closed, and the lock with it.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}
