// Command helpdesk runs the help desk: `helpdesk serve --demo`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"helpdesk/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "helpdesk:", err)
		if errors.Is(err, errOldVersion) {
			os.Exit(3)
		}
		os.Exit(1)
	}
}

// command is one subcommand: its flags are parsed by the command itself.
type command struct {
	name, usage string
	run         func(ctx context.Context, e env, args []string) error
}

// env is what a command may use of the process.
type env struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	log            *slog.Logger
}

func commands() []command {
	return []command{
		{"serve", "run the help desk (--addr, --database, --demo)", serve},
		{"migrate", "create or update the database schema and exit (--database)", migrate},
		{"backup", "copy a SQLite help desk to a new file while it runs (--database, --to)", backup},
		{"migrate-data", "copy a whole help desk into a new, empty database, e.g. SQLite to PostgreSQL (--from, --to)", migrateData},
		{"bench", "measure the help desk under load on generated data; Markdown report (--database, --size)",
			benchCmd(bench.SelfServer)},
		{"integration-key", "create|list|revoke keys for the desktop program (--database, --nit, --name, --id)",
			func(ctx context.Context, e env, args []string) error {
				return integrationKey(ctx, args, e.getenv, e.stdout, e.stderr)
			}},
		{"launch", "mint a link into the portal as the desktop program does (--server, --key, --email, --version, …)",
			func(ctx context.Context, e env, args []string) error {
				return launch(ctx, args, e.getenv, e.stdout, e.stderr)
			}},
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, "usage: helpdesk <command> [flags]\n\ncommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprint(w, "\n`helpdesk <command> -h` lists a command's flags.\n")
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return fmt.Errorf("no command given")
	}
	e := env{getenv: getenv, stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, nil))}
	switch args[0] {
	case "help", "-h", "--help":
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}
