package scaletest

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"helpdesk/internal/seed"
)

// What one process keeps, the other sees: web and API sessions, the
// wizard's draft and login throttling all live in the database.
func checkSharedState(t *testing.T, a, b string) {
	t.Helper()
	// A web session started on one process is good on the other.
	cookie := webLogin(t, a, "gerente@panaderia.test")
	if code, _ := get(t, b+"/tickets", "", nil); code == http.StatusOK {
		t.Errorf("portal without a session: %d", code)
	}
	code, page := get(t, b+"/tickets", "", cookie)
	if code != http.StatusOK || !strings.Contains(page, "Panadería La Espiga") {
		t.Errorf("portal on the second process with the first's cookie: %d", code)
	}

	// A draft started on one process goes on on the other, with the
	// form token of the session both share.
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form token on the portal page")
	}
	csrf := html.UnescapeString(m[1])
	loc := postForm(t, a+"/new", cookie, url.Values{"csrf": {csrf}})
	key := regexp.MustCompile(`^/new/([^/]+)/1$`).FindStringSubmatch(loc)
	if key == nil {
		t.Fatalf("new draft: redirected to %q", loc)
	}
	title := "Borrador compartido entre procesos"
	if loc := postForm(t, b+"/new/"+key[1]+"/1", cookie, url.Values{"csrf": {csrf}, "title": {title}, "js": {"1"}}); loc != "/new/"+key[1]+"/2" {
		t.Errorf("step 1 on the second process: redirected to %q", loc)
	}
	if code, body := get(t, a+"/new/"+key[1]+"/1", "", cookie); code != http.StatusOK || !strings.Contains(body, title) {
		t.Errorf("the draft back on the first process: %d, title kept: %v", code, strings.Contains(body, title))
	}

	// An API token signed out on one process stops working on the other.
	tok := apiLogin(t, a, "caja@panaderia.test")
	if code, _ := get(t, b+"/api/v1/tickets", tok, nil); code != http.StatusOK {
		t.Errorf("token from the first process on the second: %d", code)
	}
	if code, body := post(t, b+"/api/v1/auth/logout", tok, map[string]any{}); code >= 300 {
		t.Errorf("log out on the second process: %d %s", code, body)
	}
	if code, _ := get(t, a+"/api/v1/tickets", tok, nil); code != http.StatusUnauthorized {
		t.Errorf("token signed out on the second process, used on the first: %d", code)
	}

	// Failed logins count across processes: eight wrong passwords spread
	// over both lock the account on both.
	const email = "soporte@oceanic.test"
	for i := range 8 {
		base := []string{a, b}[i%2]
		if code, body := post(t, base+"/api/v1/auth/login", "", map[string]string{"email": email, "password": "not-the-password"}); code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d %s", i+1, code, body)
		}
	}
	for _, base := range []string{a, b} {
		if code, body := post(t, base+"/api/v1/auth/login", "", map[string]string{"email": email, "password": seed.DemoPassword}); code != http.StatusTooManyRequests {
			t.Errorf("right password after eight failures on two processes: %d %s", code, body)
		}
	}
}

// postForm posts a form with the session cookie and returns where it
// redirects ("" when it does not).
func postForm(t *testing.T, u string, cookie *http.Cookie, form url.Values) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(cookie)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", u, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("POST %s: %d", u, resp.StatusCode)
	}
	return resp.Header.Get("Location")
}
