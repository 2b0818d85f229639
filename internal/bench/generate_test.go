package bench

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
	"helpdesk/internal/storetest"
)

// TestGenerate checks the generated data: counts, conversations of five
// events on average, FAQs findable as publishing indexes them, ticket
// numbers going on after the load, and reuse or refusal on a second run.
func TestGenerate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		ctx := context.Background()
		st := db.Open(t)
		sz, err := SizeByName("tiny")
		if err != nil {
			t.Fatal(err)
		}
		var log strings.Builder
		ds, err := Generate(ctx, st, sz, 4, time.Now(), &log)
		if err != nil {
			t.Fatal(err)
		}
		if ds.Reused || !strings.Contains(log.String(), "generated the tiny data set") {
			t.Errorf("first run: reused %v, log %q", ds.Reused, log.String())
		}
		ts, err := st.TicketStorage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ts != ds.Storage || ts.Tickets != int64(sz.Tickets) || ts.Bytes <= ts.TextBytes || ts.TextBytes == 0 || ts.Index == 0 {
			t.Errorf("storage %+v", ts)
		}
		if n, err := st.Read().QueuedTicketCount(ctx); err != nil || n != 0 {
			t.Errorf("%d tickets left to index (%v)", n, err)
		}
		d := desk.New(desk.Options{Store: st, PasswordCost: 4})
		agent, err := st.Read().UserByEmail(ctx, ds.Agents[0])
		if err != nil {
			t.Fatal(err)
		}
		// finds tells whether searching text as u, just below ticket v,
		// finds v first: every generated ticket is indexed as loaded.
		finds := func(u model.User, v desk.TicketView, text string) bool {
			words := strings.Fields(text)
			text = strings.Join(words[:min(len(words), 6)], " ")
			h, err := d.SearchTickets(ctx, u, text, model.TicketFilter{}, v.Ticket.ID+1)
			if err != nil {
				t.Fatalf("search %q: %v", text, err)
			}
			return len(h.Tickets) > 0 && h.Tickets[0].ID == v.Ticket.ID
		}
		events, notes := 0, 0
		for n := int64(firstNumber); n <= ds.MaxNumber; n++ {
			v, err := d.Ticket(ctx, agent, n)
			if err != nil {
				t.Fatalf("ticket %d: %v", n, err)
			}
			if v.Timeline[0].Kind != model.EventCreated {
				t.Errorf("ticket %d starts with %s", n, v.Timeline[0].Kind)
			}
			events += len(v.Timeline)
			if n%10 == 0 && !finds(agent, v, v.Ticket.Title) {
				t.Errorf("staff search for the title of ticket %d does not find it", n)
			}
			for _, e := range v.Timeline {
				if e.Kind == model.EventNote {
					notes++
					if !finds(agent, v, e.Body) {
						t.Errorf("staff search for a note of ticket %d does not find it", n)
					}
				}
			}
		}
		if notes == 0 {
			t.Error("no internal notes generated")
		}
		if avg := float64(events) / float64(sz.Tickets); avg < 4.5 || avg > 5.5 {
			t.Errorf("%.1f events a ticket, want about 5", avg)
		} else {
			t.Logf("%.2f events a ticket", avg)
		}
		cust, err := st.Read().UserByEmail(ctx, ds.Customers[0])
		if err != nil {
			t.Fatal(err)
		}
		l, err := d.Tickets(ctx, cust, model.TicketFilter{})
		if err != nil || len(l.Tickets) == 0 {
			t.Errorf("customer %s sees %d tickets, %v", cust.Email, len(l.Tickets), err)
		}
		faqs, err := d.SearchFAQs(ctx, ds.FAQTitles[3], 5)
		if err != nil || len(faqs) == 0 || !strings.HasPrefix(faqs[0].Title, ds.FAQTitles[3]) {
			t.Errorf("search %q: %v %v", ds.FAQTitles[3], faqs, err)
		}
		tk, err := d.OpenTicket(ctx, cust, desk.NewTicket{Title: "Otro", Module: ds.Modules[0], Type: "Error",
			Urgency: "Media", Description: "Sale un error"}, "")
		if err != nil || tk.Number != ds.MaxNumber+1 {
			t.Errorf("new ticket number %d (%v), want %d", tk.Number, err, ds.MaxNumber+1)
		}
		if _, err := d.LogIn(ctx, ds.Customers[0], Password, "127.0.0.1", "api"); err != nil {
			t.Errorf("log in with the generated password: %v", err)
		}

		if _, err := d.AddReply(ctx, agent, firstNumber, desk.Reply{Body: "Ya quedó"}); err != nil {
			t.Fatal(err)
		}
		again, err := Generate(ctx, st, sz, 4, time.Now(), io.Discard)
		if err != nil || !again.Reused || again.MaxEvent != ds.MaxEvent || again.MaxEvent == 0 || again.Storage != ds.Storage {
			t.Errorf("second run: reused %v, events up to %d (first %d), %v", again.Reused, again.MaxEvent, ds.MaxEvent, err)
		}
		if err := Trim(ctx, st, again); err != nil {
			t.Fatal(err)
		}
		if after, err := st.TicketStorage(ctx); err != nil || after.Tickets != ts.Tickets || after.TextBytes != ts.TextBytes {
			t.Errorf("after trimming %+v (%v), want as generated %+v", after, err, ts)
		}
		if tk, err := d.OpenTicket(ctx, cust, desk.NewTicket{Title: "Otro más", Module: ds.Modules[0], Type: "Error",
			Urgency: "Media", Description: "Sale un error"}, ""); err != nil || tk.Number != ds.MaxNumber+1 {
			t.Errorf("after trimming, new ticket number %d (%v), want %d", tk.Number, err, ds.MaxNumber+1)
		}
		small, _ := SizeByName("small")
		if _, err := Generate(ctx, st, small, 4, time.Now(), io.Discard); err == nil ||
			!strings.Contains(err.Error(), "holds the tiny data set") {
			t.Errorf("other size: %v", err)
		}
		var n int
		if err := st.Tx(ctx, func(q *store.Q) error { var err error; n, err = q.CountUsers(ctx); return err }); err != nil ||
			n != 1+sz.Staff+sz.Users {
			t.Errorf("users %d (%v), want %d", n, err, 1+sz.Staff+sz.Users)
		}
	})
}

func TestNIT(t *testing.T) {
	// 900123456-8 is the demo hardware store's NIT, computed by the DIAN's rule.
	for i, want := range map[int]string{123456: "900123456-8"} {
		if got := nit(i); got != want {
			t.Errorf("nit(%d) = %s, want %s", i, got, want)
		}
	}
}
