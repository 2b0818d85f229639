package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"helpdesk/internal/model"
)

// bulkRows is how many rows one multi-row INSERT carries: well under both
// dialects' limits on bound parameters.
const bulkRows = 200

// values builds "($1, $2, …), (…)" for n rows of width columns.
func values(n, width int) string {
	var b strings.Builder
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range width {
			if c > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "$%d", r*width+c+1)
		}
		b.WriteByte(')')
	}
	return b.String()
}

// InsertTickets writes many tickets at once, numbers and timestamps as
// given (bulk loading: no counter is advanced, see SetCounter), and
// returns their ids by number.
func (q *Q) InsertTickets(ctx context.Context, ts []model.Ticket) (map[int64]int64, error) {
	ids := make(map[int64]int64, len(ts))
	for len(ts) > 0 {
		n := min(len(ts), bulkRows)
		args := make([]any, 0, n*18)
		for _, t := range ts[:n] {
			args = append(args, t.Number, t.Title, t.ModuleID, t.Type, t.Urgency, t.Priority, t.Description, t.Version,
				t.ReporterID, t.CompanyID, nullID(t.AssigneeID), string(t.Status), t.CreatedAt.UnixMilli(),
				t.UpdatedAt.UnixMilli(), ms(t.FirstResponseAt), ms(t.ResolvedAt), ms(t.ClosedAt), t.CC)
		}
		rows, err := q.query(ctx, `INSERT INTO tickets (number, title, module_id, type, urgency, priority, description,
			version, reporter_id, company_id, assignee_id, status, created_at, updated_at, first_response_at,
			resolved_at, closed_at, cc) VALUES `+values(n, 18)+` RETURNING id, number`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, number int64
			if err := rows.Scan(&id, &number); err != nil {
				rows.Close()
				return nil, err
			}
			ids[number] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ts = ts[n:]
	}
	return ids, nil
}

// InsertEvents appends many timeline entries at once (bulk loading).
func (q *Q) InsertEvents(ctx context.Context, evs []model.Event) error {
	for len(evs) > 0 {
		n := min(len(evs), bulkRows)
		args := make([]any, 0, n*7)
		for _, e := range evs[:n] {
			args = append(args, e.TicketID, e.AuthorID, string(e.Kind), e.Body, e.OldValue, e.NewValue, e.CreatedAt.UnixMilli())
		}
		if _, err := q.exec(ctx, `INSERT INTO ticket_events (ticket_id, author_id, kind, body, old_value, new_value, created_at)
			VALUES `+values(n, 7), args...); err != nil {
			return err
		}
		evs = evs[n:]
	}
	return nil
}

// SetCounter sets a named counter (after a bulk load, so NextNumber goes
// on from the last number loaded).
func (q *Q) SetCounter(ctx context.Context, name string, value int64) error {
	if seq := q.sequenceOf(name); seq != "" {
		_, err := q.exec(ctx, `SELECT setval('`+seq+`', $1, false)`, value+1)
		return err
	}
	_, err := q.exec(ctx, `INSERT INTO counters (name, value) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	return err
}

// TicketStorage is what tickets take on disk: the tickets and ticket_events
// tables with their indexes, the bytes of text in them (titles,
// descriptions, timeline bodies), and the ticket search index (dictionary,
// postings, outbox) with its indexes.
type TicketStorage struct {
	Tickets   int64
	Bytes     int64 // tickets and timeline, text included
	TextBytes int64
	Index     int64 // the search index
}

// TicketStorage measures the space tickets, their timelines and their
// search index take.
func (s *Store) TicketStorage(ctx context.Context) (TicketStorage, error) {
	var ts TicketStorage
	q := s.Read()
	searchTables := []string{"search_terms", "ticket_postings", "ticket_index_queue"}
	var size, index, text string
	switch s.dialect {
	case SQLite:
		// Checkpoint so every page is in the main file dbstat reads.
		if _, err := s.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return ts, err
		}
		size = `SELECT COALESCE(sum(pgsize), 0) FROM dbstat WHERE name IN ('tickets', 'ticket_events')
			OR name LIKE 'tickets\_%' ESCAPE '\' OR name LIKE 'ticket\_events\_%' ESCAPE '\'
			OR name LIKE 'sqlite\_autoindex\_tickets\_%' ESCAPE '\'`
		var names []string
		for _, t := range searchTables {
			names = append(names, fmt.Sprintf(`tbl_name = '%s'`, t))
		}
		// dbstat names each index; sqlite_schema knows whose it is.
		index = `SELECT COALESCE(sum(pgsize), 0) FROM dbstat WHERE name IN
			(SELECT name FROM sqlite_schema WHERE ` + strings.Join(names, " OR ") + `)`
		text = `SELECT (SELECT COALESCE(sum(length(CAST(title AS BLOB)) + length(CAST(description AS BLOB))), 0) FROM tickets)
			+ (SELECT COALESCE(sum(length(CAST(body AS BLOB))), 0) FROM ticket_events)`
	default:
		size = `SELECT pg_total_relation_size('tickets') + pg_total_relation_size('ticket_events')`
		var parts []string
		for _, t := range searchTables {
			parts = append(parts, fmt.Sprintf(`pg_total_relation_size('%s')`, t))
		}
		index = `SELECT ` + strings.Join(parts, " + ")
		text = `SELECT (SELECT COALESCE(sum(octet_length(title) + octet_length(description)), 0) FROM tickets)
			+ (SELECT COALESCE(sum(octet_length(body)), 0) FROM ticket_events)`
	}
	if err := q.row(ctx, `SELECT count(*) FROM tickets`).Scan(&ts.Tickets); err != nil {
		return ts, err
	}
	if err := q.row(ctx, size).Scan(&ts.Bytes); err != nil {
		return ts, fmt.Errorf("table sizes: %w", err)
	}
	if err := q.row(ctx, index).Scan(&ts.Index); err != nil {
		return ts, fmt.Errorf("search index size: %w", err)
	}
	if err := q.row(ctx, text).Scan(&ts.TextBytes); err != nil {
		return ts, err
	}
	return ts, nil
}

// Analyze refreshes PostgreSQL's planner statistics after a bulk load, as
// autovacuum would soon after; SQLite is left as the server keeps it.
func (s *Store) Analyze(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	_, err := s.write.ExecContext(ctx, `ANALYZE`)
	return err
}

// MaxEventID is the id of the newest timeline entry (0 when none).
func (q *Q) MaxEventID(ctx context.Context) (int64, error) {
	var id int64
	err := q.row(ctx, `SELECT COALESCE(max(id), 0) FROM ticket_events`).Scan(&id)
	return id, err
}

// TrimTo takes a generated data set back to how it was loaded: tickets
// numbered above number and timeline entries above eventID go, with their
// files, and so do FAQ usage events; the ticket counter goes back to
// number. Only for benchmark databases, which a run writes into. The
// foreign-key checks are off meanwhile (on PostgreSQL when the user is a
// superuser): the product never deletes tickets, and the checks of a
// deleted ticket's references took minutes on a large set.
func (s *Store) TrimTo(ctx context.Context, number, eventID int64) error {
	if s.dialect != SQLite {
		return s.Tx(ctx, func(q *Q) error {
			// The same on PostgreSQL, where a superuser may: each deleted
			// ticket's reference checks read the notifications (no index
			// by ticket or event), and a run leaves tens of thousands.
			var super string
			if err := q.row(ctx, `SELECT current_setting('is_superuser')`).Scan(&super); err != nil {
				return err
			}
			if super == "on" {
				if _, err := q.exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
					return err
				}
			}
			return q.trimTo(ctx, number, eventID)
		})
	}
	conn, err := s.write.Conn(ctx) // the single writer connection
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := (&Q{d: s.dialect, db: tx}).trimTo(ctx, number, eventID); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

func (q *Q) trimTo(ctx context.Context, number, eventID int64) error {
	both := []any{number, eventID}
	for _, d := range []struct {
		stmt string
		args []any
	}{
		// One condition a statement, so each runs on an index: an OR
		// scanned every timeline entry of a million tickets. Search
		// postings of the trimmed tickets stay (ticket_postings blocks
		// have no index by ticket to delete them with); a search joins
		// tickets, so a posting without its ticket finds nothing (on SQLite
		// a later ticket may reuse a trimmed id and inherit its postings:
		// this trim only ever runs on benchmark data).
		{`DELETE FROM notifications WHERE event_id > $1`, both[1:]},
		{`DELETE FROM notifications WHERE ticket_id IN (SELECT id FROM tickets WHERE number > $1)`, both[:1]},
		{`DELETE FROM ticket_index_queue WHERE ticket_id IN (SELECT id FROM tickets WHERE number > $1)`, both[:1]},
		{`DELETE FROM attachments WHERE event_id > $1`, both[1:]},
		{`DELETE FROM attachments WHERE ticket_id IN (SELECT id FROM tickets WHERE number > $1)`, both[:1]},
		{`DELETE FROM drafts WHERE ticket_id IN (SELECT id FROM tickets WHERE number > $1)`, both[:1]},
		{`DELETE FROM ticket_events WHERE id > $1`, both[1:]},
		{`DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE number > $1)`, both[:1]},
		{`DELETE FROM tickets WHERE number > $1`, both[:1]},
	} {
		if _, err := q.exec(ctx, d.stmt, d.args...); err != nil {
			return err
		}
	}
	if _, err := q.exec(ctx, `DELETE FROM faq_events`); err != nil {
		return err
	}
	return q.SetCounter(ctx, "ticket", number)
}
