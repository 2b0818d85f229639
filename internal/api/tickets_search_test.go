package api_test

import (
	"encoding/json"
	"net/url"
	"testing"

	"helpdesk/internal/storetest"
)

// TestTicketSearchQ: GET /api/v1/tickets?q= finds by words within the
// caller's tickets and the filters, newest first, in keyset pages.
func TestTicketSearchQ(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		mine := h.openTicket("compras@ferreteria.test", "El murciélago borra el kárdex")
		bakery := h.openTicket("caja@panaderia.test", "Murciélagos en el kárdex de harinas")
		if status, body := h.as("agente@oceanic.test", "POST", "/api/v1/tickets/"+mine+"/messages",
			`{"body":"Sospecho del ornitorrinco","internal":true}`); status != 201 {
			t.Fatalf("note: %d %s", status, body)
		}
		h.env.Index(t)
		list := "/api/v1/tickets?status=all&q="
		h.run([]scenario{
			{name: "staff: newest first, accents and plural", actor: "agente@oceanic.test", method: "GET", path: list + "murcielago+kardex",
				status: 200, want: []string{`"tickets":[{"number":` + bakery, `"number":` + mine}},
			{name: "staff: internal note", actor: "agente@oceanic.test", method: "GET", path: list + "ornitorrinco",
				status: 200, want: []string{`"number":` + mine}, notWant: []string{`"number":` + bakery}},
			{name: "staff: company filter", actor: "agente@oceanic.test", method: "GET",
				path:   list + "murci&company_id=" + itoa(h.env.User(t, "caja@panaderia.test").CompanyID),
				status: 200, want: []string{`"number":` + bakery}, notWant: []string{`"number":` + mine}},
			{name: "informer: own only", actor: "compras@ferreteria.test", method: "GET", path: list + "murcielago",
				status: 200, want: []string{`"number":` + mine}, notWant: []string{`"number":` + bakery}},
			{name: "informer: never by a note", actor: "compras@ferreteria.test", method: "GET", path: list + "ornitorrinco",
				status: 200, want: []string{`"tickets":[]`}},
			{name: "other company", actor: "caja@panaderia.test", method: "GET", path: list + "borra+kardex",
				status: 200, want: []string{`"tickets":[]`}},
			{name: "symbols are text", actor: "agente@oceanic.test", method: "GET", path: list + url.QueryEscape(`"kárdex" (harinas*) %_\`),
				status: 200, want: []string{`"number":` + bakery}},
			{name: "stop words only", actor: "agente@oceanic.test", method: "GET", path: list + "de+la+que",
				status: 422, want: []string{`"q":"Escriba al menos una palabra`}},
			{name: "open by default", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/tickets?q=murcielago",
				status: 200, want: []string{`"number":` + mine}},
		})
		t.Run("keyset pages", func(t *testing.T) {
			status, body := h.as("agente@oceanic.test", "GET", list+"kardex&limit=1", "")
			var p1 struct {
				Tickets []struct{ Number int64 }
				Next    string
			}
			if status != 200 || json.Unmarshal([]byte(body), &p1) != nil || len(p1.Tickets) != 1 || p1.Next == "" {
				t.Fatalf("page 1: %d %s", status, body)
			}
			status, body = h.as("agente@oceanic.test", "GET", list+"kardex&limit=1&before="+p1.Next, "")
			var p2 struct {
				Tickets []struct{ Number int64 }
				Next    string
			}
			if status != 200 || json.Unmarshal([]byte(body), &p2) != nil || len(p2.Tickets) != 1 ||
				itoa(p1.Tickets[0].Number) != bakery || itoa(p2.Tickets[0].Number) != mine {
				t.Fatalf("page 2: %d %s", status, body)
			}
		})
	})
}
