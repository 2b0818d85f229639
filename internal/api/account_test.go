package api_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

func TestProfileAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const me = "compras@ferreteria.test"
		h.run([]scenario{
			{name: "own profile", actor: me, method: "GET", path: "/api/v1/profile", status: 200,
				want:    []string{`"email":"compras@ferreteria.test"`, `"role":"informer"`, `"time_zone":"America/Bogota"`, `"email_notifications":true`},
				notWant: []string{"password"}},
			{name: "no token", method: "GET", path: "/api/v1/profile", status: 401},
			{name: "partial change", actor: me, method: "PATCH", path: "/api/v1/profile",
				body: `{"phone":"+57 300 555 0101","language":"en","time_zone":"America/Lima","email_notifications":false}`, status: 200,
				want: []string{`"phone":"+57 300 555 0101"`, `"language":"en"`, `"time_zone":"America/Lima"`, `"email_notifications":false`, `"email":"compras@ferreteria.test"`}},
			// From here on the profile is in English, and so are the answers.
			{name: "role is refused", actor: me, method: "PATCH", path: "/api/v1/profile", body: `{"role":"admin"}`, status: 400,
				want: []string{`"role":"Unknown field."`}},
			{name: "bad zone and language", actor: me, method: "PATCH", path: "/api/v1/profile", body: `{"time_zone":"Luna/Base","language":"fr"}`,
				status: 422, want: []string{`"time_zone":"Choose a time zone from the list."`, `"language":`}},
			{name: "empty name", actor: me, method: "PATCH", path: "/api/v1/profile", body: `{"name":" "}`, status: 422,
				want: []string{`"name":"This field is required."`}},
			{name: "e-mail change without password", actor: me, method: "PATCH", path: "/api/v1/profile", body: `{"email":"luisa@ferreteria.test"}`,
				status: 422, want: []string{`"current":"Type your current password."`}},
			{name: "e-mail change, wrong password", actor: me, method: "PATCH", path: "/api/v1/profile",
				body: `{"email":"luisa@ferreteria.test","current":"nope"}`, status: 422, want: []string{`"current":"The current password is not correct."`}},
			{name: "e-mail taken", actor: me, method: "PATCH", path: "/api/v1/profile",
				body: `{"email":"Gerente@Ferreteria.test","current":"helpdesk-demo"}`, status: 422, want: []string{`"email":"There is already an account with that e-mail address."`}},
			{name: "e-mail changed", actor: me, method: "PATCH", path: "/api/v1/profile",
				body: `{"email":"Luisa@Ferreteria.test","current":"helpdesk-demo"}`, status: 200, want: []string{`"email":"luisa@ferreteria.test"`}},
		})
	})
}

func TestPasswordAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const me = "caja@panaderia.test"
		other := func() string {
			_, body := h.do("", "POST", "/api/v1/auth/login", `{"email":"caja@panaderia.test","password":"helpdesk-demo"}`, nil)
			var out struct{ Token string }
			json.Unmarshal([]byte(body), &out)
			return out.Token
		}()
		h.run([]scenario{
			{name: "wrong current", actor: me, method: "POST", path: "/api/v1/profile/password", body: `{"current":"x","new":"Lámpara-Verde-2026"}`,
				status: 422, want: []string{`"current":"La contraseña actual no es correcta."`}},
			{name: "common", actor: me, method: "POST", path: "/api/v1/profile/password", body: `{"current":"helpdesk-demo","new":"1234567890"}`,
				status: 422, want: []string{`"new":"Esa contraseña es de las más usadas`}},
			{name: "too short", actor: me, method: "POST", path: "/api/v1/profile/password", body: `{"current":"helpdesk-demo","new":"corta"}`,
				status: 422, want: []string{`"new":"La contraseña debe tener entre 10 y 128 caracteres."`}},
			{name: "unknown field", actor: me, method: "POST", path: "/api/v1/profile/password", body: `{"current":"helpdesk-demo","new":"Lámpara-Verde-2026","user":3}`,
				status: 400},
			{name: "changed", actor: me, method: "POST", path: "/api/v1/profile/password", body: `{"current":"helpdesk-demo","new":"Lámpara-Verde-2026"}`,
				status: 204},
			{name: "this token still works", actor: me, method: "GET", path: "/api/v1/profile", status: 200},
		})
		if status, _ := h.do(other, "GET", "/api/v1/profile", "", nil); status != 401 {
			t.Errorf("other login token after the change: %d", status)
		}
		if status, _ := h.do("", "POST", "/api/v1/auth/login", `{"email":"caja@panaderia.test","password":"Lámpara-Verde-2026"}`, nil); status != 200 {
			t.Errorf("login with the new password: %d", status)
		}
	})
}

func TestForgotAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		var answers []string
		for _, e := range []string{"gerente@panaderia.test", "nadie@panaderia.test", "gerente@panaderia.test", "gerente@panaderia.test", "gerente@panaderia.test"} {
			status, body := h.do("", "POST", "/api/v1/auth/forgot", `{"email":"`+e+`"}`, nil)
			if status != 202 {
				t.Errorf("%s: %d", e, status)
			}
			answers = append(answers, body)
		}
		for _, a := range answers[1:] {
			if a != answers[0] {
				t.Errorf("answers differ: %s / %s", a, answers[0])
			}
		}
		jobs, err := h.env.Store.Read().Jobs(context.Background(), desk.JobMail, 100)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, j := range jobs {
			var m model.Mail
			json.Unmarshal([]byte(j.Payload), &m)
			if m.Template == "reset" {
				n++
				if m.To != "gerente@panaderia.test" {
					t.Errorf("mail to %s", m.To)
				}
			}
		}
		if n != 3 {
			t.Errorf("%d reset mails for 4 requests, want 3", n)
		}
		h.run([]scenario{
			{name: "unknown field", method: "POST", path: "/api/v1/auth/forgot", body: `{"email":"a@b.co","lang":"en"}`, status: 400},
			{name: "no body", method: "POST", path: "/api/v1/auth/forgot", status: 400},
		})
	})
}

func TestContactsAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const me, other = "compras@ferreteria.test", "gerente@ferreteria.test"
		status, body := h.as(me, "POST", "/api/v1/contacts", `{"name":"Andrés Muñoz","email":"Andres@Proveedor.co","company":"Tornillos Año Nuevo","notes":"<b>ok</b>"}`)
		var c struct{ ID int64 }
		if status != 201 || json.Unmarshal([]byte(body), &c) != nil || c.ID == 0 {
			t.Fatalf("create: %d %s", status, body)
		}
		_, theirBody := h.as(other, "POST", "/api/v1/contacts", `{"name":"Carla","email":"carla@otra.co"}`)
		var theirs struct{ ID int64 }
		json.Unmarshal([]byte(theirBody), &theirs)
		path := "/api/v1/contacts/" + strconv.FormatInt(c.ID, 10)
		h.run([]scenario{
			{name: "list", actor: me, method: "GET", path: "/api/v1/contacts", status: 200,
				want: []string{`"email":"andres@proveedor.co"`, `"notes":"\u003cb\u003eok\u003c/b\u003e"`}, notWant: []string{"Carla"}},
			{name: "search without accents", actor: me, method: "GET", path: "/api/v1/contacts?q=MUNOZ", status: 200, want: []string{"Andrés Muñoz"}},
			{name: "search no match", actor: me, method: "GET", path: "/api/v1/contacts?q=zzz", status: 200, want: []string{`{"contacts":[]}`}},
			{name: "other user's list", actor: other, method: "GET", path: "/api/v1/contacts", status: 200, want: []string{"Carla"}, notWant: []string{"Andrés"}},
			{name: "missing name", actor: me, method: "POST", path: "/api/v1/contacts", body: `{"email":"x@y.co"}`, status: 422,
				want: []string{`"name":"Este campo es obligatorio."`}},
			{name: "bad e-mail", actor: me, method: "POST", path: "/api/v1/contacts", body: `{"name":"X","email":"x@"}`, status: 422,
				want: []string{`"email":`}},
			{name: "owner field refused", actor: me, method: "POST", path: "/api/v1/contacts", body: `{"name":"X","email":"x@y.co","owner_id":1}`, status: 400},
			{name: "partial edit", actor: me, method: "PATCH", path: path, body: `{"phone":"601 555 1234"}`, status: 200,
				want: []string{`"phone":"601 555 1234"`, `"name":"Andrés Muñoz"`}},
			{name: "bad edit", actor: me, method: "PATCH", path: path, body: `{"email":"nada"}`, status: 422},
			{name: "other user edits", actor: other, method: "PATCH", path: path, body: `{"phone":"1"}`, status: 404},
			{name: "other user deletes", actor: other, method: "DELETE", path: path, status: 404},
			{name: "bad id", actor: me, method: "DELETE", path: "/api/v1/contacts/abc", status: 404},
			{name: "ticket with another's contact", actor: me, method: "POST", path: "/api/v1/tickets",
				body: ticketWith(`"contacts":[` + strconv.FormatInt(theirs.ID, 10) + `]`), status: 422,
				want: []string{`"contacts":"Uno de los contactos elegidos ya no está en su libreta."`}},
			{name: "ticket copying a contact", actor: me, method: "POST", path: "/api/v1/tickets",
				body: ticketWith(`"cc":"jefe@ferreteria.test","contacts":[` + strconv.FormatInt(c.ID, 10) + `]`), status: 201,
				want: []string{`"cc":["jefe@ferreteria.test","andres@proveedor.co"]`}},
			{name: "contacts of the wrong type", actor: me, method: "POST", path: "/api/v1/tickets",
				body: ticketWith(`"contacts":"7"`), status: 400},
			{name: "delete", actor: me, method: "DELETE", path: path, status: 204},
			{name: "deleted", actor: me, method: "PATCH", path: path, body: `{"phone":"1"}`, status: 404},
		})
	})
}

// ticketWith is a valid new ticket body with extra fields.
func ticketWith(extra string) string {
	b := ticketBody("Copia a contactos")
	return strings.TrimSuffix(b, "}") + "," + extra + "}"
}
