package store

import (
	"context"
	"time"

	"helpdesk/internal/model"
)

const contactColumns = `id, owner_id, name, email, phone, company, position, notes, created_at, updated_at`

func scanContact(sc interface{ Scan(...any) error }) (model.Contact, error) {
	var c model.Contact
	var created, updated int64
	err := sc.Scan(&c.ID, &c.OwnerID, &c.Name, &c.Email, &c.Phone, &c.Company, &c.Position, &c.Notes, &created, &updated)
	c.CreatedAt, c.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return c, err
}

// CreateContact adds an entry to its owner's address book.
func (q *Q) CreateContact(ctx context.Context, c model.Contact, now time.Time) (int64, error) {
	return q.insert(ctx, `INSERT INTO contacts (owner_id, name, email, phone, company, position, notes, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
		c.OwnerID, c.Name, c.Email, c.Phone, c.Company, c.Position, c.Notes, now.UnixMilli())
}

// UpdateContact replaces a contact's fields, only in its owner's book.
func (q *Q) UpdateContact(ctx context.Context, c model.Contact, now time.Time) error {
	res, err := q.exec(ctx, `UPDATE contacts SET name = $1, email = $2, phone = $3, company = $4, position = $5,
		notes = $6, updated_at = $7 WHERE id = $8 AND owner_id = $9`,
		c.Name, c.Email, c.Phone, c.Company, c.Position, c.Notes, now.UnixMilli(), c.ID, c.OwnerID)
	return affected(res, err)
}

// DeleteContact removes a contact from its owner's book.
func (q *Q) DeleteContact(ctx context.Context, ownerID, id int64) error {
	res, err := q.exec(ctx, `DELETE FROM contacts WHERE id = $1 AND owner_id = $2`, id, ownerID)
	return affected(res, err)
}

// ContactByID returns one of the owner's contacts; another person's is
// not found.
func (q *Q) ContactByID(ctx context.Context, ownerID, id int64) (model.Contact, error) {
	c, err := scanContact(q.row(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id = $1 AND owner_id = $2`, id, ownerID))
	return c, notFound(err)
}

// Contacts lists the owner's address book by name.
func (q *Q) Contacts(ctx context.Context, ownerID int64) ([]model.Contact, error) {
	rows, err := q.query(ctx, `SELECT `+contactColumns+` FROM contacts WHERE owner_id = $1 ORDER BY name, id`, ownerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
