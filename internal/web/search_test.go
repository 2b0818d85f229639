package web_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/desk"
	"helpdesk/internal/storetest"
)

// TestTicketSearchBoxes drives the search boxes of the console queue, the
// portal's open tickets, history and Buscador.
func TestTicketSearchBoxes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		a, err := app.New(ctx, config.Config{Addr: ":0", Database: db.DSN(t), Demo: true}, app.Options{PasswordCost: bcrypt.MinCost})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(a.Handler)
		t.Cleanup(func() { srv.Close(); a.Close() })
		informer, _ := a.Store.Read().UserByEmail(ctx, "compras@ferreteria.test")
		agent, _ := a.Store.Read().UserByEmail(ctx, "agente@oceanic.test")
		tk, err := a.Desk.OpenTicket(ctx, informer, desk.NewTicket{Title: "La lámpara del murciélago no enciende",
			Module: "Inventarios", Type: "Error", Urgency: "Alta", Description: "Desde ayer."}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Desk.AddReply(ctx, agent, tk.Number, desk.Reply{Body: "Parece cosa del ornitorrinco.", Internal: true}); err != nil {
			t.Fatal(err)
		}
		a.Jobs.Drain(ctx) // what the runner does after each commit
		title := "La lámpara del murciélago no enciende"
		staff, customer, other := login(t, srv, "agente@oceanic.test"), login(t, srv, "compras@ferreteria.test"),
			login(t, srv, "caja@panaderia.test")
		tests := []struct {
			name    string
			c       *client
			path    string
			status  int
			want    []string
			notWant []string
		}{
			{"console: accents and plural", staff, "/console?q=murcielagos", 200, []string{title, `value="murcielagos"`}, nil},
			{"console: internal note", staff, "/console?q=ornitorrinco", 200, []string{title}, nil},
			{"console: with filters", staff, "/console?status=all&assigned=none&q=murci%C3%A9l", 200, []string{title}, nil},
			{"console: filter excludes", staff, "/console?status=cerrado&q=murcielago", 200, []string{"Ningún tiquete tiene todas esas palabras"}, []string{title}},
			{"console: tabs keep the words", staff, "/console?q=murcielago", 200, []string{"q=murcielago&amp;status=cerrado"}, nil},
			{"console: stop words only", staff, "/console?q=de+la+que", 422, []string{"Escriba al menos una palabra", `value="de la que"`}, []string{title, "Ningún tiquete tiene", "No hay tiquetes para mostrar", "los más recientes primero"}},
			{"console: symbols only", staff, "/console?q=" + url.QueryEscape(`%_'":(*\`), 422, []string{"Escriba al menos una palabra"}, nil},
			{"open tickets: prefix", customer, "/tickets?q=murcie", 200, []string{title}, nil},
			{"history: never by a note", customer, "/history?q=ornitorrinco", 200, nil, []string{title}},
			{"finder by words", customer, "/find?q=lampara+murcielago", 200, []string{title, "los más recientes primero"}, nil},
			{"finder: other company", other, "/find?q=murcielago", 200, []string{"Ningún tiquete tiene todas esas palabras"}, []string{title}},
			{"finder: too vague", customer, "/find?q=el", 422, []string{"Escriba al menos una palabra", `value="el"`}, []string{"Ningún tiquete tiene", "los más recientes primero"}},
			{"finder: stop words only", customer, "/find?q=de+la", 422, []string{"Escriba al menos una palabra", `value="de la"`}, []string{"Ningún tiquete tiene", "los más recientes primero"}},
			{"open tickets: stop words only", customer, "/tickets?q=de+la", 422, []string{"Escriba al menos una palabra"}, []string{"Ningún tiquete tiene", "No hay tiquetes para mostrar"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, body := tt.c.get(tt.path)
				if res.StatusCode != tt.status {
					t.Errorf("%s: status %d, want %d", tt.path, res.StatusCode, tt.status)
				}
				for _, s := range tt.want {
					if !strings.Contains(body, s) {
						t.Errorf("%s: missing %q", tt.path, s)
					}
				}
				for _, s := range tt.notWant {
					if strings.Contains(body, s) {
						t.Errorf("%s: shows %q", tt.path, s)
					}
				}
			})
		}
	})
}
