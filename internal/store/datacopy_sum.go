package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"strings"
)

// TableSum is what a table holds, told the same way on SQLite and
// PostgreSQL: its row count and a SHA-256 over a canonical encoding of its
// rows in primary key order.
type TableSum struct {
	Table    string
	Rows     int64
	Checksum string // hex
}

// canonical turns a value read through database/sql into the one Go value
// both drivers write and both sides hash alike: int64, bool, string,
// []byte, float64 or nil.
func canonical(kind valueKind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case kindInt:
		if n, ok := v.(int64); ok {
			return n, nil
		}
	case kindBool:
		switch b := v.(type) {
		case bool:
			return b, nil
		case int64: // SQLite keeps booleans as 0 and 1
			return b != 0, nil
		}
	case kindText:
		switch s := v.(type) {
		case string:
			return s, nil
		case []byte:
			return string(s), nil
		}
	case kindBytes:
		switch b := v.(type) {
		case []byte:
			return b, nil
		case string:
			return []byte(b), nil
		}
	case kindFloat:
		switch f := v.(type) {
		case float64:
			return f, nil
		case int64:
			return float64(f), nil
		}
	}
	return nil, fmt.Errorf("a %c column holds %T", kind, v)
}

// rowHash sums a table's canonical rows.
type rowHash struct {
	h    hash.Hash
	rows int64
	buf  []byte
}

func newRowHash() *rowHash { return &rowHash{h: sha256.New()} }

// add hashes one row of canonical values: each value is tagged with its
// kind and strings carry their length, so no two rows encode alike.
func (r *rowHash) add(vals []any) {
	b := r.buf[:0]
	for _, v := range vals {
		switch v := v.(type) {
		case nil:
			b = append(b, 'N')
		case int64:
			b = binary.BigEndian.AppendUint64(append(b, 'I'), uint64(v))
		case bool:
			if v {
				b = append(b, 'B', 1)
			} else {
				b = append(b, 'B', 0)
			}
		case string:
			b = append(binary.AppendUvarint(append(b, 'T'), uint64(len(v))), v...)
		case []byte:
			b = append(binary.AppendUvarint(append(b, 'X'), uint64(len(v))), v...)
		case float64:
			b = binary.BigEndian.AppendUint64(append(b, 'F'), math.Float64bits(v))
		}
	}
	r.h.Write(b)
	r.buf = b[:0]
	r.rows++
}

func (r *rowHash) sum(table string) TableSum {
	return TableSum{Table: table, Rows: r.rows, Checksum: hex.EncodeToString(r.h.Sum(nil))}
}

// selectOrdered reads a table's columns in primary key order, text keys
// compared byte by byte on both dialects.
func selectOrdered(d Dialect, t dataTable) string {
	cols := make([]string, len(t.cols))
	kinds := map[string]valueKind{}
	for i, c := range t.cols {
		cols[i] = quoteIdent(c.name)
		kinds[c.name] = c.kind
	}
	key := t.pk
	if len(key) == 0 {
		for _, c := range t.cols {
			key = append(key, c.name)
		}
	}
	order := make([]string, len(key))
	for i, k := range key {
		order[i] = quoteIdent(k)
		if kinds[k] == kindText {
			if d == Postgres {
				order[i] += ` COLLATE "C"`
			} else {
				order[i] += ` COLLATE BINARY`
			}
		}
	}
	return `SELECT ` + strings.Join(cols, ", ") + ` FROM ` + quoteIdent(t.name) + skipRows(t) + ` ORDER BY ` + strings.Join(order, ", ")
}

// skipRows leaves out the ticket counter, which is a counters row on
// SQLite and a sequence on PostgreSQL: CopyData carries it on its own.
func skipRows(t dataTable) string {
	if t.name == "counters" {
		return ` WHERE name <> '` + ticketCounter + `'`
	}
	return ""
}

// eachRow reads a table in primary key order and hands fn its canonical
// values (the slice is reused between rows).
func (q *Q) eachRow(ctx context.Context, t dataTable, fn func(vals []any) error) error {
	rows, err := q.db.QueryContext(ctx, selectOrdered(q.d, t))
	if err != nil {
		return fmt.Errorf("read %s: %w", t.name, err)
	}
	defer rows.Close()
	raw := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	vals := make([]any, len(t.cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s: %w", t.name, err)
		}
		for i, c := range t.cols {
			if vals[i], err = canonical(c.kind, raw[i]); err != nil {
				return fmt.Errorf("read %s.%s: %w", t.name, c.name, err)
			}
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// sumTable counts and checksums one table.
func (q *Q) sumTable(ctx context.Context, t dataTable) (TableSum, error) {
	h := newRowHash()
	err := q.eachRow(ctx, t, func(vals []any) error { h.add(vals); return nil })
	return h.sum(t.name), err
}

// Checksums counts and checksums every table, in dependency order, from
// one consistent snapshot.
func (s *Store) Checksums(ctx context.Context) ([]TableSum, error) {
	tables, err := s.dataTables(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := s.read.BeginTx(ctx, s.snapshot())
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	q := &Q{d: s.dialect, db: tx}
	var out []TableSum
	for _, t := range tables {
		sum, err := q.sumTable(ctx, t)
		if err != nil {
			return nil, err
		}
		out = append(out, sum)
	}
	return out, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
