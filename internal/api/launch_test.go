package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/api"
	"helpdesk/internal/storetest"
)

func launchBody(email, version string) string {
	b, _ := json.Marshal(map[string]any{"email": email, "version": version,
		"context": map[string]string{"module": "Facturación electrónica", "error_code": "FE-401"}})
	return string(b)
}

func TestLaunch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, dsn := demoOn(t, db)
		h := newHarnessOn(t, env, api.Options{})
		key := h.key(ferreteriaNIT)
		revoked := h.key(ferreteriaNIT)
		ks, _ := env.Desk.IntegrationKeys(context.Background(), env.User(t, "admin@oceanic.test"), 0)
		for _, k := range ks {
			if strings.HasPrefix(revoked, k.Prefix) {
				env.Desk.RevokeIntegrationKey(context.Background(), env.User(t, "admin@oceanic.test"), k.ID)
			}
		}
		setActive(t, dsn, "gerente@ferreteria.test", false)
		const path = "/api/v1/launch"
		const informer = "compras@ferreteria.test"
		h.runWithKey(key, []scenario{
			{name: "ok", method: "POST", path: path, body: launchBody(informer, "10.4.1"), status: 201,
				want: []string{`"url":"` + h.srv.URL + `/launch/`, `"expires_at":"20`}, notWant: []string{"hdk_"}},
			{name: "e-mail in capitals", method: "POST", path: path, body: launchBody(" Compras@Ferreteria.TEST ", "10"), status: 201},
			{name: "no context", method: "POST", path: path, body: `{"email":"` + informer + `","version":"9.0"}`, status: 201},
			{name: "unknown user", method: "POST", path: path, body: launchBody("nadie@ferreteria.test", "10.4"), status: 422,
				want: []string{`"code":"unknown_user"`}, notWant: []string{`"url"`}},
			{name: "disabled user", method: "POST", path: path, body: launchBody("gerente@ferreteria.test", "10.4"), status: 422,
				want: []string{`"code":"user_disabled"`}, notWant: []string{`"url"`}},
			{name: "user of another company", method: "POST", path: path, body: launchBody("caja@panaderia.test", "10.4"), status: 422,
				want: []string{`"code":"wrong_company"`, "no pertenece"}, notWant: []string{`"url"`}},
			{name: "staff", method: "POST", path: path, body: launchBody("agente@oceanic.test", "10.4"), status: 422,
				want: []string{`"code":"wrong_company"`}},
			{name: "company in the body is refused", method: "POST", path: path,
				body:   `{"email":"caja@panaderia.test","version":"10.4","company_id":2}`,
				status: 400, want: []string{`"company_id":"Campo desconocido."`}, notWant: []string{`"url"`}},
			{name: "nit in the context is refused", method: "POST", path: path,
				body: `{"email":"` + informer + `","version":"10.4","context":{"nit":"800987654-4"}}`, status: 400,
				want: []string{`"nit":"Campo desconocido."`}},
			{name: "version with letters", method: "POST", path: path, body: launchBody(informer, "10.4-beta"), status: 422,
				want: []string{`"code":"validation"`, `"version":"Escriba la versión`}},
			{name: "no version", method: "POST", path: path, body: `{"email":"` + informer + `"}`, status: 422,
				want: []string{`"version":"Este campo es obligatorio."`}},
			{name: "no e-mail", method: "POST", path: path, body: `{"version":"10"}`, status: 422,
				want: []string{`"email":"Este campo es obligatorio."`}},
			{name: "message too long", method: "POST", path: path,
				body:   `{"email":"` + informer + `","version":"10","context":{"message":"` + strings.Repeat("x", 2001) + `"}}`,
				status: 422, want: []string{`"context.message":"El texto es demasiado largo: máximo 2000 caracteres."`}},
			{name: "in English", method: "POST", path: path, body: launchBody("caja@panaderia.test", "10.4"),
				header: map[string]string{"Accept-Language": "en"}, status: 422, want: []string{`"code":"wrong_company"`, "does not belong"}},
			{name: "revoked key", method: "POST", path: path, body: launchBody(informer, "10.4"),
				header: map[string]string{"Authorization": "Bearer " + revoked}, status: 401, want: []string{`"code":"invalid_key"`}},
			{name: "no key", method: "POST", path: path, body: launchBody(informer, "10.4"),
				header: map[string]string{"Authorization": ""}, status: 401, want: []string{`"code":"invalid_key"`}},
			{name: "made-up key", method: "POST", path: path, body: launchBody(informer, "10.4"),
				header: map[string]string{"Authorization": "Bearer hdk_" + strings.Repeat("A", 43)}, status: 401, want: []string{`"code":"invalid_key"`}},
			{name: "GET not allowed", method: "GET", path: path, status: 405},
		})
		// A login token is not an integration key.
		h.run([]scenario{{name: "login token as key", actor: informer, method: "POST", path: path,
			body: launchBody(informer, "10.4"), status: 401, want: []string{`"code":"invalid_key"`}}})

		// The key decides the company: the bakery's key serves the bakery.
		h.runWithKey(h.key(panaderiaNIT), []scenario{
			{name: "bakery key, bakery user", method: "POST", path: path, body: launchBody("caja@panaderia.test", "10.4"), status: 201},
			{name: "bakery key, hardware store user", method: "POST", path: path, body: launchBody(informer, "10.4"), status: 422,
				want: []string{`"code":"wrong_company"`}},
		})

		t.Run("last use recorded", func(t *testing.T) {
			ks, err := env.Desk.IntegrationKeys(context.Background(), env.User(t, "admin@oceanic.test"), 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range ks {
				if strings.HasPrefix(key, k.Prefix) && (k.LastUsedAt.IsZero() || time.Since(k.LastUsedAt) > time.Minute) {
					t.Errorf("key %s last used %v", k.Prefix, k.LastUsedAt)
				}
			}
		})

		t.Run("expires in a minute", func(t *testing.T) {
			_, body := h.do("", "POST", path, launchBody(informer, "10.4"), map[string]string{"Authorization": "Bearer " + key})
			var out struct {
				URL       string
				ExpiresAt time.Time `json:"expires_at"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			if d := time.Until(out.ExpiresAt); d > 61*time.Second || d < 30*time.Second {
				t.Errorf("expires in %v", d)
			}
		})
	})
}

func TestMinimumVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		key := h.key(ferreteriaNIT)
		const settings, launch, informer = "/api/v1/admin/settings", "/api/v1/launch", "compras@ferreteria.test"
		h.run([]scenario{
			{name: "empty by default", actor: "admin@oceanic.test", method: "GET", path: settings, status: 200,
				want: []string{`"min_desktop_version":""`, `"allow_private_webhooks":false`}},
			{name: "agent may not read", actor: "agente@oceanic.test", method: "GET", path: settings, status: 403},
			{name: "customer may not change", actor: "gerente@ferreteria.test", method: "PATCH", path: settings,
				body: `{"min_desktop_version":"1"}`, status: 403, want: []string{`"code":"forbidden"`}},
			{name: "agent may not change", actor: "agente@oceanic.test", method: "PATCH", path: settings,
				body: `{"min_desktop_version":"1"}`, status: 403},
			{name: "not a version", actor: "admin@oceanic.test", method: "PATCH", path: settings,
				body: `{"min_desktop_version":"diez"}`, status: 422, want: []string{`"min_desktop_version":"Escriba la versión`}},
			{name: "unknown setting", actor: "admin@oceanic.test", method: "PATCH", path: settings,
				body: `{"vendor_phone":"1"}`, status: 400, want: []string{`"vendor_phone":"Campo desconocido."`}},
			{name: "set 10.10", actor: "admin@oceanic.test", method: "PATCH", path: settings,
				body: `{"min_desktop_version":"10.10"}`, status: 200, want: []string{`"min_desktop_version":"10.10"`, `"allow_private_webhooks":false`}},
			{name: "other setting kept", actor: "admin@oceanic.test", method: "PATCH", path: settings,
				body: `{"allow_private_webhooks":true}`, status: 200, want: []string{`"min_desktop_version":"10.10"`, `"allow_private_webhooks":true`}},
		})
		h.runWithKey(key, []scenario{
			{name: "10.2 is below 10.10", method: "POST", path: launch, body: launchBody(informer, "10.2"), status: 422,
				want: []string{`"code":"version_too_old"`, `"version":"10.2"`, `"minimum_version":"10.10"`,
					`"url":"` + h.srv.URL + `/launch/update?version=10.2"`, "actualice"}},
			{name: "9.99 is below", method: "POST", path: launch, body: launchBody(informer, "9.99"), status: 422,
				want: []string{`"code":"version_too_old"`}},
			{name: "10.10 itself", method: "POST", path: launch, body: launchBody(informer, "10.10"), status: 201},
			{name: "10.10.0", method: "POST", path: launch, body: launchBody(informer, "10.10.0"), status: 201},
			{name: "10.11", method: "POST", path: launch, body: launchBody(informer, "10.11"), status: 201},
			{name: "11", method: "POST", path: launch, body: launchBody(informer, "11"), status: 201},
			{name: "a user of another company hears of the company, not the version", method: "POST", path: launch,
				body: launchBody("caja@panaderia.test", "1.0"), status: 422, want: []string{`"code":"wrong_company"`}},
		})
		h.run([]scenario{
			{name: "clear it", actor: "admin@oceanic.test", method: "PATCH", path: settings,
				body: `{"min_desktop_version":""}`, status: 200, want: []string{`"min_desktop_version":""`}},
		})
		h.runWithKey(key, []scenario{{name: "any version again", method: "POST", path: launch, body: launchBody(informer, "1"), status: 201}})
	})
}

func TestRateLimitPerCredential(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, _ := demoOn(t, db)
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		h := newHarnessOn(t, env, api.Options{RateLimit: api.RateLimit{PerMinute: 30, Burst: 3}, Now: func() time.Time { return now }})
		caja := h.token("caja@panaderia.test")
		for i := range 3 {
			if status, body := h.do(caja, "GET", "/api/v1/modules", "", nil); status != 200 {
				t.Fatalf("request %d: %d %s", i+1, status, body)
			}
		}
		status, body := h.do(caja, "GET", "/api/v1/modules", "", nil)
		if status != http.StatusTooManyRequests || !strings.Contains(body, `"code":"rate_limited"`) || h.header.Get("Retry-After") != "2" {
			t.Fatalf("4th request: %d Retry-After %q %s", status, h.header.Get("Retry-After"), body)
		}
		if status, _ := h.do(h.token("gerente@panaderia.test"), "GET", "/api/v1/modules", "", nil); status != 200 {
			t.Errorf("another user's token shares the limit: %d", status)
		}
		now = now.Add(2 * time.Second)
		if status, _ := h.do(caja, "GET", "/api/v1/modules", "", nil); status != 200 {
			t.Errorf("after Retry-After: %d", status)
		}
		key := h.key(ferreteriaNIT)
		for i := range 4 {
			status, _ := h.do("", "POST", "/api/v1/launch", launchBody("compras@ferreteria.test", "10"), map[string]string{"Authorization": "Bearer " + key})
			if want := map[bool]int{true: 201, false: 429}[i < 3]; status != want {
				t.Errorf("launch %d: %d, want %d", i+1, status, want)
			}
		}
	})
}
