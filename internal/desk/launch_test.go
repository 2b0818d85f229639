package desk_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

// clockEnv is the demo with a desk on a clock the test moves.
func clockEnv(t *testing.T, db storetest.DB) (apptest.Env, *atomic.Int64) {
	env := apptest.Demo(t, db)
	var now atomic.Int64
	now.Store(time.Date(2026, 5, 4, 15, 0, 0, 0, time.UTC).UnixMilli())
	env.Desk = desk.New(desk.Options{Store: env.Store, PasswordCost: bcrypt.MinCost,
		Now: func() time.Time { return time.UnixMilli(now.Load()) }})
	return env, &now
}

func hardwareKey(t *testing.T, env apptest.Env) desk.NewIntegrationKey {
	t.Helper()
	c, err := env.Desk.CompanyByNIT(ctx, "900123456-8")
	if err != nil {
		t.Fatal(err)
	}
	k, err := env.Desk.CreateIntegrationKey(ctx, env.User(t, "admin@oceanic.test"), c.ID, "Sede principal")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestLaunchLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, now := clockEnv(t, db)
		k := hardwareKey(t, env)
		admin := env.User(t, "admin@oceanic.test")
		req := desk.LaunchRequest{Email: "compras@ferreteria.test", Version: "10.2",
			Context: model.LaunchContext{Module: "Facturación electrónica", ErrorCode: "FE-401"}}
		mint := func() string {
			t.Helper()
			l, err := env.Desk.CreateLaunch(ctx, k.Secret, req)
			if err != nil {
				t.Fatal(err)
			}
			return l.Token
		}

		t.Run("once", func(t *testing.T) {
			tok := mint()
			if u, err := env.Desk.LaunchUser(ctx, tok); err != nil || u.Email != "compras@ferreteria.test" {
				t.Fatalf("fresh link: %v %v", u.Email, err)
			}
			r, err := env.Desk.RedeemLaunch(ctx, tok)
			if err != nil || r.Login.Token == "" || r.Login.User.Email != "compras@ferreteria.test" ||
				r.Context.ErrorCode != "FE-401" || r.Version != "10.2" {
				t.Fatalf("redeem: %+v %v", r, err)
			}
			if u, _, err := env.Desk.Authenticate(ctx, r.Login.Token, "web"); err != nil || u.Email != "compras@ferreteria.test" {
				t.Errorf("session: %v %v", u.Email, err)
			}
			if _, err := env.Desk.RedeemLaunch(ctx, tok); !errors.Is(err, model.ErrInvalidLink) {
				t.Errorf("second use: %v", err)
			}
			if _, err := env.Desk.LaunchUser(ctx, tok); !errors.Is(err, model.ErrInvalidLink) {
				t.Errorf("used link still usable: %v", err)
			}
		})

		t.Run("sixty seconds", func(t *testing.T) {
			tok := mint()
			now.Add((60 * time.Second).Milliseconds())
			if _, err := env.Desk.RedeemLaunch(ctx, tok); !errors.Is(err, model.ErrInvalidLink) {
				t.Errorf("at 60 s: %v", err)
			}
			tok = mint()
			now.Add((59 * time.Second).Milliseconds())
			if _, err := env.Desk.RedeemLaunch(ctx, tok); err != nil {
				t.Errorf("at 59 s: %v", err)
			}
		})

		t.Run("tampered", func(t *testing.T) {
			tok := mint()
			for _, bad := range []string{tok[:len(tok)-1] + "x", tok + "a", "", "../../etc", k.Secret} {
				if _, err := env.Desk.RedeemLaunch(ctx, bad); !errors.Is(err, model.ErrInvalidLink) {
					t.Errorf("%q: %v", bad, err)
				}
			}
			if _, err := env.Desk.RedeemLaunch(ctx, tok); err != nil {
				t.Errorf("the real one after the fakes: %v", err)
			}
		})

		t.Run("two at once, one wins", func(t *testing.T) {
			tok := mint()
			var wins atomic.Int32
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					if _, err := env.Desk.RedeemLaunch(ctx, tok); err == nil {
						wins.Add(1)
					} else if !errors.Is(err, model.ErrInvalidLink) {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if wins.Load() != 1 {
				t.Errorf("%d redemptions", wins.Load())
			}
		})

		t.Run("revoked key stops its links", func(t *testing.T) {
			tok := mint()
			if err := env.Desk.RevokeIntegrationKey(ctx, admin, k.Key.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := env.Desk.RedeemLaunch(ctx, tok); !errors.Is(err, model.ErrInvalidLink) {
				t.Errorf("after revoking: %v", err)
			}
			if _, err := env.Desk.CreateLaunch(ctx, k.Secret, req); !errors.Is(err, model.ErrUnauthorized) {
				t.Errorf("mint with a revoked key: %v", err)
			}
		})
	})
}

func TestLaunchVersionAtRedeem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, _ := clockEnv(t, db)
		k := hardwareKey(t, env)
		admin := env.User(t, "admin@oceanic.test")
		l, err := env.Desk.CreateLaunch(ctx, k.Secret, desk.LaunchRequest{Email: "compras@ferreteria.test", Version: "10.2"})
		if err != nil {
			t.Fatal(err)
		}
		// The minimum rises between minting and opening.
		if err := env.Desk.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{MinDesktopVersion: "10.10"}); err != nil {
			t.Fatal(err)
		}
		_, err = env.Desk.RedeemLaunch(ctx, l.Token)
		var ve *model.VersionError
		if !errors.As(err, &ve) || ve.Version != "10.2" || ve.Minimum != "10.10" {
			t.Fatalf("redeem: %v", err)
		}
		if _, err := env.Desk.CreateLaunch(ctx, k.Secret, desk.LaunchRequest{Email: "compras@ferreteria.test", Version: "10.9"}); !errors.As(err, &ve) {
			t.Errorf("mint 10.9 under 10.10: %v", err)
		}
		for _, bad := range []string{"10.", "v10", "10.2b"} {
			err := env.Desk.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{MinDesktopVersion: bad})
			if fieldKey(err, "min_desktop_version") != "error.version_format" {
				t.Errorf("%q: %v", bad, err)
			}
		}
		if err := env.Desk.SaveIntegrationSettings(ctx, env.User(t, "agente@oceanic.test"), desk.IntegrationSettings{}); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("agent: %v", err)
		}
	})
}

func TestIntegrationKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, _ := clockEnv(t, db)
		admin, agent := env.User(t, "admin@oceanic.test"), env.User(t, "agente@oceanic.test")
		c, _ := env.Desk.CompanyByNIT(ctx, "900123456-8")
		if _, err := env.Desk.CreateIntegrationKey(ctx, agent, c.ID, "x"); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("agent creates: %v", err)
		}
		_, err := env.Desk.CreateIntegrationKey(ctx, admin, 0, " ")
		if fieldKey(err, "name") != "error.required" || fieldKey(err, "company") != "error.choose" {
			t.Errorf("empty: %v", err)
		}
		a, err := env.Desk.CreateIntegrationKey(ctx, admin, c.ID, "Sede 1")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := env.Desk.CreateIntegrationKey(ctx, admin, c.ID, "Sede 2")
		if a.Secret == b.Secret || len(a.Secret) < 40 || a.Key.Prefix != a.Secret[:12] {
			t.Errorf("keys %q %q prefix %q", a.Secret, b.Secret, a.Key.Prefix)
		}
		keys, err := env.Desk.IntegrationKeys(ctx, admin, c.ID)
		if err != nil || len(keys) != 2 {
			t.Fatalf("keys %v %v", keys, err)
		}
		for _, k := range keys {
			if k.Company != c.Name || !k.Active() || !k.LastUsedAt.IsZero() {
				t.Errorf("key %+v", k)
			}
		}
		if _, err := env.Desk.IntegrationKeys(ctx, agent, 0); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("agent lists: %v", err)
		}
		if err := env.Desk.RevokeIntegrationKey(ctx, admin, 999999); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("revoke unknown: %v", err)
		}
	})
}

func TestAccessTokenExpiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env, now := clockEnv(t, db)
		u := env.User(t, "caja@panaderia.test")
		tok, err := env.Desk.CreateAccessToken(ctx, u, "Script", 7)
		if err != nil {
			t.Fatal(err)
		}
		got, cred, err := env.Desk.AuthenticateAPI(ctx, tok.Secret)
		if err != nil || got.ID != u.ID || !cred.Token() || cred.ID == tok.Secret {
			t.Fatalf("fresh: %v %+v %v", got.Email, cred, err)
		}
		list, _ := env.Desk.AccessTokens(ctx, u)
		if len(list) != 1 || list[0].LastUsedAt.IsZero() {
			t.Errorf("last use not recorded: %+v", list)
		}
		now.Add((7*24*time.Hour - time.Second).Milliseconds())
		if _, _, err := env.Desk.AuthenticateAPI(ctx, tok.Secret); err != nil {
			t.Errorf("a second before expiry: %v", err)
		}
		now.Add((2 * time.Second).Milliseconds())
		if _, _, err := env.Desk.AuthenticateAPI(ctx, tok.Secret); !errors.Is(err, model.ErrUnauthorized) {
			t.Errorf("after expiry: %v", err)
		}
	})
}
