package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// resetLink returns the link of the newest password reset mailed to an
// address, read from the mailbox.
func (e *env) resetLink(to string) string {
	e.t.Helper()
	return e.mailedLink(to, "Cambio de contraseña", "/reset/")
}

func TestForgottenPassword(t *testing.T) {
	e := newMailEnv(t)
	const who, newPassword = "caja@panaderia.test", "Lámpara-Verde-2026"
	b := e.browser("cashier")
	b.step("ask for a link from the login page",
		b.open("/login"), clickNav("#forgot-link"),
		typeInto("#email", who), clickNav(`#forgot-form button[type=submit]`),
		waitText(".flash", "Si el correo corresponde a una cuenta activa"))
	link := e.resetLink(who)
	b.step("open the link and choose a password",
		b.open(link), waitText("main", who),
		typeInto("#password", newPassword), typeInto("#confirm", "otra-cosa-distinta"),
		clickNav(`#reset-form button[type=submit]`), waitText(".error", "no coinciden"),
		typeInto("#password", newPassword), typeInto("#confirm", newPassword),
		clickNav(`#reset-form button[type=submit]`),
		check(`location.pathname === "/login"`, "not sent to the login page"),
		waitText(".flash", "Su contraseña cambió"),
		check(`document.querySelector("#email").value === `+js(who), "e-mail not filled in"))
	b.step("log in with the new password",
		chromedp.SendKeys(chromedp.CSS("#password"), newPassword),
		clickNav(`form[action="/login"] button[type=submit]`),
		check(`!!document.querySelector("header .who") && location.pathname === "/tickets"`, "not signed in with the new password"))
	b.step("the link works only once", b.open(link), waitText("main h1", "Este enlace ya no sirve"))
}

func TestWizardCopiesAContact(t *testing.T) {
	e := newEnv(t)
	u := e.browser("informer")
	u.login(informer)
	u.step("add a contact from the user menu",
		chromedp.Click(chromedp.CSS("#user-menu summary")), clickNav(`#user-menu a[href="/contacts"]`),
		clickNav("#new-contact"),
		typeInto("#name", "Andrés Muñoz"), typeInto("#email", "andres@proveedor.co"), typeInto("#company", "Tornillos Año Nuevo"),
		clickNav(`#contact-form button[type=submit]`), waitText("#contacts", "andres@proveedor.co"))
	u.newTicket()
	u.step("steps 1 to 4",
		typeInto("#title", "Copiar al proveedor en el tiquete"), clickNav("#next"),
		classify("Inventarios", "Consulta", "Media"),
		typeInto("#description", "¿Cómo se registra una devolución al proveedor?"), clickNav("#next"), atStep(4),
		clickNav("#next"), atStep(5))
	box := `#contact-picks input[name=contact]`
	u.step("pick the contact, go back and forward",
		waitText("#contact-picks", "Andrés Muñoz <andres@proveedor.co>"),
		check(`!document.querySelector(`+js(box)+`).checked`, "contact checked before choosing"),
		chromedp.Click(chromedp.CSS(box)),
		clickNav(`#confirm-form button[name=back]`), atStep(4),
		clickNav("#next"), atStep(5),
		check(`document.querySelector(`+js(box)+`).checked`, "the chosen contact was forgotten going back"))
	u.step("file the ticket", clickNav("#submit-ticket"))
	num := u.ticketNumber()
	u.step("the contact is copied on the ticket", u.open("/tickets/"+num), waitText("main", "andres@proveedor.co"))
}
