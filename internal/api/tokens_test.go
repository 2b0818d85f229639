package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"helpdesk/internal/api"
	"helpdesk/internal/storetest"
)

func TestAccessTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, dsn := demoOn(t, db)
		h := newHarnessOn(t, env, api.Options{})
		const caja, path = "caja@panaderia.test", "/api/v1/tokens"
		h.run([]scenario{
			{name: "none yet", actor: caja, method: "GET", path: path, status: 200, want: []string{`{"tokens":[]}`}},
			{name: "no name", actor: caja, method: "POST", path: path, body: `{"name":"  "}`, status: 422,
				want: []string{`"name":"Este campo es obligatorio."`}},
			{name: "too long", actor: caja, method: "POST", path: path, body: `{"name":"x","expires_in_days":366}`, status: 422,
				want: []string{`"expires_in_days":"Elija una vigencia entre 1 y 365 días."`}},
			{name: "zero days", actor: caja, method: "POST", path: path, body: `{"name":"x","expires_in_days":0}`, status: 422},
			{name: "someone else's user id is refused", actor: caja, method: "POST", path: path, body: `{"name":"x","user_id":1}`, status: 400,
				want: []string{`"user_id":"Campo desconocido."`}},
			{name: "anonymous", method: "POST", path: path, body: `{"name":"x"}`, status: 401},
		})
		status, body := h.as(caja, "POST", path, `{"name":"Informe semanal","expires_in_days":30}`)
		var tok struct {
			ID     int64
			Token  string
			Prefix string
		}
		if json.Unmarshal([]byte(body), &tok); status != http.StatusCreated || !strings.HasPrefix(tok.Token, "hdp_") || !strings.HasPrefix(tok.Token, tok.Prefix) {
			t.Fatalf("create: %d %s", status, body)
		}
		id := strconv.FormatInt(tok.ID, 10)
		h.run([]scenario{
			{name: "listed without its secret", actor: caja, method: "GET", path: path, status: 200,
				want: []string{`"name":"Informe semanal"`, `"active":true`, `"revoked_at":null`}, notWant: []string{tok.Token}},
			{name: "another user does not see it", actor: "gerente@panaderia.test", method: "GET", path: path, status: 200,
				want: []string{`{"tokens":[]}`}},
			{name: "another user cannot revoke it", actor: "gerente@panaderia.test", method: "DELETE", path: path + "/" + id, status: 404},
			{name: "not a number", actor: caja, method: "DELETE", path: path + "/abc", status: 404},
		})
		pat := map[string]string{"Authorization": "Bearer " + tok.Token}
		h.run([]scenario{
			{name: "works on the API", method: "GET", path: "/api/v1/tickets?status=all", header: pat, status: 200,
				want: []string{`"company":"Panadería La Espiga Ltda."`}, notWant: []string{"Ferretería"}},
			{name: "same rules: may not write notes", method: "POST", path: "/api/v1/tickets/" + h.number(patriciaTicket) + "/messages",
				header: pat, body: `{"body":"x","internal":true}`, status: 403},
			{name: "cannot mint more tokens", method: "POST", path: path, header: pat, body: `{"name":"otro"}`, status: 403},
			{name: "cannot log out", method: "POST", path: "/api/v1/auth/logout", header: pat, status: 400, want: []string{"DELETE /api/v1/tokens"}},
		})

		setActive(t, dsn, caja, false)
		h.run([]scenario{{name: "refused once the user is disabled", method: "GET", path: "/api/v1/modules", header: pat, status: 401}})
		setActive(t, dsn, caja, true)
		h.run([]scenario{
			{name: "back when enabled", method: "GET", path: "/api/v1/modules", header: pat, status: 200},
			{name: "revoke", actor: caja, method: "DELETE", path: path + "/" + id, status: 204},
			{name: "refused once revoked", method: "GET", path: "/api/v1/modules", header: pat, status: 401, want: []string{`"code":"unauthorized"`}},
			{name: "listed as revoked", actor: caja, method: "GET", path: path, status: 200, want: []string{`"active":false`, `"revoked_at":"20`}},
			{name: "a made-up token", method: "GET", path: "/api/v1/modules", header: map[string]string{"Authorization": "Bearer hdp_nope"}, status: 401},
		})
		// A disabled user's login tokens stop at once too.
		login := h.token("compras@ferreteria.test")
		setActive(t, dsn, "compras@ferreteria.test", false)
		if status, _ := h.do(login, "GET", "/api/v1/modules", "", nil); status != 401 {
			t.Errorf("login token of a disabled user: %d", status)
		}
	})
}
