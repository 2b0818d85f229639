package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
)

// The wired application serves the portal, the API and the health check
// from one listener, and stops when its context ends.
func TestServeWiresEverySurface(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cfg := config.Config{Addr: "127.0.0.1:0", Database: "sqlite:" + filepath.Join(t.TempDir(), "new", "hd.db"), Demo: true}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(ctx, cfg, app.Options{PasswordCost: bcrypt.MinCost, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, cfg.Addr, log, func(x net.Addr) { addr <- x }) }()
	base := "http://" + (<-addr).String()

	tests := []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/healthz", "", 200, "ok"},
		{"GET", "/login", "", 200, "Ingresar a la Mesa de Ayuda"},
		{"POST", "/api/v1/auth/login", `{"email":"caja@panaderia.test","password":"helpdesk-demo"}`, 200, `"token"`},
		{"POST", "/api/v1/auth/login", `{"email":"caja@panaderia.test","password":"mala"}`, 401, `"code":"unauthorized"`},
		{"GET", "/api/v1/modules", "", 401, "Inicie sesión"},
		{"GET", "/api/v1/nada", "", 404, `"code":"not_found"`},
		{"GET", "/nada", "", 404, "No encontramos lo que busca"},
		{"GET", "/metrics", "", 200, `helpdesk_http_requests_total{method="GET",route="GET /healthz",code="200"} 1`},
		{"GET", "/metrics", "", 200, `helpdesk_jobs{state="pending"}`},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader(tt.body))
		// As a script on another site would: the API answers in JSON, the
		// pages' cross-origin protection is for forms.
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://elsewhere.example")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || !strings.Contains(string(b), tt.want) {
			t.Errorf("%s %s: %d %q, want %d with %q", tt.method, tt.path, res.StatusCode, b, tt.status, tt.want)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop")
	}
}
