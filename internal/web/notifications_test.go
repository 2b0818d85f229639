package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"helpdesk/internal/storetest"
)

var bellRE = regexp.MustCompile(`id="bell-count" class="count">(\d+)<`)

// bell reads the unread count on a page.
func bell(t *testing.T, c *client, path string) string {
	t.Helper()
	_, body := c.get(path)
	m := bellRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s has no bell", path)
	}
	return m[1]
}

func TestBellCountsAndMarksRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		srv := server(t, db)
		informer := login(t, srv, "compras@ferreteria.test")
		agent := login(t, srv, "agente@oceanic.test")
		_, list := informer.get("/tickets")
		m := regexp.MustCompile(`href="/tickets/(\d+)"`).FindStringSubmatch(list)
		if m == nil {
			t.Fatal("the informer has no open ticket in the demo")
		}
		number := m[1]
		if got := bell(t, informer, "/tickets"); got != "0" {
			t.Fatalf("bell before: %s", got)
		}
		reply := func() {
			res, _ := agent.post("/tickets/"+number+"/reply", url.Values{"body": {"Le escribimos desde soporte."}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("agent reply: %d", res.StatusCode)
			}
		}
		reply()
		for _, page := range []string{"/tickets", "/history", "/faqs", "/account/tokens"} {
			if got := bell(t, informer, page); got != "1" {
				t.Errorf("bell on %s: %s, want 1", page, got)
			}
		}
		if got := bell(t, agent, "/console"); got != "0" {
			t.Errorf("the author's own bell: %s", got)
		}
		_, body := informer.get("/notifications")
		id := regexp.MustCompile(`id="n(\d+)"`).FindStringSubmatch(body)
		if id == nil || !strings.Contains(body, "Tiquete #"+number) || !strings.Contains(body, "Carlos Gómez respondió") {
			t.Fatalf("notifications page: %s", body)
		}
		// Another user cannot mark it; a form without its token changes nothing.
		agent.post("/notifications/"+id[1]+"/read", nil)
		informer.post("/notifications/"+id[1]+"/read", url.Values{"csrf": {"wrong"}})
		if got := bell(t, informer, "/faqs"); got != "1" {
			t.Errorf("bell after foreign marks: %s, want 1", got)
		}
		if res, _ := informer.post("/notifications/"+id[1]+"/read", nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("mark read: %d", res.StatusCode)
		}
		if got := bell(t, informer, "/faqs"); got != "0" {
			t.Errorf("bell after mark read: %s", got)
		}
		reply()
		reply()
		if got := bell(t, informer, "/faqs"); got != "2" {
			t.Errorf("bell after two replies: %s", got)
		}
		if got := bell(t, informer, "/tickets/"+number); got != "0" {
			t.Errorf("opening the ticket left the bell at %s", got)
		}
		reply()
		if res, _ := informer.post("/notifications/read", nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("mark all: %d", res.StatusCode)
		}
		_, body = informer.get("/notifications?ok=notifications_read")
		if m := bellRE.FindStringSubmatch(body); m == nil || m[1] != "0" || strings.Contains(body, `class="unread"`) {
			t.Errorf("after mark all: %v", m)
		}
		// In English.
		informer.post("/lang", url.Values{"lang": {"en"}})
		reply()
		_, body = informer.get("/notifications")
		for _, want := range []string{"Carlos Gómez replied", "Ticket #" + number, "Mark as read", "Mark all as read", "Notifications: 1 unread"} {
			if !strings.Contains(body, want) {
				t.Errorf("English list lacks %q", want)
			}
		}
		if strings.Contains(body, "respondió") || strings.Contains(body, "Marcar") {
			t.Error("English list shows Spanish")
		}
	})
}
