package desk

import (
	"context"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// tx runs fn in one write transaction and, once it is committed, wakes the
// job runner: whatever fn enqueued goes out without waiting for a poll.
func (d *Desk) tx(ctx context.Context, fn func(q *store.Q) error) error {
	queued := false
	err := d.st.Tx(ctx, func(q *store.Q) error {
		n := q.Queued() // on SQLite a Q may be shared by a group of transactions
		err := fn(q)
		queued = q.Queued() > n
		return err
	})
	if err != nil {
		return err
	}
	// Only work for the runner wakes it: a wake costs it a round of
	// claiming, a write transaction of its own, on every keystroke's FAQ
	// suggestion otherwise.
	if queued {
		d.wake()
	}
	return nil
}

// record appends an event to a ticket's timeline. Every ticket change goes
// through here, so what follows from an event (notifications, e-mail,
// webhooks, indexing) is written in the same transaction as the event.
func (d *Desk) record(ctx context.Context, q *store.Q, t *model.Ticket, e model.Event) (int64, error) {
	id, err := q.AddEvent(ctx, e)
	if err != nil {
		return 0, err
	}
	e.ID = id
	if err := d.notify(ctx, q, t, e); err != nil {
		return 0, err
	}
	return id, d.fanOut(ctx, q, t, e)
}
