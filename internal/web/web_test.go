package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"helpdesk/internal/app"
	"helpdesk/internal/config"
	"helpdesk/internal/storetest"
)

// server starts the whole help desk with demo data on a fresh database.
func server(t *testing.T, db storetest.DB) *httptest.Server {
	t.Helper()
	cfg := config.Config{Addr: ":0", Database: db.DSN(t), Demo: true}
	a, err := app.New(context.Background(), cfg, app.Options{PasswordCost: bcrypt.MinCost})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(func() { srv.Close(); a.Close() })
	return srv
}

// client is a browser-like session: cookies, no redirect following.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func newClient(t *testing.T, srv *httptest.Server) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: srv.URL, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in and keeps the form token of the session.
func login(t *testing.T, srv *httptest.Server, email string) *client {
	t.Helper()
	c := newClient(t, srv)
	res, _ := c.post("/login", url.Values{"email": {email}, "password": {"helpdesk-demo"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: %d", email, res.StatusCode)
	}
	_, body := c.get("/faqs")
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no form token after login as %s", email)
	}
	c.csrf = m[1]
	return c
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	// Same-origin, as a browser sends it; CrossOriginProtection checks this.
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req)
}

// post sends a form, with the session's token unless the form has one.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok && c.csrf != "" {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}
