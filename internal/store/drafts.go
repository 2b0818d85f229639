package store

import (
	"context"
	"database/sql"
	"time"
)

// Draft is a ticket wizard in progress, kept on the server between steps.
type Draft struct {
	ID       int64
	UserID   int64
	Key      string // also the idempotency key of the ticket it creates
	Data     string // JSON of the fields typed so far
	TicketID int64  // set once submitted
}

// CreateDraft starts a draft.
func (q *Q) CreateDraft(ctx context.Context, d Draft, now time.Time) (int64, error) {
	return q.insert(ctx, `INSERT INTO drafts (user_id, key, data, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		d.UserID, d.Key, d.Data, now.UnixMilli())
}

// DraftByKey returns one of the user's drafts.
func (q *Q) DraftByKey(ctx context.Context, userID int64, key string) (Draft, error) {
	var d Draft
	var ticket sql.NullInt64
	err := q.row(ctx, `SELECT id, user_id, key, data, ticket_id FROM drafts WHERE key = $1 AND user_id = $2`, key, userID).
		Scan(&d.ID, &d.UserID, &d.Key, &d.Data, &ticket)
	d.TicketID = ticket.Int64
	return d, notFound(err)
}

// SaveDraftData replaces the fields of an unsubmitted draft.
func (q *Q) SaveDraftData(ctx context.Context, id int64, data string, now time.Time) error {
	_, err := q.exec(ctx, `UPDATE drafts SET data = $1, updated_at = $2 WHERE id = $3 AND ticket_id IS NULL`, data, now.UnixMilli(), id)
	return err
}

// MarkDraftSubmitted links a draft to the ticket it created.
func (q *Q) MarkDraftSubmitted(ctx context.Context, id, ticketID int64, now time.Time) error {
	_, err := q.exec(ctx, `UPDATE drafts SET ticket_id = $1, updated_at = $2 WHERE id = $3`, ticketID, now.UnixMilli(), id)
	return err
}

// DeleteDraft drops a draft and its files (a deflected wizard).
func (q *Q) DeleteDraft(ctx context.Context, id int64) error {
	_, err := q.exec(ctx, `DELETE FROM drafts WHERE id = $1 AND ticket_id IS NULL`, id)
	return err
}
