package app_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/storetest"
)

// Several processes started together with --demo on one new PostgreSQL
// database all come up, and the demo is loaded once.
func TestDemoFromSeveralProcessesAtOnce(t *testing.T) {
	cfg := config.Config{Addr: "127.0.0.1:0", Database: storetest.PostgresSchema(t), Demo: true}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	const n = 3
	apps := make([]*app.App, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			apps[i], errs[i] = app.New(context.Background(), cfg, app.Options{PasswordCost: bcrypt.MinCost, Logger: log})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d: %v", i, err)
			continue
		}
		defer apps[i].Close()
	}
	if errs[0] != nil {
		return
	}
	users, err := apps[0].Store.Read().CountUsers(context.Background())
	if err != nil || users != 7 {
		t.Errorf("%d users after three starts with --demo, want the demo's 7 (%v)", users, err)
	}
}
