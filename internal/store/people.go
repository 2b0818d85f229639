package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"helpdesk/internal/model"
)

// People lists a company's people, or the vendor's staff when companyID is
// 0, active or not, by name; each with the state of their invitation at now.
func (q *Q) People(ctx context.Context, companyID int64, now time.Time) ([]model.Person, error) {
	cond, args := ` WHERE u.role IN ('agent', 'admin')`, []any{}
	if companyID != 0 {
		cond, args = ` WHERE u.company_id = $1`, []any{companyID}
	}
	rows, err := q.query(ctx, `SELECT `+userColumns+`,
		COALESCE((SELECT t.expires_at FROM user_tokens t WHERE t.user_id = u.id AND t.purpose = 'invite'
			ORDER BY t.created_at DESC, t.used_at IS NULL DESC, t.token_hash LIMIT 1), 0),
		COALESCE((SELECT t.used_at FROM user_tokens t WHERE t.user_id = u.id AND t.purpose = 'invite'
			ORDER BY t.created_at DESC, t.used_at IS NULL DESC, t.token_hash LIMIT 1), 0)`+userFrom+cond+` ORDER BY u.name, u.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Person
	for rows.Next() {
		var p model.Person
		var expires, used int64
		var u model.User
		var created, lastLogin int64
		if err := rows.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CompanyID, &u.CompanyName,
			&u.ShareTickets, &u.Active, &u.Language, &u.TimeZone, &u.PasswordHash, &created,
			&u.Phone, &u.Position, &u.EmailNotifications, &lastLogin, &expires, &used); err != nil {
			return nil, err
		}
		u.CreatedAt = time.UnixMilli(created).UTC()
		if lastLogin != 0 {
			u.LastLoginAt = time.UnixMilli(lastLogin).UTC()
		}
		p.User = u
		p.Invitation = invitationState(u.PasswordHash != "", expires, used, now.UnixMilli())
		if expires != 0 {
			p.InvitationExpires = time.UnixMilli(expires).UTC()
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func invitationState(hasPassword bool, expires, used, now int64) string {
	switch {
	case hasPassword || expires == 0:
		return model.InvitationNone
	case used != 0:
		return model.InvitationRevoked
	case expires <= now:
		return model.InvitationExpired
	}
	return model.InvitationPending
}

// UpdatePersonDetails stores a person's name, position and phone.
func (q *Q) UpdatePersonDetails(ctx context.Context, u model.User) error {
	res, err := q.exec(ctx, `UPDATE users SET name = $1, position = $2, phone = $3 WHERE id = $4`,
		u.Name, u.Position, u.Phone, u.ID)
	return affected(res, err)
}

// SetUserRole changes a person's role.
func (q *Q) SetUserRole(ctx context.Context, id int64, role model.Role) error {
	res, err := q.exec(ctx, `UPDATE users SET role = $1 WHERE id = $2`, string(role), id)
	return affected(res, err)
}

// SetUserActive enables or disables a person.
func (q *Q) SetUserActive(ctx context.Context, id int64, active bool) error {
	res, err := q.exec(ctx, `UPDATE users SET active = $1 WHERE id = $2`, active, id)
	return affected(res, err)
}

// SetUserPassword stores a person's password hash.
func (q *Q) SetUserPassword(ctx context.Context, id int64, hash string) error {
	res, err := q.exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, id)
	return affected(res, err)
}

// EndUserAccess ends every way a person is signed in: web and API
// sessions, personal access tokens and unused account links.
func (q *Q) EndUserAccess(ctx context.Context, id int64, now time.Time) error {
	if _, err := q.exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
		return err
	}
	if _, err := q.exec(ctx, `UPDATE access_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`,
		now.UnixMilli(), id); err != nil {
		return err
	}
	_, err := q.exec(ctx, `UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL`, now.UnixMilli(), id)
	return err
}

// CountActiveRole counts the active people of a role in a company (0 for
// the vendor's staff), leaving one person out (0 for none).
func (q *Q) CountActiveRole(ctx context.Context, companyID int64, role model.Role, except int64) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM users WHERE COALESCE(company_id, 0) = $1 AND role = $2 AND active = TRUE AND id <> $3`,
		companyID, string(role), except).Scan(&n)
	return n, err
}

// SeatsUsed counts a company's seats at now: active people who have a
// password, and people whose invitation is still pending.
func (q *Q) SeatsUsed(ctx context.Context, companyID int64, now time.Time) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM users u WHERE u.company_id = $1 AND u.active = TRUE AND (u.password_hash <> ''
		OR EXISTS (SELECT 1 FROM user_tokens t WHERE t.user_id = u.id AND t.purpose = 'invite' AND t.used_at IS NULL AND t.expires_at > $2))`,
		companyID, now.UnixMilli()).Scan(&n)
	return n, err
}

// LockCompany reads a company and holds its row until the transaction
// ends, so changes to its people (seats, last manager) happen one at a
// time, across processes too.
func (q *Q) LockCompany(ctx context.Context, id int64) (model.Company, error) {
	var c model.Company
	err := q.row(ctx, `UPDATE companies SET seat_limit = seat_limit WHERE id = $1
		RETURNING id, name, nit, share_tickets, active, seat_limit`, id).
		Scan(&c.ID, &c.Name, &c.NIT, &c.ShareTickets, &c.Active, &c.SeatLimit)
	return c, notFound(err)
}

// CompanyByID finds a company.
func (q *Q) CompanyByID(ctx context.Context, id int64) (model.Company, error) {
	var c model.Company
	err := q.row(ctx, `SELECT id, name, nit, share_tickets, active, seat_limit FROM companies WHERE id = $1`, id).
		Scan(&c.ID, &c.Name, &c.NIT, &c.ShareTickets, &c.Active, &c.SeatLimit)
	return c, notFound(err)
}

// UpdateCompany stores a company's name, NIT, sharing, seat limit and
// whether it is active.
func (q *Q) UpdateCompany(ctx context.Context, c model.Company) error {
	res, err := q.exec(ctx, `UPDATE companies SET name = $1, nit = $2, share_tickets = $3, seat_limit = $4, active = $5 WHERE id = $6`,
		c.Name, c.NIT, c.ShareTickets, c.SeatLimit, c.Active, c.ID)
	return affected(res, err)
}

// EmailTaken reports whether an address belongs to someone, in any case.
func (q *Q) EmailTaken(ctx context.Context, email string) (bool, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM users WHERE email = $1`, strings.ToLower(strings.TrimSpace(email))).Scan(&n)
	return n > 0, err
}

// AddAudit records a change.
func (q *Q) AddAudit(ctx context.Context, e model.AuditEntry) error {
	_, err := q.exec(ctx, `INSERT INTO audit (actor_id, company_id, target_user_id, action, details, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, nullID(e.ActorID), nullID(e.CompanyID), nullID(e.TargetID), e.Action, e.Details,
		e.CreatedAt.UnixMilli())
	return err
}

// Audit lists recorded changes, newest first: a company's when companyID
// is not 0, else every one; with beforeID set, only those older than the
// entry (beforeAt, beforeID), the keyset of the next page.
func (q *Q) Audit(ctx context.Context, companyID int64, beforeAt time.Time, beforeID int64, limit int) ([]model.AuditEntry, error) {
	var conds []string
	args := []any{limit}
	if companyID != 0 {
		args = append(args, companyID)
		conds = append(conds, fmt.Sprintf("a.company_id = $%d", len(args)))
	}
	if beforeID != 0 {
		args = append(args, beforeAt.UnixMilli(), beforeID)
		conds = append(conds, fmt.Sprintf("(a.created_at < $%d OR (a.created_at = $%d AND a.id < $%d))", len(args)-1, len(args)-1, len(args)))
	}
	cond := ""
	if len(conds) > 0 {
		cond = " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := q.query(ctx, `SELECT a.id, COALESCE(a.actor_id, 0), COALESCE(ac.name, ''), COALESCE(a.company_id, 0),
		COALESCE(c.name, ''), COALESCE(a.target_user_id, 0), COALESCE(t.name, ''), COALESCE(t.email, ''), a.action, a.details, a.created_at
		FROM audit a LEFT JOIN users ac ON ac.id = a.actor_id LEFT JOIN companies c ON c.id = a.company_id
		LEFT JOIN users t ON t.id = a.target_user_id`+cond+` ORDER BY a.created_at DESC, a.id DESC LIMIT $1`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &e.ActorID, &e.ActorName, &e.CompanyID, &e.CompanyName, &e.TargetID, &e.TargetName,
			&e.TargetEmail, &e.Action, &e.Details, &at); err != nil {
			return nil, err
		}
		e.CreatedAt = time.UnixMilli(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// RenameModule changes a module's name.
func (q *Q) RenameModule(ctx context.Context, id int64, name string) error {
	res, err := q.exec(ctx, `UPDATE modules SET name = $1 WHERE id = $2`, name, id)
	return affected(res, err)
}

// SetModulePosition places a module in the display order.
func (q *Q) SetModulePosition(ctx context.Context, id int64, position int) error {
	res, err := q.exec(ctx, `UPDATE modules SET position = $1 WHERE id = $2`, position, id)
	return affected(res, err)
}

// ModuleInUse reports whether tickets or FAQs name a module.
func (q *Q) ModuleInUse(ctx context.Context, id int64) (bool, error) {
	var n int
	err := q.row(ctx, `SELECT (SELECT count(*) FROM tickets WHERE module_id = $1) + (SELECT count(*) FROM faqs WHERE module_id = $1)`, id).Scan(&n)
	return n > 0, err
}

// DeleteModule removes an unused module.
func (q *Q) DeleteModule(ctx context.Context, id int64) error {
	res, err := q.exec(ctx, `DELETE FROM modules WHERE id = $1`, id)
	return affected(res, err)
}

// PendingInvitation returns a person's unused, unexpired invitation.
func (q *Q) PendingInvitation(ctx context.Context, userID int64, now time.Time) (UserToken, error) {
	return scanUserToken(q.row(ctx, `SELECT token_hash, user_id, purpose, COALESCE(created_by, 0), created_at, expires_at
		FROM user_tokens WHERE user_id = $1 AND purpose = 'invite' AND used_at IS NULL AND expires_at > $2
		ORDER BY created_at DESC LIMIT 1`, userID, now.UnixMilli()))
}
