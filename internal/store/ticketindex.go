package store

import (
	"context"
	"fmt"
	"strings"

	"helpdesk/internal/model"
)

// TicketTerms is what one ticket is indexed under: the terms of its
// public text, and those found only in its internal notes.
type TicketTerms struct {
	ID        int64
	Public    []string
	StaffOnly []string
}

// IndexTickets records the terms of tickets, adding new terms to the
// dictionary. Each term of a ticket is stored once: a term already recorded
// is not written again, except that a public use of a term known only from
// notes makes it public. Indexing a ticket twice changes nothing.
//
// The blocks the tickets fall in are read, merged and written back; a
// block left as it was is not written.
func (q *Q) IndexTickets(ctx context.Context, docs []TicketTerms) error {
	var all []string
	for _, d := range docs {
		all = append(all, d.Public...)
		all = append(all, d.StaffOnly...)
	}
	ids, err := q.termIDs(ctx, all)
	if err != nil {
		return err
	}
	type key struct{ term, bucket int64 }
	type change struct{ public, notes block }
	changes := map[key]*change{}
	at := func(term, ticket int64) (*change, int) {
		k := key{term, bucketOf(ticket)}
		c := changes[k]
		if c == nil {
			c = &change{}
			changes[k] = c
		}
		return c, int(ticket - k.bucket<<blockBits)
	}
	for _, d := range docs {
		for _, t := range d.Public {
			c, off := at(ids[t], d.ID)
			c.public.add(off)
		}
		for _, t := range d.StaffOnly {
			c, off := at(ids[t], d.ID)
			c.notes.add(off)
		}
	}
	if err := q.lockPostings(ctx); err != nil {
		return err
	}
	byBucket := map[int64][]int64{}
	for k := range changes {
		byBucket[k.bucket] = append(byBucket[k.bucket], k.term)
	}
	var rows []postingRow
	for bucket, terms := range byBucket {
		old, err := q.readBlocks(ctx, bucket, terms)
		if err != nil {
			return err
		}
		for _, term := range terms {
			c := changes[key{term, bucket}]
			r := old[term]
			if r == nil {
				r = &postingRow{}
			}
			public, notes := r.public, r.notes
			public.or(&c.public)
			notes.or(&c.notes)
			notes.andNot(&public) // public use makes a term public for good
			if public == r.public && notes == r.notes {
				continue
			}
			rows = append(rows, postingRow{term: term, bucket: bucket, public: public, notes: notes})
		}
	}
	return q.writeBlocks(ctx, rows)
}

// postingRow is one block of ticket_postings, decoded.
type postingRow struct {
	term, bucket  int64
	public, notes block
}

// lockPostings makes concurrent indexers take turns on PostgreSQL (SQLite
// has one writer): each rewrites whole blocks, so two at once would lose
// one's ids, and every batch rewrites the newest blocks of the common
// terms, so they would queue on those rows anyway. One lock, held to the
// end of the transaction, cannot deadlock as row locks taken in two
// batches' orders could. The mode conflicts with itself and with writes,
// not with reads: searches go on meanwhile. It is the table's, so help
// desks in other schemas of the database do not wait for it.
func (q *Q) lockPostings(ctx context.Context) error {
	if q.d != Postgres {
		return nil
	}
	_, err := q.exec(ctx, `LOCK TABLE ticket_postings IN SHARE ROW EXCLUSIVE MODE`)
	return err
}

// readBlocks reads the blocks of terms in one bucket.
func (q *Q) readBlocks(ctx context.Context, bucket int64, terms []int64) (map[int64]*postingRow, error) {
	out := map[int64]*postingRow{}
	for len(terms) > 0 {
		n := min(len(terms), 500)
		args := []any{bucket}
		ph := make([]string, n)
		for i, t := range terms[:n] {
			args = append(args, t)
			ph[i] = fmt.Sprintf("$%d", i+2)
		}
		rows, err := q.query(ctx, `SELECT term_id, ids, notes FROM ticket_postings WHERE bucket = $1 AND term_id IN (`+
			strings.Join(ph, ", ")+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r := &postingRow{bucket: bucket}
			var public, notes []byte
			if err := rows.Scan(&r.term, &public, &notes); err != nil {
				rows.Close()
				return nil, err
			}
			if !decodeBlock(public, &r.public) || !decodeBlock(notes, &r.notes) {
				rows.Close()
				return nil, fmt.Errorf("ticket_postings (%d, %d): not a block", r.term, bucket)
			}
			out[r.term] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		terms = terms[n:]
	}
	return out, nil
}

// writeBlocks writes blocks whole, new or replacing.
func (q *Q) writeBlocks(ctx context.Context, rows []postingRow) error {
	const batch = 150
	for len(rows) > 0 {
		n := min(len(rows), batch)
		args := make([]any, 0, 6*n)
		for _, r := range rows[:n] {
			args = append(args, r.term, r.bucket, r.public.count(), r.notes.count(), r.public.encode(), r.notes.encode())
		}
		if _, err := q.exec(ctx, `INSERT INTO ticket_postings (term_id, bucket, n, notes_n, ids, notes) VALUES `+
			values(n, 6)+` ON CONFLICT (term_id, bucket) DO UPDATE SET n = excluded.n, notes_n = excluded.notes_n,
			ids = excluded.ids, notes = excluded.notes`, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// termIDs returns the dictionary ids of terms, adding those not there yet.
func (q *Q) termIDs(ctx context.Context, terms []string) (map[string]int64, error) {
	ids := map[string]int64{}
	var missing []string
	seen := map[string]bool{}
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			missing = append(missing, t)
		}
	}
	lookup := func(ts []string) ([]string, error) {
		var left []string
		for len(ts) > 0 {
			n := min(len(ts), 500)
			found, err := q.lookupTerms(ctx, ts[:n])
			if err != nil {
				return nil, err
			}
			for _, t := range ts[:n] {
				if id, ok := found[t]; ok {
					ids[t] = id
				} else {
					left = append(left, t)
				}
			}
			ts = ts[n:]
		}
		return left, nil
	}
	missing, err := lookup(missing)
	if err != nil || len(missing) == 0 {
		return ids, err
	}
	for ts := missing; len(ts) > 0; {
		n := min(len(ts), 500)
		args := make([]any, n)
		values := make([]string, n)
		for i, t := range ts[:n] {
			args[i], values[i] = t, fmt.Sprintf("($%d)", i+1)
		}
		if _, err := q.exec(ctx, `INSERT INTO search_terms (term) VALUES `+strings.Join(values, ", ")+
			` ON CONFLICT (term) DO NOTHING`, args...); err != nil {
			return nil, err
		}
		ts = ts[n:]
	}
	if missing, err = lookup(missing); err == nil && len(missing) > 0 {
		err = fmt.Errorf("search terms not recorded: %q", missing)
	}
	return ids, err
}

// lookupTerms returns the ids of the terms already in the dictionary.
func (q *Q) lookupTerms(ctx context.Context, terms []string) (map[string]int64, error) {
	args := make([]any, len(terms))
	ph := make([]string, len(terms))
	for i, t := range terms {
		args[i], ph[i] = t, fmt.Sprintf("$%d", i+1)
	}
	rows, err := q.query(ctx, `SELECT id, term FROM search_terms WHERE term IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		out[t] = id
	}
	return out, rows.Err()
}

// TicketText is the searchable text of a ticket, for indexing it whole.
type TicketText struct {
	ID                 int64
	Title, Description string
	Messages, Notes    []string
}

// QueueTicketIndex queues a ticket for (re)indexing, in the transaction of
// the change to its text. The upsert locks the queue row on PostgreSQL, so
// an indexer that has not yet read this change skips the row instead of
// dequeuing it.
func (q *Q) QueueTicketIndex(ctx context.Context, ticketID int64) error {
	q.queued++
	_, err := q.exec(ctx, `INSERT INTO ticket_index_queue (ticket_id) VALUES ($1)
		ON CONFLICT (ticket_id) DO UPDATE SET ticket_id = excluded.ticket_id`, ticketID)
	return err
}

// QueuedTickets takes up to n queued tickets, newest first, with their
// text; on PostgreSQL rows another indexer holds are skipped.
func (q *Q) QueuedTickets(ctx context.Context, n int) ([]TicketText, error) {
	lock := ""
	if q.d == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	rows, err := q.query(ctx, `SELECT ticket_id FROM ticket_index_queue ORDER BY ticket_id DESC LIMIT $1`+lock, n)
	if err != nil {
		return nil, err
	}
	var ids []any
	var ph []string
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
		ph = append(ph, fmt.Sprintf("$%d", len(ids)))
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	in := "(" + strings.Join(ph, ", ") + ")"
	out := make([]TicketText, 0, len(ids))
	at := map[int64]int{}
	for _, id := range ids {
		at[id.(int64)] = len(out)
		out = append(out, TicketText{ID: id.(int64)})
	}
	rows, err = q.query(ctx, `SELECT id, title, description FROM tickets WHERE id IN `+in, ids...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t TicketText
		if err := rows.Scan(&t.ID, &t.Title, &t.Description); err != nil {
			rows.Close()
			return nil, err
		}
		out[at[t.ID]].Title, out[at[t.ID]].Description = t.Title, t.Description
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.query(ctx, `SELECT ticket_id, kind, body FROM ticket_events
		WHERE ticket_id IN `+in+` AND kind IN ('message', 'note') ORDER BY id`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, body string
		if err := rows.Scan(&id, &kind, &body); err != nil {
			return nil, err
		}
		t := &out[at[id]]
		if kind == string(model.EventNote) {
			t.Notes = append(t.Notes, body)
		} else {
			t.Messages = append(t.Messages, body)
		}
	}
	return out, rows.Err()
}

// DequeueTickets removes indexed tickets from the queue.
func (q *Q) DequeueTickets(ctx context.Context, ids []int64) error {
	args := make([]any, len(ids))
	ph := make([]string, len(ids))
	for i, id := range ids {
		args[i], ph[i] = id, fmt.Sprintf("$%d", i+1)
	}
	_, err := q.exec(ctx, `DELETE FROM ticket_index_queue WHERE ticket_id IN (`+strings.Join(ph, ", ")+`)`, args...)
	return err
}

// QueuedTicketCount counts the tickets waiting to be indexed.
func (q *Q) QueuedTicketCount(ctx context.Context) (int, error) {
	var n int
	err := q.row(ctx, `SELECT count(*) FROM ticket_index_queue`).Scan(&n)
	return n, err
}
