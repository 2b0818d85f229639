package api_test

import (
	"encoding/json"
	"helpdesk/internal/storetest"
	"net/url"
	"strings"
	"testing"
)

const rejectedInvoice = "Factura electrónica rechazada por la DIAN"

func TestSuggestFAQs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		h := newHarness(t, db)
		h.run([]scenario{
			// The search ranks the rejected-invoice FAQ 8th for the bare word
			// "factura" (its stem matches some 20 FAQs), so its presence is
			// asserted on the more telling queries below, where it must come first.
			{name: "factura", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/faqs/suggest?q=factura",
				status: 200, want: []string{`"faqs":[{"id":`, `"title":"`, `"situation":`, `"cause":`, `"solution":`, `"module":"Facturación electrónica"`}},
			{name: "rejected invoice first", actor: "caja@panaderia.test", method: "GET",
				path:   "/api/v1/faqs/suggest?q=" + url.QueryEscape("factura rechazada"),
				status: 200, want: []string{`"title":"` + rejectedInvoice + `"`}},
			{name: "plural without accents", actor: "caja@panaderia.test", method: "GET",
				path:   "/api/v1/faqs/suggest?q=" + url.QueryEscape("facturas electronicas rechazadas"),
				status: 200, want: []string{`"title":"` + rejectedInvoice + `"`}},
			{name: "staff may ask too", actor: "agente@oceanic.test", method: "GET", path: "/api/v1/faqs/suggest?q=factura%20rechazada%20dian",
				status: 200, want: []string{rejectedInvoice}},
			{name: "empty q", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/faqs/suggest?q=",
				status: 200, want: []string{`{"faqs":[]}`}, notWant: []string{"null"}},
			{name: "blank q", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/faqs/suggest?q=%20%20",
				status: 200, want: []string{`{"faqs":[]}`}},
			{name: "no q", actor: "caja@panaderia.test", method: "GET", path: "/api/v1/faqs/suggest",
				status: 200, want: []string{`{"faqs":[]}`}},
			{name: "anonymous", method: "GET", path: "/api/v1/faqs/suggest?q=factura",
				status: 401, want: []string{`"code":"unauthorized"`}, notWant: []string{rejectedInvoice}},
			{name: "POST not allowed", actor: "caja@panaderia.test", method: "POST", path: "/api/v1/faqs/suggest",
				status: 405, want: []string{`"code":"method_not_allowed"`}},
		})

		t.Run("best first", func(t *testing.T) {
			for _, q := range []string{"factura rechazada", "facturas electronicas rechazadas", "FACTURA RECHAZADA DIAN"} {
				_, body := h.as("caja@panaderia.test", "GET", "/api/v1/faqs/suggest?q="+url.QueryEscape(q), "")
				var out struct{ FAQs []struct{ Title string } }
				if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.FAQs) == 0 || len(out.FAQs) > 5 {
					t.Fatalf("%q: %v %.300s", q, err, body)
				}
				if out.FAQs[0].Title != rejectedInvoice {
					t.Errorf("%q: first is %q", q, out.FAQs[0].Title)
				}
			}
		})

		t.Run("count", func(t *testing.T) {
			_, body := h.as("caja@panaderia.test", "GET", "/api/v1/faqs/suggest?q=factura", "")
			var out struct {
				FAQs []struct {
					ID    int64
					Title string
				}
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			if n := len(out.FAQs); n < 2 || n > 5 {
				t.Errorf("%d suggestions, want 2 to 5: %s", n, body)
			}
			for _, f := range out.FAQs {
				if !strings.Contains(strings.ToLower(f.Title), "factur") {
					t.Errorf("suggestion off topic: %q", f.Title)
				}
			}
			if n := len(out.FAQs); n < 2 || n > 5 {
				t.Errorf("%d suggestions, want 2 to 5: %s", n, body)
			}
			seen := map[int64]bool{}
			for _, f := range out.FAQs {
				if f.ID == 0 || f.Title == "" || seen[f.ID] {
					t.Errorf("bad or repeated suggestion %+v", f)
				}
				seen[f.ID] = true
			}
		})
	})
}
