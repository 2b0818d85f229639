package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
)

// The app's job runner sends webhook deliveries: the handler is wired.
func TestWebhookDeliveriesWired(t *testing.T) {
	ctx := context.Background()
	cfg := config.Config{Addr: "127.0.0.1:0", Database: "sqlite:" + filepath.Join(t.TempDir(), "hd.db"), Demo: true}
	a, err := app.New(ctx, cfg, app.Options{PasswordCost: bcrypt.MinCost, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var got atomic.Int32
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got.Add(1) }))
	defer recv.Close()
	admin, err := a.Store.Read().UserByEmail(ctx, "admin@oceanic.test")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Desk.SaveIntegrationSettings(ctx, admin, desk.IntegrationSettings{AllowPrivateWebhooks: true}); err != nil {
		t.Fatal(err)
	}
	h, err := a.Desk.CreateWebhook(ctx, admin, desk.WebhookInput{URL: recv.URL, Events: []string{model.HookCreated}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Desk.PingWebhook(ctx, admin, h.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := a.Jobs.RunOnce(ctx); err != nil || n == 0 {
		t.Fatalf("run: %d %v", n, err)
	}
	_, log, err := a.Desk.Webhook(ctx, admin, h.ID)
	if err != nil || len(log) != 1 || log[0].State != model.DeliveryDelivered || got.Load() != 1 {
		t.Errorf("log %+v, received %d, %v", log, got.Load(), err)
	}
}
