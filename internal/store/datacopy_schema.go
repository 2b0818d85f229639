package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// dataTable is one table of the schema as the data copy reads it from the
// database's own catalog, so a table added by a later migration is copied
// without anyone listing it.
type dataTable struct {
	name     string
	cols     []dataColumn
	pk       []string // primary key columns in key order
	refs     []string // tables its foreign keys point to
	identity bool     // PostgreSQL: has an identity column (inserts say OVERRIDING SYSTEM VALUE)
}

type dataColumn struct {
	name string
	kind valueKind
	seq  bool // PostgreSQL: owns a sequence to move past the copied ids
}

// valueKind is how a column's values are compared and written, the same on
// both dialects.
type valueKind byte

const (
	kindInt   valueKind = 'I'
	kindBool  valueKind = 'B'
	kindText  valueKind = 'T'
	kindBytes valueKind = 'X'
	kindFloat valueKind = 'F'
)

// sqliteKind maps a declared SQLite type, by SQLite's own affinity rules
// (plus BOOLEAN, which the schema uses for flags).
func sqliteKind(decl string) (valueKind, bool) {
	d := strings.ToUpper(decl)
	switch {
	case strings.Contains(d, "BOOL"):
		return kindBool, true
	case strings.Contains(d, "INT"):
		return kindInt, true
	case strings.Contains(d, "CHAR"), strings.Contains(d, "CLOB"), strings.Contains(d, "TEXT"):
		return kindText, true
	case strings.Contains(d, "BLOB"):
		return kindBytes, true
	case strings.Contains(d, "REAL"), strings.Contains(d, "FLOA"), strings.Contains(d, "DOUB"):
		return kindFloat, true
	}
	return 0, false
}

// postgresKind maps a PostgreSQL type as format_type writes it.
func postgresKind(typ string) (valueKind, bool) {
	switch {
	case typ == "bigint", typ == "integer", typ == "smallint":
		return kindInt, true
	case typ == "boolean":
		return kindBool, true
	case typ == "text", strings.HasPrefix(typ, "character"):
		return kindText, true
	case typ == "bytea":
		return kindBytes, true
	case typ == "double precision", typ == "real":
		return kindFloat, true
	}
	return 0, false
}

// dataTables reads the schema's tables (all but schema_migrations) with
// their columns, keys and references, each after the tables it references.
func (s *Store) dataTables(ctx context.Context) ([]dataTable, error) {
	var list []dataTable
	var err error
	if s.dialect == SQLite {
		list, err = s.sqliteTables(ctx)
	} else {
		list, err = s.postgresTables(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("read the schema: %w", err)
	}
	return dependencyOrder(list)
}

func (s *Store) sqliteTables(ctx context.Context) ([]dataTable, error) {
	q := s.Read()
	names, err := strings1(q.query(ctx, `SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations' ORDER BY name`))
	if err != nil {
		return nil, err
	}
	var out []dataTable
	for _, name := range names {
		t := dataTable{name: name}
		rows, err := q.query(ctx, `SELECT name, type, pk FROM pragma_table_info($1) ORDER BY cid`, name)
		if err != nil {
			return nil, err
		}
		type keyCol struct {
			name string
			pos  int
		}
		var keys []keyCol
		for rows.Next() {
			var col, decl string
			var pk int
			if err := rows.Scan(&col, &decl, &pk); err != nil {
				rows.Close()
				return nil, err
			}
			kind, ok := sqliteKind(decl)
			if !ok {
				rows.Close()
				return nil, fmt.Errorf("column %s.%s has type %q, which the data copy does not know", name, col, decl)
			}
			t.cols = append(t.cols, dataColumn{name: col, kind: kind})
			if pk > 0 {
				keys = append(keys, keyCol{col, pk})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i].pos < keys[j].pos })
		for _, k := range keys {
			t.pk = append(t.pk, k.name)
		}
		if t.refs, err = strings1(q.query(ctx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list($1)`, name)); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (s *Store) postgresTables(ctx context.Context) ([]dataTable, error) {
	q := s.Read()
	byName := map[string]*dataTable{}
	var order []string
	rows, err := q.query(ctx, `SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity <> '',
			pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(cl.relname), a.attname) IS NOT NULL
		FROM pg_class cl JOIN pg_attribute a ON a.attrelid = cl.oid
		WHERE cl.relnamespace = current_schema()::regnamespace AND cl.relkind IN ('r', 'p')
			AND a.attnum > 0 AND NOT a.attisdropped AND cl.relname <> 'schema_migrations'
		ORDER BY cl.relname, a.attnum`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col, typ string
		var identity, seq bool
		if err := rows.Scan(&table, &col, &typ, &identity, &seq); err != nil {
			rows.Close()
			return nil, err
		}
		kind, ok := postgresKind(typ)
		if !ok {
			rows.Close()
			return nil, fmt.Errorf("column %s.%s has type %q, which the data copy does not know", table, col, typ)
		}
		t := byName[table]
		if t == nil {
			t = &dataTable{name: table}
			byName[table] = t
			order = append(order, table)
		}
		t.cols = append(t.cols, dataColumn{name: col, kind: kind, seq: seq})
		t.identity = t.identity || identity
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.query(ctx, `SELECT cl.relname, a.attname
		FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
		CROSS JOIN LATERAL unnest(co.conkey) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum
		WHERE co.contype = 'p' AND co.connamespace = current_schema()::regnamespace
		ORDER BY cl.relname, k.ord`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			rows.Close()
			return nil, err
		}
		if t := byName[table]; t != nil {
			t.pk = append(t.pk, col)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.query(ctx, `SELECT DISTINCT cl.relname, rf.relname
		FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class rf ON rf.oid = co.confrelid
		WHERE co.contype = 'f' AND co.connamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, ref string
		if err := rows.Scan(&table, &ref); err != nil {
			rows.Close()
			return nil, err
		}
		if t := byName[table]; t != nil {
			t.refs = append(t.refs, ref)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]dataTable, 0, len(order))
	for _, name := range order {
		out = append(out, *byName[name])
	}
	return out, nil
}

// dependencyOrder puts every table after the tables it references (a
// table referencing itself is fine: rows go in primary key order), by name
// among equals so both dialects give the same order.
func dependencyOrder(list []dataTable) ([]dataTable, error) {
	sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
	done := map[string]bool{}
	var out []dataTable
	for len(out) < len(list) {
		progressed := false
		for _, t := range list {
			if done[t.name] {
				continue
			}
			ready := true
			for _, r := range t.refs {
				if r != t.name && !done[r] {
					ready = false
				}
			}
			if ready {
				done[t.name] = true
				out = append(out, t)
				progressed = true
				break
			}
		}
		if !progressed {
			var left []string
			for _, t := range list {
				if !done[t.name] {
					left = append(left, t.name)
				}
			}
			return nil, fmt.Errorf("the foreign keys of tables %s form a cycle", strings.Join(left, ", "))
		}
	}
	return out, nil
}

// sameSchema checks that the two databases have the same tables with the
// same columns of the same kinds.
func sameSchema(from, to []dataTable) error {
	names := func(l []dataTable) []string {
		var n []string
		for _, t := range l {
			n = append(n, t.name)
		}
		slices.Sort(n)
		return n
	}
	if a, b := names(from), names(to); !slices.Equal(a, b) {
		return fmt.Errorf("the databases have different tables (source: %s; target: %s)", strings.Join(a, ", "), strings.Join(b, ", "))
	}
	src := map[string]dataTable{}
	for _, t := range from {
		src[t.name] = t
	}
	for _, t := range to {
		cols := map[string]valueKind{}
		for _, c := range src[t.name].cols {
			cols[c.name] = c.kind
		}
		if len(cols) != len(t.cols) {
			return fmt.Errorf("table %s has %d columns in the source and %d in the target", t.name, len(cols), len(t.cols))
		}
		for _, c := range t.cols {
			if k, ok := cols[c.name]; !ok || k != c.kind {
				return fmt.Errorf("column %s.%s differs between the source and the target", t.name, c.name)
			}
		}
	}
	return nil
}

// strings1 reads a one-column result of text.
func strings1(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
