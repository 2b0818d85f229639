package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"helpdesk/internal/demo"
	"helpdesk/internal/i18n"
	"helpdesk/internal/storetest"
)

// written is the demo's content as people wrote it, in Spanish.
func written() string {
	var b strings.Builder
	for _, f := range demo.FAQs() {
		b.WriteString(f.Title + "\n" + f.Situation + "\n" + f.Cause + "\n" + f.Solution + "\n")
	}
	for _, tk := range demo.Tickets() {
		b.WriteString(tk.Title + "\n" + tk.Description + "\n")
		for _, e := range tk.Events {
			b.WriteString(e.Body + "\n")
		}
	}
	b.WriteString(strings.Join(demo.Modules(), "\n"))
	return b.String()
}

// spanishOnly are the catalog texts that differ between the languages and
// that no one wrote in the demo's content, so that finding one on an
// English page means the interface was not translated.
func spanishOnly() []string {
	content := written()
	cat := i18n.New()
	es, en := cat.For("es", ""), cat.For("en", "")
	format := regexp.MustCompile(`%[a-z]`)
	var out []string
	for _, k := range cat.Keys("es") {
		s := es.T(k)
		if s == en.T(k) {
			continue
		}
		// A format's fixed part: the longest piece between verbs.
		for _, piece := range format.Split(s, -1) {
			p := strings.TrimSpace(piece)
			if len([]rune(p)) >= 4 && !strings.Contains(content, p) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

var tags = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`)

// Every page, in English, shows no Spanish text of the interface: values
// such as urgencies and statuses are translated too. Content written by
// people (tickets, FAQs, module names) stays as written.
func TestEnglishPagesHaveNoSpanishInterface(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		customer := login(t, srv, "caja@panaderia.test")
		agent := login(t, srv, "agente@oceanic.test")
		for _, c := range []*client{customer, agent} {
			if res, _ := c.post("/lang", url.Values{"lang": {"en"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("lang: %d", res.StatusCode)
			}
		}
		res, _ := customer.post("/new", nil)
		wizard := strings.TrimSuffix(res.Header.Get("Location"), "/1")
		customer.post(wizard+"/1", url.Values{"title": {"Prueba"}, "seen": {"1"}})
		pages := []struct {
			c    *client
			path string
		}{
			{customer, "/tickets"}, {customer, "/history"}, {customer, "/faqs"}, {customer, "/faqs?q=factura"},
			{customer, "/find?number=1"}, {customer, wizard + "/1"}, {customer, wizard + "/2"},
			{customer, wizard + "/3"}, {customer, wizard + "/4"}, {customer, wizard + "/5"},
			{agent, "/console"}, {agent, "/console?status=all"}, {agent, "/console/faqs"}, {agent, "/console/faqs/new"},
		}
		// Every demo ticket page, as the agent sees it (all fields, every
		// kind of event) and as the customer.
		_, list := agent.get("/console?status=all")
		for _, m := range regexp.MustCompile(`href="/tickets/(\d+)"`).FindAllStringSubmatch(list, -1) {
			pages = append(pages, struct {
				c    *client
				path string
			}{agent, "/tickets/" + m[1]})
		}
		pages = append(pages, struct {
			c    *client
			path string
		}{customer, "/tickets/1031"})
		if _, body := customer.get(wizard + "/5"); !strings.Contains(body, demo.ScopeNoticeEN) {
			t.Error("step 5 in English lacks the English scope notice")
		}
		spanish := spanishOnly()
		for _, p := range pages {
			res, body := p.c.get(p.path)
			if res.StatusCode >= 500 {
				t.Errorf("%s: %d", p.path, res.StatusCode)
				continue
			}
			text := tags.ReplaceAllString(body, " ")
			for _, s := range spanish {
				if strings.Contains(text, s) {
					t.Errorf("%s (English) shows Spanish %q", p.path, s)
				}
			}
		}
	})
}
