package store

import (
	"context"
	"time"

	"helpdesk/internal/model"
)

// AddEvent appends a timeline entry.
func (q *Q) AddEvent(ctx context.Context, e model.Event) (int64, error) {
	return q.insert(ctx, `INSERT INTO ticket_events (ticket_id, author_id, kind, body, old_value, new_value, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.TicketID, e.AuthorID, string(e.Kind), e.Body,
		e.OldValue, e.NewValue, e.CreatedAt.UnixMilli())
}

// Events returns a ticket's timeline in order, with attachments; internal
// notes only when asked for.
func (q *Q) Events(ctx context.Context, ticketID int64, withInternal bool) ([]model.Event, error) {
	cond := ""
	if !withInternal {
		cond = ` AND e.kind <> 'note'`
	}
	rows, err := q.query(ctx, `SELECT e.id, e.ticket_id, e.author_id, u.name, u.role IN ('agent', 'admin'), u.role = 'system', e.kind,
		e.body, e.old_value, e.new_value, e.created_at
		FROM ticket_events e JOIN users u ON u.id = e.author_id
		WHERE e.ticket_id = $1`+cond+` ORDER BY e.id`, ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Event
	index := map[int64]int{}
	for rows.Next() {
		var e model.Event
		var created int64
		if err := rows.Scan(&e.ID, &e.TicketID, &e.AuthorID, &e.Author, &e.AuthorStaff, &e.AuthorSystem, &e.Kind,
			&e.Body, &e.OldValue, &e.NewValue, &created); err != nil {
			return nil, err
		}
		e.CreatedAt = time.UnixMilli(created).UTC()
		index[e.ID] = len(out)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	atts, err := q.ticketAttachments(ctx, ticketID)
	if err != nil {
		return nil, err
	}
	for _, a := range atts {
		if i, ok := index[a.eventID]; ok {
			out[i].Attachments = append(out[i].Attachments, a.Attachment)
		}
	}
	return out, nil
}
