// Package storetest opens real, empty databases for tests: a SQLite file
// in the test's temp folder, and a schema of its own on PostgreSQL when
// HELPDESK_TEST_POSTGRES_URL names a server.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

	"helpdesk/internal/store"
)

// PostgresEnv names the server the PostgreSQL half runs on, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const PostgresEnv = "HELPDESK_TEST_POSTGRES_URL"

// DB is one kind of database a test can run on.
type DB struct {
	Name    string // "sqlite" or "postgres"
	Dialect store.Dialect
}

var (
	SQLiteDB   = DB{Name: "sqlite", Dialect: store.SQLite}
	PostgresDB = DB{Name: "postgres", Dialect: store.Postgres}
)

// Each runs fn as a subtest once per database: SQLite always, PostgreSQL
// when PostgresEnv is set (skipped with a message otherwise). Subtests run
// in parallel with each other.
func Each(t *testing.T, fn func(t *testing.T, db DB)) {
	t.Helper()
	for _, db := range []DB{SQLiteDB, PostgresDB} {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, db)
		})
	}
}

// DSN returns the address of a fresh, empty database of this kind, dropped
// when the test ends. It skips the test when PostgreSQL is not configured.
func (db DB) DSN(t testing.TB) string {
	t.Helper()
	if db.Dialect == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "helpdesk.db")
	}
	return PostgresSchema(t)
}

// Open opens a fresh database of this kind, migrated, closed when the test
// ends.
func (db DB) Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), db.DSN(t))
	if err != nil {
		t.Fatalf("open %s: %v", db.Name, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// SQLite opens a fresh SQLite file in the test's temp folder.
func SQLite(t testing.TB) *store.Store { return SQLiteDB.Open(t) }

// PostgresSchema creates a schema of the test's own on the server named by
// PostgresEnv and returns a DSN whose search_path is that schema, so tests
// run in parallel without seeing each other. The schema is dropped when the
// test ends. Without PostgresEnv the test is skipped.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip("PostgreSQL half skipped: set " + PostgresEnv + " (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 8)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres at %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
