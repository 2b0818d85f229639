package desk_test

import (
	"database/sql"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"

	"helpdesk/internal/model"
	"helpdesk/internal/seed"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// outcome is who an action reached: notification kinds by e-mail, and
// the addresses of the e-mails queued.
type outcome struct {
	notified map[string]string
	mailed   []string
}

// watch runs fn and returns the notifications and mails it added.
func watch(t *testing.T, env apptest.Env, fn func()) outcome {
	t.Helper()
	q := env.Store.Read()
	before := map[int64]bool{}
	for _, j := range mailJobs(t, q) {
		before[j.ID] = true
	}
	users := map[int64]string{}
	counts := map[int64]int{}
	for _, email := range allUsers {
		u := env.User(t, email)
		users[u.ID] = email
		ns, err := q.Notifications(ctx, u.ID, false, 0, 10000)
		if err != nil {
			t.Fatal(err)
		}
		counts[u.ID] = len(ns)
	}
	fn()
	out := outcome{notified: map[string]string{}}
	for id, email := range users {
		ns, err := q.Notifications(ctx, id, false, 0, 10000)
		if err != nil {
			t.Fatal(err)
		}
		added := ns[:len(ns)-counts[id]]
		kinds := []string{}
		for _, n := range added {
			kinds = append(kinds, n.Kind)
		}
		if len(kinds) > 0 {
			out.notified[email] = strings.Join(kinds, "+")
		}
	}
	for _, j := range mailJobs(t, q) {
		if before[j.ID] {
			continue
		}
		for _, m := range jobMails(t, j) {
			out.mailed = append(out.mailed, m.To)
		}
	}
	sort.Strings(out.mailed)
	return out
}

// mailJobs lists the queued e-mail jobs: single mails and the mails of
// an event not yet expanded.
func mailJobs(t *testing.T, q *store.Q) []model.Job {
	t.Helper()
	var out []model.Job
	for _, kind := range []string{desk.JobMail, desk.JobEventMails} {
		js, err := q.Jobs(ctx, kind, 10000)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, js...)
	}
	return out
}

// jobMails are the e-mails a mail job sends, or expands into.
func jobMails(t *testing.T, j model.Job) []model.Mail {
	t.Helper()
	var p struct{ Mails []model.Mail }
	if j.Kind == desk.JobMail {
		p.Mails = []model.Mail{{}}
		if err := json.Unmarshal([]byte(j.Payload), &p.Mails[0]); err != nil {
			t.Fatal(err)
		}
	} else if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		t.Fatal(err)
	}
	return p.Mails
}

var allUsers = []string{"admin@oceanic.test", "agente@oceanic.test", "soporte@oceanic.test",
	"gerente@ferreteria.test", "compras@ferreteria.test", "gerente@panaderia.test", "caja@panaderia.test"}

const (
	admin    = "admin@oceanic.test"
	agent    = "agente@oceanic.test"
	support  = "soporte@oceanic.test"
	manager  = "gerente@ferreteria.test"
	informer = "compras@ferreteria.test"
)

func TestNotificationRecipients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, dsn := demoAt(t, db)
		d := env.Desk
		u := func(email string) model.User { return env.User(t, email) }
		var number int64
		ticket := func(t *testing.T, cc string) {
			n := validTicket()
			n.CC = cc
			tk, err := d.OpenTicket(ctx, u(informer), n, "")
			if err != nil {
				t.Fatal(err)
			}
			number = tk.Number
		}
		must := func(_ model.Ticket, err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name     string
			act      func(t *testing.T)
			notified map[string]string
			mailed   []string
		}{
			{"ticket created: company admins and staff; copied addresses by mail; never the author",
				func(t *testing.T) { ticket(t, "copia@cliente.test, gerente@ferreteria.test") },
				map[string]string{manager: "created", admin: "created", agent: "created", support: "created"},
				[]string{admin, "copia@cliente.test", agent, manager, support}},
			{"assignment: the assigned agent only",
				func(t *testing.T) { must(d.Assign(ctx, u(admin), number, u(agent).ID)) },
				map[string]string{agent: "assigned"}, []string{agent}},
			{"agent's public reply: reporter, company admins, copied; not the author",
				func(t *testing.T) { must(d.AddReply(ctx, u(agent), number, desk.Reply{Body: "Ya lo revisamos."})) },
				map[string]string{informer: "reply", manager: "reply"},
				[]string{"copia@cliente.test", informer, manager}},
			{"internal note: staff only (the assigned agent), never a customer nor a copied address",
				func(t *testing.T) {
					must(d.AddReply(ctx, u(admin), number, desk.Reply{Body: "Nota interna", Internal: true}))
				},
				map[string]string{agent: "note"}, []string{agent}},
			{"status change: reporter, company admins, copied",
				func(t *testing.T) { must(d.ChangeStatus(ctx, u(agent), number, model.StatusWaiting)) },
				map[string]string{informer: "status", manager: "status"},
				[]string{"copia@cliente.test", informer, manager}},
			{"customer reply: the assigned agent; the reopening status change too",
				func(t *testing.T) { must(d.AddReply(ctx, u(informer), number, desk.Reply{Body: "Adjunto lo pedido."})) },
				map[string]string{agent: "status+customer_reply", manager: "status+reply"},
				[]string{"copia@cliente.test", "copia@cliente.test", agent, agent, manager, manager}},
			{"resuelto: reporter, company admins, copied",
				func(t *testing.T) { must(d.ChangeStatus(ctx, u(agent), number, model.StatusResolved)) },
				map[string]string{informer: "status", manager: "status"},
				[]string{"copia@cliente.test", informer, manager}},
			{"manager closes: reporter, assigned agent, copied; the manager is the author",
				func(t *testing.T) { must(d.ChangeStatus(ctx, u(manager), number, model.StatusClosed)) },
				map[string]string{informer: "status", agent: "status"},
				[]string{agent, "copia@cliente.test", informer}},
			{"e-mail notifications off: the notification without the e-mail",
				func(t *testing.T) {
					setUser(t, dsn, manager, "email_notifications = FALSE")
					ticket(t, "")
				},
				map[string]string{manager: "created", admin: "created", agent: "created", support: "created"},
				[]string{admin, agent, support}},
			{"inactive people get nothing, not even as a copied address",
				func(t *testing.T) {
					setUser(t, dsn, support, "active = FALSE")
					setUser(t, dsn, manager, "active = FALSE")
					ticket(t, manager)
				},
				map[string]string{admin: "created", agent: "created"},
				[]string{admin, agent}},
			{"back in the company, e-mail still off",
				func(t *testing.T) {
					setUser(t, dsn, manager, "active = TRUE")
					ticket(t, "copia@cliente.test")
				},
				map[string]string{manager: "created", admin: "created", agent: "created"},
				[]string{admin, agent, "copia@cliente.test"}},
			{"a deactivated company's people and copied addresses hear nothing; staff still do",
				func(t *testing.T) {
					if err := d.SetCompanyActive(ctx, u(admin), u(informer).CompanyID, false); err != nil {
						t.Fatal(err)
					}
					must(d.AddReply(ctx, u(admin), number, desk.Reply{Body: "Seguimos revisando."}))
					must(d.Assign(ctx, u(admin), number, u(agent).ID))
				},
				map[string]string{agent: "assigned"}, []string{agent}},
		}
		for _, tt := range tests {
			got := watch(t, env, func() { tt.act(t) })
			want := slices.Clone(tt.mailed)
			sort.Strings(want)
			if !mapsEqual(got.notified, tt.notified) {
				t.Errorf("%s: notified %v, want %v", tt.name, got.notified, tt.notified)
			}
			if !slices.Equal(got.mailed, want) {
				t.Errorf("%s: mailed %v, want %v", tt.name, got.mailed, want)
			}
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// demoAt is a demo help desk and its database's address.
func demoAt(t *testing.T, db storetest.DB) (apptest.Env, string) {
	t.Helper()
	dsn := db.DSN(t)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := seed.Demo(ctx, st, time.Now(), bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	return apptest.Env{Store: st, Desk: desk.New(desk.Options{Store: st, PasswordCost: bcrypt.MinCost})}, dsn
}

// setUser changes a demo user's row straight in the database (editing
// people is another part of the product).
func setUser(t *testing.T, dsn, email, set string) {
	t.Helper()
	driver, src := "pgx", dsn
	if p, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, src = "sqlite", "file:"+p+"?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE users SET `+set+` WHERE email = $1`, email); err != nil {
		t.Fatal(err)
	}
}

func TestNotificationsReadAndPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		a := env.User(t, agent)
		for range 3 {
			open(t, env, informer)
		}
		p, err := env.Desk.Notifications(ctx, a, false, 0, 2)
		if err != nil || p.Unread != 3 || len(p.Notifications) != 2 || !p.More {
			t.Fatalf("first page: %+v %v", p, err)
		}
		if p.Notifications[0].ID < p.Notifications[1].ID || p.Notifications[0].TicketNumber == 0 {
			t.Errorf("not newest first or no ticket number: %+v", p.Notifications)
		}
		p2, _ := env.Desk.Notifications(ctx, a, false, p.Notifications[1].ID, 2)
		if len(p2.Notifications) != 1 || p2.More {
			t.Errorf("second page: %+v", p2)
		}
		// Another person's ids change nothing.
		other, _ := env.Desk.Notifications(ctx, env.User(t, admin), false, 0, 1)
		if n, err := env.Desk.MarkRead(ctx, a, []int64{other.Notifications[0].ID, p.Notifications[0].ID}); n != 1 || err != nil {
			t.Errorf("mark read: %d %v", n, err)
		}
		if c, _ := env.Desk.UnreadCount(ctx, env.User(t, admin)); c != 3 {
			t.Errorf("admin's unread changed by the agent: %d", c)
		}
		if c, _ := env.Desk.UnreadCount(ctx, a); c != 2 {
			t.Errorf("agent unread %d, want 2", c)
		}
		if _, err := env.Desk.MarkTicketRead(ctx, a, p.Notifications[1].TicketID); err != nil {
			t.Fatal(err)
		}
		if c, _ := env.Desk.UnreadCount(ctx, a); c != 1 {
			t.Errorf("after opening a ticket, unread %d, want 1", c)
		}
		if _, err := env.Desk.MarkAllRead(ctx, a); err != nil {
			t.Fatal(err)
		}
		if c, _ := env.Desk.UnreadCount(ctx, a); c != 0 {
			t.Errorf("after mark all, unread %d", c)
		}
	})
}

func TestAutoCloseResolvedTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		now := time.Now()
		clock := now
		d := desk.New(desk.Options{Store: env.Store, Now: func() time.Time { return clock }})
		tk, err := d.OpenTicket(ctx, env.User(t, informer), validTicket(), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.ChangeStatus(ctx, env.User(t, agent), tk.Number, model.StatusResolved); err != nil {
			t.Fatal(err)
		}
		if err := env.Store.Tx(ctx, func(q *store.Q) error { return q.SetSetting(ctx, desk.SettingAutoCloseDays, "3") }); err != nil {
			t.Fatal(err)
		}
		clock = now.Add(3*24*time.Hour - time.Minute)
		if _, err := d.AutoClose(ctx); err != nil { // the demo's old resolved tickets close
			t.Fatal(err)
		}
		if v, _ := d.Ticket(ctx, env.User(t, agent), tk.Number); v.Ticket.Status != model.StatusResolved {
			t.Fatalf("closed before its time: %s", v.Ticket.Status)
		}
		clock = now.Add(3*24*time.Hour + time.Minute)
		if n, err := d.AutoClose(ctx); n != 1 || err != nil {
			t.Fatalf("closed %d (%v)", n, err)
		}
		v, err := d.Ticket(ctx, env.User(t, agent), tk.Number)
		if err != nil || v.Ticket.Status != model.StatusClosed {
			t.Fatalf("status %s %v", v.Ticket.Status, err)
		}
		last := v.Timeline[len(v.Timeline)-1]
		if !last.AuthorSystem || last.NewValue != string(model.StatusClosed) {
			t.Errorf("last event %+v, want a status change by the system", last)
		}
		for _, email := range []string{informer, manager} {
			ns, _ := d.Notifications(ctx, env.User(t, email), true, 0, 100)
			found := false
			for _, n := range ns.Notifications {
				found = found || (n.TicketNumber == tk.Number && n.Kind == model.NotifyStatus && n.Actor == "" && n.Value == "cerrado")
			}
			if !found {
				t.Errorf("%s was not told of the auto-close: %+v", email, ns.Notifications)
			}
		}
		mailed := false
		for _, j := range mailJobs(t, env.Store.Read()) {
			for _, m := range jobMails(t, j) {
				mailed = mailed || (m.TicketNumber == tk.Number && m.To == informer && m.Template == "ticket_autoclosed" && m.Args[1] == "3")
			}
		}
		if !mailed {
			t.Error("no auto-close e-mail to the reporter")
		}
		if n, _ := d.AutoClose(ctx); n != 0 {
			t.Errorf("second run closed %d more", n)
		}
		if _, err := d.LogIn(ctx, model.SystemEmail, "!", "127.0.0.1", "web"); err == nil {
			t.Error("the system account logged in")
		}
	})
}
