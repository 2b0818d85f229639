package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"helpdesk/internal/demo"
	"helpdesk/internal/model"
)

// Size is how much data a run generates.
type Size struct {
	Name      string
	Companies int
	Users     int // customer users, spread over the companies
	Staff     int // agents (one of them an admin)
	Tickets   int
	FAQs      int
}

// Sizes are the data sets a run may ask for: large is the target load,
// small and medium are 1/100 and 1/10 of it for quick runs, tiny is for
// tests.
var Sizes = []Size{
	{Name: "tiny", Companies: 5, Users: 25, Staff: 4, Tickets: 300, FAQs: 60},
	{Name: "small", Companies: 100, Users: 500, Staff: 10, Tickets: 10_000, FAQs: 500},
	{Name: "medium", Companies: 1_000, Users: 5_000, Staff: 20, Tickets: 100_000, FAQs: 5_000},
	{Name: "large", Companies: 10_000, Users: 50_000, Staff: 40, Tickets: 1_000_000, FAQs: 50_000},
}

// SizeByName finds a size.
func SizeByName(name string) (Size, error) {
	var names []string
	for _, s := range Sizes {
		if s.Name == name {
			return s, nil
		}
		names = append(names, s.Name)
	}
	return Size{}, fmt.Errorf("unknown size %q: use %s", name, strings.Join(names, ", "))
}

// Password is the password of every generated account.
const Password = "helpdesk-bench"

// text makes Spanish help-desk text from the demo's real FAQs and tickets,
// recombined so that every generated FAQ and ticket differs while the
// words, their frequencies and the lengths stay those of real use.
type text struct {
	rng       *rand.Rand
	faqs      []demo.FAQ
	titles    []string // ticket titles of the demo
	sentences []string // sentences of descriptions and messages
	replies   []string // agents' and customers' messages
	places    []string
	products  []string
	first     []string
	last      []string
	trades    []string
}

func newText(seed uint64) *text {
	t := &text{rng: rand.New(rand.NewPCG(seed, 0x68656c70)), faqs: demo.FAQs()}
	for _, tk := range demo.Tickets() {
		t.titles = append(t.titles, tk.Title)
		t.sentences = append(t.sentences, sentences(tk.Description)...)
		for _, e := range tk.Events {
			if e.Body != "" {
				t.replies = append(t.replies, e.Body)
			}
		}
	}
	for _, f := range t.faqs {
		t.sentences = append(t.sentences, sentences(f.Situation)...)
	}
	t.places = []string{"Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Bucaramanga", "Pereira",
		"Manizales", "Cúcuta", "Ibagué", "Santa Marta", "Villavicencio", "Pasto", "Neiva", "Armenia", "Tunja"}
	t.products = []string{"la factura electrónica", "el documento soporte", "la nómina de diciembre", "el cierre de mes",
		"el inventario de bodega", "la nota crédito", "el comprobante de egreso", "la conciliación bancaria",
		"el certificado de retención", "la copia de seguridad", "el módulo de cartera", "el informe de ventas",
		"la orden de compra", "el traslado entre bodegas", "la declaración de IVA", "el exógeno de medios magnéticos"}
	t.first = []string{"María", "José", "Luz", "Carlos", "Ana", "Juan", "Diana", "Andrés", "Paola", "Jorge", "Sandra",
		"Luis", "Claudia", "Camilo", "Natalia", "Felipe", "Ángela", "Óscar", "Lucía", "Hernán", "Marcela", "Julián"}
	t.last = []string{"Gómez", "Rodríguez", "Martínez", "García", "López", "Hernández", "Pérez", "Díaz", "Sánchez",
		"Ramírez", "Torres", "Rojas", "Vargas", "Moreno", "Jiménez", "Muñoz", "Castro", "Ortiz", "Suárez", "Peña"}
	t.trades = []string{"Ferretería", "Panadería", "Droguería", "Distribuidora", "Comercializadora", "Papelería",
		"Almacén", "Cacharrería", "Supermercado", "Miscelánea", "Repuestos", "Confecciones", "Lácteos", "Muebles"}
	return t
}

// sentences splits a paragraph at full stops, keeping them.
func sentences(s string) []string {
	var out []string
	for _, p := range strings.SplitAfter(s, ". ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (t *text) pick(list []string) string { return list[t.rng.IntN(len(list))] }

func (t *text) person() string { return t.pick(t.first) + " " + t.pick(t.last) }

func (t *text) company(i int) string {
	return fmt.Sprintf("%s %s %s %d S.A.S.", t.pick(t.trades), t.pick(t.last), t.pick(t.places), i)
}

// nit is a company's tax number with its check digit, as the DIAN computes it.
func nit(i int) string {
	base := fmt.Sprintf("9%08d", i)
	weights := []int{41, 37, 29, 23, 19, 17, 13, 7, 3}
	sum := 0
	for k, c := range base {
		sum += int(c-'0') * weights[k]
	}
	d := sum % 11
	if d > 1 {
		d = 11 - d
	}
	return fmt.Sprintf("%s-%d", base, d)
}

// paragraph joins n random sentences.
func (t *text) paragraph(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = t.pick(t.sentences)
	}
	return strings.Join(parts, " ")
}

// faq is the i-th generated FAQ: a real one's title narrowed to a place
// and a document, its sections recombined with others of its module.
func (t *text) faq(i int) demo.FAQ {
	base := t.faqs[i%len(t.faqs)]
	f := base
	if i >= len(t.faqs) {
		f.Title = fmt.Sprintf("%s con %s (%s)", base.Title, t.pick(t.products), t.pick(t.places))
		other := t.faqs[t.rng.IntN(len(t.faqs))]
		f.Situation = base.Situation + " " + t.pick(sentences(other.Situation))
		f.Cause = base.Cause
		f.Solution = base.Solution + " " + t.pick(sentences(other.Solution))
	}
	return f
}

// ticket fills the text of a ticket.
func (t *text) ticket(tk *model.Ticket) {
	switch t.rng.IntN(3) {
	case 0:
		tk.Title = t.pick(t.titles)
	case 1:
		tk.Title = "No deja guardar " + t.pick(t.products)
	default:
		tk.Title = t.faqs[t.rng.IntN(len(t.faqs))].Title
	}
	tk.Description = fmt.Sprintf("%s Pasa en la sede de %s con %s.", t.paragraph(1+t.rng.IntN(3)), t.pick(t.places), t.pick(t.products))
	tk.Type = t.pick(model.TicketTypes())
	tk.Urgency = t.pick(model.Levels())
	tk.Version = fmt.Sprintf("10.%d.%d", t.rng.IntN(6), t.rng.IntN(10))
}

func (t *text) reply() string { return t.pick(t.replies) }
