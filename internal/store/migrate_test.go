package store_test

import (
	"context"
	"sync"
	"testing"

	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// Both dialects have the same migrations, so a database moves between
// them at any version.
func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations(store.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: sqlite %s, postgres %s", i, lite[i].Name, pg[i].Name)
		}
		if i > 0 && lite[i].Version == lite[i-1].Version {
			t.Errorf("version %d used twice", lite[i].Version)
		}
	}
}

// Processes started together on a new PostgreSQL database (several
// replicas of one deployment) all come up: one runs the migrations, the
// others wait for it and find them done.
func TestMigrationsFromSeveralProcessesAtOnce(t *testing.T) {
	dsn := storetest.PostgresSchema(t)
	ctx := context.Background()
	const n = 4
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			// A store per goroutine is what a process has: its own pool.
			st, err := store.Open(ctx, dsn)
			if err == nil {
				st.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("open at once: %v", err)
		}
	}
}
