package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"helpdesk/internal/app"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

// invitePath is the link of the newest invitation mailed to an address.
func invitePath(t *testing.T, a *app.App, email string) string {
	t.Helper()
	jobs, err := a.Store.Read().Jobs(context.Background(), desk.JobMail, 1000)
	if err != nil {
		t.Fatal(err)
	}
	path := ""
	for _, j := range jobs {
		var m model.Mail
		if err := json.Unmarshal([]byte(j.Payload), &m); err != nil {
			t.Fatal(err)
		}
		if m.To == email && (m.Template == "invite" || m.Template == "invite_staff") {
			path = m.Path
		}
	}
	if path == "" {
		t.Fatalf("no invitation mailed to %s", email)
	}
	return path
}

func userID(t *testing.T, a *app.App, email string) string {
	t.Helper()
	u, err := a.Store.Read().UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return itoa(u.ID)
}

func TestPeoplePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := appServer(t, db)
		mgr := login(t, srv, "gerente@ferreteria.test")
		const page = "/company/people"

		res, body := mgr.get(page)
		if res.StatusCode != 200 || !strings.Contains(body, "compras@ferreteria.test") || !strings.Contains(body, `href="/company/people" aria-current="page"`) ||
			strings.Contains(body, "caja@panaderia.test") {
			t.Fatalf("manager's page: %d", res.StatusCode)
		}
		for _, who := range []string{"compras@ferreteria.test", "agente@oceanic.test", "admin@oceanic.test"} {
			c := login(t, srv, who)
			if res, _ := c.get(page); res.StatusCode != 404 {
				t.Errorf("%s GET: %d", who, res.StatusCode)
			}
			if res, _ := c.post(page, url.Values{"name": {"X"}, "email": {"x@ferreteria.test"}}); res.StatusCode != 404 {
				t.Errorf("%s POST: %d", who, res.StatusCode)
			}
			if _, body := c.get("/faqs"); strings.Contains(body, `href="/company/people"`) {
				t.Errorf("%s sees Gestionar Informadores", who)
			}
		}

		// Refused: the page again with the message and what was typed.
		res, body = mgr.post(page, url.Values{"name": {"Luisa <Ríos>"}, "email": {"COMPRAS@ferreteria.test"}, "position": {"Auxiliar"}, "phone": {"300 123"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Ya existe una persona con ese correo.") ||
			!strings.Contains(body, `value="Luisa &lt;Ríos&gt;"`) || !strings.Contains(body, `value="Auxiliar"`) || !strings.Contains(body, `value="300 123"`) {
			t.Fatalf("refused invitation: %d", res.StatusCode)
		}
		res, _ = mgr.post(page, url.Values{"name": {"Luisa Ríos"}, "email": {"luisa@ferreteria.test"}, "position": {"Auxiliar"}})
		if res.StatusCode != 303 || res.Header.Get("Location") != page+"?ok=invited" {
			t.Fatalf("invite: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if _, body := mgr.get(page + "?ok=invited"); !strings.Contains(body, "La invitación fue enviada") || !strings.Contains(body, "Invitación pendiente") ||
			!strings.Contains(body, "Invitó a una persona") {
			t.Error("the page does not show the pending invitation and its audit entry")
		}

		// The invitation page: GET changes nothing, POST sets the password.
		link := invitePath(t, a, "luisa@ferreteria.test")
		guest := newClient(t, srv)
		for range 2 {
			if res, body := guest.get(link); res.StatusCode != 200 || !strings.Contains(body, "Luisa Ríos") || res.Header.Get("Referrer-Policy") != "no-referrer" {
				t.Fatalf("invitation page: %d", res.StatusCode)
			}
		}
		res, body = guest.post(link, url.Values{"password": {"Lámpara-Verde-2026"}, "confirm": {"Lámpara-Roja-2026"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Las contraseñas no coinciden.") {
			t.Fatalf("mismatch: %d", res.StatusCode)
		}
		res, _ = guest.post(link, url.Values{"password": {"Lámpara-Verde-2026"}, "confirm": {"Lámpara-Verde-2026"}})
		if res.StatusCode != 303 || res.Header.Get("Location") != "/tickets" {
			t.Fatalf("accept: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if res, body := guest.get("/tickets"); res.StatusCode != 200 || !strings.Contains(body, "Luisa Ríos") {
			t.Fatalf("signed in after accepting: %d", res.StatusCode)
		}
		for _, l := range []string{link, link + "x", "/invite/nada"} {
			if res, body := newClient(t, srv).get(l); res.StatusCode != 410 || !strings.Contains(body, "ya no sirve") {
				t.Errorf("%s: %d", l, res.StatusCode)
			}
		}

		// Disabled: the person's open page stops working.
		id := userID(t, a, "luisa@ferreteria.test")
		if res, _ := mgr.post(page+"/"+id+"/active", url.Values{"active": {"0"}}); res.StatusCode != 303 {
			t.Fatalf("disable: %d", res.StatusCode)
		}
		if res, _ := guest.get("/tickets"); res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("disabled person's page: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		// The last manager cannot disable or demote themselves.
		me := userID(t, a, "gerente@ferreteria.test")
		res, body = mgr.post(page+"/"+me+"/active", url.Values{"active": {"0"}})
		if res.StatusCode != 422 || !strings.Contains(body, "No puede deshabilitarse a sí mismo.") {
			t.Errorf("disable oneself: %d", res.StatusCode)
		}
	})
}

func TestPersonEditPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := appServer(t, db)
		mgr, bakery := login(t, srv, "gerente@ferreteria.test"), login(t, srv, "gerente@panaderia.test")
		id := userID(t, a, "compras@ferreteria.test")
		page := "/company/people/" + id
		if res, body := mgr.get(page); res.StatusCode != 200 || !strings.Contains(body, "compras@ferreteria.test") {
			t.Fatalf("edit page: %d", res.StatusCode)
		}
		for _, p := range []string{page, "/company/people/" + userID(t, a, "admin@oceanic.test")} {
			if res, _ := bakery.get(p); res.StatusCode != 404 {
				t.Errorf("other company's manager GET %s: %d", p, res.StatusCode)
			}
		}
		if res, _ := bakery.post(page, url.Values{"name": {"Hackeado"}, "role": {"informer"}}); res.StatusCode != 404 {
			t.Errorf("other company's manager POST: %d", res.StatusCode)
		}
		tests := []struct {
			name string
			form url.Values
			want string
		}{
			{"vendor role", url.Values{"name": {"Ana <b>"}, "position": {"Compras"}, "phone": {"1"}, "role": {"admin"}}, "Elija una de las opciones."},
			{"no name", url.Values{"name": {""}, "position": {"Compras <b>"}, "phone": {"1"}, "role": {"informer"}}, "Este campo es obligatorio."},
		}
		for _, tt := range tests {
			res, body := mgr.post(page, tt.form)
			if res.StatusCode != 422 || !strings.Contains(body, tt.want) {
				t.Errorf("%s: %d", tt.name, res.StatusCode)
			}
			for _, f := range []string{"name", "position"} {
				if v := tt.form.Get(f); v != "" && !strings.Contains(body, `value="`+html.EscapeString(v)+`"`) {
					t.Errorf("%s: %s %q not kept", tt.name, f, v)
				}
			}
		}
		res, _ := mgr.post(page, url.Values{"name": {"Ana María Ruiz"}, "position": {"Jefe de compras"}, "phone": {"+57 300"}, "role": {"company_admin"},
			"company_id": {"999"}})
		if res.StatusCode != 303 {
			t.Fatalf("save: %d", res.StatusCode)
		}
		u, _ := a.Store.Read().UserByEmail(context.Background(), "compras@ferreteria.test")
		if u.Name != "Ana María Ruiz" || u.Role != model.RoleCompanyAdmin || u.CompanyID == 999 {
			t.Errorf("saved = %+v", u)
		}
		if _, body := mgr.get("/company/people"); !strings.Contains(body, "rol: Informador → Administrador de la empresa") ||
			!strings.Contains(body, "cargo: — → Jefe de compras") {
			t.Error("the change log does not show the role and position changes in Spanish")
		}
	})
}

func TestVendorPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := appServer(t, db)
		admin, agent, mgr := login(t, srv, "admin@oceanic.test"), login(t, srv, "agente@oceanic.test"), login(t, srv, "gerente@ferreteria.test")
		for _, p := range []string{"/console/companies", "/console/staff", "/console/settings", "/console/audit"} {
			if res, _ := admin.get(p); res.StatusCode != 200 {
				t.Errorf("admin %s: %d", p, res.StatusCode)
			}
			for name, c := range map[string]*client{"agent": agent, "manager": mgr} {
				if res, _ := c.get(p); res.StatusCode != 404 {
					t.Errorf("%s %s: %d", name, p, res.StatusCode)
				}
			}
		}
		res, body := admin.post("/console/companies", url.Values{"name": {"Droguería <La Salud>"}, "nit": {"860002964-5"}, "seat_limit": {"5"},
			"admin_name": {"Rosa Díaz"}, "admin_email": {"rosa@drogueria.test"}})
		if res.StatusCode != 422 || !strings.Contains(body, "El dígito de verificación no corresponde") ||
			!strings.Contains(body, `value="Droguería &lt;La Salud&gt;"`) || !strings.Contains(body, `value="rosa@drogueria.test"`) || !strings.Contains(body, `value="5"`) {
			t.Fatalf("bad NIT: %d", res.StatusCode)
		}
		res, _ = admin.post("/console/companies", url.Values{"name": {"Droguería La Salud"}, "nit": {"860.002.964-4"}, "seat_limit": {"5"},
			"admin_name": {"Rosa Díaz"}, "admin_email": {"rosa@drogueria.test"}})
		if res.StatusCode != 303 {
			t.Fatalf("create company: %d", res.StatusCode)
		}
		loc := res.Header.Get("Location")
		if res, body := admin.get(loc); res.StatusCode != 200 || !strings.Contains(body, "860002964-4") || !strings.Contains(body, "rosa@drogueria.test") ||
			!strings.Contains(body, "Creó la empresa") {
			t.Errorf("company page: %d", res.StatusCode)
		}
		first := invitePath(t, a, "rosa@drogueria.test")
		rosa := userID(t, a, "rosa@drogueria.test")
		res, _ = admin.post("/console/people/"+rosa+"/resend", nil)
		if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), strings.Split(loc, "?")[0]+"?ok=invitation_resent") || invitePath(t, a, "rosa@drogueria.test") == first {
			t.Errorf("admin resends the first manager's invitation: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		res, body = admin.post("/console/people/"+rosa+"/active", url.Values{"active": {"0"}})
		if res.StatusCode != 422 || !strings.Contains(body, "último administrador activo de la empresa") {
			t.Errorf("admin disables the only manager: %d", res.StatusCode)
		}
		for _, p := range []string{"/console/people/" + userID(t, a, "agente@oceanic.test") + "/resend", "/console/people/999999/revoke"} {
			if res, _ := admin.post(p, nil); res.StatusCode != 404 {
				t.Errorf("%s: %d", p, res.StatusCode)
			}
		}
		if res, _ := mgr.post("/console/people/"+rosa+"/revoke", nil); res.StatusCode != 404 {
			t.Errorf("a manager uses the console: %d", res.StatusCode)
		}

		// Settings: refused values are kept.
		res, body = admin.post("/console/settings", url.Values{"vendor_name": {"Oceanic <S.A.S.>"}, "vendor_phone": {"601 555"}, "scope_notice": {"Aviso"},
			"autoclose_days": {"120"}, "smtp_from": {"soporte"}})
		if res.StatusCode != 422 || !strings.Contains(body, "entre 1 y 90") || !strings.Contains(body, "Escriba un correo válido, solo o con un nombre") ||
			!strings.Contains(body, `value="120"`) || !strings.Contains(body, `value="Oceanic &lt;S.A.S.&gt;"`) {
			t.Errorf("bad settings: %d", res.StatusCode)
		}
		// 0 days: resolved tickets never close themselves.
		res, _ = admin.post("/console/settings", url.Values{"vendor_name": {"Oceanic"}, "vendor_phone": {"601 555"}, "scope_notice": {"Aviso"},
			"autoclose_days": {"0"}, "smtp_from": {"Soporte Oceanic <soporte@oceanic.test>"}})
		if vs, _ := a.Desk.VendorSettings(context.Background()); res.StatusCode != 303 || vs.AutoCloseDays != 0 || vs.SMTPFrom != "Soporte Oceanic <soporte@oceanic.test>" {
			t.Errorf("save 0 days and a named sender: %d %+v", res.StatusCode, vs)
		}
		res, _ = admin.post("/console/settings", url.Values{"vendor_name": {"Oceanic"}, "vendor_phone": {"601 555"}, "scope_notice": {"Aviso"},
			"autoclose_days": {"10"}, "smtp_from": {"soporte@oceanic.test"}})
		if res.StatusCode != 303 {
			t.Errorf("save settings: %d", res.StatusCode)
		}
		mods, _ := a.Desk.Modules(context.Background())
		res, body = admin.post("/console/modules/"+itoa(mods[0].ID)+"/delete", nil)
		if res.StatusCode != 422 || strings.Count(body, "FAQs y no se puede eliminar") != 1 {
			t.Errorf("delete a module in use: %d, the refusal %d times", res.StatusCode, strings.Count(body, "FAQs y no se puede eliminar"))
		}
		// Moves: an unknown direction is refused, the first module going up
		// does not claim to have moved.
		moves := []struct {
			name, dir string
			id        int64
			status    int
			location  string
			bodyHas   string
		}{
			{"unknown direction", "sideways", mods[0].ID, 422, "", "Elija subir o bajar el módulo."},
			{"first one up", "up", mods[0].ID, 303, "/console/settings#modules", ""},
			{"down", "down", mods[0].ID, 303, "/console/settings?ok=module_moved#modules", ""},
		}
		for _, m := range moves {
			res, body := admin.post("/console/modules/"+itoa(m.id)+"/move", url.Values{"dir": {m.dir}})
			if res.StatusCode != m.status || res.Header.Get("Location") != m.location || !strings.Contains(body, m.bodyHas) {
				t.Errorf("%s: %d %q", m.name, res.StatusCode, res.Header.Get("Location"))
			}
		}
		if after, _ := a.Desk.Modules(context.Background()); after[1].ID != mods[0].ID {
			t.Errorf("the moves left the first module at %+v", after)
		}

		// Staff: invite, and the last admin cannot disable themselves.
		res, body = admin.post("/console/staff", url.Values{"name": {"Nuevo"}, "email": {"nuevo@oceanic.test"}, "role": {"company_admin"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Elija una de las opciones.") || !strings.Contains(body, `value="nuevo@oceanic.test"`) {
			t.Errorf("staff with a customer role: %d", res.StatusCode)
		}
		if res, _ := admin.post("/console/staff", url.Values{"name": {"Nuevo"}, "email": {"nuevo@oceanic.test"}, "role": {"agent"}}); res.StatusCode != 303 {
			t.Errorf("invite staff: %d", res.StatusCode)
		}
		res, body = admin.post("/console/staff/"+userID(t, a, "admin@oceanic.test")+"/active", url.Values{"active": {"0"}})
		if res.StatusCode != 422 || !strings.Contains(body, "No puede deshabilitarse") {
			t.Errorf("disable oneself: %d", res.StatusCode)
		}
		if _, body := admin.get("/console/audit"); !strings.Contains(body, "Invitó a personal") || !strings.Contains(body, "Cambió la configuración") {
			t.Error("audit page misses entries")
		}
	})
}

func TestPeoplePageInEnglish(t *testing.T) {
	srv, _ := appServer(t, storetest.SQLiteDB)
	mgr := login(t, srv, "gerente@ferreteria.test")
	if res, _ := mgr.post("/lang", url.Values{"lang": {"en"}, "back": {"/company/people"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch language: %d", res.StatusCode)
	}
	_, body := mgr.get("/company/people")
	for _, want := range []string{"Manage informers", "Create an informer", "Send invitation", "Change log"} {
		if !strings.Contains(body, want) {
			t.Errorf("English page misses %q", want)
		}
	}
	res, body := mgr.post("/company/people", url.Values{"name": {"X"}, "email": {"bad"}})
	if res.StatusCode != 422 || !strings.Contains(body, "Enter a valid e-mail address") {
		t.Errorf("English error: %d", res.StatusCode)
	}
}

// TestAuditPager: the change logs show 50 entries a page with links to the
// next and first pages; the settings entry shows only what changed.
func TestAuditPager(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := appServer(t, db)
		ctx := context.Background()
		adminUser, _ := a.Store.Read().UserByEmail(ctx, "admin@oceanic.test")
		s, err := a.Desk.VendorSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range desk.AuditPageSize + 5 {
			s.VendorPhone = "601 555 " + strconv.Itoa(1000+i)
			if err := a.Desk.SaveVendorSettings(ctx, adminUser, s); err != nil {
				t.Fatal(err)
			}
		}
		admin := login(t, srv, "admin@oceanic.test")
		_, first := admin.get("/console/audit")
		if n := strings.Count(first, "<td class=\"details\">"); n != desk.AuditPageSize {
			t.Errorf("first page shows %d entries", n)
		}
		if !strings.Contains(first, "teléfono: 601 555 1053 → 601 555 1054") || strings.Contains(first, "nombre del proveedor:") {
			t.Error("the settings entry does not show only the change")
		}
		i := strings.Index(first, `rel="next"`)
		j := strings.LastIndex(first[:max(i, 0)], `href="`)
		if i < 0 || j < 0 || strings.Contains(first, "Primera página") {
			t.Fatal("no link to the next page on the first page")
		}
		next := html.UnescapeString(first[j+len(`href="`) : j+strings.Index(first[j+len(`href="`):], `"`)+len(`href="`)])
		if !strings.HasPrefix(next, "/console/audit?before=") {
			t.Fatalf("next link %q", next)
		}
		res, second := admin.get(next)
		if res.StatusCode != 200 || !strings.Contains(second, "Primera página") || strings.Contains(second, `rel="next"`) ||
			strings.Contains(second, "1053 → 601 555 1054") || !strings.Contains(second, "601 555 1000 → 601 555 1001") {
			t.Errorf("second page: %d", res.StatusCode)
		}
	})
}
