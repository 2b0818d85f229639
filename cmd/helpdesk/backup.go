package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
)

// backup copies a SQLite help desk, attachments included, to a new file.
func backup(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("database", envOr(e.getenv, "HELPDESK_DATABASE", "sqlite:data/helpdesk.db"), "database to copy (HELPDESK_DATABASE)")
	to := fs.String("to", "", "file to write; it must not exist")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("backup: --to FILE is required")
	}
	st, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s\n", *to)
	return nil
}
