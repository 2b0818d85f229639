package desk_test

import (
	"errors"
	"strings"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

func TestStatusRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		customer := env.User(t, "compras@ferreteria.test")
		agent := env.User(t, "agente@oceanic.test")
		tests := []struct {
			name  string
			setup []model.Status // statuses set by the agent first
			actor model.User
			to    model.Status
			ok    bool
		}{
			{"customer cannot start work", nil, customer, model.StatusInProgress, false},
			{"customer cannot resolve", nil, customer, model.StatusResolved, false},
			{"customer closes own", nil, customer, model.StatusClosed, true},
			{"customer confirms solution", []model.Status{model.StatusResolved}, customer, model.StatusClosed, true},
			{"customer cannot reopen closed", []model.Status{model.StatusClosed}, customer, model.StatusOpen, false},
			{"agent reopens closed", []model.Status{model.StatusClosed}, agent, model.StatusInProgress, true},
			{"agent waits for customer", nil, agent, model.StatusWaiting, true},
			{"unknown status", nil, agent, model.Status("borrado"), false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tk := open(t, env, "compras@ferreteria.test")
				for _, s := range tt.setup {
					if _, err := env.Desk.ChangeStatus(ctx, agent, tk.Number, s); err != nil {
						t.Fatal(err)
					}
				}
				got, err := env.Desk.ChangeStatus(ctx, tt.actor, tk.Number, tt.to)
				if tt.ok != (err == nil) {
					t.Fatalf("err = %v, want ok=%v", err, tt.ok)
				}
				if tt.ok && got.Status != tt.to {
					t.Errorf("status %s, want %s", got.Status, tt.to)
				}
				if tt.ok && tt.to == model.StatusClosed && got.ClosedAt.IsZero() {
					t.Error("closed without closed_at")
				}
			})
		}
	})
}

// Customers close their own tickets; a company admin any of the company's.
// Sharing lets colleagues read a ticket, not close it.
func TestWhoMayCloseATicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		tests := []struct {
			reporter, closer string
			ok               bool
		}{
			{"caja@panaderia.test", "caja@panaderia.test", true},
			{"caja@panaderia.test", "gerente@panaderia.test", true},
			{"gerente@panaderia.test", "caja@panaderia.test", false}, // the bakery shares tickets
			{"compras@ferreteria.test", "gerente@ferreteria.test", true},
		}
		for _, tt := range tests {
			tk := open(t, env, tt.reporter)
			_, err := env.Desk.ChangeStatus(ctx, env.User(t, tt.closer), tk.Number, model.StatusClosed)
			if tt.ok && err != nil || !tt.ok && fieldKey(err, "status") != "error.status_not_allowed" {
				t.Errorf("%s closes the ticket of %s: %v, want allowed %v", tt.closer, tt.reporter, err, tt.ok)
			}
		}
	})
}

func TestRepliesMoveTheTicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		customer := env.User(t, "compras@ferreteria.test")
		agent := env.User(t, "agente@oceanic.test")
		tk := open(t, env, "compras@ferreteria.test")

		got, err := env.Desk.AddReply(ctx, agent, tk.Number, desk.Reply{Body: "Revisé el log: certificado vencido", Internal: true})
		if err != nil || !got.FirstResponseAt.IsZero() {
			t.Fatalf("internal note: %v, first response %v (a note is no response)", err, got.FirstResponseAt)
		}
		if got, err = env.Desk.AddReply(ctx, agent, tk.Number, desk.Reply{Body: "Renueve el certificado"}); err != nil || got.FirstResponseAt.IsZero() {
			t.Fatalf("public reply: %v, first response not set", err)
		}
		if _, err := env.Desk.ChangeStatus(ctx, agent, tk.Number, model.StatusResolved); err != nil {
			t.Fatal(err)
		}
		if got, err = env.Desk.AddReply(ctx, customer, tk.Number, desk.Reply{Body: "Sigue fallando"}); err != nil || got.Status != model.StatusInProgress {
			t.Fatalf("customer reply on resuelto: %v, status %s, want en_proceso", err, got.Status)
		}
		if _, err := env.Desk.AddReply(ctx, customer, tk.Number, desk.Reply{Body: "x", Internal: true}); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("customer internal note: %v, want ErrForbidden", err)
		}
		if _, err := env.Desk.AddReply(ctx, customer, tk.Number, desk.Reply{Body: "   "}); fieldKey(err, "body") != "error.required" {
			t.Errorf("empty reply: %v", err)
		}

		seen, err := env.Desk.Ticket(ctx, customer, tk.Number)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range seen.Timeline {
			if e.Kind == model.EventNote || strings.Contains(e.Body, "certificado vencido") {
				t.Errorf("customer sees internal note %+v", e)
			}
		}
		staffView, _ := env.Desk.Ticket(ctx, agent, tk.Number)
		if len(staffView.Timeline) != len(seen.Timeline)+1 {
			t.Errorf("staff timeline %d entries, customer %d: want exactly the note more", len(staffView.Timeline), len(seen.Timeline))
		}

		if _, err := env.Desk.ChangeStatus(ctx, customer, tk.Number, model.StatusClosed); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Desk.AddReply(ctx, customer, tk.Number, desk.Reply{Body: "una cosa más"}); fieldKey(err, "body") != "error.ticket_closed" {
			t.Errorf("reply on cerrado: %v, want error.ticket_closed", err)
		}
	})
}

func TestStaffChangesAreInTheTimeline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		agent := env.User(t, "agente@oceanic.test")
		customer := env.User(t, "compras@ferreteria.test")
		tk := open(t, env, "compras@ferreteria.test")
		mods, _ := env.Desk.Modules(ctx)
		steps := []struct {
			name string
			do   func() error
			kind model.EventKind
		}{
			{"assign", func() error { _, err := env.Desk.Assign(ctx, agent, tk.Number, agent.ID); return err }, model.EventAssign},
			{"priority", func() error { _, err := env.Desk.SetPriority(ctx, agent, tk.Number, "Crítica"); return err }, model.EventPriority},
			{"module", func() error { _, err := env.Desk.SetModule(ctx, agent, tk.Number, mods[2].ID); return err }, model.EventModule},
			{"status", func() error {
				_, err := env.Desk.ChangeStatus(ctx, agent, tk.Number, model.StatusInProgress)
				return err
			}, model.EventStatus},
		}
		for _, s := range steps {
			if err := s.do(); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			v, _ := env.Desk.Ticket(ctx, agent, tk.Number)
			last := v.Timeline[len(v.Timeline)-1]
			if last.Kind != s.kind || last.AuthorID != agent.ID {
				t.Errorf("%s: last event %s by %d", s.name, last.Kind, last.AuthorID)
			}
		}
		if _, err := env.Desk.Assign(ctx, customer, tk.Number, customer.ID); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("customer assigns: %v", err)
		}
		if _, err := env.Desk.Assign(ctx, agent, tk.Number, customer.ID); fieldKey(err, "assignee") == "" {
			t.Errorf("assign to a customer: %v, want validation error", err)
		}
		if _, err := env.Desk.SetPriority(ctx, agent, tk.Number, "Máxima"); fieldKey(err, "priority") == "" {
			t.Errorf("bad priority: %v", err)
		}
	})
}

func TestListsNewestFirstWithStablePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		agent := env.User(t, "agente@oceanic.test")
		var all []model.Ticket
		f := model.TicketFilter{Limit: 7}
		for page := 0; page < 20; page++ {
			l, err := env.Desk.Tickets(ctx, agent, f)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, l.Tickets...)
			if !l.More {
				break
			}
			last := l.Tickets[len(l.Tickets)-1]
			f.BeforeCreated, f.BeforeID = last.CreatedAt, last.ID
		}
		counts, _ := env.Desk.StatusCounts(ctx, agent)
		total := 0
		for _, n := range counts {
			total += n
		}
		if len(all) != total {
			t.Fatalf("paged through %d tickets, want %d", len(all), total)
		}
		seen := map[int64]bool{}
		for i, tk := range all {
			if seen[tk.ID] {
				t.Errorf("ticket #%d twice", tk.Number)
			}
			seen[tk.ID] = true
			if i > 0 && tk.CreatedAt.After(all[i-1].CreatedAt) {
				t.Errorf("#%d newer than the one before it", tk.Number)
			}
		}
		open, err := env.Desk.Tickets(ctx, agent, model.TicketFilter{OpenOnly: true, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range open.Tickets {
			if tk.Status == model.StatusClosed {
				t.Errorf("open list has closed #%d", tk.Number)
			}
		}
		if len(open.Tickets) != total-counts[model.StatusClosed] {
			t.Errorf("open list %d, want %d", len(open.Tickets), total-counts[model.StatusClosed])
		}
	})
}

// The queue's counts follow its filters and stop at a cap.
func TestQueueCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		agent, manager := env.User(t, "agente@oceanic.test"), env.User(t, "gerente@panaderia.test")
		all, err := env.Desk.StatusCounts(ctx, agent)
		if err != nil {
			t.Fatal(err)
		}
		bakery, err := env.Desk.StatusCounts(ctx, manager) // the bakery shares: every ticket of it
		if err != nil {
			t.Fatal(err)
		}
		mods, _ := env.Desk.Modules(ctx)
		tests := []struct {
			name string
			f    model.TicketFilter
			want map[model.Status]int
		}{
			{"no filter: every ticket", model.TicketFilter{}, all},
			{"status and cursor do not narrow counts", model.TicketFilter{Status: model.StatusClosed, OpenOnly: true}, all},
			{"one company", model.TicketFilter{CompanyID: manager.CompanyID}, bakery},
			{"a module nobody used", model.TicketFilter{ModuleID: mods[len(mods)-1].ID + 1000}, map[model.Status]int{}},
		}
		for _, tt := range tests {
			got, err := env.Desk.QueueCounts(ctx, agent, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range model.Statuses() {
				if got[st] != tt.want[st] {
					t.Errorf("%s: %s %d, want %d", tt.name, st, got[st], tt.want[st])
				}
			}
		}
		capped, err := env.Store.Read().QueueCounts(ctx, store.Scope{}, model.TicketFilter{}, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range model.Statuses() {
			if want := min(all[st], 3); capped[st] != want {
				t.Errorf("capped at 2: %s %d, want %d", st, capped[st], want)
			}
		}
	})
}
