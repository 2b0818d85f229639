package desk

import (
	"context"
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// Text limits, in runes.
const (
	MaxTitle       = 200
	MaxDescription = 20000
	MaxMessage     = 20000
	MaxVersion     = 40
)

// NewTicket is what a customer files.
type NewTicket struct {
	Title       string
	Module      string // module name
	Type        string
	Urgency     string
	Description string
	Version     string
	CC          string // e-mails to copy, separated by commas or spaces
	// Contacts are ids of the reporter's own contacts to copy: their
	// e-mails join CC when the ticket is filed.
	Contacts []int64 `json:",omitempty"`
}

// validate checks the fields and resolves the module, reading through q
// (inside a transaction, the pool may have no other connection to give).
func (d *Desk) validate(ctx context.Context, q *store.Q, n *NewTicket) (model.Module, error) {
	v := &model.ValidationError{}
	n.Title = strings.TrimSpace(n.Title)
	n.Description = strings.TrimSpace(n.Description)
	n.Version = strings.TrimSpace(n.Version)
	checkLine(v, "title", n.Title, MaxTitle, true)
	checkText(v, "description", n.Description, MaxDescription, true)
	checkLine(v, "version", n.Version, MaxVersion, false)
	if !model.OneOf(n.Type, model.TicketTypes()) {
		v.Add("type", "error.choose")
	}
	if !model.OneOf(n.Urgency, model.Levels()) {
		v.Add("urgency", "error.choose")
	}
	m, err := moduleByName(ctx, q, n.Module)
	if errors.Is(err, model.ErrNotFound) {
		v.Add("module", "error.choose")
	} else if err != nil {
		return m, err
	}
	cc, ok := normalizeCC(n.CC)
	if !ok {
		v.Add("cc", "error.email")
	}
	n.CC = cc
	return m, v.Err()
}

func checkText(v *model.ValidationError, field, s string, max int, required bool) {
	switch {
	case required && s == "":
		v.Add(field, "error.required")
	case !utf8.ValidString(s) || strings.ContainsFunc(s, badControl):
		v.Add(field, "error.invalid_text")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "error.too_long", max)
	}
}

// checkLine is checkText for one-line values (titles, names, phones):
// a line break there would show up in a list, a mail subject or a header.
func checkLine(v *model.ValidationError, field, s string, max int, required bool) {
	if strings.ContainsAny(s, "\r\n\u0085\u2028\u2029") {
		v.Add(field, "error.invalid_text")
		return
	}
	checkText(v, field, s, max, required)
}

// badControl reports control characters that have no place in text typed
// by a person (NUL, escapes…); tabs and line breaks are fine.
func badControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}

// normalizeCC parses a list of e-mail addresses into "a@x, b@y".
func normalizeCC(s string) (string, bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' || r == '\r' })
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		a, err := mail.ParseAddress(f)
		if err != nil || a.Address != f || len(out) >= 10 {
			return s, false
		}
		f = strings.ToLower(f)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return strings.Join(out, ", "), true
}

// OpenTicket files a ticket for a customer. A repeated idempotency key
// returns the ticket already created instead of a second one.
func (d *Desk) OpenTicket(ctx context.Context, actor model.User, n NewTicket, idemKey string) (model.Ticket, error) {
	var t model.Ticket
	err := d.tx(ctx, func(q *store.Q) error {
		var err error
		t, err = d.openTicket(ctx, q, actor, n, idemKey, 0)
		return err
	})
	if err != nil {
		return model.Ticket{}, err
	}
	return d.st.Read().TicketByNumber(ctx, store.Scope{}, t.Number)
}

// openTicket creates the ticket inside a transaction; draftID's files move
// onto the creation event.
func (d *Desk) openTicket(ctx context.Context, q *store.Q, actor model.User, n NewTicket, idemKey string, draftID int64) (model.Ticket, error) {
	if actor.Role.Staff() || actor.CompanyID == 0 {
		return model.Ticket{}, model.ErrForbidden
	}
	if idemKey != "" {
		idemKey = ownKey(actor, idemKey)
		t, err := q.TicketByIdempotencyKey(ctx, idemKey)
		if err == nil {
			if t.ReporterID != actor.ID {
				return model.Ticket{}, model.ErrConflict
			}
			return t, nil
		}
		if !errors.Is(err, model.ErrNotFound) {
			return t, err
		}
	}
	if len(n.Contacts) > 0 {
		emails, err := contactsCC(ctx, q, actor, n.Contacts)
		if err != nil {
			return model.Ticket{}, err
		}
		n.CC = strings.Join(append([]string{n.CC}, emails...), ", ")
	}
	mod, err := d.validate(ctx, q, &n)
	if err != nil {
		return model.Ticket{}, err
	}
	now := d.clock()
	num, err := q.NextNumber(ctx, "ticket", 1000)
	if err != nil {
		return model.Ticket{}, err
	}
	t := model.Ticket{Number: num, Title: n.Title, ModuleID: mod.ID, Type: n.Type, Urgency: n.Urgency,
		Description: n.Description, Version: n.Version, ReporterID: actor.ID, CompanyID: actor.CompanyID,
		Status: model.StatusOpen, CC: n.CC, CreatedAt: now}
	if t.ID, err = q.CreateTicket(ctx, t, idemKey); err != nil {
		return t, err
	}
	if err := q.QueueTicketIndex(ctx, t.ID); err != nil {
		return t, err
	}
	evID, err := d.record(ctx, q, &t, model.Event{TicketID: t.ID, AuthorID: actor.ID, Kind: model.EventCreated,
		NewValue: string(model.StatusOpen), CreatedAt: now})
	if err != nil {
		return t, err
	}
	if draftID != 0 {
		if err := q.MoveDraftAttachments(ctx, draftID, t.ID, evID); err != nil {
			return t, err
		}
	}
	return t, nil
}

// ownKey scopes an idempotency key to its user: the same key sent by two
// people files two tickets, never one person's answer to the other.
func ownKey(actor model.User, key string) string {
	return strconv.FormatInt(actor.ID, 10) + ":" + key
}

// TicketList is one page of tickets.
type TicketList struct {
	Tickets []model.Ticket
	More    bool // another page follows the last ticket
}

// Tickets lists the tickets the actor may see, newest first.
func (d *Desk) Tickets(ctx context.Context, actor model.User, f model.TicketFilter) (TicketList, error) {
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 25
	}
	want := f.Limit
	f.Limit++
	ts, err := d.st.Read().Tickets(ctx, scope(actor), f)
	if err != nil {
		return TicketList{}, err
	}
	l := TicketList{Tickets: ts}
	if len(ts) > want {
		l.Tickets, l.More = ts[:want], true
	}
	return l, nil
}

// StatusCounts counts the tickets the actor may see per status.
func (d *Desk) StatusCounts(ctx context.Context, actor model.User) (map[model.Status]int, error) {
	return d.st.Read().StatusCounts(ctx, scope(actor))
}

// CountCap is where the queue's counts stop: past it a page shows
// "1000+" rather than pay for an exact number.
const CountCap = 1000

// QueueCounts counts per status the tickets the actor may see that pass
// the filter's module, company and assignee; each count stops at
// CountCap+1.
func (d *Desk) QueueCounts(ctx context.Context, actor model.User, f model.TicketFilter) (map[model.Status]int, error) {
	return d.st.Read().QueueCounts(ctx, scope(actor), f, CountCap)
}

// TicketView is a ticket with the timeline its reader may see.
type TicketView struct {
	Ticket   model.Ticket
	Timeline []model.Event
}

// Ticket returns a ticket by number; ErrNotFound when it does not exist or
// the actor may not see it (the two are indistinguishable).
func (d *Desk) Ticket(ctx context.Context, actor model.User, number int64) (TicketView, error) {
	q := d.st.Read()
	t, err := q.TicketByNumber(ctx, scope(actor), number)
	if err != nil {
		return TicketView{}, err
	}
	evs, err := q.Events(ctx, t.ID, actor.Role.Staff())
	return TicketView{Ticket: t, Timeline: evs}, err
}
