package api_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"helpdesk/internal/storetest"
)

func TestFAQRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const agent, caja = "agente@oceanic.test", "caja@panaderia.test"
		draft := `{"title":"La báscula Mettler no envía el peso","module":"Inventarios","situation":"Al pesar, la caja no recibe el peso.",` +
			`"cause":"El puerto COM cambió.","solution":"Configure el puerto en Parámetros."}`
		status, body := h.as(agent, "POST", "/api/v1/faqs", draft)
		var f struct {
			ID        int64
			Published bool
		}
		if json.Unmarshal([]byte(body), &f); status != 201 || f.ID == 0 || f.Published {
			t.Fatalf("create: %d %s", status, body)
		}
		id := "/api/v1/faqs/" + itoa(f.ID)
		h.run([]scenario{
			{name: "customers list published only", actor: caja, method: "GET", path: "/api/v1/faqs", status: 200,
				want: []string{`"published":true`, rejectedInvoice}, notWant: []string{"Mettler", `"published":false`}},
			{name: "staff see drafts", actor: agent, method: "GET", path: "/api/v1/faqs", status: 200, want: []string{"Mettler", `"published":false`}},
			{name: "one module", actor: caja, method: "GET", path: "/api/v1/faqs?module=" + url.QueryEscape("Facturación electrónica"), status: 200,
				want: []string{rejectedInvoice}, notWant: []string{`"module":"Nómina electrónica"`}},
			{name: "unknown module", actor: caja, method: "GET", path: "/api/v1/faqs?module=Astro", status: 400},
			{name: "search", actor: caja, method: "GET", path: "/api/v1/faqs?q=" + url.QueryEscape("facturas electronicas rechazadas"), status: 200,
				want: []string{`{"faqs":[{"id":`, rejectedInvoice}},
			{name: "search misses drafts", actor: agent, method: "GET", path: "/api/v1/faqs?q=mettler", status: 200, notWant: []string{"Mettler"}},
			{name: "draft hidden from customers", actor: caja, method: "GET", path: id, status: 404, notWant: []string{"Mettler"}},
			{name: "draft for staff", actor: agent, method: "GET", path: id, status: 200, want: []string{"Mettler", `"published":false`}},
			{name: "customer may not write", actor: caja, method: "POST", path: "/api/v1/faqs", body: draft, status: 403},
			{name: "customer may not edit", actor: caja, method: "PATCH", path: id, body: `{"title":"x"}`, status: 403},
			{name: "customer may not publish", actor: caja, method: "POST", path: id + "/publish", body: `{"published":true}`, status: 403},
			{name: "author is not settable", actor: agent, method: "POST", path: "/api/v1/faqs",
				body: strings.Replace(draft, `{`, `{"author_id":1,`, 1), status: 400, want: []string{`"author_id":"Campo desconocido."`}},
			{name: "missing parts", actor: agent, method: "POST", path: "/api/v1/faqs", body: `{"title":"Solo título"}`, status: 422,
				want: []string{`"situation":"Este campo es obligatorio."`, `"module":"Elija una de las opciones."`}},
			{name: "edit one field", actor: agent, method: "PATCH", path: id, body: `{"title":"La báscula no envía el peso a la caja"}`, status: 200,
				want: []string{`"title":"La báscula no envía el peso a la caja"`, `"cause":"El puerto COM cambió."`}},
			{name: "edit to a blank field", actor: agent, method: "PATCH", path: id, body: `{"solution":" "}`, status: 422,
				want: []string{`"solution":"Este campo es obligatorio."`}},
			{name: "publish needs the flag", actor: agent, method: "POST", path: id + "/publish", body: `{}`, status: 422},
			{name: "publish", actor: agent, method: "POST", path: id + "/publish", body: `{"published":true}`, status: 200, want: []string{`"published":true`}},
			{name: "now customers read it", actor: caja, method: "GET", path: id, status: 200, want: []string{"La báscula no envía el peso"}},
			{name: "and find it", actor: caja, method: "GET", path: "/api/v1/faqs?q=bascula%20peso", status: 200, want: []string{"La báscula no envía el peso"}},
			{name: "unpublish", actor: agent, method: "POST", path: id + "/publish", body: `{"published":false}`, status: 200, want: []string{`"published":false`}},
			{name: "gone for customers", actor: caja, method: "GET", path: id, status: 404},
			{name: "publish on create", actor: agent, method: "POST", path: "/api/v1/faqs",
				body: strings.Replace(draft, `{`, `{"published":true,`, 1), status: 201, want: []string{`"published":true`}},
			{name: "never issued", actor: agent, method: "PATCH", path: "/api/v1/faqs/999999", body: `{"title":"x"}`, status: 404},
			{name: "description", method: "GET", path: "/api/v1/openapi.json", status: 200, want: []string{`"openapi": "3.1.0"`, "/api/v1/launch"}},
		})
	})
}
