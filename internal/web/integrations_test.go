package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"helpdesk/internal/storetest"
)

func TestIntegrationsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, a := appServer(t, db)
		admin, agent, customer := login(t, srv, "admin@oceanic.test"), login(t, srv, "agente@oceanic.test"), login(t, srv, "gerente@ferreteria.test")
		comp, _ := a.Desk.CompanyByNIT(context.Background(), "900123456-8")
		const page = "/console/integrations"

		res, body := admin.get(page)
		if res.StatusCode != 200 || !strings.Contains(body, "Claves de integración") || !strings.Contains(body, `href="/console/integrations"`) {
			t.Fatalf("admin: %d", res.StatusCode)
		}
		for name, c := range map[string]*client{"agent": agent, "customer": customer} {
			if res, _ := c.get(page); res.StatusCode != 404 {
				t.Errorf("%s GET: %d", name, res.StatusCode)
			}
			if res, _ := c.post(page+"/keys", url.Values{"company": {itoa(comp.ID)}, "name": {"x"}}); res.StatusCode != 404 {
				t.Errorf("%s POST: %d", name, res.StatusCode)
			}
		}
		if _, body := agent.get("/console"); strings.Contains(body, `href="/console/integrations"`) {
			t.Error("agents see the Integraciones link")
		}

		// A key, shown once.
		res, body = admin.post(page+"/keys", url.Values{"company": {itoa(comp.ID)}, "name": {"Servidor <de> licencias"}})
		key := regexp.MustCompile(`hdk_[A-Za-z0-9_-]{40,}`).FindString(body)
		if res.StatusCode != 200 || key == "" || !strings.Contains(body, "no se volverá a mostrar") || !strings.Contains(body, "Servidor &lt;de&gt; licencias") {
			t.Fatalf("create key: %d %s", res.StatusCode, key)
		}
		_, body = admin.get(page)
		if strings.Contains(body, key) || !strings.Contains(body, key[:12]+"…") {
			t.Error("the key is shown again, or its prefix is not")
		}
		res, body = admin.post(page+"/keys", url.Values{"company": {""}, "name": {"  "}})
		if res.StatusCode != 422 || !strings.Contains(body, "Este campo es obligatorio.") || !strings.Contains(body, "Elija una de las opciones.") {
			t.Errorf("bad key: %d", res.StatusCode)
		}
		if res, _ := admin.post(page+"/keys", url.Values{"company": {itoa(comp.ID)}, "name": {"x"}, "csrf": {"forged"}}); res.StatusCode != 403 {
			t.Errorf("forged form token: %d", res.StatusCode)
		}
		keys, _ := a.Desk.IntegrationKeys(context.Background(), adminUser(t, a), 0)
		res, _ = admin.post(page+"/keys/"+itoa(keys[0].ID)+"/revoke", nil)
		if _, body := admin.get(page + "?ok=key_revoked"); res.StatusCode != 303 || !strings.Contains(body, "Revocada el") || !strings.Contains(body, "deja de funcionar") {
			t.Errorf("revoke: %d", res.StatusCode)
		}

		// The minimum version.
		res, body = admin.post(page+"/settings", url.Values{"min_desktop_version": {"diez"}})
		if res.StatusCode != 422 || !strings.Contains(body, "números separados por puntos") || !strings.Contains(body, `value="diez"`) {
			t.Errorf("bad version: %d", res.StatusCode)
		}
		if res, _ := admin.post(page+"/settings", url.Values{"min_desktop_version": {"10.2"}}); res.StatusCode != 303 {
			t.Errorf("save version: %d", res.StatusCode)
		}
		if s, _ := a.Desk.IntegrationSettings(context.Background()); s.MinDesktopVersion != "10.2" || s.AllowPrivateWebhooks {
			t.Errorf("settings %+v", s)
		}

		// Webhooks: an inside address is refused until allowed.
		recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
		defer recv.Close()
		hook := url.Values{"url": {recv.URL + "/h"}, "events": {"ticket.created", "ticket.status"}}
		res, body = admin.post(page+"/webhooks", hook)
		if res.StatusCode != 422 || !strings.Contains(body, "Esa dirección es interna") || !strings.Contains(body, `value="`+recv.URL+`/h"`) ||
			!regexp.MustCompile(`value="ticket.status" checked`).MatchString(body) {
			t.Errorf("loopback: %d", res.StatusCode)
		}
		if res, body := admin.post(page+"/webhooks", url.Values{"url": {"https://hooks.example.com/x"}}); res.StatusCode != 422 || !strings.Contains(body, "Elija una de las opciones.") {
			t.Errorf("no events: %d", res.StatusCode)
		}
		if res, body := admin.post(page+"/webhooks", url.Values{"url": {"ftp://x"}, "events": {"ticket.created"}}); res.StatusCode != 422 || !strings.Contains(body, "http:// o https://") {
			t.Errorf("ftp: %d", res.StatusCode)
		}
		admin.post(page+"/settings", url.Values{"min_desktop_version": {"10.2"}, "allow_private_webhooks": {"1"}})
		res, body = admin.post(page+"/webhooks", hook)
		secret := regexp.MustCompile(`whsec_[A-Za-z0-9_-]{40,}`).FindString(body)
		if res.StatusCode != 200 || secret == "" {
			t.Fatalf("allowed loopback: %d", res.StatusCode)
		}
		hooks, _ := a.Desk.Webhooks(context.Background(), adminUser(t, a))
		log := page + "/webhooks/" + itoa(hooks[0].ID)
		if res, _ := admin.post(log+"/ping", nil); res.StatusCode != 303 {
			t.Errorf("ping: %d", res.StatusCode)
		}
		res, body = admin.get(log + "?ok=webhook_pinged")
		if res.StatusCode != 200 || !strings.Contains(body, "dlv_") || !strings.Contains(body, "<code>ping</code>") || strings.Contains(body, secret) {
			t.Errorf("log: %d %.400s", res.StatusCode, body)
		}
		if res, _ := agent.get(log); res.StatusCode != 404 {
			t.Errorf("agent sees the log: %d", res.StatusCode)
		}
		admin.post(log+"/active", url.Values{"active": {"0"}})
		if _, body := admin.get(log); !strings.Contains(body, "Reanudar") {
			t.Error("not paused")
		}
		if res, _ := admin.post(log+"/delete", nil); res.StatusCode != 303 {
			t.Errorf("delete: %d", res.StatusCode)
		}
		if res, _ := admin.get(log); res.StatusCode != 404 {
			t.Errorf("deleted log: %d", res.StatusCode)
		}

		// In English.
		admin.post("/lang", url.Values{"lang": {"en"}, "back": {page}})
		if _, body := admin.get(page); !strings.Contains(body, "Integration keys") || !strings.Contains(body, "Minimum program version") {
			t.Error("English page")
		}
	})
}

func TestAccessTokensPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv, _ := appServer(t, db)
		c, other := login(t, srv, "caja@panaderia.test"), login(t, srv, "gerente@panaderia.test")
		res, body := c.get("/account/tokens")
		if res.StatusCode != 200 || !strings.Contains(body, "Aún no tiene tokens.") || !strings.Contains(body, `href="/account/tokens"`) {
			t.Fatalf("page: %d", res.StatusCode)
		}
		res, body = c.post("/account/tokens", url.Values{"name": {""}, "days": {"90"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Este campo es obligatorio.") {
			t.Errorf("no name: %d", res.StatusCode)
		}
		res, body = c.post("/account/tokens", url.Values{"name": {"Informe"}, "days": {"1000"}})
		if res.StatusCode != 422 || !strings.Contains(body, "entre 1 y 365") || !strings.Contains(body, `value="Informe"`) {
			t.Errorf("1000 days: %d", res.StatusCode)
		}
		res, body = c.post("/account/tokens", url.Values{"name": {"Informe semanal"}, "days": {"30"}})
		secret := regexp.MustCompile(`hdp_[A-Za-z0-9_-]{40,}`).FindString(body)
		if res.StatusCode != 200 || secret == "" || !strings.Contains(body, "Informe semanal") {
			t.Fatalf("create: %d", res.StatusCode)
		}
		_, body = c.get("/account/tokens")
		if strings.Contains(body, secret) {
			t.Error("secret shown again")
		}
		id := regexp.MustCompile(`/account/tokens/(\d+)/revoke`).FindStringSubmatch(body)
		if id == nil {
			t.Fatal("no revoke button")
		}
		if res, _ := other.post("/account/tokens/"+id[1]+"/revoke", nil); res.StatusCode != 404 {
			t.Errorf("another user revokes: %d", res.StatusCode)
		}
		if res, _ := c.post("/account/tokens/"+id[1]+"/revoke", nil); res.StatusCode != 303 {
			t.Errorf("revoke: %d", res.StatusCode)
		}
		if _, body := c.get("/account/tokens"); !strings.Contains(body, "Revocado") {
			t.Error("not shown as revoked")
		}
		if res, _ := newClient(t, srv).get("/account/tokens"); res.StatusCode != 303 {
			t.Errorf("anonymous: %d", res.StatusCode)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
