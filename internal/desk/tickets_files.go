package desk

import (
	"context"
	"errors"

	"helpdesk/internal/model"
	"helpdesk/internal/store"
)

// OpenTicketWithFiles files a ticket with attachments on its creation
// event, all in one transaction, under the same limits as the wizard. A
// repeated idempotency key returns the ticket already filed and stores no
// file again.
func (d *Desk) OpenTicketWithFiles(ctx context.Context, actor model.User, n NewTicket, idemKey string, files []Upload) (model.Ticket, error) {
	atts, err := d.checkUploads(files, 0)
	if err != nil {
		v := &model.ValidationError{}
		addUploadError(v, "files", err)
		return model.Ticket{}, v
	}
	var t model.Ticket
	err = d.tx(ctx, func(q *store.Q) error {
		if idemKey != "" {
			if _, err := q.TicketByIdempotencyKey(ctx, ownKey(actor, idemKey)); err == nil {
				t, err = d.openTicket(ctx, q, actor, n, idemKey, 0)
				return err
			} else if !errors.Is(err, model.ErrNotFound) {
				return err
			}
		}
		var err error
		if t, err = d.openTicket(ctx, q, actor, n, idemKey, 0); err != nil {
			return err
		}
		evs, err := q.Events(ctx, t.ID, true)
		if err != nil || len(evs) == 0 {
			return errors.Join(err, errors.New("new ticket without its creation event"))
		}
		return d.storeUploads(ctx, q, atts, t.ID, evs[0].ID, 0, files)
	})
	if err != nil {
		return model.Ticket{}, err
	}
	return d.st.Read().TicketByNumber(ctx, store.Scope{}, t.Number)
}
