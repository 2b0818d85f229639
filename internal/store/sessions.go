package store

import (
	"context"
	"time"

	"helpdesk/internal/model"
)

// Session is a login, by the SHA-256 of its token (the token itself is
// never stored).
type Session struct {
	TokenHash string
	UserID    int64
	Kind      string // "web" or "api"
	CSRF      string
	ExpiresAt time.Time
}

// CreateSession stores a session.
func (q *Q) CreateSession(ctx context.Context, s Session, now time.Time) error {
	_, err := q.exec(ctx, `INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, s.TokenHash, s.UserID, s.Kind, s.CSRF, now.UnixMilli(), s.ExpiresAt.UnixMilli())
	return err
}

// companyActive keeps out the people of a deactivated company: their
// sessions and tokens work again only if the company is reactivated.
const companyActive = ` AND (u.company_id IS NULL OR EXISTS (SELECT 1 FROM companies ca WHERE ca.id = u.company_id AND ca.active = TRUE))`

// SessionUser returns a live session of an active user of an active
// company.
func (q *Q) SessionUser(ctx context.Context, tokenHash, kind string, now time.Time) (Session, model.User, error) {
	var s Session
	var exp int64
	var uid int64
	err := q.row(ctx, `SELECT s.token_hash, s.user_id, s.kind, s.csrf, s.expires_at FROM sessions s
		JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > $3 AND u.active = TRUE`+companyActive,
		tokenHash, kind, now.UnixMilli()).Scan(&s.TokenHash, &uid, &s.Kind, &s.CSRF, &exp)
	if err != nil {
		return s, model.User{}, notFound(err)
	}
	s.UserID = uid
	s.ExpiresAt = time.UnixMilli(exp).UTC()
	u, err := q.UserByID(ctx, uid)
	return s, u, err
}

// DeleteSession ends one session.
func (q *Q) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := q.exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// DeleteExpiredSessions removes sessions past their expiry.
func (q *Q) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	_, err := q.exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, now.UnixMilli())
	return err
}
