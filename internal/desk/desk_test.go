package desk_test

import (
	"context"
	"errors"
	"helpdesk/internal/storetest"
	"strings"
	"sync"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

var ctx = context.Background()

func validTicket() desk.NewTicket {
	return desk.NewTicket{Title: "No imprime la factura", Module: "Facturación electrónica", Type: "Error",
		Urgency: "Alta", Description: "Al imprimir sale en blanco.", Version: "9.0.1"}
}

func open(t *testing.T, env apptest.Env, email string) model.Ticket {
	t.Helper()
	tk, err := env.Desk.OpenTicket(ctx, env.User(t, email), validTicket(), "")
	if err != nil {
		t.Fatalf("open ticket as %s: %v", email, err)
	}
	return tk
}

func fieldKey(err error, field string) string {
	var v *model.ValidationError
	if errors.As(err, &v) {
		return v.Fields[field]
	}
	return ""
}

func TestOpenTicketValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		tests := []struct {
			name  string
			edit  func(*desk.NewTicket)
			field string
			key   string
		}{
			{"empty title", func(n *desk.NewTicket) { n.Title = "  " }, "title", "error.required"},
			{"201 runes", func(n *desk.NewTicket) { n.Title = strings.Repeat("ñ", 201) }, "title", "error.too_long"},
			{"unknown module", func(n *desk.NewTicket) { n.Module = "Astrología" }, "module", "error.choose"},
			{"bad type", func(n *desk.NewTicket) { n.Type = "Queja" }, "type", "error.choose"},
			{"bad urgency", func(n *desk.NewTicket) { n.Urgency = "Urgentísima" }, "urgency", "error.choose"},
			{"no description", func(n *desk.NewTicket) { n.Description = "" }, "description", "error.required"},
			{"long description", func(n *desk.NewTicket) { n.Description = strings.Repeat("a", 20001) }, "description", "error.too_long"},
			{"bad cc", func(n *desk.NewTicket) { n.CC = "ana@x.co, no-es-correo" }, "cc", "error.email"},
			{"line break in the title", func(n *desk.NewTicket) { n.Title = "Murciélagos\r\nBcc: x@y.co" }, "title", "error.invalid_text"},
			{"Unicode line separator in the title", func(n *desk.NewTicket) { n.Title = "A\u2028Bcc: x@y.co" }, "title", "error.invalid_text"},
			{"line break in the version", func(n *desk.NewTicket) { n.Version = "9.0\n1" }, "version", "error.invalid_text"},
		}
		before, _ := env.Desk.StatusCounts(ctx, u)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				n := validTicket()
				tt.edit(&n)
				_, err := env.Desk.OpenTicket(ctx, u, n, "")
				if got := fieldKey(err, tt.field); got != tt.key {
					t.Errorf("field %s: got %q (err %v), want %q", tt.field, got, err, tt.key)
				}
			})
		}
		after, _ := env.Desk.StatusCounts(ctx, u)
		if before[model.StatusOpen] != after[model.StatusOpen] {
			t.Errorf("invalid input created tickets: %d → %d", before[model.StatusOpen], after[model.StatusOpen])
		}
	})
}

func TestOpenTicketKeepsAnyScript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		n := validTicket()
		n.Title = strings.Repeat("🧾", 199) + "ñ" // 200 runes, 797 bytes
		n.CC = "Ana@Example.co; luis@example.co"
		tk, err := env.Desk.OpenTicket(ctx, u, n, "")
		if err != nil {
			t.Fatal(err)
		}
		v, err := env.Desk.Ticket(ctx, u, tk.Number)
		if err != nil || v.Ticket.Title != n.Title {
			t.Fatalf("title not kept whole: %q, %v", v.Ticket.Title, err)
		}
		if v.Ticket.CC != "ana@example.co, luis@example.co" {
			t.Errorf("cc = %q", v.Ticket.CC)
		}
		if tk.Number < 1000 || tk.Status != model.StatusOpen {
			t.Errorf("number %d status %s", tk.Number, tk.Status)
		}
	})
}

func TestVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		byInformer := open(t, env, "compras@ferreteria.test")
		byManager := open(t, env, "gerente@ferreteria.test")
		bakery := open(t, env, "gerente@panaderia.test")
		tests := []struct {
			reader string
			ticket model.Ticket
			sees   bool
		}{
			{"compras@ferreteria.test", byInformer, true},
			{"compras@ferreteria.test", byManager, false}, // no sharing at the hardware store
			{"gerente@ferreteria.test", byInformer, true},
			{"caja@panaderia.test", byInformer, false}, // other company
			{"caja@panaderia.test", bakery, true},      // the bakery shares tickets
			{"agente@oceanic.test", byInformer, true},
			{"admin@oceanic.test", bakery, true},
		}
		for _, tt := range tests {
			u := env.User(t, tt.reader)
			_, err := env.Desk.Ticket(ctx, u, tt.ticket.Number)
			if tt.sees && err != nil {
				t.Errorf("%s cannot see #%d: %v", tt.reader, tt.ticket.Number, err)
			}
			if !tt.sees && !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%s sees #%d (err %v), want ErrNotFound", tt.reader, tt.ticket.Number, err)
			}
			if !tt.sees {
				_, err := env.Desk.AddReply(ctx, u, tt.ticket.Number, desk.Reply{Body: "hola"})
				if !errors.Is(err, model.ErrNotFound) {
					t.Errorf("%s replied to unseen #%d: %v", tt.reader, tt.ticket.Number, err)
				}
			}
		}
		_, err := env.Desk.Ticket(ctx, env.User(t, "compras@ferreteria.test"), 999999)
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("never-issued number: %v", err)
		}
	})
}

func TestIdempotentAndConcurrentNumbers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		a, err := env.Desk.OpenTicket(ctx, u, validTicket(), "same-key")
		if err != nil {
			t.Fatal(err)
		}
		b, err := env.Desk.OpenTicket(ctx, u, validTicket(), "same-key")
		if err != nil || a.Number != b.Number {
			t.Fatalf("replay gave #%d (%v), want #%d", b.Number, err, a.Number)
		}
		// Keys belong to their user: the same key from another files anew.
		if c, err := env.Desk.OpenTicket(ctx, env.User(t, "gerente@ferreteria.test"), validTicket(), "same-key"); err != nil || c.Number == a.Number {
			t.Errorf("another user's key gave #%d (%v), want a new ticket", c.Number, err)
		}
		const n = 20
		var wg sync.WaitGroup
		nums := make(chan int64, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tk, err := env.Desk.OpenTicket(ctx, u, validTicket(), "")
				if err != nil {
					t.Error(err)
					return
				}
				nums <- tk.Number
			}()
		}
		wg.Wait()
		close(nums)
		seen := map[int64]bool{}
		for num := range nums {
			if seen[num] {
				t.Errorf("number #%d issued twice", num)
			}
			seen[num] = true
		}
		if len(seen) != n {
			t.Errorf("%d tickets, want %d", len(seen), n)
		}
	})
}
