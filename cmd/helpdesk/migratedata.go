package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"helpdesk/internal/store"
)

// migrateData copies a whole help desk into a new, empty database: from
// SQLite to PostgreSQL when it outgrows one process, or back.
func migrateData(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("migrate-data", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	from := fs.String("from", "", "database to copy: sqlite:PATH or postgres://… (stop the help desk first)")
	to := fs.String("to", "", "new, empty database to fill: postgres://… or sqlite:PATH")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *from == "" || *to == "" {
		return errors.New("migrate-data: --from and --to are both required, e.g. --from sqlite:data/helpdesk.db --to postgres://…")
	}
	if *from == *to {
		return errors.New("migrate-data: --from and --to name the same database")
	}
	// Opening a missing SQLite file would create an empty help desk.
	if path, ok := strings.CutPrefix(*from, "sqlite:"); ok {
		if _, err := os.Stat(path); err != nil {
			return fmt.Errorf("migrate-data: the source %s does not exist", path)
		}
	}
	src, err := store.Open(ctx, *from)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	defer src.Close()
	dst, err := store.Open(ctx, *to)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	defer dst.Close()

	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "table\trows\tsha-256\t")
	var total int64
	sums, err := store.CopyData(ctx, src, dst, func(s store.TableSum) {
		fmt.Fprintf(tw, "%s\t%d\t%.16s…\t\n", s.Table, s.Rows, s.Checksum)
		total += s.Rows
	})
	tw.Flush()
	if errors.Is(err, store.ErrTargetNotEmpty) {
		return fmt.Errorf("migrate-data: %w. It only fills a new database that has the schema and no rows: "+
			"create one (on PostgreSQL a new database or schema), run `helpdesk migrate --database TARGET` on it, "+
			"and run migrate-data again. Nothing was copied", err)
	}
	if err != nil {
		return fmt.Errorf("migrate-data: %w (nothing was copied)", err)
	}
	fmt.Fprintf(e.stdout, "copied %d rows in %d tables; each table's row count and checksum match the source\n", total, len(sums))
	return nil
}
