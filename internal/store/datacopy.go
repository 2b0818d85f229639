package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ErrTargetNotEmpty refuses a copy into a database that holds data.
var ErrTargetNotEmpty = errors.New("the target database is not empty")

// ErrCopyMismatch says what was written does not read back as what was
// read; nothing is committed.
var ErrCopyMismatch = errors.New("the copy does not match the source")

// Copy batches: rows per INSERT (under SQLite's 32,766 parameters) and
// bytes per INSERT (attachments can be 10 MB each).
const (
	copyBatchRows  = 500
	copyBatchBytes = 4 << 20
)

// CopyData copies a whole help desk from src into dst: every table of the
// schema (read from the database's catalog, not from a list), in
// dependency order, in batches, from one snapshot of src and in one
// transaction on dst. Before committing it reads dst back and compares row
// counts and checksums per table, and on PostgreSQL it moves every
// identity sequence past the copied ids. dst must have the same schema
// version and no rows at all (ErrTargetNotEmpty). progress, when not nil,
// hears each table as it is copied. The next ticket number carries over
// too (a counters row on SQLite, a sequence on PostgreSQL). It returns
// the sums of the source, which the target matched.
func CopyData(ctx context.Context, src, dst *Store, progress func(TableSum)) ([]TableSum, error) {
	from, err := src.dataTables(ctx)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	to, err := dst.dataTables(ctx)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	if err := sameSchema(from, to); err != nil {
		return nil, err
	}
	rtx, err := src.read.BeginTx(ctx, src.snapshot())
	if err != nil {
		return nil, err
	}
	defer rtx.Rollback()
	wtx, err := dst.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer wtx.Rollback()
	sq, dq := &Q{d: src.dialect, db: rtx}, &Q{d: dst.dialect, db: wtx}
	if err := sameVersions(ctx, sq, dq); err != nil {
		return nil, err
	}
	if err := refuseData(ctx, dq, to); err != nil {
		return nil, err
	}
	var sums []TableSum
	for _, t := range to {
		sum, err := copyTable(ctx, sq, dq, t)
		if err != nil {
			return nil, err
		}
		sums = append(sums, sum)
		if progress != nil {
			progress(sum)
		}
	}
	if dst.dialect == Postgres {
		if err := moveSequences(ctx, dq, to); err != nil {
			return nil, err
		}
	}
	if last, ok, err := sq.lastTicketNumber(ctx); err != nil {
		return nil, fmt.Errorf("ticket numbers: %w", err)
	} else if ok {
		if err := dq.SetCounter(ctx, ticketCounter, last); err != nil {
			return nil, fmt.Errorf("ticket numbers: %w", err)
		}
	}
	for i, t := range to {
		got, err := dq.sumTable(ctx, t)
		if err != nil {
			return nil, err
		}
		if got != sums[i] {
			return nil, fmt.Errorf("%w: table %s has %d rows (checksum %.12s) where the source has %d (%.12s); nothing was written",
				ErrCopyMismatch, t.name, got.Rows, got.Checksum, sums[i].Rows, sums[i].Checksum)
		}
	}
	if err := wtx.Commit(); err != nil {
		return nil, err
	}
	return sums, nil
}

// snapshot is how to read one consistent view of the database.
func (s *Store) snapshot() *sql.TxOptions {
	if s.dialect == Postgres {
		return &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	return &sql.TxOptions{ReadOnly: true}
}

// sameVersions checks both databases ran the same migrations.
func sameVersions(ctx context.Context, src, dst *Q) error {
	versions := func(q *Q) ([]string, error) {
		return strings1(q.query(ctx, `SELECT CAST(version AS TEXT) FROM schema_migrations ORDER BY version`))
	}
	a, err := versions(src)
	if err != nil {
		return err
	}
	b, err := versions(dst)
	if err != nil {
		return err
	}
	if !slices.Equal(a, b) {
		return fmt.Errorf("the databases are at different schema versions (source %s, target %s): run both with the same helpdesk",
			strings.Join(a, ","), strings.Join(b, ","))
	}
	return nil
}

// refuseData fails with ErrTargetNotEmpty naming the tables with rows.
func refuseData(ctx context.Context, q *Q, tables []dataTable) error {
	var full []string
	for _, t := range tables {
		var n int64
		if err := q.row(ctx, `SELECT count(*) FROM `+quoteIdent(t.name)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			full = append(full, fmt.Sprintf("%s: %d rows", t.name, n))
		}
	}
	if len(full) > 0 {
		return fmt.Errorf("%w (%s)", ErrTargetNotEmpty, strings.Join(full, ", "))
	}
	return nil
}

// copyTable streams one table from src into dst in multi-row INSERTs and
// returns the sum of what it read.
func copyTable(ctx context.Context, src, dst *Q, t dataTable) (TableSum, error) {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = quoteIdent(c.name)
	}
	head := `INSERT INTO ` + quoteIdent(t.name) + ` (` + strings.Join(names, ", ") + `)`
	if t.identity {
		head += ` OVERRIDING SYSTEM VALUE`
	}
	head += ` VALUES `
	perBatch := max(1, min(copyBatchRows, 30000/len(t.cols)))
	var args []any
	var bytes int
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		var b strings.Builder
		b.WriteString(head)
		n := len(t.cols)
		for r := 0; r < len(args)/n; r++ {
			if r > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for c := range n {
				if c > 0 {
					b.WriteString(", ")
				}
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(r*n + c + 1))
			}
			b.WriteByte(')')
		}
		if _, err := dst.exec(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("write %s: %w", t.name, err)
		}
		args, bytes = args[:0], 0
		return nil
	}
	h := newRowHash()
	err := src.eachRow(ctx, t, func(vals []any) error {
		h.add(vals)
		for _, v := range vals {
			switch v := v.(type) {
			case string:
				bytes += len(v)
			case []byte:
				bytes += len(v)
			}
		}
		args = append(args, vals...)
		if len(args)/len(t.cols) >= perBatch || bytes >= copyBatchBytes {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return h.sum(t.name), err
}

// moveSequences sets each PostgreSQL sequence a column owns past the
// largest copied value, so the next insert does not collide.
func moveSequences(ctx context.Context, q *Q, tables []dataTable) error {
	for _, t := range tables {
		for _, c := range t.cols {
			if !c.seq {
				continue
			}
			_, err := q.exec(ctx, `SELECT setval(pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident($1), $2),
				COALESCE(MAX(`+quoteIdent(c.name)+`), 0) + 1, false) FROM `+quoteIdent(t.name), t.name, c.name)
			if err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", t.name, c.name, err)
			}
		}
	}
	return nil
}
