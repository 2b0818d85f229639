// Package seed fills an empty help desk with demo data.
package seed

import (
	"context"
	"fmt"
	"sort"
	"time"

	"helpdesk/internal/demo"
	"helpdesk/internal/desk"
	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// DemoPassword is the password of every demo account.
const DemoPassword = "helpdesk-demo"

// Demo fills an empty database with the demo vendor, companies,
// accounts, FAQs and tickets; on a database with users it does nothing and
// returns false. Tickets are filed through desk with a clock set back in
// time, so their timelines are the ones real use would write.
func Demo(ctx context.Context, st *store.Store, now time.Time, passwordCost int) (bool, error) {
	n, err := st.Read().CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	clock := now
	d := desk.New(desk.Options{Store: st, Now: func() time.Time { return clock }, PasswordCost: passwordCost, Quiet: true})
	hash, err := d.HashPassword(DemoPassword)
	if err != nil {
		return false, err
	}
	users := map[string]model.User{}
	err = st.Tx(ctx, func(q *store.Q) error {
		name, phone, notice := demo.Vendor()
		if err := q.SaveSettings(ctx, model.Settings{VendorName: name, VendorPhone: phone, ScopeNotice: notice,
			ScopeNoticeEN: demo.ScopeNoticeEN}); err != nil {
			return err
		}
		for i, m := range demo.Modules() {
			if _, err := q.CreateModule(ctx, m, i+1); err != nil {
				return err
			}
		}
		companies := map[string]int64{}
		for _, c := range demo.Companies() {
			// The bakery shares tickets among its people, the hardware store
			// does not: the demo shows both ways.
			share := c.Key == "panaderia"
			id, err := q.CreateCompany(ctx, model.Company{Name: c.Name, NIT: c.NIT, Active: true, ShareTickets: share}, now)
			if err != nil {
				return err
			}
			companies[c.Key] = id
		}
		for _, a := range demo.Accounts() {
			u := model.User{Email: a.Email, Name: a.Name, Role: model.Role(a.Role), CompanyID: companies[a.Company],
				PasswordHash: hash, Active: true, Language: "es", TimeZone: "America/Bogota", EmailNotifications: true}
			if _, err := q.CreateUser(ctx, u, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("demo accounts: %w", err)
	}
	for _, a := range demo.Accounts() {
		if users[a.Email], err = st.Read().UserByEmail(ctx, a.Email); err != nil {
			return false, err
		}
	}
	admin := users["admin@oceanic.test"]
	for _, f := range demo.FAQs() {
		m, err := d.ModuleByName(ctx, f.Module)
		if err != nil {
			return false, fmt.Errorf("demo FAQ %q: module %q: %w", f.Title, f.Module, err)
		}
		saved, err := d.SaveFAQ(ctx, admin, model.FAQ{ModuleID: m.ID, Title: f.Title, Situation: f.Situation, Cause: f.Cause, Solution: f.Solution})
		if err != nil {
			return false, fmt.Errorf("demo FAQ %q: %w", f.Title, err)
		}
		if err := d.PublishFAQ(ctx, admin, saved.ID, true); err != nil {
			return false, err
		}
	}
	// Filed oldest first, as real use would: ticket numbers and ids then
	// grow with creation time, which the search's newest-first order
	// relies on.
	created := func(t demo.Ticket) time.Time {
		return now.AddDate(0, 0, -t.DaysAgo).Add(-time.Duration(len(t.Title)%9) * time.Hour)
	}
	tickets := demo.Tickets()
	sort.SliceStable(tickets, func(i, j int) bool { return created(tickets[i]).Before(created(tickets[j])) })
	for _, t := range tickets {
		created := created(t)
		clock = created
		if err := loadTicket(ctx, d, users, t, created, now, func(c time.Time) { clock = c }); err != nil {
			return false, fmt.Errorf("demo ticket %q: %w", t.Title, err)
		}
	}
	return true, nil
}

// loadTicket files one demo ticket and plays its events. A ticket that
// ends resuelto was resolved within the last days, so it is still waiting
// for its customer's confirmation instead of closing itself at once.
func loadTicket(ctx context.Context, d *desk.Desk, users map[string]model.User, t demo.Ticket, created, now time.Time, setClock func(time.Time)) error {
	tk, err := d.OpenTicket(ctx, users[t.Reporter], desk.NewTicket{Title: t.Title, Module: t.Module, Type: t.Type,
		Urgency: t.Urgency, Description: t.Description, Version: t.Version}, "")
	if err != nil {
		return err
	}
	if t.Assignee != "" {
		agent := users[t.Assignee]
		setClock(created.Add(20 * time.Minute))
		if _, err := d.Assign(ctx, agent, tk.Number, agent.ID); err != nil {
			return err
		}
		if t.Priority != "" {
			if _, err := d.SetPriority(ctx, agent, tk.Number, t.Priority); err != nil {
				return err
			}
		}
	}
	for i, e := range t.Events {
		at := created.Add(time.Duration(e.Hours)*time.Hour + time.Duration(i+1)*time.Minute)
		if i == len(t.Events)-1 && e.Status == string(model.StatusResolved) {
			if recent := now.Add(-time.Duration(30+len(t.Title)%40) * time.Hour); at.Before(recent) {
				at = recent
			}
		}
		setClock(at)
		author := users[e.Author]
		if e.Body != "" {
			if tk, err = d.AddReply(ctx, author, tk.Number, desk.Reply{Body: e.Body, Internal: e.Internal}); err != nil {
				return err
			}
		}
		if e.Status != "" && string(tk.Status) != e.Status {
			if tk, err = d.ChangeStatus(ctx, author, tk.Number, model.Status(e.Status)); err != nil {
				return err
			}
		}
	}
	return nil
}
