package api_test

import (
	"helpdesk/internal/storetest"
	"net/http"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			{name: "login ok", method: "POST", path: "/api/v1/auth/login",
				body:   `{"email":"caja@panaderia.test","password":"helpdesk-demo"}`,
				status: 200, want: []string{`"token":"`}, notWant: []string{`"error":{`}},
			{name: "login e-mail case and spaces", method: "POST", path: "/api/v1/auth/login",
				body:   `{"email":" Caja@Panaderia.test ","password":"helpdesk-demo"}`,
				status: 200, want: []string{`"token":"`}},
			{name: "wrong password", method: "POST", path: "/api/v1/auth/login",
				body:   `{"email":"caja@panaderia.test","password":"nope-nope"}`,
				status: 401, want: []string{`"code":"unauthorized"`}, notWant: []string{`"token":`}},
			{name: "unknown user", method: "POST", path: "/api/v1/auth/login",
				body:   `{"email":"nadie@panaderia.test","password":"helpdesk-demo"}`,
				status: 401, want: []string{`"code":"unauthorized"`}, notWant: []string{`"token":`}},
			{name: "unknown field", method: "POST", path: "/api/v1/auth/login",
				body:   `{"email":"caja@panaderia.test","password":"helpdesk-demo","remember":true}`,
				status: 400, want: []string{`"code":"bad_request"`, `"remember":"Campo desconocido."`}, notWant: []string{`"token":`}},
			{name: "not JSON", method: "POST", path: "/api/v1/auth/login", body: `email=caja`,
				status: 400, want: []string{`"code":"bad_request"`, "JSON"}},
			{name: "empty body", method: "POST", path: "/api/v1/auth/login",
				status: 400, want: []string{`"code":"bad_request"`}},
			{name: "trailing garbage", method: "POST", path: "/api/v1/auth/login",
				body:   `{"email":"caja@panaderia.test","password":"helpdesk-demo"} {}`,
				status: 400, want: []string{`"code":"bad_request"`, "Sobran datos"}, notWant: []string{`"token":`}},
			{name: "no bearer", method: "GET", path: "/api/v1/modules",
				status: 401, want: []string{`"code":"unauthorized"`}, notWant: []string{"Contabilidad"}},
			{name: "garbage bearer", method: "GET", path: "/api/v1/modules",
				header: map[string]string{"Authorization": "Bearer not-a-token"},
				status: 401, want: []string{`"code":"unauthorized"`}, notWant: []string{"Contabilidad"}},
			{name: "basic scheme", method: "GET", path: "/api/v1/modules",
				header: map[string]string{"Authorization": "Basic Y2FqYTpwdw=="},
				status: 401, want: []string{`"code":"unauthorized"`}},
			{name: "modules with token", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/modules",
				status: 200, want: []string{`"modules":[{"id":`, `"name":"Contabilidad"`, `"name":"Inventarios"`}},
		})

		t.Run("wrong and unknown answer alike", func(t *testing.T) {
			_, wrong := h.as("", "POST", "/api/v1/auth/login", `{"email":"compras@ferreteria.test","password":"x-wrong-x"}`)
			_, unknown := h.as("", "POST", "/api/v1/auth/login", `{"email":"nobody@ferreteria.test","password":"x-wrong-x"}`)
			if wrong != unknown || !strings.Contains(wrong, "unauthorized") {
				t.Errorf("bodies differ:\n%s\n%s", wrong, unknown)
			}
			if got := h.header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
				t.Errorf("WWW-Authenticate %q", got)
			}
		})
	})
}

func TestLoginRateLimited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		body := `{"email":"gerente@ferreteria.test","password":"wrong-password"}`
		for i := range 8 {
			if status, b := h.as("", "POST", "/api/v1/auth/login", body); status != http.StatusUnauthorized {
				t.Fatalf("attempt %d: %d %s", i+1, status, b)
			}
		}
		h.run([]scenario{
			{name: "throttled even with the right password", method: "POST", path: "/api/v1/auth/login",
				body:   `{"email":"gerente@ferreteria.test","password":"helpdesk-demo"}`,
				status: 429, want: []string{`"code":"rate_limited"`}, notWant: []string{`"token":`}},
		})
		if h.header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	})
}

func TestLogOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		tok := h.token("compras@ferreteria.test")
		if status, body := h.do(tok, "GET", "/api/v1/modules", "", nil); status != 200 {
			t.Fatalf("before logout: %d %s", status, body)
		}
		if status, body := h.do(tok, "POST", "/api/v1/auth/logout", "", nil); status != http.StatusNoContent || body != "" {
			t.Fatalf("logout: %d %q", status, body)
		}
		for _, path := range []string{"/api/v1/modules", "/api/v1/tickets", "/api/v1/auth/logout"} {
			method := "GET"
			if strings.HasSuffix(path, "logout") {
				method = "POST"
			}
			if status, body := h.do(tok, method, path, "", nil); status != 401 || !strings.Contains(body, `"unauthorized"`) {
				t.Errorf("%s after logout: %d %s", path, status, body)
			}
		}
	})
}
