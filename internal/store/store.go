// Package store keeps the help desk in SQLite or PostgreSQL. SQL is written
// once with $n placeholders; rebind turns them into SQLite's ?n in one place.
// The store knows nothing of HTTP, language or mail.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect names a supported database.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the database: a writer and a read pool (the same pool on
// PostgreSQL; one connection writes on SQLite, which allows one writer).
type Store struct {
	dialect Dialect
	write   *sql.DB
	read    *sql.DB
	dsn     string // the SQLite connection string, for backups
	// Prepared statements of each pool (SQLite only; nil on PostgreSQL).
	writeStmts, readStmts *stmtCache
	faqs                  faqCache // this process's copy of the FAQ terms
	group                 group    // SQLite's write transactions, run in groups
}

// Open connects to the database named by a DSN such as
// "sqlite:data/helpdesk.db" or "postgres://user@host/db", creating the
// SQLite file's folder when needed, and runs the migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var s *Store
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		s, err = openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s, err = openPostgres(dsn)
	default:
		return nil, fmt.Errorf("unknown database %q: use sqlite:PATH or postgres://…", dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openSQLite(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty path")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	// busy_timeout first so every later pragma waits instead of failing.
	base := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)"
	// The writer's statement journals (of each savepoint, see group.go)
	// stay in memory rather than in temporary files.
	write, err := sql.Open("sqlite", base+"&_txlock=immediate&_pragma=temp_store(MEMORY)")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	return &Store{dialect: SQLite, write: write, read: read, dsn: base,
		writeStmts: newStmtCache(write), readStmts: newStmtCache(read)}, nil
}

func openPostgres(dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(20)
	return &Store{dialect: Postgres, write: db, read: db}, nil
}

// Dialect reports which database is in use.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// Close releases every connection.
func (s *Store) Close() error {
	if s.writeStmts != nil {
		s.writeStmts.close()
		s.readStmts.close()
	}
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// rebind rewrites $n placeholders for SQLite. SQLite would accept $1 but
// numbers such names by first appearance, which can swap arguments; ?n is
// positional.
func rebind(d Dialect, q string) string {
	if d != SQLite {
		return q
	}
	return strings.ReplaceAll(q, "$", "?")
}
