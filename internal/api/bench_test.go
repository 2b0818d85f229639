package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"helpdesk/internal/api"
	"helpdesk/internal/apptest"
	"helpdesk/internal/storetest"
)

// BenchmarkAuthenticatedGET measures a small GET with each kind of
// credential on SQLite, rate limiter included: reads must not write.
func BenchmarkAuthenticatedGET(b *testing.B) {
	env := apptest.Demo(b, storetest.SQLiteDB)
	srv := httptest.NewServer(api.New(api.Options{Desk: env.Desk, RateLimit: api.RateLimit{PerMinute: 1 << 30, Burst: 1 << 30}}))
	b.Cleanup(srv.Close)
	ctx := context.Background()
	l, err := env.Desk.LogIn(ctx, "caja@panaderia.test", password, "127.0.0.1", "api")
	if err != nil {
		b.Fatal(err)
	}
	pat, err := env.Desk.CreateAccessToken(ctx, l.User, "bench", 30)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, token string }{{"login token", l.Token}, {"access token", pat.Secret}} {
		b.Run(c.name, func(b *testing.B) {
			req, _ := http.NewRequest("GET", srv.URL+"/api/v1/modules", nil)
			req.Header.Set("Authorization", "Bearer "+c.token)
			for b.Loop() {
				res, err := srv.Client().Do(req)
				if err != nil || res.StatusCode != 200 {
					b.Fatalf("%v %v", err, res)
				}
				res.Body.Close()
			}
		})
	}
}
