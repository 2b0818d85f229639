package web_test

import (
	"context"
	"html"
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

// appServer is server with the app's parts at hand.
func appServer(t *testing.T, db storetest.DB) (*httptest.Server, *app.App) {
	t.Helper()
	a, err := app.New(context.Background(), config.Config{Addr: ":0", Database: db.DSN(t), Demo: true}, app.Options{PasswordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(func() { srv.Close(); a.Close() })
	return srv, a
}

func adminUser(t *testing.T, a *app.App) model.User {
	u, err := a.Store.Read().UserByEmail(context.Background(), "admin@oceanic.test")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// mintLink asks for a launch link as the desktop program would, and
// returns its path.
func mintLink(t *testing.T, a *app.App, key, email, version string, c model.LaunchContext) string {
	t.Helper()
	l, err := a.Desk.CreateLaunch(context.Background(), key, desk.LaunchRequest{Email: email, Version: version, Context: c})
	if err != nil {
		t.Fatalf("launch: %v", err)
	}
	return "/launch/" + l.Token
}

func TestLaunchPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := appServer(t, db)
		ctx := context.Background()
		comp, _ := a.Desk.CompanyByNIT(ctx, "900123456-8")
		k, err := a.Desk.CreateIntegrationKey(ctx, adminUser(t, a), comp.ID, "Programa")
		if err != nil {
			t.Fatal(err)
		}
		fe := model.LaunchContext{Module: "Facturación electrónica", ErrorCode: "FE-401", Screen: "Emisión de facturas"}
		link := mintLink(t, a, k.Secret, "compras@ferreteria.test", "10.4", fe)

		// A browser already signed in as someone else.
		c := login(t, srv, "gerente@panaderia.test")
		base, _ := url.Parse(srv.URL)
		old := c.http.Jar.Cookies(base)

		res, body := newClient(t, srv).get(link)
		if res.StatusCode != 200 || !strings.Contains(body, `action="`+link+`"`) || !strings.Contains(body, "launch.js") ||
			!strings.Contains(body, `lang="es"`) || res.Header.Get("Set-Cookie") != "" {
			t.Fatalf("GET link: %d %s", res.StatusCode, body)
		}
		// Signed in as someone else, the browser asks before switching.
		res, body = c.get(link) // a GET spends nothing
		if res.StatusCode != 200 || strings.Contains(body, "launch.js") || !strings.Contains(body, "Continuar como Ana María Ospina") ||
			!strings.Contains(body, "sesión de Patricia Londoño") {
			t.Fatalf("second GET, signed in: %d %s", res.StatusCode, body)
		}
		res, _ = c.post(link, url.Values{})
		loc := res.Header.Get("Location")
		m := regexp.MustCompile(`^/new/([^/]+)/1\?ok=launched$`).FindStringSubmatch(loc)
		if res.StatusCode != http.StatusSeeOther || m == nil {
			t.Fatalf("POST link: %d → %q", res.StatusCode, loc)
		}
		draft := "/new/" + m[1]
		_, body = c.get(loc)
		for _, want := range []string{`value="Error FE-401 en Facturación electrónica"`, "Llegó desde el programa", "Ana María Ospina"} {
			if !strings.Contains(html.UnescapeString(body), want) {
				t.Errorf("step 1 lacks %q", want)
			}
		}
		_, body = c.get(draft + "/2")
		if !strings.Contains(html.UnescapeString(body), "<option selected>Facturación electrónica</option>") {
			t.Errorf("step 2: module not chosen")
		}
		_, body = c.get(draft + "/3")
		body = html.UnescapeString(body)
		for _, want := range []string{"Código de error: FE-401", "Pantalla: Emisión de facturas", "Versión del programa: 10.4", `value="10.4"`} {
			if !strings.Contains(body, want) {
				t.Errorf("step 3 lacks %q", want)
			}
		}
		if strings.Contains(body, "Módulo: Facturación") {
			t.Error("a known module is repeated in the description")
		}

		// The old session of this browser ended.
		anon := newClient(t, srv)
		anon.http.Jar.SetCookies(base, old)
		if res, _ := anon.get("/tickets"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("old session still works: %d %s", res.StatusCode, res.Header.Get("Location"))
		}

		other := newClient(t, srv)
		for _, tc := range []struct{ name, method, path string }{
			{"reused", "POST", link}, {"reused, GET", "GET", link},
			{"tampered", "GET", link[:len(link)-2] + "xx"}, {"tampered, POST", "POST", link + "x"},
		} {
			var res *http.Response
			var body string
			if tc.method == "POST" {
				res, body = other.post(tc.path, url.Values{})
			} else {
				res, body = other.get(tc.path)
			}
			if res.StatusCode != http.StatusGone || !strings.Contains(body, "Este enlace ya no sirve") || !strings.Contains(body, `href="/login"`) {
				t.Errorf("%s: %d %.300s", tc.name, res.StatusCode, body)
			}
		}

		// Without context: the portal home.
		plain := mintLink(t, a, k.Secret, "compras@ferreteria.test", "10.4", model.LaunchContext{})
		res, _ = newClient(t, srv).post(plain, url.Values{})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
			t.Errorf("no context: %d → %s", res.StatusCode, res.Header.Get("Location"))
		}

		// An unknown module goes into the description.
		odd := mintLink(t, a, k.Secret, "compras@ferreteria.test", "10.4", model.LaunchContext{Module: "Astrología", Message: "Se cerró la ventana\nal guardar"})
		b := newClient(t, srv)
		res, _ = b.post(odd, url.Values{})
		d := strings.TrimSuffix(strings.TrimSuffix(res.Header.Get("Location"), "?ok=launched"), "/1")
		_, body = b.get(d + "/1")
		if !strings.Contains(body, `value="Se cerró la ventana"`) {
			t.Errorf("title from the message: %.2000s", body)
		}
		_, body = b.get(d + "/3")
		if body = html.UnescapeString(body); !strings.Contains(body, "Módulo: Astrología") || !strings.Contains(body, "Se cerró la ventana\nal guardar") {
			t.Errorf("unknown module: %.3000s", body)
		}

		// The minimum rises before the link is opened: the update page.
		old10 := mintLink(t, a, k.Secret, "compras@ferreteria.test", "10.2", fe)
		if err := a.Desk.SaveIntegrationSettings(ctx, adminUser(t, a), desk.IntegrationSettings{MinDesktopVersion: "10.10"}); err != nil {
			t.Fatal(err)
		}
		res, body = newClient(t, srv).post(old10, url.Values{})
		if res.StatusCode != 200 || !strings.Contains(body, "Actualice su programa") || !strings.Contains(body, "10.2") ||
			!strings.Contains(body, "10.10") || !strings.Contains(body, "(57)(6) 331 5979") || res.Header.Get("Set-Cookie") != "" {
			t.Errorf("old version at opening: %d %.500s", res.StatusCode, body)
		}
		res, body = newClient(t, srv).get("/launch/update?version=9.1")
		if res.StatusCode != 200 || !strings.Contains(body, "versión 9.1") || !strings.Contains(body, `href="/login"`) || !strings.Contains(body, "331 5979") {
			t.Errorf("update page: %d %.500s", res.StatusCode, body)
		}
		_, body = newClient(t, srv).get("/launch/update?version=%3Cscript%3E")
		if strings.Contains(body, "<script>") || !strings.Contains(body, "anterior a la mínima") {
			t.Errorf("update page with a bad version: %.500s", body)
		}
	})
}
