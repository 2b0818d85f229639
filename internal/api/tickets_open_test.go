package api_test

import (
	"encoding/json"
	"helpdesk/internal/storetest"
	"net/http"
	"strings"
	"testing"
)

// newTicket is a valid ticket body with some fields changed; a nil value
// drops the field.
func newTicket(changes map[string]any) string {
	m := map[string]any{"title": "No guarda la entrada de almacén", "module": "Inventarios", "type": "Error",
		"urgency": "Alta", "description": "Al guardar sale \"error 42\".", "version": "9.0.1"}
	for k, v := range changes {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func TestOpenTicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const caja, path = "caja@panaderia.test", "/api/v1/tickets"
		h.run([]scenario{
			{name: "ok", actor: caja, method: "POST", path: path, body: newTicket(nil), status: 201,
				want: []string{`"number":10`, `"title":"No guarda la entrada de almacén"`, `"module":"Inventarios"`,
					`"type":"Error"`, `"urgency":"Alta"`, `"priority":null`, `"status":"abierto"`, `"company":"Panadería La Espiga Ltda."`,
					`"reporter":{"name":"Andrés Cardona","email":"caja@panaderia.test"}`, `"assignee":null`, `"cc":[]`,
					`"created_at":"20`, `"closed_at":null`, `"first_response_at":null`},
				notWant: []string{`"error":{`, `"timeline"`}},
			{name: "cc as text", actor: caja, method: "POST", path: path,
				body:   newTicket(map[string]any{"cc": "Gerente@Panaderia.test, otro@panaderia.test"}),
				status: 201, want: []string{`"cc":["gerente@panaderia.test","otro@panaderia.test"]`}},
			{name: "cc as list", actor: caja, method: "POST", path: path,
				body:   newTicket(map[string]any{"cc": []string{"gerente@panaderia.test"}, "type": "Capacitación", "urgency": "Crítica"}),
				status: 201, want: []string{`"cc":["gerente@panaderia.test"]`, `"type":"Capacitación"`, `"urgency":"Crítica"`}},
			{name: "200-rune title", actor: caja, method: "POST", path: path,
				body: newTicket(map[string]any{"title": strings.Repeat("ñ", 200)}), status: 201},
			{name: "missing title", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"title": nil}),
				status: 422, want: []string{`"code":"validation"`, `"fields":{"title":"Este campo es obligatorio."}`}},
			{name: "blank title", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"title": "   "}),
				status: 422, want: []string{`"title":"Este campo es obligatorio."`}},
			{name: "201-rune title", actor: caja, method: "POST", path: path,
				body:   newTicket(map[string]any{"title": strings.Repeat("ñ", 201)}),
				status: 422, want: []string{`"code":"validation"`, `"title":"El texto es demasiado largo: máximo 200 caracteres."`}, notWant: []string{`"number"`}},
			{name: "NUL in title", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"title": "No abre\u0000el programa"}),
				status: 422, want: []string{`"title":"El texto contiene caracteres no válidos."`}, notWant: []string{`"number"`}},
			{name: "escape character in description", actor: caja, method: "POST", path: path,
				body: newTicket(map[string]any{"description": "color \u001b[31mrojo"}), status: 422,
				want: []string{`"description":"El texto contiene caracteres no válidos."`}},
			{name: "tabs and line breaks are text", actor: caja, method: "POST", path: path,
				body: newTicket(map[string]any{"description": "Paso 1:\tabrir\r\nPaso 2:\tfacturar"}), status: 201},
			{name: "unknown module", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"module": "Astrología"}),
				status: 422, want: []string{`"fields":{"module":"Elija una de las opciones."}`}},
			{name: "bad urgency", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"urgency": "Urgente"}),
				status: 422, want: []string{`"fields":{"urgency":"Elija una de las opciones."}`}},
			{name: "bad type", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"type": "error"}),
				status: 422, want: []string{`"fields":{"type":"Elija una de las opciones."}`}},
			{name: "bad cc", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"cc": "no-es-correo"}),
				status: 422, want: []string{`"fields":{"cc":"Escriba correos válidos separados por comas (máximo 10)."}`}},
			{name: "several bad fields", actor: caja, method: "POST", path: path,
				body:   newTicket(map[string]any{"description": nil, "version": strings.Repeat("9", 41), "urgency": nil}),
				status: 422, want: []string{`"description":"Este campo es obligatorio."`, `"version":"El texto es demasiado largo: máximo 40 caracteres."`, `"urgency":"Elija`},
				notWant: []string{`"title":"`}},
			{name: "in English", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"title": nil}),
				header: map[string]string{"Accept-Language": "en-US,en;q=0.9"},
				status: 422, want: []string{`"title":"This field is required."`, "Please check"}, notWant: []string{"obligatorio"}},
			{name: "unknown JSON field", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"priority": "Alta"}),
				status: 400, want: []string{`"code":"bad_request"`, `"priority":"Campo desconocido."`}, notWant: []string{`"number"`}},
			{name: "wrong JSON type", actor: caja, method: "POST", path: path, body: newTicket(map[string]any{"title": 42}),
				status: 400, want: []string{`"code":"bad_request"`, `"title":"Tipo de valor incorrecto."`}},
			{name: "JSON array", actor: caja, method: "POST", path: path, body: `[]`,
				status: 400, want: []string{`"code":"bad_request"`}},
			{name: "trailing garbage", actor: caja, method: "POST", path: path, body: newTicket(nil) + `x`,
				status: 400, want: []string{`"code":"bad_request"`}, notWant: []string{`"number"`}},
			{name: "oversized body", actor: caja, method: "POST", path: path,
				body:   newTicket(map[string]any{"description": strings.Repeat("a", 1<<20)}),
				status: 413, want: []string{`"code":"too_large"`, "1 MiB"}, notWant: []string{`"number"`}},
			{name: "long idempotency key", actor: caja, method: "POST", path: path, body: newTicket(nil),
				header: map[string]string{"Idempotency-Key": strings.Repeat("k", 201)},
				status: 400, want: []string{`"code":"bad_request"`, "Idempotency-Key"}},
			{name: "staff may not file", actor: "agente@oceanic.test", method: "POST", path: path, body: newTicket(nil),
				status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{`"number"`}},
			{name: "anonymous", method: "POST", path: path, body: newTicket(nil),
				status: 401, want: []string{`"code":"unauthorized"`}},
		})
	})
}

func TestTicketTextRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		title := `Error 💥 al imprimir <script>alert("x")</script> & ‘cajón’ ñandú`
		desc := "Línea 1\nLínea 2\t<b>negrita</b> \\ \"comillas\""
		status, body := h.as("caja@panaderia.test", "POST", "/api/v1/tickets", newTicket(map[string]any{"title": title, "description": desc}))
		if status != http.StatusCreated {
			t.Fatalf("create: %d %s", status, body)
		}
		for _, raw := range []string{"<script>", "<b>"} {
			if strings.Contains(body, raw) {
				t.Errorf("raw %q in JSON: %s", raw, body)
			}
		}
		var created struct{ Number int64 }
		json.Unmarshal([]byte(body), &created)
		_, body = h.as("caja@panaderia.test", "GET", "/api/v1/tickets/"+itoa(created.Number), "")
		var got struct{ Title, Description string }
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if got.Title != title || got.Description != desc {
			t.Errorf("round trip:\n%q\n%q\nwant\n%q\n%q", got.Title, got.Description, title, desc)
		}
	})
}

func TestIdempotencyKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		key := map[string]string{"Idempotency-Key": "draft-7f3a"}
		tok := h.token("caja@panaderia.test")
		s1, b1 := h.do(tok, "POST", "/api/v1/tickets", newTicket(nil), key)
		s2, b2 := h.do(tok, "POST", "/api/v1/tickets", newTicket(map[string]any{"title": "otro intento"}), key)
		var t1, t2 struct{ Number int64 }
		json.Unmarshal([]byte(b1), &t1)
		json.Unmarshal([]byte(b2), &t2)
		if s1 != 201 || s2 != 201 || t1.Number == 0 || t1.Number != t2.Number {
			t.Fatalf("replay: %d %s / %d %s", s1, b1, s2, b2)
		}
		if fresh := h.openTicket("caja@panaderia.test", "sin clave"); fresh != itoa(t1.Number+1) {
			t.Errorf("replay used a number: next is %s after %d", fresh, t1.Number)
		}
		// The same key from another person is theirs: a ticket of their own.
		status, body := h.do(h.token("gerente@panaderia.test"), "POST", "/api/v1/tickets", newTicket(nil), key)
		var t3 struct{ Number int64 }
		json.Unmarshal([]byte(body), &t3)
		if status != http.StatusCreated || t3.Number == 0 || t3.Number == t1.Number {
			t.Errorf("key of another user: %d %s", status, body)
		}
	})
}

// Without an Accept-Language, answers speak the caller's profile language.
func TestAnswersInTheProfileLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const caja = "caja@panaderia.test"
		if err := h.env.Desk.SetLanguage(t.Context(), h.env.User(t, caja), "en"); err != nil {
			t.Fatal(err)
		}
		h.run([]scenario{
			{name: "profile in English", actor: caja, method: "POST", path: "/api/v1/tickets", body: newTicket(map[string]any{"title": nil}),
				status: 422, want: []string{`"title":"This field is required."`}},
			{name: "the header still wins", actor: caja, method: "POST", path: "/api/v1/tickets", body: newTicket(map[string]any{"title": nil}),
				header: map[string]string{"Accept-Language": "es-CO"}, status: 422, want: []string{`"title":"Este campo es obligatorio."`}},
			{name: "others keep Spanish", actor: "gerente@panaderia.test", method: "POST", path: "/api/v1/tickets",
				body: newTicket(map[string]any{"title": nil}), status: 422, want: []string{`"title":"Este campo es obligatorio."`}},
		})
	})
}
