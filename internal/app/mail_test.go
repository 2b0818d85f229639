package app_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/mailtest"
)

// The served application sends the e-mails of a change through the SMTP
// server it is given, with links to its base URL.
func TestServeSendsTicketMail(t *testing.T) {
	pit := mailtest.Start(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	cfg := config.Config{Addr: "127.0.0.1:0", Database: "sqlite:" + filepath.Join(t.TempDir(), "hd.db"), Demo: true,
		SMTPURL: pit.SMTPURL(), BaseURL: "https://soporte.example.com"}
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

	post := func(path, token, body string) []byte {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 300 {
			t.Fatalf("POST %s: %d %s", path, res.StatusCode, b)
		}
		return b
	}
	var login struct{ Token string }
	json.Unmarshal(post("/api/v1/auth/login", "", `{"email":"compras@ferreteria.test","password":"helpdesk-demo"}`), &login)
	var tk struct{ Number int64 }
	json.Unmarshal(post("/api/v1/tickets", login.Token, `{"title":"Correo de prueba","module":"Inventarios","type":"Error",
		"urgency":"Media","description":"Nada más.","version":"9.0.1"}`), &tk)
	tag := "[#" + jsonNum(tk.Number) + "]"
	deadline := time.Now().Add(20 * time.Second)
	for {
		var got []mailtest.Message
		for _, m := range pit.Messages() {
			if strings.HasPrefix(m.Subject, tag) {
				got = append(got, m)
			}
		}
		if len(got) >= 4 { // the manager and three staff
			for _, m := range got {
				if !strings.Contains(m.Text, "https://soporte.example.com/tickets/"+jsonNum(tk.Number)) {
					t.Errorf("%v: no link on the base URL: %s", m.Recipients(), m.Text)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("got %d mails about %s", len(got), tag)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

func jsonNum(n int64) string { return strconv.FormatInt(n, 10) }
