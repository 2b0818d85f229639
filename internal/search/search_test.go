package search

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// smallSet is a hand-made set of FAQs: id → title, situation, cause, solution.
var smallSet = map[int64][NumFields]string{
	1: {"Factura electrónica rechazada por la DIAN", "Al enviar la factura la DIAN responde con rechazo", "Certificado de firma vencido", "Renovar el certificado digital"},
	2: {"Factura no imprime", "La factura sale en blanco al imprimir", "Plantilla dañada", "Reinstalar la plantilla de impresión"},
	3: {"Olvidé mi contraseña", "No puedo ingresar al sistema", "Usuario bloqueado tras varios intentos", "Restablecer la contraseña desde el correo"},
	4: {"Nómina electrónica no transmite", "Error al transmitir la nómina", "Resolución vencida", "Actualizar la resolución en parámetros"},
	5: {"Cierre contable del año", "No deja cerrar el periodo", "Comprobantes descuadrados", "Revisar los comprobantes pendientes"},
	6: {"Nota crédito electrónica", "Cómo anular una factura con nota crédito", "", "Crear la nota crédito desde facturación"},
	7: {"Copia de seguridad", "La copia de seguridad falla", "Disco lleno", "Liberar espacio en el servidor"},
	8: {"Facturación electrónica: 50% de descuento", "Descuentos en la factura", "", "Usar el campo descuento"},
}

func newSmall() *MemIndex {
	m := NewMemIndex()
	for id, f := range smallSet {
		m.Add(id, f)
	}
	return m
}

func ids(hs []Hit) []int64 {
	out := make([]int64, len(hs))
	for i, h := range hs {
		out[i] = h.DocID
	}
	return out
}

func TestSearchRanking(t *testing.T) {
	m := newSmall()
	tests := []struct {
		q     string
		first int64   // 0: expect no hit
		all   []int64 // when set, the exact result
	}{
		{q: "facturas electronicas rechazadas", first: 1},
		{q: "factura electronica rechazada", first: 1},
		{q: "FACTURA ELECTRÓNICA RECHAZADA", first: 1},
		{q: "factura elec", first: 8},
		{q: "factura imprime", first: 2},
		{q: "contraseña", first: 3},
		{q: "contrasena", first: 3},
		{q: "contrase", first: 3},
		{q: "nomina electronica", first: 4},
		{q: "nomin", first: 4},
		{q: "electroni", first: 4},
		{q: "cierre del año", first: 5},
		{q: "cierre del ano", first: 5},
		{q: "comprobantes descuadrados", first: 5}, // only in cause and solution
		{q: "disco lleno", first: 7},
		{q: "servidor", first: 7}, // only in solution
		{q: "nota credito", first: 6},
		{q: "50%", first: 8},
		{q: "factrua", first: 2},              // typo: transposition
		{q: "facturra electronica", first: 8}, // typo: insertion
		{q: "de la que"},
		{q: "de la que "},
		{q: "para que"},
		{q: "xyzzy qwerty"},
		{q: ""},
		{q: "   "},
		{q: `% _ ' " : ( * \`},
		{q: `"factura" (rechazada)*`, first: 1},
		{q: "fa"}, // two letters: whole terms only
		{q: "copia", all: []int64{7}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hs, err := Search(context.Background(), m, tt.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if tt.all != nil {
				if !slices.Equal(ids(hs), tt.all) {
					t.Errorf("got %v, want %v", ids(hs), tt.all)
				}
				return
			}
			if tt.first == 0 {
				if len(hs) != 0 {
					t.Errorf("got %v, want no hit", hs)
				}
				return
			}
			if len(hs) == 0 || hs[0].DocID != tt.first {
				t.Errorf("got %v, want %d first", hs, tt.first)
			}
			for i := 1; i < len(hs); i++ {
				if better(hs[i], hs[i-1]) {
					t.Errorf("hits out of order: %v", hs)
				}
			}
		})
	}
}

// TestKeystrokes types queries letter by letter: every prefix of at least
// three letters must already find the FAQ meant.
func TestKeystrokes(t *testing.T) {
	m := newSmall()
	tests := []struct {
		q     string
		from  int // first prefix length checked
		first int64
	}{
		{"factura electronica rechazada", 23, 1}, // from "factura electronica rec"
		{"nomina electronica", 3, 4},
		{"contraseña", 4, 3}, // "con" is a 3-letter stop word
		{"copia de seguridad", 3, 7},
	}
	for _, tt := range tests {
		rs := []rune(tt.q)
		for n := tt.from; n <= len(rs); n++ {
			q := string(rs[:n])
			hs, err := Search(context.Background(), m, q, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) == 0 || hs[0].DocID != tt.first {
				t.Errorf("%q: got %v, want %d first", q, hs, tt.first)
			}
		}
	}
}

func TestCoordination(t *testing.T) {
	m := NewMemIndex()
	// Doc 1 repeats one word a lot; doc 2 has each query word once.
	m.Add(1, [NumFields]string{"factura factura factura", "factura factura", "", ""})
	m.Add(2, [NumFields]string{"Inventario", "", "", "la factura del proveedor fue rechazada"})
	hs, err := Search(context.Background(), m, "factura rechazada", 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(hs); !slices.Equal(got, []int64{2, 1}) {
		t.Fatalf("got %v, want [2 1]", hs)
	}
	if int(hs[0].Score) != 2 || int(hs[1].Score) != 1 {
		t.Errorf("score integer part must count the words matched: %v", hs)
	}
}

func TestTiesByDocID(t *testing.T) {
	m := NewMemIndex()
	for _, id := range []int64{42, 7, 19, 3} {
		m.Add(id, [NumFields]string{"Factura duplicada", "", "", ""})
	}
	for _, limit := range []int{10, 2} {
		hs, err := Search(context.Background(), m, "factura", limit)
		if err != nil {
			t.Fatal(err)
		}
		want := []int64{3, 7, 19, 42}[:min(limit, 4)]
		if !slices.Equal(ids(hs), want) {
			t.Errorf("limit %d: got %v, want %v", limit, hs, want)
		}
	}
}

// shuffled serves the postings of a MemIndex in random order, as a
// database without ORDER BY may.
type shuffled struct {
	*MemIndex
	r *rand.Rand
}

func (s shuffled) Postings(ctx context.Context, terms []string, prefix string) ([]Posting, error) {
	ps, err := s.MemIndex.Postings(ctx, terms, prefix)
	s.r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
	return ps, err
}

func TestDeterministicOrder(t *testing.T) {
	m := newSmall()
	for _, q := range []string{"factura electronica", "fact", "nota credito factura", "contrasena", "electr"} {
		want, err := Search(context.Background(), m, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		for seed := range uint64(20) {
			src := shuffled{m, rand.New(rand.NewPCG(seed, 1))}
			got, err := Search(context.Background(), src, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%q, seed %d: got %v, want %v", q, seed, got, want)
			}
		}
	}
}

type failing struct{ *MemIndex }

var errStore = errors.New("store down")

func (failing) Stats(context.Context) (Stats, error) { return Stats{}, errStore }

func TestSearchErrors(t *testing.T) {
	m := newSmall()
	if _, err := Search(context.Background(), failing{m}, "factura", 5); !errors.Is(err, errStore) {
		t.Errorf("got %v, want the store's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Search(ctx, m, "factura", 5); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	if hs, err := Search(context.Background(), m, "factura", 0); hs != nil || err != nil {
		t.Errorf("limit 0: got %v, %v", hs, err)
	}
}

// recording remembers every posting a Source returned during one search.
type recording struct {
	*MemIndex
	seen map[Posting]int
}

func (r recording) Postings(ctx context.Context, terms []string, prefix string) ([]Posting, error) {
	ps, err := r.MemIndex.Postings(ctx, terms, prefix)
	for _, p := range ps {
		r.seen[p]++
	}
	return ps, err
}

// TestNoPostingFetchedTwice: a misspelt word whose substitute was already
// fetched for another word must not fetch (and so count) it again.
func TestNoPostingFetchedTwice(t *testing.T) {
	for _, q := range []string{"factura factrua", "factrua factura", "contrasena contraseña", "nomina nomnia"} {
		r := recording{newSmall(), map[Posting]int{}}
		if _, err := Search(context.Background(), r, q, 10); err != nil {
			t.Fatal(err)
		}
		for p, n := range r.seen {
			if n > 1 {
				t.Errorf("%q: %v fetched %d times", q, p, n)
			}
		}
	}
}
