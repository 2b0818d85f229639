package desk_test

import (
	"errors"
	"strings"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

func TestContacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		other := env.User(t, "gerente@panaderia.test")
		good := desk.ContactInput{Name: "Andrés Muñoz", Email: " Andres.Munoz@Proveedor.CO ", Phone: "601 555 1234",
			Company: "Tornillos Año Nuevo", Position: "Contador", Notes: "Llamar en la mañana"}
		tests := []struct {
			name  string
			edit  func(*desk.ContactInput)
			field string
			key   string
		}{
			{"no name", func(c *desk.ContactInput) { c.Name = "" }, "name", "error.required"},
			{"long name", func(c *desk.ContactInput) { c.Name = strings.Repeat("a", 101) }, "name", "error.too_long"},
			{"no e-mail", func(c *desk.ContactInput) { c.Email = " " }, "email", "error.required"},
			{"bad e-mail", func(c *desk.ContactInput) { c.Email = "andres@" }, "email", "error.email_one"},
			{"named e-mail", func(c *desk.ContactInput) { c.Email = "Andrés <a@x.co>" }, "email", "error.email_one"},
			{"long phone", func(c *desk.ContactInput) { c.Phone = strings.Repeat("1", 41) }, "phone", "error.too_long"},
			{"long company", func(c *desk.ContactInput) { c.Company = strings.Repeat("a", 101) }, "company", "error.too_long"},
			{"long notes", func(c *desk.ContactInput) { c.Notes = strings.Repeat("a", 2001) }, "notes", "error.too_long"},
			{"control char", func(c *desk.ContactInput) { c.Position = "a\x00b" }, "position", "error.invalid_text"},
			{"line break in a name", func(c *desk.ContactInput) { c.Name = "Evil\r\nBcc: x@y.co" }, "name", "error.invalid_text"},
		}
		for _, tt := range tests {
			in := good
			tt.edit(&in)
			if _, err := env.Desk.CreateContact(ctx, u, in); fieldKey(err, tt.field) != tt.key {
				t.Errorf("%s: %v, want %s on %s", tt.name, err, tt.key, tt.field)
			}
		}
		if all, _ := env.Desk.Contacts(ctx, u, ""); len(all) != 0 {
			t.Fatalf("refused contacts saved: %d", len(all))
		}
		c, err := env.Desk.CreateContact(ctx, u, good)
		if err != nil {
			t.Fatal(err)
		}
		if c.Email != "andres.munoz@proveedor.co" || c.OwnerID != u.ID || c.Notes != good.Notes {
			t.Errorf("saved %+v", c)
		}
		if _, err := env.Desk.CreateContact(ctx, u, desk.ContactInput{Name: "Beatriz Ríos", Email: "bea@banco.co", Company: "Banco"}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Desk.CreateContact(ctx, other, desk.ContactInput{Name: "Andrés de la panadería", Email: "andres@pan.co"}); err != nil {
			t.Fatal(err)
		}
		// One e-mail once per address book, whatever its capitals; another
		// person's book may have it.
		for _, tt := range []struct {
			name string
			do   func() error
			key  string
		}{
			{"same e-mail in capitals", func() error {
				_, err := env.Desk.CreateContact(ctx, u, desk.ContactInput{Name: "Otro Andrés", Email: "  ANDRES.Munoz@Proveedor.CO"})
				return err
			}, "error.contact_email_taken"},
			{"edit onto another's e-mail", func() error {
				_, err := env.Desk.UpdateContact(ctx, u, c.ID, desk.ContactInput{Name: good.Name, Email: "BEA@banco.co"})
				return err
			}, "error.contact_email_taken"},
			{"edit keeping its own e-mail", func() error {
				same := good
				same.Email = "Andres.Munoz@proveedor.co"
				_, err := env.Desk.UpdateContact(ctx, u, c.ID, same)
				return err
			}, ""},
			{"another person's book", func() error {
				_, err := env.Desk.CreateContact(ctx, other, desk.ContactInput{Name: "Bea", Email: "bea@banco.co"})
				return err
			}, ""},
		} {
			err := tt.do()
			if fieldKey(err, "email") != tt.key || (tt.key == "" && err != nil) {
				t.Errorf("%s: %v, want %q", tt.name, err, tt.key)
			}
		}
		if err := env.Desk.DeleteContact(ctx, other, mustContact(t, env.Desk, other, "bea@banco.co")); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			q    string
			want []string
		}{
			{"", []string{"Andrés Muñoz", "Beatriz Ríos"}},
			{"andres", []string{"Andrés Muñoz"}},
			{"MUNOZ", []string{"Andrés Muñoz"}},
			{"año nuevo", []string{"Andrés Muñoz"}},
			{"@banco", []string{"Beatriz Ríos"}},
			{"rios", []string{"Beatriz Ríos"}},
			{"contador", nil}, // position is not searched
			{"panadería", nil},
		} {
			got, err := env.Desk.Contacts(ctx, u, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range got {
				names = append(names, c.Name)
			}
			if strings.Join(names, "|") != strings.Join(tt.want, "|") {
				t.Errorf("search %q: %v, want %v", tt.q, names, tt.want)
			}
		}
		// Another person's contact does not exist for them.
		if _, err := env.Desk.Contact(ctx, other, c.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("read by another: %v", err)
		}
		if _, err := env.Desk.UpdateContact(ctx, other, c.ID, good); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("edit by another: %v", err)
		}
		if err := env.Desk.DeleteContact(ctx, other, c.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("delete by another: %v", err)
		}
		edit := good
		edit.Name, edit.Email = "", "x"
		if _, err := env.Desk.UpdateContact(ctx, u, c.ID, edit); fieldKey(err, "name") != "error.required" {
			t.Errorf("bad edit: %v", err)
		}
		edit = good
		edit.Phone = "310 000 0000"
		if got, err := env.Desk.UpdateContact(ctx, u, c.ID, edit); err != nil || got.Phone != "310 000 0000" || got.Name != good.Name {
			t.Errorf("edit: %v %+v", err, got)
		}
		if err := env.Desk.DeleteContact(ctx, u, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Desk.Contact(ctx, u, c.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("deleted contact: %v", err)
		}
	})
}

func TestTicketCopiesContacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		other := env.User(t, "gerente@ferreteria.test")
		a, _ := env.Desk.CreateContact(ctx, u, desk.ContactInput{Name: "Ana", Email: "ana@proveedor.co"})
		b, _ := env.Desk.CreateContact(ctx, u, desk.ContactInput{Name: "Beto", Email: "beto@proveedor.co"})
		theirs, _ := env.Desk.CreateContact(ctx, other, desk.ContactInput{Name: "Carla", Email: "carla@otra.co"})

		n := validTicket()
		n.CC, n.Contacts = "ANA@proveedor.co, jefe@ferreteria.test", []int64{a.ID, b.ID}
		tk, err := env.Desk.OpenTicket(ctx, u, n, "")
		if err != nil {
			t.Fatal(err)
		}
		if tk.CC != "ana@proveedor.co, jefe@ferreteria.test, beto@proveedor.co" {
			t.Errorf("cc %q", tk.CC)
		}
		n.Contacts = []int64{a.ID, theirs.ID}
		if _, err := env.Desk.OpenTicket(ctx, u, n, ""); fieldKey(err, "contacts") != "error.contact_unknown" {
			t.Errorf("another person's contact: %v", err)
		}

		// The wizard keeps the chosen contacts across steps and files them.
		key, err := env.Desk.StartDraft(ctx, u, validTicket())
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Desk.SaveDraftStep(ctx, u, key, desk.StepConfirm, desk.NewTicket{Contacts: []int64{theirs.ID}}); fieldKey(err, "contacts") != "error.contact_unknown" {
			t.Errorf("draft with another's contact: %v", err)
		}
		if err := env.Desk.KeepDraftStep(ctx, u, key, desk.StepConfirm, desk.NewTicket{Contacts: []int64{b.ID}}); err != nil {
			t.Fatal(err)
		}
		dr, _ := env.Desk.Draft(ctx, u, key)
		if len(dr.Fields.Contacts) != 1 || dr.Fields.Contacts[0] != b.ID {
			t.Errorf("draft contacts %v", dr.Fields.Contacts)
		}
		if err := env.Desk.SaveDraftStep(ctx, u, key, desk.StepConfirm, desk.NewTicket{Contacts: []int64{b.ID}}); err != nil {
			t.Fatal(err)
		}
		filed, err := env.Desk.SubmitDraft(ctx, u, key)
		if err != nil || filed.CC != "beto@proveedor.co" {
			t.Errorf("filed cc %q: %v", filed.CC, err)
		}
	})
}

func TestLoginThrottlingSharedOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		d, _ := clocked(env)
		const office = "190.24.10.7"
		// One person types a wrong password until the account locks, and
		// keeps trying long after.
		for i := 0; i < 60; i++ {
			_, err := d.LogIn(ctx, "compras@ferreteria.test", "olvidada-"+string(rune('a'+i%26)), office, "web")
			want := model.ErrUnauthorized
			if i >= 8 {
				want = model.ErrRateLimited
			}
			if !errors.Is(err, want) {
				t.Fatalf("attempt %d: %v, want %v", i, err, want)
			}
		}
		// Colleagues behind the same address still log in.
		for _, e := range []string{"gerente@ferreteria.test", "gerente@panaderia.test"} {
			if _, err := d.LogIn(ctx, e, "helpdesk-demo", office, "web"); err != nil {
				t.Errorf("%s from the office: %v", e, err)
			}
		}
		// Many accounts failing from one address lock the address.
		locked := false
		for i := 0; i < 30 && !locked; i++ {
			for j := 0; j < 8; j++ {
				_, err := d.LogIn(ctx, "probe"+string(rune('a'+i))+"@x.co", "nope", "203.0.113.9", "api")
				if errors.Is(err, model.ErrRateLimited) {
					locked = true
					break
				}
			}
		}
		if !locked {
			t.Fatal("an address trying many accounts is never throttled")
		}
		if _, err := d.LogIn(ctx, "gerente@ferreteria.test", "helpdesk-demo", "203.0.113.9", "web"); !errors.Is(err, model.ErrRateLimited) {
			t.Errorf("locked address: %v", err)
		}
		if _, err := d.LogIn(ctx, "gerente@ferreteria.test", "helpdesk-demo", "10.9.9.9", "web"); err != nil {
			t.Errorf("another address: %v", err)
		}
	})
}

func mustContact(t *testing.T, d *desk.Desk, u model.User, email string) int64 {
	t.Helper()
	all, err := d.Contacts(ctx, u, email)
	if err != nil || len(all) != 1 {
		t.Fatalf("contact %s: %v %v", email, all, err)
	}
	return all[0].ID
}
