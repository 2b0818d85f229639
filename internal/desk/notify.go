package desk

import (
	"context"
	"strconv"
	"strings"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// recipient is one person an event reaches, with what it is to them.
type recipient struct {
	user model.User
	kind string
}

// notify writes the notifications and queues the e-mails of a ticket
// event, in the event's transaction: who gets what is fixed now. The
// author is never told of their own action; each person gets at most one
// notification and one e-mail per event, whatever their roles on the
// ticket; internal notes reach staff only; inactive people get nothing;
// people who turned e-mail off get the notification only. Addresses
// copied on the ticket get e-mails of its public changes.
func (d *Desk) notify(ctx context.Context, q *store.Q, t *model.Ticket, e model.Event) error {
	if d.quiet {
		return nil
	}
	author, err := q.UserByID(ctx, e.AuthorID)
	if err != nil {
		return err
	}
	people, copied, err := d.recipients(ctx, q, t, e, author)
	if err != nil || (len(people) == 0 && !copied) {
		return err
	}
	template, args, err := d.mailText(ctx, q, t, e, author)
	if err != nil {
		return err
	}
	// A deactivated company's people cannot open the ticket: its news
	// reaches the staff only until the company is active again.
	company, err := q.CompanyByID(ctx, t.CompanyID)
	if err != nil {
		return err
	}
	customers := company.Active
	event := "ev" + strconv.FormatInt(e.ID, 10)
	path := "/tickets/" + strconv.FormatInt(t.Number, 10)
	seenUser := map[int64]bool{author.ID: true}
	seenMail := map[string]bool{strings.ToLower(author.Email): true}
	var ns []model.Notification
	var mails []model.Mail
	for _, r := range people {
		u := r.user
		if seenUser[u.ID] || !u.Active || u.Role == model.RoleSystem || (!u.Role.Staff() && (e.Internal() || !customers)) {
			continue
		}
		seenUser[u.ID] = true
		ns = append(ns, model.Notification{UserID: u.ID, TicketID: t.ID, EventID: e.ID, Kind: r.kind, CreatedAt: e.CreatedAt})
		addr := strings.ToLower(u.Email)
		if !u.EmailNotifications || seenMail[addr] {
			continue
		}
		seenMail[addr] = true
		m := mailTo(u, mailTemplate(template, r.kind), args...)
		m.Path, m.TicketNumber, m.Event = path, t.Number, event
		mails = append(mails, m)
	}
	if copied && !e.Internal() && customers {
		cc, err := d.copiedMails(ctx, q, t, seenMail, model.Mail{Template: template, Args: args, TicketNumber: t.Number, Event: event})
		if err != nil {
			return err
		}
		mails = append(mails, cc...)
	}
	if err := q.AddNotifications(ctx, ns); err != nil {
		return err
	}
	return d.enqueueEventMails(ctx, q, event, mails)
}

// copiedMails addresses a mail like base to each address copied on the
// ticket not in seen (people with an account there are read in one query;
// those inactive or with e-mail off get none).
func (d *Desk) copiedMails(ctx context.Context, q *store.Q, t *model.Ticket, seen map[string]bool, base model.Mail) ([]model.Mail, error) {
	var addrs []string
	for _, addr := range strings.Split(t.CC, ",") {
		addr = strings.ToLower(strings.TrimSpace(addr))
		if addr == "" || seen[addr] {
			continue
		}
		seen[addr] = true
		addrs = append(addrs, addr)
	}
	if len(addrs) == 0 {
		return nil, nil
	}
	users, err := q.UsersByEmail(ctx, addrs)
	if err != nil {
		return nil, err
	}
	var out []model.Mail
	for _, addr := range addrs {
		m := base
		m.To = addr
		if u, ok := users[addr]; ok {
			if !u.Active || !u.EmailNotifications || u.Role == model.RoleSystem {
				continue
			}
			m.Name, m.Lang, m.TimeZone = u.Name, u.Language, u.TimeZone
		}
		out = append(out, m)
	}
	return out, nil
}

// recipients lists who an event reaches, most specific reason first, and
// whether the ticket's copied addresses get it too.
func (d *Desk) recipients(ctx context.Context, q *store.Q, t *model.Ticket, e model.Event, author model.User) ([]recipient, bool, error) {
	var out []recipient
	add := func(kind string, us ...model.User) {
		for _, u := range us {
			out = append(out, recipient{user: u, kind: kind})
		}
	}
	var assignee []model.User
	if t.AssigneeID != 0 {
		u, err := q.UserByID(ctx, t.AssigneeID)
		if err != nil {
			return nil, false, err
		}
		assignee = []model.User{u}
	}
	customers := func(kind string) error {
		reporter, err := q.UserByID(ctx, t.ReporterID)
		if err != nil {
			return err
		}
		admins, err := q.CompanyAdmins(ctx, t.CompanyID)
		if err != nil {
			return err
		}
		add(kind, reporter)
		add(kind, admins...)
		return nil
	}
	switch e.Kind {
	case model.EventCreated:
		admins, err := q.CompanyAdmins(ctx, t.CompanyID)
		if err != nil {
			return nil, false, err
		}
		staff, err := q.Staff(ctx)
		if err != nil {
			return nil, false, err
		}
		add(model.NotifyCreated, admins...)
		add(model.NotifyCreated, staff...)
		return out, true, nil
	case model.EventMessage:
		if !author.Role.Staff() {
			add(model.NotifyCustomerReply, assignee...)
		}
		if err := customers(model.NotifyReply); err != nil {
			return nil, false, err
		}
		add(model.NotifyReply, assignee...)
		return out, true, nil
	case model.EventNote:
		add(model.NotifyNote, assignee...)
		return out, false, nil
	case model.EventStatus:
		if err := customers(model.NotifyStatus); err != nil {
			return nil, false, err
		}
		if !author.Role.Staff() { // the customer or the system moved it: the agent should know
			add(model.NotifyStatus, assignee...)
		}
		return out, true, nil
	case model.EventAssign:
		add(model.NotifyAssigned, assignee...)
		return out, false, nil
	}
	return nil, false, nil
}

// mailText picks an event's mail template and its arguments (user-written
// values: the renderer escapes them).
func (d *Desk) mailText(ctx context.Context, q *store.Q, t *model.Ticket, e model.Event, author model.User) (string, []string, error) {
	switch e.Kind {
	case model.EventCreated:
		desc := t.Description
		return "ticket_created", []string{t.Title, author.Name, author.CompanyName, desc}, nil
	case model.EventMessage, model.EventNote:
		return "ticket_reply", []string{t.Title, author.Name, e.Body}, nil
	case model.EventStatus:
		if author.Role == model.RoleSystem {
			days, err := autoCloseDays(ctx, q)
			return "ticket_autoclosed", []string{t.Title, strconv.Itoa(days)}, err
		}
		return "ticket_status_" + e.NewValue, []string{t.Title, author.Name}, nil
	case model.EventAssign:
		return "ticket_assigned", []string{t.Title, author.Name}, nil
	}
	return "", nil, nil
}

// mailTemplate refines the event's template for a recipient: an agent
// hears of a customer's reply or a note in words of their own.
func mailTemplate(template, kind string) string {
	switch kind {
	case model.NotifyCustomerReply:
		return "ticket_customer_reply"
	case model.NotifyNote:
		return "ticket_note"
	}
	return template
}

// NotificationPage is one page of a person's notifications.
type NotificationPage struct {
	Notifications []model.Notification
	Unread        int
	More          bool // an older page follows
}

// Notifications lists the actor's notifications newest first, before an
// id (0 for the newest), with the unread count.
func (d *Desk) Notifications(ctx context.Context, actor model.User, unreadOnly bool, before int64, limit int) (NotificationPage, error) {
	if limit <= 0 || limit > 100 {
		limit = 25
	}
	q := d.st.Read()
	ns, err := q.Notifications(ctx, actor.ID, unreadOnly, before, limit+1)
	if err != nil {
		return NotificationPage{}, err
	}
	p := NotificationPage{Notifications: ns}
	if len(ns) > limit {
		p.Notifications, p.More = ns[:limit], true
	}
	p.Unread, err = q.UnreadCount(ctx, actor.ID)
	return p, err
}

// UnreadCount is the number on the actor's bell.
func (d *Desk) UnreadCount(ctx context.Context, actor model.User) (int, error) {
	if actor.ID == 0 {
		return 0, nil
	}
	return d.st.Read().UnreadCount(ctx, actor.ID)
}

// MarkRead marks some of the actor's notifications read; ids of other
// people's notifications are ignored. It returns how many changed.
func (d *Desk) MarkRead(ctx context.Context, actor model.User, ids []int64) (int64, error) {
	if len(ids) > 500 {
		return 0, model.Invalid("ids", "error.too_many_ids", 500)
	}
	var n int64
	err := d.st.Tx(ctx, func(q *store.Q) error {
		var err error
		n, err = q.MarkNotificationsRead(ctx, actor.ID, ids, d.clock())
		return err
	})
	return n, err
}

// MarkAllRead marks every notification of the actor read.
func (d *Desk) MarkAllRead(ctx context.Context, actor model.User) (int64, error) {
	return d.markAll(ctx, actor, 0)
}

// MarkTicketRead marks the actor's notifications about one ticket read
// (they opened it).
func (d *Desk) MarkTicketRead(ctx context.Context, actor model.User, ticketID int64) (int64, error) {
	if ticketID == 0 {
		return 0, nil
	}
	return d.markAll(ctx, actor, ticketID)
}

func (d *Desk) markAll(ctx context.Context, actor model.User, ticketID int64) (int64, error) {
	var n int64
	err := d.st.Tx(ctx, func(q *store.Q) error {
		var err error
		n, err = q.MarkAllNotificationsRead(ctx, actor.ID, ticketID, d.clock())
		return err
	})
	return n, err
}
