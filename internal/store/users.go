package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"helpdesk/internal/model"
)

const userColumns = `u.id, u.email, u.name, u.role, COALESCE(u.company_id, 0), COALESCE(c.name, ''),
	COALESCE(c.share_tickets, FALSE), u.active, u.language, u.time_zone, u.password_hash, u.created_at,
	u.phone, u.position, u.email_notifications, COALESCE(u.last_login_at, 0)`

const userFrom = ` FROM users u LEFT JOIN companies c ON c.id = u.company_id`

func scanUser(sc interface{ Scan(...any) error }) (model.User, error) {
	var u model.User
	var created, lastLogin int64
	err := sc.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CompanyID, &u.CompanyName,
		&u.ShareTickets, &u.Active, &u.Language, &u.TimeZone, &u.PasswordHash, &created,
		&u.Phone, &u.Position, &u.EmailNotifications, &lastLogin)
	u.CreatedAt = time.UnixMilli(created).UTC()
	if lastLogin != 0 {
		u.LastLoginAt = time.UnixMilli(lastLogin).UTC()
	}
	return u, err
}

// CreateUser inserts a user; the e-mail is stored in lower case.
func (q *Q) CreateUser(ctx context.Context, u model.User, now time.Time) (int64, error) {
	return q.insert(ctx, `INSERT INTO users (email, name, role, company_id, password_hash, active, language, time_zone, created_at,
		phone, position, email_notifications)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		strings.ToLower(u.Email), u.Name, string(u.Role), nullID(u.CompanyID), u.PasswordHash,
		u.Active, u.Language, u.TimeZone, now.UnixMilli(), u.Phone, u.Position, u.EmailNotifications)
}

// UserByEmail finds a user by e-mail, case-insensitively.
func (q *Q) UserByEmail(ctx context.Context, email string) (model.User, error) {
	u, err := scanUser(q.row(ctx, `SELECT `+userColumns+userFrom+` WHERE u.email = $1`,
		strings.ToLower(strings.TrimSpace(email))))
	return u, notFound(err)
}

// UsersByEmail finds the users of some addresses (any case), by lower-case
// address; addresses without an account are left out.
func (q *Q) UsersByEmail(ctx context.Context, emails []string) (map[string]model.User, error) {
	out := map[string]model.User{}
	if len(emails) == 0 {
		return out, nil
	}
	args := make([]any, len(emails))
	marks := make([]string, len(emails))
	for i, e := range emails {
		args[i], marks[i] = strings.ToLower(strings.TrimSpace(e)), placeholder(i+1)
	}
	us, err := q.users(ctx, ` WHERE u.email IN (`+strings.Join(marks, ", ")+`)`, args...)
	for _, u := range us {
		out[strings.ToLower(u.Email)] = u
	}
	return out, err
}

// UserByID finds a user by id.
func (q *Q) UserByID(ctx context.Context, id int64) (model.User, error) {
	u, err := scanUser(q.row(ctx, `SELECT `+userColumns+userFrom+` WHERE u.id = $1`, id))
	return u, notFound(err)
}

// Staff lists active agents and admins by name.
func (q *Q) Staff(ctx context.Context) ([]model.User, error) {
	rows, err := q.query(ctx, `SELECT `+userColumns+userFrom+
		` WHERE u.role IN ('agent', 'admin') AND u.active = TRUE ORDER BY u.name, u.id`)
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

// TouchLogin records a successful login.
func (q *Q) TouchLogin(ctx context.Context, userID int64, now time.Time) error {
	_, err := q.exec(ctx, `UPDATE users SET last_login_at = $1 WHERE id = $2`, now.UnixMilli(), userID)
	return err
}

// CountUsers returns how many users exist (an empty database has none).
func (q *Q) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// LoginFailures returns the failures counted for key since a time.
func (q *Q) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count FROM login_failures WHERE key = $1 AND first_at >= $2`,
		key, since.UnixMilli()).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return n, err
}

// AddLoginFailure counts one failure for key, restarting a window older
// than since.
func (q *Q) AddLoginFailure(ctx context.Context, key string, since, now time.Time) error {
	_, err := q.exec(ctx, `INSERT INTO login_failures (key, count, first_at) VALUES ($1, 1, $2)
		ON CONFLICT (key) DO UPDATE SET
		count = CASE WHEN login_failures.first_at < $3 THEN 1 ELSE login_failures.count + 1 END,
		first_at = CASE WHEN login_failures.first_at < $3 THEN $2 ELSE login_failures.first_at END`,
		key, now.UnixMilli(), since.UnixMilli())
	return err
}

// ClearLoginFailures forgets the failures of key.
func (q *Q) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := q.exec(ctx, `DELETE FROM login_failures WHERE key = $1`, key)
	return err
}

// SetUserLanguage stores a user's language for pages and e-mails.
func (q *Q) SetUserLanguage(ctx context.Context, userID int64, lang string) error {
	_, err := q.exec(ctx, `UPDATE users SET language = $1 WHERE id = $2`, lang, userID)
	return err
}
