package desk_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// clocked returns the demo's desk with a clock the test moves.
func clocked(env apptest.Env) (*desk.Desk, *clock) {
	c := &clock{t: time.Now().UTC()}
	return desk.New(desk.Options{Store: env.Store, Now: c.Now, PasswordCost: bcrypt.MinCost}), c
}

func TestUpdateProfile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "compras@ferreteria.test")
		good := desk.ProfileOf(u)
		good.Name, good.Phone, good.Position = "Luisa Compras", "+57 300 123 4567", "Jefe de compras"
		good.Language, good.TimeZone, good.EmailNotifications = "en", "America/Lima", false
		tests := []struct {
			name  string
			edit  func(*desk.Profile)
			field string
			key   string
		}{
			{"no name", func(p *desk.Profile) { p.Name = " " }, "name", "error.required"},
			{"long name", func(p *desk.Profile) { p.Name = strings.Repeat("ñ", 101) }, "name", "error.too_long"},
			{"long phone", func(p *desk.Profile) { p.Phone = strings.Repeat("1", 41) }, "phone", "error.too_long"},
			{"long position", func(p *desk.Profile) { p.Position = strings.Repeat("a", 101) }, "position", "error.too_long"},
			{"language", func(p *desk.Profile) { p.Language = "fr" }, "language", "error.choose"},
			{"zone", func(p *desk.Profile) { p.TimeZone = "America/Medellin" }, "time_zone", "error.time_zone"},
			{"local zone", func(p *desk.Profile) { p.TimeZone = "Local" }, "time_zone", "error.time_zone"},
			{"empty zone", func(p *desk.Profile) { p.TimeZone = "" }, "time_zone", "error.time_zone"},
			{"bad e-mail", func(p *desk.Profile) { p.Email = "luisa@" }, "email", "error.email_one"},
			{"two e-mails", func(p *desk.Profile) { p.Email = "a@x.co, b@x.co" }, "email", "error.email_one"},
			{"taken e-mail", func(p *desk.Profile) { p.Email, p.Current = "GERENTE@ferreteria.test", "helpdesk-demo" }, "email", "error.profile_email_taken"},
			{"new e-mail without password", func(p *desk.Profile) { p.Email = "luisa@ferreteria.test" }, "current", "error.current_required"},
			{"new e-mail, wrong password", func(p *desk.Profile) { p.Email, p.Current = "luisa@ferreteria.test", "nope" }, "current", "error.current_wrong"},
		}
		for _, tt := range tests {
			p := good
			tt.edit(&p)
			_, err := env.Desk.UpdateProfile(ctx, u, p)
			if got := fieldKey(err, tt.field); got != tt.key {
				t.Errorf("%s: %s = %q (err %v), want %q", tt.name, tt.field, got, err, tt.key)
			}
		}
		if now := env.User(t, "compras@ferreteria.test"); now.Name != u.Name || now.Language != u.Language || !now.EmailNotifications {
			t.Errorf("refused changes were saved: %+v", now)
		}
		got, err := env.Desk.UpdateProfile(ctx, u, good)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Luisa Compras" || got.Phone != "+57 300 123 4567" || got.Position != "Jefe de compras" ||
			got.Language != "en" || got.TimeZone != "America/Lima" || got.EmailNotifications {
			t.Errorf("saved %+v", got)
		}
		// The same address in other letters is no change and needs no password.
		good.Email = "Compras@Ferreteria.TEST"
		if _, err := env.Desk.UpdateProfile(ctx, u, good); err != nil {
			t.Errorf("same address, other case: %v", err)
		}
		good.Email, good.Current = "Luisa@Ferreteria.test", "helpdesk-demo"
		if got, err = env.Desk.UpdateProfile(ctx, u, good); err != nil || got.Email != "luisa@ferreteria.test" {
			t.Fatalf("change e-mail: %v %q", err, got.Email)
		}
		if _, err := env.Desk.LogIn(ctx, "luisa@ferreteria.test", "helpdesk-demo", "10.1.0.1", "web"); err != nil {
			t.Errorf("log in with the new address: %v", err)
		}
	})
}

func TestChangePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "caja@panaderia.test")
		var tokens []string
		for _, kind := range []string{"web", "web", "api"} {
			l, err := env.Desk.LogIn(ctx, u.Email, "helpdesk-demo", "10.2.0.1", kind)
			if err != nil {
				t.Fatal(err)
			}
			tokens = append(tokens, l.Token)
		}
		other, err := env.Desk.LogIn(ctx, "gerente@panaderia.test", "helpdesk-demo", "10.2.0.1", "web")
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, current, next, field, key string
		}{
			{"no current", "", "Lámpara-Verde-2026", "current", "error.current_required"},
			{"wrong current", "helpdesk-dem0", "Lámpara-Verde-2026", "current", "error.current_wrong"},
			{"no new", "helpdesk-demo", "", "password", "error.required"},
			{"same", "helpdesk-demo", "helpdesk-demo", "password", "error.password_same"},
			{"short", "helpdesk-demo", "Verde-26", "password", "error.password_rules"},
			{"common", "helpdesk-demo", "contraseña123", "password", "error.password_common"},
			{"e-mail name", "helpdesk-demo", "mi-CAJA-segura-26", "password", "error.password_email"},
		}
		for _, tt := range tests {
			err := env.Desk.ChangePassword(ctx, u, tokens[0], tt.current, tt.next)
			if got := fieldKey(err, tt.field); got != tt.key {
				t.Errorf("%s: %s = %q (err %v), want %q", tt.name, tt.field, got, err, tt.key)
			}
		}
		for i, tok := range tokens {
			if _, _, err := env.Desk.Authenticate(ctx, tok, []string{"web", "web", "api"}[i]); err != nil {
				t.Errorf("session %d ended by a refused change: %v", i, err)
			}
		}
		if err := env.Desk.ChangePassword(ctx, u, tokens[0], "helpdesk-demo", "Lámpara-Verde-2026"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.Desk.Authenticate(ctx, tokens[0], "web"); err != nil {
			t.Errorf("the session that changed the password ended: %v", err)
		}
		for i, tok := range tokens[1:] {
			if _, _, err := env.Desk.Authenticate(ctx, tok, []string{"web", "api"}[i]); !errors.Is(err, model.ErrUnauthorized) {
				t.Errorf("other session %d still works: %v", i+1, err)
			}
		}
		if _, _, err := env.Desk.Authenticate(ctx, other.Token, "web"); err != nil {
			t.Errorf("a colleague's session ended: %v", err)
		}
		if _, err := env.Desk.LogIn(ctx, u.Email, "helpdesk-demo", "10.2.0.1", "web"); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("old password works: %v", err)
		}
		if _, err := env.Desk.LogIn(ctx, u.Email, "Lámpara-Verde-2026", "10.2.0.1", "web"); err != nil {
			t.Errorf("new password: %v", err)
		}
	})
}

func TestLongPasswordCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "caja@panaderia.test")
		long := strings.Repeat("Lámpara-Verde-", 8) + "A" // over 72 bytes
		if err := env.Desk.ChangePassword(ctx, u, "", "helpdesk-demo", long); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Desk.LogIn(ctx, u.Email, strings.TrimSuffix(long, "A")+"B", "10.3.0.1", "web"); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("a password differing after byte 72 logs in: %v", err)
		}
		if _, err := env.Desk.LogIn(ctx, u.Email, long, "10.3.0.1", "web"); err != nil {
			t.Errorf("long password: %v", err)
		}
	})
}

// resetMails returns the reset mails queued so far.
func resetMails(t *testing.T, env apptest.Env) []model.Mail {
	t.Helper()
	jobs, err := env.Store.Read().Jobs(ctx, desk.JobMail, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Mail
	for _, j := range jobs {
		var m model.Mail
		if err := json.Unmarshal([]byte(j.Payload), &m); err != nil {
			t.Fatal(err)
		}
		if m.Template == "reset" {
			out = append(out, m)
		}
	}
	return out
}

func TestPasswordReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		d, clk := clocked(env)
		u := env.User(t, "compras@ferreteria.test")
		old, err := d.LogIn(ctx, u.Email, "helpdesk-demo", "10.4.0.1", "api")
		if err != nil {
			t.Fatal(err)
		}
		// Unknown, malformed and disabled addresses: the same answer, no mail.
		if err := env.Store.Tx(ctx, func(q *store.Q) error {
			off := env.User(t, "caja@panaderia.test")
			off.Email, off.Active = "inactivo@panaderia.test", false
			_, err := q.CreateUser(ctx, off, off.CreatedAt)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for _, e := range []string{"nadie@ferreteria.test", "no es correo", "", "inactivo@panaderia.test"} {
			if err := d.RequestPasswordReset(ctx, e); err != nil {
				t.Errorf("%q: %v", e, err)
			}
		}
		if n := len(resetMails(t, env)); n != 0 {
			t.Fatalf("%d mails for unknown or disabled addresses", n)
		}
		if err := d.RequestPasswordReset(ctx, " COMPRAS@ferreteria.test "); err != nil {
			t.Fatal(err)
		}
		mails := resetMails(t, env)
		if len(mails) != 1 || mails[0].To != u.Email || !strings.HasPrefix(mails[0].Path, "/reset/") || mails[0].Lang != "es" {
			t.Fatalf("mails %+v", mails)
		}
		token := strings.TrimPrefix(mails[0].Path, "/reset/")
		if got, err := d.ResetLink(ctx, token); err != nil || got.ID != u.ID {
			t.Fatalf("link: %v", err)
		}
		for _, bad := range []string{token + "x", token[:len(token)-1], "", "abc"} {
			if _, err := d.ResetLink(ctx, bad); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("altered link %q: %v", bad, err)
			}
		}
		// A refused password keeps the link.
		if _, err := d.ResetPassword(ctx, token, "1234567890"); fieldKey(err, "password") != "error.password_common" {
			t.Errorf("common password: %v", err)
		}
		if _, err := d.ResetLink(ctx, token); err != nil {
			t.Errorf("refused password spent the link: %v", err)
		}
		if _, err := d.ResetPassword(ctx, token, "Lámpara-Verde-2026"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := d.Authenticate(ctx, old.Token, "api"); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("session survived the reset: %v", err)
		}
		if _, err := d.ResetPassword(ctx, token, "Otra-Lámpara-2027"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("link used twice: %v", err)
		}
		if _, err := d.LogIn(ctx, u.Email, "Lámpara-Verde-2026", "10.4.0.1", "web"); err != nil {
			t.Errorf("log in with the new password: %v", err)
		}

		// Expiry: valid for 30 minutes.
		if err := d.RequestPasswordReset(ctx, u.Email); err != nil {
			t.Fatal(err)
		}
		mails = resetMails(t, env)
		token = strings.TrimPrefix(mails[len(mails)-1].Path, "/reset/")
		clk.Add(29 * time.Minute)
		if _, err := d.ResetLink(ctx, token); err != nil {
			t.Errorf("at 29 minutes: %v", err)
		}
		clk.Add(2 * time.Minute)
		if _, err := d.ResetPassword(ctx, token, "Otra-Lámpara-2027"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("at 31 minutes: %v", err)
		}

		// At most 3 mails an hour per address; the 4th asks the same and sends nothing.
		clk.Add(time.Hour)
		before := len(resetMails(t, env))
		for i := 0; i < 4; i++ {
			if err := d.RequestPasswordReset(ctx, u.Email); err != nil {
				t.Fatal(err)
			}
		}
		if got := len(resetMails(t, env)) - before; got != 3 {
			t.Errorf("%d mails for 4 requests, want 3", got)
		}
		clk.Add(61 * time.Minute)
		if err := d.RequestPasswordReset(ctx, u.Email); err != nil {
			t.Fatal(err)
		}
		if got := len(resetMails(t, env)) - before; got != 4 {
			t.Errorf("an hour later: %d mails, want 4", got)
		}
	})
}

func TestPasswordResetOneWinner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		if err := env.Desk.RequestPasswordReset(ctx, "gerente@panaderia.test"); err != nil {
			t.Fatal(err)
		}
		token := strings.TrimPrefix(resetMails(t, env)[0].Path, "/reset/")
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Go(func() { _, errs[i] = env.Desk.ResetPassword(ctx, token, "Lámpara-Verde-2026") })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if !errors.Is(err, model.ErrNotFound) {
				t.Errorf("unexpected: %v", err)
			}
		}
		if ok != 1 {
			t.Errorf("%d resets succeeded with one link", ok)
		}
	})
}

func TestCurrentPasswordGuessesAreThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		u := env.User(t, "gerente@ferreteria.test")
		for i := 0; i < 8; i++ {
			if err := env.Desk.ChangePassword(ctx, u, "", "guess-"+string(rune('a'+i)), "Lámpara-Verde-2026"); fieldKey(err, "current") != "error.current_wrong" {
				t.Fatalf("guess %d: %v", i, err)
			}
		}
		if err := env.Desk.ChangePassword(ctx, u, "", "helpdesk-demo", "Lámpara-Verde-2026"); !errors.Is(err, model.ErrRateLimited) {
			t.Errorf("after 8 wrong guesses: %v", err)
		}
		p := desk.ProfileOf(u)
		p.Email, p.Current = "otro@ferreteria.test", "helpdesk-demo"
		if _, err := env.Desk.UpdateProfile(ctx, u, p); !errors.Is(err, model.ErrRateLimited) {
			t.Errorf("e-mail change after 8 wrong guesses: %v", err)
		}
	})
}

func TestResetLinkOfDisabledAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		const token = "a-link-made-before-the-account-was-disabled"
		err := env.Store.Tx(ctx, func(q *store.Q) error {
			off := env.User(t, "caja@panaderia.test")
			off.Email, off.Active = "inactivo@panaderia.test", false
			id, err := q.CreateUser(ctx, off, off.CreatedAt)
			if err != nil {
				return err
			}
			now := time.Now().UTC()
			return q.CreateUserToken(ctx, store.UserToken{TokenHash: sha256Hex(token), UserID: id,
				Purpose: model.TokenReset, CreatedAt: now, ExpiresAt: now.Add(30 * time.Minute)})
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Desk.ResetLink(ctx, token); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("link of a disabled account: %v", err)
		}
		if _, err := env.Desk.ResetPassword(ctx, token, "Lámpara-Verde-2026"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("reset of a disabled account: %v", err)
		}
	})
}

// sha256Hex is how links are kept: the hex SHA-256 of the token.
func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// Only people who already chose a password, in an active company, get a
// reset link: an invitation pending or revoked is no way in.
func TestNoResetWithoutAPasswordOrCompany(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		manager, admin := env.User(t, "gerente@ferreteria.test"), env.User(t, "admin@oceanic.test")
		pending, err := env.Desk.InvitePerson(ctx, manager, 0, desk.PersonInput{Name: "Pedro Pendiente", Email: "pedro@ferreteria.test"})
		if err != nil {
			t.Fatal(err)
		}
		revoked, err := env.Desk.InvitePerson(ctx, manager, 0, desk.PersonInput{Name: "Rita Revocada", Email: "rita@ferreteria.test"})
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Desk.RevokeInvitation(ctx, manager, revoked.ID); err != nil {
			t.Fatal(err)
		}
		// A link asked for while the bakery was active, used after it was not.
		if err := env.Desk.RequestPasswordReset(ctx, "caja@panaderia.test"); err != nil {
			t.Fatal(err)
		}
		before := resetMails(t, env)
		if len(before) != 1 {
			t.Fatalf("%d reset mails for the active bakery", len(before))
		}
		bakery := env.User(t, "caja@panaderia.test").CompanyID
		if err := env.Desk.SetCompanyActive(ctx, admin, bakery, false); err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{pending.Email, revoked.Email, "gerente@panaderia.test"} {
			if err := env.Desk.RequestPasswordReset(ctx, email); err != nil {
				t.Errorf("%s: %v", email, err)
			}
		}
		if n := len(resetMails(t, env)); n != 1 {
			t.Errorf("%d reset mails, want none beyond the first", n)
		}
		token := strings.TrimPrefix(before[0].Path, "/reset/")
		if _, err := env.Desk.ResetPassword(ctx, token, "Lámpara-Verde-2026"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("reset in a deactivated company: %v", err)
		}
	})
}
