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

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/seed"
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

const usage = `usage: helpdesk <command> [flags]

commands:
  serve    run the help desk (--addr, --database, --demo)
  migrate  create or update the database schema and exit (--database)
  integration-key create|list|revoke
           keys for the desktop program (--database, --nit, --name, --id)
  launch   mint a link into the portal as the desktop program does
           (--server, --key, --email, --version, --module, --error-code, …)
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	switch args[0] {
	case "serve":
		cfg, err := config.Parse("serve", args[1:], getenv, stderr)
		if err != nil {
			return err
		}
		a, err := app.New(ctx, cfg, app.Options{Logger: log})
		if err != nil {
			return err
		}
		defer a.Close()
		if cfg.Demo {
			fmt.Fprintf(stdout, "Demo accounts use the password %q (see README.md).\n", seed.DemoPassword)
		}
		return a.Serve(ctx, cfg.Addr, log, nil)
	case "migrate":
		cfg, err := config.Parse("migrate", args[1:], getenv, stderr)
		if err != nil {
			return err
		}
		cfg.Demo = false
		a, err := app.New(ctx, cfg, app.Options{Logger: log})
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "database is up to date")
		return a.Close()
	case "integration-key":
		return integrationKey(ctx, args[1:], getenv, stdout, stderr)
	case "launch":
		return launch(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
