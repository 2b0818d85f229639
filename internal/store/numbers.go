package store

import (
	"context"
	"database/sql"
	"errors"
)

// On PostgreSQL the "ticket" counter is the sequence ticket_numbers (see
// migration 0051): nextval does not hold a lock until commit, so creations
// run side by side; a rolled-back one leaves a gap. SQLite, with one
// writer, keeps a counters row and no gaps.
const (
	ticketCounter  = "ticket"
	ticketSequence = "ticket_numbers"
)

// sequenceOf names the PostgreSQL sequence behind a counter, or "".
func (q *Q) sequenceOf(name string) string {
	if q.d == Postgres && name == ticketCounter {
		return ticketSequence
	}
	return ""
}

// lastTicketNumber is the number the next ticket follows; ok is false
// when SQLite has issued none (its counter starts on first use).
func (q *Q) lastTicketNumber(ctx context.Context) (last int64, ok bool, err error) {
	if seq := q.sequenceOf(ticketCounter); seq != "" {
		var called bool
		err = q.row(ctx, `SELECT last_value, is_called FROM `+seq).Scan(&last, &called)
		if !called {
			last-- // last_value is the next number until nextval is called
		}
		return last, err == nil, err
	}
	err = q.row(ctx, `SELECT value FROM counters WHERE name = $1`, ticketCounter).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return last, err == nil, err
}
