package e2e

import (
	"regexp"
	"strings"
	"time"
)

// mailedLink waits for the newest e-mail to an address whose subject holds
// a text and returns the path of the link in it under prefix, as the
// person would click it in their mailbox.
func (e *env) mailedLink(to, subject, prefix string) string {
	e.t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(e.base+prefix) + `[^\s"<>]+`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		msgs := e.mail.Messages()
		for i := len(msgs) - 1; i >= 0; i-- {
			m := msgs[i]
			if !strings.Contains(m.Subject, subject) || !hasRecipient(m.Recipients(), to) {
				continue
			}
			if link := re.FindString(m.Text); link != "" {
				return strings.TrimPrefix(link, e.base)
			}
			e.t.Fatalf("mail %q to %s has no %s link:\n%s", m.Subject, to, prefix, m.Text)
		}
		time.Sleep(100 * time.Millisecond)
	}
	e.t.Fatalf("no mail to %s about %q arrived", to, subject)
	return ""
}

func hasRecipient(list []string, to string) bool {
	for _, r := range list {
		if strings.EqualFold(r, to) {
			return true
		}
	}
	return false
}
