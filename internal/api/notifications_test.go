package api_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"helpdesk/internal/storetest"
)

func TestNotificationRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		const informer, agent, manager = "compras@ferreteria.test", "agente@oceanic.test", "gerente@ferreteria.test"
		const path = "/api/v1/notifications"
		h.run([]scenario{
			{name: "nothing yet", actor: informer, method: "GET", path: path, status: 200,
				want: []string{`"unread":0`, `"notifications":[]`}},
			{name: "anonymous", method: "GET", path: path, status: 401},
		})
		number := h.openTicket(informer, "Se cayó la conexión al servidor")
		if s, b := h.as(agent, "POST", "/api/v1/tickets/"+number+"/messages", `{"body":"Revisamos el servidor."}`); s != 201 {
			t.Fatalf("reply: %d %s", s, b)
		}
		if s, b := h.as(agent, "POST", "/api/v1/tickets/"+number+"/messages", `{"body":"Nota para el equipo","internal":true}`); s != 201 {
			t.Fatalf("note: %d %s", s, b)
		}
		var list struct {
			Unread        int
			Notifications []struct {
				ID     int64
				Ticket int64
				Kind   string
				Actor  *string
			}
		}
		s, body := h.as(informer, "GET", path+"?unread=1", "")
		if s != 200 || json.Unmarshal([]byte(body), &list) != nil {
			t.Fatalf("list: %d %s", s, body)
		}
		if list.Unread != 1 || len(list.Notifications) != 1 || strconv.FormatInt(list.Notifications[0].Ticket, 10) != number ||
			list.Notifications[0].Kind != "reply" || list.Notifications[0].Actor == nil {
			t.Fatalf("the informer's bell (the internal note must not be there): %s", body)
		}
		mine := strconv.FormatInt(list.Notifications[0].ID, 10)
		h.run([]scenario{
			{name: "the manager was told of the new ticket and the reply", actor: manager, method: "GET", path: path, status: 200,
				want: []string{`"unread":2`, `"kind":"created"`, `"kind":"reply"`, `"ticket":` + number}},
			{name: "the author was not told", actor: agent, method: "GET", path: path + "?unread=1", status: 200,
				want: []string{`"unread":1`, `"kind":"created"`}, notWant: []string{`"kind":"reply"`}},
			{name: "another user's ids are ignored", actor: agent, method: "POST", path: path + "/read",
				body: `{"ids":[` + mine + `]}`, status: 200, want: []string{`"marked":0`, `"unread":1`}},
			{name: "still unread for its owner", actor: informer, method: "GET", path: path + "?unread=1", status: 200,
				want: []string{`"unread":1`, `"id":` + mine}},
			{name: "neither ids nor all", actor: informer, method: "POST", path: path + "/read", body: `{}`, status: 400,
				want: []string{`"ids"`}},
			{name: "unknown field", actor: informer, method: "POST", path: path + "/read", body: `{"id":1}`, status: 400},
			{name: "bad limit", actor: informer, method: "GET", path: path + "?limit=0", status: 400},
			{name: "bad unread", actor: informer, method: "GET", path: path + "?unread=maybe", status: 400},
			{name: "mark mine", actor: informer, method: "POST", path: path + "/read", body: `{"ids":[` + mine + `]}`, status: 200,
				want: []string{`"marked":1`, `"unread":0`}},
			{name: "read ones stay in the full list", actor: informer, method: "GET", path: path, status: 200,
				want: []string{`"unread":0`, `"id":` + mine}, notWant: []string{`"read_at":null`}},
			{name: "only unread: none left", actor: informer, method: "GET", path: path + "?unread=1", status: 200,
				want: []string{`"notifications":[]`}},
			{name: "mark all", actor: manager, method: "POST", path: path + "/read", body: `{"all":true}`, status: 200,
				want: []string{`"marked":2`, `"unread":0`}},
			{name: "pages", actor: manager, method: "GET", path: path + "?limit=1", status: 200,
				want: []string{`"next":"`}},
		})
	})
}
