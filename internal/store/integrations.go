package store

import (
	"context"
	"database/sql"
	"time"

	"helpdesk/internal/model"
)

const keyColumns = `k.id, k.company_id, c.name, k.name, k.prefix, COALESCE(k.created_by, 0), k.created_at, k.last_used_at, k.revoked_at`

func scanKey(sc interface{ Scan(...any) error }) (model.IntegrationKey, error) {
	var k model.IntegrationKey
	var created int64
	var used, revoked sql.NullInt64
	err := sc.Scan(&k.ID, &k.CompanyID, &k.Company, &k.Name, &k.Prefix, &k.CreatedByID, &created, &used, &revoked)
	k.CreatedAt = time.UnixMilli(created).UTC()
	k.LastUsedAt, k.RevokedAt = fromMS(used), fromMS(revoked)
	return k, err
}

// CreateIntegrationKey stores a key by its hash.
func (q *Q) CreateIntegrationKey(ctx context.Context, k model.IntegrationKey, hash string) (int64, error) {
	return q.insert(ctx, `INSERT INTO integration_keys (company_id, name, key_hash, prefix, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, k.CompanyID, k.Name, hash, k.Prefix, nullID(k.CreatedByID), k.CreatedAt.UnixMilli())
}

// IntegrationKeys lists keys, newest first; of one company when companyID
// is not 0.
func (q *Q) IntegrationKeys(ctx context.Context, companyID int64) ([]model.IntegrationKey, error) {
	cond, args := "", []any{}
	if companyID != 0 {
		cond, args = " WHERE k.company_id = $1", []any{companyID}
	}
	rows, err := q.query(ctx, `SELECT `+keyColumns+` FROM integration_keys k JOIN companies c ON c.id = k.company_id`+
		cond+` ORDER BY k.created_at DESC, k.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.IntegrationKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// IntegrationKeyByHash finds an unrevoked key of an active company.
func (q *Q) IntegrationKeyByHash(ctx context.Context, hash string) (model.IntegrationKey, error) {
	k, err := scanKey(q.row(ctx, `SELECT `+keyColumns+` FROM integration_keys k JOIN companies c ON c.id = k.company_id
		WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND c.active = TRUE`, hash))
	return k, notFound(err)
}

// IntegrationKeyByID finds a key, revoked or not.
func (q *Q) IntegrationKeyByID(ctx context.Context, id int64) (model.IntegrationKey, error) {
	k, err := scanKey(q.row(ctx, `SELECT `+keyColumns+` FROM integration_keys k JOIN companies c ON c.id = k.company_id
		WHERE k.id = $1`, id))
	return k, notFound(err)
}

// TouchIntegrationKey records a use of a key.
func (q *Q) TouchIntegrationKey(ctx context.Context, id int64, now time.Time) error {
	_, err := q.exec(ctx, `UPDATE integration_keys SET last_used_at = $1 WHERE id = $2`, now.UnixMilli(), id)
	return err
}

// RevokeIntegrationKey revokes a key; revoking twice keeps the first time.
func (q *Q) RevokeIntegrationKey(ctx context.Context, id int64, now time.Time) error {
	res, err := q.exec(ctx, `UPDATE integration_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`, now.UnixMilli(), id)
	return affected(res, err)
}

// CompanyByNIT finds a company by its tax id.
func (q *Q) CompanyByNIT(ctx context.Context, nit string) (model.Company, error) {
	var c model.Company
	err := q.row(ctx, `SELECT id, name, nit, share_tickets, active, seat_limit FROM companies WHERE nit = $1`, nit).
		Scan(&c.ID, &c.Name, &c.NIT, &c.ShareTickets, &c.Active, &c.SeatLimit)
	return c, notFound(err)
}

// LaunchLink is a single-use sign-in link minted for a desktop user.
type LaunchLink struct {
	TokenHash string
	KeyID     int64
	UserID    int64
	Version   string
	Context   string // JSON of model.LaunchContext
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CreateLaunchLink stores a link by its hash.
func (q *Q) CreateLaunchLink(ctx context.Context, l LaunchLink) error {
	_, err := q.exec(ctx, `INSERT INTO launch_links (token_hash, key_id, user_id, version, context, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, l.TokenHash, l.KeyID, l.UserID, l.Version, l.Context,
		l.CreatedAt.UnixMilli(), l.ExpiresAt.UnixMilli())
	return err
}

// LaunchLinkUser returns the user of an unused, unexpired link.
func (q *Q) LaunchLinkUser(ctx context.Context, hash string, now time.Time) (int64, error) {
	var id int64
	err := q.row(ctx, `SELECT user_id FROM launch_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
		hash, now.UnixMilli()).Scan(&id)
	return id, notFound(err)
}

// UseLaunchLink marks a link used and returns it, only if it was unused
// and unexpired: of two processes redeeming it at once, one wins.
func (q *Q) UseLaunchLink(ctx context.Context, hash string, now time.Time) (LaunchLink, error) {
	var l LaunchLink
	var created, expires int64
	err := q.row(ctx, `UPDATE launch_links SET used_at = $1
		WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
		RETURNING token_hash, key_id, user_id, version, context, created_at, expires_at`, now.UnixMilli(), hash).
		Scan(&l.TokenHash, &l.KeyID, &l.UserID, &l.Version, &l.Context, &created, &expires)
	l.CreatedAt, l.ExpiresAt = time.UnixMilli(created).UTC(), time.UnixMilli(expires).UTC()
	return l, notFound(err)
}

// DeleteOldLaunchLinks drops links expired before a time.
func (q *Q) DeleteOldLaunchLinks(ctx context.Context, before time.Time) error {
	_, err := q.exec(ctx, `DELETE FROM launch_links WHERE expires_at < $1`, before.UnixMilli())
	return err
}

// Setting reads one setting; a missing key is "".
func (q *Q) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := q.row(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// SetSetting writes one setting.
func (q *Q) SetSetting(ctx context.Context, key, value string) error {
	_, err := q.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
