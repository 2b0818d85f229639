package store_test

import (
	"testing"

	"helpdesk/internal/store"
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
