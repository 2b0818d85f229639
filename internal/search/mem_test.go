package search

import (
	"context"
	"slices"
	"sort"
	"testing"
)

func terms(ps []Posting) []string {
	var out []string
	for _, p := range ps {
		if !slices.Contains(out, p.Term) {
			out = append(out, p.Term)
		}
	}
	sort.Strings(out)
	return out
}

func TestMemIndex(t *testing.T) {
	ctx := context.Background()
	var m MemIndex // the zero value works
	m.Add(1, [NumFields]string{"Contraseña del año", "factura", "", ""})
	m.Add(2, [NumFields]string{"Contrato", "facturación electrónica", "", "cierre"})
	m.Add(3, [NumFields]string{"Contraseñas", "", "", ""})

	tests := []struct {
		name   string
		terms  []string
		prefix string
		want   []string
	}{
		{"exact", []string{"factur", "nada"}, "", []string{"factur"}},
		{"prefix", nil, "contra", []string{"contraseñ", "contrat"}},
		{"prefix ending in ñ", nil, "contraseñ", []string{"contraseñ"}},
		{"prefix and terms overlap", []string{"contrat"}, "contr", []string{"contraseñ", "contrat"}},
		{"no match", []string{"zz"}, "zz", nil},
	}
	for _, tt := range tests {
		ps, err := m.Postings(ctx, tt.terms, tt.prefix)
		if err != nil {
			t.Fatal(err)
		}
		if got := terms(ps); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	ps, _ := m.Postings(ctx, []string{"contraseñ"}, "contraseñ")
	if len(ps) != 2 {
		t.Errorf("postings listed twice: %v", ps)
	}

	v, _ := m.Vocabulary(ctx, "c", PrefixEnd("c"))
	if want := []string{"cierr", "contraseñ", "contrat"}; !slices.Equal(v, want) {
		t.Errorf("Vocabulary(c) = %v, want %v", v, want)
	}
	if v, _ := m.Vocabulary(ctx, "f", ""); !slices.Equal(v, []string{"factur"}) {
		t.Errorf("Vocabulary(f, unbounded) = %v", v)
	}

	st, _ := m.Stats(ctx)
	want := Stats{Docs: 3, AvgLen: [NumFields]float64{4.0 / 3, 1, 0, 1.0 / 3}}
	if st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}

	// Replace doc 2, then remove doc 3: terms and stats follow.
	m.Add(2, [NumFields]string{"Contrato", "", "", ""})
	m.Remove(3)
	m.Remove(99)
	if v, _ := m.Vocabulary(ctx, "c", "d"); !slices.Equal(v, []string{"contraseñ", "contrat"}) {
		t.Errorf("after update, Vocabulary(c) = %v", v)
	}
	ps, _ = m.Postings(ctx, []string{"contraseñ", "electron"}, "")
	if len(ps) != 1 || ps[0].DocID != 1 {
		t.Errorf("after update, postings = %v", ps)
	}
	st, _ = m.Stats(ctx)
	if want := (Stats{Docs: 2, AvgLen: [NumFields]float64{1.5, 0.5, 0, 0}}); st != want {
		t.Errorf("after update, Stats = %+v, want %+v", st, want)
	}
}
