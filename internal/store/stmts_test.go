package store

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"testing"
)

// TestStatementCache checks that SQLite queries are prepared once and
// reused, that a query first met inside a transaction is prepared after
// it (the single writer connection is busy until then), and that results
// are those of unprepared queries.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "hd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const set = `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`
	for i, v := range []string{"uno", "dos"} {
		if err := st.Tx(ctx, func(q *Q) error { return q.SetSetting(ctx, "k", v) }); err != nil {
			t.Fatal(err)
		}
		if got := st.writeStmts.get(rebind(SQLite, set)); got == nil {
			t.Fatalf("write %d: the statement was not prepared after the transaction", i)
		}
		got, err := st.Read().Setting(ctx, "k")
		if err != nil || got != v {
			t.Fatalf("read %d: %q, %v; want %q", i, got, err, v)
		}
	}
	read := rebind(SQLite, `SELECT value FROM settings WHERE key = $1`)
	first := st.readStmts.get(read)
	if first == nil {
		t.Fatal("read statement not kept")
	}
	st.Read().Setting(ctx, "k")
	if st.readStmts.get(read) != first {
		t.Error("read statement prepared again")
	}
	// A rolled-back transaction leaves nothing behind, prepared or not.
	boom := errors.New("boom")
	err = st.Tx(ctx, func(q *Q) error {
		if err := q.SetSetting(ctx, "k", "tres"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("rollback: %v", err)
	}
	if got, _ := st.Read().Setting(ctx, "k"); got != "dos" {
		t.Errorf("after rollback %q, want dos", got)
	}
	// Past the bound, queries run unprepared and still answer.
	for i := range maxStmts + 10 {
		var n int
		q := st.Read()
		if err := q.row(ctx, `SELECT $1 + `+strconv.Itoa(i), 1).Scan(&n); err != nil || n != 1+i {
			t.Fatalf("query %d: %d, %v", i, n, err)
		}
	}
	if n := len(st.readStmts.m); n > maxStmts {
		t.Errorf("%d statements kept, bound %d", n, maxStmts)
	}
}
