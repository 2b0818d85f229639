package store

import (
	"context"
	"time"

	"helpdesk/internal/model"
)

// CreateCompany inserts a customer company.
func (q *Q) CreateCompany(ctx context.Context, c model.Company, now time.Time) (int64, error) {
	return q.insert(ctx, `INSERT INTO companies (name, nit, share_tickets, active, seat_limit, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, c.Name, c.NIT, c.ShareTickets, c.Active, c.SeatLimit, now.UnixMilli())
}

// Companies lists every company by name.
func (q *Q) Companies(ctx context.Context) ([]model.Company, error) {
	return q.companies(ctx, -1)
}

// CompaniesUpTo lists at most n companies by name (n+1 asked tells the
// caller there are more).
func (q *Q) CompaniesUpTo(ctx context.Context, n int) ([]model.Company, error) {
	return q.companies(ctx, n)
}

func (q *Q) companies(ctx context.Context, limit int) ([]model.Company, error) {
	query := `SELECT id, name, nit, share_tickets, active, seat_limit FROM companies ORDER BY name, id`
	var args []any
	if limit >= 0 {
		query, args = query+` LIMIT $1`, []any{limit}
	}
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Company
	for rows.Next() {
		var c model.Company
		if err := rows.Scan(&c.ID, &c.Name, &c.NIT, &c.ShareTickets, &c.Active, &c.SeatLimit); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateModule inserts a product area.
func (q *Q) CreateModule(ctx context.Context, name string, position int) (int64, error) {
	return q.insert(ctx, `INSERT INTO modules (name, position) VALUES ($1, $2)`, name, position)
}

// Modules lists the product areas in display order.
func (q *Q) Modules(ctx context.Context) ([]model.Module, error) {
	rows, err := q.query(ctx, `SELECT id, name, position FROM modules ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Module
	for rows.Next() {
		var m model.Module
		if err := rows.Scan(&m.ID, &m.Name, &m.Position); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Settings reads the vendor's settings; missing keys stay empty.
func (q *Q) Settings(ctx context.Context) (model.Settings, error) {
	rows, err := q.query(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return model.Settings{}, err
	}
	defer rows.Close()
	var s model.Settings
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s, err
		}
		switch k {
		case "vendor_name":
			s.VendorName = v
		case "vendor_phone":
			s.VendorPhone = v
		case "scope_notice":
			s.ScopeNotice = v
		case "scope_notice_en":
			s.ScopeNoticeEN = v
		}
	}
	return s, rows.Err()
}

// SaveSettings writes every setting.
func (q *Q) SaveSettings(ctx context.Context, s model.Settings) error {
	for k, v := range map[string]string{"vendor_name": s.VendorName, "vendor_phone": s.VendorPhone, "scope_notice": s.ScopeNotice,
		"scope_notice_en": s.ScopeNoticeEN} {
		if _, err := q.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	return nil
}

// NextNumber allocates the next value of a named counter. The UPDATE takes
// the row lock, so concurrent transactions (and processes) serialise here
// and numbers are never issued twice. On PostgreSQL ticket numbers come
// from a sequence instead (see numbers.go; it starts at 1000).
func (q *Q) NextNumber(ctx context.Context, name string, start int64) (int64, error) {
	if seq := q.sequenceOf(name); seq != "" {
		var v int64
		err := q.row(ctx, `SELECT nextval('`+seq+`')`).Scan(&v)
		return v, err
	}
	if _, err := q.exec(ctx, `INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
		name, start-1); err != nil {
		return 0, err
	}
	var v int64
	err := q.row(ctx, `UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value`, name).Scan(&v)
	return v, err
}
