package main

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/storetest"
)

// TestMain lets the test binary stand in for the helpdesk binary: the
// benchmark starts its server as `<this program> serve …`.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestBench runs the whole benchmark at the tiny size: every operation
// must have run with no errors, and a second run reuses the data.
func TestBench(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		dsn := db.DSN(t)
		args := []string{"bench", "--database", dsn, "--size", "tiny", "--duration", "150ms", "--step", "150ms",
			"--rates", "20,40", "--concurrency", "4"}
		var out, log bytes.Buffer
		if err := run(context.Background(), args, func(string) string { return "" }, &out, &log); err != nil {
			t.Fatalf("bench: %v\n%s", err, log.String())
		}
		report := out.String()
		rows := map[string][]string{}
		for _, line := range strings.Split(report, "\n") {
			if cells := strings.Split(line, "|"); len(cells) > 3 && strings.HasPrefix(line, "| ") {
				for i := range cells {
					cells[i] = strings.TrimSpace(cells[i])
				}
				rows[cells[1]] = cells[1 : len(cells)-1]
			}
		}
		for _, op := range []string{"faq_suggest", "ticket_create", "customer_open_list", "staff_queue_first",
			"staff_queue_deep", "ticket_view", "reply", "pages", "ticket_create @ 500/s", "20"} {
			r, ok := rows[op]
			if !ok {
				t.Errorf("no row for %s in\n%s", op, report)
				continue
			}
			count, col := r[1], 7 // requests and errors of an operation
			if op == "20" {
				count = r[1] // done of the first mixed-load step (a step missing its targets ends the steps)
			}
			if n, err := strconv.Atoi(count); err != nil || n == 0 {
				t.Errorf("%s: count %q, want some", op, count)
			}
			if r[col] != "0" {
				t.Errorf("%s: errors %q, want 0\n%s", op, r[col], report)
			}
		}
		if r := rows["staff_search"]; len(r) < 2 || !strings.HasPrefix(r[1], "not available") && r[7] != "0" {
			t.Errorf("staff_search: %q", r)
		}
		for _, want := range []string{"idle RSS of the server", "peak RSS of the server", "start to first 200",
			"database per ticket beyond its text", "Data set generated through the store"} {
			if !strings.Contains(report, want) {
				t.Errorf("report lacks %q:\n%s", want, report)
			}
		}
		out.Reset()
		log.Reset()
		again := []string{"bench", "--database", dsn, "--size", "tiny", "--duration", "50ms", "--step", "50ms", "--rates", "20"}
		if err := run(context.Background(), again, func(string) string { return "" }, &out, &log); err != nil {
			t.Fatalf("second bench: %v\n%s", err, log.String())
		}
		if !strings.Contains(log.String(), "reusing the tiny data set") || !strings.Contains(out.String(), "reused") {
			t.Errorf("second run did not reuse the data:\n%s", log.String())
		}
	})
}

// TestBenchRefuses checks that a benchmark never writes into a help desk
// with data of its own, nor into one holding another size, and that bad
// flags say what is wrong.
func TestBenchRefuses(t *testing.T) {
	ctx := context.Background()
	demoDB := storetest.SQLiteDB.DSN(t)
	a, err := app.New(ctx, config.Config{Database: demoDB, Demo: true}, app.Options{PasswordCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"real data", []string{"--database", demoDB, "--size", "tiny"}, "already has data of its own"},
		{"unknown size", []string{"--size", "enorme"}, `unknown size "enorme"`},
		{"bad rate", []string{"--size", "tiny", "--rates", "10,mucho"}, `rate "mucho"`},
		{"bad concurrency", []string{"--concurrency", "0"}, "--concurrency must be"},
		{"extra argument", []string{"tiny"}, `unexpected argument "tiny"`},
		{"generate into real data", []string{"--database", demoDB, "--size", "tiny", "--generate-only"}, "already has data of its own"},
	}
	for _, tt := range tests {
		var out, log bytes.Buffer
		err := run(ctx, append([]string{"bench"}, tt.args...), func(string) string { return "" }, &out, &log)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
		}
	}
	// Generating alone, twice: the second time finds the data.
	dsn := storetest.SQLiteDB.DSN(t)
	for _, want := range []string{"generated the tiny data set", "already in this database"} {
		var out, log bytes.Buffer
		err := run(ctx, []string{"bench", "--database", dsn, "--size", "tiny", "--generate-only"}, func(string) string { return "" }, &out, &log)
		if err != nil || !strings.Contains(out.String(), want) {
			t.Errorf("generate only: %v %q, want %q", err, out.String(), want)
		}
	}
}
