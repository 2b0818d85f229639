package search

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// fillCompact loads documents into a Compact as a store would, row by row.
func fillCompact(c *Compact, docs map[int64][NumFields]string) {
	for id, fields := range docs {
		for _, p := range IndexDoc(id, fields) {
			c.Add(p.DocID, p.Field, []byte(p.Term), p.Freq, p.FieldLen)
		}
	}
	c.Finish()
}

// sameAsMem checks that a Compact and a MemIndex holding the same
// documents give the same postings, vocabulary and search results.
func sameAsMem(t *testing.T, c *Compact, m *MemIndex, queries []string) {
	t.Helper()
	ctx := context.Background()
	key := func(p Posting) [5]any { return [5]any{p.Term, p.DocID, p.Field, p.Freq, p.FieldLen} }
	sorted := func(ps []Posting) [][5]any {
		out := make([][5]any, len(ps))
		for i, p := range ps {
			out[i] = key(p)
		}
		slices.SortFunc(out, func(a, b [5]any) int {
			if a[0] != b[0] {
				if a[0].(string) < b[0].(string) {
					return -1
				}
				return 1
			}
			if a[1] != b[1] {
				return int(a[1].(int64) - b[1].(int64))
			}
			return int(a[2].(Field)) - int(b[2].(Field))
		})
		return out
	}
	for _, pr := range [][2]string{{"factur", "factur"}, {"nomin", "nóm"}, {"electr", ""}, {"zzz", "a"}} {
		cp, err := c.Postings(ctx, []string{pr[0], pr[0], "error"}, pr[1])
		if err != nil {
			t.Fatal(err)
		}
		mp, _ := m.Postings(ctx, []string{pr[0], pr[0], "error"}, pr[1])
		if !reflect.DeepEqual(sorted(cp), sorted(mp)) {
			t.Errorf("postings of %q / prefix %q: %d here, %d in MemIndex", pr[0], pr[1], len(cp), len(mp))
		}
	}
	for _, lo := range []string{"a", "c", "f", "n", "ñ", "z"} {
		cv, _ := c.Vocabulary(ctx, lo, PrefixEnd(lo))
		mv, _ := m.Vocabulary(ctx, lo, PrefixEnd(lo))
		if !slices.Equal(cv, mv) {
			t.Errorf("vocabulary %q: %d terms here, %d in MemIndex", lo, len(cv), len(mv))
		}
	}
	st, _ := m.Stats(ctx)
	src := cachedStats{c, st}
	for _, q := range queries {
		got, err := Search(ctx, src, q, 20)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Search(ctx, m, q, 20)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, MemIndex %v", q, got, want)
		}
	}
}

// cachedStats is a Compact with the statistics of another source, as a
// store pairs them.
type cachedStats struct {
	*Compact
	st Stats
}

func (c cachedStats) Stats(context.Context) (Stats, error) { return c.st, nil }

// TestCompactMatchesMemIndex builds both from the same documents, then
// replaces, removes and adds documents in both, and compares them after
// each step.
func TestCompactMatchesMemIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	docs := map[int64][NumFields]string{}
	for id := int64(1); id <= 600; id++ {
		docs[id] = genFAQ(r)
	}
	docs[601] = [NumFields]string{"Zanahoria en el reporte", "No puedo ingresar", "Clave vencida", "Restablecer la contraseña"}
	var queries []string
	for _, s := range []string{"factura electronica rechazada", "nomina electronica", "contrasena", "cierre del ano"} {
		queries = append(queries, keystrokes(s)...)
	}
	queries = append(queries, "factrua", "invetario", "de la que", "contra", "XML DIAN", "zanahoria")

	c, m := NewCompact(), NewMemIndex()
	fillCompact(c, docs)
	for id, f := range docs {
		m.Add(id, f)
	}
	sameAsMem(t, c, m, queries)

	// Edit some documents, remove others, add new ones, in one Replace as
	// a catch-up does; "zanahori" goes with 601, its only document.
	var ids []int64
	var ps []Posting
	for id := int64(1); id <= 700; id += 7 {
		ids = append(ids, id)
		switch {
		case id%2 == 0 || id > 601:
			f := genFAQ(r)
			m.Add(id, f)
			ps = append(ps, IndexDoc(id, f)...)
		default:
			m.Remove(id)
		}
	}
	ids = append(ids, 601)
	m.Remove(601)
	c.Replace(ids, ps)
	sameAsMem(t, c, m, queries)
	if v, _ := c.Vocabulary(context.Background(), "zanahori", PrefixEnd("zanahori")); len(v) != 0 {
		t.Errorf("a term without postings is still in the vocabulary: %v", v)
	}
	if docs, _, _ := c.Size(); docs != len(m.docs) {
		t.Errorf("%d documents, MemIndex has %d", docs, len(m.docs))
	}
}
