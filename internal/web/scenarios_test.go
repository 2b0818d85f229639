package web_test

import (
	"fmt"
	"helpdesk/internal/storetest"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A scenario is one request by one actor and what the answer must hold.
type scenario struct {
	name    string
	actor   string // e-mail, or "" for nobody signed in
	method  string
	path    string
	form    url.Values
	status  int
	want    []string
	notWant []string
}

func run(t *testing.T, srv interface{}, scenarios []scenario, clients map[string]*client, anon *client) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			c := anon
			if sc.actor != "" {
				c = clients[sc.actor]
			}
			var res *http.Response
			var body string
			if sc.method == http.MethodPost {
				res, body = c.post(sc.path, sc.form)
			} else {
				res, body = c.get(sc.path)
			}
			if res.StatusCode != sc.status {
				t.Errorf("%s %s as %q: status %d, want %d", sc.method, sc.path, sc.actor, res.StatusCode, sc.status)
			}
			for _, w := range sc.want {
				if !strings.Contains(body, w) && !strings.Contains(res.Header.Get("Location"), w) {
					t.Errorf("%s %s: body lacks %q", sc.method, sc.path, w)
				}
			}
			for _, w := range sc.notWant {
				if strings.Contains(body, w) {
					t.Errorf("%s %s: body has %q", sc.method, sc.path, w)
				}
			}
		})
	}
}

func TestPortalScenarios(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		emails := []string{"compras@ferreteria.test", "gerente@ferreteria.test", "caja@panaderia.test", "agente@oceanic.test"}
		clients := map[string]*client{}
		for _, e := range emails {
			clients[e] = login(t, srv, e)
		}
		anon := newClient(t, srv)

		// A ticket of the hardware store's informer, with an internal note.
		informer, agent := clients["compras@ferreteria.test"], clients["agente@oceanic.test"]
		num := fileTicket(t, informer, `Error <script>alert("x")</script> en factura 🧾`)
		tp := fmt.Sprintf("/tickets/%d", num)
		if res, _ := agent.post(tp+"/reply", url.Values{"body": {"NOTA-SECRETA revisar certificado"}, "internal": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("internal note: %d", res.StatusCode)
		}
		if res, _ := agent.post(tp+"/reply", url.Values{"body": {"Respuesta pública del agente"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply: %d", res.StatusCode)
		}

		run(t, srv, []scenario{
			{name: "anonymous goes to login", method: "GET", path: "/tickets", status: 303, want: []string{"/login?next="}},
			{name: "login page in Spanish", method: "GET", path: "/login", status: 200, want: []string{`lang="es"`, "Contraseña", "(57)(6) 331 5979"}},
			{name: "wrong password", method: "POST", path: "/login", form: url.Values{"email": {"compras@ferreteria.test"}, "password": {"x"}},
				status: 401, want: []string{"no son correctos", `value="compras@ferreteria.test"`}},
			{name: "unknown account same answer", method: "POST", path: "/login", form: url.Values{"email": {"nadie@x.co"}, "password": {"x"}},
				status: 401, want: []string{"no son correctos"}},
			{name: "healthz", method: "GET", path: "/healthz", status: 200, want: []string{"ok"}},
			{name: "unknown page, our own 404", method: "GET", path: "/nada/de/nada", status: 404,
				want: []string{"No encontramos lo que busca", "(57)(6) 331 5979"}, notWant: []string{"404 page not found"}},
			{name: "unknown page signed in", actor: "caja@panaderia.test", method: "GET", path: "/tiquetes", status: 404,
				want: []string{"No encontramos lo que busca", "Cerrar sesión"}},
			{name: "GET on a form action", actor: "caja@panaderia.test", method: "GET", path: tp + "/reply", status: 405,
				want: []string{"No encontramos lo que busca"}},
			{name: "finder empty", actor: "caja@panaderia.test", method: "GET", path: "/find?number=", status: 404,
				want: []string{"Escriba el número del tiquete", `role="alert"`}},
			{name: "wrong password is an alert", method: "POST", path: "/login", form: url.Values{"email": {"x@y.co"}, "password": {"x"}},
				status: 401, want: []string{`class="flash alert" role="alert"`}},
			{name: "language switch comes back here", actor: "caja@panaderia.test", method: "GET", path: "/history?status=cerrado", status: 200,
				want: []string{`name="back" value="/history?status=cerrado"`}},
			{name: "open tickets", actor: "compras@ferreteria.test", method: "GET", path: "/tickets", status: 200,
				want: []string{"Tiquetes abiertos", fmt.Sprintf("#%d", num)}},
			{name: "title escaped", actor: "compras@ferreteria.test", method: "GET", path: tp, status: 200,
				want:    []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "🧾", "Respuesta pública del agente"},
				notWant: []string{`<script>alert("x")`, "NOTA-SECRETA", "Nota interna"}},
			{name: "agent sees the note", actor: "agente@oceanic.test", method: "GET", path: tp, status: 200,
				want: []string{"NOTA-SECRETA", "Crear FAQ desde este tiquete"}},
			{name: "manager sees informer's ticket", actor: "gerente@ferreteria.test", method: "GET", path: tp, status: 200},
			{name: "other company: not found", actor: "caja@panaderia.test", method: "GET", path: tp, status: 404,
				notWant: []string{"alert"}},
			{name: "never issued: same not found", actor: "caja@panaderia.test", method: "GET", path: "/tickets/99999", status: 404},
			{name: "finder #number", actor: "compras@ferreteria.test", method: "GET", path: fmt.Sprintf("/find?number=%%23%d", num),
				status: 303, want: []string{tp}},
			{name: "finder other company", actor: "caja@panaderia.test", method: "GET", path: fmt.Sprintf("/find?number=%d", num),
				status: 404, want: []string{"No encontramos el tiquete"}},
			{name: "finder garbage", actor: "caja@panaderia.test", method: "GET", path: "/find?number=%3Cb%3Ex", status: 404,
				want: []string{"&lt;b&gt;x"}, notWant: []string{"<b>x"}},
			{name: "other company cannot reply", actor: "caja@panaderia.test", method: "POST", path: tp + "/reply",
				form: url.Values{"body": {"hola"}}, status: 404},
			{name: "customer cannot open the console", actor: "compras@ferreteria.test", method: "GET", path: "/console", status: 404},
			{name: "customer cannot assign", actor: "compras@ferreteria.test", method: "POST", path: tp + "/assign",
				form: url.Values{"assignee": {"me"}}, status: 404},
			{name: "customer cannot set en_proceso", actor: "compras@ferreteria.test", method: "POST", path: tp + "/status",
				form: url.Values{"status": {"en_proceso"}}, status: 422, want: []string{"no está permitido"}},
			{name: "post without form token", actor: "compras@ferreteria.test", method: "POST", path: tp + "/reply",
				form: url.Values{"csrf": {"forged"}, "body": {"hola"}}, status: 403},
			{name: "empty reply keeps the page", actor: "compras@ferreteria.test", method: "POST", path: tp + "/reply",
				form: url.Values{"body": {"   "}}, status: 422, want: []string{"Este campo es obligatorio."}},
			{name: "staff queue counts", actor: "agente@oceanic.test", method: "GET", path: "/console", status: 200,
				want: []string{"Cola de tiquetes", "Esperando al cliente", "Ferretería El Tornillo S.A.S."}},
			{name: "staff queue unassigned filter", actor: "agente@oceanic.test", method: "GET", path: "/console?status=open&assigned=none", status: 200,
				want: []string{fmt.Sprintf("#%d", num)}},
			// The browser sends the agent list's value and the button's.
			{name: "assign to me from the button", actor: "agente@oceanic.test", method: "POST", path: tp + "/assign",
				form: url.Values{"assignee": {"0"}, "assign_me": {"1"}}, status: 303},
			{name: "assigned to me shows", actor: "agente@oceanic.test", method: "GET", path: tp, status: 200,
				want: []string{"Asignó el tiquete a Carlos Gómez.", "<dd>Carlos Gómez</dd>"}},
			{name: "FAQ list by module", actor: "caja@panaderia.test", method: "GET", path: "/faqs", status: 200,
				want: []string{"Facturación electrónica", "Factura electrónica rechazada por la DIAN", "Copias de seguridad"}},
			{name: "FAQ search without accents", actor: "caja@panaderia.test", method: "GET", path: "/faqs?q=facturas+electronicas+rechazadas", status: 200,
				want: []string{"Factura electrónica rechazada por la DIAN"}},
			{name: "FAQ search nonsense", actor: "caja@panaderia.test", method: "GET", path: "/faqs?q=%25%27%22%5C", status: 200,
				want: []string{"No encontramos preguntas frecuentes"}},
			{name: "suggest JSON", actor: "caja@panaderia.test", method: "GET", path: "/faqs/suggest?q=factura+rechazada", status: 200,
				want: []string{`"faqs":[`, "Factura electrónica rechazada por la DIAN", `"situation"`}},
			{name: "FAQ editor for staff", actor: "agente@oceanic.test", method: "GET", path: "/console/faqs", status: 200,
				want: []string{"Editor de FAQs", "sugerencias mostradas"}},
			{name: "FAQ from ticket prefilled", actor: "agente@oceanic.test", method: "GET", path: fmt.Sprintf("/console/faqs/new?ticket=%d", num),
				status: 200, want: []string{"Respuesta pública del agente"}, notWant: []string{"NOTA-SECRETA"}},
			{name: "FAQ editor refuses customers", actor: "compras@ferreteria.test", method: "GET", path: "/console/faqs", status: 404},
		}, clients, anon)
	})
}

// fileTicket goes through the five wizard steps and returns the number.
func fileTicket(t *testing.T, c *client, title string) int64 {
	t.Helper()
	res, _ := c.post("/new", nil)
	step1 := res.Header.Get("Location")
	base := strings.TrimSuffix(step1, "/1")
	forms := []url.Values{
		{"title": {title}, "seen": {"1"}},
		{"module": {"Facturación electrónica"}, "type": {"Error"}, "urgency": {"Alta"}},
		{"description": {"Las facturas no salen."}, "version": {"9.0.1"}},
		{},
		{"cc": {""}},
	}
	for i, f := range forms {
		res, body := c.post(fmt.Sprintf("%s/%d", base, i+1), f)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("wizard step %d: %d\n%s", i+1, res.StatusCode, body)
		}
	}
	_, body := c.get(base + "/done")
	var n int64
	i := strings.Index(body, "Su tiquete es el #")
	if i < 0 {
		t.Fatalf("done page without number:\n%s", body)
	}
	fmt.Sscanf(body[i+len("Su tiquete es el #"):], "%d", &n)
	return n
}
