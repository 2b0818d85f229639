package api_test

import (
	"context"
	"database/sql"
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

// demoOn is apptest.Demo that also returns the database's address, for
// tests that must change what no use case of this package changes yet
// (disabling a user).
func demoOn(t *testing.T, db storetest.DB) (apptest.Env, string) {
	t.Helper()
	dsn := db.DSN(t)
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := seed.Demo(context.Background(), st, time.Now(), bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
	return apptest.Env{Store: st, Desk: desk.New(desk.Options{Store: st, PasswordCost: bcrypt.MinCost})}, dsn
}

// setActive turns a user on or off straight in the database.
func setActive(t *testing.T, dsn, email string, active bool) {
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
	if _, err := db.Exec(`UPDATE users SET active = $1 WHERE email = $2`, active, email); err != nil {
		t.Fatal(err)
	}
}

// key issues an integration key to the company with a NIT.
func (h *harness) key(nit string) string {
	h.t.Helper()
	ctx := context.Background()
	c, err := h.env.Desk.CompanyByNIT(ctx, nit)
	if err != nil {
		h.t.Fatal(err)
	}
	k, err := h.env.Desk.CreateIntegrationKey(ctx, h.env.User(h.t, "admin@oceanic.test"), c.ID, "Programa "+nit)
	if err != nil {
		h.t.Fatal(err)
	}
	return k.Secret
}

// keyRows are scenarios sent with an integration key instead of a token.
func (h *harness) runWithKey(key string, rows []scenario) {
	h.t.Helper()
	for i := range rows {
		if rows[i].header == nil {
			rows[i].header = map[string]string{}
		}
		if _, ok := rows[i].header["Authorization"]; !ok {
			rows[i].header["Authorization"] = "Bearer " + key
		}
	}
	h.run(rows)
}

const (
	ferreteriaNIT = "900123456-8"
	panaderiaNIT  = "800987654-4"
)

var _ = model.RoleAdmin
