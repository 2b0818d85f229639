package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"net/http/httptest"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// TestQueueCompanyFilterAtScale: the queue lists companies to choose from
// while they are few; past desk.FilterCompanies the filter takes a NIT, so
// no page carries thousands of options, and a wrong NIT is said so.
func TestQueueCompanyFilterAtScale(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		a, err := app.New(ctx, config.Config{Addr: ":0", Database: db.DSN(t), Demo: true}, app.Options{PasswordCost: bcrypt.MinCost})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(a.Handler)
		t.Cleanup(func() { srv.Close(); a.Close() })
		hardware, _ := a.Store.Read().UserByEmail(ctx, "compras@ferreteria.test")
		bakery, _ := a.Store.Read().UserByEmail(ctx, "caja@panaderia.test")
		file := func(u model.User, title string) {
			if _, err := a.Desk.OpenTicket(ctx, u, desk.NewTicket{Title: title, Module: "Inventarios", Type: "Error",
				Urgency: "Alta", Description: "Desde ayer."}, ""); err != nil {
				t.Fatal(err)
			}
		}
		file(hardware, "Tornillos sin existencias en la bodega")
		file(bakery, "Harina sin existencias en la bodega")
		a.Jobs.Drain(ctx) // indexed for search, as the runner does after each commit
		staff := login(t, srv, "agente@oceanic.test")

		_, body := staff.get("/console?status=all")
		if !strings.Contains(body, `<select name="company">`) || !strings.Contains(body, "Panadería La Espiga Ltda.") || strings.Contains(body, `name="company_nit"`) {
			t.Fatalf("few companies: want them listed in a select")
		}
		// A NIT typed anyway (a link, a bookmark) shows in its field, with
		// what is wrong with it next to it.
		res, body := staff.get("/console?status=all&company_nit=123")
		if res.StatusCode != 422 || !strings.Contains(body, `name="company_nit" value="123"`) || !strings.Contains(body, "después de un guion") {
			t.Errorf("a wrong NIT with few companies: status %d; want 422 with the NIT in its field and the message", res.StatusCode)
		}
		err = a.Store.Tx(ctx, func(q *store.Q) error {
			for i := range desk.FilterCompanies {
				if _, err := q.CreateCompany(ctx, model.Company{Name: fmt.Sprintf("Cliente %03d S.A.S.", i),
					NIT: fmt.Sprintf("70000%04d-0", i), Active: true}, time.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		hw, err := a.Store.Read().CompanyByNIT(ctx, "900123456-8")
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			path    string
			status  int
			want    []string
			notWant []string
		}{
			{"/console?status=all", 200, []string{`name="company_nit"`, "Tornillos", "Harina"}, []string{`<select name="company">`, "Cliente 001"}},
			{"/console?status=all&company_nit=" + url.QueryEscape("900.123.456-8"), 200, []string{"Tornillos", `value="900.123.456-8"`}, []string{"Harina"}},
			{"/console?status=all&company=" + strconv.FormatInt(hw.ID, 10), 200, []string{"Tornillos", `value="900123456-8"`}, []string{"Harina"}},
			{"/console?status=all&company_nit=900123456-8&q=existencias", 200, []string{"Tornillos"}, []string{"Harina"}},
			{"/console?status=all&company_nit=900123456-9", 422, []string{"El dígito de verificación no corresponde", `value="900123456-9"`}, []string{"Tornillos", "Harina"}},
			{"/console?status=all&company_nit=900123456", 422, []string{"después de un guion"}, []string{"Tornillos", "Harina"}},
			{"/console?status=all&company_nit=800987654-3", 422, nil, []string{"Tornillos", "Harina"}},
			{"/console?status=all&company_nit=890903938-8", 422, []string{"Ninguna empresa tiene ese NIT."}, []string{"Tornillos", "Harina"}},
		} {
			res, body := staff.get(tt.path)
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
		}
	})
}
