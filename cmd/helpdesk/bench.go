package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/bench"
	"helpdesk/internal/store"
)

// benchServer makes the server command of a benchmark run: this program's
// own serve command, replaced in tests.
type benchServer func(addr string) *exec.Cmd

// benchCmd measures the help desk under load and prints a Markdown report
// (see BENCHMARKS.md).
func benchCmd(server benchServer) func(ctx context.Context, e env, args []string) error {
	return func(ctx context.Context, e env, args []string) error {
		fs := flag.NewFlagSet("bench", flag.ContinueOnError)
		fs.SetOutput(e.stderr)
		dsn := fs.String("database", envOr(e.getenv, "HELPDESK_BENCH_DATABASE", "sqlite:data/bench-small.db"),
			"database to generate into or reuse: sqlite:PATH or postgres://… (HELPDESK_BENCH_DATABASE); never a real help desk")
		size := fs.String("size", "small", "data set: small (10,000 tickets), medium (100,000), large (1,000,000) or tiny (tests)")
		dur := fs.Duration("duration", 5*time.Second, "how long each operation runs over HTTP")
		step := fs.Duration("step", 5*time.Second, "how long each rate of the mixed load runs")
		conc := fs.Int("concurrency", 8, "concurrent clients of the closed-loop operations")
		rates := fs.String("rates", "", "comma-separated mixed-load rates to step through (default 50,100,200,…,3200)")
		procs := fs.Int("server-procs", 1, "GOMAXPROCS of the server; the client gets the other cores")
		only := fs.Bool("generate-only", false, "generate (or find) the data set and stop, without the load")
		opsList := fs.String("ops", "", "comma-separated operations to run, e.g. ticket_create,mixed (default all; ticket_create includes its fixed-rate run)")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return fmt.Errorf("bench: unexpected argument %q", fs.Arg(0))
		}
		sz, err := bench.SizeByName(*size)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		if *dur <= 0 || *dur > 10*time.Minute || *step <= 0 || *step > 10*time.Minute {
			return errors.New("bench: --duration and --step must be between 0 and 10m")
		}
		if *conc < 1 || *conc > 512 {
			return errors.New("bench: --concurrency must be between 1 and 512")
		}
		o := bench.Options{Database: *dsn, Size: sz, Duration: *dur, StepDuration: *step, Concurrency: *conc,
			ServerProcs: *procs, Server: server, Progress: e.stderr}
		for _, op := range strings.Split(*opsList, ",") {
			if op = strings.TrimSpace(op); op != "" {
				o.Ops = append(o.Ops, op)
			}
		}
		for _, r := range strings.Split(*rates, ",") {
			if r = strings.TrimSpace(r); r == "" {
				continue
			}
			v, err := strconv.ParseFloat(r, 64)
			if err != nil || v <= 0 || v > 20000 {
				return fmt.Errorf("bench: rate %q: a number of requests a second up to 20000", r)
			}
			o.Rates = append(o.Rates, v)
		}
		if *only {
			st, err := store.Open(ctx, *dsn)
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			defer st.Close()
			ds, err := bench.Generate(ctx, st, sz, 0, time.Now(), e.stderr)
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			if ds.Reused {
				fmt.Fprintf(e.stdout, "the %s data set is already in this database\n", sz.Name)
			} else {
				fmt.Fprintf(e.stdout, "generated the %s data set in %s\n", sz.Name, ds.Took.Round(time.Second))
			}
			return nil
		}
		rep, err := bench.Run(ctx, o)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		fmt.Fprint(e.stdout, rep.Markdown())
		return nil
	}
}
