package desk_test

import (
	"errors"
	"helpdesk/internal/storetest"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

func TestLogIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		if err := env.Store.Tx(ctx, func(q *store.Q) error {
			u := env.User(t, "caja@panaderia.test")
			u.Email, u.Active = "inactivo@panaderia.test", false
			_, err := q.CreateUser(ctx, u, u.CreatedAt)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			email, password string
			want            error
		}{
			{"compras@ferreteria.test", "helpdesk-demo", nil},
			{"  COMPRAS@Ferreteria.test ", "helpdesk-demo", nil},
			{"compras@ferreteria.test", "wrong-password", model.ErrUnauthorized},
			{"nadie@ferreteria.test", "helpdesk-demo", model.ErrUnauthorized},
			{"inactivo@panaderia.test", "helpdesk-demo", model.ErrUnauthorized},
		}
		for _, tt := range tests {
			l, err := env.Desk.LogIn(ctx, tt.email, tt.password, "10.0.0.1", "web")
			if !errors.Is(err, tt.want) {
				t.Errorf("%s/%s: %v, want %v", tt.email, tt.password, err, tt.want)
				continue
			}
			if tt.want == nil {
				u, csrf, err := env.Desk.Authenticate(ctx, l.Token, "web")
				if err != nil || u.Email != "compras@ferreteria.test" || csrf != l.CSRF {
					t.Errorf("session: %v %v", u.Email, err)
				}
				if _, _, err := env.Desk.Authenticate(ctx, l.Token, "api"); !errors.Is(err, model.ErrUnauthorized) {
					t.Errorf("web token works as api token: %v", err)
				}
				if err := env.Desk.LogOut(ctx, l.Token); err != nil {
					t.Fatal(err)
				}
				if _, _, err := env.Desk.Authenticate(ctx, l.Token, "web"); !errors.Is(err, model.ErrUnauthorized) {
					t.Errorf("session alive after logout: %v", err)
				}
			}
		}
	})
}

func TestLoginThrottling(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		for i := 0; i < 8; i++ {
			if _, err := env.Desk.LogIn(ctx, "caja@panaderia.test", "nope", "10.0.0.2", "web"); !errors.Is(err, model.ErrUnauthorized) {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		if _, err := env.Desk.LogIn(ctx, "caja@panaderia.test", "helpdesk-demo", "10.0.0.3", "web"); !errors.Is(err, model.ErrRateLimited) {
			t.Errorf("right password after 8 failures: %v, want ErrRateLimited", err)
		}
		if _, err := env.Desk.LogIn(ctx, "gerente@panaderia.test", "helpdesk-demo", "10.0.0.2", "web"); err != nil {
			t.Errorf("another account from the same address: %v", err)
		}
	})
}
