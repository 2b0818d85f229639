package desk_test

import (
	"encoding/json"
	"slices"
	"sort"
	"testing"

	"helpdesk/internal/apptest"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/storetest"
)

// An event's e-mails are one job in its transaction; expanding it queues
// one mail per recipient, dated when the event was, and expanding it
// again (its runner died after the commit) adds none.
func TestEventMailsExpandOncePerRecipient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db storetest.DB) {
		env := apptest.Demo(t, db)
		d, q := env.Desk, env.Store.Read()
		n := validTicket()
		n.CC = "copia@cliente.test, " + manager
		tk, err := d.OpenTicket(ctx, env.User(t, informer), n, "")
		if err != nil {
			t.Fatal(err)
		}
		if js, _ := q.Jobs(ctx, desk.JobMail, 100); len(js) != 0 {
			t.Errorf("%d single mail jobs in the event's transaction, want none", len(js))
		}
		events, err := q.Jobs(ctx, desk.JobEventMails, 100)
		if err != nil || len(events) != 1 {
			t.Fatalf("event mail jobs %v %v, want one", events, err)
		}
		want := []string{manager, "copia@cliente.test", admin, agent, support}
		sort.Strings(want)
		for run := 1; run <= 2; run++ {
			if err := d.ExpandMails(ctx, events[0]); err != nil {
				t.Fatal(err)
			}
			js, err := q.Jobs(ctx, desk.JobMail, 100)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, j := range js {
				var m model.Mail
				if err := json.Unmarshal([]byte(j.Payload), &m); err != nil {
					t.Fatal(err)
				}
				got = append(got, m.To)
				if m.TicketNumber != tk.Number || m.Template != "ticket_created" || !j.CreatedAt.Equal(events[0].CreatedAt) ||
					j.MaxAttempts < 2 {
					t.Errorf("run %d: mail job %+v (%+v)", run, j, m)
				}
			}
			sort.Strings(got)
			if !slices.Equal(got, want) {
				t.Errorf("run %d: mails to %v, want one each to %v", run, got, want)
			}
		}
	})
}
