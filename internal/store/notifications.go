package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/model"
)

// AddNotification records one notification; a second one for the same
// person and event is not added.
func (q *Q) AddNotification(ctx context.Context, n model.Notification) error {
	_, err := q.exec(ctx, `INSERT INTO notifications (user_id, ticket_id, event_id, kind, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, event_id) DO NOTHING`,
		n.UserID, n.TicketID, n.EventID, n.Kind, n.CreatedAt.UnixMilli())
	return err
}

// AddNotifications records the notifications of one event in one
// statement per bulkRows; a second one for the same person and event is
// not added.
func (q *Q) AddNotifications(ctx context.Context, ns []model.Notification) error {
	for len(ns) > 0 {
		n := min(len(ns), bulkRows)
		args := make([]any, 0, n*5)
		for _, x := range ns[:n] {
			args = append(args, x.UserID, x.TicketID, x.EventID, x.Kind, x.CreatedAt.UnixMilli())
		}
		if _, err := q.exec(ctx, `INSERT INTO notifications (user_id, ticket_id, event_id, kind, created_at)
			VALUES `+values(n, 5)+` ON CONFLICT (user_id, event_id) DO NOTHING`, args...); err != nil {
			return err
		}
		ns = ns[n:]
	}
	return nil
}

// UnreadCount counts a person's unread notifications.
func (q *Q) UnreadCount(ctx context.Context, userID int64) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	return n, err
}

// Notifications lists a person's notifications newest first, older than
// the id before (0 for the first page).
func (q *Q) Notifications(ctx context.Context, userID int64, unreadOnly bool, before int64, limit int) ([]model.Notification, error) {
	w := []string{"n.user_id = $1"}
	args := []any{userID}
	if unreadOnly {
		w = append(w, "n.read_at IS NULL")
	}
	if before > 0 {
		args = append(args, before)
		w = append(w, "n.id < $2")
	}
	args = append(args, limit)
	rows, err := q.query(ctx, `SELECT n.id, n.user_id, n.ticket_id, t.number, t.title, n.event_id, n.kind, e.new_value,
		CASE WHEN a.role = 'system' THEN '' ELSE a.name END, n.created_at, n.read_at
		FROM notifications n
		JOIN tickets t ON t.id = n.ticket_id
		JOIN ticket_events e ON e.id = n.event_id
		JOIN users a ON a.id = e.author_id
		WHERE `+strings.Join(w, " AND ")+` ORDER BY n.id DESC LIMIT `+placeholder(len(args)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Notification
	for rows.Next() {
		var n model.Notification
		var created int64
		var read sql.NullInt64
		if err := rows.Scan(&n.ID, &n.UserID, &n.TicketID, &n.TicketNumber, &n.TicketTitle, &n.EventID, &n.Kind,
			&n.Value, &n.Actor, &created, &read); err != nil {
			return nil, err
		}
		n.CreatedAt, n.ReadAt = time.UnixMilli(created).UTC(), fromMS(read)
		out = append(out, n)
	}
	return out, rows.Err()
}

func placeholder(i int) string { return "$" + strconv.Itoa(i) }

// MarkNotificationsRead marks some of a person's notifications read; ids
// of other people's notifications change nothing. It returns how many
// changed.
func (q *Q) MarkNotificationsRead(ctx context.Context, userID int64, ids []int64, now time.Time) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := []any{userID, now.UnixMilli()}
	marks := make([]string, 0, len(ids))
	for _, id := range ids {
		args = append(args, id)
		marks = append(marks, placeholder(len(args)))
	}
	res, err := q.exec(ctx, `UPDATE notifications SET read_at = $2
		WHERE user_id = $1 AND read_at IS NULL AND id IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// MarkAllNotificationsRead marks every unread notification of a person
// read, or only those of one ticket when ticketID is not 0.
func (q *Q) MarkAllNotificationsRead(ctx context.Context, userID, ticketID int64, now time.Time) (int64, error) {
	query := `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`
	args := []any{userID, now.UnixMilli()}
	if ticketID != 0 {
		query += ` AND ticket_id = $3`
		args = append(args, ticketID)
	}
	res, err := q.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// CompanyAdmins lists a company's active company_admins.
func (q *Q) CompanyAdmins(ctx context.Context, companyID int64) ([]model.User, error) {
	return q.users(ctx, ` WHERE u.company_id = $1 AND u.role = 'company_admin' AND u.active = TRUE ORDER BY u.id`, companyID)
}

func (q *Q) users(ctx context.Context, where string, args ...any) ([]model.User, error) {
	rows, err := q.query(ctx, `SELECT `+userColumns+userFrom+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// ResolvedBefore lists the numbers of tickets resuelto since before a
// time, oldest first.
func (q *Q) ResolvedBefore(ctx context.Context, before time.Time, limit int) ([]int64, error) {
	rows, err := q.query(ctx, `SELECT number FROM tickets WHERE status = 'resuelto' AND resolved_at <= $1
		ORDER BY resolved_at, id LIMIT $2`, before.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
