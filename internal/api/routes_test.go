package api_test

import (
	"helpdesk/internal/storetest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"helpdesk/internal/i18n"
)

func TestRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			{name: "unknown path", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/nada",
				status: 404, want: []string{`"code":"not_found"`, "No encontrado."}},
			{name: "unknown path, anonymous", method: "GET", path: "/api/v1/tickets/1/nada",
				status: 404, want: []string{`"code":"not_found"`}},
			{name: "wrong method", method: "GET", path: "/api/v1/auth/login",
				status: 405, want: []string{`"code":"method_not_allowed"`}},
			{name: "DELETE ticket", actor: "agente@oceanic.test", method: "DELETE", path: "/api/v1/tickets/1000",
				status: 405, want: []string{`"code":"method_not_allowed"`}},
			{name: "English", method: "GET", path: "/api/v1/nada", header: map[string]string{"Accept-Language": "en"},
				status: 404, want: []string{`"message":"Not found."`}},
			{name: "Spanish preferred by quality", method: "GET", path: "/api/v1/nada",
				header: map[string]string{"Accept-Language": "en;q=0.3, es-CO;q=0.9"},
				status: 404, want: []string{`"message":"No encontrado."`}},
			{name: "other language falls back to Spanish", method: "GET", path: "/api/v1/nada",
				header: map[string]string{"Accept-Language": "fr"}, status: 404, want: []string{"No encontrado."}},
		})
		if status, _ := h.as("", "PUT", "/api/v1/tickets/1000/status", `{}`); status != 405 || !strings.Contains(h.header.Get("Allow"), "POST") {
			t.Errorf("405: status %d, Allow %q", status, h.header.Get("Allow"))
		}
		if got := h.header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("X-Content-Type-Options %q", got)
		}
	})
}

func TestInternalErrorHidden(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		tok := h.token("caja@panaderia.test")
		h.env.Store.Close()
		status, body := h.do(tok, "GET", "/api/v1/modules", "", nil)
		if status != 500 || !strings.Contains(body, `"code":"internal"`) {
			t.Fatalf("closed database: %d %s", status, body)
		}
		for _, leak := range []string{"closed", "sql", "database"} {
			if strings.Contains(body, leak) {
				t.Errorf("error text %q shown: %s", leak, body)
			}
		}
		if n := strings.Count(h.logs.String(), "api request failed"); n != 1 {
			t.Errorf("logged %d times: %s", n, h.logs.String())
		}
	})
}

// Every message key the desk and the API use has a Spanish and an English
// text in the catalog.
func TestMessagesCoverKeys(t *testing.T) {
	files, err := filepath.Glob("../desk/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("desk sources: %v", err)
	}
	own, _ := filepath.Glob("*.go")
	key := regexp.MustCompile(`"((?:error|api)\.[a-z_]+)"`)
	cat := i18n.New()
	es, en := cat.For("es", ""), cat.For("en", "")
	seen := 0
	for _, f := range append(files, own...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(src), -1) {
			seen++
			if !es.Has(m[1]) || !en.Has(m[1]) {
				t.Errorf("%s: %s has no translation", f, m[1])
			} else if es.T(m[1]) == en.T(m[1]) {
				t.Errorf("%s: %s is the same in both languages", f, m[1])
			}
		}
	}
	if seen < 20 {
		t.Errorf("found only %d keys", seen)
	}
}
