package e2e

import (
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"
)

// bellIs fails unless the bell on the page shows n unread notifications.
func bellIs(n string) action {
	return chromedp.Steps(waitText("#bell-count", n),
		check(`document.querySelector("#bell-count").innerText.trim() === `+js(n), "the bell does not show "+n))
}

func TestBellRisesOnReplyAndFallsWhenRead(t *testing.T) {
	e := newEnv(t)
	u := e.browser("informer")
	u.login(informer)
	u.step("the bell starts empty", u.open("/tickets"), bellIs("0"))
	href := get(u, "first open ticket", chromedp.Evaluate[string](`document.querySelector('table.list a[href^="/tickets/"]').getAttribute("href")`))
	m := regexp.MustCompile(`^/tickets/(\d+)$`).FindStringSubmatch(href)
	if m == nil {
		t.Fatalf("no ticket link in Abiertos: %q", href)
	}
	num := m[1]

	const reply = "Hola Ana María, ya revisamos el inventario: pruebe de nuevo, por favor."
	a := e.browser("agent")
	a.login(agent)
	a.step("agent replies",
		a.open("/tickets/"+num), typeInto("#body", reply), clickNav("#send-reply"), waitText(".timeline", reply),
		bellIs("0")) // the author is not told of their own reply

	u.step("the informer's bell rises", u.open("/faqs"), bellIs("1"))
	u.step("the list shows the reply, linking to the ticket",
		clickNav("#bell"), waitText("#notifications", "#"+num), waitText("#notifications", "respondió"),
		check(`!!document.querySelector('#notifications li.unread a[href="/tickets/`+num+`"]')`, "no unread entry linking to #"+num))
	u.step("opening it reads it", clickNav(`#notifications li.unread a[href="/tickets/`+num+`"]`),
		waitText(".timeline", reply), bellIs("0"))

	a.step("agent replies again", typeInto("#body", "Segundo mensaje."), clickNav("#send-reply"), waitText(".timeline", "Segundo mensaje."))
	u.step("the bell rises again", u.open("/tickets"), bellIs("1"))
	u.step("mark as read in the list", u.open("/notifications"),
		clickNav(`#notifications li.unread form button`), bellIs("0"),
		check(`!document.querySelector('#notifications li.unread')`, "an entry is still unread"))
}
