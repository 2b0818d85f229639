package store

import (
	"context"
	"strings"
)

// UpdateUserProfile stores what a person may change about themselves:
// e-mail (in lower case), name, phone, position, language, time zone and
// the e-mail notification choice.
func (q *Q) UpdateUserProfile(ctx context.Context, u ProfileFields) error {
	res, err := q.exec(ctx, `UPDATE users SET email = $1, name = $2, phone = $3, position = $4, language = $5,
		time_zone = $6, email_notifications = $7 WHERE id = $8`,
		strings.ToLower(u.Email), u.Name, u.Phone, u.Position, u.Language, u.TimeZone, u.EmailNotifications, u.UserID)
	return affected(res, err)
}

// ProfileFields are the columns UpdateUserProfile writes.
type ProfileFields struct {
	UserID             int64
	Email              string
	Name               string
	Phone              string
	Position           string
	Language           string
	TimeZone           string
	EmailNotifications bool
}

// SetPasswordHash stores a new password hash.
func (q *Q) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	res, err := q.exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
	return affected(res, err)
}

// DeleteUserSessions ends every session (web and API login tokens) of a
// user but the one whose hash is keep ("" ends them all).
func (q *Q) DeleteUserSessions(ctx context.Context, userID int64, keep string) error {
	_, err := q.exec(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keep)
	return err
}

// EmailTakenByOther reports whether another user than userID has the e-mail,
// case-insensitively.
func (q *Q) EmailTakenByOther(ctx context.Context, email string, userID int64) (bool, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM users WHERE email = $1 AND id <> $2`,
		strings.ToLower(strings.TrimSpace(email)), userID).Scan(&n)
	return n > 0, err
}
