package api_test

import (
	"testing"

	"helpdesk/internal/storetest"
)

func TestInternalNotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		n := h.openTicket("caja@panaderia.test", "La báscula no pasa el peso a la caja")
		path := "/api/v1/tickets/" + n
		const note = "Nota interna: el cliente usa un cable USB pirata"
		h.run([]scenario{
			{name: "agent adds a note", actor: "agente@oceanic.test", method: "POST", path: path + "/messages",
				body: `{"body":"` + note + `","internal":true}`, status: 201,
				want: []string{`"number":` + n, `"kind":"note"`, note, `"first_response_at":null`, `"status":"abierto"`}},
			{name: "agent replies", actor: "agente@oceanic.test", method: "POST", path: path + "/messages",
				body:   `{"body":"¿Qué modelo de báscula tiene?"}`,
				status: 201, want: []string{`"kind":"message"`, "Qué modelo", `"first_response_at":"20`}},
			{name: "reporter never sees the note", actor: "caja@panaderia.test", method: "GET", path: path,
				status: 200, want: []string{"Qué modelo", `"author":"Carlos Gómez"`}, notWant: []string{note, `"kind":"note"`}},
			{name: "colleague never sees the note", actor: "gerente@panaderia.test", method: "GET", path: path,
				status: 200, want: []string{"Qué modelo"}, notWant: []string{note}},
			{name: "other agent sees it", actor: "soporte@oceanic.test", method: "GET", path: path,
				status: 200, want: []string{note, `"staff":true`}},
			{name: "customer may not write notes", actor: "caja@panaderia.test", method: "POST", path: path + "/messages",
				body: `{"body":"secreto","internal":true}`, status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{note}},
			{name: "customer's answer hides the note too", actor: "caja@panaderia.test", method: "POST", path: path + "/messages",
				body: `{"body":"Es una Mettler"}`, status: 201, want: []string{"Es una Mettler", `"staff":false`}, notWant: []string{note}},
			{name: "empty body", actor: "caja@panaderia.test", method: "POST", path: path + "/messages",
				body: `{"body":"  "}`, status: 422, want: []string{`"fields":{"body":"Este campo es obligatorio."}`}},
			{name: "no JSON", actor: "caja@panaderia.test", method: "POST", path: path + "/messages",
				status: 400, want: []string{`"code":"bad_request"`}},
			{name: "unknown field", actor: "agente@oceanic.test", method: "POST", path: path + "/messages",
				body: `{"body":"x","files":[]}`, status: 400, want: []string{`"files":"Campo desconocido."`}},
		})
	})
}

func TestStatusFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const caja, agent = "caja@panaderia.test", "agente@oceanic.test"
		first := "/api/v1/tickets/" + h.openTicket(caja, "No abre el cierre de caja")
		second := "/api/v1/tickets/" + h.openTicket(caja, "El lector de códigos lee doble")
		h.run([]scenario{
			{name: "customer may not set en_proceso", actor: caja, method: "POST", path: first + "/status",
				body: `{"status":"en_proceso"}`, status: 422,
				want: []string{`"code":"validation"`, `"status":"Ese cambio de estado no está permitido."`}},
			{name: "unknown status", actor: agent, method: "POST", path: first + "/status",
				body: `{"status":"terminado"}`, status: 422, want: []string{`"status":"Elija una de las opciones."`}},
			{name: "customer closes own ticket", actor: caja, method: "POST", path: first + "/status",
				body: `{"status":"cerrado"}`, status: 200,
				want: []string{`"status":"cerrado"`, `"closed_at":"20`, `"kind":"status"`, `"old_value":"abierto"`, `"new_value":"cerrado"`}},
			{name: "no reply on cerrado", actor: caja, method: "POST", path: first + "/messages",
				body: `{"body":"una cosa más"}`, status: 422, want: []string{`"body":"El tiquete está cerrado. Si necesita más ayuda, cree un tiquete nuevo."`}},
			{name: "cerrado is final for customers", actor: caja, method: "POST", path: first + "/status",
				body: `{"status":"abierto"}`, status: 422, want: []string{`"status":"Ese cambio de estado no está permitido`}},
			{name: "agent reopens", actor: agent, method: "POST", path: first + "/status",
				body: `{"status":"en_proceso"}`, status: 200, want: []string{`"status":"en_proceso"`, `"closed_at":null`}},
			{name: "agent resolves", actor: agent, method: "POST", path: second + "/status",
				body: `{"status":"resuelto"}`, status: 200, want: []string{`"status":"resuelto"`, `"resolved_at":"20`}},
			{name: "customer reply reopens resuelto", actor: caja, method: "POST", path: second + "/messages",
				body: `{"body":"Sigue leyendo doble"}`, status: 201,
				want: []string{`"status":"en_proceso"`, `"resolved_at":null`, `"old_value":"resuelto"`, `"new_value":"en_proceso"`}},
			{name: "agent waits for customer", actor: agent, method: "POST", path: second + "/status",
				body: `{"status":"esperando_cliente"}`, status: 200, want: []string{`"status":"esperando_cliente"`}},
			{name: "colleague of a sharing company may close", actor: "gerente@panaderia.test", method: "POST", path: second + "/status",
				body: `{"status":"cerrado"}`, status: 200, want: []string{`"status":"cerrado"`}},
			{name: "status field is required JSON", actor: agent, method: "POST", path: second + "/status",
				body: `{"estado":"cerrado"}`, status: 400, want: []string{`"estado":"Campo desconocido."`}},
			{name: "anonymous", method: "POST", path: second + "/status",
				body: `{"status":"cerrado"}`, status: 401, want: []string{`"code":"unauthorized"`}},
		})
	})
}
