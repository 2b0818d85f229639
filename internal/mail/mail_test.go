package mail_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/i18n"
	"helpdesk/internal/jobs"
	"helpdesk/internal/mail"
	"helpdesk/internal/mailtest"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

var ctx = context.Background()

const (
	informer = "compras@ferreteria.test"
	manager  = "gerente@ferreteria.test"
	agent    = "agente@oceanic.test"
)

// rig is a demo help desk whose mail jobs a runner sends to Mailpit.
type rig struct {
	env    apptest.Env
	pit    *mailtest.Server
	runner *jobs.Runner
	stop   func()
	// busy holds addresses whose next mail the server is to answer "try
	// later" (a 4xx for that recipient alone), with how many times.
	busy sync.Map
}

func newRig(t *testing.T, db storetest.DB) *rig {
	t.Helper()
	pit := mailtest.Start(t)
	env := apptest.Demo(t, db)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender, err := mail.New(mail.Options{SMTPURL: pit.SMTPURL(), BaseURL: "https://soporte.example.com", Store: env.Store,
		Logger: log, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{env: env, pit: pit}
	handlers := map[string]jobs.Handler{desk.JobMail: func(ctx context.Context, j model.Job) error {
		var m model.Mail
		json.Unmarshal([]byte(j.Payload), &m)
		if n, ok := r.busy.Load(m.To); ok && n.(int) > 0 {
			r.busy.Store(m.To, n.(int)-1)
			return errors.New("451 4.3.0 mailbox busy, try again later")
		}
		return sender.Handle(ctx, j)
	}}
	r.runner = jobs.New(jobs.Options{Store: env.Store, Handlers: handlers,
		Logger: log, Poll: 20 * time.Millisecond, Backoff: func(int) time.Duration { return 100 * time.Millisecond }})
	env.Desk = desk.New(desk.Options{Store: env.Store, Wake: r.runner.Wake})
	handlers[desk.JobEventMails] = env.Desk.ExpandMails
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { r.runner.Run(runCtx); close(done) }()
	r.stop = func() { cancel(); <-done }
	t.Cleanup(r.stop)
	return r
}

func (r *rig) user(t *testing.T, email string) model.User { return r.env.User(t, email) }

func byRecipient(t *testing.T, msgs []mailtest.Message) map[string]mailtest.Message {
	t.Helper()
	out := map[string]mailtest.Message{}
	for _, m := range msgs {
		rcpts := m.Recipients()
		if len(rcpts) != 1 {
			t.Errorf("mail %q went to %v, want exactly one recipient", m.Subject, rcpts)
			continue
		}
		if _, dup := out[rcpts[0]]; dup {
			t.Errorf("%s got two mails for one event: %q", rcpts[0], m.Subject)
		}
		out[rcpts[0]] = m
	}
	return out
}

func TestTicketMailsArriveOncePerPersonInTheirLanguage(t *testing.T) {
	r := newRig(t, storetest.SQLiteDB)
	if err := r.env.Store.Tx(ctx, func(q *store.Q) error {
		if err := q.SetUserLanguage(ctx, r.user(t, manager).ID, "en"); err != nil {
			return err
		}
		// The desk refuses line breaks in names and titles; a row written
		// before that rule (or by another program) must still not reach
		// the headers.
		odd := r.user(t, informer)
		odd.Email, odd.Name = "copia2@cliente.test", "Ana\r\nBcc: intruso@evil.test"
		if _, err := q.CreateUser(ctx, odd, odd.CreatedAt); err != nil {
			return err
		}
		return q.SetSetting(ctx, mail.SettingFrom, "Soporte Oceanic <soporte@oceanic.test>")
	}); err != nil {
		t.Fatal(err)
	}
	n := desk.NewTicket{Title: "Factura <b>urgente</b>", Module: "Facturación electrónica",
		Type: "Error", Urgency: "Alta", Description: "Sale <script>alert(1)</script> & nada más.", Version: "9.0.1",
		CC: "copia@cliente.test, gerente@ferreteria.test, copia2@cliente.test"}
	tk, err := r.env.Desk.OpenTicket(ctx, r.user(t, informer), n, "")
	if err != nil {
		t.Fatal(err)
	}
	staff, _ := r.env.Desk.Staff(ctx, r.user(t, agent))
	want := []string{manager, "copia@cliente.test", "copia2@cliente.test"}
	for _, s := range staff {
		want = append(want, s.Email)
	}
	msgs := r.pit.Wait(len(want), 20*time.Second)
	time.Sleep(300 * time.Millisecond) // nothing more may come
	msgs = r.pit.Messages()
	got := byRecipient(t, msgs)
	var gotAddrs []string
	for a := range got {
		gotAddrs = append(gotAddrs, a)
	}
	sort.Strings(gotAddrs)
	sort.Strings(want)
	if !slices.Equal(gotAddrs, want) || len(msgs) != len(want) {
		t.Fatalf("mail went to %v (%d mails), want one each to %v", gotAddrs, len(msgs), want)
	}
	number := "[#" + itoa(tk.Number) + "] "
	for addr, m := range got {
		if !strings.HasPrefix(m.Subject, number) {
			t.Errorf("%s: subject %q lacks %q", addr, m.Subject, number)
		}
		if strings.Contains(strings.ToLower(m.Subject), "\n") || m.Header("Bcc") != "" || len(m.Bcc) != 0 {
			t.Errorf("%s: the title's line break reached the headers: %q %v", addr, m.Subject, m.Headers)
		}
		for k, v := range m.Headers {
			// In To it may stand only inside the quoted display name.
			if strings.Contains(strings.ToLower(strings.Join(v, " ")), "intruso@evil.test") && k != "To" {
				t.Errorf("%s: header %s carries the injected address: %v", addr, k, v)
			}
		}
		if rs := m.Recipients(); len(rs) != 1 || !strings.EqualFold(rs[0], addr) {
			t.Errorf("%s: delivered to %v", addr, rs)
		}
		if m.From.Address != "soporte@oceanic.test" || m.From.Name != "Soporte Oceanic" {
			t.Errorf("%s: from %+v, want the configured sender", addr, m.From)
		}
		thread := "<ticket-" + itoa(tk.Number) + "@soporte.example.com>"
		if m.Header("In-Reply-To") != thread || m.Header("References") != thread || m.Header("Message-ID") == thread {
			t.Errorf("%s: thread headers %q %q %q", addr, m.Header("Message-ID"), m.Header("In-Reply-To"), m.Header("References"))
		}
		if strings.Contains(m.HTML, "<script>") || strings.Contains(m.HTML, "<b>urgente") ||
			!strings.Contains(m.HTML, "&lt;script&gt;") {
			t.Errorf("%s: user text not escaped in HTML: %s", addr, m.HTML)
		}
		if !strings.Contains(m.Text, "<script>alert(1)</script>") {
			t.Errorf("%s: text part lost the description: %s", addr, m.Text)
		}
	}
	if s := got[manager].Subject; !strings.Contains(s, "New ticket:") {
		t.Errorf("manager (language en) got %q", s)
	}
	if !strings.Contains(got[manager].Text, "https://soporte.example.com/tickets/"+itoa(tk.Number)) {
		t.Errorf("manager's mail has no link to the ticket: %s", got[manager].Text)
	}
	if s := got[agent].Subject; !strings.Contains(s, "Nuevo tiquete:") {
		t.Errorf("agent (language es) got %q", s)
	}
	if strings.Contains(got["copia@cliente.test"].Text, "/tickets/") {
		t.Error("a copied address without portal access got a portal link")
	}
}

func TestMailWaitsOutAnSMTPOutage(t *testing.T) {
	r := newRig(t, storetest.SQLiteDB)
	tk, err := r.env.Desk.OpenTicket(ctx, r.user(t, informer), desk.NewTicket{Title: "No abre", Module: "Facturación electrónica",
		Type: "Error", Urgency: "Alta", Description: "Nada."}, "")
	if err != nil {
		t.Fatal(err)
	}
	first := r.pit.Wait(4, 20*time.Second) // the manager and three staff
	r.pit.Stop()
	if _, err := r.env.Desk.AddReply(ctx, r.user(t, agent), tk.Number, desk.Reply{Body: "Estamos revisando."}); err != nil {
		t.Fatal(err)
	}
	// The runner tries while Mailpit is down and keeps the mails for later.
	deadline := time.Now().Add(10 * time.Second)
	for {
		js, _ := r.env.Store.Read().Jobs(ctx, desk.JobMail, 1000)
		retried := 0
		for _, j := range js {
			if j.LastError != "" && j.DoneAt.IsZero() && j.FailedAt.IsZero() {
				retried++
			}
		}
		if retried == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("mails were not retried during the outage: %+v", js)
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.pit.Restart()
	msgs := r.pit.Wait(len(first)+2, 20*time.Second)
	got := byRecipient(t, msgs[len(first):])
	if _, ok := got[informer]; !ok {
		t.Errorf("the reporter's reply mail never arrived: %v", got)
	}
	if _, ok := got[manager]; !ok {
		t.Errorf("the manager's reply mail never arrived: %v", got)
	}
}

// The mails of an event go out as one job that the runner expands: each
// recipient gets one mail, and one recipient's mail refused for the
// moment is retried alone, without sending the others' again.
func TestEventMailsRetriedPerRecipient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		r := newRig(t, db)
		r.busy.Store(manager, 1)
		tk, err := r.env.Desk.OpenTicket(ctx, r.user(t, informer), desk.NewTicket{Title: "No imprime", Module: "Facturación electrónica",
			Type: "Error", Urgency: "Alta", Description: "Nada.", CC: "copia@cliente.test"}, "")
		if err != nil {
			t.Fatal(err)
		}
		staff, _ := r.env.Desk.Staff(ctx, r.user(t, agent))
		want := []string{manager, "copia@cliente.test"}
		for _, s := range staff {
			want = append(want, s.Email)
		}
		r.pit.Wait(len(want), 20*time.Second)
		time.Sleep(300 * time.Millisecond) // nothing more may come
		got := byRecipient(t, r.pit.Messages())
		if len(got) != len(want) {
			t.Errorf("mails to %d addresses, want %d: %v", len(got), len(want), got)
		}
		for _, a := range want {
			if !strings.HasPrefix(got[a].Subject, "[#"+itoa(tk.Number)+"]") {
				t.Errorf("%s: no mail of the ticket (%q)", a, got[a].Subject)
			}
		}
		events, _ := r.env.Store.Read().Jobs(ctx, desk.JobEventMails, 100)
		if len(events) != 1 || events[0].DoneAt.IsZero() {
			t.Errorf("event mail jobs %+v, want one, done", events)
		}
		js, _ := r.env.Store.Read().Jobs(ctx, desk.JobMail, 100)
		if len(js) != len(want) {
			t.Errorf("%d mail jobs, want one per recipient (%d)", len(js), len(want))
		}
		for _, j := range js {
			var m model.Mail
			json.Unmarshal([]byte(j.Payload), &m)
			tries := 1
			if m.To == manager {
				tries = 2
			}
			if j.Attempts != tries || j.DoneAt.IsZero() {
				t.Errorf("mail to %s: %d attempts (done %v), want %d", m.To, j.Attempts, j.DoneAt, tries)
			}
		}
	})
}

func TestRefusedMailFailsWithoutRetry(t *testing.T) {
	r := newRig(t, storetest.SQLiteDB)
	b, _ := json.Marshal(model.Mail{To: "no es una dirección", Template: "ticket_assigned", Args: []string{"x", "y"}})
	err := r.env.Store.Tx(ctx, func(q *store.Q) error {
		_, err := q.EnqueueJob(ctx, model.Job{Kind: desk.JobMail, Payload: string(b), RunAt: time.Now(), MaxAttempts: 5, CreatedAt: time.Now()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r.runner.Wake()
	deadline := time.Now().Add(10 * time.Second)
	for {
		js, _ := r.env.Store.Read().Jobs(ctx, desk.JobMail, 10)
		if len(js) == 1 && !js[0].FailedAt.IsZero() {
			if js[0].Attempts != 1 {
				t.Errorf("a bad address was tried %d times", js[0].Attempts)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job not failed: %+v", js)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRenderEscapesAndKeepsHeadersSafe(t *testing.T) {
	cat := i18n.New()
	m := model.Mail{To: "ana@example.co", Name: "Ana\r\nBcc: x@y", Lang: "en", TimeZone: "America/Bogota", Template: "ticket_reply",
		Args: []string{"Título\r\nBcc: x@y", "O'Neil <admin>", "línea 1\n\nlínea <2> & \"3\""}, Path: "/tickets/1042", TicketNumber: 1042}
	r, err := mail.Render(cat, m, "http://localhost:8080", "Oceanic", time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what string
		ok   bool
	}{
		{"subject on one line with the number", r.Subject == "[#1042] New reply: Título Bcc: x@y"},
		{"name on one line", r.Name == "Ana Bcc: x@y"},
		{"HTML escapes user text", strings.Contains(r.HTML, "O&#39;Neil &lt;admin&gt;") && strings.Contains(r.HTML, "línea &lt;2&gt; &amp; &#34;3&#34;")},
		{"HTML has no raw tag from the user", !strings.Contains(r.HTML, "<admin>") && !strings.Contains(r.HTML, "<2>")},
		{"text keeps the text as typed", strings.Contains(r.Text, "línea <2> & \"3\"")},
		{"link to the ticket", strings.Contains(r.Text, "http://localhost:8080/tickets/1042") && strings.Contains(r.HTML, `href="http://localhost:8080/tickets/1042"`)},
		{"time in the reader's zone", strings.Contains(r.Text, "2026-03-01 10:00")},
		{"English", strings.Contains(r.Text, "Hello Ana Bcc: x@y,") && strings.Contains(r.Text, "replied on the ticket")},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s:\nsubject %q\ntext %s\nhtml %s", c.what, r.Subject, r.Text, r.HTML)
		}
	}
	if _, err := mail.Render(cat, model.Mail{To: "a@b.co", Template: "nope"}, "", "", time.Time{}); err == nil {
		t.Error("an unknown template rendered")
	}
}

func TestDefaultBaseURL(t *testing.T) {
	for addr, want := range map[string]string{":8080": "http://localhost:8080", "127.0.0.1:9000": "http://127.0.0.1:9000",
		"0.0.0.0:80": "http://localhost", "[::]:8443": "http://localhost:8443"} {
		if got := mail.DefaultBaseURL(addr); got != want {
			t.Errorf("%s: %s, want %s", addr, got, want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestEveryTemplateRendersCleanly renders every mail template of the
// catalog in both languages with the arguments the desk gives it: no fmt
// error marks, one greeting, the call to action the template needs, and
// the profile hint only on a ticket's mail to someone with an account.
func TestEveryTemplateRendersCleanly(t *testing.T) {
	cat := i18n.New()
	// The arguments each template gets from the desk (notify.go mailText,
	// people.go sendInvitation, reset.go).
	ticket3 := []string{"Factura rechazada", "Óscar Ñandú", "Buenos días, ¿cómo va?"}
	ticket2 := []string{"Factura rechazada", "Óscar Ñandú"}
	args := map[string][]string{
		"ticket_created":                  {"Factura rechazada", "Óscar Ñandú", "Ferretería El Tornillo", "La DIAN devolvió la factura."},
		"ticket_reply":                    ticket3,
		"ticket_customer_reply":           ticket3,
		"ticket_note":                     ticket3,
		"ticket_assigned":                 ticket2,
		"ticket_autoclosed":               {"Factura rechazada", "7"},
		"ticket_status_abierto":           ticket2,
		"ticket_status_en_proceso":        ticket2,
		"ticket_status_esperando_cliente": ticket2,
		"ticket_status_resuelto":          ticket2,
		"ticket_status_cerrado":           ticket2,
		"invite":                          {"Marta Gómez", "Ferretería El Tornillo"},
		"invite_staff":                    {"Marta Gómez", "Oceanic"},
		"reset":                           {"Óscar Ñandú"},
	}
	actions := map[string]map[string]string{
		"es": {"invite": "Elegir contraseña", "invite_staff": "Elegir contraseña", "reset": "Elegir una contraseña nueva", "": "Ver el tiquete"},
		"en": {"invite": "Choose your password", "invite_staff": "Choose your password", "reset": "Choose a new password", "": "View the ticket"},
	}
	greetings := map[string]string{"es": "Hola", "en": "Hello"}
	seen := 0
	for _, lang := range cat.Languages() {
		for _, key := range cat.Keys(lang) {
			tpl, ok := strings.CutSuffix(strings.TrimPrefix(key, "mail."), ".subject")
			if !ok || !strings.HasPrefix(key, "mail.") {
				continue
			}
			seen++
			a, ok := args[tpl]
			if !ok {
				t.Errorf("mail template %q has no arguments in this test: add the ones the desk gives it", tpl)
				continue
			}
			ticket := strings.HasPrefix(tpl, "ticket_")
			cases := []struct {
				name    string
				m       model.Mail
				profile bool
			}{
				{name: "user", m: model.Mail{To: "oscar@ferreteria.test", Name: "Óscar Ñandú", Lang: lang, Template: tpl, Args: a}, profile: ticket},
			}
			if ticket {
				cases = append(cases, struct {
					name    string
					m       model.Mail
					profile bool
				}{name: "copied address without an account", m: model.Mail{To: "contador@externo.test", Lang: lang, Template: tpl, Args: a}})
			}
			for _, c := range cases {
				t.Run(lang+"/"+tpl+"/"+c.name, func(t *testing.T) {
					m := c.m
					m.TimeZone = "America/Bogota"
					if ticket {
						m.Path, m.TicketNumber = "/tickets/1042", 1042
					} else {
						m.Path = "/" + tpl + "/abc"
					}
					r, err := mail.Render(cat, m, "https://soporte.example.com", "Oceanic", time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC))
					if err != nil {
						t.Fatal(err)
					}
					for _, part := range []string{r.Subject, r.Text, r.HTML} {
						if strings.Contains(part, "%!") {
							t.Errorf("fmt error in %q", part)
						}
					}
					if n := strings.Count(r.Text, greetings[lang]); n != 1 {
						t.Errorf("greeting %q appears %d times in:\n%s", greetings[lang], n, r.Text)
					}
					action := actions[lang][tpl]
					if action == "" {
						action = actions[lang][""]
					}
					if !strings.Contains(r.Text, action+": https://soporte.example.com"+m.Path) || !strings.Contains(r.HTML, ">"+action+"</a>") {
						t.Errorf("call to action is not %q:\n%s", action, r.Text)
					}
					hint := map[string]string{"es": "en su perfil", "en": "in your profile"}[lang]
					if got := strings.Contains(r.Text, hint); got != c.profile {
						t.Errorf("profile hint in footer = %v, want %v:\n%s", got, c.profile, r.Text)
					}
				})
			}
		}
	}
	if seen < 2*len(args) {
		t.Errorf("rendered %d templates, want at least %d", seen, 2*len(args))
	}
}

// TestSenderAddress checks the From of the mails Mailpit receives: the
// setting with its display name, a bare address with the vendor's name,
// and the default when the base URL's host is no mail domain.
func TestSenderAddress(t *testing.T) {
	pit := mailtest.Start(t)
	env := apptest.Demo(t, storetest.SQLiteDB)
	settings, err := env.Store.Read().Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vendor := settings.VendorName
	tests := []struct {
		name, base, from      string
		wantName, wantAddress string
	}{
		{"display name", "https://soporte.example.com", "Soporte Oceanic <soporte@oceanic.test>", "Soporte Oceanic", "soporte@oceanic.test"},
		{"accented display name", "https://soporte.example.com", "Mesa Ñandú <mesa@oceanic.test>", "Mesa Ñandú", "mesa@oceanic.test"},
		{"bare address takes the vendor name", "https://soporte.example.com", "soporte@oceanic.test", vendor, "soporte@oceanic.test"},
		{"default on a domain", "https://soporte.example.com", "", vendor, "no-reply@soporte.example.com"},
		{"default on an IP address", "http://127.0.0.1:8080", "", vendor, "no-reply@localhost.localdomain"},
		{"default on localhost", "http://localhost:8080", "", vendor, "no-reply@localhost.localdomain"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pit.Clear()
			if err := env.Store.Tx(ctx, func(q *store.Q) error { return q.SetSetting(ctx, mail.SettingFrom, tt.from) }); err != nil {
				t.Fatal(err)
			}
			s, err := mail.New(mail.Options{SMTPURL: pit.SMTPURL(), BaseURL: tt.base, Store: env.Store,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			payload, _ := json.Marshal(model.Mail{To: "ana@cliente.test", Name: "Ana", Lang: "es", Template: "reset",
				Args: []string{"Ana"}, Path: "/reset/abc"})
			if err := s.Handle(ctx, model.Job{ID: int64(i + 1), Kind: desk.JobMail, Payload: string(payload), CreatedAt: time.Now()}); err != nil {
				t.Fatal(err)
			}
			msgs := pit.Wait(1, 10*time.Second)
			if len(msgs) != 1 {
				t.Fatalf("%d mails arrived", len(msgs))
			}
			if f := msgs[0].From; f.Name != tt.wantName || f.Address != tt.wantAddress {
				t.Errorf("From = %q <%s>, want %q <%s>", f.Name, f.Address, tt.wantName, tt.wantAddress)
			}
		})
	}
}
