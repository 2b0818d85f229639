package e2e

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const (
	informer = "compras@ferreteria.test"
	agent    = "agente@oceanic.test"
	rowsJS   = `[...document.querySelectorAll("table.list tbody tr")].map(tr => tr.innerText.replace(/\s+/g, " ").trim())`
)

// newTicket clicks "Nuevo tiquete" and returns the draft's key.
func (b *browser) newTicket() string {
	b.e.t.Helper()
	b.step("click Nuevo tiquete", clickNav(`nav.main-nav form[action="/new"] button`), atStep(1))
	loc := get(b, "read the wizard URL", chromedp.Location())
	m := regexp.MustCompile(`/new/([^/?#]+)/1`).FindStringSubmatch(loc)
	if m == nil {
		b.fail("read the wizard URL", fmt.Errorf("location %s is not step 1 of the wizard", loc))
	}
	return m[1]
}

// atStep fails unless the page is step n of the wizard.
func atStep(n int) action {
	return check(fmt.Sprintf(`/^\/new\/[^/]+\/%d$/.test(location.pathname) && !!document.querySelector(".steps li.current")`, n),
		fmt.Sprintf("not on step %d of the wizard", n))
}

// classify fills step 2 and moves on.
func classify(module, typ, urgency string) action {
	return chromedp.Steps(atStep(2), selectOption("#module", module),
		chromedp.Click(chromedp.CSS(`input[name=type][value=`+js(typ)+`]`)),
		chromedp.Click(chromedp.CSS(`input[name=urgency][value=`+js(urgency)+`]`)),
		clickNav("#next"), atStep(3))
}

// ticketNumber reads the number on the done page.
func (b *browser) ticketNumber() string {
	b.e.t.Helper()
	b.step("done page shows the number", waitText("#ticket-number", "#"))
	text := get(b, "read the ticket number", chromedp.Text(chromedp.CSS("#ticket-number")))
	m := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(text)
	if m == nil {
		b.fail("read the ticket number", fmt.Errorf("%q has no #number", text))
	}
	return m[1]
}

// listed fails unless a row of the list is ticket #num and holds texts.
func listed(num string, texts ...string) action {
	return func(ctx context.Context, t *chromedp.Target) (void, error) {
		rows, err := chromedp.Evaluate[[]string](rowsJS)(ctx, t)
		if err != nil {
			return void{}, err
		}
		for _, r := range rows {
			if !strings.HasPrefix(r, "#"+num+" ") {
				continue
			}
			for _, x := range texts {
				if !strings.Contains(r, x) {
					return void{}, fmt.Errorf("row %q lacks %q", r, x)
				}
			}
			return void{}, nil
		}
		return void{}, fmt.Errorf("ticket #%s not listed; rows: %q", num, rows)
	}
}

func writePNG(t *testing.T, name string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTicketLifecycle(t *testing.T) {
	e := newEnv(t)
	u := e.browser("informer")
	u.login(informer)
	u.newTicket()

	u.step("type factura", typeInto("#title", "factura"))
	if n := get(u, "live suggestions", waitCount("#suggestions details.faq-suggestion", 2)); n < 2 {
		t.Fatalf("%d suggestions for factura, want at least 2", n)
	}
	u.step("open a suggestion in place",
		check(`!document.querySelector("#suggestions details[open]")`, "a suggestion is open before the click"),
		chromedp.Click(chromedp.CSS("#suggestions details.faq-suggestion summary")),
		chromedp.WaitVisible(chromedp.CSS("#suggestions details.faq-suggestion[open] h3")),
		waitText("#suggestions details.faq-suggestion[open]", "Situación"), atStep(1))

	const title = "Factura electrónica rechazada al enviar a la DIAN"
	u.step("step 1: title", typeInto("#title", title), clickNav("#next"))
	u.step("step 2: classify", classify("Facturación electrónica", "Error", "Alta"))
	u.step("step 3: describe",
		typeInto("#description", "Al enviar la factura FE-1043 la DIAN responde «Rechazada: regla FAD06».\nPasó desde esta mañana."),
		typeInto("#version", "9.0.1"), clickNav("#next"), atStep(4))
	file := writePNG(t, "rechazo-dian.png")
	u.step("step 4: attach", chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{file}), clickNav("#next"), atStep(5))
	u.step("step 5: confirm",
		waitText(".callout.scope", "no es responsable"),
		waitText("dl.summary", "rechazo-dian.png"), waitText("dl.summary", title), waitText("dl.summary", "9.0.1"),
		clickNav("#submit-ticket"))
	num := u.ticketNumber()
	u.step("listed in Abiertos", u.open("/tickets"), listed(num, title, "Abierto"))

	const reply = "Hola Ana María, regenere el XML con la resolución vigente y reenvíe la factura."
	a := e.browser("agent")
	a.login(agent)
	a.step("agent replies",
		a.open("/tickets/"+num), waitText(".ticket-head h1", title),
		typeInto("#body", reply), clickNav("#send-reply"), waitText(".timeline", reply))
	a.step("agent resolves",
		selectOption("#status", "resuelto"), clickNav("#save-status"), waitText(".ticket-head .status", "Resuelto"))

	u.step("informer sees the reply and the resolution",
		u.open("/tickets/"+num), waitText(".timeline", reply), waitText(".ticket-head .status", "Resuelto"),
		waitText(".callout", "¿La solución funcionó?"))
	u.step("informer confirms", clickNav("#confirm-solution"), waitText(".ticket-head .status", "Cerrado"))
	u.step("closed ticket in Histórico", u.open("/history?status=cerrado"), listed(num, title, "Cerrado"))
	u.step("closed ticket left Abiertos", u.open("/tickets"),
		check(`!document.querySelector('table.list a[href="/tickets/`+num+`"]')`, "ticket #"+num+" still in Abiertos"))
}

func TestSuggestionResolvesWithoutTicket(t *testing.T) {
	e := newEnv(t)
	u := e.browser("informer")
	u.login(informer)
	u.step("open tickets before", u.open("/tickets"))
	before := get(u, "read rows", chromedp.Evaluate[[]string](rowsJS))

	u.newTicket()
	u.step("suggestion about contraseña",
		typeInto("#title", "contrasena"),
		waitText("#suggestions", "contraseña"),
		chromedp.Evaluate[void](`(() => { const d = [...document.querySelectorAll("#suggestions details.faq-suggestion")]
			.find(d => d.querySelector("summary").innerText.includes("contraseña"));
			if (!d) throw new Error("no suggestion title holds contraseña"); d.dataset.e2e = "target"; })()`),
		chromedp.Click(chromedp.CSS(`details[data-e2e=target] summary`)),
		waitText(`details[data-e2e=target]`, "Solución"),
		clickNav(`details[data-e2e=target] button.resolved`),
		waitText("h1", "resolvió"), waitText("main", "No se creó ningún tiquete"))

	u.step("open tickets after", u.open("/tickets"))
	after := get(u, "read rows", chromedp.Evaluate[[]string](rowsJS))
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("Abiertos changed after the FAQ resolved the problem:\nbefore %q\nafter  %q", before, after)
	}
}

func TestWizardKeepsDraftAcrossReload(t *testing.T) {
	e := newEnv(t)
	u := e.browser("informer")
	u.login(informer)
	key := u.newTicket()
	const title = "El inventario no cuadra después del cierre"
	u.step("step 1", typeInto("#title", title), clickNav("#next"))
	u.step("step 2", classify("Inventarios", "Consulta", "Media"))

	u.step("title kept on step 1", u.open("/new/"+key+"/1"), atStep(1),
		check(`document.querySelector("#title").value === `+js(title), "#title lost the typed title"))
	u.step("classification kept on step 2", u.open("/new/"+key+"/2"),
		check(`document.querySelector("#module").value === "Inventarios"`, "module not kept"),
		check(`document.querySelector("input[name=type]:checked")?.value === "Consulta"`, "type not kept"),
		check(`document.querySelector("input[name=urgency]:checked")?.value === "Media"`, "urgency not kept"))

	u.step("empty description refused", u.open("/new/"+key+"/3"),
		typeInto("#version", "9.0.1"),
		check(`document.querySelector("#description").validity.valueMissing`, "browser accepts an empty description"),
		// Skip the browser's check so the server's own validation answers.
		chromedp.Evaluate[void](`document.querySelector("#description").form.noValidate = true`),
		clickNav("#next"), atStep(3),
		waitText("form.wizard .error", "Este campo es obligatorio."),
		check(`document.querySelector("#version").value === "9.0.1"`, "#version lost the typed 9.0.1"))
}

func TestEscapesUserText(t *testing.T) {
	e := newEnv(t)
	u := e.browser("informer")
	u.login(informer)
	u.newTicket()
	const title = `<img src=x onerror=alert(1)> 🧾`
	const desc = `<script>alert(2)</script> el total sale en <b>cero</b>`
	noImg := check(`![...document.images].some(i => i.getAttribute("src") === "x")`, `an <img src="x"> is in the DOM`)

	u.step("step 1", typeInto("#title", title),
		check(`document.querySelector("#title").value === `+js(title), "#title does not hold the typed title"),
		clickNav("#next"))
	u.step("step 2", classify("Facturación electrónica", "Consulta", "Baja"))
	u.step("step 3", typeInto("#description", desc), clickNav("#next"), atStep(4))
	u.step("step 4", clickNav("#next"), atStep(5))
	u.step("step 5", waitText("dl.summary", title), waitText("dl.summary", "<script>"), noImg, clickNav("#submit-ticket"))
	num := u.ticketNumber()

	u.step("ticket page shows the title as text", u.open("/tickets/"+num),
		waitText(".ticket-head h1", "<img"), waitText(".ticket-head h1", title),
		waitText(".description", "<script>alert(2)</script>"), noImg,
		check(`!document.querySelector(".description b, .ticket-head h1 img")`, "user HTML rendered as elements"))
	u.step("list shows the title as text", u.open("/tickets"), listed(num, title), noImg)
	e.checkDialogs()
}
