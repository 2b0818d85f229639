package web_test

import (
	"bytes"
	"fmt"
	"helpdesk/internal/storetest"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLanguageSwitch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		c := login(t, srv, "compras@ferreteria.test")
		if res, _ := c.post("/lang", url.Values{"lang": {"en"}, "back": {"/tickets"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lang: %d", res.StatusCode)
		}
		_, body := c.get("/tickets")
		for _, w := range []string{`lang="en"`, "Open tickets", "Ticket history", "Log out"} {
			if !strings.Contains(body, w) {
				t.Errorf("English page lacks %q", w)
			}
		}
		// The choice is kept in the profile: a new session is in English too.
		again := login(t, srv, "compras@ferreteria.test")
		if _, body := again.get("/tickets"); !strings.Contains(body, "Open tickets") {
			t.Error("language not kept in the profile")
		}
		// Spanish first: an English browser alone does not switch.
		anon := newClient(t, srv)
		req, _ := http.NewRequest("GET", srv.URL+"/login", nil)
		req.Header.Set("Accept-Language", "en-US,en;q=0.9")
		if _, body := anon.do(req); !strings.Contains(body, "Ingresar a la Mesa de Ayuda") {
			t.Error("login page not in Spanish for an English browser")
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		res, _ := newClient(t, srv).get("/login")
		for h, want := range map[string]string{
			"Content-Security-Policy": "script-src 'self'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "same-origin",
		} {
			if got := res.Header.Get(h); !strings.Contains(got, want) {
				t.Errorf("%s = %q, want %q in it", h, got, want)
			}
		}
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Error("CSP allows framing")
		}
		// A cross-site form post is refused before any handler runs.
		req, _ := http.NewRequest("POST", srv.URL+"/login", strings.NewReader("email=a&password=b"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST: %d, want 403", res.StatusCode)
		}
	})
}

func TestWizardWithoutJavaScript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		c := login(t, srv, "caja@panaderia.test")
		res, _ := c.post("/new", nil)
		base := strings.TrimSuffix(res.Header.Get("Location"), "/1")
		// Without the script's flag the suggestions come after step 1.
		res, body := c.post(base+"/1", url.Values{"title": {"olvidé mi contrasena"}})
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "Olvidé mi contraseña de usuario") || !strings.Contains(body, `name="seen"`) {
			t.Fatalf("no suggestions after step 1 (%d)", res.StatusCode)
		}
		// The same form again, now seen, moves on.
		if res, _ = c.post(base+"/1", url.Values{"title": {"olvidé mi contrasena"}, "seen": {"1"}}); !strings.HasSuffix(res.Header.Get("Location"), "/2") {
			t.Fatalf("seen suggestions: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		// Going back keeps what was typed.
		if _, body = c.get(base + "/1"); !strings.Contains(body, `value="olvidé mi contrasena"`) {
			t.Error("step 1 lost the title")
		}
		// "Anterior" keeps what was typed on the step, even unchecked.
		if res, _ = c.post(base+"/3", url.Values{"description": {"a medio escribir"}, "version": {"9.1"}, "back": {"1"}}); !strings.HasSuffix(res.Header.Get("Location"), "/2") {
			t.Fatalf("back from step 3: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if _, body = c.get(base + "/3"); !strings.Contains(body, "a medio escribir") || !strings.Contains(body, `value="9.1"`) {
			t.Error("step 3 lost what was typed before going back")
		}
		// A failed step shows what was typed and the error.
		res, body = c.post(base+"/3", url.Values{"description": {""}, "version": {"9.9.9-typed"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "9.9.9-typed") || !strings.Contains(body, "Este campo es obligatorio.") {
			t.Errorf("failed step 3: %d", res.StatusCode)
		}
		// "Esto resolvió mi problema" ends the wizard without a ticket.
		_, list := c.get("/faqs/suggest?q=contrasena")
		i := strings.Index(list, `"id":`)
		var faq int
		fmt.Sscanf(list[i+5:], "%d", &faq)
		res, _ = c.post(base+"/resolved", url.Values{"faq": {fmt.Sprint(faq)}, "title": {"no recuerdo la contrasena"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("resolved: %d", res.StatusCode)
		}
		// A reload of the page after it shows the thanks again.
		thanks := res.Header.Get("Location")
		for range 2 {
			if res, body = c.get(thanks); res.StatusCode != http.StatusOK || !strings.Contains(body, "No se creó ningún tiquete") {
				t.Fatalf("page after resolved: %d", res.StatusCode)
			}
		}
		if res, _ = c.get(base + "/1"); res.StatusCode != http.StatusNotFound {
			t.Errorf("draft after deflection: %d, want 404", res.StatusCode)
		}
	})
}

func TestDoubleSubmitAndAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		c := login(t, srv, "compras@ferreteria.test")
		res, _ := c.post("/new", nil)
		base := strings.TrimSuffix(res.Header.Get("Location"), "/1")
		for i, f := range []url.Values{{"title": {"Adjunto con nombre raro"}, "seen": {"1"}},
			{"module": {"Inventarios"}, "type": {"Consulta"}, "urgency": {"Baja"}},
			{"description": {"Ver adjunto"}}} {
			if res, body := c.post(fmt.Sprintf("%s/%d", base, i+1), f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("step %d: %d %s", i+1, res.StatusCode, body)
			}
		}
		upload := func(name string, data []byte) (*http.Response, string) {
			var buf bytes.Buffer
			w := multipart.NewWriter(&buf)
			w.WriteField("csrf", c.csrf)
			fw, _ := w.CreateFormFile("files", name)
			fw.Write(data)
			w.WriteField("upload", "1")
			w.Close()
			req, _ := http.NewRequest("POST", srv.URL+base+"/4", &buf)
			req.Header.Set("Content-Type", w.FormDataContentType())
			return c.do(req)
		}
		if res, body := upload("programa.exe", []byte("MZ")); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "no se acepta") {
			t.Errorf("exe upload: %d", res.StatusCode)
		}
		if res, _ := upload(`informe "final" ñ.pdf`, []byte("%PDF-1.4 demo")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("pdf upload: %d", res.StatusCode)
		}
		first, _ := c.post(base+"/5", url.Values{"cc": {""}})
		second, _ := c.post(base+"/5", url.Values{"cc": {""}})
		if first.Header.Get("Location") != second.Header.Get("Location") {
			t.Errorf("double submit went to %s and %s", first.Header.Get("Location"), second.Header.Get("Location"))
		}
		_, done := c.get(base + "/done")
		var n int
		fmt.Sscanf(done[strings.Index(done, "Su tiquete es el #")+len("Su tiquete es el #"):], "%d", &n)
		_, page := c.get(fmt.Sprintf("/tickets/%d", n))
		i := strings.Index(page, `href="/attachments/`)
		if i < 0 {
			t.Fatal("ticket page without the attachment link")
		}
		var att int
		fmt.Sscanf(page[i+len(`href="/attachments/`):], "%d", &att)
		res, body := c.get(fmt.Sprintf("/attachments/%d", att))
		cd := res.Header.Get("Content-Disposition")
		if res.StatusCode != 200 || body != "%PDF-1.4 demo" || !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=utf-8''") ||
			res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("download: %d %q %q %q", res.StatusCode, cd, res.Header.Get("Content-Type"), body)
		}
		other := login(t, srv, "caja@panaderia.test")
		if res, _ := other.get(fmt.Sprintf("/attachments/%d", att)); res.StatusCode != http.StatusNotFound {
			t.Errorf("other company downloads: %d", res.StatusCode)
		}
		_, list := c.get("/tickets")
		if strings.Count(list, "Adjunto con nombre raro") != 1 {
			t.Errorf("double submit: %d tickets listed", strings.Count(list, "Adjunto con nombre raro"))
		}
	})
}
