package desk_test

import (
	"fmt"
	"slices"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

// searchFixture files three tickets that share a rare word, in two
// companies, and a note and replies that only staff or some customers see.
type searchFixture struct {
	env              apptest.Env
	agent, informer  model.User // informer: compras@ferreteria (the hardware store does not share)
	manager, bakery  model.User // gerente@ferreteria, caja@panaderia (the bakery shares)
	t1, t2, t3       model.Ticket
	bakeryCompanyID  int64
	hardwareReporter int64
}

func newSearchFixture(t *testing.T, db storetest.DB) searchFixture {
	t.Helper()
	env := apptest.Demo(t, db)
	f := searchFixture{env: env, agent: env.User(t, "agente@oceanic.test"), informer: env.User(t, "compras@ferreteria.test"),
		manager: env.User(t, "gerente@ferreteria.test"), bakery: env.User(t, "caja@panaderia.test")}
	file := func(u model.User, title, desc string) model.Ticket {
		n := validTicket()
		n.Title, n.Description = title, desc
		tk, err := env.Desk.OpenTicket(ctx, u, n, "")
		if err != nil {
			t.Fatalf("open %q: %v", title, err)
		}
		return tk
	}
	f.t1 = file(f.informer, "Las facturas electrónicas no llegan al murciélago",
		`El envío falla con código FE-401 y 100% de _errores_ 'raros' : (ver) * \ "comillas"`)
	f.t2 = file(f.manager, "El murciélago imprime mal", "La impresora del murciélago saca hojas en blanco.")
	f.t3 = file(f.bakery, "Murciélago en la nómina", "La nómina del murciélago no cuadra.")
	f.bakeryCompanyID = f.bakery.CompanyID
	reply := func(u model.User, tk model.Ticket, body string, internal bool) {
		if _, err := env.Desk.AddReply(ctx, u, tk.Number, desk.Reply{Body: body, Internal: internal}); err != nil {
			t.Fatalf("reply on #%d: %v", tk.Number, err)
		}
	}
	reply(f.agent, f.t1, "Sospecho del ornitorrinco del servidor de correo.", true)
	reply(f.agent, f.t2, "Revisamos el ornitorrinco de la impresora.", false)
	if _, err := env.Desk.Assign(ctx, f.agent, f.t2.Number, f.agent.ID); err != nil {
		t.Fatal(err)
	}
	indexAll(t, env)
	return f
}

// indexAll works off the index queue, as the job runner does after each
// commit.
func indexAll(t *testing.T, env apptest.Env) {
	t.Helper()
	for more := true; more; {
		var err error
		if more, err = env.Desk.IndexQueuedTickets(ctx, 7); err != nil {
			t.Fatal(err)
		}
	}
}

func numbers(ts []model.Ticket) []int64 {
	var out []int64
	for _, t := range ts {
		out = append(out, t.Number)
	}
	return out
}

func TestSearchTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		f := newSearchFixture(t, db)
		t1, t2, t3 := f.t1.Number, f.t2.Number, f.t3.Number
		tests := []struct {
			name   string
			actor  model.User
			q      string
			filter model.TicketFilter
			want   []int64
		}{
			{"accents folded, newest first", f.agent, "murcielago", model.TicketFilter{}, []int64{t3, t2, t1}},
			{"capitals and accents typed", f.agent, "MURCIÉLAGO", model.TicketFilter{}, []int64{t3, t2, t1}},
			{"plural finds singular", f.agent, "murciélagos", model.TicketFilter{}, []int64{t3, t2, t1}},
			{"plural of several words", f.agent, "factura electronica murcielago", model.TicketFilter{}, []int64{t1}},
			{"prefix of the last word", f.agent, "murcie", model.TicketFilter{}, []int64{t3, t2, t1}},
			{"prefix after whole words", f.agent, "impresora murci", model.TicketFilter{}, []int64{t2}},
			{"earlier words are whole words", f.agent, "murci impresora", model.TicketFilter{}, nil},
			{"two letters: whole terms only", f.agent, "mu", model.TicketFilter{}, nil},
			{"two-letter whole term", f.agent, "fe 401", model.TicketFilter{}, []int64{t1}},
			{"every word must match", f.agent, "murcielago nomina", model.TicketFilter{}, []int64{t3}},
			{"percent is text", f.agent, "100%", model.TicketFilter{}, []int64{t1}},
			{"underscores and quotes are text", f.agent, `_errores_ 'raros' "comillas"`, model.TicketFilter{}, []int64{t1}},
			{"colon, parenthesis, star, backslash", f.agent, `raros: (ver) * \ murc*`, model.TicketFilter{}, []int64{t1}},
			{"SQL is text", f.agent, `murcielago' OR 1=1 --`, model.TicketFilter{}, nil},
			{"wildcards are text", f.agent, "murc%", model.TicketFilter{}, []int64{t3, t2, t1}},
			{"staff find internal notes", f.agent, "ornitorrinco", model.TicketFilter{}, []int64{t2, t1}},
			{"informer: only own tickets", f.informer, "murcielago", model.TicketFilter{}, []int64{t1}},
			{"informer: never by an internal note", f.informer, "ornitorrinco", model.TicketFilter{}, nil},
			{"informer: never by a note, prefix either", f.informer, "ornitorr", model.TicketFilter{}, nil},
			{"company admin: the company's tickets", f.manager, "murcielago", model.TicketFilter{}, []int64{t2, t1}},
			{"company admin: public replies match", f.manager, "ornitorrinco", model.TicketFilter{}, []int64{t2}},
			{"sharing company: never another company's", f.bakery, "murcielago", model.TicketFilter{}, []int64{t3}},
			{"filter: company", f.agent, "murcielago", model.TicketFilter{CompanyID: f.bakeryCompanyID}, []int64{t3}},
			{"filter: assigned to me", f.agent, "murcielago", model.TicketFilter{AssigneeID: f.agent.ID}, []int64{t2}},
			{"filter: unassigned", f.agent, "murcielago", model.TicketFilter{Unassigned: true}, []int64{t3, t1}},
			{"filter: status", f.agent, "murcielago", model.TicketFilter{Status: model.StatusClosed}, nil},
			{"filter: open and module", f.agent, "murcielago", model.TicketFilter{OpenOnly: true, ModuleID: f.t1.ModuleID}, []int64{t3, t2, t1}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				h, err := f.env.Desk.SearchTickets(ctx, tt.actor, tt.q, tt.filter, 0)
				if err != nil {
					t.Fatalf("search %q: %v", tt.q, err)
				}
				if got := numbers(h.Tickets); !slices.Equal(got, tt.want) || h.Next != 0 {
					t.Errorf("search %q as %s = %v (next %d), want %v", tt.q, tt.actor.Email, got, h.Next, tt.want)
				}
			})
		}
		// A public reply with the word makes it findable for customers.
		if _, err := f.env.Desk.AddReply(ctx, f.informer, t1, desk.Reply{Body: "¿Qué es un ornitorrinco?"}); err != nil {
			t.Fatal(err)
		}
		indexAll(t, f.env)
		h, err := f.env.Desk.SearchTickets(ctx, f.informer, "ornitorrinco", model.TicketFilter{}, 0)
		if err != nil || !slices.Equal(numbers(h.Tickets), []int64{t1}) {
			t.Errorf("after a public reply: %v, %v", numbers(h.Tickets), err)
		}
	})
}

func TestSearchTicketsVagueQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		agent := env.User(t, "agente@oceanic.test")
		for _, q := range []string{"", "   ", "de la que", "a", "x y", `%_'":(*\`, "el de"} {
			_, err := env.Desk.SearchTickets(ctx, agent, q, model.TicketFilter{}, 0)
			if got := fieldKey(err, "q"); got != "error.search_vague" {
				t.Errorf("%q: %v, want error.search_vague", q, err)
			}
		}
		long := fmt.Sprintf("%0201d", 0)
		if got := fieldKey(mustErr(env.Desk.SearchTickets(ctx, agent, long, model.TicketFilter{}, 0)), "q"); got != "error.too_long" {
			t.Errorf("201 characters: %q", got)
		}
	})
}

func mustErr(_ desk.SearchHits, err error) error { return err }

// TestSearchTicketsPages walks keyset pages: every match once, newest
// first, and a ticket filed meanwhile does not shift the later pages.
func TestSearchTicketsPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "gerente@panaderia.test")
		agent := env.User(t, "agente@oceanic.test")
		var want []int64
		for i := range 7 {
			n := validTicket()
			n.Title = fmt.Sprintf("Paginación número %d del informe", i)
			tk, err := env.Desk.OpenTicket(ctx, u, n, "")
			if err != nil {
				t.Fatal(err)
			}
			want = append([]int64{tk.Number}, want...)
		}
		indexAll(t, env)
		for _, actor := range []model.User{agent, u} {
			var got []int64
			before, pages, filed := int64(0), 0, int64(0)
			for {
				h, err := env.Desk.SearchTickets(ctx, actor, "paginacion informe", model.TicketFilter{Limit: 3}, before)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				got = append(got, numbers(h.Tickets)...)
				if pages == 1 {
					n := validTicket()
					n.Title = "Paginación del informe, nueva"
					tk, err := env.Desk.OpenTicket(ctx, u, n, "")
					if err != nil {
						t.Fatal(err)
					}
					filed = tk.Number
					indexAll(t, env)
				}
				if h.Next == 0 || pages > 5 {
					break
				}
				before = h.Next
			}
			if !slices.Equal(got, want) || pages != 3 {
				t.Errorf("%s: pages %d, got %v, want %v", actor.Email, pages, got, want)
			}
			want = append([]int64{filed}, want...)
		}
	})
}

// TestIndexQueuedTickets: a write queues its ticket, which is found once
// the queue is worked off, in batches, newest first.
func TestIndexQueuedTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		indexAll(t, env)
		u := env.User(t, "compras@ferreteria.test")
		agent := env.User(t, "agente@oceanic.test")
		var nums []int64
		for i := range 5 {
			n := validTicket()
			n.Title = fmt.Sprintf("Kárdex descuadrado %d", i)
			tk, err := env.Desk.OpenTicket(ctx, u, n, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := env.Desk.AddReply(ctx, agent, tk.Number, desk.Reply{Body: "nota con quetzal", Internal: true}); err != nil {
				t.Fatal(err)
			}
			nums = append([]int64{tk.Number}, nums...)
		}
		search := func(actor model.User, q string) []int64 {
			h, err := env.Desk.SearchTickets(ctx, actor, q, model.TicketFilter{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			return numbers(h.Tickets)
		}
		if got := search(agent, "kardex"); got != nil {
			t.Fatalf("found before indexing: %v", got)
		}
		if more, err := env.Desk.IndexQueuedTickets(ctx, 2); !more || err != nil {
			t.Fatalf("first batch: more %v, err %v", more, err)
		}
		if got := search(agent, "kardex"); !slices.Equal(got, nums[:2]) {
			t.Errorf("after one batch of 2: %v, want the newest two %v", got, nums[:2])
		}
		batches := 1
		for more := true; more; batches++ {
			var err error
			if more, err = env.Desk.IndexQueuedTickets(ctx, 2); err != nil {
				t.Fatal(err)
			}
		}
		if batches != 3 {
			t.Errorf("5 tickets in batches of 2: %d batches", batches)
		}
		for _, c := range []struct {
			actor model.User
			q     string
			want  []int64
		}{{agent, "kardex descuadrado", nums}, {u, "kardex descuadrado", nums}, {agent, "quetzal", nums}, {u, "quetzal", nil}} {
			if got := search(c.actor, c.q); !slices.Equal(got, c.want) {
				t.Errorf("%s %q: %v, want %v", c.actor.Email, c.q, got, c.want)
			}
		}
		if n, err := env.Store.Read().QueuedTicketCount(ctx); n != 0 || err != nil {
			t.Errorf("queue after indexing: %d, %v", n, err)
		}
	})
}
