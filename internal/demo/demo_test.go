package demo

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var (
	validTypes      = set("Error", "Consulta", "Solicitud de desarrollo", "Capacitación")
	validLevels     = set("Baja", "Media", "Alta", "Crítica")
	validVersions   = set("8.4.2", "8.5.0", "9.0.1")
	validStatuses   = set(StatusAbierto, StatusEnProceso, StatusEsperandoCliente, StatusResuelto, StatusCerrado)
	agentStatuses   = set(StatusEnProceso, StatusEsperandoCliente, StatusResuelto)
	validRoles      = set("admin", "agent", "company_admin", "informer")
	nitPattern      = regexp.MustCompile(`^\d{9}-\d$`)
	numberedPattern = regexp.MustCompile(`(?m)^1\. .+\n2\. `)
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func accountsByEmail(t *testing.T) map[string]Account {
	t.Helper()
	m := map[string]Account{}
	for _, a := range Accounts() {
		m[a.Email] = a
	}
	return m
}

func isStaff(a Account) bool { return a.Role == "admin" || a.Role == "agent" }

func TestModules(t *testing.T) {
	want := []string{
		"Facturación electrónica", "Nómina electrónica", "Contabilidad", "Cierre contable", "Inventarios",
		"Cartera", "Impuestos", "Usuarios y permisos", "Instalación y actualización", "Copias de seguridad",
	}
	got := Modules()
	if len(got) != len(want) {
		t.Fatalf("Modules() has %d entries, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Modules()[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestFreshSlices(t *testing.T) {
	m := Modules()
	m[0] = "x"
	if Modules()[0] == "x" {
		t.Error("Modules returns a shared slice")
	}
	f := FAQs()
	f[0].Title = "x"
	if FAQs()[0].Title == "x" {
		t.Error("FAQs returns a shared slice")
	}
	tk := Tickets()
	tk[0].Events[0].Body = "x"
	if Tickets()[0].Events[0].Body == "x" {
		t.Error("Tickets returns shared events")
	}
	a := Accounts()
	a[0].Email = "x"
	if Accounts()[0].Email == "x" {
		t.Error("Accounts returns a shared slice")
	}
}

func TestFAQs(t *testing.T) {
	faqs := FAQs()
	if len(faqs) < 44 {
		t.Errorf("got %d FAQs, want at least 44", len(faqs))
	}
	modules := set(Modules()...)
	perModule := map[string]int{}
	titles := map[string]bool{}
	for i, f := range faqs {
		fields := []struct{ name, value string }{
			{"Module", f.Module}, {"Title", f.Title}, {"Situation", f.Situation}, {"Cause", f.Cause}, {"Solution", f.Solution},
		}
		for _, fl := range fields {
			if strings.TrimSpace(fl.value) == "" {
				t.Errorf("FAQ %d (%q): empty %s", i, f.Title, fl.name)
			}
		}
		if !modules[f.Module] {
			t.Errorf("FAQ %q: unknown module %q", f.Title, f.Module)
		}
		perModule[f.Module]++
		if n := utf8.RuneCountInString(f.Title); n > 200 {
			t.Errorf("FAQ %q: title has %d runes", f.Title, n)
		}
		key := strings.ToLower(f.Title)
		if titles[key] {
			t.Errorf("duplicate FAQ title %q", f.Title)
		}
		titles[key] = true
		if !numberedPattern.MatchString(f.Solution) {
			t.Errorf("FAQ %q: solution is not numbered steps", f.Title)
		}
		if !utf8.ValidString(f.Title + f.Situation + f.Cause + f.Solution) {
			t.Errorf("FAQ %q: invalid UTF-8", f.Title)
		}
	}
	for _, m := range Modules() {
		if perModule[m] < 3 {
			t.Errorf("module %q has %d FAQs, want at least 3", m, perModule[m])
		}
	}
}

func TestFAQTitlesCoverTopics(t *testing.T) {
	faqs := FAQs()
	exact := false
	factura := 0
	for _, f := range faqs {
		if f.Title == "Factura electrónica rechazada por la DIAN" {
			exact = true
		}
		if strings.Contains(f.Title, "Factura") || strings.Contains(f.Title, "Facturación") {
			factura++
		}
	}
	if !exact {
		t.Error(`missing FAQ titled "Factura electrónica rechazada por la DIAN"`)
	}
	if factura < 4 {
		t.Errorf("%d FAQ titles contain Factura/Facturación, want at least 4", factura)
	}
	topics := []string{
		"contraseña", "olvidé mi contraseña", "contraseña de otro usuario", "nómina electrónica", "certificado digital",
		"cierre de año", "cierre contable", "copia de seguridad", "actualización de versión", "inventario negativo",
		"retención en la fuente", "cartera por edades", "iva", "permisos de usuario", "nota crédito",
		"resolución de facturación vencida", "correo del comprador",
	}
	for _, topic := range topics {
		t.Run(topic, func(t *testing.T) {
			for _, f := range faqs {
				if strings.Contains(strings.ToLower(f.Title), topic) {
					return
				}
			}
			t.Errorf("no FAQ title contains %q", topic)
		})
	}
}

// Words that appear only in Cause or Solution, so a search test can check that
// those fields are indexed.
func TestFAQHiddenWords(t *testing.T) {
	faqs := FAQs()
	for _, word := range []string{"firewall", "antivirus", "token"} {
		t.Run(word, func(t *testing.T) {
			found := false
			for _, f := range faqs {
				if strings.Contains(strings.ToLower(f.Title+" "+f.Situation), word) {
					t.Errorf("%q appears in title or situation of %q", word, f.Title)
				}
				if strings.Contains(strings.ToLower(f.Cause+" "+f.Solution), word) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q does not appear in any cause or solution", word)
			}
		})
	}
	found := false
	for _, f := range faqs {
		if !strings.Contains(strings.ToLower(f.Title+" "+f.Situation), "certificado") &&
			strings.Contains(strings.ToLower(f.Cause+" "+f.Solution), "certificado") {
			found = true
		}
	}
	if !found {
		t.Error(`no FAQ has "certificado" only in cause or solution`)
	}
}

func TestAccountsAndCompanies(t *testing.T) {
	companies := map[string]bool{}
	for _, c := range Companies() {
		if c.Key == "" || c.Name == "" || !nitPattern.MatchString(c.NIT) {
			t.Errorf("bad company %+v", c)
		}
		companies[c.Key] = true
	}
	if len(companies) != 2 || !companies["ferreteria"] || !companies["panaderia"] {
		t.Errorf("companies = %v", companies)
	}
	seen := map[string]bool{}
	for _, a := range Accounts() {
		if seen[a.Email] {
			t.Errorf("duplicate account %q", a.Email)
		}
		seen[a.Email] = true
		if a.Name == "" || !strings.Contains(a.Email, "@") || !validRoles[a.Role] {
			t.Errorf("bad account %+v", a)
		}
		if isStaff(a) != (a.Company == "") {
			t.Errorf("account %q: role %q with company %q", a.Email, a.Role, a.Company)
		}
		if a.Company != "" && !companies[a.Company] {
			t.Errorf("account %q: unknown company %q", a.Email, a.Company)
		}
	}
	if len(seen) != 7 {
		t.Errorf("got %d accounts, want 7", len(seen))
	}
	name, phone, notice := Vendor()
	if name != "Oceanic Casa de Software" || phone != "(57)(6) 331 5979" || !strings.HasPrefix(notice, "Recuerde que Oceanic") {
		t.Errorf("Vendor() = %q, %q, %q", name, phone, notice)
	}
}

func TestTickets(t *testing.T) {
	accounts := accountsByEmail(t)
	modules := set(Modules()...)
	tickets := Tickets()
	if len(tickets) < 30 || len(tickets) > 36 {
		t.Errorf("got %d tickets, want about 32", len(tickets))
	}
	finals := map[string]int{}
	reporters := map[string]int{}
	companies := map[string]int{}
	for _, tk := range tickets {
		t.Run(tk.Title, func(t *testing.T) {
			rep, ok := accounts[tk.Reporter]
			if !ok || isStaff(rep) {
				t.Fatalf("reporter %q is not a customer account", tk.Reporter)
			}
			reporters[tk.Reporter]++
			companies[rep.Company]++
			if tk.Title == "" || utf8.RuneCountInString(tk.Title) > 200 {
				t.Errorf("bad title length %d", utf8.RuneCountInString(tk.Title))
			}
			if strings.TrimSpace(tk.Description) == "" {
				t.Error("empty description")
			}
			if !modules[tk.Module] {
				t.Errorf("unknown module %q", tk.Module)
			}
			if !validTypes[tk.Type] {
				t.Errorf("bad type %q", tk.Type)
			}
			if !validLevels[tk.Urgency] || !validLevels[tk.Priority] {
				t.Errorf("bad urgency/priority %q/%q", tk.Urgency, tk.Priority)
			}
			if !validVersions[tk.Version] {
				t.Errorf("bad version %q", tk.Version)
			}
			if tk.Assignee != "" {
				if a, ok := accounts[tk.Assignee]; !ok || !isStaff(a) {
					t.Errorf("assignee %q is not vendor staff", tk.Assignee)
				}
			}
			if tk.DaysAgo < 1 || tk.DaysAgo > 120 {
				t.Errorf("DaysAgo = %d", tk.DaysAgo)
			}
			final := checkEvents(t, tk, accounts, rep)
			finals[final]++
			if final == StatusAbierto {
				if len(tk.Events) > 2 {
					t.Errorf("abierto ticket with %d events", len(tk.Events))
				}
			} else {
				if len(tk.Events) < 2 || len(tk.Events) > 8 {
					t.Errorf("%d events, want 2..8", len(tk.Events))
				}
				if tk.Assignee == "" {
					t.Error("handled ticket without assignee")
				}
			}
		})
	}
	for s := range validStatuses {
		if finals[s] < 5 {
			t.Errorf("%d tickets end %s, want at least 5", finals[s], s)
		}
	}
	for email, a := range accounts {
		if !isStaff(a) && reporters[email] < 4 {
			t.Errorf("customer %q reports %d tickets, want at least 4", email, reporters[email])
		}
	}
	for _, c := range Companies() {
		if companies[c.Key] < 10 {
			t.Errorf("company %q has %d tickets", c.Key, companies[c.Key])
		}
	}
}

// checkEvents validates the history of one ticket and returns its final status.
func checkEvents(t *testing.T, tk Ticket, accounts map[string]Account, rep Account) string {
	t.Helper()
	status, prevHours := StatusAbierto, 0
	for i, e := range tk.Events {
		a, ok := accounts[e.Author]
		if !ok {
			t.Errorf("event %d: unknown author %q", i, e.Author)
			continue
		}
		if status == StatusCerrado {
			t.Errorf("event %d after the ticket was closed", i)
		}
		if e.Hours < prevHours || e.Hours < 0 || e.Hours > tk.DaysAgo*24 {
			t.Errorf("event %d: hours %d out of order or range (prev %d, days %d)", i, e.Hours, prevHours, tk.DaysAgo)
		}
		prevHours = e.Hours
		if e.Body == "" && e.Status == "" {
			t.Errorf("event %d: neither body nor status", i)
		}
		if e.Status != "" && !validStatuses[e.Status] {
			t.Errorf("event %d: invalid status %q", i, e.Status)
		}
		if e.Status == status {
			t.Errorf("event %d: status %q does not change", i, e.Status)
		}
		if isStaff(a) {
			if e.Status != "" && !agentStatuses[e.Status] {
				t.Errorf("event %d: agent sets status %q", i, e.Status)
			}
		} else {
			if a.Company != rep.Company {
				t.Errorf("event %d: customer %q of another company", i, e.Author)
			}
			if e.Internal {
				t.Errorf("event %d: internal note by customer", i)
			}
			switch status {
			case StatusEsperandoCliente:
				if e.Status != StatusEnProceso {
					t.Errorf("event %d: customer reply to esperando_cliente must set en_proceso, got %q", i, e.Status)
				}
			case StatusResuelto:
				if e.Status != StatusEnProceso && e.Status != StatusCerrado {
					t.Errorf("event %d: customer reply to resuelto must reopen or close, got %q", i, e.Status)
				}
			default:
				if e.Status != "" {
					t.Errorf("event %d: customer sets %q from %q", i, e.Status, status)
				}
			}
		}
		if e.Status != "" {
			status = e.Status
		}
	}
	if status == StatusAbierto {
		for i, e := range tk.Events {
			if isStaff(accounts[e.Author]) {
				t.Errorf("event %d: agent event on an abierto ticket", i)
			}
		}
	}
	if got := tk.FinalStatus(); got != status {
		t.Errorf("FinalStatus() = %q, want %q", got, status)
	}
	return status
}

func TestSomeTicketsMatchFAQTitles(t *testing.T) {
	titles := map[string]bool{}
	for _, f := range FAQs() {
		titles[strings.ToLower(f.Title)] = true
	}
	n := 0
	for _, tk := range Tickets() {
		if titles[strings.ToLower(tk.Title)] {
			n++
		}
	}
	if n < 2 {
		t.Errorf("%d ticket titles equal a FAQ title, want at least 2", n)
	}
}
