package store

import (
	"context"
	"time"
)

// UserToken is a single-use account link: an invitation to choose a
// password, or a password reset. Only the token's hash is kept.
type UserToken struct {
	TokenHash string
	UserID    int64
	Purpose   string // model.TokenInvite or model.TokenReset
	CreatedBy int64  // 0 when the person asked for it themselves
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero while unused
}

// CreateUserToken stores a new link.
func (q *Q) CreateUserToken(ctx context.Context, t UserToken) error {
	_, err := q.exec(ctx, `INSERT INTO user_tokens (token_hash, user_id, purpose, created_by, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.TokenHash, t.UserID, t.Purpose, nullID(t.CreatedBy),
		t.CreatedAt.UnixMilli(), t.ExpiresAt.UnixMilli())
	return err
}

// PendingUserToken returns an unused, unexpired link of a purpose without
// spending it (for the page that asks for the new password).
func (q *Q) PendingUserToken(ctx context.Context, hash, purpose string, now time.Time) (UserToken, error) {
	return scanUserToken(q.row(ctx, `SELECT token_hash, user_id, purpose, COALESCE(created_by, 0), created_at, expires_at
		FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
		hash, purpose, now.UnixMilli()))
}

// UseUserToken spends a link, only if it was unused and unexpired: of two
// requests at once, one wins.
func (q *Q) UseUserToken(ctx context.Context, hash, purpose string, now time.Time) (UserToken, error) {
	t, err := scanUserToken(q.row(ctx, `UPDATE user_tokens SET used_at = $1
		WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
		RETURNING token_hash, user_id, purpose, COALESCE(created_by, 0), created_at, expires_at`,
		now.UnixMilli(), hash, purpose))
	if err == nil {
		t.UsedAt = now
	}
	return t, err
}

// RevokeUserTokens ends every unused link of a person for a purpose (a
// resent invitation replaces the old one; a revoked one works no more).
func (q *Q) RevokeUserTokens(ctx context.Context, userID int64, purpose string, now time.Time) error {
	_, err := q.exec(ctx, `UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL`,
		now.UnixMilli(), userID, purpose)
	return err
}

// CountUserTokens counts the links of a purpose made for a person since a
// time (used to cap reset mails per address).
func (q *Q) CountUserTokens(ctx context.Context, userID int64, purpose string, since time.Time) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM user_tokens WHERE user_id = $1 AND purpose = $2 AND created_at >= $3`,
		userID, purpose, since.UnixMilli()).Scan(&n)
	return n, err
}

// LatestUserToken returns the newest link of a purpose for a person, used
// or not (to show an invitation's state).
func (q *Q) LatestUserToken(ctx context.Context, userID int64, purpose string) (UserToken, error) {
	var used int64
	var t UserToken
	var created, expires int64
	err := q.row(ctx, `SELECT token_hash, user_id, purpose, COALESCE(created_by, 0), created_at, expires_at, COALESCE(used_at, 0)
		FROM user_tokens WHERE user_id = $1 AND purpose = $2 ORDER BY created_at DESC, token_hash LIMIT 1`, userID, purpose).
		Scan(&t.TokenHash, &t.UserID, &t.Purpose, &t.CreatedBy, &created, &expires, &used)
	t.CreatedAt, t.ExpiresAt = time.UnixMilli(created).UTC(), time.UnixMilli(expires).UTC()
	if used != 0 {
		t.UsedAt = time.UnixMilli(used).UTC()
	}
	return t, notFound(err)
}

func scanUserToken(sc interface{ Scan(...any) error }) (UserToken, error) {
	var t UserToken
	var created, expires int64
	err := sc.Scan(&t.TokenHash, &t.UserID, &t.Purpose, &t.CreatedBy, &created, &expires)
	t.CreatedAt, t.ExpiresAt = time.UnixMilli(created).UTC(), time.UnixMilli(expires).UTC()
	return t, notFound(err)
}
