package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"helpdesk/internal/desk"
	"helpdesk/internal/storetest"
)

func (h *harness) userID(email string) string {
	h.t.Helper()
	u, err := h.env.Store.Read().UserByEmail(context.Background(), email)
	if err != nil {
		h.t.Fatal(err)
	}
	return itoa(u.ID)
}

func TestCompanyPeopleAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const mgr, bakery, informer = "gerente@ferreteria.test", "gerente@panaderia.test", "compras@ferreteria.test"
		compras := h.userID(informer)
		me := h.userID(mgr)
		// The informer signs in before being disabled, to show the token ends.
		h.token(informer)
		num := h.openTicket(informer, "No cuadra el inventario de tornillos")
		h.run([]scenario{
			{name: "manager lists", actor: mgr, method: "GET", path: "/api/v1/company/people", status: 200,
				want: []string{`"email":"compras@ferreteria.test"`, `"role":"company_admin"`, `"invitation":"none"`}, notWant: []string{"panaderia"}},
			{name: "informer may not list", actor: informer, method: "GET", path: "/api/v1/company/people", status: 403},
			{name: "agent may not list", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/company/people", status: 403},
			{name: "anonymous", method: "GET", path: "/api/v1/company/people", status: 401},
			{name: "invite", actor: mgr, method: "POST", path: "/api/v1/company/people",
				body: `{"name":"Luisa Ríos","email":"Luisa@Ferreteria.test","position":"Auxiliar","phone":"+57 300"}`, status: 201,
				want: []string{`"email":"luisa@ferreteria.test"`, `"role":"informer"`, `"invitation":"pending"`, `"active":true`}},
			{name: "invite with a role", actor: mgr, method: "POST", path: "/api/v1/company/people",
				body: `{"name":"X","email":"x@ferreteria.test","role":"admin"}`, status: 400, want: []string{`"role"`}},
			{name: "invite into another company", actor: mgr, method: "POST", path: "/api/v1/company/people",
				body: `{"name":"X","email":"x@ferreteria.test","company_id":2}`, status: 400, want: []string{`"company_id"`}},
			{name: "invite a taken e-mail", actor: mgr, method: "POST", path: "/api/v1/company/people",
				body: `{"name":"X","email":"CAJA@panaderia.test"}`, status: 422, want: []string{`"email":"Ya existe una persona con ese correo."`}},
			{name: "invite without name", actor: mgr, method: "POST", path: "/api/v1/company/people",
				body: `{"email":"y@ferreteria.test"}`, status: 422, want: []string{`"name"`}},
			{name: "informer may not invite", actor: informer, method: "POST", path: "/api/v1/company/people",
				body: `{"name":"X","email":"z@ferreteria.test"}`, status: 403},
			{name: "other company's manager edits", actor: bakery, method: "PATCH", path: "/api/v1/company/people/" + compras,
				body: `{"active":false}`, status: 404},
			{name: "other company's manager resends", actor: bakery, method: "POST", path: "/api/v1/company/people/" + compras + "/invitation", status: 404},
			{name: "promote to vendor admin", actor: mgr, method: "PATCH", path: "/api/v1/company/people/" + compras,
				body: `{"role":"admin"}`, status: 422, want: []string{`"role"`}},
			{name: "move to another company", actor: mgr, method: "PATCH", path: "/api/v1/company/people/" + compras,
				body: `{"company_id":2}`, status: 400},
			{name: "change the e-mail", actor: mgr, method: "PATCH", path: "/api/v1/company/people/" + compras,
				body: `{"email":"otro@x.test"}`, status: 400},
			{name: "demote the last manager", actor: mgr, method: "PATCH", path: "/api/v1/company/people/" + me,
				body: `{"role":"informer"}`, status: 422, want: []string{`"role":"Es el último administrador activo`}},
			{name: "edit", actor: mgr, method: "PATCH", path: "/api/v1/company/people/" + compras,
				body: `{"name":"Ana María Ruiz","position":"Compras","phone":"601 555"}`, status: 200,
				want: []string{`"name":"Ana María Ruiz"`, `"position":"Compras"`, `"active":true`}},
			{name: "unknown person", actor: mgr, method: "PATCH", path: "/api/v1/company/people/999999", body: `{}`, status: 404},
			{name: "disable", actor: mgr, method: "PATCH", path: "/api/v1/company/people/" + compras,
				body: `{"active":false}`, status: 200, want: []string{`"active":false`}},
			{name: "the disabled informer's token", actor: informer, method: "GET", path: "/api/v1/tickets", status: 401},
			{name: "the disabled informer's ticket stays with the company", actor: mgr, method: "GET", path: "/api/v1/tickets/" + num, status: 200,
				want: []string{"No cuadra el inventario de tornillos"}},
			{name: "other company's manager reads our ticket", actor: bakery, method: "GET", path: "/api/v1/tickets/" + num, status: 404},
			{name: "resend to someone with a password", actor: mgr, method: "POST", path: "/api/v1/company/people/" + compras + "/invitation", status: 422},
			{name: "audit", actor: mgr, method: "GET", path: "/api/v1/company/audit", status: 200,
				want: []string{`"action":"person.disabled"`, `"action":"person.invited"`, `"person":"luisa@ferreteria.test"`}},
			{name: "the bakery's audit", actor: bakery, method: "GET", path: "/api/v1/company/audit", status: 200, notWant: []string{"ferreteria"}},
			{name: "informer audit", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/company/audit", status: 403},
		})
		luisa := h.userID("luisa@ferreteria.test")
		h.run([]scenario{
			{name: "resend", actor: mgr, method: "POST", path: "/api/v1/company/people/" + luisa + "/invitation", status: 200,
				want: []string{`"invitation":"pending"`}},
			{name: "revoke", actor: mgr, method: "DELETE", path: "/api/v1/company/people/" + luisa + "/invitation", status: 204},
			{name: "revoke again", actor: mgr, method: "DELETE", path: "/api/v1/company/people/" + luisa + "/invitation", status: 422},
			{name: "other company revokes", actor: bakery, method: "DELETE", path: "/api/v1/company/people/" + luisa + "/invitation", status: 404},
		})
		status, body := h.as(mgr, "GET", "/api/v1/company/people", "")
		var out struct {
			People []struct {
				Email, Invitation string
				Active            bool
			}
		}
		if status != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil {
			t.Fatalf("list: %d %s", status, body)
		}
		states := map[string]string{}
		for _, p := range out.People {
			states[p.Email] = p.Invitation
		}
		if states["luisa@ferreteria.test"] != "revoked" || states["compras@ferreteria.test"] != "none" {
			t.Errorf("states = %v", states)
		}
	})
}

func TestAdminCompaniesAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const admin = "admin@oceanic.test"
		h.run([]scenario{
			{name: "list", actor: admin, method: "GET", path: "/api/v1/admin/companies", status: 200,
				want: []string{`"nit":"900123456-8"`, `"nit":"800987654-4"`}},
			{name: "agent may not list", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/admin/companies", status: 403},
			{name: "manager may not list", actor: "gerente@ferreteria.test", method: "GET", path: "/api/v1/admin/companies", status: 403},
			{name: "bad check digit", actor: admin, method: "POST", path: "/api/v1/admin/companies",
				body: `{"name":"Droguería","nit":"860002964-5","admin_name":"Rosa","admin_email":"rosa@drogueria.test"}`, status: 422,
				want: []string{`"nit":"El dígito de verificación no corresponde`}},
			{name: "NIT taken", actor: admin, method: "POST", path: "/api/v1/admin/companies",
				body: `{"name":"Droguería","nit":"900.123.456-8","admin_name":"Rosa","admin_email":"rosa@drogueria.test"}`, status: 422,
				want: []string{`"nit":"Ya existe una empresa con ese NIT."`}},
			{name: "create", actor: admin, method: "POST", path: "/api/v1/admin/companies",
				body: `{"name":"Droguería La Salud","nit":"860.002.964-4","seat_limit":3,"admin_name":"Rosa","admin_email":"rosa@drogueria.test"}`, status: 201,
				want: []string{`"nit":"860002964-4"`, `"seat_limit":3`, `"share_tickets":false`, `"active":true`}},
			{name: "unknown field", actor: admin, method: "POST", path: "/api/v1/admin/companies",
				body: `{"name":"X","nit":"860002964-4","admin_name":"R","admin_email":"r@x.test","owner":1}`, status: 400},
			{name: "manager may not create", actor: "gerente@ferreteria.test", method: "POST", path: "/api/v1/admin/companies",
				body: `{"name":"X","nit":"830020006-0","admin_name":"R","admin_email":"r@x.test"}`, status: 403},
		})
		id := ""
		if c, err := h.env.Desk.CompanyByNIT(context.Background(), "860002964-4"); err == nil {
			id = itoa(c.ID)
		} else {
			t.Fatal(err)
		}
		h.run([]scenario{
			{name: "share tickets", actor: admin, method: "PATCH", path: "/api/v1/admin/companies/" + id,
				body: `{"share_tickets":true,"seat_limit":0}`, status: 200, want: []string{`"share_tickets":true`, `"seat_limit":0`, `"name":"Droguería La Salud"`}},
			{name: "negative seats", actor: admin, method: "PATCH", path: "/api/v1/admin/companies/" + id,
				body: `{"seat_limit":-2}`, status: 422},
			{name: "deactivate", actor: admin, method: "PATCH", path: "/api/v1/admin/companies/" + id,
				body: `{"active":false}`, status: 200, want: []string{`"active":false`}},
			{name: "unknown company", actor: admin, method: "PATCH", path: "/api/v1/admin/companies/999999", body: `{}`, status: 404},
		})
		// A deactivated company's people are refused: tokens and logins.
		ferr, _ := h.env.Desk.CompanyByNIT(context.Background(), "900123456-8")
		h.token("compras@ferreteria.test")
		h.run([]scenario{{name: "deactivate the hardware store", actor: admin, method: "PATCH", path: "/api/v1/admin/companies/" + itoa(ferr.ID),
			body: `{"active":false}`, status: 200}})
		if status, _ := h.as("compras@ferreteria.test", "GET", "/api/v1/tickets", ""); status != 401 {
			t.Errorf("token of a deactivated company: %d", status)
		}
		if status, body := h.do("", "POST", "/api/v1/auth/login", `{"email":"compras@ferreteria.test","password":"helpdesk-demo"}`, nil); status != 401 ||
			!strings.Contains(body, "unauthorized") {
			t.Errorf("login to a deactivated company: %d", status)
		}
	})
}

func TestAdminStaffAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const admin = "admin@oceanic.test"
		me, agent := h.userID(admin), h.userID("agente@oceanic.test")
		h.token("agente@oceanic.test")
		h.run([]scenario{
			{name: "list", actor: admin, method: "GET", path: "/api/v1/admin/staff", status: 200,
				want: []string{`"email":"agente@oceanic.test"`, `"role":"admin"`}, notWant: []string{"ferreteria"}},
			{name: "agent may not list", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/admin/staff", status: 403},
			{name: "invite as a customer role", actor: admin, method: "POST", path: "/api/v1/admin/staff",
				body: `{"name":"Nuevo","email":"nuevo@oceanic.test","role":"company_admin"}`, status: 422, want: []string{`"role"`}},
			{name: "invite", actor: admin, method: "POST", path: "/api/v1/admin/staff",
				body: `{"name":"Nuevo","email":"nuevo@oceanic.test","role":"agent"}`, status: 201,
				want: []string{`"role":"agent"`, `"invitation":"pending"`}},
			{name: "disable oneself", actor: admin, method: "PATCH", path: "/api/v1/admin/staff/" + me, body: `{"active":false}`, status: 422},
			{name: "disable a customer", actor: admin, method: "PATCH", path: "/api/v1/admin/staff/" + h.userID("compras@ferreteria.test"),
				body: `{"active":false}`, status: 404},
			{name: "change a role", actor: admin, method: "PATCH", path: "/api/v1/admin/staff/" + agent, body: `{"role":"admin"}`, status: 400},
			{name: "disable the agent", actor: admin, method: "PATCH", path: "/api/v1/admin/staff/" + agent, body: `{"active":false}`, status: 200,
				want: []string{`"active":false`}},
			{name: "the disabled agent's token", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/tickets", status: 401},
			{name: "audit", actor: admin, method: "GET", path: "/api/v1/admin/audit", status: 200,
				want: []string{`"action":"staff.disabled"`, `"action":"staff.invited"`, `"company_id":null`}},
			{name: "audit of a company", actor: admin, method: "GET", path: "/api/v1/admin/audit?company_id=1", status: 200, notWant: []string{"staff."}},
			{name: "audit with a bad company", actor: admin, method: "GET", path: "/api/v1/admin/audit?company_id=x", status: 400,
				want: []string{"Parámetros de consulta no válidos", `"company_id"`}, notWant: []string{"cuerpo JSON"}},
			{name: "audit with a bad cursor", actor: admin, method: "GET", path: "/api/v1/admin/audit?before=nope", status: 400,
				want: []string{`"before"`}},
			{name: "audit's only page has no next", actor: admin, method: "GET", path: "/api/v1/admin/audit", status: 200,
				notWant: []string{`"next"`}},
			{name: "manager may not read the vendor's audit", actor: "gerente@ferreteria.test", method: "GET", path: "/api/v1/admin/audit", status: 403},
		})
	})
}

// TestAuditNextPage: the change log comes 50 at a time; "next" passed as
// "before" gives the older entries, each once.
func TestAuditNextPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const admin = "admin@oceanic.test"
		ctx := context.Background()
		adminUser := h.env.User(t, admin)
		s, err := h.env.Desk.VendorSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range desk.AuditPageSize + 3 {
			s.VendorPhone = "601 555 " + strconv.Itoa(1000+i)
			if err := h.env.Desk.SaveVendorSettings(ctx, adminUser, s); err != nil {
				t.Fatal(err)
			}
		}
		seen := map[int64]bool{}
		path, pages := "/api/v1/admin/audit", 0
		for path != "" {
			status, body := h.as(admin, "GET", path, "")
			if status != 200 {
				t.Fatalf("%s: %d %s", path, status, body)
			}
			var page struct {
				Audit []struct{ ID int64 } `json:"audit"`
				Next  string               `json:"next"`
			}
			if err := json.Unmarshal([]byte(body), &page); err != nil {
				t.Fatal(err)
			}
			pages++
			if len(page.Audit) > desk.AuditPageSize || (page.Next != "" && len(page.Audit) != desk.AuditPageSize) {
				t.Fatalf("page %d: %d entries, next %q", pages, len(page.Audit), page.Next)
			}
			for _, e := range page.Audit {
				if seen[e.ID] {
					t.Fatalf("entry %d twice", e.ID)
				}
				seen[e.ID] = true
			}
			path = ""
			if page.Next != "" {
				path = "/api/v1/admin/audit?before=" + url.QueryEscape(page.Next)
			}
		}
		if len(seen) < desk.AuditPageSize+3 || pages != (len(seen)+desk.AuditPageSize-1)/desk.AuditPageSize {
			t.Errorf("%d entries on %d pages", len(seen), pages)
		}
	})
}
