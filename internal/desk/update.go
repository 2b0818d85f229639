package desk

import (
	"context"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// change loads a ticket in scope inside a write transaction, lets fn
// change it and append events, then saves it.
func (d *Desk) change(ctx context.Context, actor model.User, number int64, fn func(q *store.Q, t *model.Ticket) error) (model.Ticket, error) {
	var t model.Ticket
	err := d.tx(ctx, func(q *store.Q) error {
		var err error
		if t, err = q.TicketByNumber(ctx, scope(actor), number); err != nil {
			return err
		}
		if err := fn(q, &t); err != nil {
			return err
		}
		t.UpdatedAt = d.clock()
		return q.UpdateTicket(ctx, t)
	})
	return t, err
}

// setStatus moves t to a status, stamping resolved and closed times, and
// records the change.
func (d *Desk) setStatus(ctx context.Context, q *store.Q, actor model.User, t *model.Ticket, to model.Status) error {
	now := d.clock()
	from := t.Status
	t.Status = to
	switch to {
	case model.StatusResolved:
		t.ResolvedAt = now
	case model.StatusClosed:
		t.ClosedAt = now
	default:
		t.ResolvedAt, t.ClosedAt = time.Time{}, time.Time{}
	}
	_, err := d.record(ctx, q, t, model.Event{TicketID: t.ID, AuthorID: actor.ID, Kind: model.EventStatus,
		OldValue: string(from), NewValue: string(to), CreatedAt: now})
	return err
}

// Reply is a message on a ticket.
type Reply struct {
	Body     string
	Internal bool // an internal note, staff only
	Files    []Upload
}

// AddReply appends a public message or an internal note with files. A
// customer's reply reopens a ticket waiting for them or resolved; a staff
// reply stamps the first response. Customers cannot write on cerrado.
func (d *Desk) AddReply(ctx context.Context, actor model.User, number int64, r Reply) (model.Ticket, error) {
	r.Body = strings.TrimSpace(r.Body)
	v := &model.ValidationError{}
	checkText(v, "body", r.Body, MaxMessage, true)
	if r.Internal && !actor.Role.Staff() {
		return model.Ticket{}, model.ErrForbidden
	}
	atts, err := d.checkUploads(r.Files, 0)
	if err != nil {
		addUploadError(v, "files", err)
	}
	if err := v.Err(); err != nil {
		return model.Ticket{}, err
	}
	return d.change(ctx, actor, number, func(q *store.Q, t *model.Ticket) error {
		if t.Status == model.StatusClosed && !actor.Role.Staff() {
			return model.Invalid("body", "error.ticket_closed")
		}
		now := d.clock()
		kind := model.EventMessage
		if r.Internal {
			kind = model.EventNote
		}
		evID, err := d.record(ctx, q, t, model.Event{TicketID: t.ID, AuthorID: actor.ID, Kind: kind, Body: r.Body, CreatedAt: now})
		if err != nil {
			return err
		}
		if err := d.storeUploads(ctx, q, atts, t.ID, evID, 0, r.Files); err != nil {
			return err
		}
		if err := q.QueueTicketIndex(ctx, t.ID); err != nil {
			return err
		}
		switch {
		case actor.Role.Staff() && !r.Internal && t.FirstResponseAt.IsZero():
			t.FirstResponseAt = now
		case !actor.Role.Staff():
			if next := model.StatusAfterCustomerReply(t.Status); next != t.Status {
				return d.setStatus(ctx, q, actor, t, next)
			}
		}
		return nil
	})
}

// ChangeStatus moves a ticket by the lifecycle rules.
func (d *Desk) ChangeStatus(ctx context.Context, actor model.User, number int64, to model.Status) (model.Ticket, error) {
	if !to.Valid() {
		return model.Ticket{}, model.Invalid("status", "error.choose")
	}
	return d.change(ctx, actor, number, func(q *store.Q, t *model.Ticket) error {
		if t.Status == to {
			return nil
		}
		if !model.CanChangeStatus(actor.Role, t.Status, to) ||
			(!actor.Role.Staff() && !model.CustomerMayClose(actor, *t)) {
			return model.Invalid("status", "error.status_not_allowed")
		}
		return d.setStatus(ctx, q, actor, t, to)
	})
}

// Assign gives a ticket to an agent, or to nobody with assigneeID 0.
func (d *Desk) Assign(ctx context.Context, actor model.User, number, assigneeID int64) (model.Ticket, error) {
	if !actor.Role.Staff() {
		return model.Ticket{}, model.ErrForbidden
	}
	var name string
	if assigneeID != 0 {
		u, err := d.st.Read().UserByID(ctx, assigneeID)
		if err != nil || !u.Role.Staff() || !u.Active {
			return model.Ticket{}, model.Invalid("assignee", "error.choose")
		}
		name = u.Name
	}
	return d.change(ctx, actor, number, func(q *store.Q, t *model.Ticket) error {
		if t.AssigneeID == assigneeID {
			return nil
		}
		old := t.Assignee
		t.AssigneeID, t.Assignee = assigneeID, name
		_, err := d.record(ctx, q, t, model.Event{TicketID: t.ID, AuthorID: actor.ID, Kind: model.EventAssign,
			OldValue: old, NewValue: name, CreatedAt: d.clock()})
		return err
	})
}

// SetPriority sets the agent's priority.
func (d *Desk) SetPriority(ctx context.Context, actor model.User, number int64, priority string) (model.Ticket, error) {
	if !actor.Role.Staff() {
		return model.Ticket{}, model.ErrForbidden
	}
	if !model.OneOf(priority, model.Levels()) {
		return model.Ticket{}, model.Invalid("priority", "error.choose")
	}
	return d.change(ctx, actor, number, func(q *store.Q, t *model.Ticket) error {
		if t.Priority == priority {
			return nil
		}
		old := t.Priority
		t.Priority = priority
		_, err := d.record(ctx, q, t, model.Event{TicketID: t.ID, AuthorID: actor.ID, Kind: model.EventPriority,
			OldValue: old, NewValue: priority, CreatedAt: d.clock()})
		return err
	})
}

// SetModule reclassifies a ticket.
func (d *Desk) SetModule(ctx context.Context, actor model.User, number, moduleID int64) (model.Ticket, error) {
	if !actor.Role.Staff() {
		return model.Ticket{}, model.ErrForbidden
	}
	mods, err := d.Modules(ctx)
	if err != nil {
		return model.Ticket{}, err
	}
	name := ""
	for _, m := range mods {
		if m.ID == moduleID {
			name = m.Name
		}
	}
	if name == "" {
		return model.Ticket{}, model.Invalid("module", "error.choose")
	}
	return d.change(ctx, actor, number, func(q *store.Q, t *model.Ticket) error {
		if t.ModuleID == moduleID {
			return nil
		}
		old := t.Module
		t.ModuleID, t.Module = moduleID, name
		_, err := d.record(ctx, q, t, model.Event{TicketID: t.ID, AuthorID: actor.ID, Kind: model.EventModule,
			OldValue: old, NewValue: name, CreatedAt: d.clock()})
		return err
	})
}

// ParseNumber reads a ticket number typed as "1042" or "#1042".
func ParseNumber(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil && n > 0
}
