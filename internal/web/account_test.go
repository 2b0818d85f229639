package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

// serverApp is server with access to the app, to read queued mail.
func serverApp(t *testing.T, db storetest.DB) (*httptest.Server, *app.App) {
	t.Helper()
	cfg := config.Config{Addr: ":0", Database: db.DSN(t), Demo: true}
	a, err := app.New(context.Background(), cfg, app.Options{PasswordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(func() { srv.Close(); a.Close() })
	return srv, a
}

// resetPaths returns the links of the reset mails queued so far.
func resetPaths(t *testing.T, a *app.App) []string {
	t.Helper()
	jobs, err := a.Store.Read().Jobs(context.Background(), desk.JobMail, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, j := range jobs {
		var m model.Mail
		json.Unmarshal([]byte(j.Payload), &m)
		if m.Template == "reset" {
			out = append(out, m.Path)
		}
	}
	return out
}

func TestAccountPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		informer, agent := login(t, srv, "compras@ferreteria.test"), login(t, srv, "agente@oceanic.test")
		clients := map[string]*client{"compras@ferreteria.test": informer, "agente@oceanic.test": agent}
		anon := newClient(t, srv)
		run(t, srv, []scenario{
			{name: "user menu on portal pages", actor: "compras@ferreteria.test", method: "GET", path: "/tickets", status: 200,
				want: []string{`href="/account/profile"`, `href="/account/password"`, `href="/contacts"`}},
			{name: "user menu on console pages", actor: "agente@oceanic.test", method: "GET", path: "/console", status: 200,
				want: []string{`href="/account/profile"`, `href="/account/password"`, `href="/contacts"`}},
			{name: "profile page", actor: "compras@ferreteria.test", method: "GET", path: "/account/profile", status: 200,
				want: []string{"Modificar perfil", `value="compras@ferreteria.test"`, `<option selected>America/Bogota</option>`}},
			{name: "profile keeps what was typed", actor: "compras@ferreteria.test", method: "POST", path: "/account/profile",
				form: url.Values{"name": {"Luisa <Compras>"}, "email": {"luisa@"}, "phone": {"300 111"}, "position": {"Jefa"},
					"language": {"es"}, "time_zone": {"Marte/Olympus"}, "email_notifications": {"1"}},
				status: 422, want: []string{"Escriba un correo válido", "Elija una zona horaria", `value="Luisa &lt;Compras&gt;"`,
					`value="luisa@"`, `value="300 111"`, `value="Jefa"`, "<option selected>Marte/Olympus</option>"}},
			{name: "new e-mail needs the password", actor: "compras@ferreteria.test", method: "POST", path: "/account/profile",
				form:   url.Values{"name": {"Luisa"}, "email": {"luisa@ferreteria.test"}, "language": {"es"}, "time_zone": {"America/Bogota"}},
				status: 422, want: []string{"Escriba su contraseña actual", `value="luisa@ferreteria.test"`}},
			{name: "profile saved", actor: "agente@oceanic.test", method: "POST", path: "/account/profile",
				form:   url.Values{"name": {"Agente Uno"}, "email": {"agente@oceanic.test"}, "language": {"en"}, "time_zone": {"America/Lima"}},
				status: 303, want: []string{"/account/profile?ok=profile_saved"}},
			{name: "saved profile in its new language", actor: "agente@oceanic.test", method: "GET", path: "/account/profile?ok=profile_saved", status: 200,
				want:    []string{`lang="en"`, "Your profile changes were saved.", "<option selected>America/Lima</option>", `value="Agente Uno"`},
				notWant: []string{`id="email_notifications" checked`}},
			{name: "password page", actor: "compras@ferreteria.test", method: "GET", path: "/account/password", status: 200,
				want: []string{"Modificar contraseña", "Entre 10 y 128 caracteres"}},
			{name: "password confirmation differs", actor: "compras@ferreteria.test", method: "POST", path: "/account/password",
				form:   url.Values{"current": {"helpdesk-demo"}, "password": {"Lámpara-Verde-2026"}, "confirm": {"Lampara-Verde-2026"}},
				status: 422, want: []string{"Las dos contraseñas no coinciden."}, notWant: []string{"Lámpara-Verde-2026"}},
			{name: "common password", actor: "compras@ferreteria.test", method: "POST", path: "/account/password",
				form:   url.Values{"current": {"helpdesk-demo"}, "password": {"colombia123"}, "confirm": {"colombia123"}},
				status: 422, want: []string{"de las más usadas"}},
			{name: "forgot link on login", method: "GET", path: "/login", status: 200, want: []string{`href="/forgot"`, "¿Olvidó su contraseña?"}},
			{name: "forgot page", method: "GET", path: "/forgot", status: 200, want: []string{`action="/forgot"`}},
			{name: "bad reset link", method: "GET", path: "/reset/no-such-link", status: 410, want: []string{"Este enlace ya no sirve", `href="/forgot"`}},
			{name: "bad reset link POST", method: "POST", path: "/reset/no-such-link", form: url.Values{"password": {"Lámpara-Verde-2026"}, "confirm": {"Lámpara-Verde-2026"}},
				status: 410, want: []string{"Este enlace ya no sirve"}},
			{name: "profile needs a session", method: "GET", path: "/account/profile", status: 303, want: []string{"/login?next="}},
			{name: "contacts need a session", method: "GET", path: "/contacts", status: 303, want: []string{"/login?next="}},
		}, clients, anon)
	})
}

func TestForgotAndResetPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := serverApp(t, db)
		anon := newClient(t, srv)
		_, unknown := anon.post("/forgot", url.Values{"email": {"nadie@ferreteria.test"}})
		_, known := anon.post("/forgot", url.Values{"email": {"caja@panaderia.test"}})
		strip := regexp.MustCompile(`(?s)<input[^>]*email[^>]*>`)
		if strip.ReplaceAllString(unknown, "") != strip.ReplaceAllString(known, "") || !strings.Contains(known, "Si el correo corresponde") {
			t.Errorf("known and unknown addresses answered differently")
		}
		paths := resetPaths(t, a)
		if len(paths) != 1 {
			t.Fatalf("reset mails: %v", paths)
		}
		other := login(t, srv, "caja@panaderia.test")
		res, body := anon.get(paths[0])
		if res.StatusCode != 200 || !strings.Contains(body, "caja@panaderia.test") || !strings.Contains(body, `id="reset-form"`) {
			t.Fatalf("reset page: %d", res.StatusCode)
		}
		// Looking twice changes nothing.
		if res, _ := anon.get(paths[0]); res.StatusCode != 200 {
			t.Errorf("second look: %d", res.StatusCode)
		}
		res, body = anon.post(paths[0], url.Values{"password": {"mi-caja-2026-ok"}, "confirm": {"mi-caja-2026-ok"}})
		if res.StatusCode != 422 || !strings.Contains(body, "nombre de su correo") {
			t.Errorf("password with the e-mail name: %d", res.StatusCode)
		}
		res, _ = anon.post(paths[0], url.Values{"password": {"Lámpara-Verde-2026"}, "confirm": {"Lámpara-Verde-2026"}})
		if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/login?ok=password_reset") {
			t.Fatalf("reset: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if res, body := anon.get(res.Header.Get("Location")); res.StatusCode != 200 || !strings.Contains(body, "Su contraseña cambió") ||
			!strings.Contains(body, `value="caja@panaderia.test"`) {
			t.Errorf("login after reset: %d", res.StatusCode)
		}
		if res, _ := other.get("/tickets"); res.StatusCode != 303 {
			t.Errorf("open session survived the reset: %d", res.StatusCode)
		}
		if res, _ := anon.get(paths[0]); res.StatusCode != 410 {
			t.Errorf("used link: %d", res.StatusCode)
		}
		c := newClient(t, srv)
		if res, _ := c.post("/login", url.Values{"email": {"caja@panaderia.test"}, "password": {"Lámpara-Verde-2026"}}); res.StatusCode != 303 {
			t.Errorf("login with the new password: %d", res.StatusCode)
		}
	})
}

func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		here, there := login(t, srv, "gerente@panaderia.test"), login(t, srv, "gerente@panaderia.test")
		res, _ := here.post("/account/password", url.Values{"current": {"helpdesk-demo"}, "password": {"Lámpara-Verde-2026"},
			"confirm": {"Lámpara-Verde-2026"}})
		if res.StatusCode != 303 {
			t.Fatalf("change: %d", res.StatusCode)
		}
		if res, body := here.get("/account/password?ok=password_changed"); res.StatusCode != 200 || !strings.Contains(body, "Su contraseña cambió") {
			t.Errorf("this session: %d", res.StatusCode)
		}
		if res, _ := there.get("/tickets"); res.StatusCode != 303 {
			t.Errorf("other session still open: %d", res.StatusCode)
		}
	})
}

var contactLinkRE = regexp.MustCompile(`href="/contacts/(\d+)"`)

func TestContactPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		me, other := login(t, srv, "compras@ferreteria.test"), login(t, srv, "gerente@ferreteria.test")
		res, body := me.post("/contacts", url.Values{"name": {""}, "email": {"andres@"}, "company": {"Tornillos Año Nuevo"}, "notes": {"Llamar <tarde>"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Este campo es obligatorio") || !strings.Contains(body, `value="andres@"`) ||
			!strings.Contains(body, `value="Tornillos Año Nuevo"`) || !strings.Contains(body, "Llamar &lt;tarde&gt;") {
			t.Fatalf("refused contact: %d", res.StatusCode)
		}
		res, _ = me.post("/contacts", url.Values{"name": {"Andrés Muñoz"}, "email": {"andres@proveedor.co"}, "company": {"Tornillos Año Nuevo"}})
		if res.StatusCode != 303 {
			t.Fatalf("create: %d", res.StatusCode)
		}
		me.post("/contacts", url.Values{"name": {"Beatriz"}, "email": {"bea@banco.co"}})
		_, body = me.get("/contacts?q=munoz")
		if !strings.Contains(body, "Andrés Muñoz") || strings.Contains(body, "Beatriz") {
			t.Errorf("search munoz: %s", body)
		}
		m := contactLinkRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no contact link")
		}
		path := "/contacts/" + m[1]
		if _, body := me.get("/contacts?q=zzz"); !strings.Contains(body, "Ningún contacto coincide con «zzz»") {
			t.Errorf("no match message missing")
		}
		for _, req := range []struct{ method, path string }{{"GET", path}, {"POST", path}, {"POST", path + "/delete"}} {
			var res *http.Response
			if req.method == "GET" {
				res, _ = other.get(req.path)
			} else {
				res, _ = other.post(req.path, url.Values{"name": {"X"}, "email": {"x@x.co"}})
			}
			if res.StatusCode != 404 {
				t.Errorf("%s %s by another user: %d", req.method, req.path, res.StatusCode)
			}
		}
		if _, body := other.get("/contacts"); strings.Contains(body, "Andrés") {
			t.Errorf("another user lists my contacts")
		}
		res, body = me.post(path, url.Values{"name": {"Andrés Muñoz"}, "email": {"no-correo"}})
		if res.StatusCode != 422 || !strings.Contains(body, `value="no-correo"`) {
			t.Errorf("bad edit: %d", res.StatusCode)
		}
		if res, _ := me.post(path, url.Values{"name": {"Andrés M."}, "email": {"andres@proveedor.co"}}); res.StatusCode != 303 {
			t.Errorf("edit: %d", res.StatusCode)
		}
		if res, _ := me.post(path+"/delete", nil); res.StatusCode != 303 {
			t.Errorf("delete: %d", res.StatusCode)
		}
		if res, _ := me.get(path); res.StatusCode != 404 {
			t.Errorf("deleted contact: %d", res.StatusCode)
		}
	})
}

func TestWizardCopiesContacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		c := login(t, srv, "compras@ferreteria.test")
		c.post("/contacts", url.Values{"name": {"Ana Proveedora"}, "email": {"ana@proveedor.co"}})
		_, body := c.get("/contacts")
		id := contactLinkRE.FindStringSubmatch(body)[1]
		res, _ := c.post("/new", nil)
		base := strings.TrimSuffix(res.Header.Get("Location"), "/1")
		for i, f := range []url.Values{
			{"title": {"Contactos copiados"}, "seen": {"1"}},
			{"module": {"Facturación electrónica"}, "type": {"Error"}, "urgency": {"Alta"}},
			{"description": {"Prueba de copia."}},
			{},
		} {
			if res, _ := c.post(fmt.Sprintf("%s/%d", base, i+1), f); res.StatusCode != 303 {
				t.Fatalf("step %d: %d", i+1, res.StatusCode)
			}
		}
		_, body = c.get(base + "/5")
		if !strings.Contains(body, `name="contact" value="`+id+`" >`) || !strings.Contains(body, "Ana Proveedora &lt;ana@proveedor.co&gt;") {
			t.Fatalf("step 5 lacks the contact")
		}
		// Back keeps the choice; coming forward shows it checked.
		if res, _ := c.post(base+"/5", url.Values{"contact": {id}, "back": {"1"}}); res.StatusCode != 303 {
			t.Fatalf("back: %d", res.StatusCode)
		}
		_, body = c.get(base + "/5")
		if !strings.Contains(body, `name="contact" value="`+id+`" checked>`) {
			t.Errorf("choice lost going back")
		}
		// Another user's contact id is refused and the typed CC kept.
		res, body = c.post(base+"/5", url.Values{"contact": {"999999"}, "cc": {"jefe@ferreteria.test"}})
		if res.StatusCode != 422 || !strings.Contains(body, "ya no está en su libreta") || !strings.Contains(body, `value="jefe@ferreteria.test"`) {
			t.Errorf("unknown contact: %d", res.StatusCode)
		}
		if res, _ := c.post(base+"/5", url.Values{"contact": {id}, "cc": {"jefe@ferreteria.test"}}); res.StatusCode != 303 {
			t.Fatalf("submit: %d", res.StatusCode)
		}
		_, body = c.get(base + "/done")
		i := strings.Index(body, "Su tiquete es el #")
		var n int64
		fmt.Sscanf(body[i+len("Su tiquete es el #"):], "%d", &n)
		if _, body := c.get(fmt.Sprintf("/tickets/%d", n)); !strings.Contains(body, "ana@proveedor.co") || !strings.Contains(body, "jefe@ferreteria.test") {
			t.Errorf("ticket page lacks the copied addresses")
		}
	})
}

// The account pages in English show no Spanish text of the interface,
// signed in or not.
func TestEnglishAccountPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := serverApp(t, db)
		customer, agent, anon := login(t, srv, "caja@panaderia.test"), login(t, srv, "agente@oceanic.test"), newClient(t, srv)
		for _, c := range []*client{customer, agent, anon} {
			if res, _ := c.post("/lang", url.Values{"lang": {"en"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("lang: %d", res.StatusCode)
			}
		}
		customer.post("/contacts", url.Values{"name": {"Ana"}, "email": {"ana@x.co"}})
		_, list := customer.get("/contacts")
		id := contactLinkRE.FindStringSubmatch(list)[1]
		anon.post("/forgot", url.Values{"email": {"gerente@panaderia.test"}})
		link := resetPaths(t, a)[0]
		type page struct {
			c        *client
			method   string
			path     string
			form     url.Values
			status   int
			mustHave string
		}
		pages := []page{
			{customer, "GET", "/account/profile", nil, 200, "Edit profile"},
			{customer, "POST", "/account/profile", url.Values{"name": {""}, "email": {"x@"}, "language": {"en"}, "time_zone": {"X"}}, 422, "Choose a time zone"},
			{customer, "GET", "/account/password", nil, 200, "Between 10 and 128 characters"},
			{customer, "POST", "/account/password", url.Values{"current": {"helpdesk-demo"}, "password": {"qwertyuiop"}, "confirm": {"qwertyuiop"}}, 422, "one of the most used"},
			{customer, "GET", "/contacts", nil, 200, "Your own address book"},
			{customer, "GET", "/contacts?q=zzz", nil, 200, "No contact matches"},
			{customer, "GET", "/contacts/new", nil, 200, "New contact"},
			{customer, "GET", "/contacts/" + id, nil, 200, "Edit contact"},
			{customer, "POST", "/contacts", url.Values{"name": {""}, "email": {""}}, 422, "This field is required"},
			{agent, "GET", "/account/profile", nil, 200, "Edit profile"},
			{agent, "GET", "/contacts", nil, 200, "You have no contacts yet."},
			{anon, "GET", "/login", nil, 200, "Forgot your password?"},
			{anon, "GET", "/forgot", nil, 200, "We will send you a link"},
			{anon, "POST", "/forgot", url.Values{"email": {"nadie@x.co"}}, 200, "If the address belongs to an active account"},
			{anon, "GET", link, nil, 200, "Choose a new password"},
			{anon, "POST", link, url.Values{"password": {"short"}, "confirm": {"short"}}, 422, "between 10 and 128 characters"},
			{anon, "GET", "/reset/nothing", nil, 410, "This link no longer works"},
		}
		spanish := spanishOnly()
		for _, p := range pages {
			var res *http.Response
			var body string
			if p.method == "POST" {
				res, body = p.c.post(p.path, p.form)
			} else {
				res, body = p.c.get(p.path)
			}
			if res.StatusCode != p.status || !strings.Contains(body, p.mustHave) {
				t.Errorf("%s %s (English): %d, want %d with %q", p.method, p.path, res.StatusCode, p.status, p.mustHave)
			}
			text := tags.ReplaceAllString(body, " ")
			for _, s := range spanish {
				if strings.Contains(text, s) {
					t.Errorf("%s %s (English) shows Spanish %q", p.method, p.path, s)
				}
			}
		}
	})
}
