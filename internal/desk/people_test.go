package desk_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

const strongPassword = "Lámpara-Verde-2026"

// clock is a test clock moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// peopleEnv is the demo with a desk on a clock of the test's own.
func peopleEnv(t *testing.T, db storetest.DB) (apptest.Env, *desk.Desk, *clock) {
	env := apptest.Demo(t, db)
	c := &clock{t: time.Now().UTC()}
	return env, desk.New(desk.Options{Store: env.Store, Now: c.Now, PasswordCost: bcrypt.MinCost}), c
}

// invitations returns the invitation mails queued for an address, oldest
// first.
func invitations(t *testing.T, env apptest.Env, email string) []model.Mail {
	t.Helper()
	jobs, err := env.Store.Read().Jobs(ctx, desk.JobMail, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Mail
	for _, j := range jobs {
		var m model.Mail
		if err := json.Unmarshal([]byte(j.Payload), &m); err != nil {
			t.Fatal(err)
		}
		if m.To == email && (m.Template == "invite" || m.Template == "invite_staff") {
			out = append(out, m)
		}
	}
	return out
}

// inviteToken is the token of the newest invitation mailed to an address.
func inviteToken(t *testing.T, env apptest.Env, email string) string {
	t.Helper()
	ms := invitations(t, env, email)
	if len(ms) == 0 {
		t.Fatalf("no invitation mailed to %s", email)
	}
	tok, ok := strings.CutPrefix(ms[len(ms)-1].Path, "/invite/")
	if !ok || tok == "" {
		t.Fatalf("invitation path %q", ms[len(ms)-1].Path)
	}
	return tok
}

func person(name, email string) desk.PersonInput {
	return desk.PersonInput{Name: name, Email: email, Position: "Auxiliar contable", Phone: "+57 300 123 4567"}
}

func personByEmail(t *testing.T, d *desk.Desk, actor model.User, email string) model.Person {
	t.Helper()
	ps, err := d.People(ctx, actor, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Email == email {
			return p
		}
	}
	t.Fatalf("%s not among the people of %s", email, actor.CompanyName)
	return model.Person{}
}

func auditActions(t *testing.T, d *desk.Desk, actor model.User, target int64) []string {
	t.Helper()
	p, err := d.Audit(ctx, actor, 0, desk.AuditCursor{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range p.Entries {
		if target == 0 || e.TargetID == target {
			out = append(out, e.Action)
		}
	}
	return out
}

func TestInvitationFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		p, err := d.InvitePerson(ctx, mgr, 0, person("Luisa Fernanda Ríos", "Luisa.Rios@Ferreteria.test"))
		if err != nil {
			t.Fatal(err)
		}
		if p.Email != "luisa.rios@ferreteria.test" || p.Role != model.RoleInformer || p.CompanyID != mgr.CompanyID ||
			p.Invitation != model.InvitationPending || p.PasswordHash != "" || p.Phone != "+57 300 123 4567" {
			t.Fatalf("invited person = %+v", p)
		}
		ms := invitations(t, env, p.Email)
		if len(ms) != 1 || ms[0].Template != "invite" || ms[0].Args[0] != mgr.Name || ms[0].Args[1] != mgr.CompanyName || ms[0].Event == "" {
			t.Fatalf("invitation mails = %+v", ms)
		}
		// No password works before the invitation is accepted.
		if _, err := d.LogIn(ctx, p.Email, "", "10.0.0.1", "web"); !errors.Is(err, model.ErrUnauthorized) {
			t.Fatalf("login before accepting: %v", err)
		}
		tok := inviteToken(t, env, p.Email)
		// Showing the page changes nothing.
		for range 2 {
			if u, err := d.InvitationUser(ctx, tok); err != nil || u.ID != p.ID {
				t.Fatalf("invitation user = %v, %v", u.ID, err)
			}
		}
		if _, err := d.AcceptInvitation(ctx, tok, strongPassword, "otra-Cosa-2026"); fieldKey(err, "confirm") != "error.password_mismatch" {
			t.Fatalf("mismatch: %v", err)
		}
		l, err := d.AcceptInvitation(ctx, tok, strongPassword, strongPassword)
		if err != nil {
			t.Fatal(err)
		}
		if u, _, err := d.Authenticate(ctx, l.Token, "web"); err != nil || u.ID != p.ID {
			t.Fatalf("session after accepting: %v %v", u.ID, err)
		}
		for _, again := range []func() error{
			func() error { _, err := d.InvitationUser(ctx, tok); return err },
			func() error { _, err := d.AcceptInvitation(ctx, tok, strongPassword, strongPassword); return err },
		} {
			if err := again(); !errors.Is(err, model.ErrInvalidInvitation) {
				t.Errorf("used link: %v", err)
			}
		}
		if _, err := d.LogIn(ctx, p.Email, strongPassword, "10.0.0.1", "web"); err != nil {
			t.Fatalf("login with the chosen password: %v", err)
		}
		if got := personByEmail(t, d, mgr, p.Email); got.Invitation != model.InvitationNone || got.LastLoginAt.IsZero() {
			t.Errorf("after joining: invitation %q, last login %v", got.Invitation, got.LastLoginAt)
		}
		if got := strings.Join(auditActions(t, d, mgr, p.ID), ","); got != "person.joined,person.invited" {
			t.Errorf("audit = %s", got)
		}
		if _, err := d.InvitationUser(ctx, tok+"x"); !errors.Is(err, model.ErrInvalidInvitation) {
			t.Errorf("altered link: %v", err)
		}
	})
}

func TestInvitationAcceptedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		p, err := d.InvitePerson(ctx, mgr, 0, person("Marta Gil", "marta@ferreteria.test"))
		if err != nil {
			t.Fatal(err)
		}
		tok := inviteToken(t, env, p.Email)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Go(func() { _, errs[i] = d.AcceptInvitation(ctx, tok, strongPassword, strongPassword) })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, model.ErrInvalidInvitation):
				t.Errorf("concurrent accept: %v", err)
			}
		}
		if ok != 1 {
			t.Errorf("%d accepts succeeded, want 1", ok)
		}
	})
}

func TestInvitationExpiryAndResend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, c := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		p, err := d.InvitePerson(ctx, mgr, 0, person("Pedro Páez", "pedro@ferreteria.test"))
		if err != nil {
			t.Fatal(err)
		}
		first := inviteToken(t, env, p.Email)
		c.Add(desk.InvitationTTL - time.Minute)
		if _, err := d.InvitationUser(ctx, first); err != nil {
			t.Fatalf("link before 72 hours: %v", err)
		}
		c.Add(time.Minute)
		if _, err := d.InvitationUser(ctx, first); !errors.Is(err, model.ErrInvalidInvitation) {
			t.Fatalf("link at 72 hours: %v", err)
		}
		if _, err := d.AcceptInvitation(ctx, first, strongPassword, strongPassword); !errors.Is(err, model.ErrInvalidInvitation) {
			t.Fatalf("accept at 72 hours: %v", err)
		}
		if got := personByEmail(t, d, mgr, p.Email); got.Invitation != model.InvitationExpired {
			t.Errorf("state after expiry = %q", got.Invitation)
		}
		if err := d.ResendInvitation(ctx, mgr, p.ID); err != nil {
			t.Fatal(err)
		}
		second := inviteToken(t, env, p.Email)
		if second == first || len(invitations(t, env, p.Email)) != 2 {
			t.Fatal("resend mailed no new link")
		}
		if err := d.ResendInvitation(ctx, mgr, p.ID); err != nil {
			t.Fatal(err)
		}
		third := inviteToken(t, env, p.Email)
		if _, err := d.InvitationUser(ctx, second); !errors.Is(err, model.ErrInvalidInvitation) {
			t.Errorf("resent link still works: %v", err)
		}
		if got := personByEmail(t, d, mgr, p.Email); got.Invitation != model.InvitationPending {
			t.Errorf("state after resend = %q", got.Invitation)
		}
		if err := d.RevokeInvitation(ctx, mgr, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.InvitationUser(ctx, third); !errors.Is(err, model.ErrInvalidInvitation) {
			t.Errorf("revoked link still works: %v", err)
		}
		if got := personByEmail(t, d, mgr, p.Email); got.Invitation != model.InvitationRevoked {
			t.Errorf("state after revoke = %q", got.Invitation)
		}
		if err := d.RevokeInvitation(ctx, mgr, p.ID); fieldKey(err, "invitation") != "error.invitation_not_pending" {
			t.Errorf("revoke twice: %v", err)
		}
		compras := env.User(t, "compras@ferreteria.test")
		if err := d.ResendInvitation(ctx, mgr, compras.ID); fieldKey(err, "invitation") != "error.already_joined" {
			t.Errorf("resend to someone with a password: %v", err)
		}
		want := "person.invitation_revoked,person.invitation_resent,person.invitation_resent,person.invited"
		if got := strings.Join(auditActions(t, d, mgr, p.ID), ","); got != want {
			t.Errorf("audit = %s, want %s", got, want)
		}
	})
}

func TestInviteValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		tests := []struct {
			name  string
			in    desk.PersonInput
			field string
			key   string
		}{
			{"e-mail taken in another case", person("Otra", "COMPRAS@ferreteria.test"), "email", "error.email_taken"},
			{"e-mail of another company", person("Otra", "caja@panaderia.test"), "email", "error.email_taken"},
			{"e-mail of staff", person("Otra", "admin@oceanic.test"), "email", "error.email_taken"},
			{"bad e-mail", person("Otra", "no es correo"), "email", "error.email_address"},
			{"no e-mail", person("Otra", ""), "email", "error.required"},
			{"no name", person(" ", "nueva@ferreteria.test"), "name", "error.required"},
			{"long name", person(strings.Repeat("ñ", 121), "nueva@ferreteria.test"), "name", "error.too_long"},
			{"phone with letters", desk.PersonInput{Name: "Otra", Email: "nueva@ferreteria.test", Phone: "llámeme"}, "phone", "error.phone"},
			{"vendor role", desk.PersonInput{Name: "Otra", Email: "nueva@ferreteria.test", Role: model.RoleAdmin}, "role", "error.choose"},
			{"agent role", desk.PersonInput{Name: "Otra", Email: "nueva@ferreteria.test", Role: model.RoleAgent}, "role", "error.choose"},
		}
		before, _ := d.People(ctx, mgr, 0)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := d.InvitePerson(ctx, mgr, 0, tt.in)
				if got := fieldKey(err, tt.field); got != tt.key {
					t.Errorf("field %s: %q (%v), want %q", tt.field, got, err, tt.key)
				}
			})
		}
		after, _ := d.People(ctx, mgr, 0)
		if len(after) != len(before) || len(invitations(t, env, "nueva@ferreteria.test")) != 0 {
			t.Errorf("refused invitations changed something: %d → %d people", len(before), len(after))
		}
	})
}

func TestSeatLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, c := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		admin := env.User(t, "admin@oceanic.test")
		co, err := d.Company(ctx, admin, mgr.CompanyID)
		if err != nil {
			t.Fatal(err)
		}
		// Two people with passwords, one pending invitation: three seats.
		p, err := d.InvitePerson(ctx, mgr, 0, person("Pendiente", "pendiente@ferreteria.test"))
		if err != nil {
			t.Fatal(err)
		}
		setLimit := func(n int) {
			t.Helper()
			if _, err := d.UpdateCompany(ctx, admin, co.ID, desk.CompanyInput{Name: co.Name, NIT: co.NIT, SeatLimit: n}); err != nil {
				t.Fatal(err)
			}
		}
		setLimit(3)
		_, err = d.InvitePerson(ctx, mgr, 0, person("Cuarta", "cuarta@ferreteria.test"))
		if fieldKey(err, "seats") != "error.seat_limit" {
			t.Fatalf("over the limit: %v", err)
		}
		// Revoking the pending invitation frees its seat.
		if err := d.RevokeInvitation(ctx, mgr, p.ID); err != nil {
			t.Fatal(err)
		}
		q, err := d.InvitePerson(ctx, mgr, 0, person("Cuarta", "cuarta@ferreteria.test"))
		if err != nil {
			t.Fatalf("after freeing a seat: %v", err)
		}
		if err := d.ResendInvitation(ctx, mgr, p.ID); fieldKey(err, "seats") != "error.seat_limit" {
			t.Errorf("resending takes a seat: %v", err)
		}
		// An expired invitation frees its seat too.
		c.Add(desk.InvitationTTL)
		if err := d.ResendInvitation(ctx, mgr, p.ID); err != nil {
			t.Errorf("resend after the other expired: %v", err)
		}
		if err := d.ResendInvitation(ctx, mgr, q.ID); fieldKey(err, "seats") != "error.seat_limit" {
			t.Errorf("resend of the expired one while full: %v", err)
		}
		// Re-enabling counts as well.
		compras := env.User(t, "compras@ferreteria.test")
		off, on := false, true
		if _, err := d.UpdatePerson(ctx, mgr, compras.ID, desk.PersonChange{Active: &off}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.InvitePerson(ctx, mgr, 0, person("Quinta", "quinta@ferreteria.test")); err != nil {
			t.Fatalf("seat freed by disabling: %v", err)
		}
		if _, err := d.UpdatePerson(ctx, mgr, compras.ID, desk.PersonChange{Active: &on}); fieldKey(err, "seats") != "error.seat_limit" {
			t.Errorf("re-enable over the limit: %v", err)
		}
		setLimit(0)
		if _, err := d.UpdatePerson(ctx, mgr, compras.ID, desk.PersonChange{Active: &on}); err != nil {
			t.Errorf("re-enable without limit: %v", err)
		}
	})
}

func TestManagingPeopleRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		compras := env.User(t, "compras@ferreteria.test")
		strp := func(s string) *string { return &s }
		rolep := func(r model.Role) *model.Role { return &r }
		boolp := func(b bool) *bool { return &b }
		tests := []struct {
			name   string
			target int64
			ch     desk.PersonChange
			field  string
			key    string
		}{
			{"demote the last manager", mgr.ID, desk.PersonChange{Role: rolep(model.RoleInformer)}, "role", "error.last_manager"},
			{"disable oneself", mgr.ID, desk.PersonChange{Active: boolp(false)}, "active", "error.not_yourself"},
			{"promote to vendor admin", compras.ID, desk.PersonChange{Role: rolep(model.RoleAdmin)}, "role", "error.choose"},
			{"promote to agent", compras.ID, desk.PersonChange{Role: rolep(model.RoleAgent)}, "role", "error.choose"},
			{"empty name", compras.ID, desk.PersonChange{Name: strp(" ")}, "name", "error.required"},
			{"bad phone", compras.ID, desk.PersonChange{Phone: strp("<script>")}, "phone", "error.phone"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := d.UpdatePerson(ctx, mgr, tt.target, tt.ch)
				if got := fieldKey(err, tt.field); got != tt.key {
					t.Errorf("field %s: %q (%v), want %q", tt.field, got, err, tt.key)
				}
			})
		}
		if u := env.User(t, "compras@ferreteria.test"); u.Role != model.RoleInformer || u.Name != compras.Name {
			t.Fatalf("refused changes changed %+v", u)
		}
		p, err := d.UpdatePerson(ctx, mgr, compras.ID, desk.PersonChange{Name: strp("Ana María Ruiz"), Position: strp("Jefe de compras"),
			Phone: strp("(57)(6) 331 5979"), Role: rolep(model.RoleCompanyAdmin)})
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Ana María Ruiz" || p.Position != "Jefe de compras" || p.Role != model.RoleCompanyAdmin {
			t.Fatalf("updated = %+v", p)
		}
		// With a second manager, the first may step down.
		if _, err := d.UpdatePerson(ctx, mgr, mgr.ID, desk.PersonChange{Role: rolep(model.RoleInformer)}); err != nil {
			t.Fatalf("step down with another manager: %v", err)
		}
		newMgr := env.User(t, "compras@ferreteria.test")
		if _, err := d.UpdatePerson(ctx, newMgr, newMgr.ID, desk.PersonChange{Role: rolep(model.RoleInformer)}); fieldKey(err, "role") != "error.last_manager" {
			t.Errorf("the new last manager stepped down: %v", err)
		}
		got := strings.Join(auditActions(t, d, newMgr, compras.ID), ",")
		if got != "person.role,person.updated" {
			t.Errorf("audit = %s", got)
		}
		// The informer that the old manager now is cannot manage anyone.
		if _, err := d.People(ctx, env.User(t, "gerente@ferreteria.test"), 0); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("informer lists people: %v", err)
		}
	})
}

func TestOtherCompanyManager(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		bakery := env.User(t, "gerente@panaderia.test")
		compras := env.User(t, "compras@ferreteria.test")
		invited, err := d.InvitePerson(ctx, mgr, 0, person("Invitada", "invitada@ferreteria.test"))
		if err != nil {
			t.Fatal(err)
		}
		off := false
		informer := model.RoleInformer
		tk := open(t, env, "compras@ferreteria.test")
		tests := []struct {
			name string
			call func() error
			want error
		}{
			{"see a person", func() error { _, err := d.Person(ctx, bakery, compras.ID); return err }, model.ErrNotFound},
			{"disable", func() error {
				_, err := d.UpdatePerson(ctx, bakery, compras.ID, desk.PersonChange{Active: &off})
				return err
			}, model.ErrNotFound},
			{"demote the manager", func() error {
				_, err := d.UpdatePerson(ctx, bakery, mgr.ID, desk.PersonChange{Role: &informer})
				return err
			}, model.ErrNotFound},
			{"resend", func() error { return d.ResendInvitation(ctx, bakery, invited.ID) }, model.ErrNotFound},
			{"revoke", func() error { return d.RevokeInvitation(ctx, bakery, invited.ID) }, model.ErrNotFound},
			{"touch staff", func() error {
				_, err := d.UpdatePerson(ctx, bakery, env.User(t, "agente@oceanic.test").ID, desk.PersonChange{Active: &off})
				return err
			}, model.ErrNotFound},
			{"see the ticket", func() error { _, err := d.Ticket(ctx, bakery, tk.Number); return err }, model.ErrNotFound},
			{"informer manages", func() error { _, err := d.People(ctx, compras, 0); return err }, model.ErrForbidden},
			{"agent manages", func() error { _, err := d.People(ctx, env.User(t, "agente@oceanic.test"), mgr.CompanyID); return err }, model.ErrForbidden},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := tt.call(); !errors.Is(err, tt.want) {
					t.Errorf("got %v, want %v", err, tt.want)
				}
			})
		}
		// A company id in the request is ignored: the bakery's manager
		// invites into the bakery.
		p, err := d.InvitePerson(ctx, bakery, mgr.CompanyID, person("Nueva", "nueva@panaderia.test"))
		if err != nil || p.CompanyID != bakery.CompanyID {
			t.Fatalf("invite with another company's id: %+v %v", p.CompanyID, err)
		}
		ps, _ := d.People(ctx, bakery, mgr.CompanyID)
		for _, p := range ps {
			if p.CompanyID != bakery.CompanyID {
				t.Errorf("the bakery sees %s of company %d", p.Email, p.CompanyID)
			}
		}
		if u := env.User(t, "compras@ferreteria.test"); !u.Active {
			t.Error("the other company's manager disabled our informer")
		}
		// The bakery sees its own audit only.
		ap, _ := d.Audit(ctx, bakery, mgr.CompanyID, desk.AuditCursor{})
		for _, e := range ap.Entries {
			if e.CompanyID != bakery.CompanyID {
				t.Errorf("bakery sees audit of company %d", e.CompanyID)
			}
		}
	})
}

func TestDisablingEndsAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		compras := env.User(t, "compras@ferreteria.test")
		tk := open(t, env, "compras@ferreteria.test")
		web, err := d.LogIn(ctx, compras.Email, "helpdesk-demo", "10.0.0.2", "web")
		if err != nil {
			t.Fatal(err)
		}
		apiLogin, err := d.LogIn(ctx, compras.Email, "helpdesk-demo", "10.0.0.2", "api")
		if err != nil {
			t.Fatal(err)
		}
		pat, err := d.CreateAccessToken(ctx, compras, "script", 30)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := d.AuthenticateAPI(ctx, pat.Secret); err != nil {
			t.Fatal(err)
		}
		off, on := false, true
		p, err := d.UpdatePerson(ctx, mgr, compras.ID, desk.PersonChange{Active: &off})
		if err != nil || p.Active {
			t.Fatalf("disable: %+v %v", p.Active, err)
		}
		if _, _, err := d.Authenticate(ctx, web.Token, "web"); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("web session after disabling: %v", err)
		}
		for name, secret := range map[string]string{"login token": apiLogin.Token, "access token": pat.Secret} {
			if _, _, err := d.AuthenticateAPI(ctx, secret); !errors.Is(err, model.ErrUnauthorized) {
				t.Errorf("%s after disabling: %v", name, err)
			}
		}
		if _, err := d.LogIn(ctx, compras.Email, "helpdesk-demo", "10.0.0.2", "web"); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("login after disabling: %v", err)
		}
		if v, err := d.Ticket(ctx, mgr, tk.Number); err != nil || v.Ticket.CompanyID != mgr.CompanyID {
			t.Errorf("the disabled person's ticket left the company: %v", err)
		}
		if _, err := d.UpdatePerson(ctx, mgr, compras.ID, desk.PersonChange{Active: &on}); err != nil {
			t.Fatal(err)
		}
		// Re-enabled: a new login works, the ended credentials stay ended.
		if _, _, err := d.AuthenticateAPI(ctx, pat.Secret); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("access token came back with the person: %v", err)
		}
		if _, err := d.LogIn(ctx, compras.Email, "helpdesk-demo", "10.0.0.2", "web"); err != nil {
			t.Errorf("login after re-enabling: %v", err)
		}
		if got := strings.Join(auditActions(t, d, mgr, compras.ID), ","); got != "person.enabled,person.disabled" {
			t.Errorf("audit = %s", got)
		}
	})
}

func TestNIT(t *testing.T) {
	tests := []struct {
		in, want, key string
	}{
		{"900123456-8", "900123456-8", ""},
		{"800987654-4", "800987654-4", ""},
		{"900.123.456-8", "900123456-8", ""},
		{" 860002964-4 ", "860002964-4", ""},
		{"890903938-8", "890903938-8", ""},
		{"830020006-0", "830020006-0", ""},
		{"900123456-7", "", "error.nit_check"},
		{"800987654-5", "", "error.nit_check"},
		{"9001234568", "", "error.nit_format"},
		{"900123456", "", "error.nit_format"},
		{"90012345A-8", "", "error.nit_format"},
		{"900123456-88", "", "error.nit_format"},
		{"12-3", "", "error.nit_format"},
		{"", "", "error.required"},
	}
	for _, tt := range tests {
		got, key := desk.NormalizeNIT(tt.in)
		if key != tt.key || (key == "" && got != tt.want) {
			t.Errorf("NormalizeNIT(%q) = %q, %q; want %q, %q", tt.in, got, key, tt.want, tt.key)
		}
	}
}

func TestCompanies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		admin := env.User(t, "admin@oceanic.test")
		good := desk.CompanyInput{Name: "Droguería La Salud", NIT: "860.002.964-4", SeatLimit: 5,
			AdminName: "Rosa Díaz", AdminEmail: "rosa@drogueria.test"}
		tests := []struct {
			name  string
			edit  func(*desk.CompanyInput)
			field string
			key   string
		}{
			{"wrong check digit", func(c *desk.CompanyInput) { c.NIT = "860002964-5" }, "nit", "error.nit_check"},
			{"no dash", func(c *desk.CompanyInput) { c.NIT = "8600029644" }, "nit", "error.nit_format"},
			{"NIT taken", func(c *desk.CompanyInput) { c.NIT = "900123456-8" }, "nit", "error.nit_taken"},
			{"no name", func(c *desk.CompanyInput) { c.Name = "" }, "name", "error.required"},
			{"negative seats", func(c *desk.CompanyInput) { c.SeatLimit = -1 }, "seat_limit", "error.seat_limit_range"},
			{"manager e-mail taken", func(c *desk.CompanyInput) { c.AdminEmail = "GERENTE@ferreteria.test" }, "admin_email", "error.email_taken"},
			{"no manager", func(c *desk.CompanyInput) { c.AdminName = "" }, "admin_name", "error.required"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := good
				tt.edit(&in)
				if _, err := d.CreateCompany(ctx, admin, in); fieldKey(err, tt.field) != tt.key {
					t.Errorf("field %s: %v, want %s", tt.field, err, tt.key)
				}
			})
		}
		if _, err := d.CreateCompany(ctx, env.User(t, "agente@oceanic.test"), good); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("agent creates a company: %v", err)
		}
		if _, err := d.CreateCompany(ctx, env.User(t, "gerente@ferreteria.test"), good); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("manager creates a company: %v", err)
		}
		c, err := d.CreateCompany(ctx, admin, good)
		if err != nil {
			t.Fatal(err)
		}
		if c.NIT != "860002964-4" || c.ShareTickets || !c.Active || c.SeatLimit != 5 {
			t.Fatalf("company = %+v", c)
		}
		tok := inviteToken(t, env, "rosa@drogueria.test")
		l, err := d.AcceptInvitation(ctx, tok, strongPassword, strongPassword)
		if err != nil {
			t.Fatal(err)
		}
		if l.User.Role != model.RoleCompanyAdmin || l.User.CompanyID != c.ID {
			t.Fatalf("first manager = %+v", l.User)
		}
		if _, err := d.UpdateCompany(ctx, admin, c.ID, desk.CompanyInput{Name: c.Name, NIT: "900123456-8"}); fieldKey(err, "nit") != "error.nit_taken" {
			t.Errorf("edit to a taken NIT: %v", err)
		}
		if c, err = d.UpdateCompany(ctx, admin, c.ID, desk.CompanyInput{Name: "Droguería La Salud S.A.S.", NIT: c.NIT, ShareTickets: true}); err != nil || !c.ShareTickets {
			t.Fatalf("edit: %+v %v", c, err)
		}
		// Deactivated: its people cannot sign in and their sessions stop.
		if err := d.SetCompanyActive(ctx, admin, c.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := d.Authenticate(ctx, l.Token, "web"); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("session of a deactivated company: %v", err)
		}
		if _, err := d.LogIn(ctx, "rosa@drogueria.test", strongPassword, "10.0.0.3", "web"); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("login to a deactivated company: %v", err)
		}
		if err := d.SetCompanyActive(ctx, admin, c.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := d.LogIn(ctx, "rosa@drogueria.test", strongPassword, "10.0.0.3", "web"); err != nil {
			t.Errorf("login after reactivating: %v", err)
		}
		p, err := d.Audit(ctx, admin, c.ID, desk.AuditCursor{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range p.Entries {
			got = append(got, e.Action)
		}
		want := "company.enabled,company.disabled,company.updated,person.joined,person.invited,company.created"
		if strings.Join(got, ",") != want {
			t.Errorf("audit = %s, want %s", strings.Join(got, ","), want)
		}
	})
}

func TestStaffAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		admin := env.User(t, "admin@oceanic.test")
		agent := env.User(t, "agente@oceanic.test")
		if err := d.SetStaffActive(ctx, admin, admin.ID, false); fieldKey(err, "active") != "error.not_yourself" {
			t.Errorf("disable oneself: %v", err)
		}
		u, err := d.InviteStaff(ctx, admin, desk.PersonInput{Name: "Nuevo Admin", Email: "nuevo@oceanic.test", Role: model.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		// Staff answer tickets: their invitation says so.
		if ms := invitations(t, env, u.Email); len(ms) != 1 || ms[0].Template != "invite_staff" {
			t.Errorf("staff invitation mails = %+v", ms)
		}
		if _, err := d.InviteStaff(ctx, admin, desk.PersonInput{Name: "X", Email: "x@oceanic.test", Role: model.RoleCompanyAdmin}); fieldKey(err, "role") != "error.choose" {
			t.Errorf("staff invite as company admin: %v", err)
		}
		l, err := d.AcceptInvitation(ctx, inviteToken(t, env, u.Email), strongPassword, strongPassword)
		if err != nil {
			t.Fatal(err)
		}
		// Two admins: one may disable the other, but not the last one.
		if err := d.SetStaffActive(ctx, l.User, admin.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := d.SetStaffActive(ctx, l.User, agent.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := d.Authenticate(ctx, l.Token, "web"); err != nil {
			t.Fatalf("the acting admin lost their session: %v", err)
		}
		if err := d.SetStaffActive(ctx, agent, l.User.ID, false); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("agent disables an admin: %v", err)
		}
		if err := d.SetStaffActive(ctx, l.User, env.User(t, "compras@ferreteria.test").ID, false); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("staff page disables a customer: %v", err)
		}
		if err := d.SetStaffActive(ctx, l.User, admin.ID, true); err != nil {
			t.Fatal(err)
		}
		list, err := d.StaffPeople(ctx, l.User)
		if err != nil {
			t.Fatal(err)
		}
		active := map[string]bool{}
		for _, p := range list {
			active[p.Email] = p.Active
		}
		if !active["admin@oceanic.test"] || active["agente@oceanic.test"] || !active["nuevo@oceanic.test"] {
			t.Errorf("staff = %v", active)
		}
	})
}

func TestLastAdminGuard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		admin := env.User(t, "admin@oceanic.test")
		u, err := d.InviteStaff(ctx, admin, desk.PersonInput{Name: "Otro", Email: "otro@oceanic.test", Role: model.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		l, err := d.AcceptInvitation(ctx, inviteToken(t, env, u.Email), strongPassword, strongPassword)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.SetStaffActive(ctx, admin, l.User.ID, false); err != nil {
			t.Fatal(err)
		}
		// admin is now the last active admin; another admin cannot exist to
		// disable them, and they cannot disable themselves.
		if err := d.SetStaffActive(ctx, admin, admin.ID, false); fieldKey(err, "active") != "error.not_yourself" {
			t.Errorf("last admin disables self: %v", err)
		}
		if err := d.SetStaffActive(ctx, l.User, admin.ID, false); fieldKey(err, "active") != "error.last_admin" {
			t.Errorf("disabled admin's stale actor disables the last admin: %v", err)
		}
	})
}

func TestVendorSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		admin := env.User(t, "admin@oceanic.test")
		s, err := d.VendorSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.AutoCloseDays != 7 || s.VendorName == "" {
			t.Fatalf("defaults = %+v", s)
		}
		tests := []struct {
			name  string
			edit  func(*desk.VendorSettings)
			field string
			key   string
		}{
			{"negative days", func(s *desk.VendorSettings) { s.AutoCloseDays = -1 }, "autoclose_days", "error.autoclose_days"},
			{"91 days", func(s *desk.VendorSettings) { s.AutoCloseDays = 91 }, "autoclose_days", "error.autoclose_days"},
			{"bad sender", func(s *desk.VendorSettings) { s.SMTPFrom = "soporte" }, "smtp_from", "error.sender_address"},
			{"sender without a domain dot", func(s *desk.VendorSettings) { s.SMTPFrom = "Soporte <soporte@localhost>" }, "smtp_from", "error.sender_address"},
			{"sender name unclosed", func(s *desk.VendorSettings) { s.SMTPFrom = "Soporte <soporte@oceanic.co" }, "smtp_from", "error.sender_address"},
			{"no vendor name", func(s *desk.VendorSettings) { s.VendorName = "" }, "vendor_name", "error.required"},
			{"phone with letters", func(s *desk.VendorSettings) { s.VendorPhone = "PBX uno" }, "vendor_phone", "error.phone"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := s
				tt.edit(&in)
				if err := d.SaveVendorSettings(ctx, admin, in); fieldKey(err, tt.field) != tt.key {
					t.Errorf("field %s: %v, want %s", tt.field, err, tt.key)
				}
			})
		}
		if err := d.SaveVendorSettings(ctx, env.User(t, "agente@oceanic.test"), s); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("agent saves settings: %v", err)
		}
		s.AutoCloseDays, s.SMTPFrom, s.VendorName = 90, "Soporte@Oceanic.test", "Oceanic S.A.S."
		if err := d.SaveVendorSettings(ctx, admin, s); err != nil {
			t.Fatal(err)
		}
		got, _ := d.VendorSettings(ctx)
		if got.AutoCloseDays != 90 || got.SMTPFrom != "soporte@oceanic.test" || got.VendorName != "Oceanic S.A.S." || got.ScopeNotice != s.ScopeNotice {
			t.Errorf("saved = %+v", got)
		}
		if acts := auditActions(t, d, admin, 0); len(acts) != 1 || acts[0] != desk.AuditSettings {
			t.Errorf("audit = %v", acts)
		}
		// A sender with a display name, as the README shows it.
		senders := []struct{ in, want string }{
			{"Soporte Oceanic <Soporte@Oceanic.co>", "Soporte Oceanic <soporte@oceanic.co>"},
			{"  Mesa de Ayuda Ñandú <mesa@oceanic.co> ", "Mesa de Ayuda Ñandú <mesa@oceanic.co>"},
			{`"Oceanic, Soporte" <soporte@oceanic.co>`, `"Oceanic, Soporte" <soporte@oceanic.co>`},
			{"<soporte@oceanic.co>", "soporte@oceanic.co"},
		}
		for _, c := range senders {
			s.SMTPFrom = c.in
			if err := d.SaveVendorSettings(ctx, admin, s); err != nil {
				t.Errorf("sender %q: %v", c.in, err)
				continue
			}
			if got, _ := d.VendorSettings(ctx); got.SMTPFrom != c.want {
				t.Errorf("sender %q saved as %q, want %q", c.in, got.SMTPFrom, c.want)
			}
		}
	})
}

func TestModules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		admin := env.User(t, "admin@oceanic.test")
		if err := d.AddModule(ctx, admin, "  Activos fijos "); err != nil {
			t.Fatal(err)
		}
		// Taken names, whatever the case and accents.
		for _, name := range []string{"activos FIJOS", "FACTURACION ELECTRONICA", "facturación electronica", "NÓMINA electrónica", "nomina ELECTRONICA"} {
			if err := d.AddModule(ctx, admin, name); fieldKey(err, "name") != "error.module_taken" {
				t.Errorf("duplicate %q: %v", name, err)
			}
		}
		if err := d.AddModule(ctx, env.User(t, "agente@oceanic.test"), "Otro"); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("agent adds: %v", err)
		}
		mods, _ := d.Modules(ctx)
		last := mods[len(mods)-1]
		if last.Name != "Activos fijos" {
			t.Fatalf("last module = %+v", last)
		}
		moves := []struct {
			name  string
			id    int64
			dir   string
			moved bool
			key   string
		}{
			{"unknown direction", last.ID, "sideways", false, "error.module_direction"},
			{"no direction", last.ID, "", false, "error.module_direction"},
			{"first one up", mods[0].ID, desk.MoveUp, false, ""},
			{"last one down", last.ID, desk.MoveDown, false, ""},
			{"last one up", last.ID, desk.MoveUp, true, ""},
		}
		for _, m := range moves {
			moved, err := d.MoveModule(ctx, admin, m.id, m.dir)
			if moved != m.moved || fieldKey(err, "dir") != m.key || (m.key == "" && err != nil) {
				t.Errorf("%s: moved %v, %v; want %v, %q", m.name, moved, err, m.moved, m.key)
			}
		}
		mods, _ = d.Modules(ctx)
		if mods[len(mods)-2].ID != last.ID {
			t.Errorf("move up: %+v", mods)
		}
		if err := d.RenameModule(ctx, admin, last.ID, mods[0].Name); fieldKey(err, "name") != "error.module_taken" {
			t.Errorf("rename to a taken name: %v", err)
		}
		if err := d.RenameModule(ctx, admin, last.ID, "Activos"); err != nil {
			t.Fatal(err)
		}
		if err := d.DeleteModule(ctx, admin, mods[0].ID); fieldKey(err, "module") != "error.module_in_use" {
			t.Errorf("delete a module in use: %v", err)
		}
		if err := d.DeleteModule(ctx, admin, last.ID); err != nil {
			t.Fatal(err)
		}
		after, _ := d.Modules(ctx)
		if len(after) != len(mods)-1 {
			t.Errorf("%d modules after delete, want %d", len(after), len(mods)-1)
		}
		want := "module.deleted,module.renamed,module.moved,module.added"
		if got := strings.Join(auditActions(t, d, admin, 0), ","); got != want {
			t.Errorf("audit = %s", got)
		}
	})
}

func TestSeatLimitUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, d, _ := peopleEnv(t, db)
		mgr := env.User(t, "gerente@ferreteria.test")
		admin := env.User(t, "admin@oceanic.test")
		co, err := d.Company(ctx, admin, mgr.CompanyID)
		if err != nil {
			t.Fatal(err)
		}
		used, _, err := d.Seats(ctx, mgr, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.UpdateCompany(ctx, admin, co.ID, desk.CompanyInput{Name: co.Name, NIT: co.NIT, SeatLimit: used + 1}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 5)
		for i := range errs {
			wg.Go(func() {
				_, errs[i] = d.InvitePerson(ctx, mgr, 0, person("Persona", "p"+string(rune('a'+i))+"@ferreteria.test"))
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case fieldKey(err, "seats") != "error.seat_limit":
				t.Errorf("concurrent invite: %v", err)
			}
		}
		after, limit, _ := d.Seats(ctx, mgr, 0)
		if ok != 1 || after != limit {
			t.Errorf("%d invitations went through, seats %d of %d; want 1 and a full company", ok, after, limit)
		}
	})
}

// TestAuditPages: the change log comes 50 at a time, newest first, each
// entry once, even when many share a time; a settings change records only
// what changed.
func TestAuditPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		at := time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC)
		d := desk.New(desk.Options{Store: env.Store, Now: func() time.Time { return at }})
		admin := env.User(t, "admin@oceanic.test")
		s, err := d.VendorSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before, err := d.Audit(ctx, admin, 0, desk.AuditCursor{})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.SaveVendorSettings(ctx, admin, s); err != nil { // nothing changes: nothing recorded
			t.Fatal(err)
		}
		oldPhone := s.VendorPhone
		s.VendorPhone = "601 555 0000"
		if err := d.SaveVendorSettings(ctx, admin, s); err != nil {
			t.Fatal(err)
		}
		p, _ := d.Audit(ctx, admin, 0, desk.AuditCursor{})
		if len(p.Entries) != len(before.Entries)+1 || p.Entries[0].Action != desk.AuditSettings ||
			p.Entries[0].Details != "vendor_phone: "+oldPhone+" → 601 555 0000" {
			t.Fatalf("settings change recorded as %q (%d entries, %d before)", p.Entries[0].Details, len(p.Entries), len(before.Entries))
		}
		const extra = 2*desk.AuditPageSize + 7
		for i := range extra {
			if i%2 == 1 {
				at = at.Add(time.Second) // half of them share a time with the one before
			}
			s.VendorPhone = "601 555 " + strconv.Itoa(1000+i)
			if err := d.SaveVendorSettings(ctx, admin, s); err != nil {
				t.Fatal(err)
			}
		}
		var all []model.AuditEntry
		seen := map[int64]bool{}
		var from desk.AuditCursor
		pages := 0
		for {
			p, err := d.Audit(ctx, admin, 0, from)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if len(p.Entries) > desk.AuditPageSize || (p.More && len(p.Entries) != desk.AuditPageSize) {
				t.Fatalf("page %d has %d entries, more %v", pages, len(p.Entries), p.More)
			}
			for _, e := range p.Entries {
				if seen[e.ID] {
					t.Fatalf("entry %d on two pages", e.ID)
				}
				seen[e.ID] = true
				all = append(all, e)
			}
			if !p.More {
				break
			}
			from = p.Next()
		}
		want := len(before.Entries) + 1 + extra
		if len(all) != want || pages != (want+desk.AuditPageSize-1)/desk.AuditPageSize {
			t.Errorf("%d entries on %d pages, want %d", len(all), pages, want)
		}
		for i := 1; i < len(all); i++ {
			a, b := all[i-1], all[i]
			if a.CreatedAt.Before(b.CreatedAt) || (a.CreatedAt.Equal(b.CreatedAt) && a.ID < b.ID) {
				t.Fatalf("not newest first at %d: %v #%d then %v #%d", i, a.CreatedAt, a.ID, b.CreatedAt, b.ID)
			}
		}
		if all[0].Details != "vendor_phone: 601 555 "+strconv.Itoa(1000+extra-2)+" → 601 555 "+strconv.Itoa(1000+extra-1) {
			t.Errorf("newest entry %q", all[0].Details)
		}
	})
}
