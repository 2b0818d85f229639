package main

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/seed"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// migrate-data copies the demo from a SQLite file into a new database of
// each kind, prints every table's count and checksum, and refuses to copy
// into a database that holds data.
func TestMigrateData(t *testing.T) {
	ctx := context.Background()
	src := "sqlite:" + filepath.Join(t.TempDir(), "origen.db")
	st, err := store.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Demo(ctx, st, time.Now(), bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	want, err := st.Checksums(ctx)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	noEnv := func(string) string { return "" }
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		dst := db.DSN(t)
		var out, errOut bytes.Buffer
		if err := run(ctx, []string{"migrate-data", "--from", src, "--to", dst}, noEnv, &out, &errOut); err != nil {
			t.Fatalf("migrate-data: %v\n%s", err, errOut.String())
		}
		for _, s := range want {
			if !strings.Contains(out.String(), s.Checksum[:16]) {
				t.Errorf("output lacks table %s's checksum %.16s:\n%s", s.Table, s.Checksum, out.String())
			}
		}
		if !strings.Contains(out.String(), "checksum match") {
			t.Errorf("output: %s", out.String())
		}
		target, err := store.Open(ctx, dst)
		if err != nil {
			t.Fatal(err)
		}
		defer target.Close()
		if got, err := target.Checksums(ctx); err != nil || !slices.Equal(got, want) {
			t.Errorf("target %v, want %v (%v)", got, want, err)
		}

		out.Reset()
		err = run(ctx, []string{"migrate-data", "--from", src, "--to", dst}, noEnv, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), "not empty") || !strings.Contains(err.Error(), "helpdesk migrate --database") {
			t.Errorf("second copy: %v", err)
		}
	})
}

func TestMigrateDataArguments(t *testing.T) {
	noEnv := func(string) string { return "" }
	missing := "sqlite:" + filepath.Join(t.TempDir(), "no-existe.db")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no target", []string{"migrate-data", "--from", missing}, "--from and --to are both required"},
		{"no source", []string{"migrate-data", "--to", missing}, "--from and --to are both required"},
		{"same", []string{"migrate-data", "--from", missing, "--to", missing}, "the same database"},
		{"missing file", []string{"migrate-data", "--from", missing, "--to", "sqlite:" + filepath.Join(t.TempDir(), "x.db")}, "does not exist"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, noEnv, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.wantErr)
		}
	}
}
