// Package apptest builds a help desk with the demo data on a real
// database, for tests of the layers above the store.
package apptest

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/seed"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// Env is a demo help desk.
type Env struct {
	Store *store.Store
	Desk  *desk.Desk
}

// Demo opens a fresh database of the given kind loaded with the demo data.
// Passwords use bcrypt's minimum cost to keep tests fast.
func Demo(t testing.TB, db storetest.DB) Env {
	t.Helper()
	st := db.Open(t)
	if _, err := seed.Demo(context.Background(), st, time.Now(), bcrypt.MinCost); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	env := Env{Store: st, Desk: desk.New(desk.Options{Store: st, PasswordCost: bcrypt.MinCost})}
	env.Index(t)
	return env
}

// Index works off the search index's queue, as the job runner does after
// each commit: tickets written so far become findable.
func (e Env) Index(t testing.TB) {
	t.Helper()
	for more := true; more; {
		var err error
		if more, err = e.Desk.IndexQueuedTickets(context.Background(), desk.IndexBatch); err != nil {
			t.Fatalf("index tickets: %v", err)
		}
	}
}

// User returns a demo user by e-mail.
func (e Env) User(t testing.TB, email string) model.User {
	t.Helper()
	u, err := e.Store.Read().UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u
}
