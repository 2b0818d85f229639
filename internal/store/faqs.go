package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"helpdesk/internal/model"
	"helpdesk/internal/search"
)

const faqColumns = `f.id, f.module_id, m.name, f.title, f.situation, f.cause, f.solution, f.published,
	COALESCE(f.source_ticket_id, 0), f.updated_at`

func scanFAQ(sc interface{ Scan(...any) error }) (model.FAQ, error) {
	var f model.FAQ
	var updated int64
	err := sc.Scan(&f.ID, &f.ModuleID, &f.Module, &f.Title, &f.Situation, &f.Cause, &f.Solution,
		&f.Published, &f.SourceTicketID, &updated)
	f.UpdatedAt = time.UnixMilli(updated).UTC()
	return f, err
}

// CreateFAQ inserts a FAQ (unpublished until IndexFAQ publishes it).
func (q *Q) CreateFAQ(ctx context.Context, f model.FAQ, authorID int64, now time.Time) (int64, error) {
	return q.insert(ctx, `INSERT INTO faqs (module_id, title, situation, cause, solution, published, source_ticket_id,
		author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7, $8, $8)`,
		f.ModuleID, f.Title, f.Situation, f.Cause, f.Solution, nullID(f.SourceTicketID), authorID, now.UnixMilli())
}

// UpdateFAQ writes a FAQ's text.
func (q *Q) UpdateFAQ(ctx context.Context, f model.FAQ, now time.Time) error {
	res, err := q.exec(ctx, `UPDATE faqs SET module_id = $1, title = $2, situation = $3, cause = $4, solution = $5,
		updated_at = $6 WHERE id = $7`, f.ModuleID, f.Title, f.Situation, f.Cause, f.Solution, now.UnixMilli(), f.ID)
	return affected(res, err)
}

func affected(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errNotFound
	}
	return nil
}

// FAQByID returns a FAQ; unpublished ones only when asked for.
func (q *Q) FAQByID(ctx context.Context, id int64, withDrafts bool) (model.FAQ, error) {
	cond := ""
	if !withDrafts {
		cond = " AND f.published = TRUE"
	}
	f, err := scanFAQ(q.row(ctx, `SELECT `+faqColumns+` FROM faqs f JOIN modules m ON m.id = f.module_id
		WHERE f.id = $1`+cond, id))
	return f, notFound(err)
}

// FAQs lists FAQs by module order and title; drafts only when asked for.
func (q *Q) FAQs(ctx context.Context, withDrafts bool) ([]model.FAQ, error) {
	cond := ""
	if !withDrafts {
		cond = " WHERE f.published = TRUE"
	}
	rows, err := q.query(ctx, `SELECT `+faqColumns+` FROM faqs f JOIN modules m ON m.id = f.module_id`+cond+
		` ORDER BY m.position, m.id, f.title, f.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.FAQ
	for rows.Next() {
		f, err := scanFAQ(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FAQsByIDs returns published FAQs in the order of ids.
func (q *Q) FAQsByIDs(ctx context.Context, ids []int64) ([]model.FAQ, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i] = fmt.Sprintf("$%d", i+1)
		args[i] = id
	}
	rows, err := q.query(ctx, `SELECT `+faqColumns+` FROM faqs f JOIN modules m ON m.id = f.module_id
		WHERE f.published = TRUE AND f.id IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]model.FAQ{}
	for rows.Next() {
		f, err := scanFAQ(rows)
		if err != nil {
			return nil, err
		}
		byID[f.ID] = f
	}
	out := make([]model.FAQ, 0, len(ids))
	for _, id := range ids {
		if f, ok := byID[id]; ok {
			out = append(out, f)
		}
	}
	return out, rows.Err()
}

// SetFAQPublished publishes (indexing its terms) or unpublishes (dropping
// them) a FAQ, in the caller's transaction.
func (q *Q) SetFAQPublished(ctx context.Context, f model.FAQ, published bool, now time.Time) error {
	if err := q.logFAQChange(ctx, f.ID); err != nil {
		return err
	}
	if err := q.unindexFAQ(ctx, f.ID); err != nil {
		return err
	}
	res, err := q.exec(ctx, `UPDATE faqs SET published = $1, updated_at = $2 WHERE id = $3`, published, now.UnixMilli(), f.ID)
	if err := affected(res, err); err != nil {
		return err
	}
	var ps []search.Posting
	if published {
		ps = search.IndexDoc(f.ID, [search.NumFields]string{f.Title, f.Situation, f.Cause, f.Solution})
	}
	if err := q.writePostings(ctx, f.ID, ps); err != nil || !published {
		return err
	}
	var lens [search.NumFields]int64
	for _, p := range ps {
		lens[p.Field] = int64(p.FieldLen)
	}
	// Rows go in chunks of one shape and the rest one by one: a round trip
	// a row was most of publishing on PostgreSQL, and two statement shapes
	// keep the prepared-statement cache small.
	const chunk = 16
	chunked := `INSERT INTO faq_terms (faq_id, field, term, freq, field_len) VALUES ` + values(chunk, 5)
	for len(ps) > 0 {
		n := 1
		if len(ps) >= chunk {
			n = chunk
		}
		args := make([]any, 0, 5*n)
		for _, p := range ps[:n] {
			args = append(args, f.ID, int(p.Field), p.Term, p.Freq, p.FieldLen)
		}
		stmt := `INSERT INTO faq_terms (faq_id, field, term, freq, field_len) VALUES ($1, $2, $3, $4, $5)`
		if n == chunk {
			stmt = chunked
		}
		if _, err := q.exec(ctx, stmt, args...); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return q.addIndexStats(ctx, 1, lens)
}

// unindexFAQ drops a FAQ's terms and takes it out of the index totals.
func (q *Q) unindexFAQ(ctx context.Context, id int64) error {
	rows, err := q.query(ctx, `SELECT DISTINCT field, field_len FROM faq_terms WHERE faq_id = $1`, id)
	if err != nil {
		return err
	}
	var lens [search.NumFields]int64
	indexed := false
	for rows.Next() {
		var field int
		var n int64
		if err := rows.Scan(&field, &n); err != nil {
			rows.Close()
			return err
		}
		if field >= 0 && field < search.NumFields {
			lens[field], indexed = -n, true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || !indexed {
		return err
	}
	if _, err := q.exec(ctx, `DELETE FROM faq_terms WHERE faq_id = $1`, id); err != nil {
		return err
	}
	return q.addIndexStats(ctx, -1, lens)
}

// addIndexStats keeps the BM25 totals (documents, summed field lengths) in
// counters, so a search reads them in one small query.
func (q *Q) addIndexStats(ctx context.Context, docs int64, lens [search.NumFields]int64) error {
	deltas := map[string]int64{"faq_docs": docs}
	for i, n := range lens {
		deltas[fmt.Sprintf("faq_len_%d", i)] = n
	}
	for name, d := range deltas {
		if _, err := q.exec(ctx, `INSERT INTO counters (name, value) VALUES ($1, $2)
			ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value`, name, d); err != nil {
			return err
		}
	}
	return nil
}

// AddFAQEvent records a suggestion shown, opened or resolving a problem.
func (q *Q) AddFAQEvent(ctx context.Context, faqID, userID int64, kind, query string, now time.Time) error {
	_, err := q.exec(ctx, `INSERT INTO faq_events (faq_id, kind, user_id, query, created_at) VALUES ($1, $2, $3, $4, $5)`,
		nullID(faqID), kind, nullID(userID), query, now.UnixMilli())
	return err
}

// FAQEventCounts counts FAQ events per kind since a time.
func (q *Q) FAQEventCounts(ctx context.Context, since time.Time) (map[string]int, error) {
	rows, err := q.query(ctx, `SELECT kind, count(*) FROM faq_events WHERE created_at >= $1 GROUP BY kind`, since.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}
