package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"helpdesk/internal/model"
)

// Scope limits tickets to what a user may see: staff see all (zero
// Scope); customers their company, and informers only what they reported
// unless the company shares tickets. Every customer read goes through it.
type Scope struct {
	CompanyID  int64
	ReporterID int64
}

const ticketColumns = `t.id, t.number, t.title, t.module_id, m.name, t.type, t.urgency, t.priority,
	t.description, t.version, t.reporter_id, r.name, r.email, t.company_id, c.name,
	COALESCE(t.assignee_id, 0), COALESCE(a.name, ''), t.status, t.cc,
	t.created_at, t.updated_at, t.first_response_at, t.resolved_at, t.closed_at`

const ticketFrom = ` FROM tickets t
	JOIN modules m ON m.id = t.module_id
	JOIN users r ON r.id = t.reporter_id
	JOIN companies c ON c.id = t.company_id
	LEFT JOIN users a ON a.id = t.assignee_id`

func scanTicket(sc interface{ Scan(...any) error }) (model.Ticket, error) {
	var t model.Ticket
	var created, updated int64
	var first, resolved, closed sql.NullInt64
	err := sc.Scan(&t.ID, &t.Number, &t.Title, &t.ModuleID, &t.Module, &t.Type, &t.Urgency, &t.Priority,
		&t.Description, &t.Version, &t.ReporterID, &t.Reporter, &t.ReporterEmail, &t.CompanyID, &t.Company,
		&t.AssigneeID, &t.Assignee, &t.Status, &t.CC,
		&created, &updated, &first, &resolved, &closed)
	t.CreatedAt = time.UnixMilli(created).UTC()
	t.UpdatedAt = time.UnixMilli(updated).UTC()
	t.FirstResponseAt, t.ResolvedAt, t.ClosedAt = fromMS(first), fromMS(resolved), fromMS(closed)
	return t, err
}

// CreateTicket inserts a ticket with its number already allocated.
func (q *Q) CreateTicket(ctx context.Context, t model.Ticket, idemKey string) (int64, error) {
	var key any
	if idemKey != "" {
		key = idemKey
	}
	return q.insert(ctx, `INSERT INTO tickets (number, title, module_id, type, urgency, priority, description,
		version, reporter_id, company_id, assignee_id, status, cc, idempotency_key, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
		t.Number, t.Title, t.ModuleID, t.Type, t.Urgency, t.Priority, t.Description, t.Version,
		t.ReporterID, t.CompanyID, nullID(t.AssigneeID), string(t.Status), t.CC, key, t.CreatedAt.UnixMilli())
}

// TicketByIdempotencyKey finds the ticket a draft already created.
func (q *Q) TicketByIdempotencyKey(ctx context.Context, key string) (model.Ticket, error) {
	t, err := scanTicket(q.row(ctx, `SELECT `+ticketColumns+ticketFrom+` WHERE t.idempotency_key = $1`, key))
	return t, notFound(err)
}

// TicketByNumber finds a ticket within a scope; outside it the ticket does
// not exist.
func (q *Q) TicketByNumber(ctx context.Context, sc Scope, number int64) (model.Ticket, error) {
	w := []string{"t.number = $1"}
	args := []any{number}
	w, args = sc.where(w, args)
	t, err := scanTicket(q.row(ctx, `SELECT `+ticketColumns+ticketFrom+` WHERE `+strings.Join(w, " AND "), args...))
	return t, notFound(err)
}

func (sc Scope) where(w []string, args []any) ([]string, []any) {
	if sc.CompanyID != 0 {
		args = append(args, sc.CompanyID)
		w = append(w, fmt.Sprintf("t.company_id = $%d", len(args)))
	}
	if sc.ReporterID != 0 {
		args = append(args, sc.ReporterID)
		w = append(w, fmt.Sprintf("t.reporter_id = $%d", len(args)))
	}
	return w, args
}

// filterWhere adds the scope and a filter's conditions (all but its
// cursor and limit) on tickets t.
func filterWhere(sc Scope, f model.TicketFilter, w []string, args []any) ([]string, []any) {
	w, args = sc.where(w, args)
	add := func(cond string, v any) {
		args = append(args, v)
		w = append(w, fmt.Sprintf(cond, len(args)))
	}
	if f.Status != "" {
		add("t.status = $%d", string(f.Status))
	} else if f.OpenOnly {
		add("t.status <> $%d", string(model.StatusClosed))
	}
	if f.ModuleID != 0 {
		add("t.module_id = $%d", f.ModuleID)
	}
	if f.CompanyID != 0 {
		add("t.company_id = $%d", f.CompanyID)
	}
	if f.AssigneeID != 0 {
		add("t.assignee_id = $%d", f.AssigneeID)
	}
	if f.Unassigned {
		w = append(w, "t.assignee_id IS NULL")
	}
	return w, args
}

// Tickets lists tickets in scope, newest first, one keyset page.
func (q *Q) Tickets(ctx context.Context, sc Scope, f model.TicketFilter) ([]model.Ticket, error) {
	w, args := filterWhere(sc, f, []string{"1 = 1"}, nil)
	if !f.BeforeCreated.IsZero() {
		args = append(args, f.BeforeCreated.UnixMilli(), f.BeforeID)
		n := len(args)
		w = append(w, fmt.Sprintf("(t.created_at < $%d OR (t.created_at = $%d AND t.id < $%d))", n-1, n-1, n))
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	args = append(args, limit)
	rows, err := q.query(ctx, `SELECT `+ticketColumns+ticketFrom+` WHERE `+strings.Join(w, " AND ")+
		fmt.Sprintf(` ORDER BY t.created_at DESC, t.id DESC LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// StatusCounts counts tickets in scope per status.
func (q *Q) StatusCounts(ctx context.Context, sc Scope) (map[model.Status]int, error) {
	w, args := sc.where([]string{"1 = 1"}, nil)
	rows, err := q.query(ctx, `SELECT t.status, count(*) FROM tickets t WHERE `+strings.Join(w, " AND ")+
		` GROUP BY t.status`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[model.Status]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[model.Status(s)] = n
	}
	return out, rows.Err()
}

// QueueCounts counts, per status, the tickets in scope that pass a filter's
// module, company and assignee conditions (its status and cursor are left
// out), each count stopping at limit+1: a number read off an index range
// of bounded length, whatever the size of the help desk. A count above
// limit means "more than limit".
func (q *Q) QueueCounts(ctx context.Context, sc Scope, f model.TicketFilter, limit int) (map[model.Status]int, error) {
	f.Status, f.OpenOnly = "", false
	out := map[model.Status]int{}
	for _, st := range model.Statuses() {
		w, args := filterWhere(sc, f, []string{"1 = 1"}, nil)
		args = append(args, string(st), limit+1)
		n := len(args)
		var c int
		err := q.row(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM tickets t WHERE %s AND t.status = $%d LIMIT $%d) capped`,
			strings.Join(w, " AND "), n-1, n), args...).Scan(&c)
		if err != nil {
			return nil, err
		}
		out[st] = c
	}
	return out, nil
}

// UpdateTicket writes the mutable fields of a ticket.
func (q *Q) UpdateTicket(ctx context.Context, t model.Ticket) error {
	_, err := q.exec(ctx, `UPDATE tickets SET module_id = $1, priority = $2, assignee_id = $3, status = $4,
		updated_at = $5, first_response_at = $6, resolved_at = $7, closed_at = $8 WHERE id = $9`,
		t.ModuleID, t.Priority, nullID(t.AssigneeID), string(t.Status), t.UpdatedAt.UnixMilli(),
		ms(t.FirstResponseAt), ms(t.ResolvedAt), ms(t.ClosedAt), t.ID)
	return err
}
