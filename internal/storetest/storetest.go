// Package storetest opens real, empty databases for tests.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"helpdesk/internal/store"
)

// SQLite opens a fresh SQLite file in the test's temp folder, migrated,
// closed when the test ends.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "helpdesk.db"))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
