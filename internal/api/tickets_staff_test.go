package api_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"helpdesk/internal/storetest"
)

func TestStaffTicketRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const agent, caja = "agente@oceanic.test", "caja@panaderia.test"
		n := "/api/v1/tickets/" + h.openTicket(caja, "La impresora fiscal no imprime el cierre")
		soporte := strconv.FormatInt(h.env.User(t, "soporte@oceanic.test").ID, 10)
		customer := strconv.FormatInt(h.env.User(t, caja).ID, 10)
		h.run([]scenario{
			{name: "staff list", actor: agent, method: "GET", path: "/api/v1/staff", status: 200,
				want: []string{`"name":"Diana Marín"`, `"role":"admin"`}, notWant: []string{"panaderia"}},
			{name: "staff list, customer", actor: caja, method: "GET", path: "/api/v1/staff", status: 403},
			{name: "assign", actor: agent, method: "POST", path: n + "/assign", body: `{"assignee_id":` + soporte + `}`, status: 200,
				want: []string{`"assignee":"Diana Marín"`, `"kind":"assign"`, `"new_value":"Diana Marín"`}},
			{name: "assign to a customer", actor: agent, method: "POST", path: n + "/assign", body: `{"assignee_id":` + customer + `}`, status: 422,
				want: []string{`"assignee":"Elija una de las opciones."`}},
			{name: "assign to nobody", actor: agent, method: "POST", path: n + "/assign", body: `{"assignee_id":null}`, status: 200,
				want: []string{`"assignee":null`}},
			{name: "assign by name is refused", actor: agent, method: "POST", path: n + "/assign", body: `{"assignee":"Diana"}`, status: 400},
			{name: "customer may not assign", actor: caja, method: "POST", path: n + "/assign", body: `{"assignee_id":` + soporte + `}`, status: 403},
			{name: "priority", actor: agent, method: "POST", path: n + "/priority", body: `{"priority":"Crítica"}`, status: 200,
				want: []string{`"priority":"Crítica"`, `"kind":"priority"`}},
			{name: "bad priority", actor: agent, method: "POST", path: n + "/priority", body: `{"priority":"Urgentísima"}`, status: 422},
			{name: "customer may not set priority", actor: caja, method: "POST", path: n + "/priority", body: `{"priority":"Baja"}`, status: 403},
			{name: "module", actor: agent, method: "POST", path: n + "/module", body: `{"module":"Contabilidad"}`, status: 200,
				want: []string{`"module":"Contabilidad"`, `"kind":"module"`, `"old_value":"Inventarios"`}},
			{name: "unknown module", actor: agent, method: "POST", path: n + "/module", body: `{"module":"Astrología"}`, status: 422,
				want: []string{`"module":"Elija una de las opciones."`}},
			{name: "customer may not reclassify", actor: caja, method: "POST", path: n + "/module", body: `{"module":"Inventarios"}`, status: 403},
			{name: "ticket never issued", actor: agent, method: "POST", path: "/api/v1/tickets/999999/priority", body: `{"priority":"Baja"}`, status: 404},
			{name: "customer sees the changes", actor: caja, method: "GET", path: n, status: 200,
				want: []string{`"priority":"Crítica"`, `"module":"Contabilidad"`}},
		})
	})
}

func TestTicketFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const agent, list = "agente@oceanic.test", "/api/v1/tickets?status=all&limit=100"
		me := h.env.User(t, agent)
		bakery, _ := h.env.Desk.CompanyByNIT(t.Context(), panaderiaNIT)
		hardware, _ := h.env.Desk.CompanyByNIT(t.Context(), ferreteriaNIT)
		h.run([]scenario{
			{name: "by module", actor: agent, method: "GET", path: list + "&module=N%C3%B3mina%20electr%C3%B3nica", status: 200,
				want: []string{`"module":"Nómina electrónica"`}, notWant: []string{`"module":"Inventarios"`, `"module":"Contabilidad"`}},
			{name: "unknown module", actor: agent, method: "GET", path: list + "&module=Astrolog%C3%ADa", status: 400,
				want: []string{`"module":"No hay un módulo con ese nombre."`}},
			{name: "by company", actor: agent, method: "GET", path: list + "&company_id=" + itoa(bakery.ID), status: 200,
				want: []string{`"company":"Panadería La Espiga Ltda."`}, notWant: []string{"Ferretería"}},
			{name: "bad company", actor: agent, method: "GET", path: list + "&company_id=x", status: 400, want: []string{`"company_id":`}},
			{name: "a customer naming another company sees nothing of it", actor: "caja@panaderia.test", method: "GET",
				path: list + "&company_id=" + itoa(hardware.ID), status: 200, want: []string{`{"tickets":[]}`}},
			{name: "assigned to me", actor: agent, method: "GET", path: list + "&assignee=me", status: 200,
				want: []string{`"assignee":"Carlos Gómez"`}, notWant: []string{`"assignee":"Diana Marín"`, `"assignee":null`}},
			{name: "by agent id", actor: agent, method: "GET", path: list + "&assignee=" + itoa(me.ID), status: 200,
				notWant: []string{`"assignee":"Diana Marín"`}},
			{name: "unassigned", actor: agent, method: "GET", path: list + "&assignee=none", status: 200,
				want: []string{`"assignee":null`}, notWant: []string{`"assignee":"`}},
			{name: "bad assignee", actor: agent, method: "GET", path: list + "&assignee=alguien", status: 400,
				want: []string{`"assignee":"Use me, none o el id de un agente."`}},
		})
		t.Run("filters keep the pages", func(t *testing.T) {
			_, body := h.as(agent, "GET", "/api/v1/tickets?status=all&limit=2&company_id="+itoa(bakery.ID), "")
			var p page
			json.Unmarshal([]byte(body), &p)
			if len(p.Tickets) != 2 || p.Next == "" {
				t.Fatalf("first page %s", body)
			}
			_, body = h.as(agent, "GET", "/api/v1/tickets?status=all&limit=100&company_id="+itoa(bakery.ID)+"&before="+p.Next, "")
			if strings.Contains(body, "Ferretería") || strings.Contains(body, `"number":`+itoa(p.Tickets[0].Number)+`,`) {
				t.Errorf("second page %s", body)
			}
		})
	})
}
