package api_test

import (
	"encoding/json"
	"helpdesk/internal/storetest"
	"testing"
	"time"
)

// Demo tickets of the hardware store, which does not share tickets: one
// by its admin, one by its informer.
const (
	jorgeTicket = "Factura electrónica rechazada por la DIAN con código FAD06"
	anaTicket   = "No me deja facturar porque dice inventario negativo"
	// A bakery ticket by its admin; the bakery shares tickets.
	patriciaTicket = "Capacitación en nómina electrónica para la nueva auxiliar"
	// Text of the internal note on jorgeTicket.
	jorgeNote = "la clave técnica configurada es la de la resolución anterior"
)

func TestTicketVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		jorge, ana, patricia := h.number(jorgeTicket), h.number(anaTicket), h.number(patriciaTicket)
		const never = "/api/v1/tickets/999999"
		h.run([]scenario{
			{name: "other company", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/tickets/" + jorge,
				status: 404, want: []string{`"code":"not_found"`}, notWant: []string{"FAD06", "Ferretería"}},
			{name: "never issued", actor: "caja@panaderia.test", method: "GET", path: never,
				status: 404, want: []string{`"code":"not_found"`}},
			{name: "not a number", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/tickets/abc",
				status: 404, want: []string{`"code":"not_found"`}},
			{name: "zero", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/tickets/0",
				status: 404, want: []string{`"code":"not_found"`}},
			{name: "informer, admin's ticket, no sharing", actor: "compras@ferreteria.test", method: "GET", path: "/api/v1/tickets/" + jorge,
				status: 404, want: []string{`"code":"not_found"`}, notWant: []string{"FAD06"}},
			{name: "informer, own ticket", actor: "compras@ferreteria.test", method: "GET", path: "/api/v1/tickets/" + ana,
				status: 200, want: []string{`"title":"` + anaTicket + `"`, `"reporter":{"name":"Ana María Ospina"`, `"timeline":[{"id":`, `"kind":"created"`}},
			{name: "company admin, informer's ticket", actor: "gerente@ferreteria.test", method: "GET", path: "/api/v1/tickets/" + ana,
				status: 200, want: []string{`"title":"` + anaTicket + `"`}},
			{name: "sharing company", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/tickets/" + patricia,
				status: 200, want: []string{`"title":"` + patriciaTicket + `"`, `"status":"cerrado"`, `"closed_at":"20`}},
			{name: "agent sees all", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/tickets/" + jorge,
				status: 200, want: []string{`"title":"` + jorgeTicket + `"`, `"assignee":"Carlos Gómez"`, `"priority":"Alta"`}},
			{name: "customer timeline hides notes", actor: "gerente@ferreteria.test", method: "GET", path: "/api/v1/tickets/" + jorge,
				status: 200, want: []string{`"kind":"message"`, `"staff":true`, `"attachments":[]`}, notWant: []string{jorgeNote, `"kind":"note"`}},
			{name: "agent timeline shows notes", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/tickets/" + jorge,
				status: 200, want: []string{jorgeNote, `"kind":"note"`}},
			{name: "reply to unseen ticket", actor: "compras@ferreteria.test", method: "POST", path: "/api/v1/tickets/" + jorge + "/messages",
				body: `{"body":"hola"}`, status: 404, want: []string{`"code":"not_found"`}},
			{name: "status of unseen ticket", actor: "caja@panaderia.test", method: "POST", path: "/api/v1/tickets/" + ana + "/status",
				body: `{"status":"cerrado"}`, status: 404, want: []string{`"code":"not_found"`}},
			{name: "informer's list", actor: "compras@ferreteria.test", method: "GET", path: "/api/v1/tickets?status=all&limit=100",
				status: 200, want: []string{anaTicket}, notWant: []string{jorgeTicket, patriciaTicket}},
			{name: "company admin's list", actor: "gerente@ferreteria.test", method: "GET", path: "/api/v1/tickets?status=all&limit=100",
				status: 200, want: []string{anaTicket, jorgeTicket}, notWant: []string{patriciaTicket, "Panadería"}},
		})

		t.Run("unseen and never issued answer alike", func(t *testing.T) {
			_, unseen := h.as("caja@panaderia.test", "GET", "/api/v1/tickets/"+jorge, "")
			_, never := h.as("caja@panaderia.test", "GET", never, "")
			_, word := h.as("caja@panaderia.test", "GET", "/api/v1/tickets/abc", "")
			if unseen != never || never != word {
				t.Errorf("bodies differ:\n%s\n%s\n%s", unseen, never, word)
			}
		})
	})
}

func TestListTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const list = "/api/v1/tickets"
		h.run([]scenario{
			{name: "default is open", actor: "caja@panaderia.test", method: "GET", path: list,
				status: 200, want: []string{`{"tickets":[{"number":`, `"status":"resuelto"`}, notWant: []string{`"status":"cerrado"`, `"next"`}},
			{name: "open", actor: "caja@panaderia.test", method: "GET", path: list + "?status=open",
				status: 200, notWant: []string{`"status":"cerrado"`}},
			{name: "all", actor: "caja@panaderia.test", method: "GET", path: list + "?status=all",
				status: 200, want: []string{`"status":"cerrado"`, `"status":"resuelto"`}},
			{name: "one status", actor: "caja@panaderia.test", method: "GET", path: list + "?status=cerrado",
				status: 200, want: []string{`"status":"cerrado"`}, notWant: []string{`"status":"resuelto"`, `"status":"en_proceso"`}},
			{name: "abierto", actor: "caja@panaderia.test", method: "GET", path: list + "?status=abierto",
				status: 200, want: []string{`"status":"abierto"`}, notWant: []string{`"status":"cerrado"`, `"status":"en_proceso"`, `"status":"resuelto"`}},
			{name: "bad status", actor: "caja@panaderia.test", method: "GET", path: list + "?status=closed",
				status: 400, want: []string{`"code":"bad_request"`, `"status":"Use open, all o un estado."`}},
			{name: "limit 0", actor: "caja@panaderia.test", method: "GET", path: list + "?limit=0",
				status: 400, want: []string{`"limit":"Use un número entre 1 y 100."`}},
			{name: "limit 101", actor: "caja@panaderia.test", method: "GET", path: list + "?limit=101",
				status: 400, want: []string{`"limit":`}},
			{name: "limit word", actor: "caja@panaderia.test", method: "GET", path: list + "?limit=diez",
				status: 400, want: []string{`"limit":`}},
			{name: "bad cursor", actor: "caja@panaderia.test", method: "GET", path: list + "?before=zzz",
				status: 400, want: []string{`"before":"Cursor no válido."`}},
			{name: "limit 1 has next", actor: "agente@oceanic.test", method: "GET", path: list + "?limit=1",
				status: 200, want: []string{`"next":"`}},
			{name: "anonymous", method: "GET", path: list, status: 401, want: []string{`"code":"unauthorized"`}},
		})

		t.Run("pages", func(t *testing.T) {
			_, body := h.as("agente@oceanic.test", "GET", list+"?status=all&limit=100", "")
			var all page
			json.Unmarshal([]byte(body), &all)
			if len(all.Tickets) < 30 || all.Next != "" {
				t.Fatalf("one big page: %d tickets, next %q", len(all.Tickets), all.Next)
			}
			var got []page
			path := list + "?status=all&limit=7"
			for path != "" && len(got) < 20 {
				_, body := h.as("agente@oceanic.test", "GET", path, "")
				var p page
				if err := json.Unmarshal([]byte(body), &p); err != nil || len(p.Tickets) == 0 || len(p.Tickets) > 7 {
					t.Fatalf("page %d: %v %s", len(got), err, body)
				}
				got = append(got, p)
				path = ""
				if p.Next != "" {
					path = list + "?status=all&limit=7&before=" + p.Next
				}
			}
			var numbers []int64
			for _, p := range got {
				for _, tk := range p.Tickets {
					numbers = append(numbers, tk.Number)
				}
			}
			if len(numbers) != len(all.Tickets) {
				t.Fatalf("%d tickets in pages, %d in one", len(numbers), len(all.Tickets))
			}
			for i, tk := range all.Tickets {
				if numbers[i] != tk.Number {
					t.Fatalf("ticket %d: %d in pages, %d in one", i, numbers[i], tk.Number)
				}
				if i > 0 && tk.CreatedAt.After(all.Tickets[i-1].CreatedAt) {
					t.Errorf("not newest first at %d", i)
				}
			}
		})
	})
}

type page struct {
	Tickets []struct {
		Number    int64
		CreatedAt time.Time `json:"created_at"`
	}
	Next string
}
