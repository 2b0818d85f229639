// Package mail turns the e-mails the desk queues (model.Mail jobs) into
// messages in the recipient's language and time zone, and sends them
// over SMTP; without an SMTP server configured it logs them instead.
package mail

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode"

	"helpdesk/internal/i18n"
	"helpdesk/internal/model"
)

// Rendered is an e-mail ready to send.
type Rendered struct {
	To      string
	Name    string // header-safe
	Subject string // header-safe, with "[#1042] " for a ticket's mail
	Text    string
	HTML    string
}

// Render builds a mail's subject, text part and HTML part from the
// catalog messages "mail.<Template>.subject" and "mail.<Template>.body",
// in the recipient's language, with the event's time in their time zone.
// Every argument is user-written: the HTML part escapes it, and the
// subject and name lose any line break or control character, so a value
// cannot add a header or a recipient.
func Render(cat *i18n.Catalog, m model.Mail, baseURL, vendor string, at time.Time) (Rendered, error) {
	l := cat.For(m.Lang, m.TimeZone)
	subjKey, bodyKey := "mail."+m.Template+".subject", "mail."+m.Template+".body"
	if m.Template == "" || !l.Has(subjKey) || !l.Has(bodyKey) {
		return Rendered{}, fmt.Errorf("mail template %q is not in the catalog", m.Template)
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = a
	}
	subject := HeaderSafe(format(l, subjKey, args))
	if m.TicketNumber != 0 {
		subject = "[#" + strconv.FormatInt(m.TicketNumber, 10) + "] " + subject
	}
	body := strings.ReplaceAll(format(l, bodyKey, args), "\r\n", "\n")
	greeting := l.T("mail.greeting")
	if name := HeaderSafe(m.Name); name != "" {
		greeting = l.T("mail.greeting_name", name)
	}
	link := ""
	if m.Path != "" {
		link = strings.TrimRight(baseURL, "/") + m.Path
	}
	when := ""
	if !at.IsZero() {
		when = l.T("mail.when", l.Time(at))
	}
	// Only a ticket's mail to someone with an account (the desk names
	// every user) can point at the profile's mail notices; account mail
	// and mail to copied addresses without an account cannot.
	footerKey := "mail.footer"
	if m.TicketNumber != 0 && m.Name != "" {
		footerKey = "mail.footer_profile"
	}
	footer := l.T(footerKey, vendor)
	action := l.T("mail.open")
	if k := "mail." + m.Template + ".action"; l.Has(k) {
		action = l.T(k)
	}

	var text strings.Builder
	text.WriteString(greeting + "\n\n" + body + "\n")
	if link != "" {
		text.WriteString("\n" + action + ": " + link + "\n")
	}
	if when != "" {
		text.WriteString("\n" + when + "\n")
	}
	text.WriteString("\n-- \n" + footer + "\n")

	var h strings.Builder
	h.WriteString(`<!doctype html><html lang="` + l.Lang + `"><head><meta charset="utf-8"><title>` +
		html.EscapeString(subject) + `</title></head><body style="font-family:sans-serif;line-height:1.5;color:#1d2733">`)
	h.WriteString("<p>" + html.EscapeString(greeting) + "</p>")
	for _, para := range strings.Split(body, "\n\n") {
		lines := strings.Split(para, "\n")
		for i := range lines {
			lines[i] = html.EscapeString(lines[i])
		}
		h.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>")
	}
	if link != "" {
		h.WriteString(`<p><a href="` + html.EscapeString(link) + `" style="display:inline-block;padding:.5em 1em;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">` +
			html.EscapeString(action) + `</a></p>`)
	}
	if when != "" {
		h.WriteString(`<p style="color:#5b6773;font-size:.9em">` + html.EscapeString(when) + "</p>")
	}
	h.WriteString(`<hr><p style="color:#5b6773;font-size:.9em">` + html.EscapeString(footer) + "</p></body></html>")
	return Rendered{To: m.To, Name: HeaderSafe(m.Name), Subject: subject, Text: text.String(), HTML: h.String()}, nil
}

// format renders a catalog message with the mail's arguments. A message
// that uses none of them (it names the recipient only in the greeting) is
// rendered as is, so fmt does not append the unused arguments to it.
func format(l i18n.Localizer, key string, args []any) string {
	if !strings.Contains(strings.ReplaceAll(l.T(key), "%%", ""), "%") {
		return l.T(key)
	}
	return l.T(key, args...)
}

// HeaderSafe puts a value on one line for a header: line breaks, tabs and
// other control characters become single spaces; the result is trimmed
// and at most 250 runes.
func HeaderSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 250 {
		s = string(r[:249]) + "…"
	}
	return s
}
