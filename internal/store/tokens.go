package store

import (
	"context"
	"database/sql"
	"time"

	"helpdesk/internal/model"
)

const tokenColumns = `t.id, t.user_id, t.name, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at`

func scanToken(sc interface{ Scan(...any) error }) (model.AccessToken, error) {
	var t model.AccessToken
	var created int64
	var expires, used, revoked sql.NullInt64
	err := sc.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &created, &expires, &used, &revoked)
	t.CreatedAt = time.UnixMilli(created).UTC()
	t.ExpiresAt, t.LastUsedAt, t.RevokedAt = fromMS(expires), fromMS(used), fromMS(revoked)
	return t, err
}

// CreateAccessToken stores a personal access token by its hash.
func (q *Q) CreateAccessToken(ctx context.Context, t model.AccessToken, hash string) (int64, error) {
	return q.insert(ctx, `INSERT INTO access_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.UserID, t.Name, hash, t.Prefix, t.CreatedAt.UnixMilli(), ms(t.ExpiresAt))
}

// AccessTokens lists a user's tokens, newest first.
func (q *Q) AccessTokens(ctx context.Context, userID int64) ([]model.AccessToken, error) {
	rows, err := q.query(ctx, `SELECT `+tokenColumns+` FROM access_tokens t WHERE t.user_id = $1
		ORDER BY t.created_at DESC, t.id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.AccessToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// AccessTokenUser returns a live token and its user, only while the user
// is active: disabling a user refuses their tokens on the next request.
func (q *Q) AccessTokenUser(ctx context.Context, hash string, now time.Time) (model.AccessToken, model.User, error) {
	t, err := scanToken(q.row(ctx, `SELECT `+tokenColumns+` FROM access_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
		AND u.active = TRUE`+companyActive, hash, now.UnixMilli()))
	if err != nil {
		return t, model.User{}, notFound(err)
	}
	u, err := q.UserByID(ctx, t.UserID)
	return t, u, err
}

// TouchAccessToken records a use of a token.
func (q *Q) TouchAccessToken(ctx context.Context, id int64, now time.Time) error {
	_, err := q.exec(ctx, `UPDATE access_tokens SET last_used_at = $1 WHERE id = $2`, now.UnixMilli(), id)
	return err
}

// RevokeAccessToken revokes one of a user's tokens.
func (q *Q) RevokeAccessToken(ctx context.Context, userID, id int64, now time.Time) error {
	res, err := q.exec(ctx, `UPDATE access_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND user_id = $3`,
		now.UnixMilli(), id, userID)
	return affected(res, err)
}
