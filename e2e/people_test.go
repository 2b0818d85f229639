package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// invitationLink is the link of the newest invitation mailed to an
// address, read from the mailbox.
func (e *env) invitationLink(email string) string {
	e.t.Helper()
	return e.mailedLink(email, "Invitación a la Mesa de Ayuda", "/invite/")
}

// The Ferretería's manager invites an informer, who chooses a password,
// signs in and files a ticket; once the manager disables them, their open
// page stops working.
func TestManagerInvitesAndDisablesAnInformer(t *testing.T) {
	e := newMailEnv(t)
	const email, password = "luisa.rios@ferreteria.test", "Lámpara-Verde-2026"
	row := `tr[data-email="` + email + `"]`

	m := e.browser("manager")
	m.login("gerente@ferreteria.test")
	m.step("open Gestionar Informadores", clickNav(`nav.main-nav a[href="/company/people"]`),
		waitText("h1", "Gestionar Informadores"), waitText("table.people", "compras@ferreteria.test"))
	m.step("e-mails stay on one line; the bell is a drawn icon",
		check(`[...document.querySelectorAll("table.people td.email")].every(td => {
			const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length === 1 })`,
			"an e-mail in Gestionar Informadores is broken over two lines"),
		check(`!!document.querySelector("#bell svg") && !document.querySelector("#bell").textContent.includes("\u{1F514}")`,
			"the bell is not an SVG icon"))
	m.step("a taken e-mail is refused, what was typed kept",
		typeInto("#person-name", "Luisa Fernanda Ríos"), typeInto("#person-email", "compras@ferreteria.test"),
		typeInto("#person-position", "Auxiliar contable"), clickNav("#send-invite"),
		waitText("#invite-form", "Ya existe una persona con ese correo."),
		check(`document.querySelector("#person-name").value === "Luisa Fernanda Ríos" && document.querySelector("#person-position").value === "Auxiliar contable"`,
			"the typed name and position were lost"))
	m.step("invite", typeInto("#person-email", email), clickNav("#send-invite"),
		waitText(".flash", "La invitación fue enviada"), waitText(row, "Invitación pendiente"))

	link := e.invitationLink(email)
	u := e.browser("informer")
	u.step("open the invitation", u.open(link), waitText("#invite h1", "Bienvenido"), waitText("#invite", "Luisa Fernanda Ríos"))
	u.step("choose the password", typeInto("#password", password), typeInto("#confirm", password), clickNav("#accept-invite"),
		check(`location.pathname === "/tickets" && !!document.querySelector("header .who")`, "not signed in after choosing the password"),
		waitText("header .who", "Luisa Fernanda Ríos"))
	u.step("the link works once", u.open(link), waitText("#invite-invalid h1", "ya no sirve"))
	u.step("log out", u.open("/tickets"), clickNav(`header .who form[action="/logout"] button`))
	u.step("log in with the new password", u.open("/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), email), chromedp.SendKeys(chromedp.CSS("#password"), password),
		clickNav(`form[action="/login"] button[type=submit]`),
		check(`location.pathname === "/tickets"`, "login with the chosen password failed"))

	u.newTicket()
	const title = "No puedo generar el informe de cartera"
	u.step("step 1", typeInto("#title", title), clickNav("#next"))
	u.step("step 2", classify("Contabilidad", "Error", "Media"))
	u.step("step 3", typeInto("#description", "Al generar el informe de cartera sale una pantalla en blanco."), clickNav("#next"), atStep(4))
	u.step("step 4", clickNav("#next"), atStep(5))
	u.step("step 5", clickNav("#submit-ticket"))
	num := u.ticketNumber()
	u.step("the ticket is listed", u.open("/tickets"), listed(num, title))

	m.step("the manager sees the new ticket", m.open("/tickets/"+num), waitText(".ticket-head h1", title),
		check(`document.title.startsWith("#`+num+` `+title+` · ")`, "the tab title lacks the ticket's number and title"))
	m.step("disable the informer", m.open("/company/people"), clickNav(row+" button.disable"),
		waitText(".flash", "deshabilitada"), waitText(row, "Deshabilitado"))

	u.step("the open page stops working", u.open("/tickets/"+num),
		check(`location.pathname === "/login"`, "a disabled informer still sees their ticket"))
	m.step("the ticket stays with the company", m.open("/tickets/"+num), waitText(".ticket-head h1", title))
}
