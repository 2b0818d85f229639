package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
)

func BenchmarkProfTmp(b *testing.B) {
	ctx := context.Background()
	a, err := app.New(ctx, config.Config{Database: "sqlite:/tmp/bt/prof.db", APIRateLimit: 1 << 30}, app.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	srv := httptest.NewServer(a.Handler)
	defer srv.Close()
	login := func(email string) string {
		res, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json", bytes.NewBufferString(`{"email":"`+email+`","password":"helpdesk-bench"}`))
		if err != nil {
			b.Fatal(err)
		}
		var out struct{ Token string }
		json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
		return out.Token
	}
	cust := login("u1@empresa00001.test")
	agent := login("agente01@oceanic.test")
	do := func(method, path, tok, body string, want int) {
		var rd *bytes.Buffer = bytes.NewBufferString(body)
		req, _ := http.NewRequest(method, srv.URL+path, rd)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != want {
			b.Fatalf("%s %s: %v %v", method, path, err, res.StatusCode)
		}
		res.Body.Close()
	}
	which := os.Getenv("PROF_OP")
	i := 0
	for b.Loop() {
		i++
		switch which {
		case "create":
			do("POST", "/api/v1/tickets", cust, `{"title":"No abre","module":"Inventarios","type":"Error","urgency":"Alta","description":"Sale un error al abrir","version":"9.0.1"}`, 201)
		case "suggest":
			q := "factura electrónica rechazada"[:1+i%20]
			do("GET", "/api/v1/faqs/suggest?q="+url.QueryEscape(q), cust, "", 200)
		case "queue":
			do("GET", "/api/v1/tickets?status=abierto&module=Inventarios", agent, "", 200)
		case "view":
			do("GET", fmt.Sprintf("/api/v1/tickets/%d", 1000+i%10000), agent, "", 200)
		}
	}
}
